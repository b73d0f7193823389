/**
 * "Ritiro il consenso" (issue 15), through the real server and checked on the store: before sending, nothing is
 * stored; after sending, the referral is closed with reason `withdrawn`, its personal data erased as for "cancella
 * i miei dati", a history entry says the worker withdrew it, and the operators' queue of closed leads shows it.
 */
import { Chat, textOf } from '../support/botServer';
import { injectTestBot, type InjectedBot } from '../support/injectServer';

/** A referral sent from a pre-check in Bergamo for a metalworking firm; returns its reference code. */
async function sendReferral(chat: Chat, firm: string): Promise<string> {
  await chat.join();
  for (const line of ['Posso partecipare?', 'Treviglio', 'Cassa integrazione straordinaria', 'Lavoro ancora lì, ma rischio di perdere il posto', 'Sì, sono previsti esuberi', firm, 'Metalmeccanico', 'Voglio essere ricontattato', 'Acconsento', 'Giulia Ferri', '333 765 4321', 'Mattina']) await chat.say(line);
  const done = await chat.sayText('Conferma');
  const reference = /AR-[2-9A-HJ-NP-Z]{5}/.exec(done)?.[0];
  expect(reference).toBeDefined();
  return reference ?? '';
}

describe('consent withdrawn (real server, embedded store)', () => {
  let bot: InjectedBot;
  beforeAll(async () => {
    bot = await injectTestBot();
  });
  afterAll(async () => {
    await bot?.stop();
  });

  test.each([
    ['ritiro il consenso', /ritirato il tuo consenso/],
    ['Revoco', /ritirato il tuo consenso/],
    ['non voglio più essere contattata', /ritirato il tuo consenso/],
  ])('after sending, «%s» closes the referral as withdrawn and erases its personal data', async (say, confirmation) => {
    const chat = new Chat(bot);
    const reference = await sendReferral(chat, `Ritiro ${Math.random().toString(36).slice(2, 8)} srl`);
    const reply = textOf(await chat.say(say));
    expect(reply).toMatch(confirmation);
    expect(reply).toContain(reference);
    const lead = await bot.domain.leads.getByReference(reference);
    expect(lead.status).toBe('closed');
    expect(lead.contact).toBeUndefined();
    expect(lead.employer).toBeUndefined();
    expect(lead.conversationRef).toBeUndefined();
    expect(lead.history.at(-1)).toMatchObject({ by: 'worker', action: 'status_changed', to: 'closed', reason: 'withdrawn' });
    // the operators' queue lists it among the closed ones, without the person
    const queue = await bot.domain.leads.list({ role: 'staff' }, { status: 'closed' });
    expect(queue.items.map((l) => l.reference)).toContain(reference);
    // the worker no longer owns anything: "i miei dati" has nothing, and a second withdrawal finds nothing
    expect(await bot.domain.leads.findForWorker({ channel: 'emulator', userId: chat.userId })).toHaveLength(0);
    expect(await chat.sayText('ritiro il consenso')).toMatch(/nessun consenso da ritirare/);
  });

  test.each([
    ['at the name', ['Voglio essere ricontattato', 'Acconsento'], 'ritiro il consenso'],
    ['at the time', ['Voglio essere ricontattato', 'Acconsento', 'Paolo Neri', '333 111 2222'], 'revoco'],
    ['at the summary', ['Voglio essere ricontattato', 'Acconsento', 'Paolo Neri', '333 111 2222', 'Sera', 'Ditta Prova srl', 'Edilizia'], 'non voglio più essere contattato'],
  ])('before sending (%s) nothing is stored, and the worker is told so', async (_where, lines, say) => {
    const chat = new Chat(bot);
    await chat.join();
    for (const line of lines) await chat.say(line);
    const reply = await chat.sayText(say);
    expect(reply).toMatch(/non è stata inviata e non ho salvato nessun tuo dato/);
    expect(reply).not.toMatch(/Riepilogo|Acconsenti/i);
    expect(await bot.domain.leads.findForWorker({ channel: 'emulator', userId: chat.userId })).toHaveLength(0);
    // the referral is over: "Conferma" now sends nothing
    await chat.say('Conferma');
    expect(await bot.domain.leads.findForWorker({ channel: 'emulator', userId: chat.userId })).toHaveLength(0);
  });
});
