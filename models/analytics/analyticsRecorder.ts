/**
 * The campaign's figures, without personal data: counters per day, metric, province, language and channel
 * (conversations, questions answered / not understood, pre-checks started and completed by outcome, referrals...),
 * and the scrubbed text of questions the bot did not understand, counted.
 *
 * Counters are one document per (day, metric, province, language, channel), incremented atomically, so several
 * bot instances on one MongoDB add up correctly. Nothing here stores who asked: no user id, no conversation id,
 * no raw text.
 */
import { createHash } from 'node:crypto';
import { DuplicateKeyError, type CollectionSpec, type DocumentCollection } from '../store/collection';
import type { Store } from '../store/store';
import type { Logger } from '../logger';
import { romeDay } from '../text/dates';
import { scrubText } from './scrub';
import { describeError } from '../errorDescription';

export const ANALYTICS_COUNTERS: CollectionSpec = { name: 'analytics_counters', indexes: [{ field: 'day' }] };
export const ANALYTICS_UNANSWERED: CollectionSpec = {
  name: 'analytics_unanswered',
  indexes: [{ field: 'count' }],
  sortIndexes: [
    { count: -1, lastAt: -1 },
    { language: 1, count: -1, lastAt: -1 },
  ],
};

export type CounterDoc = {
  _id: string;
  /** YYYY-MM-DD, Italian time */
  day: string;
  metric: string;
  /** province sigla, or "unknown" */
  province: string;
  language: string;
  channel: string;
  count: number;
};

export type UnansweredDoc = {
  _id: string;
  /** the scrubbed, lowercased question */
  text: string;
  language: string;
  count: number;
  firstAt: Date;
  lastAt: Date;
};

/** What a chat event is counted as; events not listed here are not counted. */
export function metricOf(event: string): string | undefined {
  switch (event) {
    case 'conversation.started':
      return 'conversations';
    case 'question.answered':
      return 'questions_answered';
    case 'question.suggested':
      return 'questions_suggested';
    case 'question.not_understood':
      return 'questions_not_understood';
    case 'precheck.started':
      return 'prechecks_started';
    case 'referral.submitted':
      return 'referrals';
    case 'referral.updated':
      return 'referrals_updated';
    case 'referral.erased':
      return 'referrals_erased';
    case 'referral.withdrawn':
      return 'referrals_withdrawn';
    case 'news.listed':
      return 'news_views';
    case 'events.listed':
      return 'events_views';
    default: {
      const outcome = /^precheck\.completed\.([a-z_]{1,40})$/.exec(event);
      return outcome ? `prechecks_completed_${outcome[1]}` : undefined;
    }
  }
}

export interface EventDimensions {
  province?: string;
  language: string;
  channel: string;
}

const CODE = /^[A-Za-z0-9_-]{1,40}$/;

function code(value: string | undefined, fallback: string): string {
  return value !== undefined && CODE.test(value) ? value : fallback;
}

export interface AnalyticsRecorderDeps {
  now: () => Date;
  logger: Logger;
  /** how long increments are gathered before they are written (default 1000 ms) */
  flushMs?: number;
}

/**
 * Counting an event is on every answered turn, so increments are gathered in memory and written together at most
 * every `flushMs` (a store write per turn cost more than the answer itself). Counters are additive, so batching
 * changes nothing but timing; reads flush first, and `close()` writes what is left. A crash loses at most the last
 * second of counts, never personal data.
 */
export class AnalyticsRecorder {
  private pending = new Map<string, { by: number; create: () => CounterDoc }>();
  private flushing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;

  private constructor(
    private readonly counters: DocumentCollection<CounterDoc>,
    private readonly unanswered: DocumentCollection<UnansweredDoc>,
    private readonly deps: AnalyticsRecorderDeps,
  ) {}

  /** Writes every gathered increment now. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    while (this.flushing) await this.flushing;
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    this.flushing = (async () => {
      for (const [_id, { by, create }] of batch) await this.increment(this.counters, _id, by, create);
    })();
    try {
      await this.flushing;
    } finally {
      this.flushing = undefined;
    }
  }

  /** Writes what is left; later counts are written by the next flush (call at shutdown). */
  async close(): Promise<void> {
    await this.flush();
  }

  private scheduleFlush(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush().catch((err: Error) => this.deps.logger.warn({ err: describeError(err) }, 'analytics flush failed'));
    }, this.deps.flushMs ?? 1000);
    this.timer.unref();
  }

  static async open(store: Store, deps: AnalyticsRecorderDeps): Promise<AnalyticsRecorder> {
    return new AnalyticsRecorder(await store.collection<CounterDoc>(ANALYTICS_COUNTERS), await store.collection<UnansweredDoc>(ANALYTICS_UNANSWERED), deps);
  }

  /** Counts an event (unknown events are ignored). */
  async count(event: string, dims: EventDimensions, by = 1): Promise<void> {
    const metric = metricOf(event);
    if (!metric) return;
    const day = romeDay(this.deps.now());
    const province = code(dims.province?.toUpperCase(), 'unknown');
    const language = code(dims.language, 'unknown');
    const channel = code(dims.channel, 'other');
    const _id = [day, metric, province, language, channel].join('|');
    const gathered = this.pending.get(_id);
    if (gathered) gathered.by += by;
    else {
      const entry = { by, create: () => ({ _id, day, metric, province, language, channel, count: entry.by }) };
      this.pending.set(_id, entry);
    }
    this.scheduleFlush();
  }

  /** Keeps the scrubbed form of a question that was not understood (never the text as typed). */
  async notUnderstood(rawText: string, language: string): Promise<void> {
    const text = scrubText(rawText);
    if (text === '') return;
    const lang = code(language, 'unknown');
    const _id = createHash('sha256').update(`${lang}\u0000${text}`).digest('hex');
    const at = this.deps.now();
    await this.increment(this.unanswered, _id, 1, () => ({ _id, text, language: lang, count: 1, firstAt: at, lastAt: at }), { lastAt: at });
  }

  private async increment<T extends { _id: string; count: number }>(
    docs: DocumentCollection<T & Record<string, unknown>>,
    _id: string,
    by: number,
    create: () => T,
    set: Record<string, unknown> = {},
  ): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const updated = await docs.updateOne({ _id }, Object.keys(set).length > 0 ? { $inc: { count: by }, $set: set } : { $inc: { count: by } });
      if (updated) return;
      try {
        await docs.insert(create() as T & Record<string, unknown>);
        return;
      } catch (err) {
        if (!(err instanceof DuplicateKeyError)) throw err;
      }
    }
    this.deps.logger.warn({ collection: 'analytics' }, 'counter contended; one increment dropped');
  }

  /** Counters with from <= day < to (YYYY-MM-DD, Italian days). */
  async countersBetween(fromDay: string | undefined, toDay: string | undefined): Promise<CounterDoc[]> {
    await this.flush();
    const day: Record<string, string> = {};
    if (fromDay) day.$gte = fromDay;
    if (toDay) day.$lt = toDay;
    return this.counters.find(Object.keys(day).length > 0 ? { day } : {});
  }

  /** The most frequent not-understood questions (scrubbed), most frequent first. */
  async topUnanswered(limit: number, language?: string): Promise<UnansweredDoc[]> {
    return this.unanswered.find(language ? { language } : {}, { sort: { count: -1, lastAt: -1 }, limit });
  }
}
