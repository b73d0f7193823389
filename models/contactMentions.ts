/**
 * Phone numbers and e-mail addresses mentioned in free text, as @microsoft/recognizers-text-suite reads them, in time
 * linear in the text's length.
 *
 * The suite itself is not linear, so it only ever sees short windows of the text:
 * - phone numbers: its patterns contain negative lookbehinds ("(?<!\d)"), which RegExpUtility.getMatches emulates by
 *   running the lookbehind's expression over the whole text again (diacritics removal included) for every candidate
 *   match, and BaseSequenceExtractor looks every matched interval up in the list of all matches: both cost
 *   O(matches × length), so a text with many numbers took seconds (16 KB: 2.5 s; 64 KB: 43 s). Here the suite reads
 *   windows of at most WINDOW characters around runs of digits;
 * - e-mail addresses: its pattern has an unanchored, unbounded local part, so a long run of letters without "@" is
 *   scanned again from every position (quadratic). Here it reads only the word around each "@".
 * A window is cut where no pattern can match across (a letter for phone numbers, a space or another "@" for e-mail
 * addresses) and keeps one character of context on each side, so inside it the suite reads what it reads in the
 * whole text. Only a run of number-like text longer than a window (a list of numbers) is read in overlapping
 * windows; every number of up to LONGEST_PHONE characters lies whole in one of them, and a piece of a number cut by
 * a window's edge is dropped because the whole number, found in the next window, contains it.
 */
// the sequence recognizer alone: the suite's index also loads its number, unit, date and choice recognizers
import { Culture, SequenceRecognizer } from '@microsoft/recognizers-text-sequence';
import type { recognizePhoneNumber } from '@microsoft/recognizers-text-suite';

/** A result of the suite's models: text, start and end (inclusive) offsets, resolution (value, score). */
export type ModelResult = ReturnType<typeof recognizePhoneNumber>[number];

/**
 * The suite's phone-number and e-mail models, built once: its `recognizePhoneNumber`/`recognizeEmail` build a new
 * recognizer (compiling its patterns) on every call, and a message is read in several windows. The models keep
 * nothing between calls; this is the same code (@microsoft/recognizers-text-sequence, the version the suite bundles).
 */
let models: { phone: ReturnType<SequenceRecognizer['getPhoneNumberModel']>; email: ReturnType<SequenceRecognizer['getEmailModel']> } | undefined;

function sequenceModels(): NonNullable<typeof models> {
  if (models === undefined) {
    const recognizer = new SequenceRecognizer(Culture.English);
    models = { phone: recognizer.getPhoneNumberModel(), email: recognizer.getEmailModel() };
  }
  return models;
}

/** Characters the suite reads at once for phone numbers. */
const WINDOW = 40;
/** The longest way a phone number is typed, separators included: "+39 (0363) 12 34 56 78" has 22. */
const LONGEST_PHONE = 24;
/** Fewer digits than any phone number the domain accepts (an Italian landline has at least 6): not read. */
const MIN_PHONE_DIGITS = 6;
/** Windows read per text at most: a message with more number-like runs than this is no contact answer. */
const MAX_PHONE_WINDOWS = 32;
/** RFC 5321: local part at most 64 characters, domain at most 253. Longer words around an "@" are no address. */
const MAX_LOCAL = 64;
const MAX_DOMAIN = 253;
const MAX_EMAIL_WINDOWS = 16;

/** Where a phone number can be: a digit (or "+", "(" before one), then digits, spaces and the usual separators. */
const PHONE_RUN = /[+(]?\d[\d\s().\-/+]*/g;
/** The parts of a long run between separators: windows start at one of them. */
const PHONE_TOKEN = /[\d+()]+/g;
/** The suite's e-mail pattern: local part [-a-zA-Z0-9_+.], domain [-a-zA-Z0-9.]. */
const LOCAL_CHAR = /[-a-zA-Z0-9_+.]/;
const DOMAIN_CHAR = /[-a-zA-Z0-9.]/;

interface Span {
  start: number;
  /** exclusive */
  end: number;
}

/** Phone numbers in the text, as the suite's phone-number model reports them (start/end are offsets in `text`). */
export function findPhoneNumbers(text: string): ModelResult[] {
  return readWindows(text, phoneWindows(text), (window) => sequenceModels().phone.parse(window));
}

/** E-mail addresses in the text, as the suite's e-mail model reports them (start/end are offsets in `text`). */
export function findEmailAddresses(text: string): ModelResult[] {
  return readWindows(text, emailWindows(text), (window) => sequenceModels().email.parse(window));
}

/**
 * Runs the suite on each window (with one character of context each side), moves its results to offsets in the
 * whole text (the suite's `end` is inclusive), and drops repeats and pieces contained in a longer result.
 */
function readWindows(text: string, windows: Span[], recognize: (window: string) => ModelResult[]): ModelResult[] {
  const found: ModelResult[] = [];
  for (const w of windows) {
    const from = Math.max(0, w.start - 1);
    for (const r of recognize(text.slice(from, Math.min(text.length, w.end + 1)))) {
      const start = r.start + from;
      const end = r.end + from;
      // a result in the context characters belongs to a neighbour's window
      if (start < w.start || end >= w.end) continue;
      found.push({ ...r, start, end });
    }
  }
  return found.filter(
    (r, i) =>
      !found.some((o, j) => (o.start === r.start && o.end === r.end ? j < i : o.start <= r.start && o.end >= r.end)),
  );
}

/** Where a run really ends: its last digit or ")" (a loop: an expression anchored at the end backtracks). */
function lastDigitOrBracket(run: string): number {
  let i = run.length - 1;
  while (i >= 0 && !/[\d)]/.test(run[i])) i--;
  return i;
}

function digitCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

/** Runs of number-like text, short ones packed together into windows of up to WINDOW characters. */
function phoneWindows(text: string): Span[] {
  const windows: Span[] = [];
  let packing: Span | undefined;
  for (const m of text.matchAll(PHONE_RUN)) {
    const start = m.index ?? 0;
    const run = m[0].slice(0, lastDigitOrBracket(m[0]) + 1);
    const end = start + run.length;
    if (digitCount(run) < MIN_PHONE_DIGITS) continue;
    if (run.length <= WINDOW) {
      // what lies between two runs is read as it is in the whole text
      if (packing && end - packing.start <= WINDOW) packing.end = end;
      else windows.push((packing = { start, end }));
    } else {
      packing = undefined;
      windows.push(...slide(run, start));
    }
    if (windows.length >= MAX_PHONE_WINDOWS) break;
  }
  return windows.slice(0, MAX_PHONE_WINDOWS);
}

/**
 * Overlapping windows over a run longer than WINDOW, each starting at a token: the next window starts at the first
 * token at least WINDOW - LONGEST_PHONE characters on, so a number of up to LONGEST_PHONE characters starting at a
 * token lies whole in the last window starting before it. A token longer than a window (a bare string of digits)
 * holds no phone number and is skipped.
 */
function slide(run: string, offset: number): Span[] {
  const tokens = [...run.matchAll(PHONE_TOKEN)].map((m) => ({ start: offset + (m.index ?? 0), end: offset + (m.index ?? 0) + m[0].length }));
  const windows: Span[] = [];
  let i = 0;
  while (i < tokens.length && windows.length < MAX_PHONE_WINDOWS) {
    const start = tokens[i].start;
    let j = i;
    while (j + 1 < tokens.length && tokens[j + 1].end - start <= WINDOW) j++;
    if (tokens[j].end - start <= WINDOW) windows.push({ start, end: tokens[j].end });
    if (j + 1 >= tokens.length) break;
    let next = i + 1;
    while (next < j && tokens[next].start < start + WINDOW - LONGEST_PHONE) next++;
    i = next;
  }
  return windows;
}

/**
 * The word around each "@": the local part before it and the domain after it, as far as the suite's pattern can
 * reach. Words too long to be an address are skipped; windows that touch are merged.
 */
function emailWindows(text: string): Span[] {
  const windows: Span[] = [];
  for (let at = text.indexOf('@'); at >= 0 && windows.length < MAX_EMAIL_WINDOWS; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && at - start <= MAX_LOCAL && LOCAL_CHAR.test(text[start - 1])) start--;
    let end = at + 1;
    while (end < text.length && end - at <= MAX_DOMAIN && DOMAIN_CHAR.test(text[end])) end++;
    if (start === at || end === at + 1 || at - start > MAX_LOCAL || end - at - 1 > MAX_DOMAIN) continue;
    const last = windows[windows.length - 1];
    if (last && start <= last.end && end - last.start <= MAX_LOCAL + MAX_DOMAIN + 1) last.end = end;
    else windows.push({ start, end });
  }
  return windows;
}
