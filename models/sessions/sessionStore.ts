/**
 * Console sign-in sessions. The browser holds a random 32-byte id (base64url) in an httpOnly cookie; the store
 * keeps only its sha256 (collection `sessions`), so a copy of the database cannot be replayed as a cookie. Each
 * session has a CSRF token the console sends back in `X-CSRF-Token` on every change, an idle expiry (extended as
 * it is used, at most once a minute to spare writes) and an absolute one. Which account a session belongs to is
 * checked again on every request by the caller (disabled accounts and password changes end sessions at once).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { CollectionSpec, DocumentCollection } from '../store/collection';
import type { Store } from '../store/store';

export type SessionDoc = {
  /** sha256 (hex) of the cookie value */
  _id: string;
  accountId: string;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  /** min(lastSeenAt + idle, createdAt + absolute) */
  expiresAt: Date;
};

export interface Session {
  accountId: string;
  csrfToken: string;
  createdAt: Date;
  expiresAt: Date;
}

export interface SessionPolicy {
  /** ends after this long without a request */
  idleMs: number;
  /** ends this long after sign-in, however busy */
  absoluteMs: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMs: 8 * 60 * 60 * 1000, absoluteMs: 24 * 60 * 60 * 1000 };

export const SESSIONS_COLLECTION: CollectionSpec = {
  name: 'sessions',
  indexes: [{ field: 'accountId' }, { field: 'expiresAt' }],
};

const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;
const TOUCH_EVERY_MS = 60 * 1000;
const SWEEP_EVERY_MS = 10 * 60 * 1000;

function hashId(id: string): string {
  return createHash('sha256').update(id, 'utf8').digest('hex');
}

/** Compares two tokens in constant time (different lengths are simply unequal). */
export function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

export class SessionStore {
  private lastSweep = 0;

  private constructor(
    private readonly docs: DocumentCollection<SessionDoc>,
    private readonly deps: { now: () => Date; policy: SessionPolicy },
  ) {}

  static async open(store: Store, deps: { now: () => Date; policy?: SessionPolicy }): Promise<SessionStore> {
    return new SessionStore(await store.collection<SessionDoc>(SESSIONS_COLLECTION), { now: deps.now, policy: deps.policy ?? DEFAULT_SESSION_POLICY });
  }

  get policy(): SessionPolicy {
    return this.deps.policy;
  }

  private expiry(createdAt: Date, lastSeenAt: Date): Date {
    return new Date(Math.min(lastSeenAt.getTime() + this.deps.policy.idleMs, createdAt.getTime() + this.deps.policy.absoluteMs));
  }

  /** A new session: the cookie value (only here, never stored) and the session. */
  async create(accountId: string): Promise<{ id: string; session: Session }> {
    await this.sweep();
    const id = randomBytes(32).toString('base64url');
    const now = this.deps.now();
    const doc: SessionDoc = { _id: hashId(id), accountId, csrfToken: randomBytes(32).toString('base64url'), createdAt: now, lastSeenAt: now, expiresAt: this.expiry(now, now) };
    await this.docs.insert(doc);
    return { id, session: { accountId, csrfToken: doc.csrfToken, createdAt: doc.createdAt, expiresAt: doc.expiresAt } };
  }

  /** The live session of a cookie value, extending its idle expiry; null when unknown, malformed or expired. */
  async resolve(id: string | undefined): Promise<Session | null> {
    if (!id || !SESSION_ID.test(id)) return null;
    const key = hashId(id);
    const doc = await this.docs.findOne({ _id: key });
    if (!doc) return null;
    const now = this.deps.now();
    if (doc.expiresAt.getTime() <= now.getTime()) {
      await this.docs.deleteMany({ _id: key });
      return null;
    }
    let expiresAt = doc.expiresAt;
    if (now.getTime() - doc.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
      expiresAt = this.expiry(doc.createdAt, now);
      await this.docs.updateOne({ _id: key }, { $set: { lastSeenAt: now, expiresAt } });
    }
    return { accountId: doc.accountId, csrfToken: doc.csrfToken, createdAt: doc.createdAt, expiresAt };
  }

  /** Signs out: the cookie value stops working. */
  async destroy(id: string | undefined): Promise<void> {
    if (!id || !SESSION_ID.test(id)) return;
    await this.docs.deleteMany({ _id: hashId(id) });
  }

  /** Ends every session of an account (e.g. after its password changed). */
  async destroyAccount(accountId: string): Promise<number> {
    return this.docs.deleteMany({ accountId });
  }

  /** Drops expired sessions, at most every ten minutes. */
  private async sweep(): Promise<void> {
    const now = this.deps.now();
    if (now.getTime() - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = now.getTime();
    await this.docs.deleteMany({ expiresAt: { $lte: now } });
  }
}
