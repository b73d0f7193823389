import { Locale, SynonymGroup, SynonymRole } from '../content';
import { createStemmer } from './stemmer';
import { foldAccents } from '../text/fold';
import { FILLERS, GENERIC_WORDS, INSERTED_ADVERBS, QUESTION_CANON, QUESTION_WORDS, STOPWORDS } from './stopwords';
import { isTypoOf, TypoLookup } from './typos';
import { arabiziToArabic } from './arabizi';

/**
 * Turns text into search terms, the same way for FAQ phrasings and for a worker's question:
 *
 * 1. fold: accents removed, lowercase, thousands separators dropped ("2.000" -> "2000"); a word capitalised inside
 *    a sentence ("a Piacenza") is flagged as a probable name;
 * 2. split into words and stem each one (Snowball, per locale);
 * 3. read synonym phrases (content/measure/synonyms.json) as their concept: "cassa integrazione", "cassintegrato",
 *    "CIGS" -> `#cig`. Words match by stem when the stem has 5 letters or more ("licenziata" for "licenziato", but
 *    "tempo" is not "tempi"), articles and possessives may be skipped ("perso il mio lavoro" = "perso lavoro"), a
 *    long word may carry one typo after the phrase's first word ("cassa integrazzione"), and the phrases that
 *    cover the most words win ("in cassa integrazione" is "cassa integrazione", not "in cassa");
 * 4. drop stopwords and `ignore` phrases; keep question words (chi, come ... / who, how ...) as their own kind;
 *    number words become digits; common verbs and adjectives (`GENERIC_WORDS`) and `weak` phrases are weak terms.
 *
 * `conceptForTypo` finds the one-word synonym a misspelt word stands for ("licenziatto" -> `#licenziato`).
 */

/**
 * `concept`: a synonym group; `anchor`: a name of the measure itself; `word`: a stemmed word (or the word itself
 * when its stem is shorter than 5 letters); `weak`: a common verb or adjective, or an everyday synonym group;
 * `question`: a question word; `number`: digits, number words included ("tre" -> "3").
 */
export type TermKind = 'concept' | 'anchor' | 'word' | 'weak' | 'question' | 'number';

export interface AnalyzedTerm {
  readonly term: string;
  readonly kind: TermKind;
  /** For a word: the form it was typed in (lowercase, accents removed), for typo correction. */
  readonly typed?: string;
  /** For a word: capitalised inside a sentence ("a Piacenza"), so probably a name. */
  readonly properNoun?: boolean;
  /** A concept of the worker's case said not to hold ("non sono stato licenziato", "I wasn't laid off"). */
  readonly negated?: boolean;
}

/** Words that negate what closely follows ("n't" is split into "wasn" + "t"). */
const NEGATORS = new Set(['non', 'nn', 'mai', 'nemmeno', 'neanche', 'neppure', 'not', 'never', 't', 'nor']);
/** The negators of the other languages, folded (kept apart: Spanish "no" would negate an Italian "no, ..."). */
const LOCAL_NEGATORS: Readonly<Partial<Record<Locale, readonly string[]>>> = {
  ro: ['nu', 'niciodata'],
  es: ['no', 'nunca', 'ni'],
  fr: ['ne', 'pas', 'jamais'],
  sq: ['nuk', 's', 'kurre', 'jo'],
  uk: ['не', 'ні', 'ніколи'],
  ar: ['لا', 'لم', 'لن', 'ليس', 'لست', 'مش', 'ما'],
};
/** Words that end a negation's reach ("non paga e siamo in cassa"). */
const NEGATION_BREAKERS = new Set(['e', 'ed', 'ma', 'o', 'oppure', 'perche', 'quindi', 'and', 'but', 'or', 'so', 'because', 'se', 'if', 'posso', 'can']);
const LOCAL_NEGATION_BREAKERS: Readonly<Partial<Record<Locale, readonly string[]>>> = {
  ro: ['si', 'dar', 'sau', 'pentru', 'daca', 'pot'],
  es: ['y', 'pero', 'o', 'porque', 'si', 'puedo'],
  fr: ['et', 'mais', 'ou', 'parce', 'si', 'peux'],
  sq: ['dhe', 'por', 'ose', 'sepse', 'nese', 'mund'],
  uk: ['і', 'та', 'але', 'або', 'бо', 'якщо', 'можу'],
  ar: ['و', 'لكن', 'او', 'لان', 'اذا', 'هل'],
};
/** How many words after a negator it still reaches. */
const NEGATION_REACH = 4;
/**
 * Concepts that tell the worker's case, where a negation flips the case rather than keeping the topic: "I wasn't
 * laid off, can I still join?" is not the question of someone dismissed. (A negated "residente" or "NASpI" keeps its
 * topic: "non ho la NASpI, posso partecipare?" is answered by the entry about income support.)
 */
const CASE_CONCEPTS = new Set(['#licenziato', '#disoccupato', '#cig', '#fallimento', '#rioccupato', '#crisi', '#esuberi']);

interface Phrase {
  readonly concept: string;
  readonly role: SynonymRole | undefined;
  readonly stems: readonly string[];
  readonly raws: readonly string[];
}

export const CONCEPT_PREFIX = '#';

export function isConcept(term: string): boolean {
  return term.startsWith(CONCEPT_PREFIX);
}

export function foldText(text: string): string {
  return stripAccents(text).toLowerCase();
}

function stripAccents(text: string): string {
  return foldAccents(text).replace(/(\d)[.,'’](?=\d{3}(?!\d))/g, '$1');
}

/** Ukrainian spellings: apostrophes inside words dropped, surzhyk's Russian letters and "работ" as Ukrainian. */
function ukrainianFold(text: string): string {
  return text
    .replace(/(?<=\p{L})['’ʼ`](?=\p{L})/gu, '')
    .replace(/ы/g, 'и')
    .replace(/Ы/g, 'И')
    .replace(/э/g, 'е')
    .replace(/Э/g, 'Е')
    .replace(/[ъЪ]/g, '')
    .replace(/работ/g, 'робот')
    .replace(/Работ/g, 'Робот');
}

/**
 * Spellings folded per language before the text is split into words (the FAQ's text and the worker's alike):
 * - Ukrainian: an apostrophe inside a word (' ’ ʼ `) is dropped, so "п'ємонт", "пʼємонт" and "пємонт" are one word
 *   (the tokenizer splits at ' but not at ʼ, a letter); the Russian letters of surzhyk (ы э ъ) read as the Ukrainian
 *   ones, and the Russian "работа" as "робота" ("работы" reads as "роботи");
 * - Arabic: the Persian keyboard's kaf and ya (ک ی), which Arabic speakers' phones often produce, as ك and ي; the
 *   frequent words of Arabizi (Arabic in Latin letters, "wach n9der nchark?") in Arabic script (see arabizi.ts); a
 *   question word with "و" (and) attached ("ومتى", "وفين") as the two words.
 * - English, Italian, French: an age said as a count of years ("I have 20 years", "I'm 22 years", "ho 20 anni",
 *   "j'ai 20 ans", the way Romanian, Arabic, Italian and French speakers say it) gets its age word, so it reads as
 *   the age topic; years of something else ("20 years of experience", "2 years ago", "20 anni di contributi") do not.
 *   Arabic and Ukrainian alike: "عندي 19 سنة", "انا 24 عام" read as "عمري" (my age); "мені 19", "мені 19 років" get
 *   "віку" (of age); "عندي 10 سنين في الشركة", "мені 2 місяці" do not.
 */
const LOCAL_FOLDS: Readonly<Partial<Record<Locale, (text: string) => string>>> = {
  ar: (text) =>
    arabiziToArabic(text)
      .replace(/\u06a9/g, '\u0643')
      .replace(/\u06cc/g, '\u064a')
      .replace(/(?<![\p{L}\p{N}])((?:عندي|عندى|انا|عمري)\s+[0-9٠-٩]{1,2})\s+(?:سنه|عام|عاما|سنين|سنوات)(?![\p{L}\p{N}])(?!\s*(?:(?:في|فى|من|خبره|خدمه|شغل|عمل|و?انا)(?![\p{L}])|و?[فبك]\p{L}))/gu, '$1 عمري')
      // "وما" (and not) as "و ما", so the negation reads as it does alone ("وما كنقراش"); "ومتى" as "و متى"
      .replace(/(?<![\p{L}])و(?=(?:ما|متى|متي|امتى|امتي|فين|وين|اين|كيف|كيفاش|ازاي|شحال|قداش|كم|علاش|ليش|ليه|لماذا|هل|واش|شنو|ماذا|مين|شكون)(?![\p{L}]))/gu, 'و '),
  // an age said as "мені 19", "мені 19 років" (not "мені 19 євро", "мені 2 місяці")
  uk: (text) => ukrainianFold(text).replace(/(?<![\p{L}\p{N}])(?:мені|мне)\s+[0-9]{1,2}(?:\s+(?:років|рік|роки|лет|год|года))?(?![\p{L}\p{N}])(?!\s*(?:євро|евро|€|%|місяц|тиж|дн|годин|хвилин|месяц|недел|дней|час|работ|робот|проц|разів|раз))/giu, '$& віку'),
  en: (text) => text.replace(/\b(?:i am|i['’]?m|i have|i got|aged?)\s+\d{1,2}\s*(?:years?|yrs?)\b(?!\s*(?:old|ago|of|in|at|with|for|since|as)\b)/giu, '$& old'),
  it: (text) => text.replace(/\b(?:ho|compio|ho compiuto|compiuti)\s+\d{1,2}\s+anni\b(?!\s*(?:di|fa|in|a|da|che|con)\b)/giu, '$& di eta'),
  fr: (text) => text.replace(/\bj['’ ]?ai\s+\d{1,2}\s+ans\b(?!\s*(?:d|de|que|dans|chez|en|à|a)\b)/giu, '$& age'),
};

const TOKEN = /[\p{L}\p{N}]+/gu;
/**
 * Whether the three characters before `at` end a sentence: a full stop, question or exclamation mark, semicolon or
 * colon (Spanish and Arabic ones too), then only white space, as /[.!?;:¿¡؟]\s*$/u tests on them, without the slice
 * and the regular expression for every word of every text.
 */
function endsSentence(text: string, at: number): boolean {
  for (let i = at - 1; i >= Math.max(0, at - 3); i -= 1) {
    const code = text.charCodeAt(i);
    if (isWhiteSpace(code)) continue;
    return SENTENCE_ENDINGS.has(code);
  }
  return false;
}
const SENTENCE_ENDINGS: ReadonlySet<number> = new Set([...'.!?;:¿¡؟'].map((c) => c.charCodeAt(0)));

/** What \s matches in a JavaScript regular expression (ECMAScript WhiteSpace and LineTerminator). */
function isWhiteSpace(code: number): boolean {
  return (
    (code >= 0x09 && code <= 0x0d) ||
    code === 0x20 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}
const CAPITALISED = /^\p{Lu}\p{Ll}+$/u;

export class TextAnalyzer {
  private readonly stem: (word: string) => string;
  private readonly stopwords: ReadonlySet<string>;
  private readonly questionWords: ReadonlySet<string>;
  private readonly questionCanon: ReadonlyMap<string, string> | undefined;
  private readonly tokenCanon: ReadonlyMap<string, string> | undefined;
  private readonly fillers: ReadonlySet<string>;
  private readonly adverbs: ReadonlySet<string>;
  /** Phrases by the stem of their first word, longest first. */
  private readonly phrases = new Map<string, Phrase[]>();
  /** One-word synonyms as written, for typo correction. */
  private readonly singleWords = new TypoLookup<Phrase>();
  private readonly singleWordSeen = new Set<string>();
  private readonly numberWords: ReadonlyMap<string, string>;
  private readonly genericTerms: ReadonlySet<string>;
  private readonly negators: ReadonlySet<string>;
  private readonly negationBreakers: ReadonlySet<string>;
  private readonly minSharedStem: number;

  constructor(
    readonly locale: Locale,
    synonyms: readonly SynonymGroup[],
  ) {
    this.stem = createStemmer(locale);
    this.minSharedStem = MIN_SHARED_STEM[locale] ?? DEFAULT_MIN_SHARED_STEM;
    this.stopwords = STOPWORDS[locale];
    this.questionWords = QUESTION_WORDS[locale];
    this.questionCanon = QUESTION_CANON[locale];
    // a dialect's question word is read as the standard one everywhere, synonym phrases included ("شحال يدوم" is
    // "كم يدوم"), unless the standard one is also a stopword (Egyptian "مين" is "من", also "from")
    if (this.questionCanon !== undefined) {
      this.tokenCanon = new Map([...this.questionCanon].filter(([, standard]) => !this.stopwords.has(standard)));
    }
    this.fillers = FILLERS[locale];
    this.adverbs = INSERTED_ADVERBS[locale];
    this.numberWords = NUMBER_WORDS[locale];
    this.negators = new Set([...NEGATORS, ...(LOCAL_NEGATORS[locale] ?? [])]);
    this.negationBreakers = new Set([...NEGATION_BREAKERS, ...(LOCAL_NEGATION_BREAKERS[locale] ?? [])]);
    this.genericTerms = new Set([...GENERIC_WORDS[locale]].map((word) => this.wordTerm(word, this.stem(word))));
    for (const group of synonyms) {
      for (const term of group.terms) {
        const { raws, stems } = this.tokenize(term);
        let start = 0;
        while (start < raws.length - 1 && this.fillers.has(raws[start])) start += 1;
        const phrase: Phrase = {
          concept: CONCEPT_PREFIX + group.concept,
          role: group.role,
          stems: stems.slice(start),
          raws: raws.slice(start),
        };
        if (phrase.stems.length === 0) continue;
        const list = this.phrases.get(phrase.stems[0]) ?? [];
        list.push(phrase);
        this.phrases.set(phrase.stems[0], list);
        if (phrase.raws.length === 1 && phrase.role !== 'ignore' && !this.singleWordSeen.has(phrase.raws[0])) {
          this.singleWordSeen.add(phrase.raws[0]);
          this.singleWords.add(phrase.raws[0], phrase);
        }
      }
    }
    for (const list of this.phrases.values()) list.sort((a, b) => b.stems.length - a.stems.length);
  }

  private tokenize(text: string): { raws: string[]; stems: string[]; names: boolean[] } {
    const localFold = LOCAL_FOLDS[this.locale];
    const prepared = localFold === undefined ? stripAccents(text) : localFold(stripAccents(text));
    const raws: string[] = [];
    const names: boolean[] = [];
    for (const match of prepared.matchAll(TOKEN)) {
      const start = match.index ?? 0;
      const sentenceStart = raws.length === 0 || endsSentence(prepared, start);
      const raw = match[0].toLowerCase();
      raws.push(this.tokenCanon?.get(raw) ?? raw);
      names.push(!sentenceStart && CAPITALISED.test(match[0]));
    }
    return { raws, stems: raws.map((raw) => this.stem(raw)), names };
  }

  /** The index term of a plain word: its stem, or the word itself when the stem is too short to be telling. */
  private wordTerm(raw: string, stem: string): string {
    return stem.length >= this.minSharedStem ? stem : raw;
  }

  /** Tries `phrase` at `start`; returns the index after the match and how many words matched exactly. */
  private matchAt(
    phrase: Phrase,
    raws: readonly string[],
    stems: readonly string[],
    start: number,
  ): { end: number; exact: number } | undefined {
    let j = 0;
    let k = start;
    let exact = 0;
    while (j < phrase.stems.length) {
      if (k < stems.length && raws[k] === phrase.raws[j]) {
        exact += 1;
        j += 1;
        k += 1;
      } else if (k < stems.length && stems[k] === phrase.stems[j] && stems[k].length >= this.minSharedStem && sameAgentness(raws[k], phrase.raws[j], this.locale)) {
        // Inflections match ("licenziata" for "licenziato"), unless the stem is too short to be telling
        // ("tempo" is not "tempi"), or one is the doer of the other ("lavoro" is not "lavoratore").
        j += 1;
        k += 1;
      } else if (k < stems.length && this.withProclitic(raws[k], phrase.raws[j])) {
        // an Arabic preposition or conjunction attached to a phrase's word ("فشركة اخرى" for "شركة اخرى")
        j += 1;
        k += 1;
      } else if (k < stems.length && withArticleOrPlural(raws[k], phrase.raws[j], this.locale)) {
        // a short word with its article or plural ending ("cursul" for "curs"), too short to match by stem
        j += 1;
        k += 1;
      } else if (k < stems.length && j > 0 && isTypoOf(raws[k], phrase.raws[j], 1)) {
        j += 1;
        k += 1;
      } else if (k < stems.length && k > start && (this.fillers.has(raws[k]) || this.adverbs.has(raws[k]))) {
        k += 1;
      } else if (this.fillers.has(phrase.raws[j]) && j < phrase.raws.length - 1) {
        // an article or possessive inside a phrase may be left out ("perso lavoro" for "perso il lavoro"), not its
        // last word: "firma mea" (my own firm) is not every "firma", "más de" not every "más"
        j += 1;
      } else {
        return undefined;
      }
    }
    return { end: k, exact };
  }

  /**
   * An Arabic word with one attached preposition or conjunction taken off ("فشركه" -> "شركه", "بالشركه" ->
   * "الشركه"), when what is left is three letters or more; undefined in other languages. Phrases are tried on it too,
   * so "فشركة اخرى" (at another company) is "شركة اخرى".
   */
  private withoutProclitic(raw: string): string | undefined {
    if (this.locale !== 'ar' || raw.length < 5 || !AR_PHRASE_PROCLITICS.includes(raw[0])) return undefined;
    return raw.slice(1);
  }

  /** Whether `typed` is `known` with an Arabic preposition or conjunction attached. */
  private withProclitic(typed: string, known: string): boolean {
    return this.withoutProclitic(typed) === known;
  }

  /**
   * Picks the synonym phrases that together cover the most words (stopwords aside), by dynamic programming from the
   * end: "in cassa integrazzione" reads as "in" + "cassa integrazione", "a phone number to call" as "phone number" +
   * "to call".
   * Ties go to fewer, longer phrases, then to the ones typed most exactly.
   */
  private segment(raws: readonly string[], stems: readonly string[]): Array<Phrase | undefined> {
    const n = raws.length;
    // For the suffix from i: words covered (weighted), phrases used (negated), exact words; compared in that order.
    const covered = new Float64Array(n + 1);
    const used = new Float64Array(n + 1);
    const exact = new Float64Array(n + 1);
    const choice: Array<{ phrase: Phrase; end: number } | undefined> = new Array(n + 1).fill(undefined);
    for (let i = n - 1; i >= 0; i -= 1) {
      covered[i] = covered[i + 1];
      used[i] = used[i + 1];
      exact[i] = exact[i + 1];
      // every synonym phrase starting at i: those of its stem, then (Arabic) those of the word without its proclitic
      const own = this.phrases.get(stems[i]);
      if (own !== undefined) this.pickAt(own, raws, stems, i, covered, used, exact, choice);
      const bare = this.withoutProclitic(raws[i]);
      const ofBare = bare === undefined ? undefined : this.phrases.get(this.stem(bare));
      if (ofBare !== undefined) this.pickAt(ofBare, raws, stems, i, covered, used, exact, choice);
    }
    const out: Array<Phrase | undefined> = new Array(n).fill(undefined);
    for (let i = 0; i < n; ) {
      const picked = choice[i];
      if (picked === undefined) {
        i += 1;
      } else {
        out[i] = picked.phrase;
        for (let k = i + 1; k < picked.end; k += 1) out[k] = CONSUMED;
        i = picked.end;
      }
    }
    return out;
  }

  /**
   * segment()'s step at `start`: each of `candidates` that matches there replaces the best reading of the suffix
   * when it covers more (a content word counts twice a stopword: "cassa integrazione" beats "in cassa"), then with
   * fewer phrases, then with more words typed exactly. Candidates are tried in order; the first of equals stays.
   */
  private pickAt(
    candidates: readonly Phrase[],
    raws: readonly string[],
    stems: readonly string[],
    start: number,
    covered: Float64Array,
    used: Float64Array,
    exact: Float64Array,
    choice: Array<{ phrase: Phrase; end: number } | undefined>,
  ): void {
    for (const phrase of candidates) {
      const match = this.matchAt(phrase, raws, stems, start);
      if (match === undefined) continue;
      let content = 0;
      for (let k = start; k < match.end; k += 1) content += this.stopwords.has(raws[k]) ? 1 : 2;
      const a = covered[match.end] + content;
      const b = used[match.end] - 1;
      const c = exact[match.end] + match.exact;
      if (a !== covered[start] ? a > covered[start] : b !== used[start] ? b > used[start] : c > exact[start]) {
        covered[start] = a;
        used[start] = b;
        exact[start] = c;
        choice[start] = { phrase, end: match.end };
      }
    }
  }

  /** The terms of `text` in order, repeats kept (term frequency matters when indexing). */
  analyze(text: string): AnalyzedTerm[] {
    const { raws, stems, names } = this.tokenize(text);
    const phrases = this.segment(raws, stems);
    const out: AnalyzedTerm[] = [];
    let negatorAt = -Infinity;
    for (let i = 0; i < raws.length; i += 1) {
      const phrase = phrases[i];
      if (phrase === CONSUMED) continue;
      if (phrase !== undefined) {
        const negated = i - negatorAt <= NEGATION_REACH && CASE_CONCEPTS.has(phrase.concept);
        if (phrase.role !== 'ignore') out.push(negated ? { term: phrase.concept, kind: conceptKind(phrase.role), negated } : { term: phrase.concept, kind: conceptKind(phrase.role) });
        continue;
      }
      if (this.negators.has(raws[i])) negatorAt = i;
      // right after a negator "e" is the verb "è" ("non è fallita"), not "and"
      else if (this.negationBreakers.has(raws[i]) && i - negatorAt > 1) negatorAt = -Infinity;
      const raw = raws[i];
      if (this.stopwords.has(raw)) continue;
      if (this.questionWords.has(raw)) {
        out.push({ term: this.questionCanon?.get(raw) ?? raw, kind: 'question' });
        continue;
      }
      const digits = /^\p{N}+$/u.test(raw) ? raw : this.numberWords.get(raw);
      if (digits !== undefined) {
        out.push({ term: digits, kind: 'number' });
        continue;
      }
      if (raw.length < 2) continue;
      // A short stem is not telling ("part" is parte, parti, partita, partire): short words keep their form.
      const stem = this.wordTerm(raw, stems[i]);
      const kind = this.genericTerms.has(stem) ? 'weak' : 'word';
      out.push(names[i] ? { term: stem, kind, typed: raw, properNoun: true } : { term: stem, kind, typed: raw });
    }
    return out;
  }

  /**
   * One already folded word analysed as `analyze` would analyse it alone, without its regular expressions and
   * segmentation (the answerer tries many spellings of an unknown word): nothing for a stopword, else one term.
   */
  analyzeWord(raw: string): AnalyzedTerm | undefined {
    const word = this.tokenCanon?.get(raw) ?? raw;
    const stem = this.stem(word);
    for (const phrase of this.phrases.get(stem) ?? []) {
      if (phrase.stems.length !== 1) continue;
      if (word === phrase.raws[0] || (stem.length >= this.minSharedStem && sameAgentness(word, phrase.raws[0], this.locale))) {
        return phrase.role === 'ignore' ? undefined : { term: phrase.concept, kind: conceptKind(phrase.role) };
      }
    }
    if (this.stopwords.has(word)) return undefined;
    if (this.questionWords.has(word)) return { term: this.questionCanon?.get(word) ?? word, kind: 'question' };
    const digits = /^\p{N}+$/u.test(word) ? word : this.numberWords.get(word);
    if (digits !== undefined) return { term: digits, kind: 'number' };
    if (word.length < 2) return undefined;
    const term = this.wordTerm(word, stem);
    return { term, kind: this.genericTerms.has(term) ? 'weak' : 'word', typed: word };
  }

  /** The index terms of `text`. */
  terms(text: string): string[] {
    return this.analyze(text).map((t) => t.term);
  }

  /**
   * The concept a misspelt word most likely stands for ("licenziatto" -> `#licenziato`), by edit distance between
   * the word as typed and the one-word synonyms as written (see `maxEdits` in `typos.ts`).
   */
  /** The one-word synonym a word is most like by character trigrams (typos.ts `similar`): an inflection or a typo. */
  conceptForSimilar(word: string): { term: string; kind: TermKind } | undefined {
    const best = this.singleWords.similar(foldText(word));
    if (best === undefined || best.value.role === 'ignore') return undefined;
    return { term: best.value.concept, kind: conceptKind(best.value.role) };
  }

  conceptForTypo(word: string): { term: string; kind: TermKind; distance: number } | undefined {
    const best = this.singleWords.closest(foldText(word));
    if (best === undefined) return undefined;
    return { term: best.value.concept, kind: conceptKind(best.value.role), distance: best.distance };
  }
}

/**
 * Endings that make a short word definite or plural, where the stem is too short to be compared (see
 * MIN_SHARED_STEM): Romanian's enclitic article ("curs" -> "cursul", "cursului", "cursurile"; "loc" -> "locul"),
 * Spanish and French plurals ("mes" -> "meses", "job" -> "jobs").
 */
const ARTICLE_OR_PLURAL_ENDINGS: Readonly<Partial<Record<Locale, readonly string[]>>> = {
  ro: ['ul', 'ului', 'urile', 'urilor', 'uri', 'le', 'lor', 'ua', 'a', 'ii', 'i', 'ele', 'ile', 'l'],
  es: ['s', 'es'],
  fr: ['s', 'x'],
};

/** Whether `typed` is `known` (three letters or more) with an article or plural ending of the locale. */
function withArticleOrPlural(typed: string, known: string, locale: Locale): boolean {
  if (known.length < 3 || typed.length <= known.length || !typed.startsWith(known)) return false;
  return (ARTICLE_OR_PLURAL_ENDINGS[locale] ?? []).includes(typed.slice(known.length));
}

/**
 * The endings of a doer's noun ("lavoratore", "trabajador", "travailleur", "muncitor", "punëtor"), whose Snowball
 * stem is often that of the activity ("lavoro", "trabajo", "travail"): "mi trovate un lavoro?" asks for a job, not
 * about the workers, and "el trabajo" is no question about how many people a project needs.
 */
const AGENT_NOUN: Readonly<Partial<Record<Locale, RegExp>>> = {
  it: /(?:tore|tori|trice|trici)$/,
  es: /(?:dor|dores|dora|doras)$/,
  fr: /(?:eur|eurs|euse|euses)$/,
  ro: /(?:tor|tori|toare|torul|torii|torilor)$/,
  sq: /(?:tor|tori|toret|tore|tar|tari|taret)$/,
};

/** Whether two words of one stem are both, or both not, a doer's noun (see AGENT_NOUN). */
function sameAgentness(a: string, b: string, locale: Locale): boolean {
  const agent = AGENT_NOUN[locale];
  return agent === undefined || agent.test(a) === agent.test(b);
}

/** Prepositions and conjunctions written attached to the next word in Arabic: and, in (Moroccan), with/in, to, like. */
const AR_PHRASE_PROCLITICS: readonly string[] = ['و', 'ف', 'ب', 'ل', 'ك'];

/** Marks the words inside a phrase after its first. */
const CONSUMED: Phrase = { concept: '', role: 'ignore', stems: [], raws: [] };

function conceptKind(role: SynonymRole | undefined): TermKind {
  if (role === 'anchor') return 'anchor';
  if (role === 'weak') return 'weak';
  return 'concept';
}

/** Shortest stem through which two inflected forms count as the same word. */
const DEFAULT_MIN_SHARED_STEM = 5;
/**
 * Where a shorter stem is telling: Arabic is written without short vowels, so a light stem of three letters
 * ("خدم" of "الخدمات", "الخدمه") says as much as five Latin letters; the Ukrainian and Albanian light stemmers
 * leave whole word bodies ("курс", "pune").
 */
const MIN_SHARED_STEM: Readonly<Partial<Record<Locale, number>>> = { ar: 3, uk: 4, sq: 4 };

/** Number words read as digits ("tre aziende" = "3 aziende"); "sei" and "una" are left to the stopwords. */
const NUMBER_WORDS: Readonly<Record<Locale, ReadonlyMap<string, string>>> = {
  it: new Map([['due', '2'], ['tre', '3'], ['quattro', '4'], ['cinque', '5'], ['sette', '7'], ['otto', '8'], ['nove', '9'], ['dieci', '10']]),
  en: new Map([['two', '2'], ['three', '3'], ['four', '4'], ['five', '5'], ['six', '6'], ['seven', '7'], ['eight', '8'], ['nine', '9'], ['ten', '10']]),
  ro: new Map([['doi', '2'], ['doua', '2'], ['trei', '3'], ['patru', '4'], ['cinci', '5'], ['sase', '6'], ['sapte', '7'], ['opt', '8'], ['noua', '9'], ['zece', '10']]),
  es: new Map([['dos', '2'], ['tres', '3'], ['cuatro', '4'], ['cinco', '5'], ['seis', '6'], ['siete', '7'], ['ocho', '8'], ['nueve', '9'], ['diez', '10']]),
  fr: new Map([['deux', '2'], ['trois', '3'], ['quatre', '4'], ['cinq', '5'], ['six', '6'], ['sept', '7'], ['huit', '8'], ['neuf', '9'], ['dix', '10']]),
  sq: new Map([['dy', '2'], ['tre', '3'], ['kater', '4'], ['pese', '5'], ['gjashte', '6'], ['shtate', '7'], ['tete', '8'], ['nente', '9'], ['dhjete', '10']]),
  uk: new Map([['два', '2'], ['дві', '2'], ['три', '3'], ['чотири', '4'], ['пять', '5'], ['шість', '6'], ['сім', '7'], ['вісім', '8'], ['девять', '9'], ['десять', '10']]),
  // Egyptian and Levantine "تلاتة", "اتنين", Moroccan "جوج" (two) beside the standard forms
  ar: new Map([['اثنين', '2'], ['اثنان', '2'], ['اتنين', '2'], ['تنين', '2'], ['جوج', '2'], ['ثلاث', '3'], ['ثلاثه', '3'], ['تلات', '3'], ['تلاته', '3'], ['اربع', '4'], ['اربعه', '4'], ['ربعه', '4'], ['خمس', '5'], ['خمسه', '5'], ['سته', '6'], ['سبعه', '7'], ['ثمانيه', '8'], ['تمنيه', '8'], ['تسعه', '9'], ['عشره', '10']]),
};
