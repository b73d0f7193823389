/** How many requests a bucket allows: `burst` at once, then `perMinute` spread evenly. */
export interface RateLimit {
  readonly burst: number;
  readonly perMinute: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * A token bucket: full at `burst`, refilled continuously at `perMinute`. Each request takes one token; an empty
 * bucket answers how long until the next token, for a Retry-After header.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(private readonly limit: RateLimit, private readonly now: () => number = Date.now) {
    this.tokens = limit.burst;
    this.updatedAt = now();
  }

  take(): RateDecision {
    const now = this.now();
    const perMs = this.limit.perMinute / 60000;
    this.tokens = Math.min(this.limit.burst, this.tokens + (now - this.updatedAt) * perMs);
    this.updatedAt = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - this.tokens) / perMs / 1000)) };
  }
}
