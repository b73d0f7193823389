import { foldAccents } from '../../models/text/fold';

/**
 * "Non ho la mail, ma ho il cellulare", "I don't have a phone, only e-mail", "nu am email", "ما عندي ايميل": at the
 * contact question, a worker who says which kind of contact they have (or lack) without giving it. Told what to type
 * for that kind, instead of "no valid phone or e-mail found".
 *
 * - 'phone': they have a phone (said so, or said they have no e-mail);
 * - 'email': they have an e-mail address (said so, or said they have no phone);
 * - 'neither': they have neither;
 * - undefined: the message says nothing of the kind (or has both: "ho telefono e mail").
 */
export type ContactKind = 'phone' | 'email' | 'neither';

/** The words for a phone and for an e-mail in the eight languages, as word starts (folded, lower case). */
const PHONE = ['telefon', 'cellular', 'cell', 'numer', 'phone', 'mobile', 'mobil', 'movil', 'celular', 'portable', 'tel', 'телефон', 'мобіл', 'номер', 'هاتف', 'تلفون', 'تليفون', 'موبايل', 'رقم', 'جوال', 'نمره', 'نمرة'];
const EMAIL = ['mail', 'email', 'e mail', 'posta elettronica', 'correo', 'courriel', 'adresse mail', 'posta', 'пошт', 'імейл', 'имейл', 'мейл', 'емейл', 'ايميل', 'الايميل', 'ايميلي', 'بريد', 'البريد', 'اميل', 'الاميل'];
/** Negations that take the kind after them ("non ho la mail", "no tengo correo", "ما عندي ايميل"). */
const NEGATION = ['non', 'no', 'not', 'dont', 'don t', 'do not', 'haven t', 'havent', 'without', 'nu', 'fara', 'sin', 'pas', 'sans', 'nuk', 's kam', 'pa', 'не', 'нема', 'немає', 'без', 'ні', 'ما', 'ماعندي', 'ماعنديش', 'معنديش', 'ليس', 'لا', 'بدون', 'مفيش', 'ماكاينش', 'ne', 'ni', 'nici', 'as', 'nemam'];
/** Words that end a negation's reach: "non ho la mail, ma ho il cellulare", "nu am email, doar telefon". */
const REACH_ENDS = ['ma', 'but', 'only', 'just', 'solo', 'soltanto', 'dar', 'doar', 'numai', 'pero', 'mais', 'seulement', 'juste', 'por', 'vetem', 'veç', 'vec', 'але', 'а', 'тільки', 'лише', 'бс', 'بس', 'لكن', 'ولكن', 'فقط', 'غير'];
/** A kind denied after it is named: "la mail non ce l'ho", "email I don't have", "correo no tengo". */
const DENIED_AFTER = ['non ce l ho', 'non l ho', 'non la ho', 'non lo ho', 'non ce l', 'don t have', 'do not have', 'haven t got', 'nu am', 'nu o am', 'nu il am', 'no tengo', 'no lo tengo', 'no la tengo', 'n en ai pas', 'n ai pas', 'je n ai pas', 'nuk kam', 'nuk e kam', 's e kam', 'не маю', 'немає', 'нема', 'ما عندي', 'ماعنديش', 'مش عندي', 'معنديش'];
/** How many words after a negation it still reaches ("non ho più la mail": 3). */
const NEGATION_REACH = 4;

function tokens(text: string): string[] {
  return foldAccents(text)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
}

/** The indexes of the words that name a kind (a word start; several-word names by their first word). */
function mentions(words: string[], names: readonly string[]): number[] {
  const found: number[] = [];
  words.forEach((word, i) => {
    const two = `${word} ${words[i + 1] ?? ''}`;
    if (names.some((name) => (name.includes(' ') ? two.startsWith(name) : word.startsWith(name) && (name.length >= 4 || word.length <= name.length + 2)))) found.push(i);
  });
  return found;
}

function negated(words: string[], at: number): boolean {
  for (let i = Math.max(0, at - NEGATION_REACH); i < at; i++) {
    const one = words[i];
    const two = `${one} ${words[i + 1] ?? ''}`;
    if (NEGATION.includes(one) || NEGATION.includes(two)) {
      // "non ho la mail, ma ho il cellulare": a "but" between the negation and the word ends its reach
      if (words.slice(i + 1, at).some((w) => REACH_ENDS.includes(w))) continue;
      return true;
    }
  }
  // named, then denied: "la mail non ce l'ho" (the next words, up to the end of the clause)
  const after = words.slice(at + 1, at + 1 + NEGATION_REACH + 1);
  const end = after.findIndex((w) => REACH_ENDS.includes(w));
  const clause = end >= 0 ? after.slice(0, end) : after;
  // right after the name, or after the second word of a name in two ("la posta elettronica non ce l'ho")
  const from = (skip: number): string => ` ${clause.slice(skip).join(' ')} `;
  return DENIED_AFTER.some((denial) => from(0).startsWith(` ${denial} `) || from(1).startsWith(` ${denial} `));
}

/**
 * Whether every mention of a kind is denied; a name in several words ("numero di telefono", "adresă de e-mail")
 * is one mention, denied or not from its first word.
 */
function allNegated(words: string[], mentioned: number[]): boolean {
  let previous = -10;
  let previousNegated = false;
  return mentioned.every((at) => {
    const denied = at - previous <= 2 ? previousNegated : negated(words, at);
    previous = at;
    previousNegated = denied;
    return denied;
  });
}

export function contactKindStated(text: string): ContactKind | undefined {
  const words = tokens(text);
  if (words.length === 0 || words.length > 25) return undefined;
  const phones = mentions(words, PHONE);
  const emails = mentions(words, EMAIL).filter((i) => !phones.includes(i));
  if (phones.length === 0 && emails.length === 0) return undefined;
  const phoneNegated = phones.length > 0 && allNegated(words, phones);
  const emailNegated = emails.length > 0 && allNegated(words, emails);
  if (phones.length > 0 && emails.length > 0) {
    if (phoneNegated && emailNegated) return 'neither';
    if (emailNegated) return 'phone';
    if (phoneNegated) return 'email';
    return undefined;
  }
  if (phones.length > 0) return phoneNegated ? 'email' : 'phone';
  return emailNegated ? 'phone' : 'email';
}
