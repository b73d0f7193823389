/**
 * Workers' subscriptions to the campaign's news. One active subscription per conversation (subscribing again
 * replaces its choices), holding what a proactive message needs: the conversation reference of its channel and the
 * worker's language. Nothing is written without the subscription's own consent (notice version + text hash).
 *
 * Ending a subscription (the worker's "stop notizie", "cancella i miei dati", or the channel answering 403/404) drops
 * the conversation reference, the user id and the conversation key at once: an ended row keeps only codes
 * (provinces, topics, language, consent version, dates, reason), for counts, like the lead's tombstone. Nothing links
 * it to the person any more, so no retention pass is needed for ended rows (models/retention/).
 *
 * What the person sees of, erases or changes ("i miei dati", "cancella i miei dati", a language switch) is only their
 * own: `heldBy`, never another member's subscription in a shared conversation.
 */
import { randomUUID } from 'node:crypto';
import type { Language } from '../i18n';
import { DuplicateKeyError, type CollectionSpec, type DocumentCollection, type Filter } from '../store/collection';
import type { Store } from '../store/store';
import type { SubscriptionConsent, Topic } from './types';

export type StoredReference = Record<string, unknown>;
export type SubscriptionStatus = 'active' | 'ended';
/** unsubscribed: "stop notizie"; unreachable: the channel answered 403/404; erased: "cancella i miei dati" */
export type EndReason = 'unsubscribed' | 'unreachable' | 'erased';

export type Subscription = {
  _id: string;
  status: SubscriptionStatus;
  /** `<channelId>|<conversationId>` while active (unique), removed when the subscription ends */
  activeKey?: string;
  channelId: string;
  /** the channel's user id, so "stop notizie" ends every subscription of the person on that channel */
  userId?: string;
  reference?: StoredReference;
  language: Language;
  /** Lombardy province codes (every one for "tutta la Lombardia") */
  provinces: string[];
  allLombardy: boolean;
  topics: Topic[];
  consent: SubscriptionConsent;
  createdAt: Date;
  updatedAt: Date;
  endedAt?: Date;
  endedReason?: EndReason;
};

export const SUBSCRIPTIONS_COLLECTION: CollectionSpec = {
  name: 'campaign_subscriptions',
  indexes: [{ field: 'activeKey', unique: true, sparse: true }, { field: 'status' }, { field: 'userId' }],
  sortIndexes: [{ status: 1, createdAt: 1 }],
};

/** Who asks about their subscriptions: the channel, its user id (when the channel gives one) and the conversation. */
export interface Subscriber {
  channelId: string;
  userId: string | undefined;
  conversationId: string;
}

function conversationKey(channelId: string, conversationId: string): string {
  return `${channelId}|${conversationId}`;
}

/**
 * Whether the subscription is this person's own: the same user id on the same channel; a subscription stored without
 * a user id belongs to whoever talks in its conversation.
 */
export function isHeldBy(subscription: Pick<Subscription, 'channelId' | 'userId' | 'activeKey'>, who: Subscriber): boolean {
  if (subscription.channelId !== who.channelId) return false;
  if (subscription.userId !== undefined) return who.userId !== undefined && subscription.userId === who.userId;
  return subscription.activeKey === conversationKey(who.channelId, who.conversationId);
}

export interface SubscriptionInput {
  channelId: string;
  conversationId: string;
  userId?: string;
  reference: StoredReference;
  language: Language;
  provinces: string[];
  allLombardy: boolean;
  topics: Topic[];
  consent: SubscriptionConsent;
}

/** Who an announcement reaches: provinces (empty = all) and topics (a subscriber matching any of them). */
export interface AudienceFilter {
  provinces: readonly string[];
  topics: readonly Topic[];
}

export function audienceQuery(audience: AudienceFilter): Filter {
  return {
    status: 'active',
    ...(audience.provinces.length > 0 ? { provinces: { $in: [...audience.provinces] } } : {}),
    topics: { $in: [...audience.topics] },
  };
}

export class SubscriptionStore {
  private constructor(private readonly docs: DocumentCollection<Subscription>, private readonly now: () => Date) {}

  static async open(store: Store, deps: { now: () => Date }): Promise<SubscriptionStore> {
    return new SubscriptionStore(await store.collection<Subscription>(SUBSCRIPTIONS_COLLECTION), deps.now);
  }

  /** Creates the conversation's subscription, or replaces the choices of the active one; returns it. */
  async subscribe(input: SubscriptionInput): Promise<{ subscription: Subscription; updated: boolean }> {
    const activeKey = conversationKey(input.channelId, input.conversationId);
    const now = this.now();
    const choices = {
      reference: input.reference,
      userId: input.userId,
      language: input.language,
      provinces: [...new Set(input.provinces)].sort(),
      allLombardy: input.allLombardy,
      topics: [...new Set(input.topics)],
      consent: input.consent,
      updatedAt: now,
    };
    for (let attempt = 0; attempt < 3; attempt++) {
      const existing = await this.docs.updateOne({ activeKey, status: 'active' }, { $set: choices });
      if (existing) return { subscription: existing, updated: true };
      try {
        const created = await this.docs.insert({ _id: randomUUID(), status: 'active', activeKey, channelId: input.channelId, createdAt: now, ...choices });
        return { subscription: created, updated: false };
      } catch (err) {
        if (!(err instanceof DuplicateKeyError)) throw err; // a concurrent subscribe of the same conversation: update it
      }
    }
    throw new Error('subscription: could not write');
  }

  get(id: string): Promise<Subscription | null> {
    return this.docs.findOne({ _id: id });
  }

  /** The person's active subscriptions on this channel (this conversation's included). */
  activeFor(channelId: string, userId: string | undefined, conversationId: string): Promise<Subscription[]> {
    const or: Filter[] = [{ activeKey: conversationKey(channelId, conversationId) }];
    if (userId) or.push({ channelId, userId });
    return this.docs.find({ status: 'active', $or: or }, { sort: { createdAt: 1 } });
  }

  /** Ends every active subscription of the person on this channel; how many. */
  async unsubscribeAll(channelId: string, userId: string | undefined, conversationId: string): Promise<number> {
    let ended = 0;
    for (const subscription of await this.activeFor(channelId, userId, conversationId)) {
      if (await this.end(subscription._id, 'unsubscribed')) ended += 1;
    }
    return ended;
  }

  /** The person's own active subscriptions on this channel ("i miei dati"): not other members' of this conversation. */
  async heldBy(who: Subscriber): Promise<Subscription[]> {
    const found = await this.activeFor(who.channelId, who.userId, who.conversationId);
    return found.filter((subscription) => isHeldBy(subscription, who));
  }

  /**
   * "Cancella i miei dati": ends the person's own active subscriptions on this channel and erases their personal data
   * (conversation reference, user id, conversation key), reason "erased"; returns how many. The sender re-reads each
   * subscription before a send, so nothing more reaches them, also from a send under way.
   */
  async eraseFor(who: Subscriber): Promise<number> {
    let erased = 0;
    for (const subscription of await this.heldBy(who)) {
      if (await this.end(subscription._id, 'erased')) erased += 1;
    }
    return erased;
  }

  /**
   * The person chose another language: their own active subscriptions on this channel follow it, so the next
   * announcement arrives in it. Returns how many changed.
   */
  async setLanguage(who: Subscriber, language: Language): Promise<number> {
    let changed = 0;
    for (const subscription of await this.heldBy(who)) {
      if (subscription.language === language) continue;
      if (await this.docs.updateOne({ _id: subscription._id, status: 'active' }, { $set: { language, updatedAt: this.now() } })) changed += 1;
    }
    return changed;
  }

  /** Ends one subscription and forgets how to reach it; false when it had already ended. */
  async end(id: string, reason: EndReason): Promise<boolean> {
    const ended = await this.docs.updateOne({ _id: id, status: 'active' }, { $set: { status: 'ended', endedAt: this.now(), endedReason: reason, updatedAt: this.now() }, $unset: { activeKey: true, reference: true, userId: true } });
    return ended !== null;
  }

  count(audience: AudienceFilter): Promise<number> {
    return this.docs.count(audienceQuery(audience));
  }

  countIn(audience: AudienceFilter, language: string): Promise<number> {
    return this.docs.count({ ...audienceQuery(audience), language });
  }

  /** The audience in pages of `limit`, by id, after `afterId` (for the snapshot of a send). */
  page(audience: AudienceFilter, afterId: string | undefined, limit: number): Promise<Subscription[]> {
    const where = audienceQuery(audience);
    return this.docs.find(afterId === undefined ? where : { ...where, _id: { $gt: afterId } }, { sort: { _id: 1 }, limit });
  }

  /** Writes prepared rows (the benchmark seeds its subscribers this way). */
  insertRaw(subscription: Subscription): Promise<Subscription> {
    return this.docs.insert(subscription);
  }
}
