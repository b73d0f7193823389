/**
 * What one announcement message costs in store calls (FerretDB serialises writes, so on MongoDB this, not the rate,
 * sets a broadcast's pace): two senders on one store deliver to 120 subscribers exactly once, and the calls per
 * message stay within a budget. On the embedded store, and on MongoDB when MONGODB_URI is set.
 */
import { AnnouncementStore } from '../../models/campaign/announcements';
import { DeliveryOutbox } from '../../models/campaign/deliveries';
import { SubscriptionStore } from '../../models/campaign/subscriptions';
import type { Store } from '../../models/store/store';
import { storeFactories } from '../support/adapters';
import { CountingStore } from '../support/countingStore';
import { announcementInput, RecordingPoster, sender, subscriber, until, type CampaignStores } from './helpers';

const RECIPIENTS = 120;

describe.each(storeFactories())('store calls per announcement message: $name store', (factory) => {
  let base: Store;
  beforeEach(async () => {
    base = await factory.open();
  });
  afterEach(async () => {
    await factory.dispose(base);
  });

  test('two senders deliver every message once, within the store-call budget', async () => {
    const counting = new CountingStore(base);
    const store = counting.store();
    const now = (): Date => new Date();
    const stores: CampaignStores = { store: store as CampaignStores['store'], subscriptions: await SubscriptionStore.open(store, { now }), announcements: await AnnouncementStore.open(store, { now }), deliveries: await DeliveryOutbox.open(store) };
    for (let i = 0; i < RECIPIENTS; i++) await subscriber(stores);
    const created = await stores.announcements.create(announcementInput(), 'staff-1');
    await stores.announcements.schedule(created._id, new Date());
    const poster = new RecordingPoster();
    const sentAt: number[] = [];
    poster.behaviour = () => new Promise((resolve) => setTimeout(resolve, 5)).then(() => void sentAt.push(Date.now()));
    const a = sender(stores, poster, { concurrency: 16 });
    const b = sender(stores, poster, { concurrency: 16 });
    counting.reset();
    const startedAt = Date.now();
    a.start();
    b.start();
    // the test's own polling goes around the count
    const uncounted = await AnnouncementStore.open(base, { now });
    await until(async () => (await uncounted.get(created._id)).status === 'sent', { withinMs: 60_000 });
    await Promise.all([a.stop(), b.stop()]);
    expect(poster.received).toHaveLength(RECIPIENTS);
    expect(new Set(poster.received.map((r) => r.conversationId)).size).toBe(RECIPIENTS);
    const perMessage = (collections?: string[]): number => Math.round((counting.total(collections) / RECIPIENTS) * 100) / 100;
    // the whole send: audience snapshot, leases, checks, marks, report and purge
    process.stdout.write(`timing (${factory.name}): first send after ${sentAt[0] - startedAt} ms, last after ${sentAt[sentAt.length - 1] - startedAt} ms, done after ${Date.now() - startedAt} ms\n`);
    process.stdout.write(`store calls per message (${factory.name}): ${perMessage()}; ${JSON.stringify(Object.fromEntries([...counting.calls].sort()))}\n`);
    expect(perMessage()).toBeLessThanOrEqual(8);
  }, 120_000);
});
