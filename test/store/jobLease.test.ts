/**
 * The job lease (models/store/jobLease.ts) is exclusive with two runners on one database, FerretDB included (decided
 * by a unique insert), ends when released or when its holder died, and a retention pass runs only under it.
 */
import { silentLogger } from '../../models/logger';
import { RetentionJob, type RetentionReport } from '../../models/retention/retentionJob';
import { JobLease } from '../../models/store/jobLease';
import type { Store } from '../../models/store/store';
import { tempDirsRemovedAfterAll } from '../support/adapters';
import { storePairs, type StorePair } from '../support/storePairs';

const tempDir = tempDirsRemovedAfterAll();

const pairs = storePairs(tempDir, 'lease');

describe.each(pairs)('job lease on the %s store', (_name, open) => {
  let pair: StorePair;
  beforeEach(async () => {
    pair = await open();
  });
  afterEach(async () => {
    await pair.dispose();
  });

  test('of many concurrent takers exactly one holds it; released, it is taken again; a dead holder loses it when it ends', async () => {
    const t0 = new Date('2025-05-01T10:00:00.000Z');
    const leases = await Promise.all(Array.from({ length: 8 }, (_, i) => JobLease.open(pair.stores[i % 2], 'job', 60_000)));
    const won = await Promise.all(leases.map((l) => l.acquire(t0)));
    expect(won.filter(Boolean)).toHaveLength(1);
    const holder = leases[won.indexOf(true)];
    expect(await Promise.all(leases.map((l) => l.acquire(new Date(t0.getTime() + 1000))))).toEqual(leases.map(() => false));

    await holder.release(new Date(t0.getTime() + 2000));
    const again = await Promise.all(leases.map((l) => l.acquire(new Date(t0.getTime() + 3000))));
    expect(again.filter(Boolean)).toHaveLength(1);

    // the new holder "dies" (never releases): nobody may take it before its lease ends, someone may after
    const others = leases.filter((_, i) => !again[i]);
    expect(await Promise.all(others.map((l) => l.acquire(new Date(t0.getTime() + 60_000))))).toEqual(others.map(() => false));
    const late = await Promise.all(others.map((l) => l.acquire(new Date(t0.getTime() + 3000 + 60_001))));
    expect(late.filter(Boolean)).toHaveLength(1);
  });

  test('two retention runners at once: one pass works, the other is skipped', async () => {
    const now = (): Date => new Date('2025-05-01T10:00:00.000Z');
    let passes = 0;
    // the first pass lasts until the other runner has ticked (and been skipped), or until a second pass starts at
    // the same time (the lease failed: the counts below say so, rather than a hang)
    let overlapSeen: () => void = () => undefined;
    const overlap = new Promise<void>((resolve) => (overlapSeen = resolve));
    const leads = {
      eraseFinishedBefore: async (): Promise<Array<{ id: string; reference: string }>> => {
        passes += 1;
        if (passes > 1) overlapSeen();
        await overlap;
        return [];
      },
    };
    const runner = async (store: Store): Promise<RetentionJob> =>
      new RetentionJob({ leads, lease: await JobLease.open(store, 'retention', 60_000), audit: { append: async () => undefined as never }, days: 30, now, logger: silentLogger });
    const [a, b] = await Promise.all(pair.stores.map(runner));
    const tick = async (job: RetentionJob): Promise<RetentionReport> => {
      const report = await job.runOnce();
      if (report.skipped) overlapSeen();
      return report;
    };
    const reports: RetentionReport[] = await Promise.all([tick(a), tick(b)]);
    expect(passes).toBe(1);
    expect(reports.filter((r) => r.skipped)).toHaveLength(1);
    // released at the end of the pass: the next tick of either runner works
    expect((await b.runOnce()).skipped).toBeUndefined();
    expect(passes).toBe(2);
  });
});
