/**
 * Background work in bounded slices: a job calls `slice.pause()` between small steps, and when the slice has run
 * for SLICE_MS the call yields to the event loop before going on, so that timers, requests and turns are served in
 * between. Awaiting an already-settled promise does not yield (it continues in the same microtask checkpoint): a
 * loop over in-memory store calls is one synchronous stretch however many awaits it has.
 *
 * Every job yields into one queue, and each turn of the event loop resumes ONE of them (first come, first
 * resumed; a job that yields again goes to the back). With a setImmediate per job, every job that yielded in one
 * turn ran in the next turn's check phase, one after the other: a compaction, a retention pass, a state sweep and a
 * commit group made four slices in one turn, and the turn's synchronous time grew with the number of jobs running.
 * Through the queue, a turn holds one slice of background work at most, however many jobs are under way.
 */
import { performance } from 'node:perf_hooks';

/** the longest a background job runs before it lets the event loop turn, on a quiet machine */
export const SLICE_MS = 8;

/** jobs waiting for their next slice, in the order they yielded */
const waiting: Array<() => void> = [];
let turnScheduled = false;

function nextTurn(): void {
  turnScheduled = false;
  const resume = waiting.shift();
  // scheduled before the job resumes: whatever it queues next waits for the following turn
  if (waiting.length > 0) scheduleTurn();
  resume?.();
}

function scheduleTurn(): void {
  if (turnScheduled) return;
  turnScheduled = true;
  setImmediate(nextTurn);
}

/** Resolves in a later turn of the event loop, once the background jobs that yielded before have had a slice. */
export function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    scheduleTurn();
  });
}

/** How a job's slices went: how many, and the longest (performance.now() from a resume to the next yield). */
export interface SliceStats {
  slices: number;
  longestMs: number;
}

export class TimeSlice {
  private started = performance.now();
  private readonly seen: SliceStats = { slices: 0, longestMs: 0 };

  constructor(private readonly budgetMs = SLICE_MS) {}

  /** True when this slice has used its budget (the caller should pause). */
  get spent(): boolean {
    return performance.now() - this.started >= this.budgetMs;
  }

  /** The slices so far (the one under way counts once it ends). */
  get stats(): SliceStats {
    return { ...this.seen };
  }

  /** Yields to the event loop when the slice has used its budget; otherwise goes on at once. */
  async pause(): Promise<void> {
    if (!this.spent) return;
    await this.yield();
  }

  /** Yields now, and starts a new slice. */
  async yield(): Promise<void> {
    this.end();
    await yieldToLoop();
    this.started = performance.now();
  }

  /** Ends the slice under way (it counts in `stats`) without yielding: the job is done, or waits for I/O. */
  end(): void {
    this.seen.slices += 1;
    this.seen.longestMs = Math.max(this.seen.longestMs, performance.now() - this.started);
  }
}

/** This process's CPU time so far, in ms (user and system, every thread: the main thread's work dominates). */
export function cpuMsNow(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * How many items a job should take in one step it cannot slice (one store call reading or deleting a batch), from
 * what the last step cost: sized to stay near `sliceMs`, between `min` and `max`, starting small to measure. The
 * cost is the process's CPU time over the step, not the wall time: a step that awaits a disk sync or a database
 * round trip spends most of its time waiting, with the event loop free, and must not shrink the next batch for
 * that. A step changes the size at most twofold: a step also has a cost of its own whatever its size (the first
 * one compiles code, a range query gathers its candidates), and following one reading all the way would make the
 * batches swing, or shrink to a single item that costs as much as fifty.
 */
export class BatchSize {
  private current: number;
  private readonly min: number;

  constructor(
    private readonly max: number,
    private readonly sliceMs = SLICE_MS,
    { first = Math.min(max, 50), min = Math.max(1, Math.floor(max / 10)) }: { first?: number; min?: number } = {},
  ) {
    this.min = Math.min(min, max);
    this.current = Math.max(this.min, Math.min(max, first));
  }

  get size(): number {
    return this.current;
  }

  /** A step of `items` items cost `tookMs`: the next step's size. */
  took(items: number, tookMs: number): number {
    if (items <= 0) return this.current;
    const ideal = Math.floor((items * this.sliceMs) / Math.max(0.1, tookMs));
    const bounded = Math.min(this.current * 2, Math.max(Math.ceil(this.current / 2), ideal));
    this.current = Math.max(this.min, Math.min(this.max, bounded));
    return this.current;
  }
}
