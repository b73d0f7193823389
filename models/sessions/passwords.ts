/**
 * Console passwords: scrypt (node:crypto) with a random 16-byte salt per password, stored as
 * `scrypt$<N>$<r>$<p>$<salt base64url>$<key base64url>` so the cost can be raised later without breaking old
 * hashes. Verification compares in constant time, and checking a password for an account that has none (or does
 * not exist) costs the same scrypt run, so timing does not tell which names exist.
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { ValidationError } from '../errors';

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 200;

const KEY_BYTES = 32;
const SALT_BYTES = 16;
/** 2^15 x 8 x 128 B = 32 MiB and roughly 50-100 ms per check on a server core (OWASP's scrypt minimum is 2^17 with r=8, p=1 for 128 MiB; 2^15 keeps a small App Service plan responsive under sign-in bursts). */
export const SCRYPT_COST = { N: 2 ** 15, r: 8, p: 1 } as const;

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

function scrypt(password: string, salt: Buffer, params: ScryptCost): Promise<Buffer> {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scryptCallback(password.normalize('NFC'), salt, KEY_BYTES, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** Throws ValidationError('password', ...) for a password the console does not accept. */
export function checkPasswordPolicy(password: unknown): string {
  if (typeof password !== 'string') throw new ValidationError('password', 'not_a_string');
  const length = [...password].length;
  if (length < PASSWORD_MIN) throw new ValidationError('password', `too_short:min_${PASSWORD_MIN}`);
  if (length > PASSWORD_MAX) throw new ValidationError('password', `too_long:max_${PASSWORD_MAX}`);
  return password;
}

export async function hashPassword(password: string, cost: ScryptCost = SCRYPT_COST): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await scrypt(password, salt, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

const FORMAT = /^scrypt\$(\d{1,8})\$(\d{1,3})\$(\d{1,3})\$([A-Za-z0-9_-]{16,64})\$([A-Za-z0-9_-]{16,128})$/;
/** what an account without a password is checked against, so its answer takes as long as a real check */
const DUMMY_SALT = randomBytes(SALT_BYTES);

/**
 * True when `password` matches `stored`; an absent or malformed hash runs a dummy check at `dummyCost` (the cost
 * new hashes get, so it takes as long as a real check) and answers false.
 */
export async function verifyPassword(password: string, stored: string | undefined, dummyCost: ScryptCost = SCRYPT_COST): Promise<boolean> {
  const parts = stored ? FORMAT.exec(stored) : null;
  if (!parts || typeof password !== 'string') {
    await scrypt(typeof password === 'string' ? password : '', DUMMY_SALT, dummyCost);
    return false;
  }
  const params = { N: Number(parts[1]), r: Number(parts[2]), p: Number(parts[3]) };
  const expected = Buffer.from(parts[5], 'base64url');
  const actual = await scrypt(password, Buffer.from(parts[4], 'base64url'), params);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
