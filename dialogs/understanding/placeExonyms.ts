/**
 * Italian places written in Cyrillic or Arabic script ("працюю в Бергамо", "أعمل في ميلانو"), turned into the Latin
 * name the gazetteer knows before it reads the text.
 *
 * Decision (issue 16): a table of the usual exonyms, not a general transliteration. It covers Lombardy's twelve
 * provincial capitals and the largest Italian cities outside Lombardy (so "Турин" is surely not Lombardy), with the
 * Ukrainian (and Russian) case endings workers type ("в Мілані", "у Брешії"). A general transliteration would cost
 * little for Cyrillic but mislead for Arabic, which writes no short vowels: "برغامو" and "بريشيا" would come out
 * several edits from "Bergamo" and "Brescia" and near other comuni. Any other comune is asked for in Latin script,
 * as the pre-check's question already shows it, and the bot repeats back what it understood.
 */
import { normalize } from './normalize';

/** Latin name -> its spellings in Ukrainian, Russian and Arabic (written as typed; folded when the table is built). */
const EXONYMS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['Milano', ['Мілан', 'Мілані', 'Мілана', 'Міланi', 'Милан', 'Милане', 'Милана', 'ميلانو', 'ميلان', 'ميلانوا']],
  ['Bergamo', ['Бергамо', 'Бергамі', 'Бергаму', 'بيرغامو', 'برغامو', 'بيرجامو', 'برجامو', 'بيرقامو', 'برقامو']],
  ['Brescia', ['Брешія', 'Брешії', 'Брешію', 'Брешиа', 'Брешия', 'Брешии', 'بريشيا', 'بريشا', 'بريتشا', 'بريشيه']],
  ['Como', ['Комо', 'كومو']],
  ['Cremona', ['Кремона', 'Кремоні', 'Кремоне', 'كريمونا', 'كرمونا']],
  ['Lecco', ['Лекко', 'Леко', 'ليكو', 'ليكّو']],
  ['Lodi', ['Лоді', 'Лоди', 'لودي']],
  ['Mantova', ['Мантуя', 'Мантуї', 'Мантую', 'Мантуе', 'Мантова', 'Мантові', 'مانتوفا', 'مانتوا', 'مانطوفا']],
  ['Monza', ['Монца', 'Монці', 'Монце', 'مونزا', 'مونتسا', 'مونسا']],
  ['Pavia', ['Павія', 'Павії', 'Павию', 'Павия', 'Павии', 'بافيا', 'پافيا']],
  ['Sondrio', ['Сондріо', 'Сондрио', 'سوندريو']],
  ['Varese', ['Варезе', 'فاريزي', 'فاريزه', 'فاريسي', 'فاريزى']],
  ['Sesto San Giovanni', ['Сесто-Сан-Джованні', 'Сесто Сан Джованні', 'Сесто-Сан-Джованни', 'سيستو سان جيوفاني']],
  ['Torino', ['Турин', 'Турині', 'Турина', 'Турине', 'تورينو', 'تورين']],
  ['Roma', ['Рим', 'Римі', 'Риме', 'روما']],
  ['Napoli', ['Неаполь', 'Неаполі', 'Неаполе', 'نابولي']],
  ['Genova', ['Генуя', 'Генуї', 'Генуе', 'جنوة', 'جنوا']],
  ['Venezia', ['Венеція', 'Венеції', 'Венеция', 'Венеции', 'البندقية', 'فينيسيا']],
  ['Bologna', ['Болонья', 'Болоньї', 'Болонье', 'بولونيا']],
  ['Firenze', ['Флоренція', 'Флоренції', 'Флоренция', 'Флоренции', 'فلورنسا']],
  ['Verona', ['Верона', 'Вероні', 'Вероне', 'فيرونا']],
  ['Piacenza', ['Пʼяченца', "П'яченца", 'Пьяченца', 'بياتشنزا', 'بياتشينزا']],
  ['Novara', ['Новара', 'Новарі', 'Новаре', 'نوفارا']],
];

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
 * The text with every known Cyrillic or Arabic spelling of an Italian place replaced by its Latin name (each word
 * as a separate, folded token), or the text unchanged when it has no letter outside the Latin script.
 */
export function latinizePlaceNames(text: string): string {
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
