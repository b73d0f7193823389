/**
 * Watches the event loop while a job runs: a setImmediate of its own in every turn of the loop, noting how many
 * turns there were and the longest stretch between two of them (the longest the loop was held, whoever held it).
 * Besides the wall time (which a loaded machine stretches: the thread may wait for a core), it notes the main
 * thread's own CPU time in the longest stretch, from Linux's per-thread schedstat: what a job costs the loop
 * whatever the machine's load. Elsewhere the CPU figure is the wall time.
 */
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';

export interface LoopReport {
  /** turns of the event loop the probe saw */
  turns: number;
  /** the longest stretch between two turns, wall time, ms */
  longestMs: number;
  /** the main thread's CPU time in its longest stretch (by CPU), ms */
  longestCpuMs: number;
}

const schedstat = `/proc/self/task/${process.pid}/schedstat`;
const threadCpuMs: () => number | undefined = fs.existsSync(schedstat) ? () => Number(fs.readFileSync(schedstat, 'utf8').split(' ')[0]) / 1e6 : () => undefined;

/** Runs `job` under the probe; resolves with its result and what the probe saw. */
export async function probeLoop<R>(job: () => Promise<R>): Promise<{ result: R; loop: LoopReport }> {
  const loop: LoopReport = { turns: 0, longestMs: 0, longestCpuMs: 0 };
  let running = true;
  let last = performance.now();
  let lastCpu = threadCpuMs();
  const turn = (): void => {
    const at = performance.now();
    const cpu = threadCpuMs();
    loop.turns += 1;
    loop.longestMs = Math.max(loop.longestMs, at - last);
    loop.longestCpuMs = Math.max(loop.longestCpuMs, cpu !== undefined && lastCpu !== undefined ? cpu - lastCpu : at - last);
    // from the end of this turn's own reading: the probe's cost is not counted against the job
    last = performance.now();
    lastCpu = threadCpuMs();
    if (running) setImmediate(turn);
  };
  setImmediate(turn);
  try {
    const result = await job();
    return { result, loop };
  } finally {
    running = false;
  }
}
