/**
 * The first staff account, made in the console instead of with the CLI: a newcomer runs `npm start`, and the bot,
 * finding no active staff account, prints a one-time link (`/console/setup#<token>`) that opens a setup form.
 *
 * - The token is 32 random bytes (base64url); only its sha256 is stored (collection `setup_links`), with an expiry
 *   an hour ahead. Each start without an active staff account issues a new one and drops the older ones, so only the
 *   link printed last works (with several instances on one MongoDB, the last one to start).
 * - Single use, decided by the store's unique `_id`: consuming inserts `use:<hash>`, and only one insert can win,
 *   on the embedded store and on MongoDB alike (FerretDB included, whose conditional updates are not atomic but whose
 *   unique keys hold). Two tabs sending the form at once make one account; the other is told the link was used.
 * - The form's input is checked before the link is consumed; if making the account still fails (a name taken by an
 *   operator, the store failing), the use is released so the link works again until it expires.
 */
import { createHash, randomBytes } from 'node:crypto';
import { DuplicateKeyError, type CollectionSpec, type DocumentCollection } from '../store/collection';
import type { Store } from '../store/store';
import { checkPasswordPolicy } from '../sessions/passwords';
import { checkAccountName, type AccountService, type AccountView } from './accountService';

export const SETUP_LINK_TTL_MS = 60 * 60 * 1000;

type SetupDoc = {
  /** `link:<sha256 of the token>` for an issued link, `use:<sha256>` once it was used */
  _id: string;
  kind: 'link' | 'use';
  createdAt: Date;
  /** links only */
  expiresAt?: Date;
};

export const SETUP_LINKS_COLLECTION: CollectionSpec = {
  name: 'setup_links',
  indexes: [{ field: 'kind' }],
};

export type SetupLinkGoneReason = 'setup_link_used' | 'setup_link_expired' | 'setup_link_unknown' | 'staff_account_exists';

/** The link cannot be used (any more): the route answers 410 with the reason. */
export class SetupLinkGoneError extends Error {
  readonly code = 'GONE';

  constructor(readonly reason: SetupLinkGoneReason) {
    super(`setup link gone: ${reason}`);
    this.name = 'SetupLinkGoneError';
  }
}

export interface FirstStaff {
  name: string;
  /** how the console names the person, e.g. "Anna Bianchi" */
  displayName?: string;
  password: string;
}

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

function hashOf(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export class FirstStaffSetup {
  private collection?: Promise<DocumentCollection<SetupDoc>>;

  constructor(
    private readonly store: Store,
    private readonly deps: { accounts: AccountService; now: () => Date; random?: (bytes: number) => Uint8Array },
  ) {}

  private docs(): Promise<DocumentCollection<SetupDoc>> {
    this.collection ??= this.store.collection<SetupDoc>(SETUP_LINKS_COLLECTION);
    return this.collection;
  }

  /**
   * At start: with no active staff account, a new link token (older links stop working) and its expiry; with one,
   * null, and any link still open is dropped. The token exists only in the returned value.
   */
  async offer(): Promise<{ token: string; expiresAt: Date } | null> {
    const docs = await this.docs();
    await docs.deleteMany({ kind: 'link' });
    if (await this.deps.accounts.hasActiveStaff()) return null;
    const token = Buffer.from((this.deps.random ?? randomBytes)(32)).toString('base64url');
    const now = this.deps.now();
    const expiresAt = new Date(now.getTime() + SETUP_LINK_TTL_MS);
    await docs.insert({ _id: `link:${hashOf(token)}`, kind: 'link', createdAt: now, expiresAt });
    return { token, expiresAt };
  }

  /** When the link stops working; SetupLinkGoneError when it already has (or never worked). */
  async check(token: unknown): Promise<{ expiresAt: Date }> {
    if (typeof token !== 'string' || !TOKEN.test(token)) throw new SetupLinkGoneError('setup_link_unknown');
    const hash = hashOf(token);
    const docs = await this.docs();
    if (await docs.findOne({ _id: `use:${hash}` })) throw new SetupLinkGoneError('setup_link_used');
    const link = await docs.findOne({ _id: `link:${hash}` });
    if (!link || !link.expiresAt) throw new SetupLinkGoneError('setup_link_unknown');
    if (link.expiresAt.getTime() <= this.deps.now().getTime()) throw new SetupLinkGoneError('setup_link_expired');
    if (await this.deps.accounts.hasActiveStaff()) {
      // the account may come from this very link, used by another tab since the first look: say so
      throw new SetupLinkGoneError((await docs.findOne({ _id: `use:${hash}` })) ? 'setup_link_used' : 'staff_account_exists');
    }
    return { expiresAt: link.expiresAt };
  }

  /**
   * Makes the first staff account with a console password, consuming the link. ValidationError for a bad name or
   * password (the link still works); SetupLinkGoneError when the link is used, expired or unknown, or a staff account
   * exists; ConflictError('name_taken') when an operator has that name (the link still works).
   */
  async createFirstStaff(token: unknown, input: FirstStaff): Promise<AccountView> {
    await this.check(token);
    const name = checkAccountName(input.name);
    const password = checkPasswordPolicy(input.password);
    const hash = hashOf(token as string);
    const docs = await this.docs();
    const use = `use:${hash}`;
    try {
      await docs.insert({ _id: use, kind: 'use', createdAt: this.deps.now() });
    } catch (err) {
      if (err instanceof DuplicateKeyError) throw new SetupLinkGoneError('setup_link_used');
      throw err;
    }
    try {
      const { account } = await this.deps.accounts.createAccount({ name, role: 'staff', displayName: input.displayName, password });
      return account;
    } catch (err) {
      await docs.deleteMany({ _id: use }).catch(() => undefined);
      throw err;
    }
  }
}
