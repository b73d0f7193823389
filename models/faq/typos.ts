/**
 * Finding the word a typo stands for. A typo rarely hits the first two letters of a word, so the known words are
 * kept in buckets by their first two letters and a typed word is compared (by edit distance, giving up early) only
 * with the words of its bucket whose length is close enough: a few dozen comparisons, even with thousands of words.
 */

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
  const distance = boundedEditDistance(typed, known, max);
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
      const distance = boundedEditDistance(typed, word, max);
      if (distance > max) continue;
      if (best === undefined || distance < best.distance || (distance === best.distance && prefer(value, best.value))) {
        best = { word, value, distance };
      }
    }
    return best;
  }
}

/** Scratch rows for `boundedEditDistance`, grown as needed (Node runs one call at a time). */
let rows: [Int32Array, Int32Array, Int32Array] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/**
 * Optimal string alignment distance (Levenshtein plus adjacent transpositions), giving up early: returns max + 1
 * as soon as the distance must exceed `max`.
 */
export function boundedEditDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (rows[0].length <= b.length) rows = [new Int32Array(b.length * 2), new Int32Array(b.length * 2), new Int32Array(b.length * 2)];
  let [prevPrev, prev, current] = rows;
  for (let j = 0; j <= b.length; j += 1) prev[j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min(prev[j] + 1, current[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        value = Math.min(value, prevPrev[j - 2] + 1);
      }
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    [prevPrev, prev, current] = [prev, current, prevPrev];
  }
  return prev[b.length];
}
