/**
 * Reads a place out of free text with the gazetteer's index: "lavoro a Rho", "Sesto S. Giovanni", "BS",
 * "provincia di Varese", "I work near Milan", "Sesto San Giovani" (typo), "Castelnuovo" (ambiguous: ask).
 *
 * Candidate spans are word n-grams of the message: exact names first (longest wins), then typos within a small
 * edit distance, then names that are only the first words of comuni. Names that are also everyday words count
 * only when the text marks them as places (see placeWords.ts). The answer is "found" only when one place (or one
 * province) is left; "not in Lombardy" is said only when every reading is outside it.
 */
import { editDistance } from '../../models/text/editDistance';
import { letterSet, surelyFartherThan, typoBudget } from './editDistance';
import { normalize, tokenize, type Token } from './normalize';
import { ABROAD, compactKey, saintKey, shapeOf, type PlaceIndex, type Target } from './placeIndex';
import {
  ANSWER_FILLERS,
  COMMON_NAME_WORDS,
  COMMON_PHRASE_NAMES,
  FIRST_NAMES,
  HOME_CUES,
  LIVING_CUES,
  NEAR_NAME_WORDS,
  NEVER_ALONE,
  PLACE_NOUNS_BEFORE_DE,
  PLACE_NOUNS_BEFORE_DI,
  PLACE_PREPOSITIONS,
  PROVINCE_WORDS,
  SAINT_FORMS,
  UNIT_CUES,
  WORK_CUES,
} from './placeWords';
import type { Lang, PlaceMatch, PlaceOptions, PlaceReading } from './types';
import { memoizeText } from '../../models/text/textMemo';

/** Longest comune name in words ("Pino sulla Sponda del Lago Maggiore" has seven). */
const MAX_NGRAM = 8;
/** Words of a message that are read (see the constructor). */
const MAX_WORDS = 120;
/** Typos are searched in names of at most this many words. */
const MAX_FUZZY_NGRAM = 4;
/** At most this many readings are offered when the bot asks which place. */
const MAX_CANDIDATES = 5;
/** Words that never end a place name, so n-grams ending with them are skipped ("Rho e", "Milano in"). */
const FUNCTION_WORDS = new Set([
  'a', 'ad', 'in', 'di', 'da', 'e', 'ed', 'o', 'con', 'per', 'su', 'tra', 'fra', 'del', 'della', 'dei', 'delle', 'nel',
  'nella', 'al', 'alla', 'sul', 'sulla', 'the', 'of', 'and', 'at', 'to', 'l', 'd', 'un', 'una', 'il', 'la', 'lo', 'le',
  'i', 'gli', 'che', 'ma', 'non', 'mi', 'ci', 'si', 'sono', 'ho', 'is', 'my', 'we',
]);
/** Words before a street name: the name after them is no comune ("a Milano in via Roma 10"). */
const STREET_WORDS = new Set(['via', 'viale', 'corso', 'piazza', 'piazzale', 'largo', 'vicolo', 'strada', 'str', 'v', 'p', 'za', 'street', 'avenue', 'road']);
/** Cities named like an everyday word of one other language, where a capital or Italian "di" marks the city. */
const CITY_WORDS = new Set(['como']);
/** Two-letter province codes that are everyday answers: read as a code only in brackets or after "provincia". */
const SIGLE_NEVER_BARE = new Set(['no', 'si', 'ee']);
/** How far back a word still says what a place is ("la sede legale dell'azienda è a Milano": six words). */
const ROLE_REACH = 6;
/** Words that end the reach of a role word: "abito a Lodi ma lavoro a Milano". */
const ROLE_BREAKERS = new Set([
  'ma', 'mentre', 'invece', 'pero', 'but', 'while', 'whereas',
  // the newer languages' "but", "while", "whereas" (folded): ro, es, fr, sq, uk, ar
  'dar', 'iar', 'insa', 'mientras', 'mais', 'tandis', 'por', 'ndersa', 'kurse', 'але', 'проте', 'однак', 'لكن', 'ولكن', 'لكني', 'لكنني', 'بينما', 'بس',
]);

/**
 * What the text says a place is, from the nearest telling words before it: where the person lives, the firm's
 * registered office (sede legale), or neither (the work site or nothing said). Only the work site counts for the
 * measure ("unità produttive/operative"), so the first two are not read as it.
 */
type PlaceRole = 'home' | 'registeredOffice' | 'site';

/** An Italian infinitive, with or without a clitic: "capire", "trovare", "iscrivermi", "farlo". */
const INFINITIVE = /^\p{L}{2,}(are|ere|ire|arre|orre|urre)(mi|ti|ci|vi|si|lo|la|li|le|ne|gli|glielo|melo|telo)?$|^\p{L}+(ar|er|ir)(mi|ti|ci|vi|si|lo|la|li|le|ne)$/u;

type SpanKind = 'exact' | 'fuzzy' | 'prefix' | 'sigla';

/** Everyday words and first names that are also comuni: read as places only when marked. */
function isCommonWord(word: string): boolean {
  return COMMON_NAME_WORDS.has(word) || FIRST_NAMES.has(word);
}

interface Span {
  start: number;
  end: number;
  targets: Target[];
  kind: SpanKind;
  /** the name counts only if the text marks it as a place (everyday words, very short names, bare sigle) */
  needsMark: boolean;
  /** a bare sigla counts only as the whole answer */
  needsWhole: boolean;
  /** comuni that this exact name is also the first word(s) of ("Sesto" -> Sesto San Giovanni ...) */
  longer?: Target[];
}

const QUALITY: Record<SpanKind, number> = { exact: 3, sigla: 3, fuzzy: 2, prefix: 1 };

function unique(targets: Target[]): Target[] {
  const seen = new Set<string>();
  return targets.filter((t) => {
    const k = `${t.place.provinceCode}|${t.place.comune ?? ''}|${t.provinceName ? 'p' : 'c'}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The names of the index closest to a word group within its typo budget (none when there is none). */
function closestNamesIn(index: PlaceIndex, key: string): readonly string[] {
  const budget = typoBudget(key.replace(/ /g, '').length);
  let best = budget + 1;
  let keys: string[] = [];
  if (budget > 0) {
    const letters = letterSet(key);
    for (let length = key.length - budget; length <= key.length + budget; length++) {
      for (const candidate of index.keysByShape.get(shapeOf(key, length)) ?? []) {
        const max = Math.min(best, budget);
        if (surelyFartherThan(letters, candidate.letters, max)) continue;
        const d = editDistance(key, candidate.key, max);
        if (d < best) {
          best = d;
          keys = [candidate.key];
        } else if (d === best && d <= budget) keys.push(candidate.key);
      }
    }
  }
  return best > budget ? [] : keys;
}

/** closestNamesIn, remembered per index (Reader.closestNames). */
const closestNamesOf = new WeakMap<PlaceIndex, (key: string) => readonly string[]>();

class Reader {
  private readonly tokens: Token[];
  private readonly norms: string[];
  private readonly caseInformative: boolean;
  /** at most three words that are not lead-in ("lavoro a Seirate") */
  private readonly shortAnswer: boolean;

  constructor(
    private readonly index: PlaceIndex,
    private readonly text: string,
    private readonly answerMode: boolean,
  ) {
    // a place is said early; further words of a pasted text would mostly add places named in passing
    this.tokens = tokenize(text).slice(0, MAX_WORDS);
    this.norms = this.tokens.map((t) => t.norm);
    this.shortAnswer = this.norms.filter((w) => !ANSWER_FILLERS.has(w) && !PROVINCE_WORDS.has(w)).length <= 3;
    // in a message typed all in capitals (or all in lowercase) capitals say nothing
    this.caseInformative = /\p{Ll}/u.test(text) && /\p{Lu}/u.test(text);
  }

  read(): PlaceReading {
    if (this.tokens.length === 0) return { kind: 'none' };
    const spans = this.select(this.accept(this.collect()));
    const reading = this.combine(spans);
    if (reading.kind !== 'found') return reading;
    // a home or registered office named beside the site: kept aside, and said so by the dialog
    // (not when it is the site's own province: "lavoro e abito a Milano" needs no such word)
    const elsewhere = spans.filter((s) => !this.readingsOf(s).some((t) => t.place.provinceCode === reading.place.provinceCode));
    const setAside = elsewhere.map((s) => this.roleOf(s)).find((role): role is 'home' | 'registeredOffice' => role !== 'site');
    return setAside ? { ...reading, setAside } : reading;
  }

  // ---- candidates -------------------------------------------------------------------------------------------

  private collect(): Span[] {
    const spans: Span[] = [];
    const n = this.norms.length;
    for (let i = 0; i < n; i++) {
      for (let len = Math.min(MAX_NGRAM, n - i); len >= 1; len--) {
        const words = this.norms.slice(i, i + len);
        const last = words[words.length - 1];
        if (FUNCTION_WORDS.has(last) && len > 1 && !this.isDotted(i + len - 1)) continue;
        const key = words.join(' ');
        const exact = this.lookup(words, i);
        const single = len === 1;
        if (exact.length > 0) {
          if (single && NEVER_ALONE.has(key)) continue;
          const longer = this.index.prefix.get(key);
          spans.push({
            start: i,
            end: i + len,
            targets: exact,
            kind: 'exact',
            needsMark: (single && (isCommonWord(key) || key.length <= 3)) || COMMON_PHRASE_NAMES.has(key),
            needsWhole: false,
            longer: longer && longer.length > 0 ? longer : undefined,
          });
          continue;
        }
        // "Castelnuovo", "San Donato": the first words of several names (never a lone "San" or "Villa")
        if (len <= 3 && key.length >= 4 && !NEVER_ALONE.has(last)) {
          const prefixed = this.index.prefix.get(key) ?? this.index.prefix.get(saintKey(words));
          if (prefixed && prefixed.length > 0) {
            spans.push({ start: i, end: i + len, targets: prefixed, kind: 'prefix', needsMark: isCommonWord(last), needsWhole: false });
          }
        }
      }
      const sigla = this.sigla(i);
      if (sigla) spans.push(sigla);
    }
    spans.push(...this.typos(spans));
    return spans;
  }

  /** Exact, fused, saint-abbreviated and initial-abbreviated readings of these words. */
  private lookup(words: string[], start: number): Target[] {
    const key = words.join(' ');
    const fused = compactKey(key);
    const found = [
      ...(this.index.exact.get(key) ?? []),
      ...(this.index.compact.get(fused) ?? []),
      ...(this.index.saint.get(saintKey(words)) ?? []),
    ];
    // "San Remo" -> Sanremo, "Borgo Carbonara" -> Borgocarbonara: words typed apart, never from short words
    if (words.length > 1 && words.every((w) => w.length >= 3) && fused.length >= 6) found.push(...(this.index.exact.get(fused) ?? []));
    if (found.length === 0 && words.length > 1) found.push(...this.abbreviated(words, start));
    return unique(found);
  }

  /** A word typed with a dot after it: "A." in "Busto A.", "Mil." in "S. Donato Mil.". */
  private isDotted(i: number): boolean {
    const t = this.tokens[i];
    return this.text.slice(t.end, t.end + 1) === '.' && t.norm.length <= 4;
  }

  /** "Cologno M.", "Busto A.": a word typed with a dot, or a single letter, stands for a word it begins. */
  private abbreviated(words: string[], start: number): Target[] {
    const isAbbrev = (j: number): boolean => words[j].length === 1 || this.isDotted(start + j);
    if (!words.some((_, j) => isAbbrev(j))) return [];
    const first = SAINT_FORMS.has(words[0]) ? 's' : words[0];
    const out: Target[] = [];
    for (const rec of this.index.byFirstToken.get(first) ?? []) {
      if (rec.tokens.length !== words.length) continue;
      const fits = rec.tokens.every((w, j) => {
        const u = words[j];
        if (u === w) return true;
        if (SAINT_FORMS.has(u) && SAINT_FORMS.has(w)) return true;
        return isAbbrev(j) && w.startsWith(u);
      });
      if (fits) out.push(...rec.targets);
    }
    return out;
  }

  /** "BS", "(MI)", "prov. Lodi" already handled by names: here the two-letter codes. */
  private sigla(i: number): Span | undefined {
    const norm = this.norms[i];
    if (norm.length !== 2 || !this.index.sigle.has(norm)) return undefined;
    const province = this.index.provinces.get(norm.toUpperCase());
    if (!province) return undefined;
    const raw = this.tokens[i].raw;
    const bracketed = /\(\s*$/.test(this.text.slice(0, this.tokens[i].start)) && /^\s*\)/.test(this.text.slice(this.tokens[i].end));
    const upper = raw === raw.toUpperCase() && this.caseInformative;
    const afterProvinceWord = i > 0 && PROVINCE_WORDS.has(this.norms[i - 1]);
    const strong = bracketed || afterProvinceWord || (upper && !SIGLE_NEVER_BARE.has(norm));
    if (!strong && SIGLE_NEVER_BARE.has(norm)) return undefined;
    const target: Target = {
      place: { provinceCode: province.code, provinceName: province.name, region: province.region, inLombardy: province.inLombardy },
      population: 0,
      override: false,
      provinceName: true,
    };
    return { start: i, end: i + 1, targets: [target], kind: 'sigla', needsMark: false, needsWhole: !strong };
  }

  /** Names within a small edit distance, for word groups that matched nothing exactly. */
  private typos(found: Span[]): Span[] {
    const out: Span[] = [];
    const n = this.norms.length;
    // a word group that is a name, or the first words of names ("Castiglione", "Cassano"), is no typo
    const coveredExactly = (a: number, b: number): boolean =>
      found.some((s) => (s.kind === 'prefix' ? s.start === a && s.end === b : s.start <= a && s.end >= b));
    for (let i = 0; i < n; i++) {
      for (let len = 1; len <= Math.min(MAX_FUZZY_NGRAM, n - i); len++) {
        const words = this.norms.slice(i, i + len);
        const first = words[0];
        const last = words[words.length - 1];
        if (FUNCTION_WORDS.has(first) || FUNCTION_WORDS.has(last) || NEVER_ALONE.has(first) || NEVER_ALONE.has(last)) continue;
        if (words.some((w) => /\d/.test(w))) continue;
        if (len === 1 && (isCommonWord(first) || NEAR_NAME_WORDS.has(first))) continue;
        // "aiutatemi a capire", "a trovare lavoro": after "a" an infinitive is a verb, never a misspelt comune
        // (exact names such as "Altare" are read before typos and are not concerned)
        if (len === 1 && INFINITIVE.test(first)) continue;
        // a misspelt single word counts only as the whole answer or after "a"/"in" (see accept): check that first
        if (len === 1 && !this.hasPlacePreposition(i) && !(this.answerMode && this.shortAnswer)) continue;
        if (coveredExactly(i, i + len)) continue;
        const key = words.join(' ');
        let keys = this.closestNames(key);
        // a name written as it sounds in the worker's own spelling ("Treviljo", "Kremona", "Lekko"): read in Italian's
        const italianSpelling = asItalianSpelling(key);
        if (keys.length === 0 && italianSpelling !== key) keys = this.closestNames(italianSpelling);
        if (keys.length === 0) continue;
        const targets = unique(keys.flatMap((k) => this.index.exact.get(k) ?? []));
        out.push({ start: i, end: i + len, targets, kind: 'fuzzy', needsMark: len === 1, needsWhole: false });
      }
    }
    return out;
  }

  /**
   * The names closest to a word group within its typo budget (none when there is none). Remembered for the index
   * (bounded, see memoizeText): a pasted text repeats its word groups, and workers' words repeat from message to
   * message.
   */
  private closestNames(key: string): readonly string[] {
    let closest = closestNamesOf.get(this.index);
    if (!closest) {
      const index = this.index;
      closest = memoizeText((k) => closestNamesIn(index, k), 5000, 100);
      closestNamesOf.set(index, closest);
    }
    return closest(key);
  }

  // ---- which candidates count --------------------------------------------------------------------------------

  private accept(all: Span[]): Span[] {
    // "via Roma", "corso Como", "viale Monza" are streets, not places
    const spans = all.filter((s) => !STREET_WORDS.has(this.norms[s.start - 1] ?? ''));
    const unconditional = spans.filter((s) => !s.needsMark && !s.needsWhole);
    return spans.filter((s) => {
      if (s.needsWhole) return this.answerMode && this.isWhole(s, unconditional);
      if (!s.needsMark) return true;
      if (this.accentSaysOtherWord(s)) return false;
      if (this.hasPlacePreposition(s.start)) return true;
      if (this.isCityWord(s)) return true;
      if (!this.answerMode) return false; // in passing, only "a Erba" marks a common word as a place
      if (this.isWhole(s, unconditional)) return true;
      // a capital marks a name, but a typo of a capitalised word is more likely a person ("sono Marco")
      return s.kind !== 'fuzzy' && this.isCapitalisedInside(s.start);
    });
  }

  /**
   * An everyday word typed with an accent that the comune's name does not have is that word, never the place:
   * Spanish "cómo" (how) is not Como, Italian "però" (but) is not Pero. Names reached through another spelling
   * ("Milán" for Milano) are not concerned.
   */
  private accentSaysOtherWord(span: Span): boolean {
    if (span.kind !== 'exact' || span.end - span.start !== 1) return false;
    const raw = this.tokens[span.start].raw.toLowerCase();
    const folded = this.norms[span.start];
    if (raw === folded) return false;
    return span.targets.every((t) => {
      const name = t.place.comune ?? t.place.provinceName;
      return normalize(name) === folded && name.toLowerCase() !== raw;
    });
  }

  /**
   * A word that is a city's name and an everyday word of only one language (Spanish "como"): capitalised inside a
   * sentence, or after Italian "di"/"da" ("l'azienda di Como", "vengo da como"), it is the city even in passing.
   */
  private isCityWord(span: Span): boolean {
    if (span.kind !== 'exact' || span.end - span.start !== 1 || !CITY_WORDS.has(this.norms[span.start])) return false;
    return this.isCapitalisedInside(span.start) || ['di', 'da'].includes(this.norms[span.start - 1] ?? '');
  }

  /** Everything around the span is lead-in ("lavoro a ...") or another place word ("Erba, provincia di Como"). */
  private isWhole(span: Span, others: Span[]): boolean {
    return this.norms.every((w, i) => {
      if (i >= span.start && i < span.end) return true;
      if (ANSWER_FILLERS.has(w) || PROVINCE_WORDS.has(w)) return true;
      return others.some((o) => o !== span && i >= o.start && i < o.end);
    });
  }

  private hasPlacePreposition(i: number): boolean {
    const prev = this.norms[i - 1];
    if (prev === undefined) return false;
    if (PLACE_PREPOSITIONS.has(prev) || PROVINCE_WORDS.has(prev)) return true;
    if (['nel', 'nella', 'nei', 'nell', 'dal', 'dalla'].includes(prev)) return true;
    // Romanian "la" (at) after working or living: "lucrez la Lodi", "stau la Erba" (in Italian "la" is an article)
    if (prev === 'la' && (UNIT_CUES.has(this.norms[i - 2] ?? '') || LIVING_CUES.has(this.norms[i - 2] ?? ''))) return true;
    if (prev === 'de') return PLACE_NOUNS_BEFORE_DE.has(this.norms[i - 2] ?? '');
    return prev === 'di' && PLACE_NOUNS_BEFORE_DI.has(this.norms[i - 2] ?? '');
  }

  /** "ho lavorato a lungo alla Brembo di Curno": a capital after the first word of a sentence marks a name. */
  private isCapitalisedInside(i: number): boolean {
    if (!this.caseInformative || i === 0) return false;
    const t = this.tokens[i];
    if (t.raw[0] !== t.raw[0].toUpperCase() || t.raw[0] === t.raw[0].toLowerCase()) return false;
    const gap = this.text.slice(this.tokens[i - 1].end, t.start);
    // Spanish opens a question or an exclamation with "¿" and "¡": "Hola, ¿Cómo ..." starts a sentence
    return !/[.!?¿¡]/.test(gap);
  }

  /** Keeps the best non-overlapping spans: more words first, then exact over typo over prefix. */
  private select(spans: Span[]): Span[] {
    const ordered = [...spans].sort(
      (a, b) => b.end - b.start - (a.end - a.start) || QUALITY[b.kind] - QUALITY[a.kind] || a.start - b.start,
    );
    const kept: Span[] = [];
    for (const s of ordered) if (!kept.some((k) => s.start < k.end && s.end > k.start)) kept.push(s);
    return kept.sort((a, b) => a.start - b.start);
  }

  // ---- one reading ---------------------------------------------------------------------------------------------

  private provinceCue(span: Span): boolean {
    const before = this.norms.slice(Math.max(0, span.start - 2), span.start);
    // "Varese provincia" names the province; "Castiglione, provincia di Varese" does not make Castiglione one
    const after = this.norms[span.end];
    const afterThat = this.norms[span.end + 1];
    const trailing = after !== undefined && PROVINCE_WORDS.has(after) && !['di', 'of', 'del', 'della'].includes(afterThat ?? '');
    return before.some((w) => PROVINCE_WORDS.has(w)) || trailing;
  }

  /** A span's readings once province names are settled: "Varese" is the comune unless "provincia di Varese". */
  private readingsOf(span: Span): Target[] {
    if (span.kind === 'sigla') return span.targets;
    const provinces = span.targets.filter((t) => t.provinceName);
    const places = span.targets.filter((t) => !t.provinceName);
    if (this.provinceCue(span)) {
      if (provinces.length > 0) return provinces;
      // "provincia di Monza": the province of that comune
      return unique(places.map((t) => ({ ...t, place: provinceOf(t.place), provinceName: true })));
    }
    return places.length > 0 ? places : provinces;
  }

  private combine(spans: Span[]): PlaceReading {
    const all = spans.map((s) => ({ span: s, targets: this.readingsOf(s), role: this.roleOf(s) })).filter((r) => r.targets.length > 0);
    // the home and the registered office are not the work site: left out, and said so when nothing else is left
    const read = all.filter((r) => r.role === 'site');
    if (read.length === 0) {
      const excluded = all.find((r) => r.role !== 'site');
      return excluded && excluded.role !== 'site' ? { kind: 'none', excluded: excluded.role } : { kind: 'none' };
    }
    // a place abroad ("Lugano", "Svizzera") is a place of its own, not a province that narrows another name down
    const isNamed = (t: Target): boolean => t.place.comune !== undefined || t.place.provinceCode === ABROAD.code;
    const provinceOnly = read.filter((r) => !r.targets.some(isNamed));
    const named = read.filter((r) => r.targets.some(isNamed));
    if (named.length === 0) return resolve(provinceOnly.flatMap((r) => r.targets));

    // a province said alongside narrows the name down: "Castiglione (MN)", "Calcio, provincia di Bergamo"
    const provinceCodes = new Set(provinceOnly.flatMap((r) => r.targets.map((t) => t.place.provinceCode)));
    const narrowed = named.map((r) => {
      const inProvince = r.targets.filter((t) => provinceCodes.has(t.place.provinceCode));
      return { ...r, targets: inProvince.length > 0 ? inProvince : r.targets, agrees: inProvince.length > 0 };
    });
    const scored = narrowed.map((r) => ({ ...r, score: this.cueScore(r.span) + (r.agrees ? 1 : 0) + QUALITY[r.span.kind] }));
    const top = Math.max(...scored.map((r) => r.score));
    const best = scored.filter((r) => r.score === top);
    if (best.length === 1) return resolveSpan(best[0].span, best[0].targets);
    const readings = best.map((r) => resolveSpan(r.span, r.targets));
    const places = readings.flatMap((r) => (r.kind === 'found' ? [r.place] : r.kind === 'ambiguous' ? r.candidates : []));
    if (new Set(places.map((p) => p.provinceCode)).size === 1) return readings[0];
    return resolve(best.flatMap((r) => r.targets));
  }

  /**
   * The role of a place from the nearest telling word before it, within its clause: "abito a Como" (home), "la sede
   * legale è a Milano" (registered office), "lavoro a Lugano" or nothing (site). "Lavoro e abito a Como" names both
   * at once, so Como is the site.
   */
  private roleOf(span: Span): PlaceRole {
    for (let i = span.start - 1, seen = 0; i >= 0 && seen < ROLE_REACH; i--, seen++) {
      const w = this.norms[i];
      if (ROLE_BREAKERS.has(w) || /[,;.!?]/.test(this.text.slice(this.tokens[i].end, this.tokens[i + 1].start))) return 'site';
      if ((w === 'legale' || w === 'sociale' || w === 'legal') && ['sede', 'sedi'].includes(this.norms[i - 1] ?? '')) return 'registeredOffice';
      if (w === 'office' && this.norms[i - 1] === 'registered') return 'registeredOffice';
      if (UNIT_CUES.has(w)) return 'site';
      if (LIVING_CUES.has(w)) {
        const joined = ['e', 'ed', 'and'].includes(this.norms[i - 1] ?? '') && UNIT_CUES.has(this.norms[i - 2] ?? '');
        return joined ? 'site' : 'home';
      }
    }
    return 'site';
  }

  /** Prefers the work site over the home town when a message names both ("abito a Lodi ma lavoro a Milano"). */
  private cueScore(span: Span): number {
    const before = this.norms.slice(Math.max(0, span.start - 4), span.start);
    if (before.some((w) => HOME_CUES.has(w))) return -2;
    // the unit where the person works beats a "sede" that may be the head office ("la sede è a Milano, io lavoro
    // nel magazzino di Piacenza")
    if (before.some((w) => UNIT_CUES.has(w))) return 3;
    if (before.some((w) => WORK_CUES.has(w))) return 2;
    return 0;
  }
}

function resolveSpan(span: Span, targets: Target[]): PlaceReading {
  // "Lodi" is Lodi, not Lodi Vecchio; "Sesto" (a small comune in South Tyrol) may well be Sesto San Giovanni
  if (span.longer && targets.length === 1 && targets[0].place.comune !== undefined) {
    const biggestLonger = Math.max(...span.longer.map((t) => t.population));
    if (targets[0].population < biggestLonger) return resolve([...targets, ...span.longer]);
  }
  return resolve(targets);
}

/**
 * How an Italian name written by ear in Romanian, Albanian, Slavic or Spanish spelling is spelt in Italian: "lj" is
 * "gli" (Treviljo), "nj" is "gn" (Bonjo), "k" is "c" or "ch" (Kremona, Lekko,
 * Kiari), "sh" is "sc", "y" is "i". Tried only when the word group is near no name as typed.
 */
function asItalianSpelling(key: string): string {
  return key
    .replace(/lj/g, 'gli')
    .replace(/nj/g, 'gn')
    .replace(/sh(?=[ei])/g, 'sc')
    .replace(/kk/g, 'cc')
    .replace(/k(?=[eiy])/g, 'ch')
    .replace(/k/g, 'c')
    .replace(/y/g, 'i');
}

/** The province of a place, without the comune. */
function provinceOf(p: PlaceMatch): PlaceMatch {
  return { provinceCode: p.provinceCode, provinceName: p.provinceName, region: p.region, inLombardy: p.inLombardy };
}

function byLikelihood(a: Target, b: Target): number {
  // this is a Lombard measure: Lombard readings are offered first, then the biggest places
  return Number(b.place.inLombardy) - Number(a.place.inLombardy) || b.population - a.population;
}

/** One reading from candidate targets. Places are copied: the index is shared by every conversation. */
function resolve(all: Target[]): PlaceReading {
  let targets = unique(all);
  if (targets.some((t) => t.override)) targets = targets.filter((t) => t.override);
  const places = dedupePlaces(targets);
  if (places.length === 0) return { kind: 'none' };
  if (places.length === 1) return { kind: 'found', place: { ...places[0].place } };
  // surely outside Lombardy whichever is meant: say so, naming the biggest
  if (places.every((t) => !t.place.inLombardy)) {
    return { kind: 'found', place: { ...[...places].sort(byLikelihood)[0].place } };
  }
  // one province whichever comune is meant: the province is sure
  const codes = new Set(places.map((t) => t.place.provinceCode));
  if (codes.size === 1) return { kind: 'found', place: provinceOf(places[0].place) };
  return { kind: 'ambiguous', candidates: [...places].sort(byLikelihood).slice(0, MAX_CANDIDATES).map((t) => ({ ...t.place })) };
}

function dedupePlaces(targets: Target[]): Target[] {
  const byKey = new Map<string, Target>();
  for (const t of targets) {
    const k = `${t.place.provinceCode}|${t.place.comune ?? ''}`;
    const prev = byKey.get(k);
    if (!prev || t.population > prev.population) byKey.set(k, t);
  }
  return [...byKey.values()];
}

export function readPlace(index: PlaceIndex, text: string, _lang: Lang, options: PlaceOptions = {}): PlaceReading {
  return new Reader(index, text, (options.context ?? 'answer') === 'answer').read();
}

