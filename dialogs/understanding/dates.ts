/**
 * Past dates from free text ("a marzo", "due mesi fa", "15/02/2025", "lo scorso anno", "da gennaio", "since March",
 * "two months ago"), for questions about events that already happened (a dismissal, the start of cassa
 * integrazione). chrono-node parses the phrases (Italian day-first, British English day-first); a few phrasings it
 * misses are handled here first ("da tre mesi", "for three months", "marzo dell'anno scorso", "nel 2023").
 *
 * A date is never in the future: a month or day named without a year is the most recent one ("a settembre" said in
 * June is last September); a future date with an explicit year ("tra due mesi", "15/02/2030") is no answer.
 */
// the two languages we parse, not chrono's index, which loads all sixteen (chronoLocales.d.ts gives their types)
import { westernDigits } from '../../models/text/fold';
import * as chronoEn from 'chrono-node/en';
import * as chronoIt from 'chrono-node/it';
import { englishDatePhrases } from './dateWords';
import { normalize } from './normalize';
import type { DateReading, Lang } from './types';

type Granularity = DateReading['granularity'];

interface Ymd {
  year: number;
  month: number; // 1-12
  day: number;
}

const MONTHS: Record<string, number> = {
  gennaio: 1, gen: 1, febbraio: 2, feb: 2, marzo: 3, mar: 3, aprile: 4, apr: 4, maggio: 5, mag: 5, giugno: 6, giu: 6,
  luglio: 7, lug: 7, agosto: 8, ago: 8, settembre: 9, set: 9, sett: 9, ottobre: 10, ott: 10, novembre: 11, nov: 11,
  dicembre: 12, dic: 12, january: 1, jan: 1, february: 2, march: 3, april: 4, may: 5, june: 6, jun: 6, july: 7,
  jul: 7, august: 8, aug: 8, september: 9, sep: 9, sept: 9, october: 10, oct: 10, november: 11, december: 12, dec: 12,
};
const MONTH_WORDS = 'gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre|january|february|march|april|may|june|july|august|september|october|november|december';

const NUMBER_WORDS: Record<string, number> = {
  un: 1, uno: 1, una: 1, a: 1, an: 1, one: 1, due: 2, two: 2, tre: 3, three: 3, quattro: 4, four: 4, cinque: 5, five: 5,
  sei: 6, six: 6, sette: 7, seven: 7, otto: 8, eight: 8, nove: 9, nine: 9, dieci: 10, ten: 10, undici: 11, eleven: 11,
  dodici: 12, twelve: 12, diciotto: 18, eighteen: 18, venti: 20, twenty: 20, 'un paio di': 2, 'a couple of': 2, 'couple of': 2,
};

/** chrono reads these as "now": no answer to "when did it happen?" */
const NOT_A_DATE = new Set(['ora', 'adesso', 'now', 'right now', 'subito', 'presto']);

function todayOf(now: Date): Ymd {
  return { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() };
}

function compare(a: Ymd, b: Ymd, granularity: Granularity): number {
  if (a.year !== b.year || granularity === 'year') return a.year - b.year;
  if (a.month !== b.month || granularity === 'month') return a.month - b.month;
  return a.day - b.day;
}

function toReading(d: Ymd, granularity: Granularity): DateReading {
  const pad = (n: number): string => String(n).padStart(2, '0');
  const month = granularity === 'year' ? 1 : d.month;
  const day = granularity === 'day' ? d.day : 1;
  return { date: `${d.year}-${pad(month)}-${pad(day)}`, granularity };
}

function daysInMonth(year: number, month: number): number {
  return new Date(year, month, 0).getDate();
}

/** "da tre mesi", "for two years", "da un paio di settimane": the start of a period that runs until now. */
function sincePeriod(norm: string, now: Date): DateReading | undefined {
  const numbers = Object.keys(NUMBER_WORDS).sort((a, b) => b.length - a.length).join('|');
  const m = new RegExp(`\\b(?:da|for|since|from)\\s+(?:(?:circa|quasi|about|almost|around)\\s+)?(\\d{1,2}|${numbers})\\s+(giorn[oi]|settiman[ae]|mes[ei]|ann[oi]|days?|weeks?|months?|years?)\\b`).exec(norm);
  if (!m) return undefined;
  const n = /^\d+$/.test(m[1]) ? Number(m[1]) : NUMBER_WORDS[m[1]];
  if (!n) return undefined;
  const unit = m[2];
  const d = new Date(now.getTime());
  if (/^(giorn|day)/.test(unit)) {
    d.setDate(d.getDate() - n);
    return toReading(todayOf(d), 'day');
  }
  if (/^(settiman|week)/.test(unit)) {
    d.setDate(d.getDate() - 7 * n);
    return toReading(todayOf(d), 'day');
  }
  if (/^(mes|month)/.test(unit)) {
    const t = todayOf(now);
    const index = t.year * 12 + (t.month - 1) - n;
    return toReading({ year: Math.floor(index / 12), month: (index % 12) + 1, day: 1 }, 'month');
  }
  return toReading({ year: now.getFullYear() - n, month: 1, day: 1 }, 'year');
}

/** "dell'anno scorso", "last year", ... (the last one said is where a month before it may belong) */
const LAST_YEAR = /\b(?:dell anno scorso|dello scorso anno|anno scorso|scorso anno|l anno prima|last year|the year before)\b/g;
const MONTH = new RegExp(`\\b(?:(\\d{1,2}) )?(${MONTH_WORDS})\\b`);

/**
 * "marzo dell'anno scorso", "March last year": chrono reads the month and the year apart. The first month named
 * before the last "last year" (found in two linear scans: one expression "month.*last year" backtracks over the
 * whole text from every month, quadratic in a long text).
 */
function monthOfLastYear(norm: string, now: Date): DateReading | undefined {
  let lastYearAt = -1;
  for (const m of norm.matchAll(LAST_YEAR)) lastYearAt = m.index ?? -1;
  if (lastYearAt < 0) return undefined;
  const m = MONTH.exec(norm.slice(0, lastYearAt));
  if (!m) return undefined;
  const year = now.getFullYear() - 1;
  const month = MONTHS[m[2]];
  const day = m[1] ? Number(m[1]) : undefined;
  if (day !== undefined && day >= 1 && day <= daysInMonth(year, month)) return toReading({ year, month, day }, 'day');
  return toReading({ year, month, day: 1 }, 'month');
}

/** "nel 2023", "fine 2024", "early 2024": a bare year, when nothing more precise was found. */
function bareYear(norm: string, now: Date): DateReading | undefined {
  const m = /\b(19[5-9]\d|20\d\d)\b/.exec(norm);
  if (!m) return undefined;
  const year = Number(m[1]);
  return year <= now.getFullYear() ? toReading({ year, month: 1, day: 1 }, 'year') : undefined;
}

/** "a inizio anno", "at the start of the year": this year. */
function startOfThisYear(norm: string, now: Date): DateReading | undefined {
  if (!/\b(inizio (dell )?anno|inizio di quest anno|start of (the|this) year|beginning of (the|this) year|earlier this year)\b/.test(norm)) return undefined;
  return toReading({ year: now.getFullYear(), month: 1, day: 1 }, 'year');
}

function fromChrono(text: string, lang: Lang, now: Date): DateReading | undefined {
  const parser = lang === 'it' ? chronoIt : chronoEn.GB;
  const today = todayOf(now);
  for (const r of parser.parse(text, { instant: now }, { forwardDate: false })) {
    if (NOT_A_DATE.has(normalize(r.text))) continue;
    const c = r.start;
    const granularity: Granularity = c.isCertain('day') || c.isCertain('weekday') ? 'day' : c.isCertain('month') ? 'month' : c.isCertain('year') ? 'year' : 'day';
    const year = c.get('year');
    const month = c.get('month');
    const day = c.get('day');
    if (year === null || month === null || day === null) continue;
    let d: Ymd = { year, month, day };
    if (compare(d, today, granularity) > 0) {
      // a month or day named without a year: the most recent one
      if (c.isCertain('year')) continue;
      d = { ...d, year: d.year - 1 };
      if (d.day > daysInMonth(d.year, d.month)) d.day = daysInMonth(d.year, d.month);
      if (compare(d, today, granularity) > 0) continue;
    }
    return toReading(d, granularity);
  }
  return undefined;
}

function read(text: string, lang: Lang, now: Date): DateReading | undefined {
  const norm = normalize(text);
  if (!norm) return undefined;
  return (
    monthOfLastYear(norm, now) ??
    sincePeriod(norm, now) ??
    fromChrono(text, lang, now) ??
    startOfThisYear(norm, now) ??
    bareYear(norm, now)
  );
}

/** dates like "a marzo", "due mesi fa", "15/02/2025", "lo scorso anno"; English too. Never in the future. */
export function recognizePastDate(typed: string, lang: Lang, now: Date): DateReading | undefined {
  // "١٥/٠٣/٢٠٢٦": Arabic-Indic digits read as the same date (chrono reads only Western digits)
  const text = westernDigits(typed);
  // the six newer languages' date words read as English ones ("acum două luni" -> "2 months ago"), first
  const english = englishDatePhrases(text, lang);
  const own = english === undefined ? undefined : read(english, 'en', now);
  // users mix languages: the other locale is the fallback
  return own ?? read(text, lang, now) ?? read(text, lang === 'it' ? 'en' : 'it', now);
}
