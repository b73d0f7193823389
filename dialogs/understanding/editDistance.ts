/**
 * Optimal string alignment distance (Levenshtein plus adjacent transpositions: "Seirate" is one slip from
 * "Seriate"), bounded: returns max + 1 as soon as the distance must exceed `max`, so scanning thousands of names
 * for a typo stays cheap. Three rows are allocated per call, none per character.
 */
export function boundedEditDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const n = b.length;
  let prevPrev = new Int32Array(n + 1);
  let prev = new Int32Array(n + 1);
  let cur = new Int32Array(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const bj = b.charCodeAt(j - 1);
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) v = Math.min(v, prevPrev[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const spare = prevPrev;
    prevPrev = prev;
    prev = cur;
    cur = spare;
  }
  return Math.min(prev[n], max + 1);
}

/** Typos tolerated for a name of this many characters: none for short words, where any slip makes another word. */
export function typoBudget(length: number): number {
  if (length < 5) return 0;
  if (length <= 8) return 1;
  return 2;
}
