/** Typos tolerated for a name of this many characters: none for short words, where any slip makes another word. */
export function typoBudget(length: number): number {
  if (length < 5) return 0;
  if (length <= 8) return 1;
  return 2;
}

/**
 * The characters of a text as a 32-bit set (each UTF-16 unit folded onto one of 32 bits). Every edit adds at most
 * one character the other text lacks, so when either text has more than `max` bits the other lacks, the distance
 * exceeds `max`: a check of a few instructions that spares most edit-distance computations in a typo search.
 */
export function letterSet(text: string): number {
  let set = 0;
  for (let i = 0; i < text.length; i++) set |= 1 << (text.charCodeAt(i) & 31);
  return set;
}

function bitCount(n: number): number {
  let v = n - ((n >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** True when the letter sets alone prove the distance is above `max` (see letterSet). */
export function surelyFartherThan(aSet: number, bSet: number, max: number): boolean {
  return bitCount(aSet & ~bSet) > max || bitCount(bSet & ~aSet) > max;
}
