import { editDistance } from '../../models/text/editDistance';

/** Textbook optimal-string-alignment distance, unbounded, no early exit: the reference the shared one must match. */
function referenceOsa(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

describe('editDistance (the one shared edit distance)', () => {
  test.each<[string, string, number | undefined, number]>([
    ['seriate', 'seriate', 1, 0],
    ['seirate', 'seriate', 1, 1], // adjacent swap counts once
    ['ca', 'abc', undefined, 3], // optimal string alignment, not full Damerau (which says 2)
    ['kitten', 'sitting', undefined, 3],
    ['kitten', 'sitting', 1, 2], // beyond max: exactly max + 1
    ['a', 'abcdef', 2, 3], // length difference alone exceeds max
    ['', 'abc', undefined, 3],
    ['milano', 'torino', 2, 3],
    ['abcdef', 'uvwxyz', 0, 1],
  ])('%s / %s (max %s) -> %d', (a, b, max, expected) => {
    expect(max === undefined ? editDistance(a, b) : editDistance(a, b, max)).toBe(expected);
  });

  test('matches the textbook distance when within max and says max + 1 otherwise, on random words', () => {
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const word = (): string => Array.from({ length: random(14) }, () => 'abcde'[random(5)]).join('');
    for (let k = 0; k < 3000; k++) {
      const a = word();
      const b = k % 3 === 0 ? a.slice(0, random(a.length + 1)) + 'x' + a.slice(random(a.length + 1)) : word();
      const max = random(5);
      const exact = referenceOsa(a, b);
      expect(editDistance(a, b)).toBe(exact);
      expect(editDistance(a, b, max)).toBe(exact <= max ? exact : max + 1);
    }
  });
});
