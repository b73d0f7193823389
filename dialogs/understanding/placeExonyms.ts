/**
 * Italian places written as workers of the newer languages write them, turned into names the gazetteer knows.
 *
 * Cyrillic and Arabic script ("працюю в Бергамо", "أعمل في ميلانو"): replaced in the text by the Latin name before
 * the reading. Decision (issue 16): a table of the usual exonyms, not a general transliteration. It covers all twelve
 * Lombard provincial capitals (MI BG BS CO CR LC LO MN MB PV SO VA), Sesto San Giovanni and the big cities of the
 * other regions (so "Турин" or "بادوفا" is surely not Lombardy, never "not understood"), with the Ukrainian (and
 * Russian) case endings workers type ("в Мілані", "у Брешії"). A general transliteration would cost little for
 * Cyrillic but mislead for Arabic, which writes no short vowels: "برغامو" and "بريشيا" would come out several edits
 * from "Bergamo" and "Brescia" and near other comuni. Any other comune is asked for in Latin script, as the
 * pre-check's question already shows it, and the bot repeats back what it understood.
 *
 * Latin script (French "Bergame", "Plaisance", Spanish "Milán", "Génova", Romanian "Veneția", Albanian "Firence"):
 * added to the gazetteer as aliases (`exonymAliases`, beside the English names of content/places/aliases.json), so
 * they go through the reading's own rules: "Milan" and "Florence" are first names and "como" is Spanish for
 * "how", so those count only when marked as places (placeWords.ts); a name typed elsewhere only fuzzily
 * ("Plaisance" is several edits from any comune) would otherwise be no place or the wrong one. French "Côme" folds to
 * Italian and English "come", so it is read only as typed, with its accent, and replaced by "Como" in the text.
 */
import type { AliasEntry } from './placeData';
import type { Lang } from './types';
import { editDistance } from '../../models/text/editDistance';
import { normalize } from './normalize';

/** Latin name -> its spellings in Ukrainian, Russian and Arabic (written as typed; folded when the table is built). */
const EXONYMS: ReadonlyArray<readonly [string, readonly string[]]> = [
  // Lombardy: the twelve provincial capitals and Sesto San Giovanni
  ['Milano', ['Мілан', 'Мілані', 'Мілана', 'Міланi', 'Мілано', 'Милан', 'Милане', 'Милана', 'Милано', 'ميلانو', 'ميلان', 'ميلانوا', 'ميلانـو']],
  ['Bergamo', ['Бергамо', 'Бергамі', 'Бергаму', 'بيرغامو', 'برغامو', 'بيرجامو', 'برجامو', 'بيرقامو', 'برقامو', 'بيرغمو']],
  ['Brescia', ['Брешія', 'Брешії', 'Брешію', 'Брешиа', 'Брешия', 'Брешии', 'Брешиї', 'بريشيا', 'بريشا', 'بريتشا', 'بريشيه', 'بريسيا']],
  ['Como', ['Комо', 'كومو']],
  ['Cremona', ['Кремона', 'Кремоні', 'Кремону', 'Кремоне', 'كريمونا', 'كرمونا', 'كريمونه']],
  ['Lecco', ['Лекко', 'Леко', 'ليكو', 'ليكّو', 'ليكوو']],
  ['Lodi', ['Лоді', 'Лоди', 'لودي', 'لودى']],
  ['Mantova', ['Мантуя', 'Мантуї', 'Мантую', 'Мантуе', 'Мантова', 'Мантові', 'Мантове', 'مانتوفا', 'مانتوا', 'مانطوفا', 'مانتوڤا']],
  ['Monza', ['Монца', 'Монці', 'Монцу', 'Монце', 'مونزا', 'مونتسا', 'مونسا', 'مونتزا']],
  ['Pavia', ['Павія', 'Павії', 'Павію', 'Павию', 'Павия', 'Павии', 'بافيا', 'پافيا', 'باڤيا']],
  ['Sondrio', ['Сондріо', 'Сондрио', 'سوندريو', 'سونْدريو', 'سندريو']],
  ['Varese', ['Варезе', 'Варезі', 'فاريزي', 'فاريزه', 'فاريسي', 'فاريزى', 'فاريزة']],
  ['Sesto San Giovanni', ['Сесто-Сан-Джованні', 'Сесто Сан Джованні', 'Сесто-Сан-Джованни', 'سيستو سان جيوفاني']],
  // the other regions' big cities, and the neighbours of Lombardy where its workers live or commute
  ['Torino', ['Турин', 'Турині', 'Турина', 'Турине', 'Торіно', 'تورينو', 'تورين']],
  ['Roma', ['Рим', 'Римі', 'Риме', 'روما']],
  ['Napoli', ['Неаполь', 'Неаполі', 'Неаполе', 'نابولي', 'نابلي']],
  ['Genova', ['Генуя', 'Генуї', 'Генуе', 'جنوة', 'جنوا', 'جينوفا']],
  ['Venezia', ['Венеція', 'Венеції', 'Венецію', 'Венеция', 'Венеции', 'البندقية', 'فينيسيا', 'فينيتسيا']],
  ['Bologna', ['Болонья', 'Болоньї', 'Болонью', 'Болонье', 'بولونيا', 'بولونيه']],
  ['Firenze', ['Флоренція', 'Флоренції', 'Флоренцію', 'Флоренция', 'Флоренции', 'فلورنسا', 'فيرينزي']],
  ['Verona', ['Верона', 'Вероні', 'Верону', 'Вероне', 'فيرونا']],
  ['Piacenza', ['Пʼяченца', "П'яченца", 'Пʼяченці', "П'яченці", 'Пьяченца', 'Пьяченце', 'بياتشنزا', 'بياتشينزا', 'بياشنزا']],
  ['Novara', ['Новара', 'Новарі', 'Новару', 'Новаре', 'نوفارا']],
  ['Padova', ['Падуя', 'Падуї', 'Падую', 'Падуе', 'Падова', 'بادوفا', 'بادوا']],
  ['Parma', ['Парма', 'Пармі', 'Парму', 'Парме', 'بارما']],
  ['Modena', ['Модена', 'Модені', 'Модену', 'Модене', 'مودينا']],
  ['Reggio nell\'Emilia', ['Реджо-Емілія', 'Реджо-Емілії', 'Реджо-Эмилия', 'ريدجو إميليا', 'ريجيو إميليا']],
  ['Trento', ['Тренто', 'ترينتو']],
  ['Trieste', ['Трієст', 'Трієсті', 'Триест', 'Триесте', 'تريستا', 'ترييستي', 'تريستي']],
  ['Vicenza', ['Віченца', 'Віченці', 'Виченца', 'فيتشنزا', 'فيتشينزا']],
  ['Treviso', ['Тревізо', 'Тревизо', 'تريفيزو']],
  ['Alessandria', ['Алессандрія', 'Алессандрії', 'Алессандрия', 'أليساندريا', 'اليساندريا']],
  ['Palermo', ['Палермо', 'باليرمو']],
  ['Bari', ['Барі', 'Бари', 'باري']],
  ['Catania', ['Катанія', 'Катанії', 'Катания', 'كاتانيا']],
  ['Cagliari', ['Кальярі', 'Кальяри', 'كالياري']],
  ['Rimini', ['Ріміні', 'Римини', 'ريميني']],
];

/**
 * Comune (with its province) -> the names workers of the newer languages write for it in Latin script, where they
 * differ from the Italian one after folding ("Bérgamo" and "Varèse" already fold to it). English names live in
 * content/places/aliases.json. Outside Lombardy they read as the city's own province, so OUT: "Plaisance" is
 * Piacenza, never a Lombard comune a few edits away.
 */
const LATIN_EXONYMS: ReadonlyArray<readonly [comune: string, province: string, spellings: readonly string[]]> = [
  // Lombardy (French, Spanish, Albanian)
  ['Milano', 'MI', ['Milán']],
  ['Bergamo', 'BG', ['Bergame']],
  ['Brescia', 'BS', ['Breshia', 'Breshja']],
  ['Como', 'CO', ['Komo']],
  ['Cremona', 'CR', ['Crémone', 'Kremona']],
  ['Lecco', 'LC', ['Leko', 'Lekko']],
  ['Mantova', 'MN', ['Mantoue']],
  ['Pavia', 'PV', ['Pavie']],
  // the other regions
  ['Piacenza', 'PC', ['Plaisance', 'Plasencia']],
  ['Torino', 'TO', ['Torinë']],
  ['Genova', 'GE', ['Gênes', 'Gjenova', 'Gjenovë']],
  ['Venezia', 'VE', ['Venise', 'Venecia', 'Veneția', 'Venetia', 'Veneţia', 'Venedik']],
  ['Firenze', 'FI', ['Florencia', 'Florența', 'Florenta', 'Florenţa', 'Firence', 'Firencë', 'Firenca']],
  ['Napoli', 'NA', ['Nápoles', 'Neapole', 'Napoje']],
  ['Roma', 'RM', ['Romë']],
  ['Bologna', 'BO', ['Bologne', 'Bolonia', 'Bolonja']],
  ['Verona', 'VR', ['Vérone']],
  ['Padova', 'PD', ['Padoue']],
  ['Parma', 'PR', ['Parme']],
  ['Novara', 'NO', ['Novare']],
  ['Modena', 'MO', ['Modène']],
  ['Trento', 'TN', ['Trente']],
  ['Vicenza', 'VI', ['Vicence']],
  ['Treviso', 'TV', ['Trévise']],
  ['Alessandria', 'AL', ['Alexandrie', 'Alejandría']],
  ['Vercelli', 'VC', ['Verceil']],
  ['Ferrara', 'FE', ['Ferrare']],
  ['Livorno', 'LI', ['Livourne', 'Liorna']],
  ['Pisa', 'PI', ['Pise']],
  ['Siena', 'SI', ['Sienne']],
  ['Perugia', 'PG', ['Pérouse', 'Perusa']],
  ['Ancona', 'AN', ['Ancône']],
  ['Palermo', 'PA', ['Palerme']],
  ['Catania', 'CT', ['Catane']],
];

/** The language of each spelling of LATIN_EXONYMS. */
const SPELLING_LANGUAGE: Readonly<Record<string, Lang>> = Object.fromEntries(
  (
    [
      ['fr', ['Bergame', 'Crémone', 'Mantoue', 'Pavie', 'Plaisance', 'Gênes', 'Venise', 'Bologne', 'Vérone', 'Padoue', 'Parme', 'Novare', 'Modène', 'Trente', 'Vicence', 'Trévise', 'Alexandrie', 'Verceil', 'Ferrare', 'Livourne', 'Pise', 'Sienne', 'Pérouse', 'Ancône', 'Palerme', 'Catane']],
      ['es', ['Milán', 'Plasencia', 'Venecia', 'Florencia', 'Nápoles', 'Bolonia', 'Alejandría', 'Liorna', 'Perusa']],
      ['ro', ['Veneția', 'Venetia', 'Veneţia', 'Florența', 'Florenta', 'Florenţa', 'Neapole']],
      ['sq', ['Breshia', 'Breshja', 'Komo', 'Kremona', 'Leko', 'Lekko', 'Torinë', 'Gjenova', 'Gjenovë', 'Venedik', 'Firence', 'Firencë', 'Firenca', 'Napoje', 'Romë', 'Bolonja']],
    ] as Array<[Lang, string[]]>
  ).flatMap(([language, spellings]) => spellings.map((spelling) => [spelling, language] as const)),
);

/** The language a Latin-script exonym of the newer languages is written in ("Plaisance" -> fr), if it is one. */
export function exonymLanguage(spelling: string): Lang | undefined {
  return SPELLING_LANGUAGE[spelling];
}

/** The Latin-script exonyms as gazetteer aliases (loadGazetteer adds them to content/places/aliases.json's). */
export function exonymAliases(): AliasEntry[] {
  return LATIN_EXONYMS.flatMap(([comune, province, spellings]) => spellings.map((alias) => ({ alias, province, comune, note: 'exonym (fr, es, ro, sq)' })));
}

/**
 * French "Côme" folds to "come" (Italian and English "how"/"come"): read as Como only as typed, with its accent
 * (any case), and put into the text as "Como" (capitalised as typed) before the reading.
 */
const COME_WITH_ACCENT = /(?<![\p{L}\p{M}])(c)(?:ô|o\u0302)me(?![\p{L}\p{M}])/giu;

const BY_SPELLING: ReadonlyMap<string, string> = new Map(EXONYMS.flatMap(([latin, spellings]) => spellings.map((spelling) => [normalize(spelling), latin] as const)));
const LONGEST_WORDS = Math.max(...[...BY_SPELLING.keys()].map((spelling) => spelling.split(' ').length));

/** Arabic letters that cling to the next word as prepositions or "and": "بميلانو" (in Milan), "وبرغامو". */
const ARABIC_CLITIC = /^[وبفل]/u;

const NON_LATIN_WORD = /[^\P{L}\p{Script=Latin}]/u;

function latinOf(words: string[]): string | undefined {
  const joined = words.join(' ');
  const direct = BY_SPELLING.get(joined);
  if (direct) return direct;
  return ARABIC_CLITIC.test(joined) ? BY_SPELLING.get(joined.slice(1)) : undefined;
}

/**
 * The text with "Côme" written "Como" and every known Cyrillic or Arabic spelling of an Italian place replaced by its
 * Latin name (each word as a separate, folded token); otherwise unchanged.
 */
export function latinizePlaceNames(text: string): string {
  text = text.replace(COME_WITH_ACCENT, (_whole, initial: string) => `${initial}omo`);
  if (!NON_LATIN_WORD.test(text)) return text;
  const words = text.split(/\s+/u);
  const out: string[] = [];
  for (let i = 0; i < words.length; ) {
    let replaced = false;
    for (let n = Math.min(LONGEST_WORDS, words.length - i); n >= 1 && !replaced; n--) {
      // punctuation at the edges ("Бергамо," "ميلانو؟") stays with the text, around the Latin name
      const slice = words.slice(i, i + n);
      const core = normalize(slice.join(' '));
      if (!core || !NON_LATIN_WORD.test(core)) continue;
      const latin = latinOf(core.split(' '));
      if (!latin) continue;
      const trailing = /[^\p{L}\p{N}]+$/u.exec(slice[slice.length - 1])?.[0] ?? '';
      out.push(`${latin}${trailing}`);
      i += n;
      replaced = true;
    }
    if (!replaced) {
      out.push(words[i]);
      i++;
    }
  }
  return out.join(' ');
}

/**
 * The languages each exonym is written in (folded spelling -> languages). A city's name in one language is no name
 * in another: "Plaisance" is Piacenza to a French speaker, a pleasure boat's word otherwise; Spanish "Plasencia" is
 * the name of a Spanish city. Read only in the text's own language (the Italian names, and the Cyrillic and Arabic
 * spellings, whose script tells the language, are not concerned).
 */
const EXONYM_SPELLINGS: ReadonlyArray<readonly [languages: readonly Lang[], pairs: ReadonlyArray<readonly [italian: string, spelling: string]>]> = [
  // English names (content/places/aliases.json), some shared with French and Spanish
  [['en', 'fr'], [['Milano', 'Milan'], ['Firenze', 'Florence'], ['Torino', 'Turin'], ['Roma', 'Rome'], ['Napoli', 'Naples'], ['Siracusa', 'Syracuse']]],
  [['en'], [['Venezia', 'Venice'], ['Genova', 'Genoa'], ['Livorno', 'Leghorn']]],
  [['en', 'es'], [['Mantova', 'Mantua'], ['Padova', 'Padua']]],
  [['es'], [['Torino', 'Turín']]],
  // the French, Spanish, Romanian and Albanian names above
  ...(['fr', 'es', 'ro', 'sq'] as const).map((language) => [[language], LATIN_EXONYMS.flatMap(([comune, , spellings]) => spellings.filter((s) => SPELLING_LANGUAGE[s] === language).map((s) => [comune, s] as const))] as const),
];

/**
 * Folded spelling -> the languages it is a city's name in. Only spellings more than two edits from the Italian name:
 * "Kremona", "Lekko", "Bergame" are the Italian name as another alphabet spells it, read in any language (the
 * reading's typo tolerance would find them anyway); "Plaisance", "Florence", "Plasencia" are other words.
 */
const EXONYM_LANGUAGES: ReadonlyMap<string, ReadonlySet<Lang>> = (() => {
  const out = new Map<string, Set<Lang>>();
  for (const [languages, pairs] of EXONYM_SPELLINGS) {
    for (const [italian, spelling] of pairs) {
      const key = normalize(spelling);
      if (editDistance(key, normalize(italian), 3) <= 2) continue;
      const set = out.get(key) ?? new Set<Lang>();
      for (const language of languages) set.add(language);
      out.set(key, set);
    }
  }
  return out;
})();

/**
 * Exonyms that are also a first name or a word ("my colleague Florence", "mi amiga Florencia", "Мілан порадив", the
 * football club "ميلان", French "trente" (thirty), "la sienne", "gènes" (genes)) or another country's city (Spanish
 * "Plasencia", "Alexandrie"/"Alejandría" in Egypt): a place only after a place preposition, or as the whole answer.
 */
const NAME_LIKE = new Set(['milan', 'florence', 'florencia', 'florenta', 'мілан', 'милан', 'ميلان'].map((w) => normalize(w)));
/** Name-like exonyms that "de"/"from" does not mark: a birthplace abroad ("soy de Plasencia"), a word ("de plaisance", "la sienne"). */
const FOREIGN_CITY = new Set(['plasencia', 'alexandrie', 'alejandria', 'plaisance', 'trente', 'sienne', 'genes'].map((w) => normalize(w)));

/** Place prepositions of the eight languages before a name ("in Florence", "en Plasencia", "в Мілан", "في ميلان"). */
const LOCATIVE = new Set(['a', 'in', 'at', 'to', 'near', 'en', 'cerca', 'dans', 'pres', 'la', 'din', 'langa', 'ne', 'te', 'afer', 'в', 'у', 'до', 'біля', 'під', 'في', 'الى', 'قرب', 'عند', 'ف']);
/** Prepositions of origin ("from Milan", "de Florencia"), a place for a name but a birthplace for a foreign city. */
const ORIGIN = new Set(['from', 'da', 'di', 'de', 'd', 'nga', 'з', 'із', 'від', 'من']);
/** Born, grew up: the place that follows is a birthplace, not the worksite ("nací en Plasencia"). */
const BORN = new Set(['nato', 'nata', 'born', 'naci', 'nacido', 'nacida', 'ne', 'nee', 'nascut', 'nascuta', 'lindur', 'народився', 'народилася', 'народилась', 'ولدت', 'مولود', 'مولوده']);
/** Arabic prepositions joined to the name ("بميلان", "فميلان"). */
const ARABIC_JOINED_PLACE = /^[وف]?[بف](?=\p{Script=Arabic})/u;

/**
 * The text with the exonyms that cannot be meant as a place blanked out: an exonym of another language than the
 * text's, and a name-like one (NAME_LIKE, FOREIGN_CITY) with no place preposition before it, unless it is the whole
 * message. The rest of the reading is unchanged ("Florence from HR sent me here" has no place; "I work in Florence"
 * is Firenze).
 */
export function withoutUnfitExonyms(text: string, lang: Lang): string {
  const words = [...text.matchAll(/\S+/gu)].map((m) => ({ raw: m[0], start: m.index ?? 0, norm: normalize(m[0]) }));
  const cut: Array<[number, number]> = [];
  words.forEach((word, i) => {
    const parts = word.norm.split(' ');
    const key = parts[parts.length - 1] ?? '';
    const bare = key.replace(ARABIC_JOINED_PLACE, '');
    const languages = EXONYM_LANGUAGES.get(key);
    const nameLike = NAME_LIKE.has(bare) || FOREIGN_CITY.has(bare);
    if (languages === undefined && !nameLike) return;
    if (languages !== undefined && !languages.has(lang)) {
      cut.push([word.start, word.start + word.raw.length]);
      return;
    }
    if (!nameLike || words.length <= 2) return;
    // "d'Alexandrie", "l'Alejandría": the preposition glued by an apostrophe is the word's own first part
    const previous = parts.length > 1 ? parts[parts.length - 2] : (words[i - 1]?.norm.split(' ').pop() ?? '');
    const joined = bare !== key;
    const foreignCity = FOREIGN_CITY.has(bare);
    const beforePrevious = parts.length > 1 ? (words[i - 1]?.norm.split(' ').pop() ?? '') : (words[i - 2]?.norm.split(' ').pop() ?? '');
    const marked = joined || LOCATIVE.has(previous) || (!foreignCity && ORIGIN.has(previous));
    if (marked && !(foreignCity && BORN.has(beforePrevious))) return;
    cut.push([word.start, word.start + word.raw.length]);
  });
  if (cut.length === 0) return text;
  let out = '';
  let from = 0;
  for (const [start, end] of cut) {
    out += `${text.slice(from, start)}${' '.repeat(end - start)}`;
    from = end;
  }
  return out + text.slice(from);
}
