/**
 * Staff announcements: composed per locale (Italian required, English optional), addressed by provinces and
 * topics, sent now or at a time, cancellable until the send starts.
 *
 *   draft --send--> scheduled --(its time; one instance claims it)--> sending --(no row pending)--> sent
 *   draft|scheduled --cancel--> cancelled
 *   sending --cancel--> cancelled (stopped: messages already on their way arrive, the rest are skipped)
 *
 * The audience is fixed when the send starts: one delivery row per subscriber (./deliveries.ts). When the send
 * ends (sent, or stopped and drained) its report is kept here and the rows are purged.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import type { Language } from '../i18n';
import { problemsOf, reasons } from '../schemaIssues';
import { DuplicateKeyError, type CollectionSpec, type DocumentCollection } from '../store/collection';
import type { Store } from '../store/store';
import type { DeliveryReport } from './deliveries';
import { CAMPAIGN_PROVINCES, TOPICS, isCampaignProvince, type Topic } from './types';

export const ANNOUNCEMENT_STATUSES = ['draft', 'scheduled', 'sending', 'sent', 'cancelled'] as const;
export type AnnouncementStatus = (typeof ANNOUNCEMENT_STATUSES)[number];

export const TITLE_MAX = 120;
export const TEXT_MAX = 2000;

export type Announcement = {
  _id: string;
  /** the Italian title (what the console lists) */
  title: string;
  /** the English title, for the subscribers who get the English text; optional */
  titleEn?: string;
  text: { it: string; en?: string };
  /** province codes; empty = every province */
  provinces: string[];
  topics: Topic[];
  status: AnnouncementStatus;
  createdBy: string;
  createdAt: Date;
  scheduledAt?: Date;
  startedAt?: Date;
  finishedAt?: Date;
  cancelledAt?: Date;
  /** the snapshot of the audience is complete (every delivery row written) */
  snapshotDone?: boolean;
  /** the instance writing the snapshot holds it until then (a crash mid-snapshot lets another redo it) */
  snapshotLeaseUntil?: Date;
  snapshotOwner?: string;
  /** delivery rows written (the audience when the send started) */
  recipients?: number;
  /** the delivery report, kept when the send ended */
  report?: DeliveryReport;
  /** the delivery rows were deleted after the report was kept */
  rowsPurged?: boolean;
};

export const ANNOUNCEMENTS_COLLECTION: CollectionSpec = {
  name: 'campaign_announcements',
  indexes: [{ field: 'status' }, { field: 'createdAt' }],
  sortIndexes: [{ status: 1, scheduledAt: 1 }],
};

export interface AnnouncementInput {
  title: string;
  titleEn?: string;
  text: { it: string; en?: string };
  provinces: string[];
  topics: Topic[];
}

/** A text that must be there: trimmed, not blank, at most `max` characters. */
const requiredText = (max: number) => z.string(reasons('not_a_string')).trim().min(1, { error: 'required' }).max(max, { error: 'too_long' });
/** An optional text: absent or blank is none; otherwise as a required one. */
const optionalText = (max: number) =>
  z
    .string(reasons('not_a_string'))
    .trim()
    .max(max, { error: 'too_long' })
    .transform((v) => (v === '' ? undefined : v))
    .optional();
const languages = (max: number) => z.strictObject({ it: requiredText(max), en: optionalText(max) }, reasons('not_an_object'));

/**
 * A composed announcement, as staff send it (POST /api/announcements) and session reminders compose it. The title is
 * a string (Italian, for everyone) or `{ it, en? }` like the text: each subscriber reads the title of the text they
 * get. Failures name the field (`text.it`, `provinces.1`) with today's reasons.
 */
export const ANNOUNCEMENT_FIELDS = z.strictObject({
  title: z.union(
    [
      requiredText(TITLE_MAX).meta({ description: 'the title (in Italian), for everyone' }),
      languages(TITLE_MAX).meta({ description: 'en: optional; needs text.en: English readers get both' }),
    ],
    reasons('not_a_string'),
  ),
  text: languages(TEXT_MAX).meta({ description: 'en: optional; subscribers who chat in English get it, others the Italian' }),
  provinces: z
    .array(
      z
        .string({ error: 'unknown_province' })
        .transform((p) => p.toUpperCase())
        .refine(isCampaignProvince, { error: 'unknown_province' })
        .meta({ enum: [...CAMPAIGN_PROVINCES] }),
      { error: 'not_an_array' },
    )
    .nullish()
    .meta({ description: 'Lombardy province codes; none or empty = every province' }),
  topics: z
    .array(z.enum(TOPICS, { error: 'unknown_topic' }), reasons('not_an_array'))
    .min(1, { error: 'required' })
    .meta({ description: 'at least one: projects = new network projects in the area, sessions = info sessions, news = news about the measure' }),
  });

export const ANNOUNCEMENT_INPUT = ANNOUNCEMENT_FIELDS
  .superRefine((input, ctx) => {
    // an English title over an Italian-only text
    if (typeof input.title !== 'string' && input.title.en !== undefined && input.text.en === undefined) ctx.addIssue({ code: 'custom', message: 'required', path: ['text', 'en'] });
  })
  .transform(({ title, text, provinces, topics }): AnnouncementInput => {
    const titles = typeof title === 'string' ? { title } : { title: title.it, ...(title.en !== undefined ? { titleEn: title.en } : {}) };
    return { ...titles, text: { it: text.it, ...(text.en !== undefined ? { en: text.en } : {}) }, provinces: [...new Set(provinces ?? [])], topics: [...new Set(topics)] };
  });

/** A composed announcement from untrusted JSON, or a ValidationError naming the first problem's field. */
export function parseAnnouncement(body: unknown): AnnouncementInput {
  const parsed = ANNOUNCEMENT_INPUT.safeParse(body);
  if (parsed.success) return parsed.data;
  const [first] = problemsOf(parsed.error, { whole: '(body)', maxKey: 16 });
  throw new ValidationError(first.field, first.reason);
}

/**
 * The announcement in a subscriber's language: the English text (and English title, when there is one) for English
 * readers; Italian when there is no English text.
 */
export function textFor(announcement: Pick<Announcement, 'title' | 'titleEn' | 'text'>, language: Language): { language: Language; title: string; text: string } {
  if (language === 'en' && announcement.text.en) return { language: 'en', title: announcement.titleEn ?? announcement.title, text: announcement.text.en };
  return { language: 'it', title: announcement.title, text: announcement.text.it };
}

export class AnnouncementStore {
  private constructor(private readonly docs: DocumentCollection<Announcement>, private readonly now: () => Date) {}

  static async open(store: Store, deps: { now: () => Date }): Promise<AnnouncementStore> {
    return new AnnouncementStore(await store.collection<Announcement>(ANNOUNCEMENTS_COLLECTION), deps.now);
  }

  create(input: AnnouncementInput, createdBy: string): Promise<Announcement> {
    return this.docs.insert({ _id: randomUUID(), ...input, status: 'draft', createdBy, createdAt: this.now() });
  }

  /**
   * An announcement the bot composes itself (e.g. an info-session reminder), scheduled at `at`, with an id derived
   * from what it is about: instances that compose the same one at once write it once. Null when it exists already.
   */
  async createScheduled(id: string, input: AnnouncementInput, createdBy: string, at: Date): Promise<Announcement | null> {
    try {
      return await this.docs.insert({ _id: id, ...input, status: 'scheduled', scheduledAt: at, createdBy, createdAt: this.now() });
    } catch (err) {
      if (err instanceof DuplicateKeyError) return null;
      throw err;
    }
  }

  async get(id: string): Promise<Announcement> {
    const found = await this.docs.findOne({ _id: id });
    if (!found) throw new NotFoundError('announcement', id);
    return found;
  }

  list(limit: number): Promise<Announcement[]> {
    return this.docs.find({}, { sort: { createdAt: -1 }, limit });
  }

  /** draft -> scheduled at `at` (now when not given); 409 once scheduled, sent or cancelled. */
  async schedule(id: string, at: Date): Promise<Announcement> {
    const updated = await this.docs.updateOne({ _id: id, status: 'draft' }, { $set: { status: 'scheduled', scheduledAt: at } });
    if (updated) return updated;
    const current = await this.get(id);
    throw new ConflictError(`illegal_transition:${current.status}->scheduled`);
  }

  /** draft|scheduled -> cancelled, or a send in progress stopped; 409 once sent or cancelled. */
  async cancel(id: string): Promise<Announcement> {
    const updated = await this.docs.updateOne({ _id: id, status: { $in: ['draft', 'scheduled', 'sending'] } }, { $set: { status: 'cancelled', cancelledAt: this.now() } });
    if (updated) return updated;
    const current = await this.get(id);
    throw new ConflictError(`illegal_transition:${current.status}->cancelled`);
  }

  /** Scheduled announcements whose time has come. */
  due(now: Date): Promise<Announcement[]> {
    return this.docs.find({ status: 'scheduled', scheduledAt: { $lte: now } }, { sort: { scheduledAt: 1 }, limit: 20 });
  }

  async nextScheduledAt(): Promise<Date | undefined> {
    const [next] = await this.docs.find({ status: 'scheduled' }, { sort: { scheduledAt: 1 }, limit: 1 });
    return next?.scheduledAt;
  }

  /** scheduled -> sending, and the snapshot's lease: atomic, so exactly one instance starts each send. */
  claimStart(id: string, owner: string, now: Date, leaseMs: number): Promise<Announcement | null> {
    return this.docs.updateOne(
      { _id: id, status: 'scheduled', scheduledAt: { $lte: now } },
      { $set: { status: 'sending', startedAt: now, snapshotDone: false, snapshotOwner: owner, snapshotLeaseUntil: new Date(now.getTime() + leaseMs) } },
    );
  }

  /** Sends whose snapshot was left unfinished by an instance that stopped (its lease over). */
  unfinishedSnapshots(now: Date): Promise<Announcement[]> {
    return this.docs.find({ status: 'sending', snapshotDone: false, snapshotLeaseUntil: { $lte: now } }, { limit: 20 });
  }

  claimSnapshot(id: string, owner: string, now: Date, leaseMs: number): Promise<Announcement | null> {
    return this.docs.updateOne({ _id: id, status: 'sending', snapshotDone: false, snapshotLeaseUntil: { $lte: now } }, { $set: { snapshotOwner: owner, snapshotLeaseUntil: new Date(now.getTime() + leaseMs) } });
  }

  /** Keeps the snapshot's lease while it is being written; null when the send was stopped meanwhile. */
  extendSnapshot(id: string, owner: string, until: Date): Promise<Announcement | null> {
    return this.docs.updateOne({ _id: id, status: 'sending', snapshotOwner: owner, snapshotDone: false }, { $set: { snapshotLeaseUntil: until } });
  }

  snapshotDone(id: string, owner: string, recipients: number): Promise<Announcement | null> {
    return this.docs.updateOne({ _id: id, snapshotOwner: owner, snapshotDone: false }, { $set: { snapshotDone: true, recipients }, $unset: { snapshotLeaseUntil: true, snapshotOwner: true } });
  }

  sending(): Promise<Announcement[]> {
    return this.docs.find({ status: 'sending', snapshotDone: true }, { limit: 50 });
  }

  /** sending -> sent with its report; null when another instance got there first (or the send was stopped). */
  markSent(id: string, now: Date, report: DeliveryReport): Promise<Announcement | null> {
    return this.docs.updateOne({ _id: id, status: 'sending', snapshotDone: true }, { $set: { status: 'sent', finishedAt: now, report } });
  }

  /** Sends stopped by staff whose report is not kept yet. */
  stoppedWithoutReport(): Promise<Announcement[]> {
    return this.docs.find({ status: 'cancelled', startedAt: { $exists: true }, report: { $exists: false } }, { limit: 50 });
  }

  /** Keeps a stopped send's report; null when it was kept already. */
  keepReport(id: string, now: Date, report: DeliveryReport): Promise<Announcement | null> {
    return this.docs.updateOne({ _id: id, status: 'cancelled', report: { $exists: false } }, { $set: { finishedAt: now, report } });
  }

  /** Ended sends whose rows are still in the outbox (a stop between keeping the report and purging). */
  unpurged(): Promise<Announcement[]> {
    return this.docs.find({ status: { $in: ['sent', 'cancelled'] }, report: { $exists: true }, rowsPurged: { $ne: true } }, { limit: 50 });
  }

  markPurged(id: string): Promise<Announcement | null> {
    return this.docs.updateOne({ _id: id }, { $set: { rowsPurged: true } });
  }
}
