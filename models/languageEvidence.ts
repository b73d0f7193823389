/**
 * Evidence in a short message that it is not Italian: letters and everyday words that one of the other languages has
 * and Italian does not. eld alone cannot be trusted on three words ("la fábrica cierra" scores Spanish 0.76 and
 * Italian 0.75), but a word like "mulțumesc", "jam", "estoy" or a letter like "ș", "ë", "ñ" settles it. Only words that
 * are no Italian word are listed ("ma", "qui", "si", "te", "per", "po", "la", "mi", "da", "il", "ai", "do", "i" are not, nor "como", the city), and no word Italians
 * write in Italian sentences either (no "fabrica": a typo of "fabbrica"), so an Italian message never has evidence.
 */
import type { LanguageCode } from './languages';

/** Letters Italian never uses, per language (Romanian ă ș ț, Albanian ë, Spanish ñ á ¿ ¡, French ç ê œ ...). */
const LETTERS: Partial<Record<LanguageCode, RegExp>> = {
  ro: /[ăâîșțşţ]/u,
  sq: /[ëç]/u,
  es: /[ñá¿¡]/u,
  fr: /[çâêîôûëïœ]/u,
};

/** Frequent words of each Latin-script language that are no Italian word, written without diacritics too. */
const WORDS: Partial<Record<LanguageCode, ReadonlySet<string>>> = {
  ro: new Set(['sunt', 'nu', 'pot', 'poate', 'vreau', 'am', 'cum', 'unde', 'cine', 'cand', 'multumesc', 'buna', 'ziua', 'revedere', 'lucrez', 'munca', 'locul', 'mea', 'meu', 'eu', 'este', 'nimic', 'pentru', 'despre', 'ajutor', 'rog', 'inchide', 'somer', 'acum', 'aplic', 'vorbiti', 'romaneste', 'sau', 'dar', 'intr', 'intreb', 'vreti', 'aveti', 'firma']),
  sq: new Set(['jam', 'kam', 'nuk', 'dhe', 'nje', 'pune', 'punen', 'punoj', 'ku', 'kush', 'cfare', 'faleminderit', 'mirupafshim', 'pershendetje', 'mund', 'dua', 'duhet', 'shume', 'humbur', 'aplikoj', 'flisni', 'shqip', 'ndihme', 'kuptoj', 'tani', 'jo', 'une', 'eshte', 'fabrika', 'mbyllet', 'pjese']),
  es: new Set(['estoy', 'soy', 'tengo', 'yo', 'que', 'donde', 'quien', 'puedo', 'puede', 'quiero', 'necesito', 'ayuda', 'gracias', 'hola', 'buenos', 'dias', 'favor', 'trabajo', 'trabaja', 'trabajaba', 'empresa', 'cierra', 'hasta', 'luego', 'sin', 'nada', 'entiendo', 'despidieron', 'despido', 'perdi', 'y', 'el', 'los', 'las', 'esto', 'esta', 'ayer', 'hoy', 'ahora', 'mas', 'tambien', 'usted', 'hablo', 'hablas', 'espanol']),
  fr: new Set(['je', 'j', 'suis', 'est', 'et', 'les', 'des', 'mon', 'mes', 'pas', 'merci', 'bonjour', 'au', 'revoir', 'travail', 'travaille', 'usine', 'peux', 'puis', 'veux', 'voudrais', 'comment', 'ou', 'oui', 'vous', 'nous', 'avec', 'pour', 'ca', 'chomage', 'licencie', 'aidez', 'aide', 'moi', 'entreprise', 'dois', 'quoi', 'parlez', 'francais', 'fermer', 'ferme', 'plait']),
  en: new Set(['my', 'the', 'can', 'is', 'am', 'are', 'how', 'what', 'where', 'who', 'thanks', 'thank', 'please', 'you', 'does', 'don', 't', 'job', 'lost', 'want', 'need', 'help', 'hello', 'hi', 'yes', 'goodbye', 'bye', 'work', 'apply', 'and', 'unemployed', 'should', 'take', 'part', 'english']),
};

/** The words of a message folded for lookup: lower case, without diacritics, split on anything but letters. */
function foldedWords(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .split(/[^\p{L}]+/u)
    .filter((w) => w.length > 0);
}

/** How many of the message's words (or letters, counted once) say it is in `language` and not in Italian. */
export function evidenceFor(text: string, language: LanguageCode): { words: number; letters: boolean; total: number } {
  const words = WORDS[language];
  const all = foldedWords(text);
  const matching = words ? all.filter((w) => words.has(w)).length : 0;
  const letters = LETTERS[language]?.test(text.toLowerCase()) ?? false;
  return { words: matching, letters, total: all.length };
}
