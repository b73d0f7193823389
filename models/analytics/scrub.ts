/**
 * Removes personal data from a question the bot did not understand, before anything is stored, keeping the words
 * that say what the question is about. In this order (each step sees what the earlier ones left):
 *
 * - e-mail addresses, also written to dodge spam filters: "mario.rossi(at)gmail.com", "mario [at] gmail [dot] com",
 *   "mario punto rossi chiocciola gmail punto it", "mario at gmail dot com" -> [email]
 * - codici fiscali, with or without spaces, any case ("rss mra 80a01 h501u", omocodia included) and IBANs
 *   ("IT60 X054 2811 1010 0000 0123 456") -> [codice]
 * - street addresses: via / viale / piazza / corso / largo / vicolo / strada ... + name + house number (and a CAP),
 *   "10 Downing Street" -> [indirizzo]; not "il corso dura 12 mesi" nor "ho scritto via email 3 volte"
 * - phone numbers (the recognizers suite, as the referral dialog reads them) -> [telefono]
 * - any run of 6 or more digits, also split by spaces, dashes, dots or slashes (dates of birth, document numbers)
 *   -> [numero]; shorter numbers stay ("12 mesi", "1500 euro", "nel 2024")
 * - tokens mixing 6 or more letters and digits (plates, document codes) -> [codice]
 * - names (./personNames.ts): after "mi chiamo", "il mio nome è", "my name is", "sono", "I'm"... and known given
 *   names without a cue; "sono disoccupato", "sono in cassa integrazione" stay -> [nome]
 *
 * The result is lowercased and its spaces collapsed, so the same question typed twice counts once. Only the
 * scrubbed text is ever kept; the raw text is never stored or logged.
 */
import { findEmailAddresses, findPhoneNumbers } from '../contactMentions';
import { STOPWORDS } from '../faq/stopwords';
import { nameSpans, type Span } from './personNames';
import { foldLatinAccents, westernDigits } from '../text/fold';

export const MAX_SCRUBBED_CHARS = 300;
const MAX_INPUT_CHARS = 1000;

const EMAIL = /[^\s@]+@[^\s@]+\.[^\s@]+/g;

/** Top-level domains people write: an obfuscated address is only taken as one when it ends with one of these. */
const TLD = '(?:com|it|org|net|eu|info|biz|gov|edu|io|me|co|uk|de|fr|es|ch|at|be|nl|ro|pl|al|ma|tn|eg|in|cn|us|ua|ru|live|email|mail)';
/** a dot written out: ".", " dot ", "(dot)", "[punto]", " punto " */
const DOT = String.raw`(?:\.|\s*[([{]\s*(?:dot|punto)\s*[)\]}]\s*|\s+(?:dot|punto)\s+)`;
/** an at sign written out: "@", "(at)", "[at]", " at ", " chiocciola ", "(chiocciola)" */
const AT = String.raw`(?:\s*@\s*|\s*[([{]\s*(?:at|a|chiocciola)\s*[)\]}]\s*|\s+(?:at|chiocciola)\s+)`;
const LABEL = String.raw`[\p{L}\d][\p{L}\d_+-]*`;
const OBFUSCATED_EMAIL = new RegExp(String.raw`${LABEL}(?:${DOT}${LABEL})*${AT}${LABEL}(?:${DOT}${LABEL})*${DOT}${TLD}\b`, 'giu');

/** 6 letters, 2 digits, a month letter, 2 digits, a letter and 3 digits, a check letter; digits may be omocodia letters. */
const D = '[0-9LMNPQRSTUV]';
const CODICE_FISCALE = new RegExp(String.raw`\b[A-Z]{3}\s?[A-Z]{3}\s?${D}{2}\s?[ABCDEHLMPRST]\s?${D}{2}\s?[A-Z]\s?${D}{3}\s?[A-Z]\b`, 'gi');
/** A country code, 2 check digits, then 11 to 30 letters and digits in groups (spaces allowed between groups only). */
const IBAN = /\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){2,7}(?:\s?[A-Z0-9]{1,3})?\b/gi;

/** What a street address starts with (Italian) and ends with (English). */
const STREET_START = String.raw`(?:via|v\.|viale|v\.le|piazza|p\.zza|p\.za|piazzale|p\.le|corso|c\.so|largo|vicolo|strada|contrada|localita|località|loc\.|borgo|lungolago|lungomare|lungotevere|alzaia|frazione|fraz\.)`;
/** a house number (12, 12a, 12/b, 12 bis), maybe "n." before, maybe a CAP after */
const HOUSE_NUMBER = String.raw`(?:n\.?\s*|nr\.?\s*|numero\s+)?\d{1,4}(?!\d)(?:\s?(?:bis|ter)|\s?\/\s?[\p{L}\d]{1,3}|[a-z](?![\p{L}]))?(?:\s*,?\s*\d{5})?`;
/** words that make a number a quantity or a date, not a house number ("il corso dura 12 mesi", "inizia il 12 marzo") */
const QUANTITY = String.raw`(?!\s*(?:%|€|euro|eur|anni|anno|mesi|mese|settimane|settimana|giorni|giorno|ore|ora|minuti|volte|volta|persone|dipendenti|lavoratori|posti|km|gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre|years|months|weeks|days|hours|times|people|january|february|march|april|may|june|july|august|september|october|november|december)\b)`;
const ITALIAN_ADDRESS = new RegExp(String.raw`\b${STREET_START}\s+((?:[\p{L}'’.]+\s+){0,4}?[\p{L}'’.]+),?\s+${HOUSE_NUMBER}${QUANTITY}`, 'giu');
const ENGLISH_ADDRESS = new RegExp(String.raw`\b\d{1,4}[a-z]?\s+((?:[\p{L}'’.]+\s+){0,2}[\p{L}'’.]+)\s+(?:street|st\.|road|rd\.|avenue|ave\.|lane|drive|boulevard|square|close|crescent)\b`, 'giu');

/** 6 or more digits, possibly split by spaces, dots, dashes or slashes: dates of birth, document numbers */
const DIGIT_RUN = /\+?\d(?:[\s./-]*\d){5,}/g;
/** alphanumeric tokens mixing letters and digits (document codes, plates) */
const MIXED_TOKEN = /\b(?=[\p{L}0-9]*\d)(?=[\p{L}0-9]*\p{L})[\p{L}0-9]{6,}\b/gu;

function fold(word: string): string {
  return foldLatinAccents(word).toLowerCase();
}

/** Articles, prepositions and conjunctions: a street's name does not end with one ("il corso inizia il 12"). */
const CONNECTIVES = new Set(
  `il lo la i gli le l un uno una di d a ad da in con su per tra fra del dello della dei degli delle dell al allo alla ai agli alle all
  dal dallo dalla dai dagli dalle nel nello nella nei negli nelle sul sullo sulla sui sugli sulle e ed o ma che se
  the of to in on at a an and or by for from with`.split(/\s+/),
);
const isConnective = (w: string): boolean => CONNECTIVES.has(fold(w).replace(/['’]$/, ''));

/**
 * A street's name has a word in it that is not a connective, and does not end with one: "via Roma", "piazza della
 * Repubblica", "via XX Settembre", but not "il corso inizia il 12" nor "via e 3".
 */
function nameOfStreetLooksReal(name: string): boolean {
  const words = name.split(/\s+/);
  return words.some((w) => w.length >= 2 && !isConnective(w)) && !isConnective(words[words.length - 1]);
}

/** A 4-digit number from 1900 to 2099 is a year ("corso di formazione 2024"), not a house number. */
function endsWithYear(match: string): boolean {
  return /(?:^|\D)(19|20)\d{2}$/.test(match.trim());
}

function replaceSpans(text: string, spans: Span[], label: string): string {
  let out = text;
  for (const span of [...spans].sort((a, b) => b.start - a.start)) out = `${out.slice(0, span.start)}${label}${out.slice(span.end)}`;
  return out;
}

/** The recognizers suite's results are inclusive at the end. */
function recognized(results: Array<{ start: number; end: number }>, length: number): Span[] {
  return results.filter((r) => r.start >= 0 && r.end >= r.start && r.end < length).map((r) => ({ start: r.start, end: r.end + 1 }));
}

export function scrubText(raw: string): string {
  // digits typed on an Arabic keyboard (٣٤٧...) are digits: a phone number is found and goes either way
  let text = westernDigits(raw.slice(0, MAX_INPUT_CHARS));
  text = replaceSpans(text, recognized(findEmailAddresses(text), text.length), '[email]');
  text = text.replace(EMAIL, '[email]');
  text = text.replace(OBFUSCATED_EMAIL, '[email]');
  text = text.replace(CODICE_FISCALE, '[codice]');
  text = text.replace(IBAN, (m) => ((m.match(/\d/g)?.length ?? 0) >= 8 ? '[codice]' : m));
  text = text.replace(ITALIAN_ADDRESS, (m, name: string) => (nameOfStreetLooksReal(name) && !endsWithYear(m) ? '[indirizzo]' : m));
  text = text.replace(ENGLISH_ADDRESS, (m, name: string) => (name.split(/\s+/).every((w) => !isConnective(w) && !STOPWORDS.en.has(fold(w))) ? '[indirizzo]' : m));
  text = replaceSpans(text, recognized(findPhoneNumbers(text), text.length), '[telefono]');
  text = text.replace(DIGIT_RUN, '[numero]');
  text = text.replace(MIXED_TOKEN, '[codice]');
  text = replaceSpans(text, nameSpans(text), '[nome]');
  return text
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_SCRUBBED_CHARS);
}
