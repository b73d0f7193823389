/**
 * Sign-in attempts, limited per account name and per client address: after `maxFailures` failed attempts within
 * `windowMs`, further attempts on that key are refused until the oldest failure leaves the window. A success
 * clears the name's failures (not the address's). Kept in memory: each bot instance counts its own attempts, so
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

  fail(keys: readonly string[]): void {
    const at = this.now().getTime();
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
