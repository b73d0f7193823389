/**
 * A send that outlasts its lease is not sent twice: the Connector takes several leases' time to answer one message,
 * while a second instance on the same store keeps looking for due rows. The holder renews its lease while the
 * message is on the way, so the other instance never takes the row over. On the embedded store, and on MongoDB
 * (FerretDB in CI) with each instance on its own connection, as two processes would be.
 */
import { AnnouncementStore } from '../../models/campaign/announcements';
import { DeliveryOutbox } from '../../models/campaign/deliveries';
import { SubscriptionStore } from '../../models/campaign/subscriptions';
import type { Store } from '../../models/store/store';
import { tempDirsRemovedAfterAll } from '../support/adapters';
import { storePairs, type StorePair } from '../support/storePairs';
import { announcementInput, RecordingPoster, sender, subscriber, until, type CampaignStores } from './helpers';

const tempDir = tempDirsRemovedAfterAll();

/** short, so the slow answer outlasts it several times; long enough for a renewal on a loaded FerretDB */
const LEASE_MS = 2000;
/** how long the Connector takes to answer each message: three and a half leases */
const SLOW_MS = 3.5 * LEASE_MS;
const RECIPIENTS = 3;

async function campaignStores(store: Store): Promise<CampaignStores> {
  const now = (): Date => new Date();
  return { store: store as CampaignStores['store'], subscriptions: await SubscriptionStore.open(store, { now }), announcements: await AnnouncementStore.open(store, { now }), deliveries: await DeliveryOutbox.open(store) };
}

// The two stores' cases run side by side: each is mostly waiting on the slow Connector (3.5 leases), so the file
// waits once instead of twice. Each case has its own stores, senders and posters.
describe('a send that outlasts its lease', () => {
  test.concurrent.each(storePairs(tempDir, 'outlast'))('on the %s store, is sent once: the other instance, polling all along, never takes the row over', async (_kind, open) => {
    const pair: StorePair = await open();
    try {
      const [first, second] = await Promise.all(pair.stores.map(campaignStores));
      for (let i = 0; i < RECIPIENTS; i++) await subscriber(first);
      const slow = new RecordingPoster();
      const durations: number[] = [];
      slow.behaviour = async () => {
        const started = Date.now();
        await new Promise((resolve) => setTimeout(resolve, SLOW_MS));
        durations.push(Date.now() - started);
      };
      const other = new RecordingPoster();
      // the holder takes every row (concurrency as large as the audience) before the other instance starts
      const holder = sender(first, slow, { leaseMs: LEASE_MS, concurrency: RECIPIENTS, pollMs: 0 });
      const contender = sender(second, other, { leaseMs: LEASE_MS, concurrency: RECIPIENTS, pollMs: 100 });
      const a = await first.announcements.create(announcementInput(), 'staff-1');
      await first.announcements.schedule(a._id, new Date());
      holder.start();
      await until(() => slow.attempts.size === RECIPIENTS, { withinMs: 20_000, what: 'the holder to start every send' });
      contender.start(); // it looks for due rows every 100 ms while the holder's answers are slow
      await until(async () => (await first.announcements.get(a._id)).status === 'sent', { withinMs: 60_000, everyMs: 200, what: 'the send to finish' });
      await Promise.all([holder.stop(), contender.stop()]);

      // every message took several leases to be answered, and went once: the contender sent nothing
      expect(durations).toHaveLength(RECIPIENTS);
      for (const ms of durations) expect(ms).toBeGreaterThanOrEqual(3 * LEASE_MS);
      expect(other.attempts.size).toBe(0);
      expect([...slow.attempts.values()]).toEqual(Array.from({ length: RECIPIENTS }, () => 1));
      expect((await first.announcements.get(a._id)).report).toEqual(expect.objectContaining({ recipients: RECIPIENTS, sent: RECIPIENTS }));
    } finally {
      await pair.dispose();
    }
  }, 90_000);
});
