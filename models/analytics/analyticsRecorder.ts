/**
 * The campaign's figures, without personal data: counters per day, metric, province, language and channel
 * (conversations, questions answered / not understood, pre-checks started and completed by outcome, referrals...),
 * and the scrubbed text of questions the bot did not understand, counted.
 *
 * Counters roll up per day: one document per Italian day holds every (metric, province, language, channel) count
 * of that day, incremented atomically (`$inc` on its fields), so several bot instances on one MongoDB add up
 * correctly and the collection grows by one document a day however many people chat. The unanswered questions are
 * capped (MAX_UNANSWERED, the rarest and oldest go first). Nothing here stores who asked: no user id, no
 * conversation id, no raw text.
 */
import { createHash } from 'node:crypto';
import { DuplicateKeyError, type CollectionSpec, type DocumentCollection } from '../store/collection';
import type { Store } from '../store/store';
import type { Logger } from '../logger';
import { romeDay } from '../text/dates';
import { scrubText } from './scrub';
import { describeError } from '../errorDescription';
import { LEAD_LANGUAGES, leadLanguageOf, type LeadLanguage } from '../leads/leadLanguage';

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

/** One day's counters: `counts` maps "metric|province|language|channel" (codes without '.' or '$') to a count. */
export type DayCountersDoc = {
  /** the day itself (YYYY-MM-DD): a legacy per-counter document's _id always has '|' in it */
  _id: string;
  day: string;
  counts: Record<string, number>;
};

/** distinct unanswered questions kept (checked every UNANSWERED_CHECK_EVERY new ones): staff read its top; it must not grow per visitor */
export const MAX_UNANSWERED = 2000;
/** new questions between two checks of the cap */
const UNANSWERED_CHECK_EVERY = 100;

function counterKey(metric: string, province: string, language: string, channel: string): string {
  return [metric, province, language, channel].join('|');
}

/** The counters a stored document holds: a day's roll-up, or one counter as written before the roll-up. */
function countersOf(doc: DayCountersDoc | CounterDoc): CounterDoc[] {
  if ('counts' in doc && doc.counts && typeof doc.counts === 'object') {
    return Object.entries(doc.counts).map(([key, count]) => {
      const [metric, province, language, channel] = key.split('|');
      return { _id: `${doc.day}|${key}`, day: doc.day, metric, province, language, channel, count };
    });
  }
  return [doc as CounterDoc];
}

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
    case 'handoff.asked':
      // a person asked for (words, the menu's entry, a yes to the offer after two misses); "sei un robot?" is not
      return 'handoffs_asked';
    // the live handoff's steps (models/handoff/handoffService.ts), each counted once, by whoever decided it
    case 'handoff.accepted':
      return 'handoffs_accepted';
    case 'handoff.unanswered':
      return 'handoffs_unanswered';
    case 'handoff.abandoned':
      return 'handoffs_abandoned';
    case 'handoff.referral':
      return 'handoffs_to_referral';
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
  /** distinct unanswered questions kept (default MAX_UNANSWERED) */
  maxUnanswered?: number;
}

/**
 * Counting an event is on every answered turn, so increments are gathered in memory and written together at most
 * every `flushMs` (a store write per turn cost more than the answer itself). Counters are additive, so batching
 * changes nothing but timing; reads flush first, and `close()` writes what is left. A crash loses at most the last
 * second of counts, never personal data.
 */
export class AnalyticsRecorder {
  /** increments gathered since the last flush, by day and counter key */
  private pending = new Map<string, Map<string, number>>();
  /** new unanswered questions since the cap was last checked */
  private newUnanswered = 0;
  private flushing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;

  private constructor(
    private readonly counters: DocumentCollection<DayCountersDoc | CounterDoc>,
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
      // one write per day, whatever the number of counters that changed
      for (const [day, counts] of batch) await this.incrementDay(day, counts);
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
    return new AnalyticsRecorder(await store.collection<DayCountersDoc | CounterDoc>(ANALYTICS_COUNTERS), await store.collection<UnansweredDoc>(ANALYTICS_UNANSWERED), deps);
  }

  /** Counts an event (unknown events are ignored). */
  async count(event: string, dims: EventDimensions, by = 1): Promise<void> {
    const metric = metricOf(event);
    if (!metric) return;
    const day = romeDay(this.deps.now());
    const province = code(dims.province?.toUpperCase(), 'unknown');
    const language = code(dims.language, 'unknown');
    const channel = code(dims.channel, 'other');
    const key = counterKey(metric, province, language, channel);
    let counts = this.pending.get(day);
    if (!counts) this.pending.set(day, (counts = new Map()));
    counts.set(key, (counts.get(key) ?? 0) + by);
    this.scheduleFlush();
  }

  /** Keeps the scrubbed form of a question that was not understood (never the text as typed). */
  async notUnderstood(rawText: string, language: string): Promise<void> {
    const text = scrubText(rawText);
    if (text === '') return;
    const lang = code(language, 'unknown');
    const _id = createHash('sha256').update(`${lang}\u0000${text}`).digest('hex');
    const at = this.deps.now();
    const added = await this.increment(this.unanswered, _id, 1, () => ({ _id, text, language: lang, count: 1, firstAt: at, lastAt: at }), { lastAt: at });
    if (added && ++this.newUnanswered >= Math.min(UNANSWERED_CHECK_EVERY, this.deps.maxUnanswered ?? UNANSWERED_CHECK_EVERY)) {
      this.newUnanswered = 0;
      await this.capUnanswered();
    }
  }

  /** Keeps the MAX_UNANSWERED most asked questions (the most recent among equals); how many were dropped. */
  async capUnanswered(): Promise<number> {
    const excess = (await this.unanswered.count({})) - (this.deps.maxUnanswered ?? MAX_UNANSWERED);
    if (excess <= 0) return 0;
    const rarest = await this.unanswered.find({}, { sort: { count: 1, lastAt: 1 }, limit: excess });
    return this.unanswered.deleteMany({ _id: { $in: rarest.map((d) => d._id) } });
  }

  /** Adds a day's gathered increments to its document: one atomic update, or the insert that creates it. */
  private async incrementDay(day: string, counts: Map<string, number>): Promise<void> {
    const inc = Object.fromEntries([...counts].map(([key, by]) => [`counts.${key}`, by]));
    for (let attempt = 0; attempt < 3; attempt++) {
      if (await this.counters.updateOne({ _id: day }, { $inc: inc })) return;
      try {
        await this.counters.insert({ _id: day, day, counts: Object.fromEntries(counts) });
        return;
      } catch (err) {
        if (!(err instanceof DuplicateKeyError)) throw err;
      }
    }
    this.deps.logger.warn({ collection: 'analytics' }, 'day counters contended; one flush dropped');
  }

  private async increment<T extends { _id: string; count: number }>(
    docs: DocumentCollection<T & Record<string, unknown>>,
    _id: string,
    by: number,
    create: () => T,
    set: Record<string, unknown> = {},
  ): Promise<boolean> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const updated = await docs.updateOne({ _id }, Object.keys(set).length > 0 ? { $inc: { count: by }, $set: set } : { $inc: { count: by } });
      if (updated) return false;
      try {
        await docs.insert(create() as T & Record<string, unknown>);
        return true;
      } catch (err) {
        if (!(err instanceof DuplicateKeyError)) throw err;
      }
    }
    this.deps.logger.warn({ collection: 'analytics' }, 'counter contended; one increment dropped');
    return false;
  }

  /** Counters with from <= day < to (YYYY-MM-DD, Italian days), one per (day, metric, province, language, channel). */
  async countersBetween(fromDay: string | undefined, toDay: string | undefined): Promise<CounterDoc[]> {
    await this.flush();
    const day: Record<string, string> = {};
    if (fromDay) day.$gte = fromDay;
    if (toDay) day.$lt = toDay;
    const docs = await this.counters.find(Object.keys(day).length > 0 ? { day } : {});
    // a day's roll-up and counters stored before it (same day and key) add up
    const merged = new Map<string, CounterDoc>();
    for (const counter of docs.flatMap(countersOf)) {
      const seen = merged.get(counter._id);
      if (seen) seen.count += counter.count;
      else merged.set(counter._id, { ...counter });
    }
    return [...merged.values()];
  }

  /** The most frequent not-understood questions (scrubbed), most frequent first. */
  async topUnanswered(limit: number, language?: string): Promise<UnansweredDoc[]> {
    return this.unanswered.find(language ? { language } : {}, { sort: { count: -1, lastAt: -1 }, limit });
  }

  /**
   * The kept not-understood questions per language: every one of the eight and `unknown` (a row recorded without a
   * language we speak), zeros included; `distinct` questions and how often they were `asked`. Reads at most
   * MAX_UNANSWERED small documents (the collection is capped), whatever the campaign's size.
   */
  async unansweredByLanguage(): Promise<Array<{ language: LeadLanguage; distinct: number; asked: number }>> {
    const tally = new Map<LeadLanguage, { language: LeadLanguage; distinct: number; asked: number }>(LEAD_LANGUAGES.map((language) => [language, { language, distinct: 0, asked: 0 }]));
    for (const doc of await this.unanswered.find({})) {
      const row = tally.get(leadLanguageOf(doc.language))!;
      row.distinct += 1;
      row.asked += doc.count;
    }
    return [...tally.values()];
  }
}
