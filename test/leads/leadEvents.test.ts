/**
 * Lead events (models/leads/leadEvents.ts): each change others must hear about records its event with the change,
 * on both stores (MongoDB through MONGODB_URI; CI points it at FerretDB, whose conditional updates are not atomic);
 * an interrupted publication loses nothing; consumers retry with backoff, and two instances of one consumer deliver
 * each event once (decided by a unique insert, which FerretDB enforces).
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Lead } from '../../models/leads/lead';
import { LeadEventConsumer, LeadEventLog, type LeadEvent, type LeadEventHandler } from '../../models/leads/leadEvents';
import { LeadRepository } from '../../models/leads/leadRepository';
import { LeadService, type LeadServiceDeps } from '../../models/leads/leadService';
import { silentLogger } from '../../models/logger';
import { webhookLeadEventHandler } from '../../models/notify/referralNotifier';
import { ProjectRepository, seedSampleProjects } from '../../models/projects/projectRepository';
import type { Store } from '../../models/store/store';
import { Outbox } from '../../models/teams/outbox';
import { MONGODB_SKIP_NOTE, storeFactories } from '../support/adapters';
import { emptiedForEachTest } from '../support/emptiedForEachTest';
import { fixedClock, submission } from './fixtures';

if (!process.env.MONGODB_URI) test.skip(`lead events on MongoDB: ${MONGODB_SKIP_NOTE}`, () => undefined);

/** A clock for the consumers' retry timing that moves only when told to. */
function manualClock(): { now: () => Date; advance: (ms: number) => void } {
  let t = Date.parse('2030-01-01T00:00:00Z');
  return { now: () => new Date(t), advance: (ms) => (t += ms) };
}

describe.each(storeFactories())('lead events: $name store', (factory) => {
  let store: Store;
  let repository: LeadRepository;
  let projects: ProjectRepository;
  const clock = fixedClock();

  // on MongoDB one database for the suite, emptied before each test (test/support/emptiedForEachTest.ts)
  const current = emptiedForEachTest(async () => {
    const opened = await factory.open();
    const empty = factory.empty?.bind(factory);
    return { store: opened, dispose: () => factory.dispose(opened), ...(empty ? { empty: () => empty(opened) } : {}) };
  });
  beforeEach(async () => {
    store = current().store;
    repository = await LeadRepository.open(store);
    projects = await ProjectRepository.open(store);
    await seedSampleProjects(projects, clock.now(), { activate: true });
  });

  const service = (extra: Partial<LeadServiceDeps> = {}): LeadService => new LeadService(repository, { now: clock.now, projects, ...extra });

  test('new, assigned, claimed and withdrawn each record one event with the change: ids and codes only, a delivery row per consumer', async () => {
    const log = await LeadEventLog.open(store, { consumers: ['teams', 'webhook'] });
    const leads = service({ events: log });
    const identity = { channel: 'webchat', userId: 'worker-events-1' };
    const { lead } = await leads.submit(submission({ channelUserId: identity.userId, contact: { name: 'Giulia Verdi', phone: '333 765 4321', email: 'giulia@example.com' } }), 'ev-1');
    expect(lead.projectId).toBe('esempio-bg-metalmeccanico');
    // published and cleared from the lead
    expect((await leads.get(lead._id)).pendingEvents).toBeUndefined();

    clock.advance(1000);
    await leads.assignProject(lead._id, 'esempio-mi-commercio', 'staff-1');
    await leads.assignProject(lead._id, 'esempio-mi-commercio', 'staff-1'); // the same project again: no news
    clock.advance(1000);
    await leads.claim(lead._id, 'op-1');
    clock.advance(1000);
    await leads.withdrawByUser(identity);

    const events = await log.forLead(lead._id);
    expect(events.map((e) => [e.kind, e.projectId])).toEqual([
      ['new', 'esempio-bg-metalmeccanico'],
      ['assigned', 'esempio-mi-commercio'],
      ['claimed', 'esempio-mi-commercio'],
      ['withdrawn', 'esempio-mi-commercio'],
    ]);
    expect(events[2]).toMatchObject({ _id: `${lead._id}:claimed:0`, operatorId: 'op-1' });
    const text = JSON.stringify(events);
    // the phone is looked for whole and in its usual forms: a bare '765' also occurs in random UUIDs
    for (const personal of ['Giulia', 'Verdi', '3337654321', '333 765 4321', '7654321', 'giulia@', 'worker-events-1', 'Officine']) expect(text).not.toContain(personal);
    for (const event of events) {
      expect(Object.keys(event).sort()).toEqual(expect.arrayContaining(['_id', 'at', 'kind', 'leadId', 'projectId']));
      expect(await log.delivery('teams', event._id)).toMatchObject({ status: 'pending', attempts: 0 });
      expect(await log.delivery('webhook', event._id)).toMatchObject({ status: 'pending', attempts: 0 });
    }
    const after = await leads.get(lead._id);
    expect(after.pendingEvents).toBeUndefined();
    expect(after.eventsPending).toBeUndefined();
  });

  test('a crash between the change and its publication loses nothing: the event is on the lead, the relay publishes it once', async () => {
    const log = await LeadEventLog.open(store, { consumers: ['teams'] });
    // the "crash": the lead is written, then publishing fails (or the process dies) before any event row exists
    let failing = true;
    const interrupted = service({
      events: {
        publish: async (events) => {
          if (failing) throw new Error('injected: the process died here');
          await log.publish(events);
        },
      },
    });
    const { lead } = await interrupted.submit(submission(), 'crash-1');
    clock.advance(1000);
    const claimed = await interrupted.claim(lead._id, 'op-2');
    expect(claimed.status).toBe('claimed'); // the change itself succeeded
    // a CLI (no sink) changes another lead: its event waits on the lead too
    const { lead: other } = await service().submit(submission(), 'crash-2');
    expect(await log.forLead(lead._id)).toEqual([]);
    const stored = await interrupted.get(lead._id);
    expect(stored.eventsPending).toBe(true);
    expect(stored.pendingEvents?.map((e) => e.kind)).toEqual(['new', 'claimed']);

    // restart: the relay finds what the leads still hold, and publishes it; a second sweep finds nothing
    failing = false;
    const restarted = service({ events: log });
    expect(await restarted.relayPendingEvents()).toBe(2);
    expect(await restarted.relayPendingEvents()).toBe(0);
    expect((await log.forLead(lead._id)).map((e) => e.kind)).toEqual(['new', 'claimed']);
    expect((await log.forLead(other._id)).map((e) => e.kind)).toEqual(['new']);
    expect((await restarted.get(lead._id)).eventsPending).toBeUndefined();
    // publishing the same events again (two relays at once, a retried sweep) writes nothing twice
    await log.publish(stored.pendingEvents as LeadEvent[]);
    expect(await log.forLead(lead._id)).toHaveLength(2);
    expect(await log.deliveries.count({ consumer: 'teams', 'event.leadId': lead._id })).toBe(2);
  });

  test("events 'after' (a chat turn): submit resolves once the lead holding its event is stored, the outbox rows follow", async () => {
    const log = await LeadEventLog.open(store, { consumers: ['teams'] });
    // the sink holds the publication until released: submit must not wait for it
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let failing = false;
    const leads = service({
      events: {
        publish: async (events) => {
          await held;
          if (failing) throw new Error('injected: the outbox refused');
          await log.publish(events);
        },
      },
    });
    const { lead, created } = await leads.submit(submission({ channelUserId: 'worker-after-1' }), 'after-1', { events: 'after' });
    expect(created).toBe(true);
    // the reference the worker is shown is stored, with the event inside the same document
    const stored = await leads.getByReference(lead.reference);
    expect(stored.eventsPending).toBe(true);
    expect(stored.pendingEvents?.map((e) => e.kind)).toEqual(['new']);
    expect(await log.forLead(lead._id)).toEqual([]);

    release();
    await leads.publicationsSettled();
    expect((await log.forLead(lead._id)).map((e) => e.kind)).toEqual(['new']);
    expect(await log.delivery('teams', `${lead._id}:new`)).toMatchObject({ status: 'pending' });
    const published = await leads.get(lead._id);
    expect(published.pendingEvents).toBeUndefined();
    expect(published.eventsPending).toBeUndefined();

    // a publication that fails in the background rejects nothing: the event waits on the lead for the relay
    failing = true;
    const { lead: other } = await leads.submit(submission({ channelUserId: 'worker-after-2' }), 'after-2', { events: 'after' });
    await leads.publicationsSettled();
    expect(await log.forLead(other._id)).toEqual([]);
    expect((await leads.get(other._id)).eventsPending).toBe(true);
    failing = false;
    expect(await leads.relayPendingEvents()).toBe(1);
    expect((await log.forLead(other._id)).map((e) => e.kind)).toEqual(['new']);
  });

  test('two instances of one consumer deliver each event once', async () => {
    // two instances: each its own log object and consumer over the same database
    const logA = await LeadEventLog.open(store, { consumers: ['teams'] });
    const logB = await LeadEventLog.open(store, { consumers: ['teams'] });
    const handled = new Map<string, number>();
    const handler: LeadEventHandler = async (event) => {
      handled.set(event._id, (handled.get(event._id) ?? 0) + 1);
      await new Promise((resolve) => setImmediate(resolve)); // let the other instance interleave
      return { outcome: 'delivered' };
    };
    const a = new LeadEventConsumer(logA, 'teams', handler, { logger: silentLogger }, { pollMs: 0 });
    const b = new LeadEventConsumer(logB, 'teams', handler, { logger: silentLogger }, { pollMs: 0 });
    const events: LeadEvent[] = Array.from({ length: 24 }, (_, i) => ({ _id: `lead-${i}:new`, kind: 'new', leadId: `lead-${i}`, projectId: 'p', at: clock.now() }));
    await logA.publish(events);
    a.start();
    b.start();
    try {
      for (let round = 0; round < 5 && (await logA.deliveries.count({ status: 'pending' })) > 0; round++) {
        a.kick();
        b.kick();
        await Promise.all([a.idle(), b.idle()]);
      }
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
    expect(await logA.deliveries.count({ consumer: 'teams', status: 'delivered' })).toBe(24);
    expect([...handled.values()]).toEqual(Array(24).fill(1));
  });

  test('an instance that died after taking an attempt does not block the event: after its lease the next attempt delivers it', async () => {
    const time = manualClock();
    const log = await LeadEventLog.open(store, { consumers: ['teams'], clock: time.now });
    const event: LeadEvent = { _id: 'lead-x:new', kind: 'new', leadId: 'lead-x', projectId: 'p', at: clock.now() };
    await log.publish([event]);
    // the dead instance's lease ticket of attempt 1, with the row never stamped
    await log.tickets.insert({ _id: 'teams|lead-x:new:1', rowId: 'teams|lead-x:new', owner: 'dead', until: new Date(time.now().getTime() + 60_000) });
    let calls = 0;
    const consumer = new LeadEventConsumer(log, 'teams', async () => ((calls += 1), { outcome: 'delivered' }), { logger: silentLogger, clock: time.now }, { pollMs: 0, leaseMs: 60_000 });
    consumer.start();
    try {
      await consumer.idle();
      expect(calls).toBe(0); // the ticket's lease runs: someone may be delivering it
      time.advance(60_000);
      for (let i = 0; i < 2; i++) {
        consumer.kick();
        await consumer.idle();
      }
    } finally {
      await consumer.stop();
    }
    expect(calls).toBe(1);
    expect(await log.delivery('teams', event._id)).toMatchObject({ status: 'delivered', attempts: 2 });
  });

  test('the Teams card row an event becomes is leased by one of two dispatchers racing for it', async () => {
    const outbox = await Outbox.open(store);
    for (let i = 0; i < 10; i++) {
      await outbox.enqueue(`race-${i}`, new Date(0), 'p');
      const leases = await Promise.all([outbox.lease(`referral.new:race-${i}`, 'one', new Date(), 60_000), outbox.lease(`referral.new:race-${i}`, 'two', new Date(), 60_000)]);
      expect(leases.filter((row) => row !== null)).toHaveLength(1);
    }
  });

  describe('the referral webhook', () => {
    let server: http.Server;
    let url: string;
    const received: Array<Record<string, unknown>> = [];
    let answers: number[] = [];

    beforeEach(async () => {
      received.length = 0;
      server = http.createServer((req, res) => {
        let body = '';
        req.on('data', (chunk: Buffer) => (body += chunk.toString()));
        req.on('end', () => {
          received.push(JSON.parse(body) as Record<string, unknown>);
          res.statusCode = answers.shift() ?? 200;
          res.end();
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    });
    afterEach(async () => {
      await new Promise((resolve) => server.close(resolve));
    });

    /** A new referral published, and the webhook consumer driven attempt by attempt on a clock the test moves. */
    async function webhookRun(options: { maxAttempts: number }): Promise<{ lead: Lead; row: () => Promise<unknown>; attempt: (advanceMs: number) => Promise<void>; stop: () => Promise<void> }> {
      const time = manualClock();
      const log = await LeadEventLog.open(store, { consumers: ['webhook'], clock: time.now });
      const leads = service({ events: log });
      const consumer = new LeadEventConsumer(log, 'webhook', webhookLeadEventHandler(url, { leads, logger: silentLogger }), { logger: silentLogger, clock: time.now }, { pollMs: 0, retryBaseMs: 1000, maxAttempts: options.maxAttempts });
      consumer.start();
      const { lead } = await leads.submit(submission({ contact: { name: 'Paolo Neri', phone: '333 111 2222' } }), `hook-${Math.random()}`);
      await consumer.idle();
      return {
        lead,
        row: () => log.delivery('webhook', `${lead._id}:new`),
        attempt: async (advanceMs) => {
          time.advance(advanceMs);
          consumer.kick();
          await consumer.idle();
        },
        stop: () => consumer.stop(),
      };
    }

    test('a 500 is retried with backoff, then the notice is delivered (no personal data)', async () => {
      answers = [500, 503];
      const run = await webhookRun({ maxAttempts: 5 });
      try {
        expect(await run.row()).toMatchObject({ status: 'pending', attempts: 1, lastError: 'http_500' });
        await run.attempt(999); // not due yet: the first retry waits 1000 ms
        expect(received).toHaveLength(1);
        await run.attempt(1);
        expect(await run.row()).toMatchObject({ status: 'pending', attempts: 2, lastError: 'http_503' });
        await run.attempt(1999); // the second waits twice as long
        expect(received).toHaveLength(2);
        await run.attempt(1);
      } finally {
        await run.stop();
      }
      expect(await run.row()).toMatchObject({ status: 'delivered', attempts: 3 });
      expect(received).toHaveLength(3);
      expect(received[2]).toMatchObject({ type: 'referral.new', id: run.lead._id, reference: run.lead.reference, projectId: run.lead.projectId });
      // the name and the phone (its digits: a random id may hold "111", so the whole number, spaced or not)
      expect(JSON.stringify(received)).not.toMatch(/Paolo|Neri|333 ?111 ?2222/);
    });

    test('bounded: after the last attempt the notice is recorded as failed; a 4xx fails at once', async () => {
      answers = [500, 500, 500, 500];
      const run = await webhookRun({ maxAttempts: 3 });
      try {
        await run.attempt(1000);
        await run.attempt(2000);
        await run.attempt(60_000); // nothing more is tried
      } finally {
        await run.stop();
      }
      expect(received).toHaveLength(3);
      expect(await run.row()).toMatchObject({ status: 'failed', attempts: 3, lastError: 'http_500' });

      answers = [404];
      received.length = 0;
      const refused = await webhookRun({ maxAttempts: 3 });
      await refused.stop();
      expect(received).toHaveLength(1);
      expect(await refused.row()).toMatchObject({ status: 'failed', attempts: 1, lastError: 'http_404' });
    });
  });
});
