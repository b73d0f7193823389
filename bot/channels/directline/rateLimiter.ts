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

/**
 * One token bucket per client (see bot/http/clientAddress.ts for who a client is), so one client spending its
 * budget leaves every other client's intact. Memory is bounded: past `maxClients` the least recently seen client's
 * bucket is dropped (it was most likely full again; at worst that client gets a fresh budget).
 */
export class PerClientRateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly limit: RateLimit,
    private readonly options: { maxClients?: number; now?: () => number } = {},
  ) {}

  get clients(): number {
    return this.buckets.size;
  }

  take(client: string): RateDecision {
    let bucket = this.buckets.get(client);
    if (bucket) {
      // re-inserted, so the Map's order is least recently seen first
      this.buckets.delete(client);
    } else {
      if (this.buckets.size >= (this.options.maxClients ?? 10000)) {
        const oldest = this.buckets.keys().next();
        if (!oldest.done) this.buckets.delete(oldest.value);
      }
      bucket = new TokenBucket(this.limit, this.options.now);
    }
    this.buckets.set(client, bucket);
    return bucket.take();
  }
}
