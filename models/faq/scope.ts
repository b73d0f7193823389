/**
 * Questions whose subject is outside the measure though a word of them is the FAQ's (issue 16): "how do I register my
 * child at school?" shares "register" and "school" with the entry on the network's partners (schools are among them),
 * "how long does the pasta last?" shares "how long" with the entry on the duration. The answerer declines them:
 *  - a family member's own matter ("my child", "mio figlio", "mi hijo", "mon enfant", "copilul meu", "fëmijën",
 *    "дитину", "ابني") with no word of work, of a firm's crisis or of the measure: the measure is for the worker, and
 *    a relative's case ("mio marito è in cassa integrazione") always says its work words;
 *  - only a question's frame ("how long", "how much") matched, beside a word the FAQ never uses that weighs as much
 *    as what the entry explains (FRAME_CONCEPTS, see answerer.ts).
 */
import type { Locale } from '../content';
import { foldAccents, foldForComparison } from '../text/fold';

/** Kin words per language, folded (no accents, Arabic letter forms unified), whole words ("son" is Spanish "are"). */
const FAMILY_WORDS: Readonly<Record<Locale, string>> = {
  it: 'figli[oae]?|bambin[oaie]|bimb[oaie]|neonat[oa]|moglie|marito|mamma|madre|papa|padre|nonn[oa]|suocer[oa]',
  en: 'child|children|kids?|sons?|daughters?|baby|wife|husband|mother|mum|mom|father|dad|grandmother|grandfather',
  es: 'hij[oa]s?|nin[oa]s?|bebes?|esposa|esposo|marido|mama|madre|padre|papa|abuel[oa]',
  fr: 'enfants?|fils|filles?|bebe|mari|epouse|epoux|mere|pere|grand mere|grand pere',
  ro: 'copil(ul|ului|ii|ilor)?|fiul|fiica|sotia|sotul|mama|tata|bunic(a|ul)?',
  sq: 'femij(e|en|et|eve)|djal(i|in|it)|vajz(a|en|es)|gruaja|burri|nena|babai|gjysh(i|ja)',
  uk: 'дитин[аиуі]|дітей|діти|син(а|ові)?|доньк[аиу]|дочк[аиу]|дружин[аиу]|мам[аиу]|тат[аоу]|бабус[яію]|дідус[ья]',
  // with the first person's "my" attached
  ar: 'ابني|ابنتي|بنتي|اولادي|ولدي|طفلي|اطفالي|زوجتي|زوجي|امي|ابي|ابويا|جدتي|جدي|لابني|لبنتي|لطفلي',
};

function wholeWords(alternatives: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${foldAccents(alternatives).toLowerCase()})(?![\\p{L}\\p{N}])`, 'u');
}

const FAMILY_MEMBER: Readonly<Record<Locale, RegExp>> = Object.fromEntries(
  Object.entries(FAMILY_WORDS).map(([locale, words]) => [locale, wholeWords(words)]),
) as Record<Locale, RegExp>;

/**
 * Word starts of work, a firm, its crisis, taking part and the measure in the eight languages: a relative's case says
 * one ("mio marito lavora...", "زوجي فقد عمله", "my son lost his job", "може дружина взяти участь?").
 */
const WORK_WORD = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${foldAccents(
    [
      // (the relative signing up themselves, "può iscriversi?", is taking part; "come iscrivo mio figlio" is not)
      'lavor|impieg|occupa|aziend|ditt|fabbric|licenzi|cassa|cig|naspi|disoccup|esuber|crisi|mobilita|perso il posto|posto di lavoro|partecip|aderi|iscriversi|candidars|percors|misur|program|progett|azioni di rete|corso|cors[io]|formazion',
      'work|job|employ|compan|firm|factory|fired|laid off|redundan|furlough|unemploy|crisis|join|take part|particip|apply|sign up|programme|program|project|measure|course|training',
      'trabaj|emple|empres|fabrica|despid|paro|desemple|crisis|particip|inscribirse|apuntarse|programa|proyecto|curso|formacion',
      'travail|emploi|entrepris|usine|licenci|chomage|crise|perdu son poste|particip|s inscrire|programme|projet|mesure|cours|formation',
      'munc|lucr|servici|firm|fabric|uzin|concedi|somaj|criz|particip|se inscrie|program|proiect|masur|curs',
      'pun[eë]?|kompani|fabrik|firm|pushu|papun|kriz|pjes|program|projekt|mas[eë]|kurs|trajnim',
      'робот|праці|працю|компан|фірм|завод|фабрик|звільн|безробіт|скороч|криз|участ|долуч|програм|проєкт|проект|курс|навчан',
      'عمل|شغل|خدم|وظيف|شرك|مصنع|معمل|طرد|فصل|بطال|تسريح|ازم|شارك|مشارك|برنامج|مشروع|دوره|تدريب|تكوين',
    ].join('|'),
  ).toLowerCase()})`,
  'u',
);

/**
 * Does the question name one of the writer's family and say nothing of work, a firm, its crisis, taking part or the
 * measure ("come iscrivo mio figlio a scuola?", "combien coûte la cantine pour mon fils ?")? Then it is that person's
 * own matter, not the worker's case.
 */
export function asksForFamilyMatter(question: string, locale: Locale): boolean {
  const folded = foldForComparison(question).toLowerCase();
  return FAMILY_MEMBER[locale].test(folded) && !WORK_WORD.test(folded);
}

/**
 * The FAQ's concepts that frame a question about anything ("how long", "how much does it cost", "what is", "when is
 * the deadline", "at least", "at most"): alone with a subject the FAQ never names, they do not make it the FAQ's.
 */
export const FRAME_CONCEPTS: ReadonlySet<string> = new Set(['durata', 'costo', 'cosae', 'scadenza', 'minimo', 'massimo', 'adesso', 'aperto'].map((concept) => `#${concept}`));
