import { Locale } from '../content';

/**
 * Other spellings of a word the FAQ does not know, to be tried against the FAQ's own vocabulary (the answerer keeps
 * a variant only when it is a word or synonym the FAQ uses, or a stopword): where a stemmer cannot strip safely
 * without a vocabulary, the vocabulary decides.
 *
 * - Arabic attaches conjunctions, prepositions and pronouns to words, and the dialects add verb prefixes of their own:
 *   "فشركة" (in a company), "بيشتغل" (he works, Egyptian), "هتفضل" (will stay, Egyptian), "ندخل" (we/I enter,
 *   Moroccan), "رفدوني" (they fired me). Light stemming (light10) strips only the article forms, as stripping a
 *   leading ب or ف from every word would break "بطالة", "فلوس".
 * - Ukrainian written with Russian spellings (surzhyk): "и" where Ukrainian has "і" and the reverse ("информация").
 * - Albanian in its Gheg form drops the participle's ending after "me" ("me pagu", "me hy", "me u regjistru"
 *   for Tosk "të paguaj", "të hyj", "të regjistrohem").
 * - Italian and French with an elided article typed without its apostrophe ("lazienda", "lentreprise").
 * - Italian, Spanish, French and English typed by ear, in words too short for typo correction (see typos.ts): a single
 *   consonant for a double one and the reverse ("dita", "falita" for "ditta", "fallita"), "k" for "ch", "c" or "qu"
 *   ("ki", "kosa", "kelque"), and in English a dropped final "e" ("fre", "tak").
 *
 * Input is a folded word (see TextAnalyzer); the variants come most likely first, the word itself never among them.
 */
export function spellingVariants(locale: Locale, word: string): string[] {
  const make = VARIANTS[locale];
  if (make === undefined) return [];
  const out: string[] = [];
  for (const v of make(word)) if (v !== word && v.length >= 2 && !out.includes(v)) out.push(v);
  return out;
}

const VARIANTS: Readonly<Partial<Record<Locale, (word: string) => string[]>>> = {
  ar: arabicVariants,
  uk: ukrainianVariants,
  sq: albanianVariants,
  it: (word) => [...withoutElision(word, IT_ELIDED), ...byEarVariants(word, 'ch')],
  es: (word) => byEarVariants(word, 'qu'),
  fr: (word) => [...withoutElision(word, FR_ELIDED), ...byEarVariants(word, 'qu')],
  en: (word) => [...byEarVariants(word, 'c'), ...(/[^aeiouy]$/.test(word) ? [`${word}e`] : /[aeiou]$/.test(word) ? [`${word}${word.slice(-1)}`] : [])],
};

/**
 * An elided article or preposition typed without its apostrophe, glued to the word ("lazienda", "dellazienda",
 * "leuropa"; French "lentreprise", "dassurance"): the word itself, when four letters or more are left.
 */
const IT_ELIDED = /^(?:dell|nell|sull|dall|all|quell|quest|un|l)(?=[aeiouh].{3,}$)/;
const FR_ELIDED = /^(?:qu|l|d|j|m|t|s|n)(?=[aeiouyh].{3,}$)/;
function withoutElision(word: string, elided: RegExp): string[] {
  const rest = word.replace(elided, '');
  return rest === word ? [] : [rest];
}

const CONSONANT = /[bcdfglmnprstvz]/;
/** Words shorter or longer than this are left alone (typo correction covers long ones; 2 letters say too little). */
const BY_EAR_LENGTH = { min: 3, max: 14 } as const;

/**
 * Spellings by ear: every single consonant between letters doubled and every double one made single ("dita" ->
 * "ditta", "pocco" -> "poco"), and "k" as the spelling of the hard c the language writes otherwise (`kBeforeEI`: "ch"
 * in Italian, "qu" in Spanish and French; "c" before other letters).
 */
function byEarVariants(word: string, kBeforeEI: string): string[] {
  if (word.length < BY_EAR_LENGTH.min || word.length > BY_EAR_LENGTH.max || /\p{N}/u.test(word)) return [];
  const out: string[] = [];
  if (word.includes('k')) out.push(word.replace(/k(?=[ei])/g, kBeforeEI).replace(/k/g, 'c'), word.replace(/k/g, 'qu'));
  for (let i = 1; i < word.length; i += 1) {
    const c = word[i];
    if (!CONSONANT.test(c)) continue;
    if (word[i + 1] === c) out.push(word.slice(0, i) + word.slice(i + 1));
    else if (word[i - 1] !== c && i < word.length - 1) out.push(word.slice(0, i) + c + word.slice(i));
  }
  return out;
}

/** Attached conjunctions and prepositions (and, so, with/in, to, like), and the Moroccan "ف" (in). */
const AR_PROCLITICS = ['و', 'ف', 'ب', 'ل', 'ك'];
/** Object and possessive pronouns attached at the end, longest first (me, us, you, them, her, him, my). */
const AR_ENCLITICS = ['هما', 'كم', 'هم', 'ها', 'نا', 'ني', 'وا', 'لي', 'ك', 'ه', 'و', 'ي'];
/**
 * Verb prefixes of the dialects: Egyptian/Levantine present "ب" and future "ه"/"ح"/"رح", Moroccan "ك"/"كا"/"تا";
 * and the standard future "س" ("سيعلمونني", they will teach me).
 */
const AR_VERB_MARKERS = ['رح', 'كا', 'تا', 'ب', 'ه', 'ح', 'ك', 'س'];
/** Person prefixes of the imperfect verb: the first person "ا" is the form the lexicons list ("اشارك", "ادخل"). */
const AR_PERSON_PREFIXES = ['ا', 'ن', 'ت', 'ي'];

/**
 * The article with an attached conjunction or preposition, longest first ("الشهر" -> "شهر", a stopword), and the
 * Levantine "عال" (على + ال: "عالكاسا" is "on the cassa").
 */
const AR_ARTICLES = ['وال', 'بال', 'فال', 'كال', 'عال', 'لل', 'ال'];

function arabicVariants(word: string): string[] {
  const out: string[] = [];
  const bodies = [word];
  // the dialects' negation wraps the word in "ما...ش" or "م...ش" ("ماعنديش", "مبشتغلش", "خدامش"): the word inside
  if (word.endsWith('ش') && word.length >= 5) {
    const inner = word.slice(0, -1);
    bodies.push(inner);
    if (inner.startsWith('ما') && inner.length >= 5) bodies.push(inner.slice(2));
    else if (inner.startsWith('م') && inner.length >= 5) bodies.push(inner.slice(1));
  }
  // one or two proclitics: "وبالشركه", "فشركه"
  for (const p of AR_PROCLITICS) {
    if (word.startsWith(p) && word.length - p.length >= 3) {
      const rest = word.slice(p.length);
      bodies.push(rest);
      for (const q of AR_PROCLITICS) if (q !== p && rest.startsWith(q) && rest.length - q.length >= 3) bodies.push(rest.slice(q.length));
    }
  }
  // the article, after any proclitic: "الشهر", "فالشهر" -> "شهر"
  for (const body of [...bodies]) {
    const article = AR_ARTICLES.find((a) => body.startsWith(a) && body.length - a.length >= 2);
    if (article !== undefined) out.push(body.slice(article.length));
  }
  // the passive/reflexive prefix, spelled "ات" (Egyptian), "ت" (Levantine) or "ان" (MSA): "تسرحت", "انطردت" ->
  // "اتسرحت", "اتطردت", the forms the lexicons list
  if (word.startsWith('ت') && word.length >= 4) out.push('ا' + word);
  if (word.startsWith('ان') && word.length >= 5) out.push('ات' + word.slice(2));
  if (word.startsWith('ات') && word.length >= 5) out.push('ان' + word.slice(2));
  for (const body of bodies) {
    const stems = [body];
    for (const e of AR_ENCLITICS) if (body.endsWith(e) && body.length - e.length >= 3) stems.push(body.slice(0, -e.length));
    for (const s of stems) {
      out.push(s);
      // "بيشتغل" -> "يشتغل" -> "اشتغل"; "هتفضل" -> "تفضل"; "ندخل" -> "ادخل"
      const verbs = [s];
      for (const m of AR_VERB_MARKERS) {
        if (s.startsWith(m) && s.length - m.length >= 3) {
          verbs.push(s.slice(m.length));
          // the first person's alef drops after the marker: "هدفع" is "ه" + "ادفع", "بشتغل" is "ب" + "اشتغل"
          if (!s.slice(m.length).startsWith('ا')) out.push('ا' + s.slice(m.length));
        }
      }
      for (const v of verbs) {
        out.push(v);
        for (const p of AR_PERSON_PREFIXES) {
          if (v.startsWith(p) && v.length - p.length >= 3) {
            out.push('ا' + v.slice(p.length));
            out.push(v.slice(p.length));
          }
        }
      }
    }
  }
  return out;
}

/** Russian letters typed in Ukrainian words, as the Ukrainian letters they stand for. */
function ukrainianVariants(word: string): string[] {
  const out = [word.replace(/и/g, 'і'), word.replace(/і/g, 'и'), word.replace(/е/g, 'є'), word.replace(/^за(?=.{4})/, '')];
  // the instrumental plural, which the stemmer leaves as "-ам" ("курсами", "послугами" -> "курси", "послуги")
  const instrumental = /^(.{3,})[ая]ми$/.exec(word);
  if (instrumental !== null) out.push(`${instrumental[1]}и`, instrumental[1]);
  // a verb of the -ати/-яти class in any person or tense as its noun ("навчають", "навчаєтесь" -> "навчання")
  const verb = /^(.{3,}?)([ая])(?:ю|єш|є|ємо|єте|ють|ти|в|ла|ло|ли|тиму|тиме|тимуть)(?:ся|сь)?$/.exec(word);
  if (verb !== null) out.push(`${verb[1]}${verb[2]}ння`);
  return out;
}

/** Gheg short participles as their Tosk forms ("pagu" -> "paguar", "paguaj"; "hy" -> "hyj"; "gjet" -> "gjetur"). */
function albanianVariants(word: string): string[] {
  const out: string[] = [];
  if (word.endsWith('u')) out.push(`${word}ar`, `${word}aj`, `${word.slice(0, -1)}ohem`);
  if (word.endsWith('e') || word.endsWith('o')) out.push(`${word}j`, `${word}n`);
  out.push(`${word}j`, `${word}ur`, `${word}r`);
  return out;
}
