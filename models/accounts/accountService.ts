/**
 * Accounts of network operators and campaign staff for the API. A bearer token (32 random bytes, base64url) is
 * shown once at creation; only its sha256 is stored, and authentication looks the hash up through a unique index
 * (a lookup by hash leaks nothing useful through timing, so no constant-time comparison is needed).
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DuplicateKeyError, type CollectionSpec, type DocumentCollection } from '../store/collection';
import type { Store } from '../store/store';
import { ConflictError, NotFoundError, UnauthorizedError, ValidationError } from '../errors';

export const ROLES = ['operator', 'staff'] as const;
export type Role = (typeof ROLES)[number];

export type Account = {
  _id: string;
  /** unique login name, e.g. "op-bergamo-1" */
  name: string;
  role: Role;
  /** projects an operator works (empty for staff) */
  projectIds: string[];
  tokenHash: string;
  disabled: boolean;
  createdAt: Date;
};

/** An account as the rest of the app sees it: never the token hash. */
export type AccountView = Omit<Account, 'tokenHash'>;

export const ACCOUNTS_COLLECTION: CollectionSpec = {
  name: 'accounts',
  indexes: [
    { field: 'name', unique: true },
    { field: 'tokenHash', unique: true },
  ],
};

export interface AccountServiceDeps {
  now: () => Date;
  random?: (bytes: number) => Uint8Array;
  newId?: () => string;
  /** checks that an operator's projects exist (ProjectRepository satisfies it) */
  projects?: { exists(id: string): Promise<boolean> };
}

export interface NewAccount {
  name: string;
  role: Role;
  projectIds?: readonly string[];
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

function view(account: Account): AccountView {
  const { tokenHash: _hidden, ...rest } = account;
  return rest;
}

export class AccountService {
  private readonly random: (bytes: number) => Uint8Array;
  private readonly newId: () => string;

  private constructor(private readonly docs: DocumentCollection<Account>, private readonly deps: AccountServiceDeps) {
    this.random = deps.random ?? ((n) => randomBytes(n));
    this.newId = deps.newId ?? randomUUID;
  }

  static async open(store: Store, deps: AccountServiceDeps): Promise<AccountService> {
    return new AccountService(await store.collection<Account>(ACCOUNTS_COLLECTION), deps);
  }

  private newToken(): { token: string; tokenHash: string } {
    const token = Buffer.from(this.random(32)).toString('base64url');
    return { token, tokenHash: hashToken(token) };
  }

  /** Creates the account and returns its bearer token: the only time the token exists outside the caller. */
  async createAccount(input: NewAccount): Promise<{ account: AccountView; token: string }> {
    const name = typeof input.name === 'string' ? input.name.trim() : '';
    if (!NAME.test(name)) throw new ValidationError('name', 'invalid_format');
    if (!(ROLES as readonly string[]).includes(input.role)) throw new ValidationError('role', 'unknown_role');
    const projectIds = [...new Set(input.projectIds ?? [])];
    if (input.role === 'staff' && projectIds.length > 0) throw new ValidationError('projectIds', 'staff_sees_all_projects');
    for (const id of projectIds) {
      if (typeof id !== 'string' || id === '') throw new ValidationError('projectIds', 'invalid');
      if (this.deps.projects && !(await this.deps.projects.exists(id))) throw new ValidationError('projectIds', `unknown_project:${id}`);
    }
    const { token, tokenHash } = this.newToken();
    const account: Account = {
      _id: this.newId(),
      name,
      role: input.role,
      projectIds,
      tokenHash,
      disabled: false,
      createdAt: this.deps.now(),
    };
    try {
      await this.docs.insert(account);
    } catch (err) {
      if (err instanceof DuplicateKeyError) throw new ConflictError('name_taken');
      throw err;
    }
    return { account: view(account), token };
  }

  /** The account a bearer token belongs to; UnauthorizedError when unknown, malformed or disabled. */
  async authenticate(token: string): Promise<AccountView> {
    if (typeof token !== 'string' || !TOKEN.test(token)) throw new UnauthorizedError('invalid_token');
    const account = await this.docs.findOne({ tokenHash: hashToken(token) });
    if (!account) throw new UnauthorizedError('invalid_token');
    if (account.disabled) throw new UnauthorizedError('account_disabled');
    return view(account);
  }

  /** A new token for the account; the old one stops working at once. */
  async rotateToken(name: string): Promise<string> {
    const { token, tokenHash } = this.newToken();
    const updated = await this.docs.updateOne({ name }, { $set: { tokenHash } });
    if (!updated) throw new NotFoundError('account', name);
    return token;
  }

  async setDisabled(name: string, disabled: boolean): Promise<AccountView> {
    const updated = await this.docs.updateOne({ name }, { $set: { disabled } });
    if (!updated) throw new NotFoundError('account', name);
    return view(updated);
  }

  async list(): Promise<AccountView[]> {
    return (await this.docs.find({}, { sort: { name: 1 } })).map(view);
  }
}
