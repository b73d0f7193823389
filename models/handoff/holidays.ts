/**
 * Days the operators do not work: a staff-editable list of rules, published like other content (content/holidays/).
 * A rule is a date that comes back every year ("12-25"), one day only ("2026-12-24", a bridge day the offices close),
 * or Easter Monday, whose date moves ("easter-monday"), computed rather than typed year by year.
 */

/** "MM-DD" every year, "YYYY-MM-DD" once, or Easter Monday. */
export type HolidayRule = string;

export const EASTER_MONDAY = 'easter-monday';

const EVERY_YEAR = /^(\d{2})-(\d{2})$/;
const ONCE = /^(\d{4})-(\d{2})-(\d{2})$/;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function dayExists(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** Whether a rule is written as one of the three forms (and names a day that exists: not "02-30"). */
export function isHolidayRule(rule: string): boolean {
  if (rule === EASTER_MONDAY) return true;
  const every = EVERY_YEAR.exec(rule);
  // 2024 is a leap year: "02-29" is a day some years have
  if (every) return dayExists(2024, Number(every[1]), Number(every[2]));
  const once = ONCE.exec(rule);
  return once !== null && dayExists(Number(once[1]), Number(once[2]), Number(once[3]));
}

/** Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm, "Meeus/Jones/Butcher"): "YYYY-MM-DD". */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${pad(month)}-${pad(day)}`;
}

export function easterMonday(year: number): string {
  const sunday = new Date(`${easterSunday(year)}T00:00:00Z`);
  sunday.setUTCDate(sunday.getUTCDate() + 1);
  return sunday.toISOString().slice(0, 10);
}

/** Whether a calendar day ("YYYY-MM-DD") is one of the rules' holidays. */
export function isHoliday(day: string, rules: readonly HolidayRule[]): boolean {
  const year = Number(day.slice(0, 4));
  return rules.some((rule) => {
    if (rule === EASTER_MONDAY) return easterMonday(year) === day;
    if (EVERY_YEAR.test(rule)) return day.slice(5) === rule;
    return rule === day;
  });
}
