import { ConversationState, type Storage, type StoreItem, type StoreItems, type TurnContext } from 'botbuilder';
import type { StateLifetime, StateRepository } from '../../models/state/stateRepository';

const HOUR_MS = 60 * 60 * 1000;

/**
 * botbuilder's state keys: `<channel>/conversations/<conversation id>` (ConversationState: the dialog stack with
 * whatever a worker typed into it, the last pre-check) and `<channel>/users/<user id>` (UserState: the chosen
 * language only, see dialogs/state.ts).
 */
export function isUserStateKey(key: string): boolean {
  return /^[^/]*\/users\//.test(key);
}

/**
 * How long bot state lives: conversation state (and any key that is not user state: the dialog stack and the
 * conversation's own flags, which share its key) expires `ttlHours` after its last write, so a referral abandoned
 * half-way does not keep a name and a phone number; user state outlives it, which is why it may hold nothing but
 * the language (the worker's "cancella i miei dati" deletes it too), and goes `idleDays` (STATE_TTL_DAYS) after
 * its last write, so state does not grow with every visitor the campaign ever had. 0 = user state never expires.
 */
export function botStateLifetime(ttlHours: number, idleDays = 0): StateLifetime {
  return { ttlMs: ttlHours * HOUR_MS, longLived: isUserStateKey, idleTtlMs: idleDays > 0 ? Math.max(idleDays * 24 * HOUR_MS, ttlHours * HOUR_MS) : 0 };
}

/** botbuilder's Storage over the project's store, so conversation and user state live with the rest of the data. */
export class StoreStorage implements Storage {
  constructor(private readonly repository: StateRepository) {}

  read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    return this.repository.read(keys);
  }

  write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    return this.repository.write(changes);
  }

  delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    return this.repository.delete(keys);
  }
}

/**
 * Conversation state written with the eTag read at the turn's start, so that of two turns of one conversation
 * running at once (two instances behind a load balancer, a double send) the second to save is refused with an
 * ETagConflictError (models/state/stateRepository.ts) instead of silently overwriting what the first saved.
 * botbuilder's BotState.saveChanges always writes with eTag `*` (last writer wins): this keeps its change
 * detection and caching, and only puts the eTag it read back on the item it writes. The state object of the turn
 * is the item handed to the storage, so the read eTag is kept per object, not per key (two turns, two objects).
 * A conversation with no stored state yet (its first turn, or its state expired) is written as before: there is
 * no eTag to hold, and a first turn racing another is rare and carries no worker input worth a conflict.
 */
export class TurnConsistentConversationState extends ConversationState {
  private readonly readETags: WeakMap<object, string>;

  constructor(storage: Storage) {
    const readETags = new WeakMap<object, string>();
    super(new ReadETagStorage(storage, readETags));
    this.readETags = readETags;
  }

  override async saveChanges(context: TurnContext, force = false): Promise<void> {
    const state = this.get(context) as StoreItem | undefined;
    if (state && typeof state.eTag === 'string' && state.eTag !== '*') this.readETags.set(state, state.eTag);
    await super.saveChanges(context, force);
  }
}

/** Writes each item with the eTag its turn read (see TurnConsistentConversationState). */
class ReadETagStorage implements Storage {
  constructor(
    private readonly inner: Storage,
    private readonly readETags: WeakMap<object, string>,
  ) {}

  read(keys: string[]): Promise<StoreItems> {
    return this.inner.read(keys);
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    const guarded: StoreItems = {};
    for (const [key, item] of Object.entries(changes)) {
      const readETag = typeof item === 'object' && item !== null ? this.readETags.get(item as object) : undefined;
      guarded[key] = readETag ? { ...(item as StoreItem), eTag: readETag } : item;
    }
    await this.inner.write(guarded);
    // written: a second save in the same turn overwrites its own write
    for (const item of Object.values(changes)) if (typeof item === 'object' && item !== null) this.readETags.delete(item as object);
  }

  delete(keys: string[]): Promise<void> {
    return this.inner.delete(keys);
  }
}
