/**
 * The one date formatter of the project, per language: every date or time the bot or a Teams card shows goes
 * through `formatDate` with one of the named styles below, so a format is chosen by name and written once.
 *
 * Language -> locale: 'en' is British English (day before month: "15/06/2026", "12 March 2026"); numeric forms of
 * every other language are Italian's ("15/06/2026", read the same way by all our readers), while the styles that
 * name a month or a weekday use the reader's own language ("martie 2026", "березень 2026 р.", "مارس 2026", in
 * Western digits like the rest of the bot's figures). Formatters are built once per locale and style, then reused.
 *
 * Instants (a lead's creation, a consent, a claim) are shown on the wall clocks of Italy (Europe/Rome), whatever
 * the server's zone. Calendar dates (an event's day, a month a worker named) are formatted in UTC from midday or
 * the first of the month, so no zone can move them to another day.
 */

import { isLanguageCode, LANGUAGE_TABLE } from '../languages';

/** Where the measure runs: the zone of every instant shown. */
export const ROME_TIME_ZONE = 'Europe/Rome';

const STYLES = {
  /** "15/06/2026" in both languages, Italian time */
  numericDate: { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: ROME_TIME_ZONE },
  /** the locale's short date, Italian time: "15/06/26" (it) / "15/06/2026" (en) */
  shortDate: { dateStyle: 'short', timeZone: ROME_TIME_ZONE },
  /** "10:42", 24-hour, Italian time */
  clock: { timeZone: ROME_TIME_ZONE, hour: '2-digit', minute: '2-digit', hour12: false },
  /** "15/06/2026, 12:00" in both languages, 24-hour, Italian time */
  dateTime: { timeZone: ROME_TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false },
  /** calendar: "marzo 2026" / "March 2026" */
  monthYear: { month: 'long', year: 'numeric', timeZone: 'UTC' },
  /** calendar: "12 marzo 2026" / "12 March 2026" */
  longDate: { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' },
  /** calendar: "domenica 29 marzo" / "Sunday 29 March" */
  weekdayDayMonth: { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

export type DateStyle = keyof typeof STYLES;

/** The locale dates and numbers are written in for a language: 'en' -> 'en-GB', anything else -> 'it-IT'. */
export function formatLocale(language: string): 'it-IT' | 'en-GB' {
  return language === 'en' ? 'en-GB' : 'it-IT';
}

/** Styles that write a month's or a weekday's name: those follow the reader's language. */
const NAMED_STYLES: ReadonlySet<DateStyle> = new Set(['monthYear', 'longDate', 'weekdayDayMonth']);

/** The locale of month and weekday names for a language: its own (Latin digits), British English, else Italian. */
function namesLocale(language: string): string {
  if (language === 'en' || !isLanguageCode(language)) return formatLocale(language);
  return `${LANGUAGE_TABLE[language].locale}-u-nu-latn`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** An instant (or a calendar date built in UTC) in a named style, in the language's locale. */
export function formatDate(at: Date, language: string, style: DateStyle): string {
  const locale = NAMED_STYLES.has(style) ? namesLocale(language) : formatLocale(language);
  const key = `${locale}|${style}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, STYLES[style]);
    formatters.set(key, formatter);
  }
  return formatter.format(at);
}

/**
 * A calendar day written "YYYY-MM-DD" (content files, events) in a calendar style: read at midday UTC so it is never
 * shifted to the day before or after. Text that is not a date comes back unchanged.
 */
export function formatCalendarDay(day: string, language: string, style: 'numericDate' | 'longDate' | 'weekdayDayMonth'): string {
  const at = new Date(`${day}T12:00:00Z`);
  if (Number.isNaN(at.getTime())) return day;
  return formatDate(at, language, style);
}

/** "YYYY-MM-DD" naming a day that exists ("2026-02-28", not "2026-02-30" or "2026-2-3"). */
export function isCalendarDay(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const at = new Date(Date.UTC(year, month - 1, day));
  return at.getUTCFullYear() === year && at.getUTCMonth() === month - 1 && at.getUTCDate() === day;
}

const ROME_PARTS = new Intl.DateTimeFormat('en-CA', {
  timeZone: ROME_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/**
 * The last minute romeWallClock formatted: analytics count every turn by the day (romeDay), and formatToParts costs
 * more than the rest of the counting. Italy's offsets have been whole hours since 1893 (before, local mean time
 * +0:49:56), so from then on an instant's wall clock is the same all through its UTC minute.
 */
let lastMinute: { minute: number; text: string } | undefined;
const WHOLE_MINUTE_OFFSETS_FROM = Date.UTC(1894, 0, 1);

/** "YYYY-MM-DD HH:MM" of an instant on the wall clocks of Italy (events are written in local time). For code, not people. */
export function romeWallClock(at: Date): string {
  const ms = at.getTime();
  const minute = Math.floor(ms / 60_000);
  if (lastMinute?.minute === minute) return lastMinute.text;
  const parts = Object.fromEntries(ROME_PARTS.formatToParts(at).map((p) => [p.type, p.value]));
  const text = `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
  if (ms >= WHOLE_MINUTE_OFFSETS_FROM) lastMinute = { minute, text };
  return text;
}

/** "YYYY-MM-DD": the day of an instant in Italy (analytics count by it). */
export function romeDay(at: Date): string {
  return romeWallClock(at).slice(0, 10);
}
