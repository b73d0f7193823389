/**
 * A small cue engine shared by the status and crisis recognisers: ordered regular expressions over normalised
 * clauses, with negation, uncertainty and time markers. Order is priority: an earlier cue "consumes" its words, so
 * a later, more generic cue cannot read them again ("sto per essere licenziato" is AT_RISK and its "licenziato" must
 * not count as UNEMPLOYED).
 */
import { foldAccents, normalize, rawClauses, verbEPositions } from './normalize';
import type { Lang } from './types';
import { memoizeText } from '../../models/text/textMemo';

export interface Cue<T> {
  /** tested on a normalised clause: lowercase, no accents, words separated by single spaces */
  re: RegExp;
  value: T;
  /** weak cues decide only when no strong cue is present ("cerco lavoro" means unemployed unless more is said) */
  weak?: boolean;
}

export interface CueHit<T> {
  value: T;
  weak: boolean;
  clause: number;
  /** word offset of the hit inside its clause */
  start: number;
  negated: boolean;
  /** inside "non so se ...", "forse", "not sure whether ..." */
  uncertain: boolean;
  /** the clause speaks of the present ("ora", "adesso", "now") */
  current: boolean;
  /**
   * a wish, a search, a purpose or a condition comes just before ("mi aiuta a trovare un nuovo lavoro?", "I want a new
   * job", "se trovo un altro lavoro"): what follows is not something the person has
   */
  wished: boolean;
  /**
   * the clause tells a rumour or talk ("ci sono voci di chiusura", "si dice che chiude", "there's talk of layoffs"):
   * what it says is to be verified, not known (the crisis reader takes it as "not sure")
   */
  rumoured: boolean;
}

/** Words that negate a cue that follows them closely. "no" is not here: it is an answer, not a negator. */
const NEGATORS = new Set(['non', 'mai', 'neanche', 'nemmeno', 'neppure', 'niente', 'nessuna', 'not', 'never', 'cannot', 't', 'nor',
  // the other languages' negators that are no Italian or English word (Spanish "no" is an answer, like Italian's)
  'nu', 'nuk', 'не', 'ні', 'لا', 'لم', 'لن', 'ليس', 'لست', 'مش', 'pas', 'jamais', 'nunca']);
/**
 * Words that end a negation's reach: "l'azienda non paga e sono in cassa" does not negate "in cassa". "e" is also
 * the verb "è" once accents are folded: see isScopeBreaker.
 */
const SCOPE_BREAKERS = new Set(['e', 'ed', 'and', 'che', 'perche', 'quindi', 'poi', 'then', 'so', 'because', 'o', 'or',
  // the newer languages' "and", "because", "so" ("no cobro la NASpI porque ya encontré otro trabajo")
  'y', 'porque', 'pues', 'asi', 'et', 'car', 'parce', 'donc', 'iar', 'deoarece', 'fiindca', 'caci', 'deci', 'dhe', 'sepse', 'pra', 'бо', 'тому', 'але', 'та', 'і', 'й', 'لان', 'لانه', 'لاني', 'لانني', 'لكن', 'بس', 'حيث']);
/**
 * How many words back a negator still reaches: "non sono stato ancora licenziato" needs four, "non ho mai lavorato in
 * un'azienda in crisi" six. The scope ends earlier at a conjunction or a new clause.
 */
const NEGATION_REACH = 6;
/**
 * Verbs that take a negator for themselves: in "non so dove sia, sono in cassa" or "I don't know, I'm on furlough"
 * the "non"/"not" is about knowing, not about what follows (doubt is read by UNCERTAIN).
 */
const NEGATION_TAKERS = new Set(['so', 'sappiamo', 'sa', 'ricordo', 'capisco', 'know', 'remember', 'understand',
  // the newer languages' "know" and "remember" that are no Italian or English word ("nu știu", "не знаю", "ما نعرف")
  'stiu', 'sais', 'recuerdo', 'знаю', 'пам', 'اعرف', 'نعرف', 'عارف', 'بعرف', 'ادري', 'عرفت']);

/**
 * Is the word at `index` a conjunction that ends a negation's scope? Not when it is the verb "è" typed with its
 * accent (`verbE`), nor right after a negator ("non e fallita", "non so": "and"/"so" never follow "non").
 */
function isScopeBreaker(words: string[], index: number, verbE: ReadonlySet<number>): boolean {
  const w = words[index];
  if (!SCOPE_BREAKERS.has(w)) return false;
  // right after a negator a conjunction is impossible: "non e" is "non è", "non so" is "I don't know"
  if (index > 0 && NEGATORS.has(words[index - 1])) return false;
  if (w === 'e' && verbE.has(index)) return false;
  return true;
}

/**
 * Negators of one language that are ordinary words of another, left out when the text is in that other language:
 * Romanian "mai" is "still, more" ("mai am contract", "inca mai lucrez"), not Italian "mai" (never); Albanian "pas"
 * is "after" ("pas pushimit gjeta punë"), not French "pas".
 */
const NOT_NEGATORS_IN: Partial<Readonly<Record<Lang, ReadonlySet<string>>>> = { ro: new Set(['mai']), sq: new Set(['pas']) };

/**
 * Negators of one language that are ordinary words (or answers) in another, counted only when the text is in that
 * language: Spanish "no" ("no estoy en cassa integrazione": Italian's and English's "no" is an answer, "no, sono in
 * cassa"), Romanian "n-" ("n-am NASpI") and "niciodată", Albanian "s'" ("s'marr NASpI"; English "it's") and "kurrë",
 * the Arabic dialects' "ما ...ش" ("ما عنديش NASpI"), Moroccan "ماشي" ("ماشي فالكاسا"), Gulf "مو", and "غير".
 */
const NEGATORS_IN: Partial<Readonly<Record<Lang, ReadonlySet<string>>>> = {
  es: new Set(['no', 'ni', 'tampoco']),
  ro: new Set(['n', 'niciodata', 'nici']),
  sq: new Set(['s', 'kurre', 'kurr']),
  ar: new Set(['ما', 'ماشي', 'مو', 'مب', 'غير', 'معنديش', 'ماعنديش', 'ماعندي', 'مافيش', 'مفيش', 'مافي', 'ماكاينش', 'مكاينش', 'ماكانش', 'ماخدتش']),
};

/** Verbs of knowing that are words of another language elsewhere: Spanish "no sé" (Italian "se" is "if"), Albanian "nuk di". */
const NEGATION_TAKERS_IN: Partial<Readonly<Record<Lang, ReadonlySet<string>>>> = { es: new Set(['se']), sq: new Set(['di']) };

/** Words after a negator that turn it into something else: "non solo X", "non appena X" affirm X; Arabic "ما زلت" is "still". */
const NOT_NEGATING_NEXT = new Set(['solo', 'appena', 'only', 'زلت', 'زال', 'زالت', 'زلنا', 'زالوا', 'زلتش']);

type Negation = 'negated' | 'plain' | 'doubted';

function negationOf(before: string[], verbE: ReadonlySet<number>, lang?: Lang): Negation {
  const notNegators = lang === undefined ? undefined : NOT_NEGATORS_IN[lang];
  const ownNegators = lang === undefined ? undefined : NEGATORS_IN[lang];
  const ownTakers = lang === undefined ? undefined : NEGATION_TAKERS_IN[lang];
  for (let i = before.length - 1, seen = 0; i >= 0 && seen < NEGATION_REACH; i--, seen++) {
    const w = before[i];
    if (isScopeBreaker(before, i, verbE)) return 'plain';
    if ((NEGATORS.has(w) && !notNegators?.has(w)) || ownNegators?.has(w) === true) {
      const next = before[i + 1];
      // "non solo X" and "non appena X" affirm X
      if (next !== undefined && NOT_NEGATING_NEXT.has(next)) return 'plain';
      // "non so ... X" / "I don't know about X": the negation is the verb's own, and X is in doubt
      if (next !== undefined && (NEGATION_TAKERS.has(next) || ownTakers?.has(next) === true)) return 'doubted';
      return 'negated';
    }
  }
  return 'plain';
}

/**
 * Words that make what follows them wished for, looked for or supposed rather than told: infinitives of finding and
 * getting, "I want / would like / hope / need", "looking for", "if". Only forms that cannot be a past: "trouvé" folds
 * to "trouve", so French "trouve" is not here, nor Romanian "gasit" or Albanian "gjeta". Folded as the text is.
 */
const WISH_WORDS = new Set(
  [
    // it
    'trovare', 'trovarne', 'trovarmi', 'trovo', 'trovassi', 'cercare', 'cerco', 'cerchiamo', 'cercando', 'ricerca', 'vorrei', 'voglio', 'vogliamo',
    'vorremmo', 'desidero', 'spero', 'speriamo', 'sperare', 'avere', 'ottenere', 'serve', 'servirebbe',
    // en
    'find', 'finding', 'look', 'looking', 'seek', 'seeking', 'get', 'getting', 'land', 'want', 'wanting', 'hope', 'hoping', 'need',
    'search', 'searching', 'apply', 'applying', 'if', 'whether', 'would',
    // es
    'encontrar', 'buscar', 'busco', 'buscando', 'buscamos', 'conseguir', 'consigo', 'consiga', 'quiero', 'queremos', 'quisiera',
    'espero', 'esperamos', 'necesito', 'tener', 'obtener', 'encuentro', 'encuentre',
    // fr
    'trouver', 'chercher', 'cherche', 'cherchons', 'recherche', 'obtenir', 'avoir', 'veux', 'voudrais', 'voulons', 'espere',
    'esperons', 'besoin', 'decrocher',
    // ro
    'caut', 'cautam', 'cauta', 'gasi', 'gasesc', 'vreau', 'vrem', 'vrea', 'sper', 'speram', 'obtine', 'daca', 'ajuta',
    // sq
    'gjej', 'gjejme', 'kerkoj', 'kerkojme', 'dua', 'duam', 'shpresoj', 'nese', 'nqs',
    // uk
    'знайти', 'шукаю', 'шукати', 'шукаємо', 'хочу', 'хочемо', 'хотів', 'хотіла', 'хотілося', 'сподіваюсь', 'сподіваюся', 'отримати',
    'мати', 'якщо', 'потрібна', 'треба', 'влаштуватися',
    // ar
    'بدي', 'اريد', 'ابغى', 'ابغي', 'عايز', 'عاوز', 'حابب', 'ابحث', 'بدور', 'ادور', 'الاقي', 'القى', 'اجد', 'نجد', 'ايجاد', 'لو', 'اذا', 'نلقى',
  ].map((w) => foldAccents(w)),
);
/** How many words back a wish still reaches: "mi aiuta a trovare presto un nuovo lavoro" needs four. */
const WISH_REACH = 4;

function wishedBefore(before: string[], verbE: ReadonlySet<number>): boolean {
  for (let i = before.length - 1, seen = 0; i >= 0 && seen < WISH_REACH; i--, seen++) {
    if (isScopeBreaker(before, i, verbE)) return false;
    if (WISH_WORDS.has(before[i])) return true;
  }
  return false;
}

const UNCERTAIN = /\b(non so se|non sappiamo se|non sono sicur[oa] (se|che)|non e chiaro se|forse|magari|don t know (if|whether)|do not know (if|whether)|not sure (if|whether|that)|maybe|perhaps|i wonder if)\b/;
/**
 * Rumour and talk, in the eight languages, folded as the text is: "voci di chiusura", "si dice che", "girano voci",
 * "there's talk of", "se zvonește", "se dice que", "il paraît que", "flitet se", "ходять чутки", "في اشاعات".
 */
const RUMOUR = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${foldAccents(
    [
      'voci (di|che|su|sulla|sul|sullo|sulle|sui|riguardo|in giro|di corridoio)|voce (che|di)|girano (delle )?voci|gira (la )?voce|corre voce|si vocifera|si mormora|si dice|dicono in giro|si sente dire|ho sentito dire|pettegolezz[io]|indiscrezion[ie]|si parla di|pare che|sembra che|radio fabbrica',
      'rumou?rs?|rumou?red|there s talk|there is talk|talk of|word is|gossip|hearsay|i heard that|allegedly|apparently|people say|they say',
      'zvon(uri|ul|uri ca)?|se zvoneste|se zice|se vorbeste|umbla vorba|am auzit ca|cica|barfe',
      'rumor(es)?|se rumorea|se dice|dicen que|se habla de|corre la voz|chisme|he oido que|parece que|dicen por ahi',
      'rumeurs?|bruits? (qui )?court|des bruits|on dit que|il parait que|parait que|on parle de|on entend dire|ragots?|j ai entendu dire',
      'thashetheme|flitet|thuhet se|thone se|kam degjuar se|ka zera|zera se|zera per|zerat',
      'чутки|чуток|ходять чутки|подейкують|кажуть що|говорять що|начебто|нібито|слухи|ходят слухи|говорят что|кажуть|говорять',
      'اشاعات|اشاعه|شايعات|شايعه|بيقولوا|بيقولو|يقولون|كيقولو|كيقولوا|سمعت ان|سمعت انو|في كلام|فيه كلام|كاين الهضره|بيحكوا|عم يحكوا|حكي عن',
    ].join('|'),
  )})(?![\\p{L}\\p{N}])`,
  'u',
);
const CURRENT = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${foldAccents(
    [
      'ora|adesso|attualmente|oggi|al momento|in questo momento|per ora|da poco|now|currently|at the moment|today|at present|these days|right now',
      // the six newer languages' "now": a present told beside a past ("m-au concediat, acum lucrez la ...")
      'acum|amu|momentan|in prezent|ahora|actualmente|ahorita|maintenant|actuellement|desormais|tani|tash|aktualisht|тепер|зараз|нині|наразі|الان|حاليا|دابا|دلوقتي|هلق|هلأ',
    ].join('|'),
  )})(?![\\p{L}\\p{N}])`,
  'u',
);

function wordIndex(text: string, charIndex: number): number {
  const prefix = text.slice(0, charIndex).trim();
  return prefix ? prefix.split(' ').length : 0;
}

/**
 * One expression matching wherever any cue of a list matches. A pasted text has hundreds of clauses, most with no
 * cue at all: testing each clause once against the union, instead of once per cue, keeps reading it linear and cheap.
 */
const anyCueOf = new WeakMap<ReadonlyArray<Cue<unknown>>, RegExp>();

function anyCue<T>(cues: ReadonlyArray<Cue<T>>): RegExp {
  let union = anyCueOf.get(cues);
  if (!union) {
    // the cues' own flags, but for "g" (they must agree, or one union could not stand for them all)
    const flags = new Set(cues.map((c) => c.re.flags.replace('g', '')));
    if (flags.size > 1) throw new Error(`cues with different flags: ${[...flags].join(', ')}`);
    union = new RegExp(cues.map((c) => `(?:${c.re.source})`).join('|'), [...flags][0] ?? '');
    anyCueOf.set(cues, union);
  }
  return union;
}

/** The message's clauses as typed and normalised (every cue list of a turn reads the same message: split once). */
const clausesOf = memoizeText(
  (text: string): ReadonlyArray<{ raw: string; clause: string; verbE?: Set<number> }> =>
    rawClauses(text)
      .map((raw) => ({ raw, clause: normalize(raw) }))
      .filter((c) => c.clause.length > 0),
  500,
  2000,
);

/** `lang`: the language the text is written in, when known (see NOT_NEGATORS_IN). */
export function findCues<T>(text: string, cues: ReadonlyArray<Cue<T>>, lang?: Lang): Array<CueHit<T>> {
  const hits: Array<CueHit<T>> = [];
  const union = anyCue(cues);
  const clauses = clausesOf(text);
  clauses.forEach((c, clauseIndex) => {
    const { raw, clause } = c;
    if (!union.test(clause)) return;
    // worked out once per clause, for the first cue list that needs it
    const verbE = (c.verbE ??= verbEPositions(raw));
    const consumed: Array<[number, number]> = [];
    const current = CURRENT.test(clause);
    const uncertainAt = clause.search(UNCERTAIN);
    // "ходять чутки, що завод закриють", "se zvonește, că...": the rumour's clause or the one right after it
    const rumoured = RUMOUR.test(clause) || (clauseIndex > 0 && RUMOUR.test(clauses[clauseIndex - 1].clause));
    for (const cue of cues) {
      // matchAll needs the global flag; it copies the expression, so a shared cue keeps no state
      const re = cue.re.global ? cue.re : new RegExp(cue.re.source, `${cue.re.flags}g`);
      for (const m of clause.matchAll(re)) {
        const from = m.index ?? 0;
        const to = from + m[0].length;
        if (consumed.some(([a, b]) => from < b && to > a)) continue;
        consumed.push([from, to]);
        const before = clause.slice(0, from).trim();
        const beforeWords = before ? before.split(' ') : [];
        const negation = negationOf(beforeWords, verbE, lang);
        hits.push({
          value: cue.value,
          weak: cue.weak === true,
          clause: clauseIndex,
          start: wordIndex(clause, from),
          negated: negation === 'negated',
          uncertain: negation === 'doubted' || (uncertainAt >= 0 && uncertainAt <= from),
          current,
          wished: wishedBefore(beforeWords, verbE),
          rumoured,
        });
      }
    }
  });
  return hits;
}

/**
 * A cue from alternatives, each anchored at a word start (a bare `a|b` would anchor only the first):
 * `anyOf('in cassa', 'cig[sdo]?\\b')`.
 */
/**
 * anyOf for any script: `\b` knows only ASCII letters, so Cyrillic and Arabic words need a Unicode boundary. The
 * alternatives must be valid in a Unicode-mode pattern (no needless escapes).
 */
export function anyOfWords(...alternatives: string[]): RegExp {
  // Arabic writes "and" and "so" (و, ف) joined to the next word: "وأفلست الشركة" is "and the firm went bankrupt"
  const joined = alternatives.map((a) => (/^\(*\p{Script=Arabic}/u.test(a) ? `[وف]?(?:${a})` : a)).join('|');
  // folded as the text is ("й" is "и" once its mark is gone, "ى" is "ي")
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${foldAccents(joined)})`, 'gu');
}

export function anyOf(...alternatives: string[]): RegExp {
  return new RegExp(`\\b(?:${alternatives.join('|')})`, 'g');
}
