/**
 * A reminder the day before an info session, to the workers subscribed to "sessions" in the event's province.
 *
 * No second delivery path: on the day before the event (Italian time), once the Italian hour reaches the configured
 * one, the reminder is written as an ordinary scheduled announcement (AnnouncementStore.createScheduled), due now,
 * and the campaign sender delivers it like any other: once per subscriber, in their language, unsubscribed workers
 * skipped. Staff see it in the console and the API, and can cancel it before the send starts.
 *
 * - Several instances: the announcement's id is derived from the event's id and date (a UUID v5, so the API's id
 *   checks accept it), so whoever writes it first wins and the others find it there. A reminder staff cancelled is
 *   not written again.
 * - Only published facts: the title, date, time, place, province, description and link of the event itself; the
 *   English text only from the English version of the same event (same id, same date, time and province), else the
 *   English readers get the Italian one.
 * - An event removed (or moved to another day) before the reminder hour gets no reminder; an event moved to another
 *   day gets its own reminder the day before the new date.
 */
import { createHash } from 'node:crypto';
import type { Language, Translator } from '../i18n';
import type { Logger } from '../logger';
import type { NoticeSource } from '../publishing/notices';
import { formatCalendarDay, romeWallClock } from '../text/dates';
import type { InfoEvent } from '../publishing/types';
import { WorkLoop } from '../work/workLoop';
import { TEXT_MAX, TITLE_MAX, parseAnnouncement, type Announcement, type AnnouncementInput, type AnnouncementStore } from './announcements';
import { isCampaignProvince } from './types';

/** Who the console and the API show as the reminders' author. */
export const REMINDER_AUTHOR = 'system:reminders';
export const DEFAULT_REMINDER_HOUR = 10;
const DEFAULT_POLL_MS = 60_000;

/** The namespace of the reminders' UUID v5 ids (fixed: changing it would remind every event of tomorrow again). */
const REMINDER_NAMESPACE = '312eb57e-2aec-4baa-bc01-1a13ced6ae13';

/** RFC 4122 version 5 (SHA-1, name-based) UUID: the same name always gives the same id. */
export function uuidV5(name: string, namespace: string): string {
  const hash = createHash('sha1').update(Buffer.from(namespace.replace(/-/g, ''), 'hex')).update(name, 'utf8').digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The id of the reminder of `eventId` taking place on `date`. */
export function reminderId(eventId: string, date: string): string {
  return uuidV5(`session-reminder:${eventId}:${date}`, REMINDER_NAMESPACE);
}

/** "2026-03-28" -> "2026-03-29" (calendar days: no time zone involved). */
export function nextDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** The day and hour on the wall clocks of Italy (summer time included). */
export function italianDayAndHour(at: Date): { date: string; hour: number } {
  const wall = romeWallClock(at); // "YYYY-MM-DD HH:MM"
  return { date: wall.slice(0, 10), hour: Number(wall.slice(11, 13)) };
}

export interface ReminderCandidate {
  /** the date of the event, tomorrow in Italy */
  date: string;
  it: InfoEvent;
  /** the English version of the same event, when one is published with the same date, time and province */
  en?: InfoEvent;
  /** an English version exists but disagrees on the date, time or province (left out) */
  enMismatch?: boolean;
}

/**
 * From this Italian hour no reminder is written (unless the configured hour is later still): a worker should not be
 * woken by "tomorrow's session" at 23:30 because an event was published late or the bot was down all day.
 */
export const QUIET_FROM_HOUR = 21;

/**
 * The events to remind now: those taking place tomorrow in Italy, once the Italian hour is `hour` or later
 * (none before, none in the quiet evening hours). Italian events lead (the announcement's Italian text is
 * required); English ones only add a text.
 */
export function remindersDue(events: { it: readonly InfoEvent[]; en: readonly InfoEvent[] }, now: Date, hour: number): ReminderCandidate[] {
  const today = italianDayAndHour(now);
  if (today.hour < hour || today.hour >= Math.max(QUIET_FROM_HOUR, hour + 1)) return [];
  const tomorrow = nextDay(today.date);
  const english = new Map(events.en.map((e) => [e.id, e]));
  return events.it
    .filter((e) => e.date === tomorrow)
    .map((it) => {
      const en = english.get(it.id);
      const agrees = en !== undefined && en.date === it.date && en.time === it.time && en.province === it.province;
      return { date: tomorrow, it, ...(agrees ? { en } : {}), ...(en && !agrees ? { enMismatch: true } : {}) };
    });
}

/** One language's text: the event's own fields in the reminder's sentence; the description left out if too long. */
function reminderText(event: InfoEvent, language: Language, translator: Translator): string | undefined {
  const t = translator.forLanguage(language);
  const head = t('campaign.reminder.text', { date: formatCalendarDay(event.date, language, 'weekdayDayMonth'), time: event.time, title: event.title, place: event.place, province: event.province });
  const link = event.link ? t('campaign.reminder.link', { link: event.link }) : undefined;
  const full = [head, event.description, link].filter((part): part is string => Boolean(part)).join('\n\n');
  if (full.length <= TEXT_MAX) return full;
  const short = [head, link].filter((part): part is string => Boolean(part)).join('\n\n');
  return short.length <= TEXT_MAX ? short : undefined;
}

/** The announcement of a reminder, or undefined when the event cannot make a valid one. */
export function composeReminder(candidate: ReminderCandidate, translator: Translator): AnnouncementInput | undefined {
  const it = reminderText(candidate.it, 'it', translator);
  if (!it) return undefined;
  const en = candidate.en ? reminderText(candidate.en, 'en', translator) : undefined;
  try {
    const title = { it: candidate.it.title.slice(0, TITLE_MAX), ...(en && candidate.en ? { en: candidate.en.title.slice(0, TITLE_MAX) } : {}) };
    return parseAnnouncement({ title, text: { it, ...(en ? { en } : {}) }, provinces: [candidate.it.province], topics: ['sessions'] });
  } catch {
    return undefined;
  }
}

export interface SessionRemindersDeps {
  announcements: Pick<AnnouncementStore, 'createScheduled'>;
  /** the published events (the live notice board: past events already left out) */
  notices: Pick<NoticeSource, 'upcomingEvents'>;
  translator: Translator;
  logger: Logger;
  /** the business clock: which day and hour it is in Italy */
  now: () => Date;
  /** real time: when the reminder is due for the sender (default: the system clock) */
  clock?: () => Date;
  /** a reminder was written (wakes the sender) */
  onScheduled?: (announcement: Announcement) => void;
}

export interface SessionRemindersOptions {
  /** the Italian hour (0-23) from which the day-before reminders are written (default 10) */
  hour?: number;
  /** false: the loop never runs (ANNOUNCE_SESSION_REMINDERS=off) */
  enabled?: boolean;
  /** how often to look at tomorrow's events (default 60 s) */
  pollMs?: number;
}

export interface ReminderPass {
  /** ids of the reminders written by this pass */
  created: string[];
  /** already written (by this instance earlier, another instance, or cancelled by staff) */
  existing: number;
  /** events that cannot have a reminder (not a campaign province, text too long) */
  skipped: number;
}

type Outcome = 'written' | 'skipped';

/** Writes the reminders of tomorrow's info sessions, in a small background loop of its own. */
export class SessionReminders {
  readonly hour: number;
  readonly enabled: boolean;
  private readonly loop: WorkLoop;
  private readonly clock: () => Date;
  /** per instance: reminders already dealt with (id -> event date), so a pass does not write again every minute */
  private readonly done = new Map<string, { date: string; outcome: Outcome }>();

  constructor(private readonly deps: SessionRemindersDeps, options: SessionRemindersOptions = {}) {
    const hour = options.hour ?? DEFAULT_REMINDER_HOUR;
    if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new RangeError(`reminder hour must be 0-23, got ${hour}`);
    this.hour = hour;
    this.enabled = options.enabled ?? true;
    this.clock = deps.clock ?? (() => new Date());
    this.loop = new WorkLoop(
      { pass: async () => void (await this.runOnce()), nextDueAt: async () => undefined },
      { pollMs: options.pollMs ?? DEFAULT_POLL_MS, clock: this.clock, logger: deps.logger, name: 'session reminders' },
    );
  }

  start(): void {
    if (!this.enabled) {
      this.deps.logger.info({}, 'session reminders: off');
      return;
    }
    this.loop.start();
  }

  /** Looks now (or once more after the pass in progress). */
  kick(): void {
    if (this.enabled) this.loop.kick();
  }

  idle(): Promise<void> {
    return this.loop.idle();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** One pass: writes the reminders due now that are not written yet. Safe to run on every instance at once. */
  async runOnce(): Promise<ReminderPass> {
    const { notices, translator, logger, announcements } = this.deps;
    const now = this.deps.now();
    const result: ReminderPass = { created: [], existing: 0, skipped: 0 };
    const today = italianDayAndHour(now).date;
    for (const [id, seen] of this.done) if (seen.date <= today) this.done.delete(id);
    const due = remindersDue({ it: notices.upcomingEvents('it', now), en: notices.upcomingEvents('en', now) }, now, this.hour);
    for (const candidate of due) {
      const id = reminderId(candidate.it.id, candidate.date);
      const seen = this.done.get(id);
      if (seen) {
        if (seen.outcome === 'written') result.existing += 1;
        else result.skipped += 1;
        continue;
      }
      if (!isCampaignProvince(candidate.it.province)) {
        logger.warn({ eventId: candidate.it.id, reason: 'unknown_province' }, 'session reminders: event skipped');
        this.done.set(id, { date: candidate.date, outcome: 'skipped' });
        result.skipped += 1;
        continue;
      }
      const input = composeReminder(candidate, translator);
      if (!input) {
        logger.warn({ eventId: candidate.it.id, reason: 'invalid_text' }, 'session reminders: event skipped');
        this.done.set(id, { date: candidate.date, outcome: 'skipped' });
        result.skipped += 1;
        continue;
      }
      if (candidate.enMismatch) logger.warn({ eventId: candidate.it.id, reason: 'english_differs' }, 'session reminders: the English event differs in date, time or province; English readers get the Italian text');
      const created = await announcements.createScheduled(id, input, REMINDER_AUTHOR, this.clock());
      this.done.set(id, { date: candidate.date, outcome: 'written' });
      if (created) {
        result.created.push(id);
        logger.info({ announcementId: id, eventId: candidate.it.id, province: candidate.it.province, english: input.text.en ? 'yes' : 'no' }, 'session reminders: reminder scheduled');
        this.deps.onScheduled?.(created);
      } else {
        result.existing += 1;
      }
    }
    return result;
  }
}
