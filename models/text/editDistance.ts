/**
 * The one edit distance of the project (FAQ typos, place names, firm names).
 *
 * Optimal string alignment distance: Levenshtein (insert, delete, substitute one UTF-16 unit) plus the swap of two
 * adjacent units counted as one edit ("Seirate" is one slip from "Seriate"), no substring edited twice.
 *
 * Bounded: with `max`, the result is the exact distance when it is at most `max`, otherwise exactly `max + 1`; the
 * computation gives up as soon as the distance must exceed `max` (length difference, or a whole row above it), so
 * scanning thousands of names for a typo stays cheap. Without `max` it is the exact, unbounded distance.
 * Scratch rows are reused between calls (Node runs one call at a time), none allocated per call.
 */

let rows: [Int32Array, Int32Array, Int32Array] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
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
  return Math.min(prev[b.length], max + 1);
}
