/**
 * Where a person's name is in a message, for the scrubber (./scrub.ts). A name is found three ways:
 *
 * 1. After a strong cue ("mi chiamo", "il mio nome è", "my name is", "signor", "Mr"): the words that follow, up to
 *    three, capitalised or not, until a word that cannot be part of a name ("e", "ho", "vorrei", punctuation).
 * 2. After a weak cue ("sono", "io sono", "I'm", "I am", "this is", and "grazie," / "saluti," / "regards," before a
 *    signature): "sono" and "I am" are also ordinary verbs ("sono in cassa integrazione", "sono disoccupato", "I am
 *    unemployed"), so what follows is a name only when it looks like one: a known given name ("sono mario rossi"),
 *    or a capitalised word that is not a status, a nationality or a function word ("Sono Anna Bianchi"). After a
 *    given name, the next word is taken as the surname unless it is a function word or a status.
 * 3. With no cue at all ("rossi mario via roma 12 bergamo"): a known given name, the given names right after it
 *    ("anna maria") and a surname next to it (the word after; or the word before when the name is the message's
 *    second word, as in a signature written surname first).
 *
 * The given names are common Italian and English ones and some common among workers born abroad, minus those that
 * are also ordinary words ("chiara", "rosa", "sole", "vera", "massimo", "mia", "will", "may", "grace"), which would
 * otherwise wipe the words of the question. Names not in the list are still caught after a cue; a bare unknown name
 * with no cue is not (it cannot be told from a word).
 */
import { GENERIC_WORDS, QUESTION_WORDS, STOPWORDS } from '../faq/stopwords';
import { foldLatinAccents } from '../text/fold';

function words(list: string): ReadonlySet<string> {
  return new Set(list.split(/\s+/).filter((w) => w !== ''));
}

const GIVEN_NAMES = words(`
mario giuseppe giovanni antonio francesco luigi paolo marco andrea luca giorgio roberto stefano alessandro
davide matteo lorenzo simone federico riccardo gabriele daniele emanuele tommaso filippo edoardo leonardo
mattia samuele nicola nicolo michele pietro carlo fabio fabrizio maurizio massimiliano gianluca gianni claudio
vincenzo salvatore raffaele domenico pasquale gennaro ciro enrico alberto umberto giacomo diego sergio ivan
igor manuel cristian christian kevin luciano giuliano adriano renato dario ettore cesare dante elio ezio
fausto gianfranco gianpaolo giampiero pierluigi piero walter valerio valentino tiziano loris mirko denis
maria anna giulia francesca sofia alessandra elena laura silvia monica paola cristina daniela federica
valentina martina giorgia alice emma greta beatrice marta elisa roberta claudia antonella lucia luisa
giovanna rita teresa carla mirella ornella loredana manuela barbara simona sabrina tiziana veronica erika
jessica debora katia nadia irene caterina angela giuliana graziella rosanna rossella stefania susanna
tatiana vanessa ilaria arianna camilla noemi ludovica gaia nicole chiaretta patrizia donatella gabriella
michela raffaella elisabetta margherita lorena marisa nadia pamela sonia wanda
mohamed mohammed muhammad ahmed mahmoud mustafa youssef yousef hassan hussein ibrahim karim abdul abdullah
aziz rachid said khalid hamza amine fatima khadija aisha amina zainab mamadou moussa abdoulaye ousmane
andrei ionut mihai alexandru florin adrian gabriel bogdan vasile ion nicolae ioana oana mihaela irina
olga natalia svetlana oksana tetiana yulia nadiya juan jose carlos luis jorge miguel pedro ana lucia
guadalupe rosario jesus wei jing ying raj singh arjun priya
john james robert michael william david richard joseph thomas charles christopher daniel matthew anthony
donald steven paul andrew joshua kenneth brian george edward ronald timothy jason jeffrey ryan jacob gary
nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory alexander patrick peter
mary patricia jennifer linda elizabeth susan sarah karen nancy lisa betty margaret sandra ashley kimberly
emily donna michelle dorothy carol amanda melissa deborah stephanie rebecca sharon cynthia kathleen amy
shirley helen brenda nicole samantha katherine christine rachel catherine carolyn janet ruth heather
diane julie joyce victoria olivia kelly lauren judith megan cheryl hannah martha jacqueline gloria
kathryn janice julia judy denise marilyn beverly danielle theresa sophia marie diana natalie isabella
charlotte
`);

/** What may follow "sono" / "I am" that is not a name: situations, nationalities, places of origin, fillers. */
const NOT_A_NAME = words(`
disoccupato disoccupata disoccupati disoccupate licenziato licenziata licenziati licenziate cassintegrato
cassintegrata cassintegrati dipendente dipendenti operaio operaia operai impiegato impiegata impiegati
lavoratore lavoratrice lavoratori precario precaria pensionato pensionata stato stata stati state nato nata
iscritto iscritta interessato interessata interessati preoccupato preoccupata rimasto rimasta tornato
tornata uscito uscita sposato sposata separato separata divorziato divorziata vedovo vedova single giovane
disabile invalido invalida senza ancora appena qui li la ora adesso sempre solo sola tanto troppo molto
straniero straniera cittadino cittadina residente italiano italiana italiani rumeno rumena romeno romena
marocchino marocchina albanese cinese indiano indiana egiziano egiziana ucraino ucraina pakistano
peruviano peruviana ecuadoriano filippino filippina senegalese tunisino tunisina nigeriano nigeriana
bengalese inglese francese spagnolo spagnola tedesco tedesca polacco polacca moldavo moldava lombardo
lombarda milanese bergamasco bergamasca bresciano bresciana comasco comasca cremonese lecchese lodigiano
mantovano mantovana pavese sondriese varesino varesina brianzolo brianzola d'accordo daccordo sicuro
sicura contento contenta felice disperato disperata stanco stanca arrabbiato arrabbiata confuso confusa
via lavora lavorava lavorano cerca cercava chiede chiedeva vorrebbe vuole abita vive scrive ringrazia
unemployed employed redundant laid dismissed retired looking interested worried working self still
currently now here new just from not also sorry sure afraid glad happy writing calling asking trying
italian romanian moroccan albanian chinese indian egyptian ukrainian pakistani peruvian filipino senegalese
tunisian nigerian english french spanish german polish
`);

function fold(word: string): string {
  return foldLatinAccents(word)
    .toLowerCase()
    .replace(/[’]/g, "'");
}

/** Words that cannot be part of a name: function words, common verbs and adjectives, question words, statuses. */
function isFunctionWord(word: string): boolean {
  const w = fold(word);
  return [STOPWORDS, GENERIC_WORDS, QUESTION_WORDS].some((list) => list.it.has(w) || list.en.has(w)) || NOT_A_NAME.has(w);
}

function isGivenName(word: string): boolean {
  return GIVEN_NAMES.has(fold(word));
}

function isCapitalised(word: string): boolean {
  return /^\p{Lu}/u.test(word);
}

/** A word that may be a surname: letters (and an apostrophe or hyphen: "D'Angelo", "Rossi-Bianchi"), not a function word. */
function isSurnameLike(word: string): boolean {
  return /^\p{L}[\p{L}'’-]*$/u.test(word) && word.length >= 2 && !isFunctionWord(word);
}

interface Token {
  word: string;
  start: number;
  end: number;
}

/** Words of the text with their positions; `joined[i]` says whether token i follows token i-1 with only spaces between. */
function tokenize(text: string): { tokens: Token[]; joined: boolean[] } {
  const tokens: Token[] = [];
  const joined: boolean[] = [];
  const pattern = /\p{L}[\p{L}'’-]*/gu;
  let previousEnd = -1;
  for (const match of text.matchAll(pattern)) {
    const start = match.index ?? 0;
    const end = start + match[0].length;
    joined.push(previousEnd >= 0 && /^\s+$/.test(text.slice(previousEnd, start)));
    tokens.push({ word: match[0], start, end });
    previousEnd = end;
  }
  return { tokens, joined };
}

export interface Span {
  start: number;
  end: number;
}

/** Cue phrases as folded word sequences; `comma` lets a signature cue be followed by a comma ("Grazie, Luca"). */
const STRONG_CUES = [
  'mi chiamo', 'il mio nome e', 'il mio nome è', 'nome e cognome', 'my name is', 'i am called', "i'm called", 'mi presento',
  'signor', 'signora', 'sig', 'dott', 'dottor', 'dottoressa', 'mr', 'mrs', 'ms', 'miss', 'firmato', 'nome', 'name',
  // the six newer languages (issue 16): their questions reach the unanswered list too, and Arabic has no capitals,
  // so a name there is found after its cue or not at all
  'mă numesc', 'numele meu este', 'numele meu e', 'me llamo', 'mi nombre es', "je m'appelle", 'mon nom est',
  'quhem', 'emri im është', 'мене звати', "моє ім'я", 'моє імʼя', 'мене звуть', 'اسمي', 'إسمي',
].map((c) => c.split(' ').map(fold));
const WEAK_CUES = ['sono', 'io sono', "i'm", 'im', 'i am', 'this is', 'ciao sono', 'qui e', 'qui è', 'parla', 'sunt', 'eu sunt', 'soy', 'yo soy', 'je suis', 'jam', 'unë jam', 'я'].map((c) =>
  c.split(' ').map(fold),
);
const SIGNATURE_CUES = ['grazie', 'saluti', 'cordiali saluti', 'distinti saluti', 'un saluto', 'regards', 'best regards', 'kind regards', 'thanks', 'thank you', 'cheers'].map((c) => c.split(' ').map(fold));

function cueEndingAt(tokens: Token[], joined: boolean[], index: number, cues: string[][]): boolean {
  return cues.some((cue) => {
    const first = index - cue.length + 1;
    if (first < 0) return false;
    for (let k = 0; k < cue.length; k++) {
      if (fold(tokens[first + k].word).replace(/\.$/, '') !== cue[k]) return false;
      if (k > 0 && !joined[first + k]) return false;
    }
    return true;
  });
}

/** The spans of the names in `text` (see the module comment for the rules). */
export function nameSpans(text: string): Span[] {
  const { tokens, joined } = tokenize(text);
  const spans: Span[] = [];
  let i = 0;
  while (i < tokens.length) {
    const taken = nameAt(text, tokens, joined, i);
    if (taken) {
      spans.push({ start: tokens[taken.from].start, end: tokens[taken.to].end });
      i = taken.to + 1;
    } else i += 1;
  }
  return spans;
}

/** A name starting at token i (or, surname first, at i-1), as token indexes; undefined when there is none. */
function nameAt(text: string, tokens: Token[], joined: boolean[], i: number): { from: number; to: number } | undefined {
  const word = tokens[i].word;
  const after = (k: number): boolean => k < tokens.length && joined[k];
  // the cue must be right before this word (a comma allowed only after a signature cue)
  const separatorBefore = i > 0 ? text.slice(tokens[i - 1].end, tokens[i].start) : '';
  const plainBefore = i > 0 && /^[\s.:]+$/.test(separatorBefore);
  const commaBefore = i > 0 && /^\s*,?\s*$/.test(separatorBefore);

  if (plainBefore && cueEndingAt(tokens, joined, i - 1, STRONG_CUES)) {
    if (isFunctionWord(word) || !isSurnameLike(word)) return undefined;
    let to = i;
    while (to - i < 2 && after(to + 1) && isSurnameLike(tokens[to + 1].word)) to += 1;
    return { from: i, to };
  }
  const weak = (plainBefore && cueEndingAt(tokens, joined, i - 1, WEAK_CUES)) || (commaBefore && cueEndingAt(tokens, joined, i - 1, SIGNATURE_CUES));
  const given = isGivenName(word);
  if (weak && (given || (isCapitalised(word) && !isFunctionWord(word)))) {
    let to = i;
    while (to - i < 2 && after(to + 1)) {
      const next = tokens[to + 1].word;
      const fits = isGivenName(next) || (isCapitalised(next) && !isFunctionWord(next)) || (given && isSurnameLike(next));
      if (!fits) break;
      to += 1;
    }
    return { from: i, to };
  }
  if (!given) return undefined;
  // no cue: the given name, given names right after it, and a surname next to it
  let to = i;
  while (after(to + 1) && isGivenName(tokens[to + 1].word)) to += 1;
  if (after(to + 1) && isSurnameLike(tokens[to + 1].word)) return { from: i, to: to + 1 };
  if (i === 1 && joined[1] && isSurnameLike(tokens[0].word)) return { from: 0, to };
  return { from: i, to };
}
