/**
 * The one accent fold of the project. Users type on phones: accents missing or wrong ("si", "sí", "sì"), capitals at
 * random; code compares folded text so none of that matters.
 *
 * Both functions decompose (NFD: "è" -> "e" + U+0300) and drop the marks; they keep case, punctuation and spacing.
 * They differ only on marks outside the Latin diacritics block, and callers rely on that difference:
 *  - `foldAccents` drops every combining mark (\p{M}): Latin accents, but also emoji variation selectors (U+FE0F),
 *    keycaps (U+20E3) and the vowel signs of other scripts. For recognisers that read only letters and digits.
 *  - `foldLatinAccents` drops only U+0300-U+036F (Combining Diacritical Marks): an emoji or a keycap ("1️⃣") stays
 *    whole, so command matching and the replies built from it see it as typed.
 */

/** "Sì, è Cantù ❤️" -> "Si, e Cantu ❤" (the variation selector is a mark too). */
export function foldAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '');
}

/** "Sì, è Cantù ❤️" -> "Si, e Cantu ❤️": only the Latin diacritics go. */
export function foldLatinAccents(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]+/g, '');
}

/**
 * Folded for comparison: no accents (all marks, as `foldAccents`), lower case, every run of characters that are not
 * letters or digits (apostrophes and punctuation included) turned into one space, trimmed.
 * "L'azienda è in CIGS!" -> "l azienda e in cigs".
 */
export function foldForComparison(text: string): string {
  return foldAccents(text)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
