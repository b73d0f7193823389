/**
 * PeriodicPass's kick (models/work/periodicPass.ts): a pass at once when idle; during a pass, exactly one more right
 * after it (a kick's news may have come after the pass read the store), however many kicks came; none after stop.
 */
import { silentLogger } from '../../models/logger';
import { PeriodicPass } from '../../models/work/periodicPass';
import { eventually } from '../support/eventually';

function gatedPasses(): { pass: PeriodicPass<number>; started: () => number; release: () => void } {
  let started = 0;
  let gate: (() => void) | undefined;
  const pass = new PeriodicPass(
    () => {
      started += 1;
      return new Promise<number>((resolve) => {
        gate = () => resolve(started);
      });
    },
    { intervalMs: 60_000, logger: silentLogger, name: 'test pass' },
  );
  return { pass, started: () => started, release: () => gate?.() };
}

test('a kick runs a pass now; kicks during it give exactly one more pass after it; none after stop', async () => {
  const { pass, started, release } = gatedPasses();
  pass.kick();
  expect(started()).toBe(1);
  pass.kick();
  pass.kick();
  pass.kick();
  expect(started()).toBe(1); // the pass under way is not doubled
  release();
  await eventually(() => started() === 2, { what: 'the one pass after the kicks' });
  release();
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(started()).toBe(2);
  // a timer-less runOnce during which a kick comes: the kick is not lost
  const running = pass.runOnce();
  expect(started()).toBe(3);
  pass.kick();
  release();
  await running;
  await eventually(() => started() === 4, { what: 'the pass after a kick during runOnce' });
  release();
  await pass.stop();
  pass.kick();
  expect(started()).toBe(4);
});
