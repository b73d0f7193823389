/**
 * Finding the word a typo stands for. A typo rarely hits the first two letters of a word, so the known words are
 * kept in buckets by their first two letters and a typed word is compared (by edit distance, giving up early) only
 * with the words of its bucket whose length is close enough: a few dozen comparisons, even with thousands of words.
 */
import { editDistance } from '../text/editDistance';

/** Shortest word in which a typo is forgiven. */
export const TYPO_MIN_LENGTH = 7;

/**
 * Edits allowed when correcting a typo in a word of this length: none below 7 letters (too many real words are one
 * letter apart: "milano"/"mirano"), 1 up to 11, 2 from 12.
 */
export function maxEdits(word: string): number {
  if (/\p{N}/u.test(word) || word.length < TYPO_MIN_LENGTH) return 0;
  return word.length < 12 ? 1 : 2;
}

/**
 * Whether `typed` may be a misspelling of `known`: close enough (see `maxEdits`) and with the same first two
 * letters ("president" is not "resident").
 */
export function isTypoOf(typed: string, known: string, max: number = maxEdits(typed)): boolean {
  if (max === 0 || typed.slice(0, 2) !== known.slice(0, 2)) return false;
  const distance = editDistance(typed, known, max);
  return distance > 0 && distance <= max;
}

export class TypoLookup<T> {
  private readonly buckets = new Map<string, Array<{ word: string; value: T }>>();

  add(word: string, value: T): void {
    const key = word.slice(0, 2);
    const bucket = this.buckets.get(key) ?? [];
    bucket.push({ word, value });
    this.buckets.set(key, bucket);
  }

  /**
   * The known word closest to `typed` within `maxEdits(typed)` edits (never `typed` itself); among equally close
   * ones, the first for which `prefer` returns true over the current best, else the first added.
   */
  closest(
    typed: string,
    prefer: (candidate: T, current: T) => boolean = () => false,
  ): { word: string; value: T; distance: number } | undefined {
    const max = maxEdits(typed);
    if (max === 0) return undefined;
    let best: { word: string; value: T; distance: number } | undefined;
    for (const { word, value } of this.buckets.get(typed.slice(0, 2)) ?? []) {
      if (Math.abs(word.length - typed.length) > max || word === typed) continue;
      const distance = editDistance(typed, word, max);
      if (distance > max) continue;
      if (best === undefined || distance < best.distance || (distance === best.distance && prefer(value, best.value))) {
        best = { word, value, distance };
      }
    }
    return best;
  }

  /**
   * The known word most like `typed` by character trigrams (Dice coefficient, at least `minDice`) among those that
   * begin with the same `prefix` letters: a second opinion for words too short for a typo to be forgiven or
   * inflected in a way the stemmer does not know ("cursu" -> "curs", "llogaritet" -> "llogarit").
   */
  similar(typed: string, prefix = SIMILAR_PREFIX, minDice = SIMILAR_DICE): { word: string; value: T; dice: number } | undefined {
    if (typed.length < prefix + 1 || /\p{N}/u.test(typed)) return undefined;
    const grams = trigrams(typed);
    let best: { word: string; value: T; dice: number } | undefined;
    for (const { word, value } of this.buckets.get(typed.slice(0, 2)) ?? []) {
      if (word === typed || word.length < prefix || word.slice(0, prefix) !== typed.slice(0, prefix)) continue;
      const dice = diceOf(grams, trigrams(word));
      if (dice >= minDice && (best === undefined || dice > best.dice)) best = { word, value, dice };
    }
    return best;
  }
}

/** Letters two words must share at the start to be compared by trigrams, and the similarity they must reach. */
const SIMILAR_PREFIX = 4;
const SIMILAR_DICE = 0.55;

function trigrams(word: string): Set<string> {
  const padded = `#${word}#`;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i += 1) out.add(padded.slice(i, i + 3));
  return out;
}

function diceOf(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const gram of a) if (b.has(gram)) shared += 1;
  return (2 * shared) / (a.size + b.size);
}
