import { SECTORS, isSector, type Sector } from './projects/project';
import { foldLatinAccents } from './text/fold';

/**
 * Economic sectors as the pre-check records them and network projects declare them: one list (models/projects),
 * so a worker's answer and a project's coverage compare by code. Labels live in the UI strings
 * (eligibility.sector.<code>). This module reads a sector from what people type, in any of the eight languages.
 */
export { SECTORS, isSector, type Sector };

/**
 * How the word lists are written: as people type them, accents optional (both the list and the text are folded:
 * Latin accents off, so "ndërtim" is "ndertim" and "construcții" is "constructii"; Cyrillic lower case; Arabic
 * folded as models/text/fold.ts does). An entry matches at the start of a word only:
 *  - "word" is that whole word: "moda" is not in "comodo", "negozio" not in "negoziazione", "carta" not in "cartella";
 *  - "stem*" is a word beginning so: "metalmeccanic*" is metalmeccanica, -o, -i, -he;
 *  - "two words" are those words in a row, any spaces, hyphens or apostrophes between (or none): "call center",
 *    "call-center", "callcenter";
 *  - Arabic entries also match behind the clitics written as one word with them ("المطاعم", "بالبناء", "وللنقل").
 */
type WordLists = Partial<Record<Sector, string[]>>;

/**
 * What the firm is or does. When two sectors are named the firm's activity wins over the goods it handles: a shop
 * selling clothes is retail ("negozio di abbigliamento"), a haulier of food is logistics, a cleaning contractor in
 * a foundry is services. So the activity sectors are tried first (see PRIORITY), the sectors of goods after them.
 */
const FIRM_WORDS: Record<Sector, string[]> = {
  metalmeccanico: [
    // it
    'metalmeccanic*', 'meccanic*', 'metal*', 'siderurg*', 'acciai*', 'fonder*', 'carpenteria metallica', 'elettromeccanic*',
    'elettrodomestic*', 'elettronic*', 'electronica', 'electronice', 'automobil*', 'automotive', 'autoveicol*', 'stampaggi*', 'torneri*', 'minuterie metalliche',
    'cantiere navale', 'cantieri navali', 'navalmeccanic*',
    // en
    'steel*', 'foundr*', 'metalwork*', 'engineering', 'electronics', 'car industry', 'car factory', 'shipyard*',
    // es
    'metalurg*', 'mecanic*', 'acero', 'aceria*', 'fundicion*', 'carpinteria metalica', 'automocion', 'automotriz', 'automovil*',
    // fr
    'mecaniqu*', 'acier*', 'electroniqu*', 'charpente metallique', 'menuiserie metallique',
    // ro
    'otel*', 'turnatori*', 'siderurgi*', 'constructii de masini',
    // sq
    'mekanik*', 'metalurgji*', 'celik*', 'shkritore', 'industria elektronike', 'automobilistik*',
    // uk
    'металург*', 'метал*', 'механ*', 'машинобуд*', 'сталь', 'сталев*', 'сталеливар*', 'ливарн*', 'автомобіл*', 'автозавод*',
    'електронік*', 'суднобуд*',
    // ar
    'معادن', 'معدن*', 'ميكانيك*', 'حديد*', 'حداده', 'صلب', 'مسبك*', 'صناعة السيارات', 'الكترونيات',
  ],
  tessile: [
    'tessil*', 'tessitur*', 'tessuti', 'filatur*', 'abbigliament*', 'moda', 'calzatur*', 'confezioni', 'sartori*', 'maglifici*',
    'maglieri*', 'pelletteri*',
    'textile*', 'clothing', 'clothes', 'fashion', 'garment*', 'apparel', 'footwear', 'shoe*', 'weaving',
    'textil*', 'confeccion*', 'sastreria*', 'ropa', 'calzado', 'hilatura',
    'habillement', 'vetement*', 'confection', 'couture', 'chaussure*',
    'imbracaminte', 'haine', 'confectii', 'croitori*', 'incaltaminte',
    'tekstil*', 'veshje', 'rroba', 'konfeksion*', 'kepuc*', 'qepje',
    'текстил*', 'одяг*', 'швейн*', 'взутт*',
    'نسيج*', 'منسوجات', 'ملابس', 'خياطه', 'غزل', 'احذيه',
  ],
  chimico: [
    'chimic*', 'petrolchimic*', 'farmaceutic*', 'farmaci', 'plastic*', 'gomma', 'vernici', 'cosmetic*', 'detergent*',
    'chemical*', 'chemistry', 'pharmaceutical*', 'pharma', 'rubber',
    'quimic*', 'caucho',
    'chimie', 'chimiqu*', 'pharmacie', 'pharmaceutiqu*', 'caoutchouc', 'cosmetiqu*',
    'chimi*', 'cauciuc', 'mase plastice',
    'kimi*', 'farmaceutik*', 'plastik*', 'gome',
    'хімі*', 'фарма*', 'пластмас*', 'пластик*', 'гума', 'гумов*', 'косметик*',
    'كيمياء', 'كيميائي*', 'كيماوي*', 'ادويه', 'دواء', 'صيدل*', 'بلاستيك*', 'مطاط',
  ],
  alimentare: [
    'aliment*', 'agroaliment*', 'caseifici*', 'dolciari*', 'bevande', 'salumifici*', 'macello', 'panifici*', 'pastifici*',
    'lattiero*', 'conservifici*',
    'food*', 'beverage*', 'dairy', 'bakery', 'meat processing', 'slaughterhouse*',
    'comida', 'carnic*', 'lacteo*', 'bebidas', 'panaderia*',
    'agroalimentaire', 'boulangerie*', 'laiterie*', 'abattoir*',
    'panificati*', 'brutari*', 'paine', 'carne',
    'ushqim*',
    'харч*', "м'ясокомбінат*", 'молочн*', 'хлібозавод*', 'пекарн*',
    'غذائي*', 'اغذيه', 'غذاء', 'البان', 'لحوم', 'مخبز*',
  ],
  commercio: [
    'commercio', 'commerciant*', 'negozio', 'negozi', 'negoziant*', 'supermercat*', 'ipermercat*', 'grande distribuzione',
    'gdo', 'vendita', 'vendite', 'ingrosso', 'discount', 'concessionari*',
    'commerce', 'ecommerce', 'retail*', 'shop', 'shops', 'store', 'stores', 'supermarket*', 'wholesale*', 'sales',
    'comercio', 'comerciant*', 'tienda*', 'supermercado*', 'venta', 'ventas',
    'commercant*', 'magasin', 'magasins', 'supermarche*', 'grande distribution', 'vente', 'ventes', 'boutique*',
    'comert*', 'magazin', 'magazinul', 'vanzari',
    'tregti*', 'dyqan*', 'shitje',
    'торгів*', 'торгов*', 'магазин*', 'супермаркет*', 'продаж*',
    'تجارة', 'تجاري*', 'تجار', 'متجر*', 'سوبرماركت', 'سوبر ماركت', 'بيع', 'مبيعات', 'دكان', 'حانوت', 'بقاله',
  ],
  logistica: [
    'logistic*', 'trasport*', 'autotrasport*', 'spedizion*', 'corriere', 'corrieri', 'consegne',
    'transport*', 'shipping', 'delivery', 'deliveries', 'courier*', 'freight', 'haulage', 'trucking',
    'mensajeria', 'paqueteria',
    'logistiqu*', 'livraison*', 'messagerie',
    'curierat', 'curier*', 'livrari',
    'logjistik*', 'korrier*',
    'логіст*', 'транспорт*', 'перевез*', 'доставк*', "кур'єр*",
    'نقل', 'نقليات', 'لوجست*', 'لوجيست*', 'شحن', 'توصيل',
  ],
  edilizia: [
    'edil*', 'costruzion*', 'impiantistic*', 'cantier*', 'ponteggi*',
    'construction', 'building*',
    'construccion*', 'obra', 'obras', 'edificacion*',
    'batiment', 'btp', 'chantier*', 'travaux publics', 'maconnerie',
    'constructi*', 'santier*', 'cladir*',
    'ndertim*', 'kantier*',
    'будів*', 'будова*', 'будмайданчик*',
    'بناء', 'بنايات', 'مباني', 'انشاءات', 'مقاول*', 'تشييد', 'شانطي',
  ],
  'legno-arredo': [
    'legno', 'legname', 'legnami', 'mobili', 'mobilifici*', 'arred*', 'falegnameri*',
    'furniture', 'wood*', 'joinery', 'carpentry',
    'madera*', 'mueble*', 'carpinteria',
    'bois', 'meuble*', 'ameublement', 'menuiserie',
    'lemn*', 'mobila', 'mobilier*',
    'dru', 'druri', 'mobilje', 'mobileri*', 'zdrukth*',
    'дерев*', 'мебл*', 'столяр*',
    'خشب*', 'اخشاب', 'اثاث', 'موبيليا', 'موبيليات', 'نجاره',
  ],
  'carta-grafica': [
    'carta', 'cartari*', 'cartier*', 'cartotecnic*', 'grafic*', 'stampa', 'stamperi*', 'tipografi*', 'editori*',
    'paper', 'printing', 'publishing', 'graphic*',
    'papel', 'papelera', 'imprenta*', 'artes graficas', 'editorial',
    'papier', 'papeterie*', 'papetier*', 'imprimerie*', 'graphiqu*',
    'hartie', 'poligrafi*',
    'leter', 'shtypshkronj*', 'grafik*',
    'папір', 'паперов*', 'поліграф*', 'друкарн*', 'типограф*',
    'ورق', 'طباعه', 'مطبعه',
  ],
  ict: [
    'informatic*', 'software', 'telecom*', 'ict', 'tlc', 'computer*', 'settore it', 'nell it', 'azienda it', 'ditta it',
    'information technology', 'it company', 'it sector', 'it services', 'it support', 'it consult*', 'in it',
    'en it', 'sector it', 'sectorul it', 'ne it', "dans l'it", 'в it', 'у it',
    'telecomunicacion*',
    'informatiqu*',
    'informatik*', 'telekom*',
    'інформат*', 'телеком*', 'айті',
    'معلوماتيه', 'برمجيات', 'اتصالات', 'حاسوب', 'كمبيوتر', 'تكنولوجيا المعلومات', 'تقنيه المعلومات',
  ],
  servizi: [
    'pulizi*', 'call center', 'banca', 'banche', 'bancari*', 'assicuraz*', 'vigilanza', 'lavanderi*', 'multiservizi',
    'cleaning', 'call centre', 'bank', 'banks', 'banking', 'insurance', 'laundry',
    'limpieza*', 'seguros', 'vigilancia',
    'nettoyage', 'proprete', "centre d'appel*", 'banque', 'banques', 'bancaire*', 'assurance*', 'gardiennage', 'blanchisserie',
    'curatenie', 'banci', 'bancar', 'bancara', 'bancare', 'asigurari', 'paza',
    'pastrim*', 'banka', 'banke', 'sigurime', 'qender thirrjesh',
    'прибиранн*', 'клінінг*', 'банк', 'банку', 'банки', 'банківськ*', 'страхов*', 'колл центр*', 'кол центр*', 'охоронн*',
    'تنظيف', 'نظافه', 'بنك', 'بنوك', 'مصرف*', 'تامين', 'حراسه', 'كول سنتر', 'مركز اتصال',
  ],
  turismo: [
    'turism*', 'turistic*', 'alberg*', 'hotel*', 'ristorazion*', 'ristorant*', 'pizzeri*', 'bar', 'trattoria', 'mensa', 'mense',
    'catering', 'agenzia di viaggi', 'agenzia viaggi', 'agenzie di viaggi', 'agenzie viaggi',
    'tourism', 'tourist', 'touristiqu*', 'hospitality', 'restaurant*', 'travel agenc*',
    'hosteleria', 'restauracion', 'cafeteria*', 'agencia de viajes',
    'tourisme', 'hotellerie', 'restauration', 'cafe', 'agence de voyage*',
    'ospitalitate', 'horeca',
    'turiz*', 'restorant*',
    'туриз*', 'туристичн*', 'готел*', 'ресторан*', 'кафе',
    'سياحه', 'سياحي*', 'فندق*', 'فنادق', 'مطعم*', 'مطاعم', 'كافيه', 'مقهي', 'ضيافه',
  ],
};

/**
 * Jobs that tell the sector, for the worker who answers with what they do ("sono saldatore", "cameriera"): read
 * only when no word names the firm, since a warehouse worker of a textile firm works in textiles. Only jobs that
 * belong to one sector of the list: an electrician, a clerk or a plain "driver" could be in any.
 */
const JOB_WORDS: WordLists = {
  metalmeccanico: ['saldator*', 'saldatric*', 'tornitor*', 'fresator*', 'welder*', 'soldador*', 'soudeur*', 'sudor*', 'зварюв*', 'зварник*', 'لحام'],
  tessile: ['sart*', 'sastre', 'tailor*', 'seamstress*', 'costurer*', 'couturier*', 'croitor*', 'rrobaqep*', 'швачк*', 'خياط'],
  commercio: ['commesso', 'venditor*', 'venditric*', 'cassier*', 'cashier*', 'shop assistant*', 'cajer*', 'dependient*', 'caissier*', 'vanzator*', 'kasier*', 'касир*', 'продав*', 'كاشير'],
  // the warehouse, the truck and the bus as well as the jobs: "lavoro in magazzino", "autista di camion"
  logistica: [
    'magazzin*', 'camionist*', 'mulettist*', 'facchin*', 'camion', 'autobus*', 'bus',
    'warehouse*', 'forklift*', 'truck driver*', 'delivery driver*',
    'almacen*', 'camioner*', 'repartidor*', 'entrepot*', 'magasinier*', 'routier', 'livreur*',
    'depozit*', 'magazinier*', 'depo', 'kamion*',
    'склад', 'складі', 'складськ*', 'далекобій*', 'вантажівк*',
    'مخزن', 'مخازن', 'مستودع*', 'شاحن*',
  ],
  edilizia: ['murator*', 'imbianchin*', 'piastrellist*', 'bricklayer*', 'albanil*', 'macon', 'zidar*', 'муляр*', 'штукатур*', 'بناي'],
  'legno-arredo': ['falegnam*', 'carpenter', 'carpenters', 'ebanist*', 'carpintero*', 'menuisier*', 'ebeniste*', 'tamplar*', 'marangoz*', 'نجار'],
  'carta-grafica': ['tipograf*', 'typographe*', 'друкар'],
  ict: ['programmator*', 'sviluppator*', 'sistemist*', 'programmer*', 'developer*', 'programador*', 'desarrollador*', 'programmeur*', 'developpeur*', 'programator*', 'programues*', 'програміст*', 'розробник*', 'مبرمج*'],
  // personal services and guarding
  servizi: [
    'parrucchier*', 'estetist*', 'peluquer*', 'coiffeur*', 'coiffeuse*', 'coiffure', 'frizer*', 'перукар*', 'حلاق*',
    'guardia giurata', 'security guard*', 'vigilante*', 'agent de securite', 'paznic*', 'roje', 'охоронець',
  ],
  turismo: ['camerier*', 'cuoc*', 'lavapiatti', 'barist*', 'waiter*', 'waitress*', 'cook', 'chef', 'camarer*', 'cociner*', 'serveur*', 'serveuse*', 'cuisinier*', 'ospatar*', 'bucatar*', 'kamarier*', 'kuzhinier*', 'офіціант*', 'кухар*', 'бармен*', 'نادل', 'طباخ', 'شيف', 'جرسون'],
};

/** "Services" alone names no trade: "servizi informatici" is ICT, "servizi di trasporto" logistics. Last resort. */
const GENERIC_WORDS: WordLists = {
  servizi: ['serviz*', 'services', 'service', 'servicio*', 'servicii', 'serviciu*', 'sherbim*', 'послуг*', 'خدمات', 'خدمه'],
};

/**
 * "IT" on its own is the sector; in a sentence "it" is mostly the English pronoun ("it is a factory"), so there only
 * the phrases of FIRM_WORDS count.
 */
const WHOLE_ANSWERS: WordLists = { ict: ['it'] };

/** Activity sectors before the sectors of goods (see FIRM_WORDS); among goods, chemicals ("stampaggio plastica")
 * before metalworking, and metalworking ("cantiere navale") before construction. */
const PRIORITY: Sector[] = ['servizi', 'logistica', 'commercio', 'turismo', 'ict', 'chimico', 'metalmeccanico', 'tessile', 'alimentare', 'edilizia', 'legno-arredo', 'carta-grafica'];

const LETTER_OR_DIGIT = '\\p{L}\\p{N}';
const ARABIC_LETTER = /^[\u0600-\u06ff]/;
/** "و"/"ف" (and, so), then "ال" (the) alone or behind "ب"/"ك" (in, like), or "لل" (for the), or "ب"/"ل"/"ك" alone. */
const ARABIC_CLITICS = '(?:[\u0648\u0641])?(?:[\u0628\u0643]?\u0627\u0644|\u0644\u0644|[\u0628\u0644\u0643])?';

function fold(text: string): string {
  return foldLatinAccents(text).toLowerCase();
}

/** One entry of a list as a pattern (see the top of the file). */
function entryPattern(entry: string): string {
  const folded = fold(entry);
  const stem = folded.endsWith('*');
  const words = (stem ? folded.slice(0, -1) : folded)
    .split(/[\s'’-]+/)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const body = words.join(`[^${LETTER_OR_DIGIT}]*`);
  return (ARABIC_LETTER.test(folded) ? ARABIC_CLITICS : '') + body + (stem ? '' : `(?![${LETTER_OR_DIGIT}])`);
}

/** Per sector, one expression for all its entries, starting at a word's start (or the text's, for whole answers). */
function compile(lists: WordLists, wholeAnswer = false): Array<[Sector, RegExp]> {
  return PRIORITY.filter((sector) => lists[sector]?.length).map((sector) => {
    const alternatives = (lists[sector] as string[]).map(entryPattern).join('|');
    const source = wholeAnswer ? `^[^${LETTER_OR_DIGIT}]*(?:${alternatives})[^${LETTER_OR_DIGIT}]*$` : `(?<![${LETTER_OR_DIGIT}])(?:${alternatives})`;
    return [sector, new RegExp(source, 'u')];
  });
}

/** Tried in turn: a later kind of word counts only when no earlier one is in the text. */
const READINGS: Array<Array<[Sector, RegExp]>> = [compile(WHOLE_ANSWERS, true), compile(FIRM_WORDS), compile(JOB_WORDS), compile(GENERIC_WORDS)];

/** The sector a free-text description points to, or undefined when none does. */
export function sectorFromText(text: string): Sector | undefined {
  const folded = fold(text);
  for (const reading of READINGS) {
    for (const [sector, words] of reading) if (words.test(folded)) return sector;
  }
  return undefined;
}
