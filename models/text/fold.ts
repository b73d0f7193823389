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
 * Both also fold Arabic as workers type it, with or without its optional marks (see foldArabic).
 */

import { memoizeText } from './textMemo';

/**
 * Plain ASCII has nothing to decompose, no mark and no Arabic: most messages are, and a turn folds the same message
 * a dozen times (commands, menu labels, every recogniser), so they skip the Unicode passes.
 */
const ASCII_ONLY = /^[\x00-\x7f]*$/;

/** "Sì, è Cantù ❤️" -> "Si, e Cantu ❤" (the variation selector is a mark too). */
export function foldAccents(text: string): string {
  if (ASCII_ONLY.test(text)) return text;
  return foldedAccents(text);
}

/** "Sì, è Cantù ❤️" -> "Si, e Cantu ❤️": only the Latin diacritics go. */
export function foldLatinAccents(text: string): string {
  if (ASCII_ONLY.test(text)) return text;
  return foldedLatinAccents(text);
}

/**
 * How many folded messages are remembered: a message with an accent ("sì", "è", "lì") is folded by the commands, the
 * withdrawal, the recognisers... in one turn; the Unicode passes are done once for it. Few, so what is shared is a
 * turn's own reading (see memoizeText).
 */
const FOLDS_REMEMBERED = 64;

const foldedAccents = memoizeText((text: string): string => foldArabic(text.normalize('NFD').replace(/\p{M}+/gu, '')), FOLDS_REMEMBERED);
const foldedLatinAccents = memoizeText((text: string): string => foldArabic(text.normalize('NFD').replace(/[\u0300-\u036f]+/g, '')), FOLDS_REMEMBERED);

const ARABIC_INDIC_ZERO = 0x0660;
const ARABIC_BLOCK = /[\u0600-\u06ff]/;
const EASTERN_ARABIC_INDIC_ZERO = 0x06f0;

/**
 * Arabic written many ways means the same: short vowels and other marks (tashkeel, U+064B-U+065F, U+0670) and the
 * stretching tatweel (U+0640) go; the hamza forms of alef (أ إ آ, after NFD an alef plus a mark) are plain alef; ta
 * marbuta (ة) is ha (ه) and alef maqsura (ى) is ya (ي), as they are often typed; Arabic-Indic digits are Western
 * digits. Expects NFD text (the callers above decompose first); leaves every other script alone.
 */
export function foldArabic(text: string): string {
  // nothing to fold outside the Arabic block (the six passes below cost more than the test)
  if (!ARABIC_BLOCK.test(text)) return text;
  return westernDigits(
    text
      .replace(/[\u064b-\u065f\u0670\u0640]+/g, '')
      .replace(/[\u0622\u0623\u0625\u0671]/g, '\u0627')
      .replace(/\u0629/g, '\u0647')
      .replace(/\u0649/g, '\u064a'),
  );
}

/**
 * Only the digits of foldArabic: Arabic-Indic (٠-٩) and Eastern Arabic-Indic (۰-۹) digits as 0-9, everything else
 * as typed and every offset unchanged (one character for one). For readers of numbers that must not fold the rest:
 * a phone number typed on an Arabic keyboard, the scrubber of unanswered questions.
 */
export function westernDigits(text: string): string {
  if (!ARABIC_BLOCK.test(text)) return text;
  return text
    .replace(/[\u0660-\u0669]/g, (d) => String.fromCharCode(d.charCodeAt(0) - ARABIC_INDIC_ZERO + 48))
    .replace(/[\u06f0-\u06f9]/g, (d) => String.fromCharCode(d.charCodeAt(0) - EASTERN_ARABIC_INDIC_ZERO + 48));
}

/**
 * Folded for comparison: no accents (all marks, as `foldAccents`), lower case, every run of characters that are not
 * letters or digits (apostrophes and punctuation included) turned into one space, trimmed.
 * "L'azienda è in CIGS!" -> "l azienda e in cigs".
 */
export const foldForComparison: (text: string) => string = memoizeText(
  (text) =>
    foldAccents(text)
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim(),
  4000,
);
