/**
 * Lead takeover attempts through the real server, as an attacker would make them: a new chat completes a referral
 * giving a victim's phone, e-mail, or both, on web chat (Direct Line channel) and on Teams (personal chat, another
 * AAD user). The attacker's chat never shows the victim's code, name or data; "i miei dati" there shows only the
 * attacker's own lead; "cancella i miei dati" there leaves the victim's lead unchanged; operators see both leads
 * marked as possible duplicates. On the embedded store always, and on MongoDB when MONGODB_URI is set (there the
 * attack with both contacts, which runs both of the store's lookups, and the same identity submitting again).
 */
import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import type { ReferralDetail } from '../../bot/api/views';
import type { Lead } from '../../models/leads/lead';
import { userKeyOf } from '../../models/leads/leadService';
import type { MongoStore } from '../../models/store/mongo/mongoStore';
import { botStoreEnvs } from '../support/adapters';
import { Chat, buttonsOf, textOf } from '../support/botServer';
import { injectTestBot, type InjectedBot } from '../support/injectServer';
import { aadId, BOT } from '../teams/teamsChat';

const NOW = new Date('2026-06-15T10:00:00Z');
const PROJECT = 'esempio-bg-metalmeccanico';
const REFERENCE = /AR-[2-9A-HJ-NP-Z]{5}/;

/** One chat identity on one channel: what it says and what it reads back. */
interface Worker {
  join(): Promise<void>;
  say(text: string): Promise<Activity[]>;
  /** the channel's user id the lead should be keyed by (on Teams the AAD object id) */
  ownerId: string;
  channel: string;
}

function webChat(bot: InjectedBot): Worker {
  const chat = new Chat(bot, { channelId: 'directline' });
  return { join: async () => void (await chat.join()), say: (text) => chat.say(text), ownerId: chat.userId, channel: 'directline' };
}

let teamsUsers = 100;
function teamsChat(bot: InjectedBot): Worker {
  teamsUsers += 1;
  const user = { id: `29:user-${randomUUID()}`, name: 'Persona Teams', aadObjectId: aadId(teamsUsers) };
  const chat = new Chat(bot, { channelId: 'msteams', userId: user.id });
  const overrides: Partial<Activity> = {
    from: user,
    recipient: BOT,
    conversation: { id: `a:personal-${randomUUID()}`, isGroup: false, conversationType: 'personal', name: '', tenantId: 'tenant-1' },
    channelData: { tenant: { id: 'tenant-1' } },
  };
  return {
    join: async () => void (await chat.post({ ...overrides, type: 'conversationUpdate', membersAdded: [user, BOT] })),
    say: (text) => chat.post({ ...overrides, type: 'message', text }),
    ownerId: user.aadObjectId,
    channel: 'msteams',
  };
}

async function sayText(worker: Worker, text: string): Promise<string> {
  return textOf(await worker.say(text));
}

/** The whole journey: pre-check in Bergamo for `firm`, consent, name, contacts, time, confirm. Returns every reply. */
async function refer(worker: Worker, person: { name: string; firm: string; contact: string }): Promise<{ transcript: string; done: string }> {
  await worker.join();
  const replies: string[] = [];
  for (const line of ['Posso partecipare?', 'Treviglio', 'Cassa integrazione straordinaria', 'Lavoro ancora lì, ma rischio di perdere il posto', 'Sì, sono previsti esuberi', person.firm, 'Metalmeccanico']) {
    replies.push(await sayText(worker, line));
  }
  replies.push(await sayText(worker, 'Voglio essere ricontattato'));
  expect(replies.at(-1)).toMatch(/Acconsenti/);
  for (const line of ['Acconsento', person.name, person.contact, 'Pomeriggio']) replies.push(await sayText(worker, line));
  expect(replies.at(-1)).toContain(person.name);
  const done = await sayText(worker, 'Conferma');
  replies.push(done);
  return { transcript: replies.join('\n'), done };
}

/** The lead as stored, without the operators' duplicate marks (the one thing another identity may change). */
function withoutMarks(lead: Lead): Omit<Lead, 'possibleDuplicates'> {
  const { possibleDuplicates: _marks, ...rest } = lead;
  return rest;
}

const ATTACKS = [
  { label: 'phone only', contact: (v: Victim) => `chiamami al ${v.phoneTyped}`, gives: { phone: true, email: false } },
  { label: 'e-mail only', contact: (v: Victim) => v.email.toUpperCase(), gives: { phone: false, email: true } },
  { label: 'phone and e-mail', contact: (v: Victim) => `${v.phoneTyped} oppure ${v.email}`, gives: { phone: true, email: true } },
] as const;

interface Victim {
  name: string;
  firm: string;
  phoneTyped: string;
  phone: string;
  email: string;
}

const CHANNELS = [
  { channel: 'web chat (Direct Line)', open: webChat },
  { channel: 'Teams', open: teamsChat },
] as const;

describe.each(botStoreEnvs('takeover'))('no lead takeover by phone or e-mail, on the $name store (the built server in process)', ({ name, env }) => {
  let bot: InjectedBot;
  let staffToken: string;
  let operatorToken: string;
  let victims = 0;

  beforeAll(async () => {
    bot = await injectTestBot({ TEAMS_OUTBOX_POLL_MS: '0', ...env() }, { clock: () => NOW });
    staffToken = (await bot.domain.accounts.createAccount({ name: 'staff-takeover', role: 'staff' })).token;
    operatorToken = (await bot.domain.accounts.createAccount({ name: 'op-takeover', role: 'operator', projectIds: [PROJECT] })).token;
  });
  afterAll(async () => {
    if (name === 'mongodb') await (bot.store as MongoStore).dropDatabase();
    await bot.stop();
  });

  async function detail(id: string, token: string): Promise<ReferralDetail> {
    const response = await bot.fetch(`${bot.url}/api/referrals/${id}`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    return (await response.json()) as ReferralDetail;
  }

  // On MongoDB, of the three attacks the one giving both contacts: the store's part (LeadRepository
  // .findOpenByContactKeys) is one query by phone key and one by e-mail key, and this attack runs both; the phone-only
  // and e-mail-only attacks differ from it in the dialog and the service, which run alike on the embedded store.
  const attacks = name === 'mongodb' ? ATTACKS.filter((attack) => attack.gives.phone && attack.gives.email) : ATTACKS;

  describe.each(CHANNELS)('on $channel', ({ open }) => {
    test.each(attacks)('an attacker giving the victim\'s $label', async (attack) => {
      victims += 1;
      const n = String(victims).padStart(2, '0');
      const victim: Victim = {
        name: `Vittoria Vittima${n}`,
        firm: `Vittima${n} Meccanica srl`,
        phoneTyped: `347 555 01${n}`,
        phone: `+3934755501${n}`,
        email: `vittoria.vittima${n}@example.org`,
      };
      // ---- the victim refers themselves, with phone and e-mail
      const victimChat = open(bot);
      const victimDone = (await refer(victimChat, { name: victim.name, firm: victim.firm, contact: `${victim.phoneTyped} e ${victim.email}` })).done;
      const victimRef = REFERENCE.exec(victimDone)?.[0] ?? '';
      expect(victimRef).not.toBe('');
      const victimLead = await bot.domain.leads.getByReference(victimRef);
      expect(victimLead.contact).toMatchObject({ name: victim.name, phone: victim.phone, email: victim.email });
      expect(victimLead.userKeys).toEqual([userKeyOf({ channel: victimChat.channel, userId: victimChat.ownerId })]);
      // its events are published right after the reply (LeadService.submit, events 'after'): settled before the snapshot
      await bot.domain.leads.publicationsSettled();
      const before = withoutMarks(await bot.domain.leads.get(victimLead._id));

      // ---- the attacker, another chat identity, gives the victim's contacts
      const attacker = open(bot);
      const { transcript, done } = await refer(attacker, { name: 'Attilio Attaccante', firm: 'Altra Officina srl', contact: attack.contact(victim) });
      expect(done).not.toMatch(/Avevi già una richiesta aperta/);
      expect(done).toMatch(/La tua richiesta è registrata/);
      const attackerRef = REFERENCE.exec(done)?.[0] ?? '';
      expect(attackerRef).not.toBe('');
      expect(attackerRef).not.toBe(victimRef);
      for (const secret of [victimRef, victim.name, victim.firm]) expect(transcript).not.toContain(secret);
      const attackerLead = await bot.domain.leads.getByReference(attackerRef);
      expect(withoutMarks(await bot.domain.leads.get(victimLead._id))).toEqual(before);

      // ---- operators see both, each marked as the other's possible duplicate
      const staffView = await detail(victimLead._id, staffToken);
      expect(staffView.possibleDuplicates.map((d) => d.id)).toEqual([attackerLead._id]);
      expect((await detail(attackerLead._id, staffToken)).possibleDuplicates.map((d) => d.reference)).toEqual([victimRef]);
      // both leads are in the Bergamo metalworking project, so its operator sees the marks too
      expect((await detail(attackerLead._id, operatorToken)).possibleDuplicates.map((d) => d.id)).toEqual([victimLead._id]);

      // ---- "i miei dati" in the attacker's chat: only the attacker's own lead
      const mine = await sayText(attacker, 'i miei dati');
      expect(mine).toContain(attackerRef);
      expect(mine).toContain('Attilio Attaccante');
      for (const secret of [victimRef, victim.name, victim.firm]) expect(mine).not.toContain(secret);
      if (!attack.gives.email) expect(mine).not.toContain(victim.email);
      if (!attack.gives.phone) expect(mine).not.toContain(victim.phone);

      // ---- "cancella i miei dati" in the attacker's chat: the victim's lead is unchanged
      const ask = await attacker.say('cancella i miei dati');
      expect(buttonsOf(ask)).toContain('Sì, cancella');
      expect(textOf(ask)).not.toContain(victimRef);
      expect(await sayText(attacker, 'Sì, cancella')).toMatch(/ho cancellato/);
      expect((await bot.domain.leads.get(attackerLead._id)).status).toBe('erased');
      const after = await bot.domain.leads.get(victimLead._id);
      expect(withoutMarks(after)).toEqual(before);
      expect(after.status).toBe('new');
      // the erased lead is no longer offered as a duplicate
      expect((await detail(victimLead._id, staffToken)).possibleDuplicates).toEqual([]);

      // ---- the victim still sees all of their own data
      const theirs = await sayText(victimChat, 'i miei dati');
      for (const own of [victimRef, victim.name, victim.firm, victim.phone, victim.email]) expect(theirs).toContain(own);
    }, 120_000);
  });

  test.each(CHANNELS)('on $channel: the same identity submitting again updates its own lead ("Avevi già una richiesta aperta")', async ({ open }) => {
    const worker = open(bot);
    const first = REFERENCE.exec((await refer(worker, { name: 'Stessa Persona', firm: 'Stessa Officina srl', contact: '347 555 0199' })).done)?.[0];
    const again = await refer(worker, { name: 'Stessa Persona', firm: 'Stessa Officina srl', contact: 'stessa.persona@example.org' });
    expect(again.done).toMatch(/Avevi già una richiesta aperta/);
    expect(again.done).toContain(first);
    const lead = await bot.domain.leads.getByReference(first ?? '');
    expect(lead.contact).toMatchObject({ phone: '+393475550199', email: 'stessa.persona@example.org' });
  }, 120_000);
});
