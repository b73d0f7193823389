import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunningBot } from '../../bot/index';
import { LeadRepository } from '../../models/leads/leadRepository';
import { EmbeddedStore } from '../../models/store/embedded/embeddedStore';
import { tempDir } from '../support/adapters';
import { Chat, buttonsOf, startTestBot } from '../support/botServer';
import { startChildBot } from '../support/childBot';
import { eventually } from '../support/eventually';

const NOW = new Date('2026-06-15T10:00:00Z');

/** A worker who passes the pre-check in Bergamo (a sample project covers metalworking there) and asks for a call. */
async function precheckThenReferral(chat: Chat): Promise<void> {
  await chat.join();
  for (const line of ['Posso partecipare?', 'Treviglio', 'Cassa integrazione straordinaria', 'Lavoro ancora lì, ma rischio di perdere il posto', 'Sì, sono previsti esuberi', 'Rossi Meccanica srl', 'Metalmeccanico']) await chat.say(line);
  expect(await chat.sayText('Voglio essere ricontattato')).toMatch(/Acconsenti/);
}

async function fillContact(chat: Chat, contact = 'chiamami al 333 123 4567'): Promise<string> {
  await chat.say('Acconsento');
  await chat.say('Mario Rossi');
  await chat.say(contact);
  return chat.sayText('Pomeriggio');
}

describe('referral in the chat (real server)', () => {
  let bot: RunningBot;
  let webhook: http.Server;
  const notices: unknown[] = [];

  beforeAll(async () => {
    webhook = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        notices.push(JSON.parse(body));
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', () => resolve()));
    const port = (webhook.address() as AddressInfo).port;
    bot = await startTestBot({ REFERRAL_WEBHOOK_URL: `http://127.0.0.1:${port}/hook` }, { clock: () => NOW });
  });
  afterAll(async () => {
    await bot.stop();
    await new Promise((r) => webhook.close(r));
  });

  test('consent, contacts, summary, confirmation with a reference code; the lead is matched and notified without personal data', async () => {
    const chat = new Chat(bot);
    await precheckThenReferral(chat);
    const summary = await fillContact(chat);
    expect(summary).toMatch(/Mario Rossi/);
    expect(summary).toMatch(/\+393331234567/);
    expect(summary).toMatch(/Rossi Meccanica srl/);
    const done = await chat.sayText('Conferma');
    const reference = /AR-[2-9A-HJ-NP-Z]{5}/.exec(done)?.[0];
    expect(reference).toBeDefined();
    expect(done).toMatch(/\[ESEMPIO\]/);

    const lead = await bot.domain.leads.getByReference(reference ?? '');
    expect(lead).toMatchObject({ status: 'new', contact: { name: 'Mario Rossi', phone: '+393331234567', preferredTime: 'Pomeriggio' }, employer: { name: 'Rossi Meccanica srl', sector: 'metalmeccanico' } });
    expect(lead?.precheck).toMatchObject({ outcome: 'likely_eligible', rulesVersion: 'ar-2018.2', answers: { province: 'BG', crisisKind: 'CIGS', situation: 'AT_RISK' } });
    expect(lead?.consent.noticeVersion).toMatch(/^privacy-/);
    expect(lead?.consent.textHash).toMatch(/^[0-9a-f]{64}$/);
    expect(lead?.projectId).toBeTruthy();

    const notice = await eventually(() => notices.find((n) => (n as { reference?: string }).reference === reference), { what: 'the webhook notice' });
    expect(notice).toMatchObject({ type: 'referral.new', province: 'BG', sector: 'metalmeccanico' });
    expect(JSON.stringify(notice)).not.toMatch(/Mario|3331234567/);
  });

  test('no consent: nothing is stored, and the worker is told how to proceed', async () => {
    const before = (await bot.domain.leads.list({ role: 'staff' }, {}, { limit: 100 })).items.length;
    const chat = new Chat(bot);
    await precheckThenReferral(chat);
    const answer = await chat.sayText('Non acconsento');
    expect(answer).toMatch(/non ho salvato nessun dato/);
    expect((await bot.domain.leads.list({ role: 'staff' }, {}, { limit: 100 })).items.length).toBe(before);
  });

  test('the worker fixes a field from the summary; an invalid contact is asked again', async () => {
    const chat = new Chat(bot);
    await precheckThenReferral(chat);
    await chat.say('Acconsento');
    await chat.say('Anna Bianchi');
    expect(await chat.sayText('boh non so')).toMatch(/Non ho trovato un numero di telefono/);
    await chat.say('anna.bianchi@example.org');
    expect(await chat.sayText('Sera')).toMatch(/anna\.bianchi@example\.org/);
    await chat.say('Modifica nome');
    expect(await chat.sayText('Anna Maria Bianchi')).toMatch(/Nome: Anna Maria Bianchi/);
  });

  test('the same chat user again (new conversation) updates their open lead; another chat user with the same phone gets a lead of their own', async () => {
    const first = new Chat(bot);
    await precheckThenReferral(first);
    await fillContact(first, '347 555 0101');
    const done = await first.sayText('Conferma');
    const reference = /AR-[2-9A-HJ-NP-Z]{5}/.exec(done)?.[0];
    const sameUser = new Chat(bot, { userId: first.userId });
    await precheckThenReferral(sameUser);
    await fillContact(sameUser, '+39 347 5550101');
    const again = await sameUser.sayText('Conferma');
    expect(again).toMatch(/Avevi già una richiesta aperta/);
    expect(again).toContain(reference);
    // the same phone from another chat user: never told that a lead exists (see takeover.test.ts)
    const other = new Chat(bot);
    await precheckThenReferral(other);
    await fillContact(other, '+39 347 5550101');
    const separate = await other.sayText('Conferma');
    expect(separate).not.toMatch(/Avevi già una richiesta aperta/);
    expect(separate).not.toContain(reference);
    const otherReference = /AR-[2-9A-HJ-NP-Z]{5}/.exec(separate)?.[0] ?? '';
    const lead = await bot.domain.leads.getByReference(reference ?? '');
    expect(lead.possibleDuplicates).toEqual([(await bot.domain.leads.getByReference(otherReference))._id]);
  });

  test('"i miei dati" shows what is stored; "cancella i miei dati" leaves a tombstone without personal data', async () => {
    const chat = new Chat(bot);
    await precheckThenReferral(chat);
    await fillContact(chat, 'luca.verdi@example.org');
    const reference = /AR-[2-9A-HJ-NP-Z]{5}/.exec(await chat.sayText('Conferma'))?.[0] ?? '';
    expect(await chat.sayText('i miei dati')).toMatch(/luca\.verdi@example\.org/);
    const ask = await chat.say('cancella i miei dati');
    expect(buttonsOf(ask)).toContain('Sì, cancella');
    expect(await chat.sayText('Sì, cancella')).toMatch(/ho cancellato/);
    const lead = await bot.domain.leads.getByReference(reference);
    expect(lead?.status).toBe('erased');
    expect(JSON.stringify(lead)).not.toMatch(/luca|Mario Rossi|Rossi Meccanica/i);
    expect(await chat.sayText('i miei dati')).toMatch(/Non ho dati personali/);
  });

  test('a worker found not eligible is not referred', async () => {
    const chat = new Chat(bot);
    await chat.join();
    for (const line of ['Posso partecipare?', 'Parma', 'chiusura', 'sono disoccupato', 'Non ricordo']) await chat.say(line);
    expect(await chat.sayText('Voglio essere ricontattato')).toMatch(/non posso inoltrare una richiesta/);
  });

  test('English: the same journey in English', async () => {
    const chat = new Chat(bot, { locale: 'en-US' });
    await chat.join();
    expect(await chat.sayText('I want to be contacted')).toMatch(/Do you consent/);
    await chat.say('I consent');
    await chat.say('John Smith');
    await chat.say('john.smith@example.org');
    await chat.say('Morning');
    await chat.say('Prefer not to say');
    expect(await chat.sayText("Don't know")).toMatch(/Do you confirm/);
    expect(await chat.sayText('Confirm')).toMatch(/Reference code: \*\*AR-/);
  });
});

describe('durability', () => {
  test('a lead confirmed to the worker is on disk even if the process is killed right after', async () => {
    const dataDir = await tempDir('adr-crash-');
    const running = await startChildBot({ DATA_DIR: dataDir });
    let reference: string | undefined;
    try {
      const chat = new Chat(running);
      await chat.join();
      expect(await chat.sayText('Voglio essere ricontattato')).toMatch(/Acconsenti/);
      await chat.say('Acconsento');
      await chat.say('Giulia Neri');
      await chat.say('giulia.neri@example.org');
      await chat.say('Mattina');
      await chat.say('Preferisco non dirlo');
      await chat.say('Non lo so');
      const done = await chat.sayText('Conferma');
      reference = /AR-[2-9A-HJ-NP-Z]{5}/.exec(done)?.[0];
      running.child.kill('SIGKILL');
    } finally {
      running.child.kill('SIGKILL');
      await running.exited;
    }
    expect(reference).toBeDefined();
    const store = await EmbeddedStore.open(dataDir);
    try {
      const leads = await LeadRepository.open(store);
      const lead = await leads.findByReference(reference ?? '');
      expect(lead?.contact?.email).toBe('giulia.neri@example.org');
    } finally {
      await store.close();
    }
  }, 150000);
});
