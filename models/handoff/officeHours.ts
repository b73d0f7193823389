/**
 * When the network's operators work: HANDOFF_HOURS (weekdays and time ranges, Italian time whatever the server's
 * zone, summer time included) minus the published holidays. Pure: the clock comes in as an argument.
 *
 * HANDOFF_HOURS is written as groups separated by ";", each the days and then the ranges:
 * "Mon-Fri 09:00-13:00,14:00-17:00" (the default), "Mon-Thu 9-13,14-17; Fri 9-13". Days are English three-letter
 * names, a range of them ("Mon-Fri") or a list ("Mon,Wed"); a time is "9", "09" or "09:30". Italian names are read too
 * ("Lun-Ven 9.00-13.00", "lunedì", "Gio"), with the dot Italians write between hours and minutes: the people who set
 * this value are Italian staff, and a refusal at start for "Lun-Ven" would only send them to the README.
 */
import { romeWallClock } from '../text/dates';
import { isHoliday, type HolidayRule } from './holidays';

export const DEFAULT_HANDOFF_HOURS = 'Mon-Fri 09:00-13:00,14:00-17:00';

const DAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** Italian day names, short and long, with or without the accent: index as in DAY_NAMES. */
const ITALIAN_DAY_NAMES: readonly (readonly string[])[] = [
  ['lun', 'lunedì', 'lunedi'],
  ['mar', 'martedì', 'martedi'],
  ['mer', 'mercoledì', 'mercoledi'],
  ['gio', 'giovedì', 'giovedi'],
  ['ven', 'venerdì', 'venerdi'],
  ['sab', 'sabato'],
  ['dom', 'domenica'],
];

/** Minutes from midnight: [start, end), end after start. */
export interface TimeRange {
  start: number;
  end: number;
}

/** The ranges of each weekday, Monday first (index 0) to Sunday (6), sorted. */
export type WeeklyHours = readonly (readonly TimeRange[])[];

export type ParsedHours = { ok: true; hours: WeeklyHours } | { ok: false; problem: string };

function minutesOf(time: string): number | undefined {
  const m = /^(\d{1,2})(?:[:.](\d{2}))?$/.exec(time.trim());
  if (!m) return undefined;
  const hours = Number(m[1]);
  const minutes = m[2] === undefined ? 0 : Number(m[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes > 0)) return undefined;
  return hours * 60 + minutes;
}

function dayIndex(name: string): number {
  const key = name.trim().toLowerCase();
  const english = (DAY_NAMES as readonly string[]).indexOf(key);
  return english >= 0 ? english : ITALIAN_DAY_NAMES.findIndex((names) => names.includes(key));
}

/** Reads HANDOFF_HOURS; the problem says what is wrong in words an operator of the server understands. */
export function parseOfficeHours(text: string): ParsedHours {
  const week: TimeRange[][] = DAY_NAMES.map(() => []);
  const groups = text.split(';').map((g) => g.trim()).filter(Boolean);
  if (groups.length === 0) return { ok: false, problem: `must name days and hours, e.g. "${DEFAULT_HANDOFF_HOURS}"` };
  for (const group of groups) {
    const m = /^(\S+)\s+(.+)$/.exec(group);
    if (!m) return { ok: false, problem: `"${group}" must be days then hours, e.g. "Mon-Fri 09:00-13:00,14:00-17:00"` };
    const days: number[] = [];
    for (const part of m[1].split(',')) {
      const [from, to, extra] = part.split('-');
      const first = dayIndex(from);
      const last = to === undefined ? first : dayIndex(to);
      if (first < 0 || last < 0 || extra !== undefined || last < first) return { ok: false, problem: `"${part}" is not a day or a range of days (Mon, Tue, Wed, Thu, Fri, Sat, Sun or Lun, Mar, Mer, Gio, Ven, Sab, Dom; e.g. Mon-Fri)` };
      for (let d = first; d <= last; d++) days.push(d);
    }
    for (const range of m[2].split(',')) {
      const [from, to, extra] = range.split('-');
      const start = from === undefined ? undefined : minutesOf(from);
      const end = to === undefined ? undefined : minutesOf(to);
      // a night shift is two ranges, one each side of midnight: said so, since "22-02" is how people write it
      if (start !== undefined && end !== undefined && extra === undefined && end < start) return { ok: false, problem: `"${range.trim()}" must have the end after the start; a range crossing midnight is two groups, up to 24:00 and from 0:00 the next day (e.g. "Fri 22:00-24:00; Sat 0:00-02:00")` };
      if (start === undefined || end === undefined || extra !== undefined || end <= start) return { ok: false, problem: `"${range.trim()}" is not a range of hours with the end after the start (e.g. 09:00-13:00)` };
      for (const d of days) week[d].push({ start, end });
    }
  }
  for (const ranges of week) {
    ranges.sort((a, b) => a.start - b.start);
    for (let i = 1; i < ranges.length; i++) if (ranges[i].start < ranges[i - 1].end) return { ok: false, problem: `has overlapping hours on ${DAY_NAMES[week.indexOf(ranges)]}` };
  }
  return { ok: true, hours: week };
}

/** A moment operators start working: the Italian day, its weekday (Monday 0) and time, and the instant. */
export interface Opening {
  day: string;
  weekday: number;
  /** minutes from midnight, Italian time */
  minutes: number;
  at: Date;
}

export interface OfficeCalendar {
  hours: WeeklyHours;
  holidays: readonly HolidayRule[];
}

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function weekdayOf(day: string): number {
  return (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
}

/** The instant a wall clock of Italy shows "day HH:MM" (CET +1 or CEST +2; the first that matches). */
export function romeInstant(day: string, minutes: number): Date {
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  const wanted = `${day} ${hh}:${mm}`;
  for (const offsetHours of [1, 2]) {
    const candidate = new Date(`${day}T${hh}:${mm}:00Z`);
    candidate.setUTCHours(candidate.getUTCHours() - offsetHours);
    if (romeWallClock(candidate) === wanted) return candidate;
  }
  // a time the clocks skip (02:30 on the night summer time starts): the hour after
  return new Date(new Date(`${day}T${hh}:${mm}:00Z`).getTime() - 3600_000);
}

function romeNow(now: Date): { day: string; minutes: number } {
  const clock = romeWallClock(now);
  return { day: clock.slice(0, 10), minutes: Number(clock.slice(11, 13)) * 60 + Number(clock.slice(14, 16)) };
}

/** Whether operators work at this instant. */
export function isOpen(now: Date, calendar: OfficeCalendar): boolean {
  const { day, minutes } = romeNow(now);
  if (isHoliday(day, calendar.holidays)) return false;
  return calendar.hours[weekdayOf(day)].some((r) => minutes >= r.start && minutes < r.end);
}

/** How far ahead an opening is looked for: a year and a bit, so a list of holidays can never make this loop forever. */
const LOOKAHEAD_DAYS = 400;

/** The next time operators start working after `now` (later today, or a later working day); none within a year. */
export function nextOpening(now: Date, calendar: OfficeCalendar): Opening | undefined {
  const today = romeNow(now);
  for (let n = 0; n <= LOOKAHEAD_DAYS; n++) {
    const day = addDays(today.day, n);
    if (isHoliday(day, calendar.holidays)) continue;
    const weekday = weekdayOf(day);
    const range = calendar.hours[weekday].find((r) => n > 0 || r.start > today.minutes);
    if (range) return { day, weekday, minutes: range.start, at: romeInstant(day, range.start) };
  }
  return undefined;
}
