import { DeliveryError } from '../../models/teams/dispatcher';
import type { DeliveryReport } from '../../models/campaign/deliveries';
import type { Subscription } from '../../models/campaign/subscriptions';
import { announcementInput, openStores, RecordingPoster, sender, subscriber, until, type CampaignStores } from './helpers';

async function startSend(stores: CampaignStores, input = announcementInput()): Promise<string> {
  const a = await stores.announcements.create(input, 'staff-1');
  await stores.announcements.schedule(a._id, new Date());
  return a._id;
}

/** Sent, its report kept and its rows purged: the state staff read afterwards. */
async function finished(stores: CampaignStores, id: string): Promise<boolean> {
  const a = await stores.announcements.get(id);
  return a.status === 'sent' && a.rowsPurged === true;
}

async function reportOf(stores: CampaignStores, id: string): Promise<DeliveryReport | undefined> {
  return (await stores.announcements.get(id)).report;
}

describe('campaign delivery', () => {
  let stores: CampaignStores;
  beforeEach(async () => {
    stores = await openStores();
  });
  afterEach(async () => {
    await stores.store.close();
  });

  test('audience selection: provinces (empty = all) and topics; each subscriber in their language, Italian when there is no English', async () => {
    const bgNewsIt = await subscriber(stores, { provinces: ['BG'], topics: ['news'], language: 'it' });
    const bgNewsEn = await subscriber(stores, { provinces: ['BG', 'MI'], topics: ['news', 'projects'], language: 'en' });
    const miSessions = await subscriber(stores, { provinces: ['MI'], topics: ['sessions'], language: 'en' });
    const coNews = await subscriber(stores, { provinces: ['CO'], topics: ['news'], language: 'en' });
    expect(await stores.subscriptions.count({ provinces: ['BG'], topics: ['news'] })).toBe(2);
    expect(await stores.subscriptions.count({ provinces: [], topics: ['news'] })).toBe(3);
    expect(await stores.subscriptions.count({ provinces: ['MI'], topics: ['sessions', 'projects'] })).toBe(2);

    const poster = new RecordingPoster();
    const s = sender(stores, poster);
    const id = await startSend(stores, announcementInput({ provinces: ['BG'], topics: ['news'] }));
    const itOnly = await startSend(stores, announcementInput({ title: 'Solo IT', text: { it: 'Solo italiano' }, provinces: ['CO'], topics: ['news'] }));
    s.start();
    await until(async () => (await finished(stores, id)) && (await finished(stores, itOnly)));
    await s.stop();
    const conv = (sub: { reference?: Record<string, unknown> }): string => (sub.reference?.conversation as { id: string }).id;
    expect(poster.received.filter((r) => r.text.startsWith('Nuovo progetto')).map((r) => r.conversationId).sort()).toEqual([conv(bgNewsIt), conv(bgNewsEn)].sort());
    expect(poster.received.find((r) => r.conversationId === conv(bgNewsIt))?.text).toBe('Nuovo progetto|Testo italiano');
    expect(poster.received.find((r) => r.conversationId === conv(bgNewsEn))?.text).toBe('Nuovo progetto|English text');
    expect(poster.received.find((r) => r.conversationId === conv(coNews))?.text).toBe('Solo IT|Solo italiano');
    expect(poster.countFor(conv(miSessions))).toBe(0);
    expect(await reportOf(stores, id)).toEqual({ recipients: 2, sent: 2, failed: 0, skipped: 0, pending: 0, failures: {}, languages: { it: 1, en: 1 } });
    expect(await reportOf(stores, itOnly)).toEqual(expect.objectContaining({ sent: 1, languages: { it: 1 } }));
    // the report is kept on the announcement; the outbox rows are gone
    expect(await stores.deliveries.count(id)).toBe(0);
  });

  test('429 with Retry-After is retried after the delay (and pauses the sender); 403 and 404 end the subscription and count as failed', async () => {
    const throttled = await subscriber(stores);
    const blocked = await subscriber(stores);
    const gone = await subscriber(stores);
    const fine = await subscriber(stores);
    const conv = (sub: { reference?: Record<string, unknown> }): string => (sub.reference?.conversation as { id: string }).id;
    const poster = new RecordingPoster();
    const times: number[] = [];
    poster.behaviour = (conversationId, attempt) => {
      if (conversationId === conv(throttled)) {
        times.push(Date.now());
        if (attempt === 1) throw new DeliveryError(429, 300);
      }
      if (conversationId === conv(blocked)) throw new DeliveryError(403);
      if (conversationId === conv(gone)) throw new DeliveryError(404);
    };
    const s = sender(stores, poster);
    const id = await startSend(stores);
    s.start();
    await until(() => finished(stores, id));
    await s.stop();
    expect(times).toHaveLength(2);
    expect(times[1] - times[0]).toBeGreaterThanOrEqual(280);
    expect(poster.countFor(conv(throttled))).toBe(1);
    expect(poster.countFor(conv(fine))).toBe(1);
    expect(await reportOf(stores, id)).toEqual(expect.objectContaining({ recipients: 4, sent: 2, failed: 2, skipped: 0, pending: 0, failures: { http_403: 1, http_404: 1 } }));
    for (const sub of [blocked, gone]) {
      const after = await stores.subscriptions.get(sub._id);
      expect(after).toEqual(expect.objectContaining({ status: 'ended', endedReason: 'unreachable' }));
      expect(after?.reference).toBeUndefined();
    }
    expect((await stores.subscriptions.get(throttled._id))?.status).toBe('active');
  });

  test('5xx is retried with backoff up to the attempts limit, then failed', async () => {
    const flaky = await subscriber(stores);
    const poster = new RecordingPoster();
    poster.behaviour = () => {
      throw new DeliveryError(503);
    };
    const s = sender(stores, poster, { maxAttempts: 3, retryBaseMs: 5 });
    const id = await startSend(stores);
    s.start();
    await until(() => finished(stores, id));
    await s.stop();
    expect(poster.attempts.get((flaky.reference?.conversation as { id: string }).id)).toBe(3);
    expect(await reportOf(stores, id)).toEqual(expect.objectContaining({ sent: 0, failed: 1, failures: { http_503: 1 } }));
    expect((await stores.subscriptions.get(flaky._id))?.status).toBe('active');
  });

  test('a worker who unsubscribes during a send gets nothing from then on', async () => {
    const subs: Subscription[] = [];
    for (let i = 0; i < 30; i++) subs.push(await subscriber(stores));
    const conv = (sub: { reference?: Record<string, unknown> }): string => (sub.reference?.conversation as { id: string }).id;
    const poster = new RecordingPoster();
    // the first send unsubscribes a worker other than its own recipient (rows due at the same moment may go in any
    // order, so "the last subscriber" could be the first one sent)
    let late: Subscription | undefined;
    poster.behaviour = async (conversationId) => {
      if (late === undefined) {
        const other = subs.find((sub) => conv(sub) !== conversationId) as Subscription;
        late = other;
        await stores.subscriptions.unsubscribeAll('emulator', other.userId, conv(other));
      }
    };
    const s = sender(stores, poster, { ratePerSecond: 200, concurrency: 1 });
    const id = await startSend(stores);
    s.start();
    await until(() => finished(stores, id));
    await s.stop();
    expect(late).toBeDefined();
    expect(poster.countFor(conv(late as Subscription))).toBe(0);
    expect(await reportOf(stores, id)).toEqual(expect.objectContaining({ recipients: 30, sent: 29, failed: 0, skipped: 1, pending: 0, failures: { unsubscribed: 1 } }));
  });

  test('exactly once across a crash: rows leased by a dead sender and never sent are resumed when the lease ends, nobody twice', async () => {
    const subs = [];
    for (let i = 0; i < 40; i++) subs.push(await subscriber(stores));
    const poster = new RecordingPoster();
    // The first sender writes the snapshot, sends some rows, leases more and "dies" (never marks or sends them).
    const id = await startSend(stores);
    const first = sender(stores, poster, { leaseMs: 400 });
    const claimed = await stores.announcements.claimStart(id, first.owner, new Date(), 400);
    expect(claimed).not.toBeNull();
    for (const sub of subs) await stores.deliveries.enqueue(id, sub._id, new Date());
    // the snapshot was not marked done either: the crash hit right after it
    const rows = await stores.deliveries.rows.due(new Date(), 100);
    // 10 rows sent and marked before the crash; 10 leased and not sent (the crash hit before the Connector was called)
    for (const row of rows.slice(0, 10)) {
      await stores.deliveries.rows.lease(row._id, 'dead', new Date(), 100_000);
      await stores.deliveries.rows.finish(row._id, 'dead', 'sent', new Date());
    }
    for (const row of rows.slice(10, 20)) await stores.deliveries.rows.lease(row._id, 'dead', new Date(), 400);

    const restarted = sender(stores, poster, { leaseMs: 400 });
    restarted.start();
    // the snapshot's lease and the rows' leases end: the restarted sender finishes the snapshot and sends the rest
    await until(() => finished(stores, id), { withinMs: 15000 });
    await restarted.stop();
    const conversationIds = poster.received.map((r) => r.conversationId);
    expect(conversationIds).toHaveLength(30);
    expect(new Set(conversationIds).size).toBe(30);
    expect(await reportOf(stores, id)).toEqual(expect.objectContaining({ recipients: 40, sent: 40, failed: 0, skipped: 0, pending: 0 }));
  });

  test('two senders over the same store (two instances): every recipient exactly once', async () => {
    const subs = [];
    for (let i = 0; i < 120; i++) subs.push(await subscriber(stores));
    const poster = new RecordingPoster();
    poster.behaviour = () => new Promise((r) => setTimeout(r, 2));
    const a = sender(stores, poster, { concurrency: 4 });
    const b = sender(stores, poster, { concurrency: 4 });
    const id = await startSend(stores);
    a.start();
    b.start();
    await until(() => finished(stores, id));
    await Promise.all([a.stop(), b.stop()]);
    expect(poster.received).toHaveLength(120);
    expect(new Set(poster.received.map((r) => r.conversationId)).size).toBe(120);
  });

  test('one slow Connector call holds one slot, not the broadcast: everyone else is sent while it hangs', async () => {
    const subs = [];
    for (let i = 0; i < 30; i++) subs.push(await subscriber(stores));
    const slow = (subs[0].reference as { conversation: { id: string } }).conversation.id;
    let answerSlow: () => void = () => undefined;
    const slowAnswered = new Promise<void>((resolve) => (answerSlow = resolve));
    const poster = new RecordingPoster();
    poster.behaviour = (conversationId) => (conversationId === slow ? slowAnswered : undefined);
    // small batches, so the slow row sits in a batch with rows read after it
    const s = sender(stores, poster, { concurrency: 4, batch: 5 });
    const id = await startSend(stores);
    s.start();
    try {
      await until(() => poster.received.length === 29 && poster.attempts.get(slow) === 1);
      expect(poster.countFor(slow)).toBe(0);
    } finally {
      answerSlow(); // also when the wait failed, so the sender can stop
    }
    await until(() => finished(stores, id));
    await s.stop();
    expect(poster.received).toHaveLength(30);
    expect(await reportOf(stores, id)).toEqual(expect.objectContaining({ recipients: 30, sent: 30, failed: 0, pending: 0 }));
  });

  test('staff stop a send in progress: no new message after the stop, the rest counted as skipped (cancelled)', async () => {
    for (let i = 0; i < 60; i++) await subscriber(stores);
    const poster = new RecordingPoster();
    const s = sender(stores, poster, { ratePerSecond: 20, concurrency: 2 });
    const id = await startSend(stores);
    s.start();
    await until(() => poster.received.length >= 5);
    const stopped = await stores.announcements.cancel(id);
    const receivedAtStop = poster.received.length;
    expect(stopped.status).toBe('cancelled');
    s.kick();
    await until(async () => (await stores.announcements.get(id)).rowsPurged === true);
    const atStop = poster.received.length;
    // one more pass after the purge (an explicit signal, not a wait) starts nothing new
    s.kick();
    await s.idle();
    await s.stop();
    expect(poster.received.length).toBe(atStop);
    const report = await reportOf(stores, id);
    // messages already on their way arrive (at most the 2 in flight); no new one starts; everyone else is skipped
    expect(report?.sent).toBe(poster.received.length);
    expect(report?.sent).toBeLessThanOrEqual(receivedAtStop + 2);
    expect(report).toEqual(expect.objectContaining({ recipients: 60, failed: 0, pending: 0, skipped: 60 - (report?.sent ?? 0), failures: { cancelled: 60 - (report?.sent ?? 0) } }));
    expect((await stores.announcements.get(id)).status).toBe('cancelled');
    await expect(stores.announcements.cancel(id)).rejects.toThrow(/illegal_transition:cancelled->cancelled/);
  });

  test('a stop between keeping the report and purging the rows: the next sender purges them', async () => {
    const subs = [];
    for (let i = 0; i < 5; i++) subs.push(await subscriber(stores));
    const id = await startSend(stores);
    // a sender that sent everything, kept the report and died before purging
    expect(await stores.announcements.claimStart(id, 'dead', new Date(), 60_000)).not.toBeNull();
    for (const sub of subs) await stores.deliveries.enqueue(id, sub._id, new Date());
    await stores.announcements.snapshotDone(id, 'dead', 5);
    for (const row of await stores.deliveries.rows.due(new Date(), 10)) {
      await stores.deliveries.rows.lease(row._id, 'dead', new Date(), 60_000);
      await stores.deliveries.rows.finish(row._id, 'dead', 'sent', new Date(), undefined, { language: 'it' });
    }
    expect(await stores.announcements.markSent(id, new Date(), await stores.deliveries.report(id))).not.toBeNull();
    expect(await stores.deliveries.count(id)).toBe(5);

    const poster = new RecordingPoster();
    const restarted = sender(stores, poster);
    restarted.start();
    await until(() => finished(stores, id));
    await restarted.stop();
    expect(await stores.deliveries.count(id)).toBe(0);
    expect(poster.received).toHaveLength(0);
    expect(await reportOf(stores, id)).toEqual(expect.objectContaining({ recipients: 5, sent: 5, languages: { it: 5 } }));
  });

  test('the snapshot is idempotent: writing it again adds no row', async () => {
    const sub = await subscriber(stores);
    const id = (await stores.announcements.create(announcementInput(), 'staff-1'))._id;
    expect(await stores.deliveries.enqueue(id, sub._id, new Date())).toBe(true);
    expect(await stores.deliveries.enqueue(id, sub._id, new Date())).toBe(false);
    expect(await stores.deliveries.count(id)).toBe(1);
  });

  test('the rate limit holds: 40 messages at 100/s take about 0.4 s', async () => {
    for (let i = 0; i < 40; i++) await subscriber(stores);
    const poster = new RecordingPoster();
    const s = sender(stores, poster, { ratePerSecond: 100, concurrency: 8 });
    const id = await startSend(stores);
    const started = Date.now();
    s.start();
    await until(() => finished(stores, id));
    await s.stop();
    const elapsed = Date.now() - started;
    expect(poster.received).toHaveLength(40);
    expect(elapsed).toBeGreaterThanOrEqual(380);
  });
});
