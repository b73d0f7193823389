import { ContentCatalogue, FaqEntry, Locale } from '../content';
import { AnalyzedTerm, foldText, isConcept, TextAnalyzer } from './analyzer';
import { QUESTION_WORDS } from './stopwords';
import { Bm25Document, Bm25Index } from './bm25';
import { withBorrowedItalian } from './borrowedTerms';
import { asksForFamilyMatter, FRAME_CONCEPTS } from './scope';
import { TypoLookup } from './typos';
import { spellingVariants } from './variants';
import { frameEntries, frameMatches, frameTerm, isFrameTerm } from './questionFrames';

/** The languages a question in any conversation may be answered from when its own has no match. */
const CROSS_LOCALES: readonly Locale[] = ['it', 'en'];

/**
 * Free-text questions answered from the FAQ, per locale:
 *
 * - every question and every FAQ text go through the same `TextAnalyzer` (folding, stemming, synonyms, stopwords);
 *   words the FAQ never uses are corrected when they are a small typo of one it does;
 * - entries are ranked by BM25 over their phrasings (each phrasing a document, scaled by how much of it the question
 *   covers), plus a share of their second-best phrasing, plus their tags, section titles and answer (less weight);
 * - the confidence of an entry is its coverage: the share of the question's evidence (idf-weighted concepts and
 *   words; question words and numbers aside, everyday words counting a quarter) found in the entry, a phrasing
 *   counting fully, tags 0.75, section titles 0.5, the answer 0.4. Words the FAQ never uses count against it, which
 *   is what declines "che tempo fa a Milano?";
 * - 'answer' from 0.5 unless the runner-up is about as good (from 0.34 when the best ranks at least twice the
 *   runner-up and shares two terms with the question, everyday words aside; suggested when it shares one), 'suggest' from 0.4, else 'none'.
 */

/**
 * An FAQ entry and how confident the answerer is that it is what the worker asked, from 0 to 1 (the share of the
 * question the entry explains, scaled down for entries ranked below the best).
 */
export interface FaqMatch {
  entry: FaqEntry;
  score: number;
}

export type FaqResult =
  | { kind: 'answer'; match: FaqMatch; alternatives: FaqMatch[] }
  | { kind: 'suggest'; matches: FaqMatch[] }
  | { kind: 'none' };

/**
 * Answers free-text questions from the FAQ: 'answer' when confident, 'suggest' with the 2-3 closest topics when the
 * question is about the measure but unclear, 'none' when it is out of scope.
 */
export interface FaqAnswerer {
  ask(question: string, locale: Locale): FaqResult;
}

export interface FaqAnswererOptions {
  /** Confidence from which the best entry is given as the answer (default 0.5). */
  answerThreshold?: number;
  /** Confidence below which the question is out of scope, 'none' (default 0.4). */
  suggestThreshold?: number;
  /**
   * When the runner-up scores at least this fraction of the best entry and covers the question as well, the
   * question is ambiguous and gets 'suggest' (default 0.9).
   */
  ambiguityRatio?: number;
  /**
   * A best entry that ranks at least `clearWinnerMargin` times the runner-up (default 2) is answered from this
   * confidence (default 0.34) rather than from `answerThreshold`: the topic is clear, and what lowers its coverage
   * is the worker's own everyday words the FAQ does not use. Measured on unseen Italian and English paraphrases
   * (18 -> 21 of 26 and 7 -> 8 of 10 right) with no out-of-scope question of the check sets or of 25 more answered.
   * When the entry shares a single term with the question (everyday words aside), it is suggested instead: out-of-scope questions that share one everyday word with the FAQ ("who pays for the
   * dinner?", in every language) were answered with it.
   */
  clearWinnerThreshold?: number;
  clearWinnerMargin?: number;
  /** Topics offered with 'suggest' at most (default 3; the runner-up is always offered when it is related). */
  maxSuggestions?: number;
  /** Other close entries returned with 'answer' (default 2). */
  maxAlternatives?: number;
  /**
   * When nothing matches in the asked locale, try Italian and English (CROSS_LOCALES: "what is the deadline?" typed
   * in an Italian conversation, "cassa integrazione" in a Romanian one) and return the same entry in the asked
   * locale (default true). The other languages are not crossed into: a worker writing in one is recognised by
   * language identification on the first message, and trying six more indexes on every unanswered question
   * would cost each such turn.
   */
  crossLocale?: boolean;
}

/** How much a match in each field counts as evidence (a phrasing is the best evidence, the answer text the least). */
const FIELD_WEIGHT = { q: 1, tags: 0.75, title: 0.5, answer: 0.4 } as const;
type Field = keyof typeof FIELD_WEIGHT;
const FIELDS: readonly Field[] = ['q', 'tags', 'title', 'answer'];
/** Ranking boosts of the entry-level fields (a phrasing match has boost 1). */
const ENTRY_FIELD_BOOST = { tags: 0.5, title: 0.25, answer: 0.2 };
/** Only the best phrasings and entries are looked at closely (the rest cannot reach the top few). */
const PHRASING_POOL = 120;
const ENTRY_POOL = 60;
/** Terms that count as evidence of what the question is about (question words and numbers only help ranking). */
function isEvidence(kind: AnalyzedTerm['kind']): boolean {
  return kind === 'concept' || kind === 'anchor' || kind === 'word' || kind === 'weak';
}
/** How much a term counts as evidence, by kind (everyday words count little, either way). */
function evidenceWeight(kind: AnalyzedTerm['kind']): number {
  return kind === 'weak' ? WEAK_WEIGHT : 1;
}
const WEAK_WEIGHT = 0.25;
/** The evidence a question carries (the denominator of coverage). */
function evidenceTotal(terms: readonly QueryTerm[]): number {
  return terms.filter((t) => isEvidence(t.kind)).reduce((sum, t) => sum + evidenceWeight(t.kind) * t.idf, 0);
}
/** How much an unknown name counts against a match, relative to another unknown word. */
const PROPER_NOUN_SHARE = 0.5;
const SECOND_PHRASING_SHARE = 0.3;
const PRECISION_FLOOR = 0.5;
/** Entries re-ranked with their coverage, and how much coverage weighs in that ranking. */
const RERANK_POOL = 8;
const COVERAGE_IN_RANK = 0.6;
/** Ranking weight of a question word (chi, how ...): a tie-breaker, not evidence. */
const QUESTION_WORD_BOOST = 0.75;
/** Evidence weight of a corrected term: a concept recognised from a typo, or a vocabulary word at 1 or 2 edits. */
const TYPO_CONCEPT_WEIGHT = 0.85;
const FUZZY_WEIGHT = [1, 0.75, 0.55] as const;
/** Evidence weight of a word found through another spelling of it (an attached pronoun off, a dialect form). */
const VARIANT_WEIGHT = 0.9;
/** Evidence weight of a question frame (questionFrames.ts): a strong hint of the entry, less than a word of its topic. */
const FRAME_WEIGHT = 0.8;
/** Evidence weight of a word found by character trigrams (a guess: less than a typo at two edits). */
const SIMILAR_WEIGHT = 0.5;
/** Ranking weight of a term said by a frame's own words. */
const IN_FRAME_RANK = 0.5;
/** Ranking score of a question frame per unit of its idf (a phrasing's matching word scores about 1-2 per unit). */
const FRAME_RANK = 1.5;

/** What `knownVariant` returns for a stopword with a clitic attached. */
const STOPWORD = 'stopword';

/** A query term after typo correction. */
interface QueryTerm {
  /** The term searched (the corrected one when corrected). */
  readonly term: string;
  readonly kind: AnalyzedTerm['kind'];
  /** 1 for an exact term; less for a corrected one; 0 for a word nowhere in the FAQ. */
  readonly weight: number;
  /** Informativeness (inverse entry frequency). */
  readonly idf: number;
  /** Said by the words of a question frame ("paga" in "chi paga"): part of the frame, not a subject of its own. */
  readonly inFrame?: boolean;
}

interface Candidate {
  readonly entry: number;
  readonly raw: number;
  readonly coverage: number;
  /** How many of the question's evidence terms the entry has (words, concepts, names of the measure)... */
  readonly shared: number;
  /** ...and how many of those are not everyday words. */
  readonly sharedTopical: number;
}

class LocaleIndex {
  readonly analyzer: TextAnalyzer;
  /** The main index: one document per phrasing, where a question meets the ways staff wrote it. */
  private readonly phrasings: Bm25Index;
  /** An entry's other text (tags, section titles, answer): weaker evidence, one document per entry. */
  private readonly entryText: Bm25Index;
  /** The words of the FAQ (with the number of entries using them), for typo correction. */
  private readonly vocabTypos = new TypoLookup<{ term: string; count: number }>();
  private readonly vocab = new Map<string, number>();
  /** Per phrasing (doc id): its entry. */
  private readonly docEntry: number[] = [];
  /** Per phrasing (doc id): its evidence terms, to prefer phrasings that say no more than the question. */
  private readonly docTerms: Array<readonly string[]> = [];
  /** Per entry: term -> best field weight in which the entry has it. */
  private readonly entryTerms: Array<Map<string, number>> = [];
  /** Per question frame term: the entries that answer it. */
  private readonly frameOwners = new Map<string, number[]>();
  /** How much a word the FAQ never uses counts against a match: like a word found in two entries. */
  private readonly unknownIdf: number;
  /** Per entry object: its number (answersFrameIn asks by entry; a search of the list was linear). */
  private readonly entryNumbers = new Map<FaqEntry, number>();
  /**
   * rank()'s scratch space, one slot per entry, reused by every question (as Bm25Index's): an entry's best and
   * second-best phrasing scores, its tags/titles/answer score, its question-frame score, whether the question
   * touched it, and the entries touched in the order first touched (the order ties are broken in). Zeroed again
   * before rank() returns. Not reentrant, which is safe in Node's single thread.
   */
  private readonly firstScores: Float64Array;
  private readonly secondScores: Float64Array;
  private readonly textScores: Float64Array;
  private readonly frameScores: Float64Array;
  private readonly touched: Uint8Array;
  private readonly touchedOrder: Int32Array;

  constructor(
    readonly locale: Locale,
    readonly entries: readonly FaqEntry[],
    sectionTitles: ReadonlyMap<string, string>,
    analyzer: TextAnalyzer,
    sourceConcepts: ReadonlyMap<string, readonly string[]> = new Map(),
  ) {
    this.analyzer = analyzer;
    const phrasingDocs: Bm25Document[] = [];
    const entryDocs: Bm25Document[] = [];
    entries.forEach((entry, index) => {
      const title = entry.sections.map((id) => sectionTitles.get(id) ?? '').join(' . ');
      const fieldTerms: Record<Field, string[][]> = {
        q: entry.questions.map((q) => this.analyzer.terms(q)),
        // the entry's tags, and the concepts the Italian source's phrasings and tags say that this translation's
        // wording does not (concepts are shared by all languages: "posso imparare un nuovo mestiere?" says a trade,
        // which a translation that words it otherwise would miss, though workers in its language say it too)
        tags: [withSourceConcepts(entry.tags.flatMap((tag) => this.analyzer.terms(tag)), entry.questions.flatMap((q) => this.analyzer.terms(q)), sourceConcepts.get(entry.id))],
        title: [this.analyzer.terms(title)],
        answer: [this.analyzer.terms(entry.answer)],
      };
      const terms = new Map<string, number>();
      // the question frames this entry answers ("until when" for the call's deadline), as if a phrasing said them
      // (they rank the entry in rank(), outside BM25: a phrasing made longer would score lower on its own words)
      for (const [id, ids] of frameEntries()) {
        if (!ids.includes(entry.id)) continue;
        terms.set(frameTerm(id), FIELD_WEIGHT.q);
        let owners = this.frameOwners.get(frameTerm(id));
        if (owners === undefined) this.frameOwners.set(frameTerm(id), (owners = []));
        owners.push(index);
      }
      for (const field of FIELDS) {
        for (const list of fieldTerms[field]) {
          for (const term of list) terms.set(term, Math.max(terms.get(term) ?? 0, FIELD_WEIGHT[field]));
        }
      }
      this.entryTerms.push(terms);
      for (const term of terms.keys()) this.vocab.set(term, (this.vocab.get(term) ?? 0) + 1);
      entry.questions.forEach((q, i) => {
        // Weak words and question words do not make a phrasing more specific.
        const evidence = this.analyzer.analyze(q).filter((t) => t.kind === 'concept' || t.kind === 'word');
        this.docTerms.push([...new Set(evidence.map((t) => t.term))]);
        this.docEntry.push(index);
        phrasingDocs.push({ fields: [fieldTerms.q[i]] });
      });
      entryDocs.push({ fields: [fieldTerms.tags[0], fieldTerms.title[0], fieldTerms.answer[0]] });
    });
    this.phrasings = new Bm25Index(phrasingDocs, [1]);
    this.entryText = new Bm25Index(entryDocs, [ENTRY_FIELD_BOOST.tags, ENTRY_FIELD_BOOST.title, ENTRY_FIELD_BOOST.answer]);

    for (const [term, count] of this.vocab) if (!isConcept(term)) this.vocabTypos.add(term, { term, count });
    this.unknownIdf = this.idf(2);
    entries.forEach((entry, index) => {
      if (!this.entryNumbers.has(entry)) this.entryNumbers.set(entry, index);
    });
    this.firstScores = new Float64Array(entries.length);
    this.secondScores = new Float64Array(entries.length);
    this.textScores = new Float64Array(entries.length);
    this.frameScores = new Float64Array(entries.length);
    this.touched = new Uint8Array(entries.length);
    this.touchedOrder = new Int32Array(entries.length);
  }

  /** The number of an entry of this index (-1 when it is not one). */
  numberOf(entry: FaqEntry): number {
    return this.entryNumbers.get(entry) ?? -1;
  }

  /** Inverse entry frequency. */
  private idf(entryCount: number): number {
    return Math.log(1 + this.entries.length / entryCount);
  }

  /** Analyses a question and corrects typos against the FAQ's own vocabulary. */
  queryTerms(question: string): QueryTerm[] {
    // the question's frame ("fino a quando", "who pays") and the terms its own words make (questionFrames.ts)
    const frames = frameMatches(question, this.locale);
    const frameInner = new Set(frames.spans.flatMap((span) => this.analyzer.terms(span)));
    const seen = new Set<string>();
    const out: QueryTerm[] = [];
    const push = (term: QueryTerm): void => {
      if (seen.has(term.term)) return;
      seen.add(term.term);
      out.push(frameInner.has(term.term) ? { ...term, inFrame: true } : term);
    };
    for (const { term, kind, typed, properNoun, negated } of this.analyzer.analyze(question)) {
      // a case said not to hold is no evidence for the entry about that case
      if (negated === true) continue;
      const count = this.vocab.get(term);
      if (count !== undefined) {
        push({ term, kind, weight: 1, idf: this.idf(count) });
        continue;
      }
      // A name the FAQ does not know ("a Piacenza", "the United States") counts half as much as another unknown word.
      if (properNoun === true) {
        push({ term, kind, weight: 0, idf: this.unknownIdf * PROPER_NOUN_SHARE });
        continue;
      }
      if ((kind === 'word' || kind === 'weak') && typed !== undefined) {
        // (an everyday verb is left alone: a variant of "نخدم", "I work", would be "خدم", the services)
        const variant = kind === 'word' ? this.knownVariant(typed) : undefined;
        // a stopword with something attached ("فهاد": "in this") says nothing, neither for nor against
        if (variant === STOPWORD) continue;
        if (variant !== undefined) {
          push(variant);
          continue;
        }
        // a word of the question's frame is no typo of another word ("mi trovate un lavoro?" is not "trovare"): the
        // frame says it (below)
        if (frames.words.has(typed)) continue;
        const concept = this.analyzer.conceptForTypo(typed);
        const conceptCount = concept === undefined ? undefined : this.vocab.get(concept.term);
        if (concept !== undefined && conceptCount !== undefined) {
          push({ term: concept.term, kind: concept.kind, weight: TYPO_CONCEPT_WEIGHT, idf: this.idf(conceptCount) });
          continue;
        }
        const corrected = this.correct(term);
        if (corrected !== undefined) {
          push({
            term: corrected.term,
            kind,
            weight: FUZZY_WEIGHT[corrected.distance],
            idf: this.idf(this.vocab.get(corrected.term) ?? 0),
          });
          continue;
        }
      }
      // a second opinion by character trigrams, for a word too short for a typo or inflected unlike the stemmer knows
      // ("cat dureaza cursu?"): a concept's word beginning with the same letters
      if (kind === 'word' && typed !== undefined && !frames.words.has(typed)) {
        const similar = this.similarConcept(typed);
        if (similar !== undefined) {
          push(similar);
          continue;
        }
      }
      // a word of the question's frame the FAQ does not use ("till when", "j'y gagne quoi") is the frame's, not an
      // unknown subject
      if (typed !== undefined && frames.words.has(typed)) continue;
      push({ term, kind, weight: 0, idf: this.unknownIdf });
    }
    // the question's frame ("fino a quando", "who pays", "куди мені йти"): a concept of the question (questionFrames.ts)
    for (const id of frames.ids) {
      const term = frameTerm(id);
      const count = this.vocab.get(term);
      if (count !== undefined) push({ term, kind: 'concept', weight: FRAME_WEIGHT, idf: this.idf(count) });
    }
    return out;
  }

  /**
   * The first other spelling of an unknown word (see variants.ts) that the FAQ knows, as a word or a synonym, or
   * STOPWORD when it is a stopword with a clitic attached.
   */
  private knownVariant(typed: string): QueryTerm | typeof STOPWORD | undefined {
    for (const variant of spellingVariants(this.locale, typed)) {
      const term = this.analyzer.analyzeWord(variant);
      if (term === undefined) return STOPWORD;
      if (!isEvidence(term.kind)) continue;
      const count = this.vocab.get(term.term);
      if (count !== undefined) return { term: term.term, kind: term.kind, weight: VARIANT_WEIGHT, idf: this.idf(count) };
    }
    return undefined;
  }

  /**
   * The concept whose one-word synonym is most like an unknown word by character trigrams, at a low weight. Only
   * the synonyms' words: the FAQ's other words are too many for a guess ("partire" is not "parti", the partners).
   */
  private similarConcept(typed: string): QueryTerm | undefined {
    const concept = this.analyzer.conceptForSimilar(typed);
    const count = concept === undefined ? undefined : this.vocab.get(concept.term);
    if (concept === undefined || count === undefined) return undefined;
    return { term: concept.term, kind: concept.kind, weight: SIMILAR_WEIGHT, idf: this.idf(count) };
  }

  /** Whether an entry is of the type a question frame asks for (questionFrames.ts). */
  answersFrame(entry: number, frame: string): boolean {
    return this.frameOwners.get(frame)?.includes(entry) === true;
  }

  /** Did negation take away every term of the question that could name a topic, leaving only everyday words? */
  leftOnlyEverydayWords(question: string, terms: readonly QueryTerm[]): boolean {
    if (terms.some((t) => t.weight > 0 && isEvidence(t.kind) && t.kind !== 'weak')) return false;
    return this.analyzer.analyze(question).some((t) => t.negated === true && isEvidence(t.kind) && t.kind !== 'weak');
  }

  /** The closest vocabulary word within the allowed edits (fewest edits, then the most common). */
  private correct(word: string): { term: string; distance: number } | undefined {
    const best = this.vocabTypos.closest(word, (candidate, current) => candidate.count > current.count);
    return best === undefined ? undefined : { term: best.word, distance: best.distance };
  }

  /** Entries ranked by their best phrasing's score, each with the share of the question it explains. */
  rank(terms: readonly QueryTerm[], limit: number): Candidate[] {
    const searchable = terms.filter((t) => t.weight > 0);
    if (!searchable.some((t) => isEvidence(t.kind))) return [];
    const query = searchable.map((t) => ({
      term: t.term,
      // (a frame's own words, "what's" in "what's in it for me", rank less: the frame says what they mean together)
      boost: t.weight * (t.kind === 'question' ? QUESTION_WORD_BOOST : evidenceWeight(t.kind)) * (t.inFrame === true ? IN_FRAME_RANK : 1),
    }));
    // An entry scores as its best phrasing, plus a share of its second best (several phrasings agreeing is a sign),
    // plus its tags, section titles and answer. A phrasing that says much more than the question ("does it apply to
    // people who were laid off?" for "who is eligible?") is a weaker match than one that says just that: it is scaled
    // by the share of its terms the question has.
    const asked = new Set(searchable.map((t) => t.term));
    const { firstScores, secondScores, textScores, frameScores, touched, touchedOrder } = this;
    let touchedCount = 0;
    for (const { doc, score: raw } of this.phrasings.search(query, PHRASING_POOL)) {
      const own = this.docTerms[doc];
      let shared = 0;
      for (let i = 0; i < own.length; i += 1) if (asked.has(own[i])) shared += 1;
      const precision = own.length === 0 ? 1 : shared / own.length;
      const score = raw * (PRECISION_FLOOR + (1 - PRECISION_FLOOR) * precision);
      const entry = this.docEntry[doc];
      if (touched[entry] === 0) {
        touched[entry] = 1;
        touchedOrder[touchedCount++] = entry;
        firstScores[entry] = score;
      } else if (score > firstScores[entry]) {
        secondScores[entry] = firstScores[entry];
        firstScores[entry] = score;
      } else if (score > secondScores[entry]) secondScores[entry] = score;
    }
    for (const { doc: entry, score } of this.entryText.search(query, ENTRY_POOL)) {
      textScores[entry] = score;
      if (touched[entry] === 0) {
        touched[entry] = 1;
        touchedOrder[touchedCount++] = entry;
      }
    }
    // a question frame ranks the entries of its type as a strong word of their phrasings would
    for (const t of searchable) {
      const owners = this.frameOwners.get(t.term);
      if (owners === undefined) continue;
      for (const entry of owners) {
        frameScores[entry] += FRAME_RANK * t.weight * t.idf;
        if (touched[entry] === 0) {
          touched[entry] = 1;
          touchedOrder[touchedCount++] = entry;
        }
      }
    }
    const evidence = terms.filter((t) => isEvidence(t.kind));
    const askedFrames = searchable.filter((t) => isFrameTerm(t.term)).map((t) => t.term);
    const total = evidenceTotal(terms);
    // The best few by score (kept in a small sorted buffer: no sort of every entry touched), re-ranked by how much
    // of the question they explain. Entries in the order first touched, as ties keep it; each slot zeroed once read.
    const pool: Array<{ entry: number; raw: number }> = [];
    const poolSize = Math.max(limit, RERANK_POOL);
    for (let i = 0; i < touchedCount; i += 1) {
      const entry = touchedOrder[i];
      const raw = firstScores[entry] + SECOND_PHRASING_SHARE * secondScores[entry] + textScores[entry] + frameScores[entry];
      firstScores[entry] = 0;
      secondScores[entry] = 0;
      textScores[entry] = 0;
      frameScores[entry] = 0;
      touched[entry] = 0;
      if (pool.length === poolSize && raw <= pool[poolSize - 1].raw) continue;
      let at = pool.length;
      while (at > 0 && pool[at - 1].raw < raw) at -= 1;
      pool.splice(at, 0, { entry, raw });
      if (pool.length > poolSize) pool.pop();
    }
    const ranked = pool.map(({ entry, raw }) => {
      const known = this.entryTerms[entry];
      let covered = 0;
      let shared = 0;
      let sharedTopical = 0;
      // whether the entry is of a type the question's frame asks for (worked out once per entry, when needed)
      let ofAskedFrame: boolean | undefined;
      for (const t of evidence) {
        // A name of the measure is evidence of scope, whichever entry answers.
        // A frame's own words ("chi paga", "what's in it") are explained by an entry of the frame's type.
        const explainedByFrame = t.inFrame === true && (ofAskedFrame ??= askedFrames.some((frame) => known.has(frame))) ? FIELD_WEIGHT.q : 0;
        const inEntry = t.kind === 'anchor' && t.weight > 0 ? 1 : Math.max(known.get(t.term) ?? 0, explainedByFrame);
        covered += t.weight * inEntry * evidenceWeight(t.kind) * t.idf;
        // a frame says what kind of answer is wanted, not a topic: it is not one of the terms shared
        if (t.weight > 0 && inEntry > 0 && !isFrameTerm(t.term)) {
          shared += 1;
          if (t.kind !== 'weak') sharedTopical += 1;
        }
      }
      const coverage = total === 0 ? 0 : covered / total;
      return { entry, raw: raw * (1 - COVERAGE_IN_RANK + COVERAGE_IN_RANK * coverage), coverage, shared, sharedTopical };
    });
    ranked.sort((x, y) => y.raw - x.raw);
    return ranked.slice(0, limit);
  }
}

const MAX_QUESTION_LENGTH = 1000;

const DEFAULTS = {
  answerThreshold: 0.5,
  suggestThreshold: 0.4,
  ambiguityRatio: 0.9,
  clearWinnerThreshold: 0.34,
  clearWinnerMargin: 2,
  maxSuggestions: 3,
  maxAlternatives: 2,
  crossLocale: true,
};

/** What the answerer saw, for tuning and for staff tools (never shown to workers). */
export interface FaqExplanation {
  readonly locale: Locale;
  readonly terms: ReadonlyArray<{ term: string; kind: string; weight: number; idf: number }>;
  readonly candidates: ReadonlyArray<{ id: string; raw: number; coverage: number }>;
}

export class IndexedFaqAnswerer implements FaqAnswerer {
  private readonly indexes = new Map<Locale, LocaleIndex>();
  private readonly options: typeof DEFAULTS;

  constructor(
    private readonly catalogue: ContentCatalogue,
    options: FaqAnswererOptions,
  ) {
    this.options = { ...DEFAULTS, ...stripUndefined(options) };
    // Each language's index (about 150 ms of CPU) is built on its first question, Italian and English included: a
    // start, a content swap or a preview does not pay for languages nobody has asked in yet, and most starts (the
    // tests', an API-only instance) never answer a question. The first question in a language pays it once.
  }

  private indexOf(locale: Locale): LocaleIndex | undefined {
    let index = this.indexes.get(locale);
    if (index === undefined && this.catalogue.locales.includes(locale)) {
      const titles = new Map(this.catalogue.sections(locale).map((s) => [s.id, s.title]));
      const synonyms = withBorrowedItalian(locale, this.catalogue.synonyms(locale), this.catalogue.synonyms('it'));
      const analyzer = new TextAnalyzer(locale, synonyms);
      index = new LocaleIndex(locale, this.catalogue.faq(locale), titles, analyzer, locale === SOURCE_LOCALE ? undefined : this.sourceConcepts());
      this.indexes.set(locale, index);
    }
    return index;
  }

  /** Per entry id: the concepts said by the source language's phrasings and tags (built once). */
  private sourceConceptsByEntry: ReadonlyMap<string, readonly string[]> | undefined;

  private sourceConcepts(): ReadonlyMap<string, readonly string[]> {
    if (this.sourceConceptsByEntry !== undefined) return this.sourceConceptsByEntry;
    const map = new Map<string, readonly string[]>();
    if (this.catalogue.locales.includes(SOURCE_LOCALE)) {
      const analyzer = new TextAnalyzer(SOURCE_LOCALE, this.catalogue.synonyms(SOURCE_LOCALE));
      const byEntry = this.catalogue.faq(SOURCE_LOCALE).map((entry) => ({
        id: entry.id,
        concepts: new Set([...entry.questions, ...entry.tags].flatMap((text) => analyzer.terms(text)).filter((term) => isConcept(term))),
      }));
      // only concepts that say an entry's own topic (few entries have them): "participate", "project" are in many
      // and, lent to every translation, would blur the entries apart
      const entriesWith = new Map<string, number>();
      for (const { concepts } of byEntry) for (const c of concepts) entriesWith.set(c, (entriesWith.get(c) ?? 0) + 1);
      for (const { id, concepts } of byEntry) map.set(id, [...concepts].filter((c) => (entriesWith.get(c) ?? 0) <= MAX_SOURCE_CONCEPT_ENTRIES));
    }
    this.sourceConceptsByEntry = map;
    return map;
  }

  ask(question: string, locale: Locale): FaqResult {
    // A question is a few lines at most; a pasted document is cut rather than analysed whole.
    const text = question.slice(0, MAX_QUESTION_LENGTH);
    const asked = this.catalogue.resolveLocale(locale);
    const primary = this.askFocused(text, asked);
    if (primary.kind !== 'none' || !this.options.crossLocale) return primary;
    for (const other of CROSS_LOCALES) {
      if (other === asked) continue;
      const result = this.askIn(text, other);
      // Only a confident answer crosses languages; the entry is returned in the asked locale (ids are shared).
      if (result.kind === 'answer') {
        const translated = this.translate(result, asked);
        if (translated !== undefined) return translated;
      }
    }
    return primary;
  }

  explain(question: string, locale: Locale): FaqExplanation {
    const asked = this.catalogue.resolveLocale(locale);
    const index = this.indexOf(asked);
    if (index === undefined) return { locale: asked, terms: [], candidates: [] };
    const terms = index.queryTerms(question);
    const candidates = index
      .rank(terms, 5)
      .map((c) => ({ id: index.entries[c.entry].id, raw: round(c.raw), coverage: round(c.coverage) }));
    return { locale: asked, terms: terms.map((t) => ({ ...t, idf: round(t.idf) })), candidates };
  }

  private translate(result: Extract<FaqResult, { kind: 'answer' }>, locale: Locale): FaqResult | undefined {
    const inLocale = (m: FaqMatch): FaqMatch | undefined => {
      const entry = this.catalogue.faqEntry(locale, m.entry.id);
      return entry === undefined ? undefined : { entry, score: m.score };
    };
    const match = inLocale(result.match);
    if (match === undefined) return undefined;
    const alternatives = result.alternatives.map(inLocale).filter((m): m is FaqMatch => m !== undefined);
    return { kind: 'answer', match, alternatives };
  }

  /**
   * A long message tells a story and asks at the end ("ho lavorato vent'anni in fonderia, ..., ma mi pagano?"): the
   * story's words dilute the question, so when the whole message gets no answer, its question parts are asked on
   * their own, the last first (sentences ending in "?", the part after a colon, the last clause).
   */
  private askFocused(text: string, locale: Locale): FaqResult {
    const whole = this.askIn(text, locale);
    const parts = questionParts(text);
    // A whole message answered is kept: its story may name the topic that a generic question at its end leaves out
    // ("aș vrea să deschid o afacere, ce îmi oferă măsura?" is the self-employment services, not all services),
    // unless the question at its end asks a kind of answer (a cost, a length of time) that the whole's entry does not
    // give and a part's entry does: "..., ho 54 anni e ho paura, volevo sapere se costa qualcosa a noi operai" asks
    // the cost, whatever the story's words (age, the measure's name) rank first.
    if (whole.kind === 'answer') {
      const framed = this.framedPart(parts, locale);
      if (framed === undefined || framed.match.entry.id === whole.match.entry.id) return whole;
      // (only frames asking for one fact, a cost or a length of time: "ce îmi oferă măsura?" after a story about
      // opening a business asks for the services of that story, which the whole message found)
      const asked = frameMatches(parts[0] ?? '', locale).ids.filter((id) => FACT_FRAMES.has(id)).map(frameTerm);
      if (asked.length === 0 || asked.some((frame) => this.answersFrameIn(locale, whole.match.entry, frame))) return whole;
      return asked.some((frame) => this.answersFrameIn(locale, framed.match.entry, frame)) ? framed : whole;
    }
    // Unanswered, the story told the case and the question at its end what is asked: a part that says the kind of
    // question ("hola, trabajaba en una fábrica que cerró y ahora estoy en paro, quería saber si tengo que pagar
    // algo") is answered by an entry of that kind, whatever the story's words rank first
    const framed = this.framedPart(parts, locale);
    if (framed !== undefined) return framed;
    if (parts.length === 0) return whole;
    // how the whole message ranks the entries, even below the suggestion threshold
    const leaning = this.rankedEntries(text, locale);
    for (const part of parts) {
      const result = this.askIn(part, locale);
      if (result.kind !== 'answer') continue;
      const id = result.match.entry.id;
      // when the whole message already pointed at a topic, a part only confirms it (a part alone, "c'è un
      // supporto?", has lost what the story said it is about)
      if (whole.kind === 'suggest' && whole.matches[0]?.entry.id !== id) continue;
      // nor is a part that points back ("..., algo de gol percorso 5, ¿qué es eso?") answered as a question of its
      // own: its entry must rank about as high as any for the whole message
      const top = leaning[0];
      const raw = leaning.find((c) => c.id === id)?.raw ?? 0;
      if (top === undefined || raw >= PART_AGREEMENT * top.raw) return result;
    }
    return whole;
  }

  /** The first question part that says a question frame and is answered by an entry of that frame's kind. */
  private framedPart(parts: readonly string[], locale: Locale): Extract<FaqResult, { kind: 'answer' }> | undefined {
    for (const part of parts) {
      const frames = frameMatches(part, locale).ids.map(frameTerm);
      if (frames.length === 0) continue;
      const result = this.askIn(part, locale);
      if (result.kind !== 'answer') continue;
      if (frames.some((frame) => this.answersFrameIn(locale, result.match.entry, frame))) return result;
    }
    return undefined;
  }

  /** Whether an entry of the locale answers a question frame (questionFrames.ts). */
  private answersFrameIn(locale: Locale, entry: FaqEntry, frame: string): boolean {
    const index = this.indexOf(locale);
    return index !== undefined && index.answersFrame(index.numberOf(entry), frame);
  }

  /** The best-ranked entries for a question with their ranking scores, however weak their match. */
  private rankedEntries(question: string, locale: Locale): Array<{ id: string; raw: number }> {
    const index = this.indexOf(locale);
    if (index === undefined) return [];
    return index.rank(index.queryTerms(question), RERANK_POOL).map((c) => ({ id: index.entries[c.entry].id, raw: c.raw }));
  }

  private askIn(question: string, locale: Locale): FaqResult {
    const index = this.indexOf(locale);
    if (index === undefined) return { kind: 'none' };
    const o = this.options;
    const terms = index.queryTerms(question);
    // "je n'ai pas encore retrouvé de travail": with the case said not to hold set aside, only an everyday word
    // ("encore") is left, which says nothing of a topic; answering from it would answer a question nobody asked
    if (index.leftOnlyEverydayWords(question, terms)) return { kind: 'none' };
    // a relative's own matter with no word of work, crisis or the measure ("come iscrivo mio figlio a scuola?": schools
    // are among the partners, but the question is the child's schooling): out of scope (scope.ts)
    if (asksForFamilyMatter(question, locale) && !terms.some((t) => t.weight > 0 && t.kind === 'anchor')) return { kind: 'none' };
    const candidates = index.rank(terms, Math.max(o.maxSuggestions, o.maxAlternatives + 1) + 2);
    // A runner-up that scores about as high and explains clearly more of the question is the better answer ("can I
    // still apply or is it all closed?": "how to apply" ranks first on "apply", "is the call open" explains it all).
    // whether the question's frame is answered by one entry and not by the other
    const frameDecides = (one: number, other: number): boolean =>
      terms.some((t) => isFrameTerm(t.term) && index.answersFrame(one, t.term) && !index.answersFrame(other, t.term));
    const [first, closeSecond] = candidates;
    if (
      first !== undefined &&
      closeSecond !== undefined &&
      closeSecond.coverage >= o.answerThreshold &&
      ((closeSecond.raw >= o.ambiguityRatio * first.raw && closeSecond.coverage >= first.coverage + COVERAGE_LEAD) ||
        // or explains far more of it, a little lower ("y yo qué gano con esto?": the money entry ranks first on "gano",
        // "what do I get" explains the question): only when it is the question's frame, which the best does not answer,
        // that makes the difference
        (closeSecond.raw >= WIDE_LEAD_RATIO * first.raw &&
          closeSecond.coverage >= first.coverage + WIDE_COVERAGE_LEAD &&
          frameDecides(closeSecond.entry, first.entry)) ||
        // or is as good, and of the type the question's frame asks for while the best is not ("dove devo andare per
        // segnarmi? in comune?": the way in, not the partners that include the comuni)
        (closeSecond.raw >= o.ambiguityRatio * first.raw && closeSecond.coverage >= first.coverage - COVERAGE_LEAD && frameDecides(closeSecond.entry, first.entry)))
    ) {
      candidates[0] = closeSecond;
      candidates[1] = first;
    }
    const top = candidates[0];
    if (top === undefined) return { kind: 'none' };
    const second = candidates[1];
    // A clear winner: far ahead of the runner-up, it explains a good part of the question. Workers' own words
    // ("mi danno dei soldi in mano?", "corsi per imparare un mestiere nuovo") are often words the FAQ never uses,
    // each counting against coverage; when the ranking leaves no doubt about the topic, that is no reason to decline.
    // One such word at most: two ("how do I renew my residence permit?") are more likely another topic altogether.
    const unknown = terms.filter((t) => t.weight === 0 && isEvidence(t.kind));
    const clearLead =
      unknown.length <= 1 &&
      top.coverage >= o.clearWinnerThreshold &&
      (second === undefined || top.raw >= o.clearWinnerMargin * second.raw);
    // Answered only when the topic is said by more than one term of the entry: two that are not everyday words
    // ("posso partecipare se sono in cassa integrazione al capannone?"), or two that explain more of the question
    // than the unknown word takes away ("i dati che vi lascio quanto restano salvati?"). One term of the FAQ beside a
    // word it does not know is as often a question about the unknown thing that uses a word of the FAQ ("chi paga la
    // cena?", "me ndihmoni të gjej një apartament?") as one about the entry ("are there welding training
    // courses?"), and so is an everyday word with a question's concept against a heavy unknown word ("what is the
    // phone number of the pizzeria?"): its entry is offered, not answered.
    const unknownShare = unknown.reduce((sum, t) => sum + evidenceWeight(t.kind) * t.idf, 0) / evidenceTotal(terms);
    const clearWinner = clearLead && (top.sharedTopical >= 2 || (top.shared >= 2 && top.coverage > unknownShare));
    // Only a question's frame known to the FAQ ("how long", "how much does it cost") beside words it never uses that
    // weigh as much as all the entry explains ("how long does the pasta last?": the pasta is the subject): a question
    // about something else (scope.ts)
    const topical = terms.filter((t) => t.weight > 0 && isEvidence(t.kind) && t.kind !== 'weak');
    const onlyFrame = topical.length > 0 && topical.every((t) => FRAME_CONCEPTS.has(t.term) || isFrameTerm(t.term) || t.inFrame === true);
    // (what a question frame explains is set aside here: "chi paga la cena?" is a frame and its unknown subject)
    const frameShare = terms.filter((t) => isFrameTerm(t.term)).reduce((sum, t) => sum + t.weight * t.idf, 0) / evidenceTotal(terms);
    if (onlyFrame && unknown.some((t) => t.kind !== 'weak') && unknownShare >= top.coverage - frameShare) return { kind: 'none' };
    // the frame says what kind of answer is wanted, not that the question is about the measure: beside two or more
    // words the FAQ never uses ("¿cuánto dura la pasta cocida en la nevera?") the rest must show that on its own
    const scopeCoverage = unknown.filter((t) => t.kind !== 'weak').length >= 2 ? top.coverage - frameShare : top.coverage;
    if (scopeCoverage < o.suggestThreshold && !clearLead) return { kind: 'none' };

    // Confidence of each candidate: how much of the question it explains, scaled by its score against the best.
    // (written out rather than spread: a spread copy was a tenth of a question's time)
    const scored = candidates.map((c) => ({
      entry: c.entry,
      raw: c.raw,
      coverage: c.coverage,
      shared: c.shared,
      sharedTopical: c.sharedTopical,
      confidence: c.coverage * Math.sqrt(c.raw / top.raw),
    }));
    const runnerUp = scored[1];
    // (two close entries are no ambiguity when the question's frame tells them apart)
    const ambiguous =
      runnerUp !== undefined &&
      runnerUp.raw >= o.ambiguityRatio * top.raw &&
      runnerUp.coverage >= top.coverage - 0.05 &&
      !frameDecides(top.entry, runnerUp.entry);
    const toMatch = (c: (typeof scored)[number]): FaqMatch => ({ entry: index.entries[c.entry], score: round(c.confidence) });

    if ((top.coverage >= o.answerThreshold || clearWinner) && !ambiguous) {
      const alternatives = scored
        .slice(1)
        .filter((c) => c.confidence >= o.suggestThreshold)
        .slice(0, o.maxAlternatives)
        .map(toMatch);
      return { kind: 'answer', match: toMatch(scored[0]), alternatives };
    }
    // The best topic, the runner-up if it explains anything, and a third only if it is close.
    const close = scored
      .filter((c, i) => i === 0 || (i === 1 && c.coverage > 0) || c.confidence >= o.suggestThreshold * 0.75)
      .slice(0, o.maxSuggestions);
    return { kind: 'suggest', matches: close.map(toMatch) };
  }
}

/**
 * Question frames that ask for one fact whatever the story around them (a date, a length of time, a cost, who pays,
 * money to the worker, a contact, the law): said by the question ending a long message, they decide its answer over
 * the story's words (askFocused). The others ("what do I get", "find me a job") take their topic from the story.
 */
const FACT_FRAMES: ReadonlySet<string> = new Set(['until-when', 'how-long', 'who-pays', 'cost-to-me', 'money-to-me', 'reach', 'funded-by', 'which-law']);

/** The language the FAQ is written in; the others are its translations (same entry ids). */
const SOURCE_LOCALE: Locale = 'it';
/** A source concept is lent to translations only when at most this many entries have it (sourceConcepts). */
const MAX_SOURCE_CONCEPT_ENTRIES = 3;

/** An entry's tag terms with the source's concepts that neither its tags nor its phrasings say (LocaleIndex). */
function withSourceConcepts(tags: string[], phrasingTerms: readonly string[], concepts: readonly string[] | undefined): string[] {
  if (concepts === undefined || concepts.length === 0) return tags;
  const own = new Set([...tags, ...phrasingTerms]);
  return [...tags, ...concepts.filter((c) => !own.has(c))];
}

/** A connective opening a question part ("ma quanto dura?", "pero, ¿cuánto dura?"), in the eight languages. */
const LEADING_CONNECTIVE =
  /^[\s,;:.!?¿¡،؟-]*(ma |e |però |pero |quindi |allora |insomma |cioè |but |and |so |dar |și |deci |y |entonces |mais |et |donc |alors |dhe |pra |але |а |і |то |لكن |بس |و )?/iu;

/** How much more of the question a close runner-up must explain to be answered instead of the best-ranked entry. */
const COVERAGE_LEAD = 0.1;
/** A runner-up ranked at least this fraction of the best that explains this much more of the question is answered. */
const WIDE_LEAD_RATIO = 0.6;
const WIDE_COVERAGE_LEAD = 0.3;

/** A question part's entry is answered when it ranks at least this fraction of the best for the whole message. */
const PART_AGREEMENT = 0.5;

/** Shorter messages are asked whole only. */
const FOCUS_MIN_WORDS = 10;

/** The parts of a long message that may hold its question, most likely first (see askFocused). */
export function questionParts(text: string): string[] {
  if (text.trim().split(/\s+/).length < FOCUS_MIN_WORDS) return [];
  const parts: string[] = [];
  const add = (part: string | undefined): void => {
    const trimmed = part?.replace(LEADING_CONNECTIVE, '').trim();
    if (trimmed && trimmed.split(/\s+/).length >= 2 && trimmed !== text.trim() && !parts.includes(trimmed)) parts.push(trimmed);
  };
  // sentences that end with a question mark (Arabic's too), the last first
  const sentences = text.split(/(?<=[.!?\n؟])\s+/u);
  for (const sentence of [...sentences].reverse()) if (/[?؟]$/u.test(sentence.trim())) add(sentence);
  // a message that marks its question with "?" and goes on after it ("i corsi sono anche di sera? io di giorno lavoro
  // ancora") has told the rest, not asked it: its last clauses are no question part
  const asked = parts.length > 0 && !/[?؟]\s*$/u.test(text);
  // after the last colon ("vorrei capire: quanto dura?"), the last two clauses (a last clause that points back,
  // "..., algo de gol percorso 5, ¿qué es eso?", has its topic in the one before), and the last clause
  if (asked) {
    // ...unless it is itself a question without its mark ("è normale? come faccio a iscrivermi")
    const after = text.slice(Math.max(text.lastIndexOf('?'), text.lastIndexOf('؟')) + 1).replace(LEADING_CONNECTIVE, '').trim();
    if (opensWithQuestionWord(after)) add(after);
    return parts;
  }
  const colon = text.lastIndexOf(':');
  if (colon >= 0) add(text.slice(colon + 1));
  const clauses = text.split(/[,;:.!?\n،؟]+/u).filter((c) => c.trim());
  if (clauses.length >= 3) add(clauses.slice(-2).join(', '));
  add(clauses[clauses.length - 1]);
  return parts;
}

/** The question words of the eight languages, folded (stopwords.ts). */
const ANY_QUESTION_WORD: ReadonlySet<string> = new Set(Object.values(QUESTION_WORDS).flatMap((set) => [...set]));

/** Does a text open with a question word of any of the eight languages ("come faccio", "comment je", "كيف")? */
function opensWithQuestionWord(text: string): boolean {
  const first = foldText(text).split(' ')[0] ?? '';
  return first !== '' && ANY_QUESTION_WORD.has(first);
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function stripUndefined(options: FaqAnswererOptions): Partial<typeof DEFAULTS> {
  const out: Partial<typeof DEFAULTS> = {};
  for (const [key, value] of Object.entries(options) as Array<[keyof typeof DEFAULTS, number | boolean | undefined]>) {
    if (value !== undefined) Object.assign(out, { [key]: value });
  }
  return out;
}

/** Builds the FAQ answerer over the catalogue's FAQ and synonyms (one index per locale, built once). */
export function createFaqAnswerer(catalogue: ContentCatalogue, options: FaqAnswererOptions = {}): IndexedFaqAnswerer {
  return new IndexedFaqAnswerer(catalogue, options);
}
