import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What a local Direct Line token grants: one user, in one conversation, until `exp`. */
export interface TokenClaims {
  /** conversation id the token is bound to */
  readonly conv: string;
  /** user id (`dl_...`): the server, not the page, decides who speaks */
  readonly user: string;
  /** issued at, seconds since the epoch */
  readonly iat: number;
  /** expires at, seconds since the epoch */
  readonly exp: number;
}

export type TokenCheck =
  | { ok: true; claims: TokenClaims }
  | { ok: false; status: 401 | 403; code: 'TOKEN_MISSING' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED'; reason: string };

const ISSUER = 'azioni-di-rete-bot/directline';
/** Direct Line's own tokens live 30 minutes; clients refresh them halfway. */
export const DEFAULT_TOKEN_TTL_SECONDS = 30 * 60;

function base64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

export function newConversationId(): string {
  return randomBytes(16).toString('base64url');
}

export function newUserId(): string {
  return `dl_${randomBytes(12).toString('hex')}`;
}

/**
 * Signs and checks the local Direct Line's tokens: compact JWTs (HS256) because Web Chat reads the `user` claim
 * of a Direct Line token to know who the user is. Only this class reads or writes them; the key never leaves it.
 */
export class TokenSigner {
  private readonly key: Buffer;

  constructor(key: string | undefined, private readonly now: () => number = Date.now, readonly ttlSeconds: number = DEFAULT_TOKEN_TTL_SECONDS) {
    this.key = key === undefined ? randomBytes(32) : Buffer.from(key, 'utf8');
  }

  private sign(input: string): Buffer {
    return createHmac('sha256', this.key).update(input).digest();
  }

  /** A token for `user` in `conv`, valid for `ttlSeconds` from now (a negative value makes an expired one, for tests). */
  mint(conv: string, user: string, ttlSeconds: number = this.ttlSeconds): { token: string; claims: TokenClaims } {
    const iat = Math.floor(this.now() / 1000);
    const claims: TokenClaims = { conv, user, iat, exp: iat + ttlSeconds };
    const payload = base64url(JSON.stringify({ iss: ISSUER, ...claims }));
    const input = `${HEADER}.${payload}`;
    return { token: `${input}.${base64url(this.sign(input))}`, claims };
  }

  /** Seconds left before the token expires (0 when it has). */
  secondsLeft(claims: TokenClaims): number {
    return Math.max(0, claims.exp - Math.floor(this.now() / 1000));
  }

  /** Checks signature first (nothing in a forged token is trusted), then shape, then expiry. */
  verify(token: string | undefined): TokenCheck {
    if (!token) return { ok: false, status: 401, code: 'TOKEN_MISSING', reason: 'send the Direct Line token as "Authorization: Bearer <token>"' };
    const parts = token.split('.');
    const invalid = { ok: false, status: 401, code: 'TOKEN_INVALID', reason: 'the token is not one this server issued' } as const;
    if (parts.length !== 3 || parts[0] !== HEADER) return invalid;
    const expected = this.sign(`${parts[0]}.${parts[1]}`);
    const given = Buffer.from(parts[2], 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return invalid;
    let payload: unknown;
    try {
      payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    } catch {
      return invalid;
    }
    const p = payload as Record<string, unknown> | null;
    if (!p || p.iss !== ISSUER || typeof p.conv !== 'string' || typeof p.user !== 'string' || typeof p.iat !== 'number' || typeof p.exp !== 'number') return invalid;
    const claims: TokenClaims = { conv: p.conv, user: p.user, iat: p.iat, exp: p.exp };
    if (this.secondsLeft(claims) <= 0) return { ok: false, status: 403, code: 'TOKEN_EXPIRED', reason: 'the token has expired: ask /api/directline/token for a new one' };
    return { ok: true, claims };
  }
}

/** The token of an `Authorization: Bearer <token>` header, if that is what the header holds. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match ? match[1] : undefined;
}
