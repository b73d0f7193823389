/**
 * Accounts of network operators and campaign staff for the API. A bearer token (32 random bytes, base64url) is
 * shown once at creation; only its sha256 is stored, and authentication looks the hash up through a unique index
 * (a lookup by hash leaks nothing useful through timing, so no constant-time comparison is needed).
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DuplicateKeyError, type CollectionSpec, type DocumentCollection } from '../store/collection';
import type { Store } from '../store/store';
import { ConflictError, NotFoundError, UnauthorizedError, ValidationError } from '../errors';
import { checkPasswordPolicy } from '../sessions/passwords';
import { PasswordHasher } from '../sessions/passwordHasher';

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
  /** Microsoft Entra (AAD) object id of the person's Teams user, once linked (unique) */
  teamsAadObjectId?: string;
  /** how Teams shows the person, e.g. "Anna Bianchi" (updated when they use the bot in Teams) */
  displayName?: string;
  /** the person's Teams user id in the bot's conversations ("29:..."), learnt when they use the bot */
  teamsUserId?: string;
  /** sha256 of a one-time Teams link code, and until when it works (single use) */
  linkCodeHash?: string;
  linkCodeExpiresAt?: Date;
  /** console sign-in: scrypt hash of the password (models/sessions/passwords.ts), when one was set */
  passwordHash?: string;
  /** when the password was last set; console sessions begin after it or are void */
  passwordSetAt?: Date;
};

/** An account as the rest of the app sees it: never the token hash. */
export type AccountView = Omit<Account, 'tokenHash' | 'linkCodeHash' | 'linkCodeExpiresAt' | 'passwordHash'>;

export const ACCOUNTS_COLLECTION: CollectionSpec = {
  name: 'accounts',
  indexes: [
    { field: 'name', unique: true },
    { field: 'tokenHash', unique: true },
    { field: 'teamsAadObjectId', unique: true, sparse: true },
    { field: 'linkCodeHash', unique: true, sparse: true },
  ],
};

export interface AccountServiceDeps {
  now: () => Date;
  random?: (bytes: number) => Uint8Array;
  newId?: () => string;
  /** checks that an operator's projects exist (ProjectRepository satisfies it) */
  projects?: { exists(id: string): Promise<boolean> };
  /** runs every scrypt of the process a few at a time (one is made when not given) */
  hasher?: PasswordHasher;
}

export interface NewAccount {
  name: string;
  role: Role;
  projectIds?: readonly string[];
  /** how the console names the person, e.g. "Anna Bianchi" */
  displayName?: string;
  /** a console password, set in the same write as the account (checked against the password rules first) */
  password?: string;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** The login name as accounts store it; ValidationError('name', ...) when it cannot be one. */
export function checkAccountName(name: unknown): string {
  const trimmed = typeof name === 'string' ? name.trim() : '';
  if (trimmed === '') throw new ValidationError('name', 'required');
  if (!NAME.test(trimmed)) throw new ValidationError('name', 'invalid_format');
  return trimmed;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

function view(account: Account): AccountView {
  const { tokenHash: _hidden, linkCodeHash: _code, linkCodeExpiresAt: _until, passwordHash: _password, ...rest } = account;
  return rest;
}

/** How long a Teams link code works, and its alphabet (no 0/O, 1/I/L): "K7QM-2XPA". */
export const LINK_CODE_TTL_MS = 15 * 60 * 1000;
const LINK_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const AAD_OBJECT_ID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;

/** "k7qm 2xpa", "K7QM-2XPA" -> "K7QM2XPA"; undefined when it cannot be a code. */
export function normalizeLinkCode(code: string): string | undefined {
  const compact = code.replace(/[\s-]/g, '').toUpperCase();
  return /^[2-9A-HJ-KM-NP-Z]{8}$/.test(compact) && [...compact].every((c) => LINK_CODE_ALPHABET.includes(c)) ? compact : undefined;
}

export class AccountService {
  private readonly random: (bytes: number) => Uint8Array;
  private readonly newId: () => string;
  /** the process's scrypt runner: its counters show how many checks ran (tests read them) */
  readonly hasher: PasswordHasher;

  private constructor(private readonly docs: DocumentCollection<Account>, private readonly deps: AccountServiceDeps) {
    this.random = deps.random ?? ((n) => randomBytes(n));
    this.newId = deps.newId ?? randomUUID;
    this.hasher = deps.hasher ?? new PasswordHasher();
  }

  static async open(store: Store, deps: AccountServiceDeps): Promise<AccountService> {
    return new AccountService(await store.collection<Account>(ACCOUNTS_COLLECTION), deps);
  }

  private newToken(): { token: string; tokenHash: string } {
    const token = Buffer.from(this.random(32)).toString('base64url');
    return { token, tokenHash: hashToken(token) };
  }

  /** Creates the account and returns its bearer token: the only time the token exists outside the caller. */
  async createAccount(input: NewAccount & { teamsAadObjectId?: string }): Promise<{ account: AccountView; token: string }> {
    const name = typeof input.name === 'string' ? input.name.trim() : '';
    if (!NAME.test(name)) throw new ValidationError('name', 'invalid_format');
    if (!(ROLES as readonly string[]).includes(input.role)) throw new ValidationError('role', 'unknown_role');
    const projectIds = [...new Set(input.projectIds ?? [])];
    if (input.role === 'staff' && projectIds.length > 0) throw new ValidationError('projectIds', 'staff_sees_all_projects');
    for (const id of projectIds) {
      if (typeof id !== 'string' || id === '') throw new ValidationError('projectIds', 'invalid');
      if (this.deps.projects && !(await this.deps.projects.exists(id))) throw new ValidationError('projectIds', `unknown_project:${id}`);
    }
    if (input.teamsAadObjectId !== undefined && !AAD_OBJECT_ID.test(input.teamsAadObjectId)) throw new ValidationError('teamsAadObjectId', 'not_a_guid');
    const displayName = input.displayName === undefined ? '' : String(input.displayName).replace(/\s+/g, ' ').trim().slice(0, 100);
    const passwordHash = input.password === undefined ? undefined : await this.hasher.hash(checkPasswordPolicy(input.password));
    const { token, tokenHash } = this.newToken();
    const account: Account = {
      _id: this.newId(),
      name,
      role: input.role,
      projectIds,
      tokenHash,
      disabled: false,
      createdAt: this.deps.now(),
      ...(input.teamsAadObjectId !== undefined ? { teamsAadObjectId: input.teamsAadObjectId.toLowerCase() } : {}),
      ...(displayName ? { displayName } : {}),
      ...(passwordHash !== undefined ? { passwordHash, passwordSetAt: this.deps.now() } : {}),
    };
    try {
      await this.docs.insert(account);
    } catch (err) {
      if (err instanceof DuplicateKeyError) {
        if (account.teamsAadObjectId && (await this.docs.findOne({ teamsAadObjectId: account.teamsAadObjectId }))) throw new ConflictError('teams_user_already_linked');
        throw new ConflictError('name_taken');
      }
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

  /** Sets (or replaces) the console password; ValidationError naming `password` when it is too short or long. */
  async setPassword(name: string, password: string): Promise<AccountView> {
    const checked = checkPasswordPolicy(password);
    const updated = await this.docs.updateOne({ name }, { $set: { passwordHash: await this.hasher.hash(checked), passwordSetAt: this.deps.now() } });
    if (!updated) throw new NotFoundError('account', name);
    return view(updated);
  }

  /**
   * The active account with this name and password, or null: unknown name, no password, wrong password and a
   * disabled account all answer null after the same scrypt work, so the caller cannot tell which it was.
   */
  async verifyPassword(name: string, password: string): Promise<AccountView | null> {
    const account = typeof name === 'string' && NAME.test(name.trim()) ? await this.docs.findOne({ name: name.trim() }) : null;
    const ok = await this.hasher.verify(password, account?.passwordHash);
    return ok && account && !account.disabled ? view(account) : null;
  }

  /** Whether an enabled staff account exists (without one, nobody can sign in to give out accounts). */
  async hasActiveStaff(): Promise<boolean> {
    return (await this.docs.count({ role: 'staff', disabled: false })) > 0;
  }

  /** The account with this id, or null. */
  async findById(id: string): Promise<AccountView | null> {
    if (typeof id !== 'string' || id === '') return null;
    const account = await this.docs.findOne({ _id: id });
    return account ? view(account) : null;
  }

  /** The account with this login name; NotFoundError otherwise. */
  async getByName(name: string): Promise<AccountView> {
    const account = typeof name === 'string' ? await this.docs.findOne({ name }) : null;
    if (!account) throw new NotFoundError('account', name);
    return view(account);
  }

  /** Replaces the projects an operator works (each must exist); staff accounts have none. */
  async setProjects(name: string, projectIds: readonly string[]): Promise<AccountView> {
    const account = await this.docs.findOne({ name });
    if (!account) throw new NotFoundError('account', name);
    const ids = [...new Set(projectIds)];
    if (account.role === 'staff' && ids.length > 0) throw new ValidationError('projectIds', 'staff_sees_all_projects');
    for (const id of ids) {
      if (typeof id !== 'string' || id === '') throw new ValidationError('projectIds', 'invalid');
      if (this.deps.projects && !(await this.deps.projects.exists(id))) throw new ValidationError('projectIds', `unknown_project:${id}`);
    }
    const updated = await this.docs.updateOne({ name }, { $set: { projectIds: ids } });
    if (!updated) throw new NotFoundError('account', name);
    return view(updated);
  }

  async setDisabled(name: string, disabled: boolean): Promise<AccountView> {
    const updated = await this.docs.updateOne({ name }, { $set: { disabled } });
    if (!updated) throw new NotFoundError('account', name);
    return view(updated);
  }

  async list(): Promise<AccountView[]> {
    return (await this.docs.find({}, { sort: { name: 1 } })).map(view);
  }

  /** Login names by account id (ids of no account are left out): how the API shows who claimed or wrote what. */
  async namesByIds(ids: readonly string[]): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((id) => typeof id === 'string' && id !== ''))];
    if (wanted.length === 0) return new Map();
    const accounts = await this.docs.find({ _id: { $in: wanted } });
    return new Map(accounts.map((account) => [account._id, account.name]));
  }

  /**
   * A one-time code that links the account to the Teams user who types "collega <code>" to the bot in a personal
   * chat: 8 characters, valid 15 minutes, single use; only its sha256 is stored. A new code replaces the last one.
   */
  async createLinkCode(name: string): Promise<{ code: string; expiresAt: Date }> {
    const bytes = this.random(8);
    const code = [...bytes].map((b) => LINK_CODE_ALPHABET[b % LINK_CODE_ALPHABET.length]).join('');
    const expiresAt = new Date(this.deps.now().getTime() + LINK_CODE_TTL_MS);
    const updated = await this.docs.updateOne({ name }, { $set: { linkCodeHash: hashToken(code), linkCodeExpiresAt: expiresAt } });
    if (!updated) throw new NotFoundError('account', name);
    return { code: `${code.slice(0, 4)}-${code.slice(4)}`, expiresAt };
  }

  /**
   * Redeems a link code for a Teams user: one atomic update consumes the code (single use) and sets the Teams
   * identity. UnauthorizedError for an unknown, used or expired code; ConflictError when that Teams user already
   * belongs to another account.
   */
  async redeemLinkCode(code: string, teams: { aadObjectId: string; displayName?: string }): Promise<AccountView> {
    const normalized = normalizeLinkCode(code);
    if (!normalized) throw new UnauthorizedError('invalid_link_code');
    if (!AAD_OBJECT_ID.test(teams.aadObjectId)) throw new ValidationError('teamsAadObjectId', 'not_a_guid');
    const aadObjectId = teams.aadObjectId.toLowerCase();
    const holder = await this.docs.findOne({ teamsAadObjectId: aadObjectId });
    const hash = hashToken(normalized);
    if (holder && holder.linkCodeHash !== hash) throw new ConflictError('teams_user_already_linked');
    let updated: Account | null;
    try {
      updated = await this.docs.updateOne(
        { linkCodeHash: hash, linkCodeExpiresAt: { $gt: this.deps.now() }, disabled: false },
        { $set: { teamsAadObjectId: aadObjectId, ...(teams.displayName ? { displayName: teams.displayName.slice(0, 100) } : {}) }, $unset: { linkCodeHash: true, linkCodeExpiresAt: true } },
      );
    } catch (err) {
      if (err instanceof DuplicateKeyError) throw new ConflictError('teams_user_already_linked');
      throw err;
    }
    if (!updated) throw new UnauthorizedError('invalid_link_code');
    return view(updated);
  }

  /** Links (or with null unlinks) a Teams user by its Entra object id, e.g. from the CLI. */
  async setTeamsUser(name: string, aadObjectId: string | null): Promise<AccountView> {
    if (aadObjectId !== null && !AAD_OBJECT_ID.test(aadObjectId)) throw new ValidationError('teamsAadObjectId', 'not_a_guid');
    let updated: Account | null;
    try {
      updated = await this.docs.updateOne({ name }, aadObjectId === null ? { $unset: { teamsAadObjectId: true } } : { $set: { teamsAadObjectId: aadObjectId.toLowerCase() } });
    } catch (err) {
      if (err instanceof DuplicateKeyError) throw new ConflictError('teams_user_already_linked');
      throw err;
    }
    if (!updated) throw new NotFoundError('account', name);
    return view(updated);
  }

  /** The active account linked to this Teams user, or null. */
  async findByTeamsUser(aadObjectId: string | undefined): Promise<AccountView | null> {
    if (!aadObjectId || !AAD_OBJECT_ID.test(aadObjectId)) return null;
    const account = await this.docs.findOne({ teamsAadObjectId: aadObjectId.toLowerCase() });
    return account && !account.disabled ? view(account) : null;
  }

  /**
   * Remembers how Teams names the person ("Anna Bianchi", for "Preso in carico da Anna B.") and their Teams user id
   * in the bot's conversations ("29:..."), which personal card views (refresh.userIds) are addressed to.
   */
  async noteTeamsUser(accountId: string, seen: { displayName?: string; userId?: string }): Promise<void> {
    const set: Record<string, string> = {};
    const displayName = (seen.displayName ?? '').replace(/\s+/g, ' ').trim().slice(0, 100);
    if (displayName) set.displayName = displayName;
    if (seen.userId && seen.userId.length <= 200) set.teamsUserId = seen.userId;
    if (Object.keys(set).length > 0) await this.docs.updateOne({ _id: accountId }, { $set: set });
  }

  /** Of these account ids, those of accounts that exist and are not disabled. */
  async enabledIds(ids: readonly string[]): Promise<Set<string>> {
    const wanted = [...new Set(ids.filter((id) => typeof id === 'string' && id !== ''))];
    if (wanted.length === 0) return new Set();
    return new Set((await this.docs.find({ _id: { $in: wanted }, disabled: false })).map((account) => account._id));
  }

  /** Of these account ids, the accounts that exist and are not disabled, as they are now. */
  async enabledByIds(ids: readonly string[]): Promise<AccountView[]> {
    const wanted = [...new Set(ids.filter((id) => typeof id === 'string' && id !== ''))];
    if (wanted.length === 0) return [];
    return (await this.docs.find({ _id: { $in: wanted }, disabled: false })).map(view);
  }

  /** Teams user ids ("29:...") by account id, for accounts seen in Teams. */
  async teamsUserIdsByIds(ids: readonly string[]): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((id) => typeof id === 'string' && id !== ''))];
    if (wanted.length === 0) return new Map();
    const accounts = await this.docs.find({ _id: { $in: wanted } });
    return new Map(accounts.flatMap((account) => (account.teamsUserId ? [[account._id, account.teamsUserId] as const] : [])));
  }

  /** Display names (Teams name, else login name) by account id. */
  async displayNamesByIds(ids: readonly string[]): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((id) => typeof id === 'string' && id !== ''))];
    if (wanted.length === 0) return new Map();
    const accounts = await this.docs.find({ _id: { $in: wanted } });
    return new Map(accounts.map((account) => [account._id, account.displayName ?? account.name]));
  }
}
