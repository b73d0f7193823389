/**
 * Comparing firm names as workers type them ("la whirlpol spa", "ROSSI S.R.L. in liquidazione") with the names
 * staff wrote in a project: legal forms, case, accents and punctuation are ignored, small typos tolerated.
 */
import { editDistance } from '../text/editDistance';
import { foldLatinAccents } from '../text/fold';

/** Legal-form tokens dropped wherever they appear (after dotted abbreviations are joined: "s.r.l." -> "srl"). */
const LEGAL_FORMS = new Set([
  'srl', 'srls', 'spa', 'snc', 'sas', 'sapa', 'scarl', 'scrl', 'scpa', 'sccrl', 'unipersonale', 'societa',
]);
/** Trailing phrases about the procedure, not the name: "in liquidazione", "in amministrazione straordinaria"... */
const PROCEDURE_WORDS = new Set(['liquidazione', 'amministrazione', 'straordinaria', 'concordato', 'preventivo', 'fallimento', 'as']);

/**
 * The comparable core of a firm name: lower case, no accents, no legal form, words separated by one space.
 * "Rossi & C. S.r.l. in liquidazione" -> "rossi". Returns "" when nothing is left.
 */
export function firmCore(name: string): string {
  const lower = foldLatinAccents(name).toLowerCase();
  // split on anything but letters, digits, dots and '&'; then join dotted single letters ("s.", "r.", "l.")
  const rough = lower.split(/[^a-z0-9.&]+/).filter(Boolean);
  const tokens: string[] = [];
  let letters = '';
  const flush = (): void => {
    if (letters) tokens.push(letters);
    letters = '';
  };
  for (const token of rough) {
    if (/^([a-z]\.)+[a-z]?\.?$/.test(token) || /^[a-z]\.$/.test(token)) {
      letters += token.replace(/\./g, '');
      continue;
    }
    flush();
    for (const part of token.split(/[.]+/).filter(Boolean)) tokens.push(part);
  }
  flush();
  let words = tokens.filter((t) => !LEGAL_FORMS.has(t));
  // "... in liquidazione", "... in a.s." (after joining: "in as")
  const inAt = words.lastIndexOf('in');
  if (inAt > 0 && words.slice(inAt + 1).every((w) => PROCEDURE_WORDS.has(w))) words = words.slice(0, inAt);
  // "Rossi & C." / "Rossi e C."
  if (words.length >= 3 && words[words.length - 1] === 'c' && ['&', 'e'].includes(words[words.length - 2])) {
    words = words.slice(0, -2);
  }
  return words.filter((w) => w !== '&').join(' ');
}

/** Typos tolerated in a word (or name) of this length: none up to 3 letters, 1 up to 7, 2 beyond. */
export function typoAllowance(length: number): number {
  if (length <= 3) return 0;
  if (length <= 7) return 1;
  return 2;
}

/**
 * How far a typed firm name is from a known one: 0 = same core, 1-2 = typos, `CONTAINED` = every word of the known
 * name appears in what was typed ("whirlpool cassinetta" for "Whirlpool"); undefined = no match.
 *
 * Typos are counted word by word, each word within its own allowance, because firm names share generic words
 * ("Officine", "Meccanica") and differ in short distinctive ones: "A1 Meccanica" is not "B2 Meccanica", though
 * the two strings are only 2 edits apart. Names split differently ("Alfa Tex" / "Alfatex") match only exactly.
 */
export const CONTAINED = 3;

export function firmDistance(typed: string, known: string): number | undefined {
  return coreDistance(firmCore(typed), firmCore(known));
}

/** firmDistance between two names already reduced by firmCore (for callers comparing one name with many). */
export function coreDistance(a: string, b: string): number | undefined {
  if (!a || !b) return undefined;
  const wordsA = a.split(' ');
  const wordsB = b.split(' ');
  if (wordsA.length === wordsB.length) {
    const perWord = wordsA.map((word, i) => {
      const allowance = typoAllowance(Math.min(word.length, wordsB[i].length));
      const d = editDistance(word, wordsB[i], allowance);
      return d <= allowance ? d : undefined;
    });
    if (perWord.every((d): d is number => d !== undefined)) {
      const total = perWord.reduce((sum, d) => sum + d, 0);
      if (total <= typoAllowance(b.replace(/ /g, '').length)) return total;
    }
  } else if (a.replace(/ /g, '') === b.replace(/ /g, '')) {
    return 0;
  }
  // every word of the known name among the typed words, for names long enough not to match by accident
  if (b.replace(/ /g, '').length >= 4 && wordsB.every((word) => wordsA.includes(word))) return CONTAINED;
  return undefined;
}
