import type { Activity } from 'botbuilder';
import { TokenBucket, type RateLimit } from './rateLimiter';

export interface ConversationLimits {
  /** activities kept per conversation; older ones drop off (a client far behind just misses them) */
  readonly historySize: number;
  /** a conversation with no new activity for this long is forgotten (polling alone does not keep it alive) */
  readonly idleMs: number;
  /** conversations held at once; starting one more is refused until the sweep frees room */
  readonly maxConversations: number;
  /** conversations one client (address, see bot/http/clientAddress.ts) holds at once, so one cannot fill the store */
  readonly maxConversationsPerClient: number;
  /** activities a user may post */
  readonly post: RateLimit;
  /**
   * typing signals a user may post, apart from `post` so that typing never uses up the messages' allowance (Web Chat
   * sends one every few seconds while the worker types)
   */
  readonly typing: RateLimit;
  /** polls (GET activities) a client may make: generous, since a refused poll stops Direct Line clients */
  readonly poll: RateLimit;
}

export const DEFAULT_LIMITS: ConversationLimits = {
  historySize: 500,
  idleMs: 60 * 60 * 1000,
  maxConversations: 10000,
  maxConversationsPerClient: 100,
  post: { burst: 10, perMinute: 30 },
  typing: { burst: 3, perMinute: 30 },
  poll: { burst: 30, perMinute: 600 },
};

export interface StoredActivity {
  readonly seq: number;
  readonly activity: Partial<Activity>;
}

export interface DirectLineConversation {
  readonly id: string;
  readonly userId: string;
  readonly locale?: string;
  /** who opened it (its client key), for the per-client cap */
  readonly client: string;
  readonly createdAt: number;
  /** when the last activity was appended (or the conversation started) */
  lastSeenAt: number;
  /** sequence number of the last activity appended (0 = none yet); the Direct Line watermark */
  lastSeq: number;
  readonly history: StoredActivity[];
  readonly postLimiter: TokenBucket;
  readonly typingLimiter: TokenBucket;
  readonly pollLimiter: TokenBucket;
}

/**
 * The local Direct Line's conversations, in memory: one process, one instance (production uses Azure's Direct
 * Line). Each conversation keeps a bounded history addressed by watermark, and is forgotten after it idles.
 */
export class ConversationStore {
  private readonly conversations = new Map<string, DirectLineConversation>();
  /** conversations held per client; a client with none has no entry (the map stays as small as the store) */
  private readonly perClient = new Map<string, number>();

  constructor(readonly limits: ConversationLimits = DEFAULT_LIMITS, private readonly now: () => number = Date.now) {}

  get size(): number {
    return this.conversations.size;
  }

  /**
   * The conversation, if it exists and has not idled out. Reading does not keep it alive: a forgotten tab that
   * polls forever must not hold memory forever; only activities (appended) do.
   */
  get(id: string): DirectLineConversation | undefined {
    const conversation = this.conversations.get(id);
    if (!conversation) return undefined;
    if (this.now() - conversation.lastSeenAt > this.limits.idleMs) {
      this.forget(conversation);
      return undefined;
    }
    return conversation;
  }

  /** How many conversations a client holds now. */
  heldBy(client: string): number {
    return this.perClient.get(client) ?? 0;
  }

  /**
   * A new conversation, or undefined when the store, or the client's share of it, is full even after dropping
   * idle ones (heldBy tells which).
   */
  create(id: string, userId: string, locale: string | undefined, client = 'local'): DirectLineConversation | undefined {
    const full = (): boolean => this.conversations.size >= this.limits.maxConversations || this.heldBy(client) >= this.limits.maxConversationsPerClient;
    if (full()) this.sweep();
    if (full()) return undefined;
    const now = this.now();
    const conversation: DirectLineConversation = {
      id,
      userId,
      locale,
      client,
      createdAt: now,
      lastSeenAt: now,
      lastSeq: 0,
      history: [],
      postLimiter: new TokenBucket(this.limits.post, this.now),
      typingLimiter: new TokenBucket(this.limits.typing, this.now),
      pollLimiter: new TokenBucket(this.limits.poll, this.now),
    };
    this.conversations.set(id, conversation);
    this.perClient.set(client, this.heldBy(client) + 1);
    return conversation;
  }

  private forget(conversation: DirectLineConversation): void {
    if (!this.conversations.delete(conversation.id)) return;
    const held = this.heldBy(conversation.client) - 1;
    if (held > 0) this.perClient.set(conversation.client, held);
    else this.perClient.delete(conversation.client);
  }

  /** Appends with the next sequence number; the activity id is Direct Line's `<conversation>|<seq>`. */
  append(conversation: DirectLineConversation, activity: Partial<Activity>, keepId = false): Partial<Activity> {
    conversation.lastSeq += 1;
    const stored: Partial<Activity> = keepId && activity.id ? activity : { ...activity, id: `${conversation.id}|${String(conversation.lastSeq).padStart(7, '0')}` };
    conversation.history.push({ seq: conversation.lastSeq, activity: stored });
    if (conversation.history.length > this.limits.historySize) conversation.history.splice(0, conversation.history.length - this.limits.historySize);
    conversation.lastSeenAt = this.now();
    return stored;
  }

  /** Activities after the watermark (all kept ones for none), and the watermark to send next time. */
  since(conversation: DirectLineConversation, watermark: number | undefined): { activities: Partial<Activity>[]; watermark: string } {
    const after = watermark ?? 0;
    return { activities: conversation.history.filter((s) => s.seq > after).map((s) => s.activity), watermark: String(conversation.lastSeq) };
  }

  /** The latest stored copy of an activity, by id. */
  find(conversation: DirectLineConversation, activityId: string): Partial<Activity> | undefined {
    for (let i = conversation.history.length - 1; i >= 0; i -= 1) {
      if (conversation.history[i].activity.id === activityId) return conversation.history[i].activity;
    }
    return undefined;
  }

  /** Removes every stored copy of an activity; true if there was one. */
  remove(conversation: DirectLineConversation, activityId: string): boolean {
    const before = conversation.history.length;
    for (let i = conversation.history.length - 1; i >= 0; i -= 1) {
      if (conversation.history[i].activity.id === activityId) conversation.history.splice(i, 1);
    }
    return conversation.history.length < before;
  }

  /** Forgets conversations idle longer than the limit; returns how many. */
  sweep(): number {
    const cutoff = this.now() - this.limits.idleMs;
    let removed = 0;
    for (const conversation of this.conversations.values()) {
      if (conversation.lastSeenAt < cutoff) {
        this.forget(conversation);
        removed += 1;
      }
    }
    return removed;
  }

  clear(): void {
    this.conversations.clear();
    this.perClient.clear();
  }
}
