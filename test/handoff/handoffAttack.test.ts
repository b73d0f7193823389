/**
 * The live handoff attacked as a hostile stranger and used as a careless operator would, through the real server (in
 * process, clock fixed on a Monday at 10:00 Italian time) with the Connector as the only stand-in (where the bot's
 * proactive messages to the worker land, and where it can refuse them):
 *
 * - a worker whose chat is gone (the tab closed past the local Direct Line's idle hour, Teams' bot removed: the
 *   Connector answers 403/404 for ever) is given up on: the end is not retried every second for ever, and the
 *   transcript the worker never consented to keep goes as it would have once told; a conversation still held then
 *   ends as the worker having left; a chat failing otherwise is retried, and given up an hour after the end;
 * - markup in an operator's reply (HTML, markdown) reaches the worker as text: Web Chat renders a markdown message's
 *   HTML (sanitized, but an <img> is fetched and shown) and Teams its markdown, so the reply goes as plain text;
 * - an acceptance repeated by the same operator (two tabs, a double click) answers the conversation and is audited
 *   once;
 * - a transcript kept with the worker's consent is read on its referral by its holder and staff: not through the
 *   handoff's messages by another operator who could see the request (any operator, when no pre-check gave a province);
 * - what the worker writes is read by the operator who took the conversation and by staff, as a referral's contact
 *   details by its claimer: not by the other operators who may see (and could have taken) the request;
 * - an operator whose account staff disabled no longer counts as available (said in Teams, it held for 8 hours): the
 *   worker is offered the call-back instead of waiting for nobody; one holding a conversation leaves it at the next
 *   sweep, as an operator gone silent does (the worker is told and offered the call-back), not HANDOFF_IDLE_MINUTES later;
 * - what the worker wrote leaves no copy in the store's files once deleted (the embedded store appends every change,
 *   so a deleted message stays in the file's superseded lines until it is compacted): at an ordinary end, when a held
 *   transcript nobody answered for expires, when a kept one reaches RETENTION_DAYS;
 * - and no line the server logs holds what either side wrote.
 */
import type { Activity } from 'botbuilder';
import type { Lead } from '../../models/leads/lead';
import type { Logger } from '../../models/logger';
import { GIVE_UP_AFTER_END_MS } from '../../models/handoff/handoffRelay';
import { BG_PROJECT, CO_PROJECT, call, injectApiBot, tokenFor, type InjectedApiBot } from '../api/helpers';
import { Chat, textOf } from '../support/botServer';
import { ConnectorStandIn } from '../teams/connectorStandIn';
import { aadId, personalChat, type TeamsUser } from '../teams/teamsChat';
import { PRESENCE_MS, TRANSCRIPT_HOLD_GRACE_MS, TRANSCRIPT_HOLD_MS } from '../../models/handoff/handoffService';
import { storedText } from '../support/storedData';
import { localeString as say } from '../support/localeStrings';

let api: InjectedApiBot;
let connector: ConnectorStandIn;
let staff: string;
let anna: string;
let bruno: string;
let carla: string;
let workers = 0;
/** every line the server logged, as JSON */
const logLines: string[] = [];

function recordingLogger(lines: string[]): Logger {
  const record = (level: string) => (fields: unknown, message?: string) => void lines.push(JSON.stringify({ level, fields, message }));
  const logger = { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error'), child: () => logger } as unknown as Logger;
  return logger;
}

/** A worker on Web Chat whose conversation reference points at the Connector stand-in (replies still come in the response). */
function worker(locale = 'it-IT'): { chat: Chat; say: (text: string) => Promise<Activity[]>; received: () => Array<Partial<Activity>> } {
  const chat = new Chat(api.bot, { locale, channelId: 'webchat', userId: `attack-worker-${++workers}` });
  return {
    chat,
    say: (text) => chat.post({ type: 'message', text, serviceUrl: connector.url }),
    received: () => connector.posts(chat.conversationId).map((p) => p.activity),
  };
}

/** A worker whose request `token`'s operator accepted, with one message each way; the relay has told the worker. */
async function acceptedConversation(token: string, workerText: string, operatorText: string) {
  const service = api.bot.handoffs.service;
  await call(api, 'PUT', '/api/handoffs/availability', token, { available: true });
  const w = worker();
  await w.say('voglio parlare con un operatore');
  const identity = { channel: 'webchat', userId: w.chat.userId };
  const open = await service.openFor(identity);
  if (!open) throw new Error('no request opened');
  expect((await call(api, 'POST', `/api/handoffs/${open._id}/accept`, token)).status).toBe(200);
  await w.say(workerText);
  expect((await call(api, 'POST', `/api/handoffs/${open._id}/messages`, token, { text: operatorText })).status).toBe(201);
  await api.bot.handoffs.relay.runOnce();
  return { w, identity, id: open._id };
}

/** The operator turns the conversation into a referral; the worker consents to it and to keeping the conversation, and sends it. */
async function keptWithReferral(token: string, w: ReturnType<typeof worker>, identity: { channel: string; userId: string }, id: string): Promise<Lead> {
  expect((await call(api, 'POST', `/api/handoffs/${id}/end`, token, { reason: 'referral' })).status).toBe(200);
  await api.bot.handoffs.relay.runOnce();
  // the worker consents to the referral and to keeping the conversation with it, and sends it
  expect(textOf(await w.say(say('it', 'referral.consentButtons.yes')))).toContain(say('it', 'referral.transcript.ask'));
  await w.say(say('it', 'referral.transcript.buttons.yes'));
  await w.say('Gino Ventilabro');
  await w.say(`347 765 ${4300 + workers}`);
  await w.say(say('it', 'referral.timeButtons.morning'));
  await w.say(say('it', 'eligibility.buttons.preferNotToSay'));
  await w.say(say('it', 'eligibility.buttons.dontKnow'));
  expect(textOf(await w.say(say('it', 'referral.summaryButtons.confirm')))).toContain(say('it', 'referral.transcript.attached'));
  const [lead] = await api.bot.domain.leads.findForWorker(identity);
  return lead;
}

beforeAll(async () => {
  connector = await new ConnectorStandIn().start();
  api = await injectApiBot({}, { logger: recordingLogger(logLines) });
  staff = await tokenFor(api, 'staff-attack', 'staff');
  anna = await tokenFor(api, 'anna-attack', 'operator', [BG_PROJECT]);
  bruno = await tokenFor(api, 'bruno-attack', 'operator', [BG_PROJECT]);
  carla = await tokenFor(api, 'carla-attack', 'operator', [CO_PROJECT]);
}, 60_000);
afterAll(async () => {
  connector.responder = () => undefined;
  await api.bot.stop();
  await connector.stop();
});

test('the worker\'s chat is gone (the Connector answers 404 for ever): given up on, and the transcript nobody consented to keep goes', async () => {
  const service = api.bot.handoffs.service;
  const { w, id } = await acceptedConversation(staff, 'Lavoravo alla Trafilerie Ornitorinco', 'Le scrivo il numero della sede.');
  // the worker closed the tab an hour ago: their conversation no longer exists where the bot posts
  connector.responder = (c) => (c.conversationId === w.chat.conversationId ? { status: 404 } : undefined);
  expect((await call(api, 'POST', `/api/handoffs/${id}/messages`, staff, { text: 'È ancora lì?' })).status).toBe(201);
  expect((await call(api, 'POST', `/api/handoffs/${id}/end`, staff, { reason: 'closed' })).status).toBe(200);
  const warnsBefore = logLines.filter((l) => l.includes('"warn"')).length;
  for (let pass = 0; pass < 5; pass++) await api.bot.handoffs.relay.runOnce();

  // nothing more to try: the chat's reference goes, and with it the messages (no consent was given)
  const ended = await service.get(id);
  expect(ended.reference).toBeUndefined();
  expect((await service.messagesSince(id, 0)).items).toEqual([]);
  // and nothing is tried again at every pass
  const attempts = connector.attempts.filter((c) => c.conversationId === w.chat.conversationId).length;
  await api.bot.handoffs.relay.runOnce();
  await api.bot.handoffs.relay.runOnce();
  expect(connector.attempts.filter((c) => c.conversationId === w.chat.conversationId)).toHaveLength(attempts);
  expect(logLines.filter((l) => l.includes('"warn"')).length - warnsBefore).toBeLessThanOrEqual(3);
}, 60_000);

test('the worker\'s chat is gone while an operator holds it: the conversation ends as the worker having left, so the operator is not writing to nobody', async () => {
  const service = api.bot.handoffs.service;
  const { w, id } = await acceptedConversation(staff, 'Buongiorno', 'Mi dica.');
  connector.responder = (c) => (c.conversationId === w.chat.conversationId ? { status: 403 } : undefined);
  expect((await call(api, 'POST', `/api/handoffs/${id}/messages`, staff, { text: 'È ancora lì?' })).status).toBe(201);
  await api.bot.handoffs.relay.runOnce();
  expect(await service.get(id)).toMatchObject({ status: 'ended', endReason: 'worker_left' });
  expect((await service.get(id)).reference).toBeUndefined();
  expect((await call<{ status: string }>(api, 'GET', `/api/handoffs/${id}/messages`, staff)).body.status).toBe('ended');
  expect((await call(api, 'POST', `/api/handoffs/${id}/messages`, staff, { text: 'Pronto?' })).status).toBe(409);
  expect((await service.messagesSince(id, 0)).items).toEqual([]);
  connector.responder = () => undefined;
}, 60_000);

test('a chat that fails otherwise (503) is retried, and given up an hour after the end: the transcript does not wait for ever', async () => {
  const service = api.bot.handoffs.service;
  const { w, id } = await acceptedConversation(staff, 'Lavoravo alla Cartiera Pangolino', 'La richiamiamo noi.');
  connector.responder = (c) => (c.conversationId === w.chat.conversationId ? { status: 503 } : undefined);
  expect((await call(api, 'POST', `/api/handoffs/${id}/end`, staff, { reason: 'closed' })).status).toBe(200);
  await api.bot.handoffs.relay.runOnce();
  await api.bot.handoffs.relay.runOnce();
  // a passing failure: the end is still to be told, the messages wait for it
  expect((await service.get(id)).reference).toBeDefined();
  expect((await service.messagesSince(id, 0)).items).toHaveLength(2);
  api.clock.advance(GIVE_UP_AFTER_END_MS + 1000);
  await api.bot.handoffs.relay.runOnce();
  expect((await service.get(id)).reference).toBeUndefined();
  expect((await service.messagesSince(id, 0)).items).toEqual([]);
  connector.responder = () => undefined;
}, 60_000);

test('markup in an operator\'s reply reaches the worker as text: plain, not markdown or HTML (an image fetched, a title, a link)', async () => {
  const markup = 'Guardi <b>qui</b> <img src="https://tracker.example/p.png"> **non grassetto** [link](https://evil.example)\n# non un titolo';
  const { w, id } = await acceptedConversation(staff, 'Buongiorno', markup);
  const reply = w.received().find((a) => (a.text ?? '').includes('Guardi'));
  expect(reply).toMatchObject({ type: 'message', textFormat: 'plain' });
  // exactly as typed, after the operator's name and role
  expect(reply?.text).toBe(`staff-attack (${say('it', 'handoff.roleStaff')}): ${markup}`);
  expect((await call(api, 'POST', `/api/handoffs/${id}/end`, staff, { reason: 'closed' })).status).toBe(200);
  await api.bot.handoffs.relay.runOnce();
});

test('accepted twice from two tabs (together, then again): both answer the conversation, and one acceptance is audited', async () => {
  const service = api.bot.handoffs.service;
  await call(api, 'PUT', '/api/handoffs/availability', anna, { available: true });
  const w = worker();
  await w.say('voglio parlare con un operatore');
  const open = await service.openFor({ channel: 'webchat', userId: w.chat.userId });
  if (!open) throw new Error('no request opened');
  const tabs = await Promise.all([1, 2].map(() => call<{ status: string }>(api, 'POST', `/api/handoffs/${open._id}/accept`, anna)));
  expect(tabs.map((t) => [t.status, t.body.status])).toEqual([[200, 'accepted'], [200, 'accepted']]);
  expect((await call(api, 'POST', `/api/handoffs/${open._id}/accept`, anna)).status).toBe(200);
  const audit = await api.bot.domain.audit.list({ action: 'handoff.accepted', target: `handoff:${open._id}` });
  expect(audit.items.map((e) => e.actor)).toEqual(['anna-attack']);
  expect((await call(api, 'POST', `/api/handoffs/${open._id}/end`, anna, { reason: 'closed' })).status).toBe(200);
  await api.bot.handoffs.relay.runOnce();
}, 60_000);

test('a transcript kept with a referral: another operator who could see the request reads none of it through the handoff', async () => {
  const service = api.bot.handoffs.service;
  // no pre-check: the province is not known, so every operator, Bergamo's and Como's, may see (and take) the request
  const { w, identity, id } = await acceptedConversation(anna, 'Mi chiamo Gino Ventilabro, ho lavorato a Dalmine', 'Ne parlo con il progetto.');
  const lead = await keptWithReferral(anna, w, identity, id);
  expect(await service.get(id)).toMatchObject({ transcriptKept: true, leadId: lead._id });

  // staff read it on the referral, and the operator who held the conversation in the handoff
  expect((await call<{ items: unknown[] }>(api, 'GET', `/api/referrals/${lead._id}/transcript`, staff)).body.items).toHaveLength(1);
  expect((await call<{ items: unknown[] }>(api, 'GET', `/api/handoffs/${id}/messages`, anna)).body.items).toHaveLength(2);
  // Como's operator, who was shown the request while it waited, may not read what the worker wrote
  expect((await call(api, 'GET', `/api/referrals/${lead._id}/transcript`, carla)).status).toBe(404);
  const bystander = await call<{ items: unknown[]; status: string }>(api, 'GET', `/api/handoffs/${id}/messages`, carla);
  expect(bystander.body).toMatchObject({ items: [], status: 'ended' });
  expect(JSON.stringify(bystander.body)).not.toContain('Ventilabro');
}, 60_000);

test('what the worker writes is read by the operator who took the conversation and staff: not by the others who may see the request', async () => {
  type Page = { items: Array<{ text: string }>; status: string };
  const service = api.bot.handoffs.service;
  await call(api, 'PUT', '/api/handoffs/availability', anna, { available: true });
  const w = worker();
  await w.say('voglio parlare con un operatore');
  const open = await service.openFor({ channel: 'webchat', userId: w.chat.userId });
  if (!open) throw new Error('no request opened');
  const id = open._id;
  await w.say('Sono Ugo Tapiroide, il mio numero è 347 000 1122');
  // waiting, no pre-check: Como's operator may take it, and sees what it is about (codes), not what the worker wrote
  expect((await call<Page>(api, 'GET', `/api/handoffs/${id}/messages`, carla)).body).toMatchObject({ items: [], status: 'waiting' });
  expect((await call(api, 'POST', `/api/handoffs/${id}/accept`, anna)).status).toBe(200);
  // taken by Anna: her colleague and Como's operator see who took it, not the conversation, also by long poll
  const poll = call<Page>(api, 'GET', `/api/handoffs/${id}/messages?after=0&waitSeconds=2`, carla);
  await w.say('Ho lavorato alla Tapiroide srl fino a marzo');
  expect((await poll).body).toMatchObject({ items: [], status: 'accepted' });
  expect((await call<Page>(api, 'GET', `/api/handoffs/${id}/messages`, bruno)).body.items).toEqual([]);
  expect((await call<{ operator: { name: string } }>(api, 'GET', `/api/handoffs/${id}`, carla)).body.operator.name).toBe('anna-attack');
  // the operator who holds it, and staff, read it all
  expect((await call<Page>(api, 'GET', `/api/handoffs/${id}/messages`, anna)).body.items.map((m) => m.text)).toEqual(['Sono Ugo Tapiroide, il mio numero è 347 000 1122', 'Ho lavorato alla Tapiroide srl fino a marzo']);
  expect((await call<Page>(api, 'GET', `/api/handoffs/${id}/messages`, staff)).body.items).toHaveLength(2);
  expect((await call(api, 'POST', `/api/handoffs/${id}/end`, anna, { reason: 'closed' })).status).toBe(200);
  await api.bot.handoffs.relay.runOnce();
}, 60_000);

test('an operator whose account was disabled no longer counts as available: the worker is offered the call-back, not a wait for nobody', async () => {
  const service = api.bot.handoffs.service;
  // nobody else is live (the console availabilities of the tests above lapse)
  api.clock.advance(PRESENCE_MS + 1000);
  const dario: TeamsUser = { id: '29:dario-attack', name: 'Dario Neri', aadObjectId: aadId(901) };
  await api.bot.domain.accounts.createAccount({ name: 'dario-attack', role: 'operator', projectIds: [BG_PROJECT], teamsAadObjectId: dario.aadObjectId });
  // said in Teams: it holds for hours, with no console polling
  expect(textOf(await personalChat(api.bot, dario).say('disponibile'))).toMatch(/sei disponibile/);
  expect(await service.anyoneAvailableFor({ province: 'BG' })).toBe(true);

  expect((await call(api, 'PATCH', '/api/accounts/dario-attack', staff, { disabled: true })).status).toBe(200);
  expect(await service.anyoneAvailableFor({ province: 'BG' })).toBe(false);
  const w = worker();
  const answer = textOf(await w.say('voglio parlare con un operatore'));
  expect(answer).toContain(say('it', 'handoff.liveUnavailable'));
  expect(answer).not.toContain(say('it', 'handoff.connecting', { minutes: 2 }));
  expect(await service.openFor({ channel: 'webchat', userId: w.chat.userId })).toBeNull();
}, 60_000);

test('an operator disabled while holding a conversation: it ends at the next sweep as if they went silent, the worker told and offered the call-back', async () => {
  const service = api.bot.handoffs.service;
  const elena = await tokenFor(api, 'elena-attack', 'operator', [BG_PROJECT]);
  const { w, id } = await acceptedConversation(elena, 'Buongiorno, ho una domanda', 'Mi dica pure.');
  expect((await call(api, 'PATCH', '/api/accounts/elena-attack', staff, { disabled: true })).status).toBe(200);
  // her token no longer works: nobody will answer this worker
  expect((await call(api, 'POST', `/api/handoffs/${id}/messages`, elena, { text: 'Ci sono' })).status).toBe(401);
  await api.bot.handoffs.sweep.runOnce();
  expect(await service.get(id)).toMatchObject({ status: 'ended', endReason: 'operator_idle' });
  await api.bot.handoffs.relay.runOnce();
  const told = (w.received().at(-1)?.text ?? '');
  expect(told).toContain(say('it', 'handoff.operatorIdle'));
  expect(told).toContain(say('it', 'handoff.callBackAsk'));
}, 60_000);

test('the referral\'s consent withdrawn: the conversation kept with it goes too, with no copy left (held already; kept as a guard)', async () => {
  const service = api.bot.handoffs.service;
  const { w, identity, id } = await acceptedConversation(staff, 'Lavoravo alla Conceria Okapi', 'La segnalo al progetto.');
  const lead = await keptWithReferral(staff, w, identity, id);
  expect((await call<{ items: unknown[] }>(api, 'GET', `/api/referrals/${lead._id}/transcript`, staff)).body.items).toHaveLength(1);
  expect(textOf(await w.say('ritiro il consenso'))).toMatch(/ritirato il tuo consenso/);
  expect((await call<{ items: unknown[] }>(api, 'GET', `/api/referrals/${lead._id}/transcript`, staff)).body.items).toEqual([]);
  expect((await service.messagesSince(id, 0)).items).toEqual([]);
  expect(await service.get(id)).toMatchObject({ transcriptKept: false });
  expect((await storedText(api.bot)).includes('Okapi')).toBe(false);
}, 60_000);

test('an ordinary end: once the worker is told, no copy of what they wrote is left in the store\'s files', async () => {
  const service = api.bot.handoffs.service;
  const { id } = await acceptedConversation(staff, 'Lavoravo alla Vetreria Capibara', 'Capito, la saluto.');
  expect((await call(api, 'POST', `/api/handoffs/${id}/end`, staff, { reason: 'closed' })).status).toBe(200);
  await api.bot.handoffs.relay.runOnce();
  expect((await service.get(id)).reference).toBeUndefined();
  expect((await service.messagesSince(id, 0)).items).toEqual([]);
  const stored = await storedText(api.bot);
  expect(stored.includes('Capibara')).toBe(false);
  expect(stored.includes('la saluto')).toBe(false);
}, 60_000);

test('the sweep\'s deletions leave no copy either: a held transcript nobody answered for, a kept one past RETENTION_DAYS', async () => {
  const service = api.bot.handoffs.service;
  // a call-back offered at the end, never answered: held, then deleted by the sweep
  const held = await acceptedConversation(staff, 'Lavoravo alla Ceramica Formichiere', 'La faccio richiamare.');
  expect((await call(api, 'POST', `/api/handoffs/${held.id}/end`, staff, { reason: 'referral' })).status).toBe(200);
  await api.bot.handoffs.relay.runOnce();
  expect((await service.get(held.id)).transcriptHeldUntil).toBeDefined();
  // kept with a referral: deleted RETENTION_DAYS after the end
  const kept = await acceptedConversation(staff, 'Lavoravo alla Filanda Armadillo', 'Ne parlo con il progetto.');
  await keptWithReferral(staff, kept.w, kept.identity, kept.id);

  api.clock.advance(TRANSCRIPT_HOLD_MS + TRANSCRIPT_HOLD_GRACE_MS + 1000);
  await api.bot.handoffs.sweep.runOnce();
  expect((await service.messagesSince(held.id, 0)).items).toEqual([]);
  expect((await storedText(api.bot)).includes('Formichiere')).toBe(false);

  expect((await service.messagesSince(kept.id, 0)).items).toHaveLength(2);
  api.clock.advance((api.bot.config.retentionDays + 1) * 24 * 60 * 60_000);
  expect((await api.bot.handoffs.sweep.runOnce()).transcriptsErased).toBeGreaterThanOrEqual(1);
  expect((await service.messagesSince(kept.id, 0)).items).toEqual([]);
  expect((await storedText(api.bot)).includes('Armadillo')).toBe(false);
}, 60_000);

test('no line the server logged in all of the above holds what a worker or an operator wrote', () => {
  expect(logLines.length).toBeGreaterThan(0);
  const logs = logLines.join('\n');
  for (const written of ['Okapi', 'Ornitorinco', 'Le scrivo il numero', 'Pangolino', 'tracker.example', 'Ventilabro', 'Tapiroide', '347 000 1122', 'Capibara', 'Formichiere', 'Armadillo']) expect(logs).not.toContain(written);
});
