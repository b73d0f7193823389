/**
 * Text normalisation shared by every recogniser. Users type on phones: accents missing or wrong ("si", "sí", "sì"),
 * apostrophes of every kind, capitals at random, emoji. Recognisers compare folded text so none of that matters.
 */

import { foldForComparison } from '../../models/text/fold';

/** Removes diacritics: "Sì, è Cantù" -> "Si, e Cantu" (every combining mark, see models/text/fold). */
export { foldAccents } from '../../models/text/fold';

/**
 * Lowercase, no accents, every apostrophe and punctuation mark turned into one space, single spaces, trimmed.
 * "L'azienda è in CIGS!" -> "l azienda e in cigs". Apostrophes become spaces (not nothing) so "d'Adda" and "d Adda"
 * read the same, and "dell'anno" keeps "anno" as a word.
 */
export function normalize(text: string): string {
  return foldForComparison(text);
}

export interface Token {
  /** as typed (accents and case kept): capitals and brackets are clues for place names */
  raw: string;
  /** normalised form */
  norm: string;
  /** offsets in the original text */
  start: number;
  end: number;
}

/**
 * A word: a run of Latin letters (with digits and marks), of letters of another script, or of digits. A script change
 * ends a word, so an Italian place typed against an Arabic preposition ("فيBrescia", "вMonza") is still its own word.
 */
const WORD = /\p{Script=Latin}[\p{Script=Latin}\p{M}\p{N}]*|[^\P{L}\p{Script=Latin}][^\P{L}\p{Script=Latin}\p{M}\p{N}]*|\p{N}[\p{N}\p{Script=Latin}]*/gu;

/** Words of the text with their original spelling and position. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const start = m.index ?? 0;
    const norm = normalize(m[0]);
    if (norm) tokens.push({ raw: m[0], norm, start, end: start + m[0].length });
  }
  return tokens;
}

/**
 * Splits a message into clauses, each normalised. Negation and time markers ("non", "ora", "now") only reach
 * within their clause: "non sono più in cassa, sono stato licenziato" has a negated first clause and a plain second.
 */
export function clauses(text: string): string[] {
  return rawClauses(text)
    .map(normalize)
    .filter((c) => c.length > 0);
}

/** The clauses of `clauses()` as typed (not normalised), empty ones included. */
export function rawClauses(text: string): string[] {
  return text.split(/[,.;:!?()\n\r،؛؟]+|\s+(?:ma|però|pero|tuttavia|invece|anche se|but|however|although|though)\s+/iu);
}

/**
 * Word positions (in the normalised clause) of the verb "è", which folding turns into "e", the same word as the
 * conjunction. Typed "è"/"É", or "e'" (the phone keyboard's accent), it is surely the verb. Used to keep "non è
 * previsto X" negated when "e" (and) ends a negation's reach.
 */
export function verbEPositions(rawClause: string): Set<number> {
  const positions = new Set<number>();
  const tokens = tokenize(rawClause);
  tokens.forEach((token, index) => {
    if (/^[èé]$/iu.test(token.raw) || (token.norm === 'e' && /^['’`´]/u.test(rawClause.slice(token.end)))) positions.add(index);
  });
  return positions;
}
