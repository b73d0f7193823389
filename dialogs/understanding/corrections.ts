import { foldLatinAccents } from '../../models/text/fold';

/**
 * A message that corrects an earlier answer, in the eight languages: "no, era Brescia", "ah no scusa, ho sbagliato:
 * lavoro a Novara", "actually it's Como", "nu, de fapt e Bergamo", "perdón, me equivoqué", "en fait c'est Lecco",
 * "jo, gabova", "ні, я помилився", "لا، غلطت". Read on the command form of the message (dialogs/commands.ts
 * normalizeCommandText: lower case, Latin accents folded, Arabic letter forms unified, punctuation as spaces).
 *
 * A cue at the start ("no", "anzi", "de fapt") may follow a filler ("ah", "ops", "aspetta"); an admission of a
 * mistake ("ho sbagliato", "me equivoqué", "я помилився") counts anywhere in the message. The cue only says the
 * message may change an earlier answer: the pre-check still reads what it says, and a cue with nothing to change
 * in it is read as an ordinary answer.
 */
const FILLERS = [
  'ah', 'oh', 'eh', 'ehm', 'uh', 'mm+', 'ops', 'oops', 'aspetta', 'aspetti', 'un attimo', 'wait', 'hold on', 'stai', 'stati', 'espera', 'espere',
  'attends', 'attendez', 'prit', 'pritni', 'зачекайте', 'зачекай', 'стоп', 'لحظه', 'استني',
];

/**
 * The bare "no" of each language. In Italian, Spanish, French, Romanian and Arabic it is also the negation of a verb
 * ("non lo so", "no tengo trabajo", "nu am găsit", "لا أعمل"), so it opens a correction only as an interjection:
 * followed by a comma or a stop ("no, era Brescia", "nu, Bergamo"), or by "it was" ("no era Brescia").
 */
const NEGATIONS = ['no', 'nu', 'non', 'jo', 'ні', 'لا'];
const NEGATION_THEN_COPULA = `(?:${NEGATIONS.join('|')}) (?:era|e|it was|was|is|it s|este|es|c est|c etait|etait|ishte|eshte|це|було|كان|كانت)`;

/** Words that open a correction. */
const AT_START = [
  NEGATION_THEN_COPULA,
  // Italian, English
  'anzi', 'scusa(mi)?', 'scusi', 'correggo', 'correggi', 'mi correggo', 'in realta', 'veramente', 'volevo dire', 'intendevo',
  'actually', 'sorry', 'no wait', 'i meant', 'i mean', 'correction', 'wait',
  // Romanian
  'scuze', 'scuzati(ma)?', 'pardon', 'de fapt', 'ma corectez', 'voiam sa spun', 'adica',
  // Spanish
  'perdon', 'perdona', 'perdone', 'disculpa', 'disculpe', 'en realidad', 'quise decir', 'quiero decir', 'mejor dicho', 'corrijo',
  // French
  'desole', 'desolee', 'en fait', 'je voulais dire', 'plutot', 'je corrige',
  // Albanian
  'me fal', 'me falni', 'ne fakt', 'dua te them', 'desha te them', 'korrigjoj',
  // Ukrainian
  'вибачте', 'вибач', 'перепрошую', 'насправді', 'точніше', 'я мав на увазі', 'я мала на увазі',
  // Arabic (letter forms as normalizeCommandText leaves them: ه for ة, ا for أ/إ)
  'عفوا', 'اسف', 'اسفه', 'في الحقيقه', 'اقصد', 'قصدي', 'بالاحري',
];

/** Admissions of a mistake, wherever they stand. */
const ANYWHERE = [
  'ho sbagliato', 'mi sono sbagliat[oa]', 'ho scritto male', 'errore mio',
  'i made a mistake', 'my mistake', 'my bad', 'i was wrong', 'i typed it wrong',
  'am gresit', 'am scris gresit', 'greseala mea',
  'me equivoque', 'me he equivocado', 'me confundi', 'lo escribi mal', 'error mio',
  'je me suis trompee?', 'je me suis trompe', 'j ai fait une erreur', 'erreur de ma part', 'je me trompe',
  'gabova', 'kam gabuar', 'gabim im', 'kam shkruar gabim',
  'я помилився', 'я помилилася', 'я помилилась', 'помилився', 'помилилася', 'моя помилка',
  'غلطت', 'اخطات', 'خطا مني', 'كتبت غلط',
];

const LEAD = `^(?:(?:${FILLERS.join('|')})\\s+){0,2}`;
const START = new RegExp(`${LEAD}(?:${foldLatinAccents(AT_START.join('|'))})(?=\\s|$)`, 'u');
/** On the message as typed (lower case): the bare "no" followed by a comma or a stop. */
const NEGATION_INTERJECTION = new RegExp(`^\\s*(?:(?:${FILLERS.join('|')})[\\s,!.]+){0,2}(?:${NEGATIONS.join('|')})\\s*[,;:!.،…—–-]`, 'u');
const NEGATION_START = new RegExp(`${LEAD}(?:${NEGATIONS.join('|')})(?=\\s|$)`, 'u');
const MISTAKE = new RegExp(`(?:^|\\s)(?:${foldLatinAccents(ANYWHERE.join('|'))})(?=\\s|$)`, 'u');
/** "era", "è", "it was", "este", "es", "c'est", "është", "це", "كان": what follows a cue before the corrected value */
const COPULA = /^\s*(?:era|e|it was|was|is|it s|este|era|es|c est|etait|eshte|ishte|це|було|كان|كانت|هي|هو)(?=\s|$)/u;

/** Whether a message corrects an earlier answer: `form` is its command form, `typed` the message as written. */
export function correctsAnEarlierAnswer(form: string, typed: string): boolean {
  return START.test(form) || MISTAKE.test(form) || NEGATION_INTERJECTION.test(foldLatinAccents(typed).toLowerCase());
}

/** The message (in command form) without its correction cue and the copula after it: "no era brescia" -> "brescia". */
export function withoutCorrectionCue(form: string): string {
  let rest = form;
  for (;;) {
    const next = rest.replace(START, '').replace(NEGATION_START, '').replace(MISTAKE, ' ').replace(/\s+/g, ' ').trim();
    if (next === rest) break;
    rest = next;
  }
  return rest.replace(COPULA, '').trim();
}
