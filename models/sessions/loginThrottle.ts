/**
 * Sign-in attempts, limited per account name and per client address: after `maxFailures` failed attempts within
 * `windowMs`, further attempts on that key are refused until the oldest failure leaves the window. A success
 * clears the name's failures (not the address's). `attempt()` counts an attempt before its password is checked, in
 * the same synchronous step as the decision: forty concurrent requests cannot all pass the check while the first
 * ones are still hashing (they did, when the failure was only recorded after the check). Kept in memory: each bot instance counts its own attempts (the console uses ./storeLoginThrottle.ts, kept in the store, instead), so
 * with N instances behind a balancer an attacker gets at most N x the limit, still far too few to guess a
 * 12-character password.
 */
export interface ThrottlePolicy {
  maxFailures: number;
  windowMs: number;
}

export interface ThrottleDecision {
  allowed: boolean;
  /** whole seconds until the next attempt may be made (when not allowed) */
  retryAfterSeconds: number;
}

/** What the caller reports once the attempt's password was checked (or could not be). */
export interface AttemptTicket {
  /** the password was right: the name's failures are forgotten and this attempt no longer counts for the address */
  succeeded(): void;
  /** the password was wrong: the attempt stays counted (nothing to do; says so where it is called) */
  failed(): void;
  /** the password was never checked (the server was busy or failed): the attempt is not counted */
  cancelled(): void;
}

export interface AttemptDecision extends ThrottleDecision {
  /** present when allowed */
  ticket?: AttemptTicket;
}

/** the most keys remembered; beyond it the oldest entries are dropped (a flood of fake names cannot grow memory) */
const MAX_KEYS = 50_000;

export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly policy: ThrottlePolicy, private readonly now: () => Date) {}

  private recent(key: string, at: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => at - t < this.policy.windowMs);
    if (list.length === 0) this.failures.delete(key);
    else this.failures.set(key, list);
    return list;
  }

  /** Whether every key may try now; when not, how long until the most blocked one may. */
  check(keys: readonly string[], maxFailures: readonly number[] = []): ThrottleDecision {
    const at = this.now().getTime();
    let wait = 0;
    keys.forEach((key, i) => {
      const list = this.recent(key, at);
      const limit = maxFailures[i] ?? this.policy.maxFailures;
      if (list.length >= limit) wait = Math.max(wait, list[list.length - limit] + this.policy.windowMs - at);
    });
    return wait > 0 ? { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)) } : { allowed: true, retryAfterSeconds: 0 };
  }

  /**
   * Decides and, when allowed, counts the attempt on every key at once, with no await in between: the count an
   * attempt is judged by includes every attempt still being checked.
   */
  attempt(keys: readonly string[], maxFailures: readonly number[] = []): AttemptDecision {
    const decision = this.check(keys, maxFailures);
    if (!decision.allowed) return decision;
    const at = this.now().getTime();
    this.fail(keys, at);
    let settled = false;
    const settle = (forget: readonly string[]): void => {
      if (settled) return;
      settled = true;
      for (const key of forget) this.forgetOne(key, at);
    };
    return {
      ...decision,
      ticket: {
        succeeded: () => {
          if (settled) return;
          settle(keys.slice(1));
          this.succeed(keys[0]);
        },
        failed: () => settle([]),
        cancelled: () => settle(keys),
      },
    };
  }

  /** Removes one attempt counted at `at` (a success from a shared address, or an attempt never checked). */
  private forgetOne(key: string, at: number): void {
    const list = this.failures.get(key);
    if (!list) return;
    const i = list.lastIndexOf(at);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) this.failures.delete(key);
  }

  fail(keys: readonly string[], at = this.now().getTime()): void {
    for (const key of keys) {
      const list = this.recent(key, at);
      list.push(at);
      this.failures.delete(key);
      this.failures.set(key, list.slice(-100));
    }
    while (this.failures.size > MAX_KEYS) {
      const oldest = this.failures.keys().next().value;
      if (oldest === undefined) break;
      this.failures.delete(oldest);
    }
  }

  succeed(key: string): void {
    this.failures.delete(key);
  }
}
