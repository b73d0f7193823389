/**
 * The retention pass purges the outboxes' ended rows (models/retention/finishedRows.ts) on both stores (MongoDB when
 * MONGODB_URI is set; CI points it at FerretDB): lead event deliveries that ended more than OUTBOX_RETENTION_DAYS
 * ago, their events and the outboxes' lease tickets, Teams card rows that posted nothing or whose referral was erased. Rows still
 * pending (due, retried later, leased) and recent ones stay, a retried delivery is still delivered afterwards, and
 * the pass is audited by counts only.
 */
import { MongoClient } from 'mongodb';
import { AuditLog } from '../../models/audit/auditLog';
import { LEAD_EVENT_DELIVERIES_COLLECTION, LEAD_EVENTS_COLLECTION, LeadEventConsumer, LeadEventLog, type LeadEventOutcome } from '../../models/leads/leadEvents';
import { LeadRepository } from '../../models/leads/leadRepository';
import { LeadService } from '../../models/leads/leadService';
import { silentLogger } from '../../models/logger';
import { deleteBefore } from '../../models/retention/finishedRows';
import { DAY_MS, RetentionJob, type OutboxPurge } from '../../models/retention/retentionJob';
import { MongoStore } from '../../models/store/mongo/mongoStore';
import type { Store } from '../../models/store/store';
import { LEASE_TICKETS_COLLECTION } from '../../models/teams/leases';
import { Outbox, OUTBOX_COLLECTION } from '../../models/teams/outbox';
import { isolatedMongoUri, MONGODB_SKIP_NOTE, storeFactories } from '../support/adapters';
import { fixedClock, submission } from '../leads/fixtures';

if (!process.env.MONGODB_URI) test.skip(`outbox purge on MongoDB: ${MONGODB_SKIP_NOTE}`, () => undefined);

describe.each(storeFactories())('outbox purge: $name store', (factory) => {
  let store: Store;
  let clock: ReturnType<typeof fixedClock>;
  let audit: AuditLog;

  beforeEach(async () => {
    store = await factory.open();
    clock = fixedClock('2030-01-01T09:00:00.000Z');
    audit = await AuditLog.open(store, { now: clock.now });
  });
  afterEach(async () => {
    await factory.dispose(store);
  });

  const noLeads = { eraseFinishedBefore: async () => [] };
  /** the pass as the bot runs it: OUTBOX_RETENTION_DAYS=30, and referrals erased `days` after they ended when given */
  const job = (purges: OutboxPurge[], leads: Pick<LeadService, 'eraseFinishedBefore'> = noLeads, days = 0): RetentionJob =>
    new RetentionJob({ leads, audit, days, outboxes: { days: 30, purges }, now: clock.now, logger: silentLogger });
  const purgeEntries = async () => (await audit.list({ action: 'outbox.purged' })).items;

  test('lead events: ended deliveries, events and claims older than the period go; a delivery retried later, even in flight, and recent ones stay and are delivered', async () => {
    const log = await LeadEventLog.open(store, { consumers: ['teams'], clock: clock.now });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let inFlight: () => void = () => undefined;
    const entered = new Promise<void>((resolve) => (inFlight = resolve));
    let laterCalls = 0;
    const outcomes: Record<string, () => Promise<LeadEventOutcome>> = {
      done: async () => ({ outcome: 'delivered' }),
      skip: async () => ({ outcome: 'skipped', reason: 'no_channel' }),
      fail: async () => ({ outcome: 'failed', reason: 'http_400' }),
      recent: async () => ({ outcome: 'delivered' }),
      // refused for 40 days (a receiver down long), then delivered slowly: in flight while the purge runs
      later: async () => {
        laterCalls += 1;
        if (laterCalls === 1) return { outcome: 'retry', reason: 'http_503', retryAfterMs: 40 * DAY_MS };
        inFlight();
        await gate;
        return { outcome: 'delivered' };
      },
    };
    const consumer = new LeadEventConsumer(log, 'teams', (event) => outcomes[event.leadId](), { logger: silentLogger, clock: clock.now }, { pollMs: 0 });
    const publish = (leadId: string) => log.publish([{ _id: `${leadId}:new`, kind: 'new', leadId, projectId: null, at: clock.now() }]);
    consumer.start();
    try {
      for (const leadId of ['done', 'skip', 'fail', 'later']) await publish(leadId);
      await consumer.idle();
      clock.advance(25 * DAY_MS);
      await publish('recent');
      await consumer.idle();
      expect(await log.deliveries.count({ status: 'pending' })).toBe(1);

      clock.advance(15 * DAY_MS); // the retry is due: its second attempt starts and waits in the handler
      consumer.kick();
      await entered;
      const report = await job([log]).runOnce();

      expect(report.outboxRowsPurged).toBe(3 + 4 + 4);
      const left = await log.deliveries.find({});
      expect(left.map((row) => [row.event.leadId, row.status]).sort()).toEqual([['later', 'pending'], ['recent', 'delivered']]);
      expect((await log.events.find({})).map((event) => event._id)).toEqual(['recent:new']);
      expect((await log.tickets.find({})).map((ticket) => ticket._id).sort()).toEqual(['teams|later:new:2', 'teams|recent:new:1']);

      release();
      await consumer.idle();
      expect(await log.delivery('teams', 'later:new')).toMatchObject({ status: 'delivered', attempts: 2 });
    } finally {
      release();
      await consumer.stop();
    }

    const entries = await purgeEntries();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor: 'system',
      target: 'outbox',
      details: { [LEAD_EVENT_DELIVERIES_COLLECTION.name]: 3, [LEAD_EVENTS_COLLECTION.name]: 4, [LEASE_TICKETS_COLLECTION.name]: 4, retentionDays: 30 },
    });
    // numbers only: no row id, lead id or reason
    expect(JSON.stringify(entries[0].details)).not.toMatch(/done|skip|fail|later|http_/);

    // nothing more to purge: no second entry
    expect((await job([log]).runOnce()).outboxRowsPurged).toBe(0);
    expect(await purgeEntries()).toHaveLength(1);
  });

  test('Teams cards: an ended row without a card goes, a posted card stays until its referral is erased, pending and retried rows stay and can be taken again', async () => {
    const outbox = await Outbox.open(store);
    const leads = new LeadService(await LeadRepository.open(store), { now: clock.now });
    const { lead: closed } = await leads.submit(submission(), 'purge-closed');
    await leads.claim(closed._id, 'op-1');
    await leads.transition(closed._id, 'closed', { by: 'op-1', reason: 'withdrawn' });
    const t0 = clock.now();
    const lease = async (leadId: string) => {
      const row = await outbox.lease(`referral.new:${leadId}`, 'dispatcher-1', t0, 60_000);
      if (!row) throw new Error(`row of ${leadId} not leased`);
      return row;
    };
    const posted = async (leadId: string) => {
      await outbox.enqueue(leadId, t0, 'p');
      await lease(leadId);
      await outbox.recordDelivery(`referral.new:${leadId}`, 'dispatcher-1', { linkId: 'link-1', conversationId: 'c-1', activityId: `act-${leadId}`, at: t0 });
      await outbox.finish(`referral.new:${leadId}`, 'dispatcher-1', 'delivered', t0);
    };
    await posted(closed._id); // its referral is erased by this pass: the card is never updated again
    await posted('still-open'); // its card is updated when the referral changes
    await outbox.enqueue('no-channel', t0, 'p');
    await lease('no-channel');
    await outbox.finish('referral.new:no-channel', 'dispatcher-1', 'skipped', t0, 'no_links');
    await outbox.enqueue('never-taken', t0, 'p');
    await outbox.enqueue('retried', t0, 'p');
    await lease('retried');
    await outbox.retryAt('referral.new:retried', 'dispatcher-1', new Date(t0.getTime() + 40 * DAY_MS), 'http_503');

    clock.advance(400 * DAY_MS);
    const report = await job([outbox], leads, 365).runOnce();

    expect(report.leadsErased).toBe(1);
    const left = await (await store.collection<{ _id: string; status: string }>(OUTBOX_COLLECTION)).find({});
    expect(left.map((row) => `${row._id}=${row.status}`).sort()).toEqual(['referral.new:never-taken=pending', 'referral.new:retried=pending', 'referral.new:still-open=delivered']);
    expect(await outbox.deliveriesForLead('still-open')).toEqual([expect.objectContaining({ activityId: 'act-still-open' })]);
    expect(report.outboxRowsPurged).toBe(2);
    expect((await purgeEntries())[0]).toMatchObject({ details: { [OUTBOX_COLLECTION.name]: 2, retentionDays: 30 } });

    // the retried row is taken again (attempt 2) and the pending one too
    expect(await outbox.lease('referral.new:retried', 'dispatcher-2', clock.now(), 60_000)).toMatchObject({ attempts: 2, leaseOwner: 'dispatcher-2' });
    expect(await outbox.lease('referral.new:never-taken', 'dispatcher-2', clock.now(), 60_000)).toMatchObject({ attempts: 1 });
  });

  test("Teams cards: the rows of a referral its worker erased (\"cancella i miei dati\") go with the next pass, with referral retention off; another's card stays", async () => {
    const outbox = await Outbox.open(store);
    const leads = new LeadService(await LeadRepository.open(store), { now: clock.now });
    const { lead: mine } = await leads.submit(submission({ channelUserId: 'worker-erases' }), 'purge-self-erased');
    const { lead: other } = await leads.submit(submission({ channelUserId: 'worker-stays' }), 'purge-other');
    const t0 = clock.now();
    for (const leadId of [mine._id, other._id]) {
      await outbox.enqueue(leadId, t0, 'p');
      await outbox.lease(`referral.new:${leadId}`, 'dispatcher-1', t0, 60_000);
      await outbox.recordDelivery(`referral.new:${leadId}`, 'dispatcher-1', { linkId: 'link-1', conversationId: 'c-1', activityId: `act-${leadId}`, at: t0 });
      await outbox.finish(`referral.new:${leadId}`, 'dispatcher-1', 'delivered', t0);
    }
    clock.advance(DAY_MS);
    expect(await leads.eraseByUser({ channel: 'webchat', userId: 'worker-erases' })).toBe(1);
    clock.advance(DAY_MS);

    // RETENTION_DAYS=0: no referral is erased by the pass itself
    const report = await job([outbox], leads, 0).runOnce();
    expect(report).toMatchObject({ leadsErased: 0, outboxRowsPurged: 1 });
    expect(await outbox.forLead(mine._id)).toBeNull();
    expect(await outbox.deliveriesForLead(other._id)).toEqual([expect.objectContaining({ activityId: `act-${other._id}` })]);
    // a second pass finds nothing more (the erased referral is asked for again, its rows are gone)
    expect((await job([outbox], leads, 0).runOnce()).outboxRowsPurged).toBe(0);
  });

  test('a backlog larger than one chunk goes whole, chunk by chunk; lease tickets that ended after the cut-off stay', async () => {
    const log = await LeadEventLog.open(store, { consumers: ['teams'], clock: clock.now });
    const tickets = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => ({ _id: `teams|${prefix}-${i}:new:1`, rowId: `teams|${prefix}-${i}:new`, owner: 'x', until: clock.now() }));
    // written 50 at a time (FerretDB's SQLite refuses many more at once)
    const old = tickets('old', 130);
    for (let i = 0; i < old.length; i += 50) await Promise.all(old.slice(i, i + 50).map((ticket) => log.tickets.insert(ticket)));
    clock.advance(31 * DAY_MS);
    await Promise.all(tickets('new', 10).map((ticket) => log.tickets.insert(ticket)));
    // chunks of at most 40 (the bot's are up to PURGE_BATCH=500: the same loop, on a backlog a quarter the size)
    const deletes = jest.spyOn(log.tickets, 'deleteMany');
    expect(await deleteBefore(log.tickets, 'until', new Date(clock.now().getTime() - 30 * DAY_MS), {}, { batch: 40 })).toBe(130);
    const chunks = deletes.mock.calls.map(([filter]) => ((filter._id as { $in: string[] }).$in).length);
    expect(chunks.length).toBeGreaterThanOrEqual(4);
    expect(Math.max(...chunks)).toBeLessThanOrEqual(40);
    expect(chunks.reduce((a, b) => a + b, 0)).toBe(130);
    expect(await log.tickets.count({})).toBe(10);
  });

  test('OUTBOX_RETENTION_DAYS=0: nothing is purged', async () => {
    const log = await LeadEventLog.open(store, { consumers: ['teams'], clock: clock.now });
    await log.publish([{ _id: 'x:new', kind: 'new', leadId: 'x', projectId: null, at: clock.now() }]);
    clock.advance(3650 * DAY_MS);
    const never = new RetentionJob({ leads: noLeads, audit, days: 0, outboxes: { days: 0, purges: [log] }, now: clock.now, logger: silentLogger });
    expect((await never.runOnce()).outboxRowsPurged).toBe(0);
    expect(await log.events.count({})).toBe(1);
  });
});

// The purge walks each collection along an index on when its rows ended, created at start.
(process.env.MONGODB_URI ? test : test.skip)('MongoDB: the outboxes have the indexes the purge walks', async () => {
  const uri = isolatedMongoUri(process.env.MONGODB_URI ?? '', 'purge');
  const store = await MongoStore.connect(uri);
  try {
    await LeadEventLog.open(store, { consumers: ['teams'] });
    await Outbox.open(store);
    const client = await MongoClient.connect(uri);
    try {
      const keys = async (name: string) => (await client.db().collection(name).indexes()).map((index) => index.key);
      expect(await keys(LEAD_EVENT_DELIVERIES_COLLECTION.name)).toContainEqual({ doneAt: 1 });
      expect(await keys(LEAD_EVENTS_COLLECTION.name)).toContainEqual({ at: 1 });
      expect(await keys(LEASE_TICKETS_COLLECTION.name)).toContainEqual({ until: 1 });
      expect(await keys(OUTBOX_COLLECTION.name)).toContainEqual({ doneAt: 1 });
    } finally {
      await client.close();
    }
  } finally {
    await store.dropDatabase();
    await store.close();
  }
});
