/**
 * Light stemmers for the languages Snowball serves badly or not at all: Arabic, Ukrainian and Albanian. "Light"
 * means they only strip the affixes that inflection adds (articles, attached prepositions and conjunctions, case,
 * number, gender and person endings), never derivational ones, so "الخدمة" (the service) and "خدمات" (services) meet,
 * "роботу" and "роботи" (work, two cases) meet, and "роботодавець" (employer) stays apart from them. They work on
 * text already folded by the analyzer (lowercase, no diacritics: Arabic ة is ه, Ukrainian й is и and ї is і,
 * Albanian ë is e and ç is c), and keep at least `minStem` letters of the word.
 *
 * Why not Snowball: it has no Ukrainian or Albanian algorithm, and its Arabic one expects unfolded text (it keeps
 * "الخدمه" whole once ة is folded to ه) and strips a leading ف from words that start with it ("فلوس" -> "لوس").
 * The Arabic one follows Larkey, Ballesteros and Connell's "light10" stemmer (SIGIR 2002), which does as well as
 * root-based stemming for retrieval; the Ukrainian and Albanian ones are lists of inflectional endings, longest
 * first, after the grammars' declension and conjugation tables.
 */

import { foldAccents } from '../text/fold';

export type Stemmer = (word: string) => string;

/** The endings as the analyzer folds text (й -> и, ї -> і, ë -> e), longest first. */
function endingList(endings: readonly string[]): string[] {
  return [...new Set(endings.map((e) => foldAccents(e.normalize('NFD'))))].sort((a, b) => b.length - a.length);
}

/** Strips the first (longest) of `endings` that leaves at least `minStem` letters. */
function stripEnding(word: string, endings: readonly string[], minStem: number): string {
  for (const ending of endings) {
    if (word.length - ending.length >= minStem && word.endsWith(ending)) return word.slice(0, -ending.length);
  }
  return word;
}

/** Longest first, so "وال" is tried before "و". */
const AR_PREFIXES = ['وال', 'بال', 'كال', 'فال', 'لل', 'ال'] as const;
/** Suffixes of light10, folded (ة is ه), with the dialects' "ين"/"ات" plural and object pronouns. */
const AR_SUFFIXES = ['ها', 'ان', 'ات', 'ون', 'ين', 'يه', 'ه', 'ي'] as const;

/**
 * Arabic light stemming (light10): a leading و ("and") on a word of four letters or more, one article or attached
 * preposition + article (ال, وال, بال, كال, فال, لل) leaving two letters or more, then suffixes (feminine, dual,
 * plural, possessive) one after another while three letters or more remain. "والخدمات" -> "خدم", "للعمال" ->
 * "عمال", "الشركه" -> "شرك".
 */
export function arabicLightStem(word: string): string {
  let w = word;
  if (w.length >= 4 && w.startsWith('و')) w = w.slice(1);
  for (const prefix of AR_PREFIXES) {
    if (w.startsWith(prefix) && w.length - prefix.length >= 2) {
      w = w.slice(prefix.length);
      break;
    }
  }
  for (const suffix of AR_SUFFIXES) {
    if (w.length - suffix.length >= 2 && w.endsWith(suffix)) w = w.slice(0, -suffix.length);
  }
  return w;
}

/**
 * Ukrainian inflectional endings: verb (infinitive, present, past, imperative), adjective and participle, then noun
 * case endings. The reflexive -ся/-сь goes first. A bare infinitive -ти is not stripped: after a consonant it is
 * the genitive -и of a noun ("роботи" is "робот-и"), and the infinitives end in -ати, -ити, -іти, -яти, -ути.
 */
const UK_ENDINGS = [
  // verbs
  'ується', 'юються', 'ували', 'увати', 'ували', 'ували', 'ують', 'юють', 'ували', 'ував', 'увала', 'ування',
  'ання', 'ення', 'іння',
  // the present's -є, -єш, -ємо, -єте ("допомагає" meets "допомагають", "триває" meets "тривають")
  'ємо', 'єте', 'єш', 'є',
  'ите', 'ете', 'емо', 'имо', 'уть', 'ють', 'ать', 'ять', 'ить', 'ати', 'яти', 'ити', 'іти', 'ути', 'ила', 'ало',
  'или', 'али', 'ило', 'ала', 'ли', 'ла', 'ло', 'еш', 'иш', 'ив', 'ав', 'ть',
  // the synthetic future of imperfective verbs ("платитимуть", "триватиме" -> "плат", "трив", as the infinitive;
  // not -уватиме: "коштуватиме" would meet "кошти")
  'атимуть', 'атимете', 'атимемо', 'атимеш', 'атиме', 'атиму',
  'ятимуть', 'ятимете', 'ятимемо', 'ятимеш', 'ятиме', 'ятиму',
  'итимуть', 'итимете', 'итимемо', 'итимеш', 'итиме', 'итиму',
  'ітимуть', 'ітимете', 'ітимемо', 'ітимеш', 'ітиме', 'ітиму',
  // adjectives and participles
  'ими', 'ого', 'ому', 'іми', 'ий', 'ій', 'их', 'іх', 'им', 'ім', 'ою', 'ої', 'ее',
  // nouns (not the instrumental plural -ами/-ями: "програми" is "програм-и", not "прогр-ами")
  'ові', 'еві', 'ах', 'ях', 'ам', 'ям', 'ів', 'ей', 'ею', 'ом', 'ем',
  'а', 'я', 'о', 'е', 'у', 'ю', 'і', 'и', 'ь',
];
const UK_ORDERED = endingList(UK_ENDINGS);
const UK_MIN_STEM = 3;

/**
 * Ukrainian light stemming: the reflexive particle, then one inflectional ending, keeping three letters or more.
 * "роботу", "роботи", "робота" -> "робот"; "працівників", "працівники" -> "працівник"; "програмою" -> "програм".
 */
export function ukrainianLightStem(word: string): string {
  let w = word;
  for (const reflexive of ['ся', 'сь']) {
    if (w.length - reflexive.length >= UK_MIN_STEM + 1 && w.endsWith(reflexive)) {
      w = w.slice(0, -reflexive.length);
      break;
    }
  }
  return stripEnding(w, UK_ORDERED, UK_MIN_STEM);
}

/**
 * Albanian inflectional endings, folded (ë as e, ç as c), longest first: the definite article and case endings of
 * nouns ("punetoret", "punetorit", "punetoreve" -> "punetor"; "kompani", "kompania", "kompanise" -> "kompan") and
 * common verb endings ("paguajne" -> "pagu").
 */
const SQ_ENDINGS = [
  'ave', 'eve', 'ive', 'ove', 'uve', 'sise', 'sit', 'sin', 'ise', 'ine', 'ite',
  'ajne', 'ojne', 'ejne', 'jne', 'ne', 'ja', 'je', 've', 'te', 'se', 'it', 'in', 'et', 'at', 'en', 'es',
  'un', 'ut', 'ur', 'a', 'e', 'i', 't', 'n', 's', 'u',
  // verbs: present and participle, the mediopassive, and the Gheg short participle's -u ("paguaj", "paguar",
  // "pagu" -> "pagu"; "regjistrohem", "regjistruar", "regjistru" -> "regjistr"; "punoj", "punon" -> "puno")
  'uar', 'ohem', 'ohet', 'ohen', 'aj', 'oj', 'ar', 'j',
];
const SQ_ORDERED = endingList(SQ_ENDINGS);
const SQ_MIN_STEM = 4;

/**
 * Albanian light stemming: up to two inflectional endings (an article after a case ending: "punet-or-et"), keeping
 * four letters or more.
 */
export function albanianLightStem(word: string): string {
  const once = stripEnding(word, SQ_ORDERED, SQ_MIN_STEM);
  return once === word ? once : stripEnding(once, SQ_ORDERED, SQ_MIN_STEM);
}
