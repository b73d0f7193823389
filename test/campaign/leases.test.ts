import { AnnouncementStore } from '../../models/campaign/announcements';
import { DeliveryOutbox } from '../../models/campaign/deliveries';
import { SubscriptionStore } from '../../models/campaign/subscriptions';
import type { Topic } from '../../models/campaign/types';
import type { Store } from '../../models/store/store';
import { LEASE_TICKETS_COLLECTION, type LeaseTicket } from '../../models/teams/leases';
import { MONGODB_SKIP_NOTE, storeFactories } from '../support/adapters';
import { announcementInput, RecordingPoster, sender, subscriber, until, type CampaignStores } from './helpers';

if (!process.env.MONGODB_URI) test.skip(MONGODB_SKIP_NOTE, () => undefined);

/**
 * The lease is a unique insert, so it is exclusive on every store: FerretDB (what CI runs the MongoDB adapter on)
 * does not make conditional updates atomic, and the delivery outbox used to lease with one.
 */
describe.each(storeFactories())('leases and the sender on several instances: $name store', (factory) => {
  let store: Store;
  let stores: CampaignStores;
  beforeEach(async () => {
    store = await factory.open();
    const now = (): Date => new Date();
    stores = { store: store as CampaignStores['store'], subscriptions: await SubscriptionStore.open(store, { now }), announcements: await AnnouncementStore.open(store, { now }), deliveries: await DeliveryOutbox.open(store) };
  });
  afterEach(async () => {
    await factory.dispose(store);
  });

  async function rows(n: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      await stores.deliveries.enqueue('a1', `s${i}`, new Date(Date.now() - 1000));
      ids.push(`a1:s${i}`);
    }
    return ids;
  }

  test('of 12 concurrent leases on one row exactly one wins, each time the row is due again', async () => {
    const [id] = await rows(1);
    for (let round = 1; round <= 3; round++) {
      const now = new Date();
      const owners = Array.from({ length: 12 }, (_, i) => `owner-${round}-${i}`);
      const seen = await stores.deliveries.get(id);
      const won = (await Promise.all(owners.map((o, i) => stores.deliveries.rows.lease(id, o, now, 60_000, i % 2 === 0 && seen ? seen : undefined)))).filter((r) => r !== null);
      expect(won).toHaveLength(1);
      expect(won[0]?.attempts).toBe(round);
      // the winner gives it back, due now: the next round is the next attempt
      await stores.deliveries.rows.retryAt(id, won[0]?.leaseOwner ?? '', new Date(Date.now() - 1), 'http_500');
    }
  });

  test('a lease whose holder died before stamping the row is stepped over once it ends; a live one is not', async () => {
    const [id] = await rows(1);
    const tickets = await store.collection<LeaseTicket>(LEASE_TICKETS_COLLECTION);
    await tickets.insert({ _id: `${id}:1`, rowId: id, owner: 'alive', until: new Date(Date.now() + 60_000) });
    expect(await stores.deliveries.rows.lease(id, 'other', new Date(), 60_000)).toBeNull();
    await tickets.deleteMany({ _id: `${id}:1` });
    await tickets.insert({ _id: `${id}:1`, rowId: id, owner: 'dead', until: new Date(Date.now() - 1) });
    const taken = await stores.deliveries.rows.lease(id, 'other', new Date(), 60_000);
    expect(taken).toEqual(expect.objectContaining({ attempts: 2, leaseOwner: 'other' }));
    // the row's tickets go with it when its send is purged
    await stores.deliveries.rows.finish(id, 'other', 'sent', new Date());
    expect(await tickets.count({ rowId: id })).toBe(2);
    await stores.deliveries.purge('a1');
    expect(await tickets.count({ rowId: id })).toBe(0);
  });

  test('a renewed lease is not taken over when its row looks due; a take-over that crosses a renewal makes it contested', async () => {
    const [first, second] = await rows(2);
    const tickets = await store.collection<LeaseTicket>(LEASE_TICKETS_COLLECTION);
    const leaseMs = 10_000;
    const t0 = Date.now();
    const seen = await stores.deliveries.get(first);
    if (!seen) throw new Error('the row should be there');
    expect(await stores.deliveries.rows.lease(first, 'A', new Date(t0), leaseMs)).toEqual(expect.objectContaining({ attempts: 1, leaseOwner: 'A' }));
    // past A's first lease A renews (its send is still in flight); B, whose read of the row is as old as it gets
    // (due, attempts 0) and whose clock says A's first lease has ended, does not take it over
    const lapsed = new Date(t0 + leaseMs + 1);
    expect(await stores.deliveries.rows.renew(first, 1, new Date(lapsed.getTime() + leaseMs))).toBe('held');
    expect(await stores.deliveries.rows.lease(first, 'B', lapsed, leaseMs, seen)).toBeNull();
    expect(await stores.deliveries.rows.lease(first, 'B', lapsed, leaseMs, { ...seen, attempts: 1 })).toBeNull();
    expect(await tickets.count({ rowId: first })).toBe(1); // B's tickets went as soon as B backed off
    expect(await stores.deliveries.rows.renew(first, 1, new Date(lapsed.getTime() + 2 * leaseMs))).toBe('held');
    expect((await stores.deliveries.get(first))?.availableAt).toEqual(new Date(lapsed.getTime() + 2 * leaseMs)); // the row shows it too

    // A stops renewing (it died): once its lease has ended, B takes the row over; A, if it was only stalled, learns
    // it at its next renewal and sends nothing more
    await stores.deliveries.rows.lease(second, 'A', new Date(t0), leaseMs);
    expect(await stores.deliveries.rows.lease(second, 'B', lapsed, leaseMs)).toEqual(expect.objectContaining({ attempts: 2, leaseOwner: 'B' }));
    expect(await stores.deliveries.rows.renew(second, 1, new Date(lapsed.getTime() + leaseMs))).toBe('contested');
    await stores.deliveries.rows.endTicket(second, 1, lapsed); // what A does then, when it has nothing in flight
    // and a row given back for a retry is not held up by its old ticket: it is taken at its retry time
    await stores.deliveries.rows.retryAt(second, 'B', lapsed, 'http_500');
    expect(await stores.deliveries.rows.lease(second, 'C', lapsed, leaseMs)).toEqual(expect.objectContaining({ attempts: 3, leaseOwner: 'C' }));
  });

  // How much faster is the bench's to say (npm run bench with MONGODB_URI: 1, 2 and 3 instances); a test asserts what
  // makes it so, without a stopwatch: the senders share the rows instead of all walking the same ones.
  // At 15/s each the rate still paces them (the embedded store leases far faster), so a sender holding a lease waits
  // for its token while the others take other rows, as at 5/s; it takes a third of the time (3 s at 5/s).
  test('three senders at 15/s each deliver 45 messages exactly once, each sending its share', async () => {
    await Promise.all(Array.from({ length: 45 }, () => subscriber(stores)));
    const posters = [0, 1, 2].map(() => new RecordingPoster());
    // each polls, as instances do (every ANNOUNCE_POLL_MS), so one that started before the audience was written joins in
    const senders = posters.map((poster) => sender(stores, poster, { ratePerSecond: 15, concurrency: 4, pollMs: 100 }));
    const a = await stores.announcements.create(announcementInput(), 'staff-1');
    await stores.announcements.schedule(a._id, new Date());
    for (const s of senders) s.start();
    await until(async () => (await stores.announcements.get(a._id)).status === 'sent', { withinMs: 30_000 });
    await Promise.all(senders.map((s) => s.stop()));
    const received = posters.flatMap((p) => p.received);
    expect(received).toHaveLength(45);
    expect(new Set(received.map((r) => r.conversationId)).size).toBe(45);
    // before, every sender walked the same oldest rows and spent a rate token on each lost race, so the total stayed
    // at one sender's rate: now every token a sender spends is a message it sent, and all three send a share
    senders.forEach((s, i) => expect(s.rateTokensSpent).toBe(posters[i].received.length));
    const shares = posters.map((p) => p.received.length);
    for (const share of shares) expect(share).toBeGreaterThan(0);
    expect(Math.max(...shares)).toBeLessThanOrEqual(30);
  }, 60_000);

  // Timed on the embedded store only: there the per-instance rate bounds it however loaded the machine is; FerretDB
  // (SQLite, serialised writes) keeps up on a quiet machine (8.0/s for one sender, 22.6/s for three, 2026-12-07) but
  // became the bound under a load of 25 on 2 cores (10.7/s for three).
  (factory.name === 'embedded' ? test : test.skip)('three senders at 8/s each deliver about three times as fast as one (timed on the embedded store only: under load FerretDB writes, not the rate, bound it)', async () => {
    // first message to last, at the default per-instance rate
    const rate = async (senders: number, topic: Topic): Promise<number> => {
      // 12 each: the rate has no burst (sends are spaced 1/rate apart), so 11 intervals measure it as well as 23
      const perSender = 12;
      const posters = Array.from({ length: senders }, () => new RecordingPoster());
      const sentAt: number[] = [];
      for (const poster of posters) poster.behaviour = () => void sentAt.push(Date.now());
      for (let i = 0; i < senders * perSender; i++) await subscriber(stores, { topics: [topic] });
      const running = posters.map((poster) => sender(stores, poster, { ratePerSecond: 8, concurrency: 4, pollMs: 100 }));
      const a = await stores.announcements.create(announcementInput({ topics: [topic] }), 'staff-1');
      await stores.announcements.schedule(a._id, new Date());
      for (const s of running) s.start();
      await until(async () => (await stores.announcements.get(a._id)).status === 'sent', { withinMs: 30_000 });
      await Promise.all(running.map((s) => s.stop()));
      expect(new Set(posters.flatMap((p) => p.received.map((r) => r.conversationId))).size).toBe(senders * perSender);
      return (sentAt.length - 1) / ((Math.max(...sentAt) - Math.min(...sentAt)) / 1000);
    };
    const one = await rate(1, 'projects');
    const three = await rate(3, 'sessions');
    expect(one).toBeLessThanOrEqual(8.5);
    expect(three).toBeGreaterThanOrEqual(2 * one);
  }, 90_000);
});
