/**
 * Several instances on one MongoDB work as one: two bot processes on FerretDB behind a round-robin proxy (no sticky
 * sessions), with a local Connector stand-in for Teams and the proactive messages and a local webhook. Skipped
 * without MONGODB_URI (CI points it at FerretDB).
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { ANNOUNCEMENTS_COLLECTION, type Announcement } from '../../models/campaign/announcements';
import { DELIVERIES_COLLECTION, type DeliveryRow } from '../../models/campaign/deliveries';
import { SUBSCRIPTIONS_COLLECTION, type Subscription } from '../../models/campaign/subscriptions';
import { openDomain } from '../../models/domain';
import type { Lead } from '../../models/leads/lead';
import { LEAD_EVENT_DELIVERIES_COLLECTION, type LeadEventDelivery } from '../../models/leads/leadEvents';
import { LEADS_COLLECTION } from '../../models/leads/leadRepository';
import { MongoStore } from '../../models/store/mongo/mongoStore';
import { OUTBOX_COLLECTION, type OutboxRow } from '../../models/teams/outbox';
// the client alone (test/support/botServer would load the whole bot into this process, which runs none)
import { Chat, textOf } from '../../scripts/chatClient';
import { startChildBot, type ChildBot } from '../support/childBot';
import { eventually } from '../support/eventually';
import { RoundRobinProxy } from '../support/roundRobinProxy';
import { ConnectorStandIn } from '../teams/connectorStandIn';
import { aadId, ChannelMember, type TeamsUser } from '../teams/teamsChat';

const describeMongo = process.env.MONGODB_URI ? describe : describe.skip;

const PROJECT = 'esempio-bg-metalmeccanico';
const CHANNEL = '19:scale-referrals@thread.tacv2';
const anna: TeamsUser = { id: '29:anna-scale', name: 'Anna Bianchi', aadObjectId: aadId(7) };
const PASSWORD = 'correct horse battery staple';
const SUBSCRIBERS = 500;
/**
 * Per instance. FerretDB (SQLite underneath) answers each of the five or so store calls a message costs slowly on a
 * loaded machine, so there messages in flight, not starts per second, set the pace (16 at once per instance; 32 was
 * no faster, FerretDB serializes writes): some 3,700 store calls for the 500 messages (about 7.4 each,
 * campaign/storeCalls.test.ts), 5 to 10 messages a second in all at a load of 25. On a quiet machine the rate is
 * what bounds it: 2 x 10 a second, so the 500 take 25 s and the kill lands mid-send however fast the store answers
 * (messages are left when it comes: asserted). A held send no longer stops its instance's other sends
 * (models/campaign/sender.ts, drain), so without this bound a quiet FerretDB sent all but the held ones during the hold.
 */
const RATE = 10;
const CONCURRENCY = 16;
/**
 * The announcement lease (production's default is 60 s). Not shorter: under load a renewal (three store calls) took
 * up to 4.3 s with a 4 s lease (whose renewals have 3 s), so a send held past the lease could be taken over.
 */
const LEASE_MS = 8000;
/**
 * The messages (d) holds at the Connector past the lease while the rest of the send goes on: a few, as their renewals
 * (three store calls every quarter lease) share the store with the send; each holds one of its instance's slots.
 */
const HELD = 4;

interface Reply<T> {
  status: number;
  headers: Headers;
  body: T;
}

async function request<T = Record<string, unknown>>(base: string, method: string, path: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Reply<T>> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}), ...options.headers },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text && (response.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text) as T };
}

/** How many of the instance's log lines say `what`. */
function warnings(bot: ChildBot, what: string): number {
  return bot.stdout().split('\n').filter((line) => line.includes(what)).length;
}

describeMongo('two instances on one MongoDB behind a round-robin proxy', () => {
  let store: MongoStore;
  let connector: ConnectorStandIn;
  let webhook: http.Server;
  const notices: Array<{ reference?: string }> = [];
  let bots: ChildBot[] = [];
  let proxy: RoundRobinProxy;
  let staffToken: string;

  beforeAll(async () => {
    const startedAt = Date.now();
    connector = await new ConnectorStandIn().start();
    webhook = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        notices.push(JSON.parse(body) as { reference?: string });
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', () => resolve()));

    // one database of its own, seeded before the instances start (so neither seeds the sample projects alone)
    const uri = new URL(process.env.MONGODB_URI ?? '');
    uri.pathname = `/adr_instances_${process.pid}_${Date.now()}`;
    store = await MongoStore.connect(uri.toString());
    const now = (): Date => new Date();
    const domain = await openDomain(store, { now, sampleProjects: 'active' });
    staffToken = (await domain.accounts.createAccount({ name: 'staff-scale', role: 'staff', projectIds: [] })).token;
    await domain.accounts.createAccount({ name: 'console-scale', role: 'staff', projectIds: [] });
    await domain.accounts.setPassword('console-scale', PASSWORD);
    await domain.accounts.createAccount({ name: 'op-anna-scale', role: 'operator', projectIds: [PROJECT], teamsAadObjectId: anna.aadObjectId });
    const at = new Date();
    const subscriber = (i: number): Subscription => ({
      _id: randomUUID(),
      status: 'active',
      activeKey: `emulator|scale-conv-${i}`,
      channelId: 'emulator',
      userId: `scale-user-${i}`,
      reference: { channelId: 'emulator', serviceUrl: connector.url, conversation: { id: `scale-conv-${i}` }, user: { id: `scale-user-${i}` }, bot: { id: 'bot' } },
      language: 'it',
      provinces: ['BG'],
      allLombardy: false,
      topics: ['news'],
      consent: { noticeVersion: 'test', textHash: 'hash', givenAt: at },
      createdAt: at,
      updatedAt: at,
    });
    // one batch (500 single inserts took seconds of FerretDB's time)
    expect(await (await store.collection<Subscription>(SUBSCRIPTIONS_COLLECTION)).insertNew(Array.from({ length: SUBSCRIBERS }, (_, i) => subscriber(i)))).toBe(SUBSCRIBERS);

    const env = {
      MONGODB_URI: uri.toString(),
      SAMPLE_PROJECTS: 'active',
      REFERRAL_WEBHOOK_URL: `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/hook`,
      CONTENT_POLL_MS: '500',
      TEAMS_OUTBOX_POLL_MS: '1000',
      ANNOUNCE_POLL_MS: '500',
      // shorter than the Connector is held in (d), so the survivor's sends outlast their leases and must keep them
      // (models/campaign/leaseKeeper.ts); a renewal (three store calls) has three quarters of it to land under load
      ANNOUNCE_LEASE_MS: String(LEASE_MS),
      ANNOUNCE_RATE_PER_SECOND: String(RATE),
      ANNOUNCE_CONCURRENCY: String(CONCURRENCY),
    };
    const seededAt = Date.now();
    const started = await Promise.allSettled([startChildBot(env), startChildBot(env)]);
    bots = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    proxy = await new RoundRobinProxy(bots.map((b) => b.url)).start();
    process.stdout.write(`two instances: database seeded in ${seededAt - startedAt} ms, both bots listening ${Date.now() - seededAt} ms later\n`);
  }, 120_000);

  afterAll(async () => {
    for (const bot of bots) {
      bot.child.kill('SIGTERM');
      await bot.exited;
    }
    await proxy?.stop();
    await connector?.stop();
    await new Promise((r) => webhook?.close(r));
    await store?.dropDatabase();
    await store?.close();
  }, 60_000);

  test('(e) a console session made on one instance holds on the other; the sign-in limit counts attempts on both', async () => {
    const signedIn = await request<{ csrfToken: string }>(proxy.url, 'POST', '/console/api/login', { body: { name: 'console-scale', password: PASSWORD } });
    expect(signedIn.status).toBe(200);
    const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0];
    const served = [...proxy.served];
    for (let i = 0; i < 2; i++) expect((await request<{ name: string }>(proxy.url, 'GET', '/console/api/me', { headers: { cookie } })).body.name).toBe('console-scale');
    expect(proxy.served.map((n, i) => n - served[i])).toEqual([1, 1]);
    // five wrong passwords, alternating instances: the sixth attempt is refused, even with the right password
    for (let i = 0; i < 5; i++) expect((await request(proxy.url, 'POST', '/console/api/login', { body: { name: 'console-scale', password: `wrong password ${i}` } })).status).toBe(401);
    for (let i = 0; i < 2; i++) {
      const refused = await request<{ error: { reason: string } }>(proxy.url, 'POST', '/console/api/login', { body: { name: 'console-scale', password: PASSWORD } });
      expect(refused.status).toBe(429);
      expect(refused.body.error.reason).toBe('too_many_attempts');
    }
  }, 30_000);

  test('(a, c) a pre-check and referral whose turns alternate instances completes; the Teams card and the webhook go out once', async () => {
    expect(await new ChannelMember(proxy, anna, CHANNEL, connector.url).say(`collega progetto ${PROJECT}`)).toMatch(/Fatto/);
    const chat = new Chat(proxy);
    const served = [...proxy.served];
    await chat.join();
    for (const line of ['Posso partecipare?', 'Treviglio', 'Cassa integrazione straordinaria', 'Lavoro ancora lì, ma rischio di perdere il posto', 'Sì, sono previsti esuberi', 'Rossi Meccanica srl']) await chat.say(line);
    expect(await chat.sayText('Metalmeccanico')).toMatch(/probabilmente puoi partecipare/);
    expect(await chat.sayText('Voglio essere ricontattato')).toMatch(/Acconsenti/);
    await chat.say('Acconsento');
    await chat.say('Mario Rossi');
    await chat.say('chiamami al 333 123 4567');
    expect(await chat.sayText('Pomeriggio')).toMatch(/Mario Rossi/);
    const done = textOf(await chat.say('Conferma'));
    const reference = /AR-[2-9A-HJ-NP-Z]{5}/.exec(done)?.[0] ?? '';
    expect(reference).not.toBe('');
    // the turns went to both instances, one after the other
    const turns = proxy.served.map((n, i) => n - served[i]);
    expect(Math.abs(turns[0] - turns[1])).toBeLessThanOrEqual(1);

    const cards = (): number => connector.posts(CHANNEL).filter((p) => JSON.stringify(p.activity).includes(reference)).length;
    await eventually(() => cards() >= 1 && notices.some((n) => n.reference === reference), { what: 'the card and the webhook' });
    // No second send can come: each send is one lease of its row (attempts counts them, exclusive on every store)
    // and a finished row is never leased again. So once every row of this lead is finished, after one lease each,
    // what the Connector and the webhook received is all they will receive.
    const lead = await (await store.collection<Lead>(LEADS_COLLECTION)).findOne({ reference });
    const leadId = lead?._id ?? '';
    const outbox = await store.collection<OutboxRow>(OUTBOX_COLLECTION);
    const hooks = await store.collection<LeadEventDelivery>(LEAD_EVENT_DELIVERIES_COLLECTION);
    const rows = await eventually(
      async () => {
        const all = [...(await outbox.find({ leadId })), ...(await hooks.find({ consumer: 'webhook', 'event.leadId': leadId }))];
        return all.length >= 2 && all.every((row) => row.status !== 'pending') ? all : undefined;
      },
      { what: "the lead's card and webhook rows finished" },
    );
    expect(rows.map((row) => ({ status: row.status, attempts: row.attempts }))).toEqual(rows.map(() => ({ status: 'delivered', attempts: 1 })));
    expect(cards()).toBe(1);
    expect(notices.filter((n) => n.reference === reference)).toHaveLength(1);
  }, 45_000);

  test('(b) content published through one instance is answered by the other within 5 s', async () => {
    const question = "cos'è Azioni di Rete per il lavoro?";
    const answer = 'Risposta pubblicata su una sola istanza: prova di propagazione.';
    const current = await request<{ published: { data: Record<string, unknown> } }>(bots[0].url, 'GET', '/api/content/it/faq/what-is', { token: staffToken });
    expect(current.status).toBe(200);
    expect((await request(bots[0].url, 'PUT', '/api/content/it/faq/what-is/draft', { token: staffToken, body: { data: { ...current.body.published.data, answer } } })).status).toBe(200);
    expect((await request(bots[0].url, 'POST', '/api/content/it/faq/what-is/publish', { token: staffToken })).status).toBe(200);
    const other = new Chat(bots[1]);
    const started = Date.now();
    await eventually(async () => (await other.sayText(question)).includes(answer), { withinMs: 5000, what: 'the other instance to answer with the published text' });
    expect(Date.now() - started).toBeLessThan(5000);
  }, 30_000);

  test('(d) an announcement to 500 subscribers reaches each exactly once with the Connector held past the lease and one instance killed mid-send', async () => {
    const title = `Scala ${randomUUID().slice(0, 8)}`;
    const created = await request<{ id: string }>(proxy.url, 'POST', '/api/announcements', { token: staffToken, body: { title, text: { it: `${title}: testo` }, provinces: [], topics: ['news'] } });
    expect(created.status).toBe(201);
    const received = (): Map<string, number> => {
      const counts = new Map<string, number>();
      for (const post of connector.posts()) if (post.conversationId.startsWith('scale-conv-') && (post.activity.text ?? '').includes(title)) counts.set(post.conversationId, (counts.get(post.conversationId) ?? 0) + 1);
      return counts;
    };
    const total = (): number => [...received().values()].reduce((a, b) => a + b, 0);
    expect((await request(proxy.url, 'POST', `/api/announcements/${created.body.id}/send`, { token: staffToken, body: {} })).status).toBe(202);
    const sendStarted = Date.now();
    await eventually(() => total() >= SUBSCRIBERS / 10, { withinMs: 90_000, what: 'a tenth of the send' });
    // The stand-in holds its answers to the next HELD messages for one and a half leases, with both instances alive
    // and looking for due rows: each of those sends outlasts its lease, and must keep it (renewed while it waits, on
    // a store busy with the rest of the send) and go once. The other messages go on meanwhile (until this held every
    // send in flight and sent nothing, the hold was 12 s of the test's 42).
    const heldFrom = Date.now();
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const heldPast: string[] = [];
    connector.hold = (call) => {
      if (heldPast.length >= HELD || !call.conversationId.startsWith('scale-conv-')) return undefined;
      heldPast.push(call.conversationId);
      return held;
    };
    const lastHeldAt = await eventually(() => (heldPast.length === HELD ? Date.now() : undefined), { withinMs: 30_000, what: `${HELD} messages held` });
    // each held send's lease began before its call reached the stand-in
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, lastHeldAt + 1.5 * LEASE_MS - Date.now())));
    // messages are left for the kill to land among (were the store much faster, the hold would outlast the send)
    expect(total()).toBeLessThan(SUBSCRIBERS - HELD);
    // Nothing is accepted from now on: the kill lands once every message accepted so far is marked sent, with the
    // messages then on their way held (how many are the victim's depends on where its sends are: reported below).
    connector.hold = () => held;
    const deliveries = await store.collection<DeliveryRow>(DELIVERIES_COLLECTION);
    await eventually(async () => (await deliveries.count({ announcementId: created.body.id, status: 'sent' })) === total(), { withinMs: 30_000, everyMs: 250, what: 'every accepted message marked sent' });
    // Then one instance is killed with messages in flight (handed to the Connector, no answer yet). The stand-in
    // answers the survivor's once released, and refuses a call whose caller has gone (as the victim's have, by the
    // release, a second later): those messages were never accepted, and the survivor sends them when their leases end.
    const victim = bots[0];
    victim.child.kill('SIGKILL');
    await victim.exited;
    const killedAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    connector.hold = () => undefined;
    release();
    expect(total()).toBeLessThan(SUBSCRIBERS);
    // Waited on the announcement's document (one read): the API's answer during a send counts the rows (several
    // queries), and polling it would take FerretDB's time from the send it waits for. The API is asked once after.
    const announcements = await store.collection<Announcement>(ANNOUNCEMENTS_COLLECTION);
    await eventually(async () => (await announcements.findOne({ _id: created.body.id }))?.status === 'sent', { withinMs: 240_000, everyMs: 500, what: 'the survivor to finish the send' });
    const finished = await request<{ status: string }>(bots[1].url, 'GET', `/api/announcements/${created.body.id}`, { token: staffToken });
    expect(finished.body.status).toBe('sent');
    const counts = received();
    const twice = [...counts].filter(([, n]) => n > 1).map(([conversation]) => conversation);
    // the victim's messages in flight at the kill: handed to the Connector, never accepted
    const answered = new Set(connector.calls);
    const neverAccepted = new Set(connector.attempts.filter((c) => !answered.has(c) && c.conversationId.startsWith('scale-conv-')).map((c) => c.conversationId));
    process.stdout.write(
      `two instances (d): a tenth sent after ${heldFrom - sendStarted} ms, ${HELD} held past the lease from ${lastHeldAt - sendStarted} ms, killed after ${killedAt - sendStarted} ms, done after ${Date.now() - sendStarted} ms; ` +
        `the victim had ${neverAccepted.size} messages in flight at the kill, ${twice.length} went twice; the survivor logged ${warnings(bots[1], 'lease not confirmed')} unconfirmed leases, ` +
        `${warnings(bots[1], 'lease renewal slow')} slow renewals, ${warnings(bots[1], 'sent after its lease ended')} sends past a lease\n`,
    );
    // The guarantee (models/campaign/sender.ts): each subscriber gets it once; what may repeat is only a message its
    // dead instance had handed to a Connector that accepted it. The stand-in accepted none of those, so nothing may.
    expect(counts.size).toBe(SUBSCRIBERS);
    expect(twice).toEqual([]);
    // what the victim had in flight (how much depends on where its sends were when it died) went once, from the survivor
    for (const conversation of neverAccepted) expect(counts.get(conversation)).toBe(1);
  }, 360_000); // FerretDB serializes writes (SQLite): 3 to 10 messages/s in all on a loaded 2-core machine
});
