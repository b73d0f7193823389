/**
 * Removes personal data from a question the bot did not understand, before anything is stored: e-mail addresses
 * and phone numbers (the recognizers suite, as the referral dialog reads them, plus patterns for what it misses),
 * runs of digits (tax codes, dates of birth, document numbers), and names introduced as such ("mi chiamo Mario
 * Rossi", "sono Anna Bianchi", "my name is John Smith"). The result is lowercased and its spaces collapsed, so the
 * same question typed twice counts once. Only the scrubbed text is ever kept; the raw text is never stored or
 * logged.
 */
import { Culture, recognizeEmail, recognizePhoneNumber } from '@microsoft/recognizers-text-suite';

export const MAX_SCRUBBED_CHARS = 300;
const MAX_INPUT_CHARS = 1000;

const EMAIL = /[^\s@]+@[^\s@]+\.[^\s@]+/g;
/** 4 or more digits, possibly split by spaces, dots, dashes or slashes: phone numbers, dates, codes */
const DIGIT_RUN = /\+?\d(?:[\s./-]*\d){3,}/g;
/** alphanumeric tokens mixing letters and digits (tax codes, IBANs, plates) */
const MIXED_TOKEN = /\b(?=[A-Za-z0-9]*\d)(?=[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]{6,}\b/g;
const NAME_WORD = "[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’]+";
/** strong cues: whatever follows is a name, capitalised or not */
const STRONG_NAME_CUE = /\b(mi chiamo|il mio nome (?:e|è)|my name is|i am called|nome e cognome:?|nome:)\s+([\p{L}'’]+)(\s+[\p{L}'’]+)?/giu;
/** weak cues: only capitalised words after them are taken as a name ("sono disoccupato" stays) */
const WEAK_NAME_CUE = new RegExp(`\\b(?:[Ss]ono|[Ii]o sono|I am|I'm|I’m|[Tt]his is|[Cc]iao,? sono|[Ss]aluti,?|[Gg]razie,?|[Rr]egards,?|[Tt]hanks,?)\\s+(${NAME_WORD})(\\s+${NAME_WORD}){0,2}`, 'gu');

function replaceSpans(text: string, spans: Array<{ start: number; end: number }>, label: string): string {
  let out = text;
  for (const span of [...spans].sort((a, b) => b.start - a.start)) {
    if (span.start < 0 || span.end < span.start || span.end >= out.length + 1) continue;
    out = `${out.slice(0, span.start)}${label}${out.slice(span.end + 1)}`;
  }
  return out;
}

export function scrubText(raw: string): string {
  let text = raw.slice(0, MAX_INPUT_CHARS);
  text = replaceSpans(text, recognizeEmail(text, Culture.English).map((r) => ({ start: r.start, end: r.end })), '[email]');
  text = text.replace(EMAIL, '[email]');
  text = replaceSpans(text, recognizePhoneNumber(text, Culture.English).map((r) => ({ start: r.start, end: r.end })), '[telefono]');
  text = text.replace(DIGIT_RUN, '[numero]');
  text = text.replace(MIXED_TOKEN, '[codice]');
  text = text.replace(STRONG_NAME_CUE, (_m, cue: string) => `${cue} [nome]`);
  text = text.replace(WEAK_NAME_CUE, (m: string) => `${m.split(/\s+/)[0]} [nome]`);
  return text
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_SCRUBBED_CHARS);
}
