/**
 * Which of the eight languages a worker's free-text message is written in, for the first message of a worker
 * whose language the bot does not know yet. The n-grams come from `eld` (Efficient Language Detector, Apache-2.0,
 * maintained, no native code), chosen by measured accuracy on 3-15 word worker messages (`npm run eval:lang`,
 * eval/lang.dev.jsonl): see the README's language section for the figures against tinyld and franc.
 *
 * The library only proposes. What we decide from it is conservative, because answering an Italian worker in
 * another language is worse than answering a Romanian one in Italian (they can still tap their language):
 * - fewer than MIN_WORDS words or MIN_LETTERS letters: no decision (a "ciao", "sì", "ok grazie" says too little);
 * - eld chooses among all its 60 languages, not only our eight: Italian mistaken for Catalan or Portuguese is then
 *   "none of ours", which keeps the current language, instead of being forced onto Spanish or Romanian;
 * - the winner must be reliable by eld's own measure and ahead of the current language by MARGIN_OVER_CURRENT:
 *   a prior toward the language the conversation is in ("sunt in cassa integrazione" mixes Italian words into
 *   Romanian; if it is a close call, Italian stays).
 * Short messages (two or three words, "can I apply?", "mulțumesc, la revedere") say too little to eld alone, so below
 * MIN_WORDS words or MIN_LETTERS letters they switch only with evidence as well (languageEvidence.ts: a letter or
 * everyday word the other language has and Italian has not); from three words, with such evidence the winner need
 * only be ahead of the current language, not by MARGIN_OVER_CURRENT ("la fábrica cierra": es 0.76, it 0.75).
 * Arabic and Cyrillic script are unambiguous among our eight languages (Arabic is the only one in Arabic script,
 * Ukrainian the only one in Cyrillic), so from MIN_SCRIPT_WORDS words ("فقدت عملي", "не розумію") the script decides.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { evidenceFor } from './languageEvidence';
import { isLanguageCode, type LanguageCode } from './languages';

/** The part of eld's detector used here (its package ships types, but only for `import`, see loadEld). */
interface EldResult {
  language: string;
  getScores(): Record<string, number>;
  isReliable(): boolean;
}
interface Eld {
  detect(text: string): EldResult;
}

export const MIN_WORDS = 3;
export const MIN_LETTERS = 10;
/** a message in Arabic or Cyrillic script of at least this many words is in Arabic or Ukrainian */
export const MIN_SCRIPT_WORDS = 2;
/** Latin-script messages shorter than MIN_WORDS/MIN_LETTERS are read down to these, and only with evidence */
export const MIN_SHORT_WORDS = 2;
export const MIN_SHORT_LETTERS = 6;
/** how far (eld's score, 0..1) a new language must be ahead of the conversation's current one */
export const MARGIN_OVER_CURRENT = 0.06;

/** What was read from a message: the language to answer in, or why there is none. */
export type LanguageReading =
  | { kind: 'language'; language: LanguageCode; score: number }
  | { kind: 'none'; reason: 'too_short' | 'not_ours' | 'unreliable' | 'close_to_current' };

/**
 * eld publishes only ES modules, for `import` ("exports" has no "require" condition), and this project is
 * CommonJS: its entry file is required by path, which Node (>= 20.19) loads synchronously. The "small" database
 * (about 1.6 MB of n-grams, some 45 MB of heap once loaded) scores as well as "large" (140 MB) on our messages.
 * Loaded on first use, so processes that never read free text (scripts, the console) do not pay for it.
 */
function loadEld(): Eld {
  const candidates = require.resolve.paths('eld') ?? [];
  for (const dir of candidates) {
    const entry = path.join(dir, 'eld', 'src', 'entries', 'static.small.js');
    if (!fs.existsSync(entry)) continue;
    const loaded = require(entry) as { eld?: Eld };
    if (typeof loaded.eld?.detect !== 'function') throw new Error(`eld (${entry}) does not export a detector`);
    return loaded.eld;
  }
  throw new Error('the language identification library "eld" is not installed (npm install)');
}

/** The two languages the channel's locale and the worker's own choice decide between (never free text). */
const CHOSEN_BY_CHANNEL: readonly LanguageCode[] = ['it', 'en'];

let detector: Eld | undefined;

function eld(): Eld {
  detector ??= loadEld();
  return detector;
}

/**
 * Loads the n-grams now (about a second) rather than on the first worker's message; throws when eld is missing.
 * `npm start` calls it before listening; tests and scripts load on first use.
 */
export function preloadLanguageIdentification(): void {
  eld();
}

/**
 * Italian words that workers in Italy use whatever language they speak ("sunt în cassa integrazione", "estoy en
 * NASpI"), and the measure's own name: they say nothing about the worker's language, so they are left out.
 */
const ITALIAN_TERMS =
  /(?<![\p{L}])(cassa integrazione(?: straordinaria| in deroga| ordinaria)?|cassa|naspi|cigs?|inps|tfr|caf|patronato|busta paga|centro per l'impiego|ammortizzatori sociali|azioni di rete|regione lombardia|dis-coll)(?![\p{L}])/giu;

/**
 * Names say nothing about the language either ("Salumificio Demo", "Desenzano del Garda"): a capitalised word that
 * does not open a sentence is left out. Scripts without capitals (Arabic) are not affected.
 */
const ENGLISH_I = /^I(?:['’](?:m|ve|d|ll))?[,.;:!?]*$/u;

function withoutNamesAndTerms(text: string): string {
  return text
    .replace(ITALIAN_TERMS, ' ')
    .split(/(?<=[.!?;:])\s+/u)
    // English "I" ("I'm", "I've") is written with a capital anywhere and is no name
    .map((sentence) => sentence.split(/\s+/u).filter((word, i) => i === 0 || ENGLISH_I.test(word) || !/^\p{Lu}/u.test(word)).join(' '))
    .join(' ');
}

function letterCount(text: string): number {
  return (text.match(/\p{L}/gu) ?? []).length;
}

function wordCount(text: string): number {
  return text.split(/[\s,.;:!?¿¡()"«»]+/u).filter((w) => /\p{L}/u.test(w)).length;
}

/**
 * The language of `text`, given the conversation's `current` one (the prior). Pure apart from the lazily loaded
 * n-gram tables: the same text and current language always read the same.
 */
export function readLanguage(text: string, current: LanguageCode): LanguageReading {
  // web addresses, e-mails and numbers carry no language and skew the n-grams
  const words = withoutNamesAndTerms(text.replace(/\S+@\S+|https?:\/\/\S+|\d+/g, ' ')).trim();
  const wordTotal = wordCount(words);
  const letters = letterCount(words);
  const script = scriptLanguage(words);
  if (script) return wordTotal >= MIN_SCRIPT_WORDS || script === current ? { kind: 'language', language: script, score: 1 } : { kind: 'none', reason: 'too_short' };
  const short = wordTotal < MIN_WORDS || letters < MIN_LETTERS;
  if (wordTotal < MIN_SHORT_WORDS || letters < MIN_SHORT_LETTERS) return { kind: 'none', reason: 'too_short' };
  const result = eld().detect(words);
  if (!isLanguageCode(result.language)) return { kind: 'none', reason: short ? 'too_short' : 'not_ours' };
  const scores = result.getScores();
  const score = scores[result.language] ?? 0;
  if (result.language === current) return { kind: 'language', language: current, score };
  const evidence = evidenceFor(words, result.language);
  const evidenced = evidence.letters || evidence.words > 0;
  // below MIN_WORDS words or MIN_LETTERS letters, eld's pick counts only with a telling word or letter
  if (short && !evidenced) return { kind: 'none', reason: 'too_short' };
  if (!result.isReliable()) return { kind: 'none', reason: 'unreliable' };
  // with evidence, being ahead is enough from three words; two words still need the full margin
  const margin = evidenced && wordTotal >= MIN_WORDS ? Number.EPSILON : MARGIN_OVER_CURRENT;
  if (score - (scores[current] ?? 0) < margin) return { kind: 'none', reason: 'close_to_current' };
  return { kind: 'language', language: result.language, score };
}

/** Arabic when most letters are Arabic script, Ukrainian when most are Cyrillic; otherwise none (Latin script). */
function scriptLanguage(text: string): LanguageCode | undefined {
  const letters = letterCount(text);
  if (letters === 0) return undefined;
  const arabic = (text.match(/\p{Script=Arabic}/gu) ?? []).length;
  const cyrillic = (text.match(/\p{Script=Cyrillic}/gu) ?? []).length;
  if (arabic * 2 > letters) return 'ar';
  if (cyrillic * 2 > letters) return 'uk';
  return undefined;
}

/** The language to switch to, if the message is confidently in another of the eight than `current`. */
export function identifyLanguageSwitch(text: string, current: LanguageCode): LanguageCode | undefined {
  return languageSwitchOf(readLanguage(text, current), current);
}

/** identifyLanguageSwitch on a reading already made (readLanguage of the same text and current language). */
export function languageSwitchOf(reading: LanguageReading, current: LanguageCode): LanguageCode | undefined {
  // only towards the six newer languages: between Italian and English the channel's locale and the worker's own
  // choice decide ("What is Azioni di Rete?" on an English chat stays English, an Italian question on it too)
  return reading.kind === 'language' && reading.language !== current && !CHOSEN_BY_CHANNEL.includes(reading.language) ? reading.language : undefined;
}
