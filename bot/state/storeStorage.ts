import type { Storage, StoreItems } from 'botbuilder';
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
