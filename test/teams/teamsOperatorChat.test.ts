/**
 * A Teams operator takes a live handoff by the channel's card and holds it from their personal (1:1) chat with the
 * bot, through the real server: the worker on Web Chat through the bot's own Direct Line, Teams through the Connector
 * stand-in, every Teams activity sent as Teams sends it (personal conversation, tenant, aadObjectId, no
 * `deliveryMode`, invokes answered in the HTTP response). The worker's messages arrive once in the operator's chat
 * (never in the channel), the operator's there reach the worker with name and role, typing goes both ways, the
 * conversation ends by the card's buttons or by command (Italian and English), a chat never remembered is opened
 * through the Connector, a chat already holding a conversation sends the next one to the console, and nobody else's
 * chat reaches the worker. On MongoDB (MONGODB_URI set: CI's FerretDB), two instances relay each message once.
 *
 * The worker's messages leave her chat when the transcript goes without their consent (the stand-in records each
 * DELETE, and answers 404 for an activity not there): an ordinary end, a held transcript declined or left unanswered,
 * "cancella i miei dati" (during the conversation, or after a consent that kept it) delete every relayed one once and
 * she reads one line why; with consent they stay; 429/503 are retried, 403 given up; two instances on MongoDB delete
 * each once.
 */
import type { Activity } from 'botbuilder';
import type { OperatorRef } from '../../models/handoff/handoff';
import { readLocaleResources } from '../../models/i18n';
import type { MongoStore } from '../../models/store/mongo/mongoStore';
import { HANDOFF_ACCEPT_VERB } from '../../models/teams/handoffCards';
import { TRANSCRIPT_HOLD_GRACE_MS, TRANSCRIPT_HOLD_MS } from '../../models/handoff/handoffService';
import { BG_PROJECT, startApiBot, type ApiBot } from '../api/helpers';
import { DirectLineWorker } from '../support/directLineWorker';
import { eventually } from '../support/eventually';
import { cardTexts } from './cardText';
import { ConnectorStandIn, type ConnectorCall } from './connectorStandIn';
import { aadId, ChannelMember, TeamsPersonalChat, type TeamsUser } from './teamsChat';
import { freshMongoUri } from '../support/storeFiles';

const CHANNEL = '19:operator-chat@thread.tacv2';
const anna: TeamsUser = { id: '29:anna-oc', name: 'Anna Bianchi', aadObjectId: aadId(401) };
const bea: TeamsUser = { id: '29:bea-oc', name: 'Beatrice Verdi', aadObjectId: aadId(402) };
const dario: TeamsUser = { id: '29:dario-oc', name: 'Dario Gialli', aadObjectId: aadId(403) };
const elena: TeamsUser = { id: '29:elena-oc', name: 'Elena Rosa', aadObjectId: aadId(404) };
const stranger: TeamsUser = { id: '29:nobody-oc', name: 'Nessuno', aadObjectId: aadId(405) };

const strings = readLocaleResources();
function it(key: string, vars: Record<string, string | number> = {}): string {
  const template = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], strings.it) as string;
  return Object.entries(vars).reduce((s, [name, v]) => s.replace(`{{${name}}}`, String(v)), template);
}
const operatorLine = (name: string, text: string): string => it('handoff.operatorSays', { name, role: it('handoff.roleOperator'), text });

function cardText(activity: Partial<Activity> | undefined): string {
  return cardTexts((activity?.attachments ?? []).map((a) => a.content)).map((t) => t.text).join('\n');
}

function invokeCardText(body: unknown): string {
  return cardTexts([(body as { value?: unknown }).value]).map((t) => t.text).join('\n');
}

/** What the bot sent a Teams conversation through the Connector: messages' text and cards' text, in order. */
function said(connector: ConnectorStandIn, conversationId: string): string[] {
  return connector.posts(conversationId).map((p) => (p.activity.type === 'typing' ? '<typing>' : p.activity.text ?? cardText(p.activity)));
}

/** The card the operator's chat got when the conversation was attached (its buttons' verbs with it). */
function chatCard(connector: ConnectorStandIn, conversationId: string, handoffId: string): ConnectorCall | undefined {
  return connector.posts(conversationId).find((p) => JSON.stringify(p.activity).includes(`"handoffId":"${handoffId}"`));
}

interface Session {
  api: ApiBot;
  connector: ConnectorStandIn;
}

/** A worker on Web Chat asks for a person; the request's card is posted in the channel. */
async function workerAsks({ api, connector }: Session): Promise<{ worker: DirectLineWorker; handoffId: string; cardId: string }> {
  const worker = await DirectLineWorker.open(api.url);
  await worker.say('voglio parlare con un operatore');
  await worker.waitFor((a) => (a.text ?? '').includes(it('handoff.connecting', { minutes: 2 }).slice(0, 40)), 'the worker told an operator is looked for');
  const handoffId = await eventually(async () => (await api.bot.handoffs.service.waitingRequests()).find((h) => (h.reference?.conversation as { id?: string } | undefined)?.id === worker.conversationId)?._id, { what: 'the request' });
  const cardId = await eventually(
    async () => {
      api.bot.handoffs.cards.kick();
      await api.bot.handoffs.cards.idle();
      const delivery = (await api.bot.handoffs.cards.deliveriesFor(handoffId)).find((d) => d.conversationId === CHANNEL);
      return delivery?.activityId;
    },
    { what: 'the card in the channel' },
  );
  return { worker, handoffId, cardId };
}

/** "Rispondi" on the channel's card, as Teams sends the invoke; the answer card's text. */
async function acceptByCard({ api, connector }: Session, user: TeamsUser, handoffId: string, cardId: string): Promise<string> {
  const { status, body } = await new ChannelMember(api.bot, user, CHANNEL, connector.url).invoke('adaptiveCard/action', { action: { type: 'Action.Execute', id: 'a', verb: HANDOFF_ACCEPT_VERB, data: { handoffId } }, trigger: 'manual' }, cardId);
  expect(status).toBe(200);
  expect(body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
  return invokeCardText(body);
}

describe('a Teams operator holds the conversation from their personal chat (embedded store)', () => {
  const session = {} as Session;
  const latencies: { toOperator: number[]; toWorker: number[] } = { toOperator: [], toWorker: [] };

  beforeAll(async () => {
    session.connector = await new ConnectorStandIn().start();
    session.api = await startApiBot({ TEAMS_OUTBOX_POLL_MS: '0', PUBLIC_URL: 'http://localhost:3978' });
    for (const [name, user] of [['op-anna', anna], ['op-bea', bea], ['op-dario', dario], ['op-elena', elena]] as const) {
      await session.api.bot.domain.accounts.createAccount({ name, role: 'operator', projectIds: [BG_PROJECT], teamsAadObjectId: user.aadObjectId });
    }
    expect(await new ChannelMember(session.api.bot, anna, CHANNEL, session.connector.url).say(`collega progetto ${BG_PROJECT}`)).toMatch(/arriveranno/);
  }, 60_000);
  afterAll(async () => {
    if (process.env.REPORT_LATENCY) process.stderr.write(`handoff latency (ms) worker->Teams operator ${JSON.stringify(latencies.toOperator)}; Teams operator->worker ${JSON.stringify(latencies.toWorker)}\n`);
    await session.api.bot.stop();
    await session.connector.stop();
  });

  test('accepted by card: who and what, then each worker message once in the 1:1 chat; the replies reach Web Chat with name and role; typing both ways; handed back by the button', async () => {
    const { api, connector } = session;
    const annaChat = new TeamsPersonalChat(api.bot, anna, connector.url);
    // "disponibile" in her personal chat: answered there through the Connector, and the chat remembered
    await annaChat.say('disponibile');
    expect(said(connector, annaChat.conversationId).join('\n')).toMatch(/sei disponibile per le richieste/);

    const { worker, handoffId, cardId } = await workerAsks(session);
    await worker.say('Ho perso il lavoro a febbraio');
    const answer = await acceptByCard(session, anna, handoffId, cardId);
    expect(answer).toContain('Hai preso la conversazione');
    expect(answer).toContain('Continua nella tua chat privata con me');
    expect(connector.created).toHaveLength(0); // her chat was remembered: none opened

    // in her chat: the card (who and what, three buttons), then the worker's message written while waiting
    const first = 'Lavoratore: Ho perso il lavoro a febbraio';
    await eventually(() => said(connector, annaChat.conversationId).includes(first), { what: 'the waiting message in the operator chat' });
    const card = chatCard(connector, annaChat.conversationId, handoffId);
    const text = cardText(card?.activity);
    expect(text).toContain('Conversazione con un lavoratore');
    expect(text).toContain('Italiano (it)');
    expect(text).toMatch(/come «op-anna»/);
    expect(text).not.toMatch(/febbraio/);
    const verbs = JSON.stringify(card?.activity).match(/"verb":"handoff\.[a-z]+"/g);
    expect(verbs).toEqual(['"verb":"handoff.close"', '"verb":"handoff.return"', '"verb":"handoff.referral"']);
    const lines = said(connector, annaChat.conversationId);
    expect(lines.indexOf(first)).toBeGreaterThan(lines.findIndex((l) => l.includes('Conversazione con un lavoratore')));
    // the worker was told a person joined
    await worker.waitFor((a) => a.text === it('handoff.joined', { name: 'op-anna', role: it('handoff.roleOperator') }), 'the joined notice');

    // worker -> operator -> worker, three rounds, timed through the real server
    for (let round = 1; round <= 3; round++) {
      const question = `Domanda numero ${round}: mi sente?`;
      const asked = Date.now();
      await worker.say(question);
      await eventually(() => said(connector, annaChat.conversationId).includes(`Lavoratore: ${question}`), { what: `worker message ${round} in the operator chat`, everyMs: 10 });
      latencies.toOperator.push(Date.now() - asked);
      const reply = `Sì, la sento (${round}). Mi dica pure.`;
      const replied = Date.now();
      await annaChat.say(reply);
      await worker.waitFor((a) => a.text === operatorLine('op-anna', reply), `operator reply ${round} on Web Chat`);
      latencies.toWorker.push(Date.now() - replied);
    }
    for (const ms of [...latencies.toOperator, ...latencies.toWorker]) expect(ms).toBeLessThan(8000);

    // typing: Teams' typing activity in her chat reaches the worker; the worker's typing reaches her chat
    await annaChat.typing();
    await worker.waitFor((a) => a.type === 'typing', 'the operator typing on Web Chat');
    const typingBefore = connector.posts(annaChat.conversationId).filter((p) => p.activity.type === 'typing').length;
    await worker.send({ type: 'typing' });
    await eventually(() => connector.posts(annaChat.conversationId).filter((p) => p.activity.type === 'typing').length > typingBefore, { what: 'the worker typing in the operator chat' });

    // more passes of the relay (as another instance's would be) send nothing again
    await api.bot.handoffs.relay.runOnce();
    await api.bot.handoffs.relay.runOnce();
    const texts = said(connector, annaChat.conversationId);
    for (const message of [first, 'Lavoratore: Domanda numero 1: mi sente?', 'Lavoratore: Domanda numero 3: mi sente?']) expect(texts.filter((t) => t === message)).toHaveLength(1);
    expect(texts.filter((t) => t.includes('Conversazione con un lavoratore'))).toHaveLength(1);
    // nothing the worker wrote went to the channel, where the whole team reads
    expect(connector.posts(CHANNEL).map((p) => JSON.stringify(p.activity)).join('\n')).not.toMatch(/febbraio|mi sente/);

    // "Restituisci al bot", clicked on that card in her chat (an invoke as Teams sends it: no deliveryMode)
    const { status, body } = await annaChat.execute('handoff.return', { handoffId }, card?.activityId);
    expect(status).toBe(200);
    expect(body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(invokeCardText(body)).toContain("Fatto: il lavoratore è di nuovo con l'assistente virtuale");
    expect(JSON.stringify(body)).not.toMatch(/"verb"/);
    expect((await api.bot.handoffs.service.get(handoffId)).endReason).toBe('returned_to_bot');
    await worker.waitFor((a) => a.text === it('handoff.returned', { name: 'op-anna' }), 'the worker told they are back with the bot');
    // the chat has let go of the conversation: the relay forgot it and, with no consent, its messages are gone
    await eventually(async () => (await api.bot.handoffs.service.get(handoffId)).operatorChat === undefined, { what: 'the operator chat let go' });
    // (both chats let go: the worker's too, once the relay has told them the end, which may land just after)
    await eventually(async () => (await api.bot.handoffs.service.messagesSince(handoffId, 0)).items.length === 0, { what: 'the messages gone once both chats let go' });
    // the button's answer was the end's notice in her chat: not told twice
    expect(said(connector, annaChat.conversationId).filter((t) => /restituito il lavoratore/.test(t))).toEqual([]);
    // what she writes now goes to the bot as any chat, not to the worker
    const seenBefore = worker.fromBot().length;
    await annaChat.say('Un ultimo saluto');
    await worker.poll();
    expect(worker.fromBot().slice(seenBefore).map((a) => a.text)).not.toContain(operatorLine('op-anna', 'Un ultimo saluto'));
  }, 90_000);

  test('nobody else reaches the worker: a stranger, another operator, or someone posting into her chat; nor another operator\'s buttons', async () => {
    const { api, connector } = session;
    const annaChat = new TeamsPersonalChat(api.bot, anna, connector.url);
    const { worker, handoffId, cardId } = await workerAsks(session);
    expect(await acceptByCard(session, anna, handoffId, cardId)).toContain('Continua nella tua chat privata con me');
    await eventually(() => chatCard(connector, annaChat.conversationId, handoffId), { what: 'the card in her chat' });

    // a Teams user with no operator account, in their own chat
    await new TeamsPersonalChat(api.bot, stranger, connector.url).say('Salve, sono io il suo operatore');
    // another operator of the same project, in her own chat, by text and by the button with this request's id
    const beaChat = new TeamsPersonalChat(api.bot, bea, connector.url);
    await beaChat.say('Buongiorno, sono la collega');
    const foreign = await beaChat.execute('handoff.close', { handoffId });
    expect(invokeCardText(foreign.body)).toContain('Questa conversazione non è tua o non esiste');
    // malformed ids: a clear answer, nothing read
    for (const data of [{}, { handoffId: '../../etc' }, { handoffId: 42 }]) {
      const { status, body } = await annaChat.execute('handoff.close', data);
      expect({ data, status }).toEqual({ data, status: 200 });
      expect(invokeCardText(body)).toMatch(/non esiste o non è dei tuoi progetti/);
    }
    // the stranger sending into Anna's conversation (her chat's id, their own identity)
    await new TeamsPersonalChat(api.bot, stranger, connector.url, { conversationId: annaChat.conversationId }).say('Mi passi il lavoratore');
    // the same with a linked operator's identity
    await new TeamsPersonalChat(api.bot, bea, connector.url, { conversationId: annaChat.conversationId }).say('Scrivo al posto di Anna');

    const handoff = await api.bot.handoffs.service.get(handoffId);
    expect(handoff.status).toBe('accepted');
    expect((await api.bot.handoffs.service.messagesSince(handoffId, 0)).items.filter((m) => m.from === 'operator')).toEqual([]);
    await api.bot.handoffs.relay.runOnce();
    await worker.poll();
    expect(worker.fromBot().map((a) => a.text ?? '').join('\n')).not.toMatch(/suo operatore|collega|passi il lavoratore|al posto di Anna/);
    // the stranger was answered by the bot as any worker in Teams
    expect(said(connector, `a:personal-${stranger.id}`).length).toBeGreaterThan(0);

    // Anna herself ends it with "fine"
    await annaChat.say('fine');
    expect(said(connector, annaChat.conversationId)).toContain('Fatto: conversazione chiusa. Il lavoratore è stato avvisato.');
    await worker.waitFor((a) => a.text === it('handoff.ended', { name: 'op-anna' }), 'the worker told it was closed');
    expect((await api.bot.handoffs.service.get(handoffId)).endReason).toBe('closed');
  }, 60_000);

  test('turned into a referral by command, in English: the worker is asked the referral\'s consent; a click after the end says it is over', async () => {
    const { api, connector } = session;
    const annaEn = new TeamsPersonalChat(api.bot, anna, connector.url, { locale: 'en-US' });
    const { worker, handoffId, cardId } = await workerAsks(session);
    await acceptByCard(session, anna, handoffId, cardId);
    await eventually(() => chatCard(connector, annaEn.conversationId, handoffId), { what: 'the card in her chat' });
    // "fine" is Italian for "end": written in English it is a reply, and goes to the worker
    await annaEn.say('Fine.');
    await worker.waitFor((a) => a.text === operatorLine('op-anna', 'Fine.'), 'the English "Fine." as a reply');
    expect((await api.bot.handoffs.service.get(handoffId)).status).toBe('accepted');
    await annaEn.say('Referral');
    expect(said(connector, annaEn.conversationId)).toContain('Done: the bot now asks the worker for contact details for a call-back (the pre-check\'s answers are already in the referral).');
    expect((await api.bot.handoffs.service.get(handoffId)).endReason).toBe('referral');
    await worker.waitFor((a) => (a.text ?? '').startsWith(it('handoff.referralNoPrecheck', { name: 'op-anna' })), 'the worker offered the referral');
    // the card's button after the end: the card says it is over, nothing changes
    const late = await annaEn.execute('handoff.close', { handoffId }, chatCard(connector, annaEn.conversationId, handoffId)?.activityId);
    expect(late.status).toBe(200);
    expect(invokeCardText(late.body)).toContain('This conversation is already over');
    expect((await api.bot.handoffs.service.get(handoffId)).endReason).toBe('referral');
  }, 60_000);

  test('an operator whose chat the bot never saw: the chat is opened through the Connector, and the conversation goes on there', async () => {
    const { api, connector } = session;
    const { worker, handoffId, cardId } = await workerAsks(session);
    await worker.say('Sono in cassa integrazione');
    expect(await acceptByCard(session, dario, handoffId, cardId)).toContain('Continua nella tua chat privata con me');
    const opened = connector.created.filter((c) => JSON.stringify(c.parameters.members).includes(dario.id));
    expect(opened).toHaveLength(1);
    expect(opened[0].parameters).toMatchObject({ isGroup: false, tenantId: 'tenant-1', channelData: { tenant: { id: 'tenant-1' } }, members: [{ id: dario.id }] });
    const darioChat = new TeamsPersonalChat(api.bot, dario, connector.url, { conversationId: opened[0].id });
    await eventually(() => said(connector, darioChat.conversationId).includes('Lavoratore: Sono in cassa integrazione'), { what: 'the worker message in the opened chat' });
    await darioChat.say('Buongiorno, sono Dario.');
    await worker.waitFor((a) => a.text === operatorLine('op-dario', 'Buongiorno, sono Dario.'), 'the reply from the opened chat');
    await darioChat.say('restituisci al bot');
    await worker.waitFor((a) => a.text === it('handoff.returned', { name: 'op-dario' }), 'handed back by command');
  }, 60_000);

  test('a chat already holding a conversation: the second one taken goes on in the console; a chat that cannot be opened: the console too', async () => {
    const { api, connector } = session;
    const beaChat = new TeamsPersonalChat(api.bot, bea, connector.url);
    await beaChat.say('disponibile');
    const one = await workerAsks(session);
    expect(await acceptByCard(session, bea, one.handoffId, one.cardId)).toContain('Continua nella tua chat privata con me');
    const two = await workerAsks(session);
    const busy = await acceptByCard(session, bea, two.handoffId, two.cardId);
    expect(busy).toContain("La tua chat privata con me tiene già un'altra conversazione");
    expect(busy).toContain(`http://localhost:3978/console#handoff/${two.handoffId}`);
    await two.worker.say('Io sono il secondo lavoratore');
    await one.worker.say('Io sono il primo lavoratore');
    await eventually(() => said(connector, beaChat.conversationId).includes('Lavoratore: Io sono il primo lavoratore'), { what: 'the first worker in her chat' });
    await api.bot.handoffs.relay.runOnce();
    expect(said(connector, beaChat.conversationId)).not.toContain('Lavoratore: Io sono il secondo lavoratore');
    // what she writes in her chat goes to the conversation it holds, the first
    await beaChat.say('Rispondo al primo');
    await one.worker.waitFor((a) => a.text === operatorLine('op-bea', 'Rispondo al primo'), 'the first worker answered');
    expect((await api.bot.handoffs.service.messagesSince(two.handoffId, 0)).items.map((m) => m.text)).toEqual(['Io sono il secondo lavoratore']);

    // the Connector refusing to open a chat (the app not installed for her): the answer sends her to the console
    connector.responder = (call) => (call.method === 'CREATE' ? { status: 403 } : undefined);
    try {
      const three = await workerAsks(session);
      const refused = await acceptByCard(session, elena, three.handoffId, three.cardId);
      expect(refused).toContain(`Rispondi al lavoratore dalla console, nella conversazione: http://localhost:3978/console#handoff/${three.handoffId}`);
      expect((await api.bot.handoffs.service.get(three.handoffId)).operatorChat).toBeUndefined();
    } finally {
      connector.responder = () => undefined;
    }
  }, 90_000);

  test('a chat the Connector says is gone (the app removed for her): let go of, the conversation stays in the console, and her next card opens a new chat', async () => {
    const { api, connector } = session;
    const elenaChat = new TeamsPersonalChat(api.bot, elena, connector.url);
    await elenaChat.say('disponibile');
    connector.responder = (call) => (call.method === 'POST' && call.conversationId === elenaChat.conversationId ? { status: 403 } : undefined);
    try {
      const first = await workerAsks(session);
      expect(await acceptByCard(session, elena, first.handoffId, first.cardId)).toContain('Continua nella tua chat privata con me');
      await eventually(async () => (await api.bot.handoffs.service.get(first.handoffId)).operatorChat === undefined, { what: 'the gone chat let go of' });
      expect((await api.bot.handoffs.service.get(first.handoffId)).status).toBe('accepted');
      await api.bot.handoffs.service.end(first.handoffId, await operatorOf(api, elena), 'closed');
    } finally {
      connector.responder = () => undefined;
    }
    const opened = connector.created.length;
    const second = await workerAsks(session);
    expect(await acceptByCard(session, elena, second.handoffId, second.cardId)).toContain('Continua nella tua chat privata con me');
    expect(connector.created.slice(opened).map((c) => (c.parameters.members as Array<{ id: string }>)[0].id)).toEqual([elena.id]);
  }, 60_000);
});

/** The ids (as the Connector gave them) of the worker's messages the bot posted in an operator's chat. */
function relayedIds(connector: ConnectorStandIn, conversationId: string): string[] {
  return connector.posts(conversationId).filter((p) => (p.activity.text ?? '').startsWith('Lavoratore: ')).map((p) => p.postedId ?? '');
}

/** The activities the bot deleted in that chat (answered 200), in order. */
function deletedIds(connector: ConnectorStandIn, conversationId: string): string[] {
  return connector.deletes(conversationId).map((c) => c.activityId ?? '');
}

/**
 * One turn of the worker on Web Chat: what the bot answered (the local Direct Line takes the turn before it answers).
 * A post refused by the Direct Line's rate limit (a burst of 10, then one every 2 s) is sent again after the wait.
 */
async function turn(worker: DirectLineWorker, text: string): Promise<string> {
  const before = worker.fromBot().length;
  for (let attempt = 1; ; attempt++) {
    try {
      await worker.say(text);
      break;
    } catch (err) {
      if (attempt >= 4 || !/answered 429/.test((err as Error).message)) throw err;
      await new Promise((resolve) => setTimeout(resolve, 2100));
    }
  }
  await worker.poll();
  return worker.fromBot().slice(before).map((a) => a.text ?? '').join('\n');
}

/** A conversation taken by card into the operator's chat, with the worker's messages relayed there. */
async function heldConversation(session: Session, user: TeamsUser, texts: readonly string[]): Promise<{ worker: DirectLineWorker; handoffId: string; chat: TeamsPersonalChat }> {
  const { api, connector } = session;
  const chat = new TeamsPersonalChat(api.bot, user, connector.url);
  await chat.say('disponibile');
  const { worker, handoffId, cardId } = await workerAsks(session);
  await worker.say(texts[0]);
  expect(await acceptByCard(session, user, handoffId, cardId)).toContain('Continua nella tua chat privata con me');
  for (const text of texts.slice(1)) await worker.say(text);
  await eventually(() => texts.every((t) => said(connector, chat.conversationId).includes(`Lavoratore: ${t}`)), { what: 'the worker messages in the operator chat' });
  return { worker, handoffId, chat };
}

describe('the worker\'s messages leave the operator\'s Teams chat with the transcript, when the worker did not consent to keep it', () => {
  const session = {} as Session;
  const removed = it('teams.handoff.chat.removed');
  const [fabio, gina, ivo, luca, marta, nadia] = [501, 502, 503, 504, 505, 506].map((n, i): TeamsUser => ({ id: `29:retract-${i}`, name: `Operatore ${i}`, aadObjectId: aadId(n) }));

  beforeAll(async () => {
    session.connector = await new ConnectorStandIn().start();
    session.api = await startApiBot({ TEAMS_OUTBOX_POLL_MS: '0', PUBLIC_URL: 'http://localhost:3978', TEAMS_RETRY_BASE_MS: '200' });
    for (const [name, user] of [['op-fabio', fabio], ['op-gina', gina], ['op-ivo', ivo], ['op-luca', luca], ['op-marta', marta], ['op-nadia', nadia]] as const) {
      await session.api.bot.domain.accounts.createAccount({ name, role: 'operator', projectIds: [BG_PROJECT], teamsAadObjectId: user.aadObjectId });
    }
    expect(await new ChannelMember(session.api.bot, fabio, CHANNEL, session.connector.url).say(`collega progetto ${BG_PROJECT}`)).toMatch(/arriveranno/);
  }, 60_000);
  afterAll(async () => {
    await session.api.bot.stop();
    await session.connector.stop();
  });

  /** Every relayed worker message deleted once, the line saying why once; what stands in the chat holds nothing the worker wrote. */
  async function expectRetracted(chat: TeamsPersonalChat, handoffId: string, words: RegExp): Promise<void> {
    const { api, connector } = session;
    const relayed = relayedIds(connector, chat.conversationId);
    expect(relayed.length).toBeGreaterThan(0);
    await eventually(() => deletedIds(connector, chat.conversationId).length >= relayed.length && said(connector, chat.conversationId).includes(removed), { what: 'the relayed messages deleted and the line', withinMs: 20_000 });
    // more passes of the relay and of the retractions (as another instance's would be) delete nothing again
    await api.bot.handoffs.relay.runOnce();
    api.bot.handoffs.retractions.kick();
    await api.bot.handoffs.retractions.idle();
    expect([...deletedIds(connector, chat.conversationId)].sort()).toEqual([...relayed].sort());
    expect(said(connector, chat.conversationId).filter((t) => t === removed)).toHaveLength(1);
    const standing = connector.standing(chat.conversationId).map((p) => p.activity.text ?? cardText(p.activity));
    expect(standing.join('\n')).not.toMatch(words);
    expect(standing.filter((t) => t.startsWith('Lavoratore:'))).toEqual([]);
    // what stays: the card with who and what (codes), and the bot's own lines
    expect(standing.some((t) => t.includes('Conversazione con un lavoratore'))).toBe(true);
    expect((await api.bot.handoffs.retractions.rowsOf(handoffId)).map((r) => r.status)).toEqual(Array(relayed.length + 1).fill('done'));
    const handoff = await api.bot.handoffs.service.get(handoffId);
    expect(handoff.relayedActivityIds).toBeUndefined();
    expect(handoff.relayedTo).toBeUndefined();
  }

  /** The operator turns it into a referral; the worker consents to it and to keeping the conversation with it. */
  async function keptWithReferral(chat: TeamsPersonalChat, worker: DirectLineWorker, operatorName: string): Promise<void> {
    await chat.say('segnalazione');
    await worker.waitFor((a) => (a.text ?? '').startsWith(it('handoff.referralNoPrecheck', { name: operatorName })), 'the referral offered');
    expect(await turn(worker, it('referral.consentButtons.yes'))).toContain(it('referral.transcript.ask'));
    expect(await turn(worker, it('referral.transcript.buttons.yes'))).toContain(it('referral.ask.name'));
    expect(await turn(worker, 'Mario Rossi')).toContain(it('referral.ask.contact'));
    expect(await turn(worker, '347 765 4321')).toContain(it('referral.ask.time'));
    await turn(worker, it('referral.timeButtons.morning'));
    await turn(worker, it('eligibility.buttons.preferNotToSay'));
    expect(await turn(worker, it('eligibility.buttons.dontKnow'))).toContain('Mario Rossi');
    expect(await turn(worker, it('referral.summaryButtons.confirm'))).toContain(it('referral.transcript.attached'));
  }

  test('an ordinary end (closed by "fine"): every worker message relayed to her chat is deleted there once, and she reads one line why', async () => {
    const { connector } = session;
    const { worker, handoffId, chat } = await heldConversation(session, fabio, ['Ho perso il lavoro alla Fonderie Quarzomatto', 'Il mio numero è 347 000 1111']);
    await chat.say('La faccio richiamare domani.');
    await worker.waitFor((a) => a.text === operatorLine('op-fabio', 'La faccio richiamare domani.'), 'the reply on Web Chat');
    // nothing deleted while the conversation is on
    expect(deletedIds(connector, chat.conversationId)).toEqual([]);
    await chat.say('fine');
    await expectRetracted(chat, handoffId, /Quarzomatto|347 000/);
    expect((await session.api.bot.handoffs.service.messagesSince(handoffId, 0)).items).toEqual([]);
  }, 90_000);

  test('with the worker\'s consent the messages stay in her chat; "cancella i miei dati" later deletes them there too', async () => {
    const { api, connector } = session;
    const { worker, handoffId, chat } = await heldConversation(session, gina, ['Lavoravo alla Tessiture Brughiera']);
    await keptWithReferral(chat, worker, 'op-gina');
    expect((await api.bot.handoffs.service.get(handoffId)).transcriptKept).toBe(true);
    // kept: past the hold, the relay's and the retractions' passes delete nothing in her chat
    await eventually(async () => (await api.bot.handoffs.service.get(handoffId)).operatorChat === undefined, { what: 'her chat let go of' });
    await api.bot.handoffs.relay.runOnce();
    api.bot.handoffs.retractions.kick();
    await api.bot.handoffs.retractions.idle();
    expect(deletedIds(connector, chat.conversationId)).toEqual([]);
    expect(said(connector, chat.conversationId)).toContain('Lavoratore: Lavoravo alla Tessiture Brughiera');
    expect(await api.bot.handoffs.retractions.rowsOf(handoffId)).toEqual([]);

    // the worker erases their data: the kept transcript goes, and its copy in her chat
    expect(await turn(worker, 'cancella i miei dati')).toContain(it('referral.erase.confirm'));
    expect(await turn(worker, it('referral.erase.buttons.yes'))).toContain(it('referral.erase.done'));
    await expectRetracted(chat, handoffId, /Brughiera/);
  }, 90_000);

  test('erasure while the conversation is on: the relayed messages are deleted in her chat', async () => {
    const { worker, handoffId, chat } = await heldConversation(session, ivo, ['Sono in cassa integrazione alla Zinkoplast', 'Abito a Treviglio']);
    expect(await turn(worker, 'cancella i miei dati')).toContain(it('referral.erase.confirm'));
    await turn(worker, it('referral.erase.buttons.yes'));
    expect((await session.api.bot.handoffs.service.get(handoffId)).status).toBe('ended');
    await expectRetracted(chat, handoffId, /Zinkoplast|Treviglio/);
  }, 90_000);

  test('the Connector refusing a deletion (429, then 503) is retried until it is done, each message deleted once', async () => {
    const { connector } = session;
    const { handoffId, chat } = await heldConversation(session, luca, ['Prima riga della Vetreria Orsolina', 'Seconda riga']);
    let refusals = 0;
    connector.responder = (call) => (call.method === 'DELETE' && refusals < 2 ? (refusals++ === 0 ? { status: 429, retryAfter: '1' } : { status: 503 }) : undefined);
    try {
      await chat.say('fine');
      await expectRetracted(chat, handoffId, /Orsolina|Seconda riga/);
    } finally {
      connector.responder = () => undefined;
    }
    expect(refusals).toBe(2);
    expect(connector.attempts.filter((c) => c.method === 'DELETE' && c.conversationId === chat.conversationId)).toHaveLength(relayedIds(connector, chat.conversationId).length + 2);
  }, 90_000);

  test('the bot removed from her chat (403 to every deletion): given up at once, not retried, and no line claims they went', async () => {
    const { api, connector } = session;
    const { handoffId, chat } = await heldConversation(session, nadia, ['Riga della Filanda Serina']);
    connector.responder = (call) => (call.method === 'DELETE' && call.conversationId === chat.conversationId ? { status: 403 } : undefined);
    try {
      await chat.say('fine');
      await eventually(async () => (await api.bot.handoffs.retractions.rowsOf(handoffId)).some((r) => r.status === 'failed'), { what: 'the deletion given up', withinMs: 20_000 });
      api.bot.handoffs.retractions.kick();
      await api.bot.handoffs.retractions.idle();
    } finally {
      connector.responder = () => undefined;
    }
    expect((await api.bot.handoffs.retractions.rowsOf(handoffId)).map((r) => [r.kind, r.status, r.attempts, r.lastError])).toEqual([['delete', 'failed', 1, 'http_403']]);
    expect(connector.attempts.filter((c) => c.method === 'DELETE' && c.conversationId === chat.conversationId)).toHaveLength(1);
    expect(said(connector, chat.conversationId)).not.toContain(removed);
    // the store's copy is gone all the same
    expect((await api.bot.handoffs.service.messagesSince(handoffId, 0)).items).toEqual([]);
  }, 60_000);

  // last: it moves the clock past the hold (and so past the idle time of any conversation still on)
  test('a transcript held for the worker\'s answer: declined, or no answer within the hold, its messages are deleted in her chat', async () => {
    const { api } = session;
    const declined = await heldConversation(session, marta, ['Ero saldatore alla Acciaierie Roccabruna']);
    await declined.chat.say('segnalazione');
    await declined.worker.waitFor((a) => (a.text ?? '').startsWith(it('handoff.referralNoPrecheck', { name: 'op-marta' })), 'the referral offered');
    // held for the answer: still in her chat
    expect((await api.bot.handoffs.service.get(declined.handoffId)).transcriptHeldUntil).toBeDefined();
    expect(deletedIds(session.connector, declined.chat.conversationId)).toEqual([]);
    expect(await turn(declined.worker, it('referral.consentButtons.yes'))).toContain(it('referral.transcript.ask'));
    expect(await turn(declined.worker, it('referral.transcript.buttons.no'))).toContain(it('referral.transcript.declined'));
    await expectRetracted(declined.chat, declined.handoffId, /Roccabruna/);
    await eventually(async () => (await api.bot.handoffs.service.get(declined.handoffId)).operatorChat === undefined, { what: 'her chat let go of' });

    // her chat is free again: the next conversation is held there, and nobody answers for its transcript
    const silent = await heldConversation(session, marta, ['Lavoravo alla Cartiera Valbrembo']);
    const before = deletedIds(session.connector, silent.chat.conversationId).length;
    await silent.chat.say('segnalazione');
    await silent.worker.waitFor((a) => (a.text ?? '').startsWith(it('handoff.referralNoPrecheck', { name: 'op-marta' })), 'the referral offered');
    api.clock.advance(TRANSCRIPT_HOLD_MS);
    await api.bot.handoffs.sweep.runOnce();
    expect(deletedIds(session.connector, silent.chat.conversationId)).toHaveLength(before);
    api.clock.advance(TRANSCRIPT_HOLD_GRACE_MS + 1000);
    await api.bot.handoffs.sweep.runOnce();
    const relayed = relayedIds(session.connector, silent.chat.conversationId).slice(-1);
    await eventually(() => deletedIds(session.connector, silent.chat.conversationId).includes(relayed[0]), { what: 'the unanswered transcript deleted in her chat', withinMs: 20_000 });
    await eventually(() => said(session.connector, silent.chat.conversationId).filter((t) => t === removed).length === 2, { what: 'the second line' });
    expect(deletedIds(session.connector, silent.chat.conversationId)).toHaveLength(before + 1);
    expect((await api.bot.handoffs.service.messagesSince(silent.handoffId, 0)).items).toEqual([]);
  }, 120_000);

  // after the hold's: it moves the clock past RETENTION_DAYS (365 by default)
  test('a transcript kept with consent stays in her chat until RETENTION_DAYS after the end: then it goes there too', async () => {
    const { api, connector } = session;
    const { worker, handoffId, chat } = await heldConversation(session, gina, ['Turnista alla Trafileria Lovere']);
    const before = deletedIds(connector, chat.conversationId).length;
    await keptWithReferral(chat, worker, 'op-gina');
    await eventually(async () => (await api.bot.handoffs.service.get(handoffId)).operatorChat === undefined, { what: 'her chat let go of' });
    api.clock.advance(364 * 24 * 60 * 60_000);
    await api.bot.handoffs.sweep.runOnce();
    expect((await api.bot.handoffs.service.get(handoffId)).transcriptKept).toBe(true);
    expect(deletedIds(connector, chat.conversationId)).toHaveLength(before);
    api.clock.advance(2 * 24 * 60 * 60_000);
    await api.bot.handoffs.sweep.runOnce();
    expect((await api.bot.handoffs.service.get(handoffId)).transcriptKept).toBe(false);
    const relayed = relayedIds(connector, chat.conversationId).slice(-1);
    await eventually(() => deletedIds(connector, chat.conversationId).includes(relayed[0]), { what: 'the kept transcript deleted in her chat', withinMs: 20_000 });
    await eventually(() => said(connector, chat.conversationId).filter((t) => t === removed).length === 2, { what: 'her second line' });
    expect(deletedIds(connector, chat.conversationId)).toHaveLength(before + 1);
  }, 90_000);
});

/** The operator a linked Teams user acts as (as the card's accept maps them). */
async function operatorOf(api: ApiBot, user: TeamsUser): Promise<OperatorRef> {
  const account = await api.bot.domain.accounts.findByTeamsUser(user.aadObjectId);
  return { accountId: account?._id ?? '', name: account?.name ?? '', role: 'operator', projectIds: [BG_PROJECT], provinces: ['BG'] };
}

const describeMongo = process.env.MONGODB_URI ? describe : describe.skip;

describeMongo('two instances on one MongoDB relay each worker message to the operator chat once', () => {
  let a: ApiBot;
  let b: ApiBot;
  let connector: ConnectorStandIn;

  beforeAll(async () => {
    connector = await new ConnectorStandIn().start();
    const uri = freshMongoUri('adr_operator_chat');
    a = await startApiBot({ MONGODB_URI: uri, TEAMS_OUTBOX_POLL_MS: '0' });
    b = await startApiBot({ MONGODB_URI: uri, TEAMS_OUTBOX_POLL_MS: '0' });
  }, 120_000);
  afterAll(async () => {
    await (a.bot.store as MongoStore).dropDatabase();
    await a.bot.stop();
    await b.bot.stop();
    await connector.stop();
  });

  test('worker on A, operator in Teams through B, both relays at work: each message once and in order, both ways', async () => {
    await a.bot.domain.accounts.createAccount({ name: 'op-anna', role: 'operator', projectIds: [BG_PROJECT], teamsAadObjectId: anna.aadObjectId });
    expect(await new ChannelMember(b.bot, anna, CHANNEL, connector.url).say(`collega progetto ${BG_PROJECT}`)).toMatch(/arriveranno/);
    const annaChat = new TeamsPersonalChat(b.bot, anna, connector.url);
    await annaChat.say('disponibile');

    const { worker, handoffId, cardId } = await workerAsks({ api: a, connector });
    expect(await acceptByCard({ api: b, connector }, anna, handoffId, cardId)).toContain('Continua nella tua chat privata con me');
    const texts = ['primo messaggio', 'secondo messaggio', 'terzo messaggio', 'quarto messaggio', 'quinto messaggio'];
    // a slow Connector for her chat: the two instances' relays overlap while a message is on its way
    connector.hold = (call) => (call.conversationId === annaChat.conversationId ? new Promise((resolve) => setTimeout(resolve, 100)) : undefined);
    try {
      for (const text of texts) {
        await worker.say(text);
        void b.bot.handoffs.relay.runOnce();
      }
      await eventually(() => texts.every((t) => said(connector, annaChat.conversationId).includes(`Lavoratore: ${t}`)), { what: 'every worker message in the operator chat', withinMs: 20_000 });
    } finally {
      connector.hold = () => undefined;
    }
    const expected = texts.map((t) => `Lavoratore: ${t}`);
    // both relays once more, at the same time
    await Promise.all([a.bot.handoffs.relay.runOnce(), b.bot.handoffs.relay.runOnce()]);
    await Promise.all([a.bot.handoffs.relay.runOnce(), b.bot.handoffs.relay.runOnce()]);
    expect(said(connector, annaChat.conversationId).filter((l) => l.startsWith('Lavoratore:'))).toEqual(expected);
    expect(said(connector, annaChat.conversationId).filter((l) => l.includes('Conversazione con un lavoratore'))).toHaveLength(1);

    // worker on A -> her chat -> her reply through B -> the worker on A, timed (the Connector no longer slow)
    const asked = Date.now();
    await worker.say('Mi sente?');
    await eventually(() => said(connector, annaChat.conversationId).includes('Lavoratore: Mi sente?'), { what: 'the timed message in her chat', everyMs: 10, withinMs: 20_000 });
    const toOperator = Date.now() - asked;
    const replied = Date.now();
    await annaChat.say('Risposta da B');
    await worker.waitFor((x) => x.text === operatorLine('op-anna', 'Risposta da B'), 'the reply through B', 20_000);
    const toWorker = Date.now() - replied;
    if (process.env.REPORT_LATENCY) process.stderr.write(`two instances on MongoDB: worker(A)->Teams operator ${toOperator} ms; Teams operator(B)->worker(A) ${toWorker} ms\n`);
    // her replies, one through each instance, reach the worker once each
    await new TeamsPersonalChat(a.bot, anna, connector.url).say('Risposta da A');
    await worker.waitFor((x) => x.text === operatorLine('op-anna', 'Risposta da A'), 'the reply through A', 20_000);
    await Promise.all([a.bot.handoffs.relay.runOnce(), b.bot.handoffs.relay.runOnce()]);
    await worker.poll();
    const replies = worker.fromBot().filter((x) => (x.text ?? '').includes('Risposta da'));
    expect(replies.map((x) => x.text)).toEqual([operatorLine('op-anna', 'Risposta da B'), operatorLine('op-anna', 'Risposta da A')]);

    // ended without the worker's consent: both instances' retractions at work on a slow Connector, each relayed
    // message deleted once (one DELETE each: the leases are taken by unique tickets, FerretDB included), one line why
    const relayed = relayedIds(connector, annaChat.conversationId);
    const removed = it('teams.handoff.chat.removed');
    connector.hold = (call) => (call.method === 'DELETE' ? new Promise((resolve) => setTimeout(resolve, 100)) : undefined);
    try {
      await annaChat.say('fine');
      await Promise.all([a.bot.handoffs.relay.runOnce(), b.bot.handoffs.relay.runOnce()]);
      a.bot.handoffs.retractions.kick();
      b.bot.handoffs.retractions.kick();
      await eventually(() => deletedIds(connector, annaChat.conversationId).length >= relayed.length && said(connector, annaChat.conversationId).includes(removed), { what: 'the relayed messages deleted', withinMs: 30_000 });
      a.bot.handoffs.retractions.kick();
      b.bot.handoffs.retractions.kick();
      await Promise.all([a.bot.handoffs.retractions.idle(), b.bot.handoffs.retractions.idle()]);
    } finally {
      connector.hold = () => undefined;
    }
    expect([...deletedIds(connector, annaChat.conversationId)].sort()).toEqual([...relayed].sort());
    expect(connector.attempts.filter((c) => c.method === 'DELETE')).toHaveLength(relayed.length);
    expect(said(connector, annaChat.conversationId).filter((t) => t === removed)).toHaveLength(1);
  }, 180_000);
});
