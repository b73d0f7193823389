/**
 * Where a worker's personal data can be on disk, and how to leave none of it behind once it is erased or expired.
 * The embedded store appends every change to its collection's file, so an erased name stays in the superseded
 * lines until the file is compacted; `purgeSuperseded` compacts it now (a no-op on MongoDB, which rewrites in
 * place). Called before a worker is told their data is gone, and after each retention pass.
 *
 * Collections here: referrals (name, phone, e-mail, employer, the chat reference), news subscriptions (the chat
 * reference and user id), bot state (whatever was typed into an unfinished dialog), and the unanswered questions
 * (scrubbed text, but still text a worker typed), live handoffs (the hashed chat identity, a consent) and their
 * messages (what the worker and the operator wrote). The others keep ids and codes only: the Teams outbox (lead id,
 * posted activity ids), announcement deliveries (subscription id, status), the audit log (ids and codes, checked on
 * append).
 */
import { ANALYTICS_UNANSWERED } from '../analytics/analyticsRecorder';
import { SUBSCRIPTIONS_COLLECTION } from '../campaign/subscriptions';
import { LEADS_COLLECTION } from '../leads/leadRepository';
import { STATE_COLLECTION } from '../state/stateRepository';
import { HANDOFF_MESSAGES_COLLECTION, HANDOFFS_COLLECTION } from '../handoff/handoff';
import type { CollectionSpec, Doc, DocumentCollection } from '../store/collection';
import type { Store } from '../store/store';

export const PERSONAL_DATA_COLLECTIONS: readonly CollectionSpec[] = [LEADS_COLLECTION, SUBSCRIPTIONS_COLLECTION, STATE_COLLECTION, ANALYTICS_UNANSWERED, HANDOFFS_COLLECTION, HANDOFF_MESSAGES_COLLECTION];

export class SupersededCopies {
  private constructor(
    private readonly collections: ReadonlyArray<DocumentCollection<Doc>>,
    private readonly names: readonly string[],
  ) {}

  static async open(store: Store, specs: readonly CollectionSpec[] = PERSONAL_DATA_COLLECTIONS): Promise<SupersededCopies> {
    const collections: Array<DocumentCollection<Doc>> = [];
    for (const spec of specs) collections.push(await store.collection<Doc>(spec));
    return new SupersededCopies(collections, specs.map((spec) => spec.name));
  }

  /**
   * Resolves once no superseded copy is left in any of the collections, or in `only` those of them (a pass that
   * deleted expired bot state need not rewrite the referrals), one after the other: a light disk load.
   */
  async purge(only?: readonly CollectionSpec[]): Promise<void> {
    for (const [i, collection] of this.collections.entries()) {
      if (!only || only.some((spec) => spec.name === this.names[i])) await collection.purgeSuperseded();
    }
  }
}
