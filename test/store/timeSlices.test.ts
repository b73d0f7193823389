/**
 * Background jobs yield by time, and share the event loop: however many run at once, one turn of the loop holds
 * one slice of background work (models/timeSlices.ts). The batch size of a step that cannot be sliced follows its
 * CPU time, not its wall time.
 */
import { performance } from 'node:perf_hooks';
import { BatchSize, SLICE_MS, TimeSlice, yieldToLoop } from '../../models/timeSlices';
import { probeLoop } from '../support/loopProbe';

/** Busy work for about `ms` milliseconds of the event loop. */
function spin(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy
  }
}

/** A job of `steps` steps of 1 ms each, pausing through its TimeSlice; resolves with its slices. */
async function job(steps: number): Promise<TimeSlice> {
  const slice = new TimeSlice();
  for (let i = 0; i < steps; i++) {
    await slice.pause();
    spin(1);
  }
  slice.end();
  return slice;
}

describe('time slices', () => {
  test('a job pauses once its slice has run SLICE_MS, and the loop turns between its slices', async () => {
    const { result: slice, loop } = await probeLoop(() => job(200));
    const { slices, longestMs } = slice.stats;
    // 200 ms of work in slices of about SLICE_MS: many slices, each near the budget (one step over it at most; a
    // loaded machine may stretch one, hence the margin)
    expect(slices).toBeGreaterThanOrEqual(200 / (SLICE_MS + 2) - 1);
    expect(longestMs).toBeLessThan(60);
    expect(loop.turns).toBeGreaterThanOrEqual(slices - 1);
  });

  test('jobs running together take turns: one slice per turn of the loop, not one slice per job per turn', async () => {
    const { result: slices, loop } = await probeLoop(() => Promise.all([job(100), job(100), job(100), job(100)]));
    const total = slices.reduce((sum, s) => sum + s.stats.slices, 0);
    // four jobs of 100 ms: with a setImmediate per job, each turn of the loop ran four slices (about 4 x SLICE_MS);
    // through the shared queue the probe sees a turn for (about) every slice
    expect(loop.turns).toBeGreaterThanOrEqual(total - 4);
    expect(loop.longestCpuMs).toBeLessThan(3 * SLICE_MS + 30);
  });

  test('the queue is first come, first resumed: a job that yields again waits behind the others', async () => {
    const order: string[] = [];
    const run = async (name: string): Promise<void> => {
      for (let i = 0; i < 3; i++) {
        await yieldToLoop();
        order.push(name);
      }
    };
    await Promise.all([run('a'), run('b'), run('c')]);
    expect(order).toEqual(['a', 'b', 'c', 'a', 'b', 'c', 'a', 'b', 'c']);
  });

  test('a batch is sized from the CPU time of the last step, at most twofold a step, between its bounds', () => {
    const size = new BatchSize(500, 10);
    expect(size.size).toBe(50); // a first small step measures the cost
    expect(size.took(50, 1)).toBe(100); // cheap: twice as many, not 500 at once
    expect(size.took(100, 1)).toBe(200);
    expect(size.took(200, 1)).toBe(400);
    expect(size.took(400, 1)).toBe(500); // never above the maximum
    expect(size.took(500, 25)).toBe(250); // 0.05 ms an item: 200 in 10 ms, but half at most in one step
    expect(size.took(250, 12.5)).toBe(200);
    expect(size.took(200, 1000)).toBe(100);
    expect(size.took(100, 1000)).toBe(50); // never below a tenth of the maximum: a step has a cost of its own
    expect(size.took(50, 1000)).toBe(50);
    expect(size.took(0, 0)).toBe(50); // an empty step says nothing about the cost
    expect(new BatchSize(5, 10, { min: 1 }).took(5, 1000)).toBe(3);
  });
});
