/**
 * Arabizi: Arabic typed in Latin letters, with digits for the sounds Latin has no letter for (3 = ع, 7 = ح, 9 = ق,
 * 5 = خ, 2 = ء), the way many Moroccan and Egyptian workers write on a phone without an Arabic keyboard ("wach
 * n9der nchark?", "chno hiya had l'barnamaj?"). Spelling varies too much for letter-by-letter transliteration to
 * meet the FAQ's Arabic words, so the frequent words of a question about work are listed with their Arabic-script
 * spelling, folded as the analyzer folds Arabic (ة as ه, ى as ي: this runs after that fold); the rest (Italian words among them: "cassa integrazione", "naspi") is left as typed.
 */
const ARABIZI_WORDS: ReadonlyArray<readonly [string, string]> = [
  // question words
  ['wach wash wesh wech', 'واش'],
  ['chno chnou chnu achno ach shno shnu chnowa', 'شنو'],
  ['kifach kifash kifech kifich', 'كيفاش'],
  ['ezay izay ezzay', 'ازاي'],
  ['fin fain fen feen', 'فين'],
  ['chhal ch7al sh7al chehal ch7al 9adach qadach', 'شحال'],
  ['3lach 3lash alach', 'علاش'],
  ['imta emta emte', 'امتي'],
  ['chkoun chkon shkoun chkun', 'شكون'],
  ['meen', 'مين'],
  ['mnin', 'منين'],
  ['eh eih eeh', 'ايه'],
  // people and little words
  ['ana ena', 'انا'],
  ['7na hna e7na ehna', 'احنا'],
  ['rani', 'راني'],
  ['chi shi', 'شي'],
  ['haja 7aja hadja 7aga haga', 'حاجه'],
  ['had hadi hada hadchi', 'هاد'],
  ['hiya hia heya', 'هي'],
  ['howa huwa hwa', 'هو'],
  ['dyal dial', 'ديال'],
  ['dyali diali', 'ديالي'],
  ['m3a ma3a', 'مع'],
  ['wla ola oula walla', 'ولا'],
  ['daba dba delwa2ti dlwa2ty', 'دابا'],
  ['bla', 'بلا'],
  ['mesh mish mch', 'مش'],
  ['momken mumkin', 'ممكن'],
  ['3afak 3afakom', 'عافاك'],
  ['salam slm', 'السلام'],
  ['3ayez 3ayz 3awez', 'عايز'],
  ['bghit b4it bgheet', 'بغيت'],
  ['khassni khasni 5assni 5asni', 'خاصني'],
  // verbs of joining, paying, working
  ['n9der nqder n9dar nakdar n9dr', 'نقدر'],
  ['a2dar 2dar a2dr', 'اقدر'],
  ['nchark ncharek nshark nshrek ncharak', 'نشارك'],
  ['ashtarek ashtrek', 'اشترك'],
  ['ndkhol nedkhol nedkhel ndakhel', 'ندخل'],
  ['nkhales nkhalles nkhalss nkhless nkhles n5les n5alles', 'نخلص'],
  ['nkhdem nekhdem kankhdem kan5dem', 'نخدم'],
  ['ashtaghal bashtaghal', 'اشتغل'],
  ['tsreht tsre7t', 'تسرحت'],
  ['jrawni jraw', 'طردوني'],
  ['ma3ndich ma3andich ma3endich', 'ماعنديش'],
  ['m9ayed', 'مسجل'],
  // things
  ['flous flouss flos floss feloos felous flus', 'فلوس'],
  ['khedma khdma 5edma khidma 5dma', 'خدمه'],
  ['lkhedma lkhdma l5edma', 'الخدمه'],
  ['sho8l shoghl shogl shoghol', 'شغل'],
  ['barnamaj barnamej barnameg barnamag', 'برنامج'],
  ['lbarnamaj lbarnamej elbarnamag', 'البرنامج'],
  ['charika chrika sharika chirka charikat', 'شركه'],
  ['sdat sedat tsdat', 'سدات'],
  ['chomage chomaj choumaj', 'الشوماج'],
  ['tkwin takwin', 'تكوين'],
  ['dawra dawrat', 'دوره'],
  ['mosa3ada mousa3ada musa3ada', 'مساعده'],
  ['mo9awala mokawala', 'مقاوله'],
  ['nmra nemra nimra', 'نمره'],
  ['telephone tilifoun tilifon', 'تليفون'],
];

const LEXICON: ReadonlyMap<string, string> = new Map(
  ARABIZI_WORDS.flatMap(([spellings, arabic]) => spellings.split(' ').map((s) => [s, arabic] as const)),
);

const LATIN_WORD = /(?<![\p{L}\p{N}])[a-z0-9]*[a-z][a-z0-9]*(?![\p{L}\p{N}])/giu;

/** Arabizi words of `text` in Arabic script ("wach n9der nchark" -> "واش نقدر نشارك"); everything else as typed. */
export function arabiziToArabic(text: string): string {
  return text.replace(LATIN_WORD, (word) => LEXICON.get(word.toLowerCase()) ?? word);
}
