/**
 * Every scrypt run of the process goes through one PasswordHasher, which lets only a few run at once. Node runs
 * scrypt on libuv's thread pool (4 threads unless UV_THREADPOOL_SIZE says otherwise), the same pool every file
 * read and write uses: 40 sign-ins at once used to take all four threads, so the embedded store's writes, and with
 * them the chat's turns, waited 11-20 s. At most `concurrency` checks run; up to `maxQueued` more wait their turn
 * in order; beyond that a sign-in is refused at once (PasswordCheckBusyError, a 503 the client may retry) instead of
 * growing a queue nobody could serve in time.
 *
 * A slot also rests after each run for as long as the run took (`busyShare` 0.5: at most half of a core goes to
 * scrypt). Scrypt is memory-hard: a flood kept a core and the memory bus busy for the price of a request, and on a
 * 2-core machine chat turns slowed by a median 20-26 ms; with the rest, 8-9 ms (test/console/signInFlood.test.ts).
 * A sign-in alone is answered as soon as its check ends; the rest only delays the next check.
 */
import { availableParallelism } from 'node:os';
import { hashPassword, SCRYPT_COST, verifyPassword, type ScryptCost } from './passwords';

/** Thrown when the queue of password checks is full: the server is busy, retry shortly. */
export class PasswordCheckBusyError extends Error {
  readonly code = 'PASSWORD_CHECK_BUSY';
  /** whole seconds after which a retry is likely to be served */
  readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number) {
    super('too many password checks waiting');
    this.name = 'PasswordCheckBusyError';
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export interface PasswordHasherOptions {
  /** scrypt runs at once */
  concurrency?: number;
  /** sign-in checks allowed to wait for a free slot; more are refused */
  maxQueued?: number;
  /** the share of a slot's time scrypt may use (0.05-1): a run of t ms rests the slot t x (1/share - 1) ms */
  busyShare?: number;
  /** scrypt's cost for new hashes and for the dummy check of a name without one (tests pass a cheaper one) */
  cost?: ScryptCost;
}

/**
 * One scrypt at a time on a 2-core machine (the event loop and the file system keep a core and three pool threads),
 * two on larger ones: never more than half of libuv's default pool.
 */
export function defaultConcurrency(cores = availableParallelism()): number {
  return Math.max(1, Math.min(2, cores - 1));
}

/** Waiting checks beyond the running ones: about 2 s of queue at 100 ms per check (and as much rest) on one slot. */
export const DEFAULT_MAX_QUEUED = 10;
export const DEFAULT_BUSY_SHARE = 0.5;

export interface HasherStats {
  /** scrypt runs started since the process began (hashes and checks, dummy checks included) */
  started: number;
  /** the most that ever ran at once */
  peakRunning: number;
  /** sign-in checks refused because the queue was full */
  refused: number;
}

export class PasswordHasher {
  readonly concurrency: number;
  readonly maxQueued: number;
  readonly busyShare: number;
  readonly cost: ScryptCost;
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly counters: HasherStats = { started: 0, peakRunning: 0, refused: 0 };

  constructor(options: PasswordHasherOptions = {}) {
    this.concurrency = Math.max(1, Math.floor(options.concurrency ?? defaultConcurrency()));
    this.maxQueued = Math.max(0, Math.floor(options.maxQueued ?? DEFAULT_MAX_QUEUED));
    this.busyShare = Math.min(1, Math.max(0.05, options.busyShare ?? DEFAULT_BUSY_SHARE));
    this.cost = options.cost ?? SCRYPT_COST;
  }

  /** A copy of the counters (tests and metrics read them). */
  get stats(): HasherStats {
    return { ...this.counters };
  }

  /** Whether a sign-in check would be accepted now (a slot, or room in the queue): lets a caller refuse early. */
  hasRoom(): boolean {
    return this.running < this.concurrency || this.waiting.length < this.maxQueued;
  }

  /** Hashes a new password (staff setting one: authenticated, so it waits however long the queue is). */
  hash(password: string): Promise<string> {
    return this.run(() => hashPassword(password, this.cost), false);
  }

  /**
   * Checks a password against its stored hash (see passwords.ts: an absent hash costs the same); rejects with
   * PasswordCheckBusyError, without running scrypt, when the queue is full.
   */
  verify(password: string, stored: string | undefined): Promise<boolean> {
    return this.run(() => verifyPassword(password, stored, this.cost), true);
  }

  private async run<T>(task: () => Promise<T>, bounded: boolean): Promise<T> {
    if (this.running >= this.concurrency) {
      if (bounded && this.waiting.length >= this.maxQueued) throw this.refusal();
      // the slot is handed over by the finishing task (below), so `running` never drops in between
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    this.counters.started += 1;
    this.counters.peakRunning = Math.max(this.counters.peakRunning, this.running);
    const started = performance.now();
    try {
      return await task();
    } finally {
      // the caller has its answer now; the slot rests before the next run (unref'd: a stop need not wait for it)
      const rest = (performance.now() - started) * (1 / this.busyShare - 1);
      if (rest >= 1) setTimeout(() => this.release(), rest).unref();
      else this.release();
    }
  }

  /** Hands the slot to the next waiting run, or frees it. */
  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running -= 1;
  }

  /** Counts a sign-in check refused for want of room, and the error that says so. */
  refusal(): PasswordCheckBusyError {
    this.counters.refused += 1;
    return new PasswordCheckBusyError(this.expectedWaitSeconds());
  }

  /** A rough wait for a retry: the queue drained at ~100 ms per check (and its rest) per slot, at least a second. */
  private expectedWaitSeconds(): number {
    return Math.max(1, Math.ceil((this.waiting.length * 0.1) / this.busyShare / this.concurrency));
  }
}
