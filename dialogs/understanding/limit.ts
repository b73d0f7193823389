/**
 * Understanding reads at most the first UNDERSTOOD_CHARS characters of a message. Teams delivers about 28 KB and
 * the Direct Line even more; nobody answers a question or types a phone number in more than a page, while some
 * recognisers cost more than linear time on long text (the recognizers suite's phone numbers were quadratic: 16 KB
 * took 2.5 s of blocked event loop). The bot cuts the text once per turn (bot/inputLimitMiddleware.ts) and tells
 * the worker that it did.
 */

export const UNDERSTOOD_CHARS = 2000;

/** How far back a cut looks for the space before the word (or number) it would split. */
const BACKOFF_CHARS = 100;
/** A number, possibly split by spaces or the usual separators: "02 1234 567", "+39 (333) 123-4567". */
const TRAILING_NUMBER = /[+(]?\d[\d\s().\-/]*$/;

export interface LimitedText {
  text: string;
  /** the text was longer than the limit and was cut */
  cut: boolean;
}

/**
 * The first `max` characters of a text, ending between words: never half a word, never half a number (a cut
 * "02 1234 567" would read as the different, valid number 02 1234). Costs O(max), whatever the text's length.
 */
export function limitText(text: string, max: number = UNDERSTOOD_CHARS): LimitedText {
  if (text.length <= max) return { text, cut: false };
  let end = max;
  // never split a surrogate pair (an emoji counts as two UTF-16 units)
  if (isLowSurrogate(text.charCodeAt(end))) end -= 1;
  const from = Math.max(0, end - BACKOFF_CHARS);
  let tail = text.slice(from, end);
  if (!/\s/.test(text[end] ?? ' ')) {
    // the cut falls inside a word: drop that word
    const space = lastSpace(tail);
    if (space >= 0) tail = tail.slice(0, space);
  }
  // the cut falls inside a number that goes on after it: drop the number's start as well
  const rest = text.slice(from + tail.length, from + tail.length + BACKOFF_CHARS);
  if (/^\s*[\d(+]/.test(rest) && /\d[\s().\-/]*$/.test(tail)) tail = tail.replace(TRAILING_NUMBER, '');
  return { text: `${text.slice(0, from)}${tail}`.trimEnd(), cut: true };
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function lastSpace(text: string): number {
  for (let i = text.length - 1; i >= 0; i--) if (/\s/.test(text[i])) return i;
  return -1;
}
