import { Locale, SynonymGroup } from '../content';
import { foldText } from './analyzer';

/**
 * The languages whose speakers in Lombardy type Italian words inside their own sentences, and get them read: "انا
 * licenziato من الditta", "я на cassa integrazione, мене licenziato", "jam licenziato, a mund të marr pjesë?". The
 * words of the bureaucracy and of work are learnt in Italian (the payslip, the contract, the dismissal letter), so a
 * worker writing Arabic, Ukrainian or Albanian reaches for them. Italian's own synonym terms of each concept are added
 * to the same concept of these languages (the concepts are shared across locales), with the locale's role.
 */
const BORROWS_ITALIAN: ReadonlySet<Locale> = new Set<Locale>(['ar', 'uk', 'sq']);

/**
 * Shortest Italian one-word term borrowed: short words are too often words of the other language too (Albanian
 * "date" is "dates", not "you give"); Albanian, in the same script, needs longer ones.
 */
const MIN_BORROWED_LENGTH: Readonly<Partial<Record<Locale, number>>> = { sq: 7 };
const DEFAULT_MIN_BORROWED_LENGTH = 5;

/**
 * Italian terms that read as another word of the borrowing language once stemmed: Albanian "patentë" is a driving
 * licence, so "patentino" (the forklift licence, a training word in Italian) would make "ku ta bëj patentën?" a
 * question about training.
 */
const FALSE_FRIENDS: Readonly<Partial<Record<Locale, ReadonlySet<string>>>> = { sq: new Set(['patentino', 'patentini']) };

/** The locale's synonym groups with Italian's terms of the same concepts added, for the languages that borrow them. */
export function withBorrowedItalian(locale: Locale, own: readonly SynonymGroup[], italian: readonly SynonymGroup[]): readonly SynonymGroup[] {
  if (!BORROWS_ITALIAN.has(locale)) return own;
  const minLength = MIN_BORROWED_LENGTH[locale] ?? DEFAULT_MIN_BORROWED_LENGTH;
  const italianTerms = new Map<string, string[]>();
  for (const group of italian) {
    if (group.role === 'ignore') continue;
    const falseFriends = FALSE_FRIENDS[locale];
    const terms = group.terms.filter((term) => {
      const folded = foldText(term);
      if (falseFriends?.has(folded) === true) return false;
      return /\s/.test(folded.trim()) || folded.length >= minLength;
    });
    italianTerms.set(group.concept, terms);
  }
  return own.map((group) => {
    const borrowed = italianTerms.get(group.concept);
    if (borrowed === undefined || borrowed.length === 0) return group;
    const known = new Set(group.terms.map(foldText));
    const added = borrowed.filter((term) => !known.has(foldText(term)));
    return added.length === 0 ? group : { ...group, terms: [...group.terms, ...added] };
  });
}
