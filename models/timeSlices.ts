/**
 * Background work in bounded slices: a job calls `slice.pause()` between small steps, and when the slice has run
 * for SLICE_MS the call yields to the event loop (setImmediate) before going on, so that timers, requests and
 * turns are served in between. Awaiting an already-settled promise does not yield (it continues in the same
 * microtask checkpoint): a loop over in-memory store calls is one synchronous stretch however many awaits it has.
 */
import { performance } from 'node:perf_hooks';

/** the longest a background job runs before it lets the event loop turn, on a quiet machine */
export const SLICE_MS = 8;

export function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export class TimeSlice {
  private started = performance.now();

  constructor(private readonly budgetMs = SLICE_MS) {}

  /** True when this slice has used its budget (the caller should pause). */
  get spent(): boolean {
    return performance.now() - this.started >= this.budgetMs;
  }

  /** Yields to the event loop when the slice has used its budget; otherwise goes on at once. */
  async pause(): Promise<void> {
    if (!this.spent) return;
    await yieldToLoop();
    this.started = performance.now();
  }

  /** Yields now, and starts a new slice. */
  async yield(): Promise<void> {
    await yieldToLoop();
    this.started = performance.now();
  }
}
