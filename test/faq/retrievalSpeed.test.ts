import { benchRetrieval } from '../../scripts/bench-retrieval';

// The target is p99 < 1 ms (see `npm run bench`); a shared test machine adds scheduling noise to the tail, so this
// test guards the typical case and leaves the tail to the benchmark.
test('FAQ retrieval at 1,000 entries takes well under a millisecond per question', async () => {
  const result = await benchRetrieval();
  expect(result.entries).toBe(1000);
  expect(result.questions).toBeGreaterThan(1000);
  expect(result.p50Ms).toBeLessThan(1);
}, 60_000);
