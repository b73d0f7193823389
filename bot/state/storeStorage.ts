import { ConversationState, UserState, type BotState, type Storage, type StoreItem, type StoreItems, type TurnContext } from 'botbuilder';
import type { SerializedStateItem, StateLifetime, StateRepository } from '../../models/state/stateRepository';

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

  /** The items as stored, JSON without the eTag (see SerializedState). */
  readSerialized(keys: string[]): Promise<Record<string, SerializedStateItem>> {
    return this.repository.readSerialized(keys);
  }

  writeSerialized(changes: Record<string, { json: string; eTag?: string }>): Promise<void> {
    return this.repository.writeSerialized(changes);
  }
}

/** What a turn keeps of its state: the object dialogs change, and the JSON it was read or last written as. */
interface CachedState {
  state: StoreItem;
  /** '' after clear(): the next save writes whatever the state then is */
  json: string;
}

/** The state's JSON without its eTag: what is stored, and what tells whether the turn changed it. */
function serialize(state: StoreItem): string {
  const { eTag: _eTag, ...value } = state;
  return JSON.stringify(value);
}

/**
 * BotState's turn cache, serialising the state once per turn. botbuilder's BotState hashes the state on load, again
 * on save to see whether it changed and once more after writing (each a JSON.stringify with a replacer function,
 * then SHA-256), and the storage serialises it a fourth time to store it. Here the JSON the store holds is the
 * reference the turn compares with (no serialisation on load), the save serialises once, and that same text is
 * what is written. The state is plain JSON data (it is stored as JSON), so comparing the text is what comparing
 * botbuilder's hashes did. The methods are BotState's own (load, saveChanges, clear, delete, get), kept under a key
 * of this class's, with their semantics; `honourReadETag` decides the eTag a save writes with (see
 * TurnConsistentConversationState), otherwise `*` as BotState writes.
 */
class SerializedState {
  private readonly cacheKey = Symbol('serialized state');

  constructor(
    private readonly storage: StoreStorage,
    private readonly storageKey: (context: TurnContext) => string | Promise<string>,
    private readonly honourReadETag: boolean,
  ) {}

  async load(context: TurnContext, force: boolean): Promise<StoreItem> {
    const cached = context.turnState.get(this.cacheKey) as CachedState | undefined;
    if (!force && cached?.state) return cached.state;
    const key = await this.storageKey(context);
    const found = (await this.storage.readSerialized([key]))[key];
    const state: StoreItem = found ? { ...(JSON.parse(found.json) as StoreItem), eTag: found.eTag } : {};
    // an absent item compares as BotState's empty state does: unchanged, nothing is written
    context.turnState.set(this.cacheKey, { state, json: found ? found.json : '{}' } satisfies CachedState);
    return state;
  }

  async saveChanges(context: TurnContext, force: boolean): Promise<void> {
    let cached = context.turnState.get(this.cacheKey) as CachedState | undefined;
    const json = cached ? serialize(cached.state) : undefined;
    if (!force && (!cached || json === cached.json)) return;
    cached ??= { state: {}, json: '' };
    const key = await this.storageKey(context);
    const body = json ?? serialize(cached.state);
    const read = cached.state.eTag;
    const eTag = this.honourReadETag && typeof read === 'string' && read !== '*' ? read : '*';
    await this.storage.writeSerialized({ [key]: { json: body, eTag } });
    // written: a second save in the same turn overwrites its own write (as BotState marks it)
    cached.state.eTag = '*';
    cached.json = body;
    context.turnState.set(this.cacheKey, cached);
  }

  clear(context: TurnContext): void {
    context.turnState.set(this.cacheKey, { state: {}, json: '' } satisfies CachedState);
  }

  async delete(context: TurnContext): Promise<void> {
    context.turnState.delete(this.cacheKey);
    await this.storage.delete([await this.storageKey(context)]);
  }

  get(context: TurnContext): StoreItem | undefined {
    const cached = context.turnState.get(this.cacheKey) as CachedState | undefined;
    return typeof cached === 'object' && typeof cached.state === 'object' ? cached.state : undefined;
  }
}

/**
 * Conversation state written with the eTag read at the turn's start, so that of two turns of one conversation
 * running at once (two instances behind a load balancer, a double send) the second to save is refused with an
 * ETagConflictError (models/state/stateRepository.ts) instead of silently overwriting what the first saved.
 * botbuilder's BotState.saveChanges always writes with eTag `*` (last writer wins): this keeps its change
 * detection and caching (serialising once, SerializedState), and writes with the eTag the turn read. A
 * conversation with no stored state yet (its first turn, or its state expired) is written as before: there is no
 * eTag to hold, and a first turn racing another is rare and carries no worker input worth a conflict.
 */
export class TurnConsistentConversationState extends serialisedOnce(ConversationState, true) {
  constructor(storage: StoreStorage) {
    super(storage);
  }
}

/** User state (the chosen language), written as BotState writes it (eTag `*`), serialising it once per turn. */
export class StoreUserState extends serialisedOnce(UserState, false) {
  constructor(storage: StoreStorage) {
    super(storage);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- TypeScript's mixin pattern requires `any[]` here
type BotStateClass = new (...args: any[]) => BotState;

/**
 * A botbuilder state class (ConversationState, UserState: they differ only in their storage key) whose load, save,
 * clear, delete and get go through one SerializedState; `honourReadETag` saves with the eTag the turn read.
 */
function serialisedOnce<TBase extends BotStateClass>(Base: TBase, honourReadETag: boolean) {
  return class extends Base {
    readonly serialized: SerializedState;

    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see BotStateClass
    constructor(...args: any[]) {
      super(...args);
      this.serialized = new SerializedState(args[0] as StoreStorage, (context) => this.storageKey(context), honourReadETag);
    }

    override load(context: TurnContext, force = false): Promise<StoreItem> {
      return this.serialized.load(context, force);
    }

    override saveChanges(context: TurnContext, force = false): Promise<void> {
      return this.serialized.saveChanges(context, force);
    }

    override clear(context: TurnContext): Promise<void> {
      this.serialized.clear(context);
      return Promise.resolve();
    }

    override delete(context: TurnContext): Promise<void> {
      return this.serialized.delete(context);
    }

    override get(context: TurnContext): StoreItem | undefined {
      return this.serialized.get(context);
    }
  };
}
