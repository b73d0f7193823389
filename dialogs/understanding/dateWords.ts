/**
 * Date phrases of the six newer languages rewritten as English ones, so that dates.ts reads them with the same rules
 * ("acum două luni" -> "2 months ago", "у березні" -> "у march", "l'année dernière" -> "last year"). The bot's own
 * date question gives such examples in every language («în martie», «acum două luni»), so they must be understood.
 * Words are matched on the normalised text (lower case, no accents, Arabic letter forms unified), month names by
 * stem so that inflected forms count ("березня", "березні").
 */
import { normalize } from './normalize';
import type { Lang } from './types';

type OtherLang = Exclude<Lang, 'it' | 'en'>;

const ENGLISH_MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** Month names per language, January first (Ukrainian with its inflected forms); Arabic has the Egyptian, Levantine and Maghreb names. */
const MONTH_STEMS: Record<OtherLang, string[][]> = {
  ro: [['ianuarie'], ['februarie'], ['martie'], ['aprilie'], ['mai'], ['iunie'], ['iulie'], ['august'], ['septembrie'], ['octombrie'], ['noiembrie'], ['decembrie']],
  es: [['enero'], ['febrero'], ['marzo'], ['abril'], ['mayo'], ['junio'], ['julio'], ['agosto'], ['septiembre', 'setiembre'], ['octubre'], ['noviembre'], ['diciembre']],
  fr: [['janvier'], ['fevrier'], ['mars'], ['avril'], ['mai'], ['juin'], ['juillet'], ['aout'], ['septembre'], ['octobre'], ['novembre'], ['decembre']],
  sq: [['janar'], ['shkurt'], ['mars'], ['prill'], ['maj'], ['qershor'], ['korrik'], ['gusht'], ['shtator'], ['tetor'], ['nentor'], ['dhjetor']],
  uk: [
    ['січень', 'січня', 'січні'], ['лютий', 'лютого', 'лютому'], ['березень', 'березня', 'березні'], ['квітень', 'квітня', 'квітні'],
    ['травень', 'травня', 'травні'], ['червень', 'червня', 'червні'], ['липень', 'липня', 'липні'], ['серпень', 'серпня', 'серпні'],
    ['вересень', 'вересня', 'вересні'], ['жовтень', 'жовтня', 'жовтні'], ['листопад', 'листопада', 'листопаді'], ['грудень', 'грудня', 'грудні'],
  ],
  ar: [
    ['يناير', 'كانون الثاني', 'جانفي'],
    ['فبراير', 'شباط', 'فيفري'],
    ['مارس', 'اذار'],
    ['ابريل', 'نيسان', 'افريل'],
    ['مايو', 'ايار', 'ماي'],
    ['يونيو', 'حزيران', 'جوان'],
    ['يوليو', 'تموز', 'جويليه'],
    ['اغسطس', 'اب', 'اوت'],
    ['سبتمبر', 'ايلول'],
    ['اكتوبر', 'تشرين الاول'],
    ['نوفمبر', 'تشرين الثاني'],
    ['ديسمبر', 'كانون الاول'],
  ],
};

/** Number words up to twelve and "a couple"; Arabic duals ("شهرين": two months) are units below. */
const NUMBERS: Record<OtherLang, Record<string, number>> = {
  ro: { o: 1, un: 1, una: 1, unu: 1, doua: 2, doi: 2, trei: 3, patru: 4, cinci: 5, sase: 6, sapte: 7, opt: 8, noua: 9, zece: 10, unsprezece: 11, doisprezece: 12 },
  es: { un: 1, una: 1, uno: 1, dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7, ocho: 8, nueve: 9, diez: 10, once: 11, doce: 12, 'un par de': 2 },
  fr: { un: 1, une: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, six: 6, sept: 7, huit: 8, neuf: 9, dix: 10, onze: 11, douze: 12 },
  sq: { nje: 1, dy: 2, tre: 3, kater: 4, pese: 5, gjashte: 6, shtate: 7, tete: 8, nente: 9, dhjete: 10 },
  uk: { один: 1, одна: 1, два: 2, дві: 2, три: 3, чотири: 4, "п'ять": 5, пять: 5, шість: 6, сім: 7, вісім: 8, "дев'ять": 9, десять: 10 },
  ar: { واحد: 1, ثلاثه: 3, ثلاث: 3, اربعه: 4, اربع: 4, خمسه: 5, خمس: 5, سته: 6, ست: 6, سبعه: 7, سبع: 7, ثمانيه: 8, تسعه: 9, عشره: 10 },
};

/** Month names that are everyday words too: read as a month only when marked (see englishDatePhrases). */
const AMBIGUOUS_MONTHS: ReadonlySet<string> = new Set(['mai', 'اب', 'ماي']);

/** Endings a month name may take: Albanian's definite forms ("marsin", "në janar"). */
const MONTH_SUFFIX: Record<OtherLang, string> = { ro: '', es: '', fr: '', sq: '(?:in|i)?', uk: '', ar: '' };

type Unit = 'days' | 'weeks' | 'months' | 'years';

/** Unit words (stems) per language; an Arabic dual ("شهرين", "سنتين") counts two. */
const UNITS: Record<OtherLang, Array<[RegExp, Unit]>> = {
  ro: [[/^(zi|zile)$/, 'days'], [/^saptaman/, 'weeks'], [/^(luna|luni)$/, 'months'], [/^(an|ani)$/, 'years']],
  es: [[/^dias?$/, 'days'], [/^semanas?$/, 'weeks'], [/^mes(es)?$/, 'months'], [/^anos?$/, 'years']],
  fr: [[/^jours?$/, 'days'], [/^semaines?$/, 'weeks'], [/^mois$/, 'months'], [/^(ans?|annees?)$/, 'years']],
  sq: [[/^dit/, 'days'], [/^jav/, 'weeks'], [/^muaj/, 'months'], [/^(vit|vjet)/, 'years']],
  uk: [[/^(день|дні|днів)$/, 'days'], [/^тиж/, 'weeks'], [/^місяц/, 'months'], [/^(рік|роки|років|року)$/, 'years']],
  ar: [[/^(يوم|ايام)$/, 'days'], [/^(اسبوع|اسابيع)$/, 'weeks'], [/^(شهر|اشهر|شهور)$/, 'months'], [/^(سنه|سنوات|سنين|عام|اعوام)$/, 'years']],
};
const ARABIC_DUALS: Array<[RegExp, Unit]> = [[/^يومين$/, 'days'], [/^اسبوعين$/, 'weeks'], [/^شهرين$/, 'months'], [/^(سنتين|عامين)$/, 'years']];

/** Words before ("acum", "hace", "il y a", "para", "منذ") or after ("тому", "më parë", "în urmă") an amount of time. */
const AGO_BEFORE: Record<OtherLang, RegExp> = {
  ro: /^(acum|de acum)$/,
  es: /^hace$/,
  fr: /^(il y a|y a)$/,
  sq: /^(para|perpara)$/,
  uk: /^(вже)$/,
  ar: /^(منذ|قبل|من)$/,
};
const AGO_AFTER: Record<OtherLang, RegExp> = {
  ro: /^(in urma)$/,
  es: /^(atras)$/,
  fr: /^(auparavant)$/,
  sq: /^(me pare|para)$/,
  uk: /^(тому|назад)$/,
  ar: /^(مضت|فاتت)$/,
};

/** "last year", "last month", "this year" in each language, folded. */
const RELATIVE: Record<OtherLang, Array<[RegExp, string]>> = {
  ro: [[/\banul trecut\b/g, 'last year'], [/\bluna trecuta\b/g, 'last month'], [/\banul acesta\b|\banul asta\b/g, 'this year']],
  es: [[/\b(el )?ano pasado\b/g, 'last year'], [/\b(el )?mes pasado\b/g, 'last month']],
  fr: [[/\b(l )?annee (derniere|passee)\b|\bl an dernier\b/g, 'last year'], [/\b(le )?mois (dernier|passe)\b/g, 'last month']],
  sq: [[/\bvitin e (kaluar|shkuar)\b|\bvjet\b/g, 'last year'], [/\bmuajin e (kaluar|shkuar)\b/g, 'last month']],
  uk: [[/минулого року|торік/g, 'last year'], [/минулого місяця/g, 'last month']],
  ar: [[/(السنه|العام) (الماضي|الماضيه|اللي فات)|السنه اللي فاتت/g, 'last year'], [/الشهر (الماضي|اللي فات)/g, 'last month']],
};

const folded = <T>(table: Record<string, T>): Record<string, T> => Object.fromEntries(Object.entries(table).map(([k, v]) => [normalize(k), v]));

function isOther(lang: Lang): lang is OtherLang {
  return lang !== 'it' && lang !== 'en';
}

function unitOf(word: string, lang: OtherLang): { unit: Unit; dual: boolean } | undefined {
  if (lang === 'ar') {
    const dual = ARABIC_DUALS.find(([re]) => re.test(word));
    if (dual) return { unit: dual[1], dual: true };
  }
  const found = UNITS[lang].find(([re]) => re.test(word));
  return found ? { unit: found[1], dual: false } : undefined;
}

/**
 * The message's date phrases in English, or undefined when it has none to rewrite. Only the date words change; the
 * rest of the message stays as it is, which dates.ts ignores.
 */
export function englishDatePhrases(text: string, lang: Lang): string | undefined {
  if (!isOther(lang)) return undefined;
  let norm = normalize(text);
  if (!norm) return undefined;
  const before = norm;
  for (const [re, english] of RELATIVE[lang]) norm = norm.replace(re, english);
  const numbers = folded(NUMBERS[lang]);
  const words = norm.split(' ');
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    // an amount of time: "[ago-word] N unit [ago-word]" or an Arabic dual "منذ شهرين"
    const dual = unitOf(w, lang);
    if (dual?.dual) {
      out.push(`2 ${dual.unit} ago`);
      continue;
    }
    const n = /^\d{1,2}$/.test(w) ? Number(w) : numbers[w];
    const unit = n !== undefined ? unitOf(words[i + 1] ?? '', lang) : undefined;
    if (n !== undefined && unit) {
      out.push(`${n} ${unit.unit} ago`);
      i++;
      continue;
    }
    // "a month ago": the unit alone after an ago-word ("acum o lună" has "o"; "منذ شهر", "hace un mes" have a number)
    const lone = unitOf(w, lang);
    if (lone && AGO_BEFORE[lang].test(words[i - 1] ?? '')) {
      out.push(`1 ${lone.unit} ago`);
      continue;
    }
    out.push(w);
  }
  norm = out.join(' ');
  // the ago-words themselves say nothing more once the amount is rewritten
  norm = norm
    .split(' ')
    .filter((w, i, all) => !(AGO_BEFORE[lang].test(w) && /^\d/.test(all[i + 1] ?? '')))
    .join(' ');
  for (const re of [AGO_AFTER[lang]]) norm = norm.replace(new RegExp(`(ago) (${re.source.replace(/^\^|\$$/g, '')})`, 'g'), '$1');
  norm = MONTH_STEMS[lang].reduce((acc, names, index) => {
    const plain = names.map((s) => normalize(s)).filter((s) => !AMBIGUOUS_MONTHS.has(s));
    const ambiguous = names.map((s) => normalize(s)).filter((s) => AMBIGUOUS_MONTHS.has(s));
    let next = acc;
    if (plain.length > 0) {
      const alternatives = plain.sort((a, b) => b.length - a.length).join('|');
      next = next.replace(new RegExp(`(?<![\\p{L}])(?:${alternatives})${MONTH_SUFFIX[lang]}(?![\\p{L}])`, 'gu'), ENGLISH_MONTHS[index]);
    }
    // "mai" is also "more" in Romanian and "but" in French, "اب" is "father": a month only after "in" or a day, or before a year
    for (const word of ambiguous) {
      next = next.replace(new RegExp(`(?<=(?:^|\\s)(?:in|en|ne|din|de|في|شهر|\\d{1,2}) )${word}(?![\\p{L}])|(?<![\\p{L}])${word}(?= (?:19|20)\\d\\d)`, 'gu'), ENGLISH_MONTHS[index]);
    }
    return next;
  }, norm);
  // "marzo de 2025", "martie din 2025", "березня 2025 року": the year joined to its month
  norm = norm.replace(new RegExp(`\\b(${ENGLISH_MONTHS.join('|')}) (?:de|del|din|lui|e|i|de l an) ((?:19|20)\\d\\d)\\b`, 'g'), '$1 $2');
  return norm === before ? undefined : norm;
}
