/**
 * Word lists for place reading. Many comuni are named like everyday words ("Ora", "Paese", "Calcio", "Erba",
 * "Però" -> Pero) or English ones ("None", "Sale", "Zone"), and a chat is full of them: "lavoro altrove ora" has no
 * place in it. These lists say when such a word may still be read as a place.
 */
import nearNameWords from './nearNameWords.json';

/**
 * Single-word names of comuni that are also Italian or English words, or three letters or fewer. Derived once from
 * the comuni list and the Debian word lists (witalian, wamerican); extend by hand. They count as a place only when
 * marked: the whole answer ("Erba"), after a place preposition ("a Erba", "in Opera"), or capitalised inside a
 * sentence. Names that are no common word ("Treviglio", "Curno") match anywhere.
 */
/**
 * Italian words one typo away from a comune ("palestra" / Palestro, "cesare" / Cesate): never read as a misspelt
 * place. Derived from the Debian Italian word list by scripts/build-near-name-words.ts, which says how and why.
 * Mutable for that script only, which clears it to read every word as the reader would without it.
 */
export const NEAR_NAME_WORDS: Set<string> = new Set(nearNameWords as string[]);

export const COMMON_NAME_WORDS: ReadonlySet<string> = new Set([
  // words of the newer languages that are comuni too (ro "este", "care", "mare"; es "esta", "cerca", "pero"...)
  // es "como" (how, as: "¿cómo puedo participar?"), fr "trente" (thirty: Trento's French name), ro "ceva"
  // (something), "romana" (Romanian), es "a través", "busca", "bono"; fr "la sienne" (hers: Siena's French name),
  // es "pise" (steps, "que no pise": Pisa's French name); the closing of a firm, said in every story: fr "a fermé"
  // (has closed: no typo of "a Fermo"), es "cerró" (Cerro Maggiore, Cerro al Lambro)
  'como', 'trente', 'ceva', 'romana', 'traves', 'busca', 'bono', 'sienne', 'pise', 'ferme', 'cerro',
  'este', 'esta', 'care', 'mare', 'luni', 'cum', 'era', 'ora', 'pare', 'vale', 'bene', 'tanto', 'aria', 'nona', 'pero', 'rio', 'casa', 'mia', 'mio', 'porta', 'cerca', 'poi', 'pena',
  // everyday Italian words that a place preposition often precedes and that are one letter from a comune: never a
  // misspelt place ("in busta paga" is not Busca, "in Italia" not Itala, "a turno" not Torno, "in corso" not Caorso)
  'busta', 'italia', 'turno', 'turni', 'corso', 'corsi', 'catena', 'montaggio', 'posto', 'posti', 'carico', 'conto',
  'aiuto', 'avvio', 'forma', 'fonti', 'bando', 'bandi', 'commercio', 'ancora', 'breve', 'uscita', 'messa', 'azione',
  'titolo', 'stessa', 'locali', 'ultima', 'senza', 'nuovo', 'nuovi', 'nuove', 'altro', 'altri', 'altre', 'quanto',
  'lungo', 'verso', 'luogo', 'segno', 'fatto', 'resta', 'presa', 'scopo', 'sopra', 'soldi', 'rivolta', 'rivolti',
  'almeno', 'stati', 'rimasto', 'libero', 'danno', 'versato', 'voglio', 'viene', 'siamo', 'varie', 'bisogna',
  'modulo', 'finale', 'torna', 'lascia', 'mille', 'scusa', 'forse', 'uscito', 'fosse', 'posso', 'possa', 'chiuse',
  'pagano', 'sostegni', 'regola', 'prova', 'ferie', 'coesione', 'presentato', 'contano', 'sensi', 'agosto',
  // months and days in the Latin-script languages, said in every story of a dismissal ("m-au dat afară în martie" is
  // no typo of "a Mattie"; "en marzo", "en mars", "në mars", "in march"): never a misspelt place
  'gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'settembre', 'ottobre', 'novembre', 'dicembre',
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'ianuarie', 'februarie', 'martie', 'aprilie', 'iunie', 'iulie', 'septembrie', 'octombrie', 'noiembrie', 'decembrie',
  'enero', 'febrero', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'setiembre', 'octubre', 'noviembre', 'diciembre',
  'janvier', 'fevrier', 'mars', 'avril', 'juin', 'juillet', 'aout', 'septembre', 'octobre', 'novembre', 'decembre',
  'janar', 'shkurt', 'prill', 'maj', 'qershor', 'korrik', 'gusht', 'shtator', 'tetor', 'nentor', 'dhjetor',
  'lunedi', 'martedi', 'mercoledi', 'giovedi', 'venerdi', 'sabato', 'domenica', 'marti', 'miercuri', 'joi', 'vineri', 'sambata', 'duminica',
  // first words of comuni names that are everyday words too ("Settimo Milanese", "Quinto de' Stampi")
  'settimo', 'quinto', 'sesto', 'busto',
  'acri', 'acuto', 'agira', 'agra', 'ala', 'alba', 'albino', 'ales', 'ali', 'altare', 'altissimo', 'alto', 'amaro',
  'amato', 'ameno', 'amorosi', 'anzi', 'apice', 'arcade', 'archi', 'arco', 'ardore', 'arena', 'ari', 'armo', 'asola',
  'asso', 'atri', 'balocco', 'barbara', 'bard', 'barge', 'bari', 'barile', 'bee', 'bella', 'benestare', 'bergamasco',
  'berra', 'bettola', 'bianchi', 'bianco', 'bidoni', 'bisaccia', 'bollate', 'bologna', 'bomba', 'bonito', 'bore',
  'borghi', 'bozzolo', 'bra', 'brindisi', 'bruno', 'busso', 'calci', 'calcio', 'calco', 'calvi', 'cambiano',
  'camerino', 'camini', 'camino', 'campagna', 'campana', 'camposanto', 'canale', 'candela', 'candida', 'canna',
  'capaci', 'carbonate', 'carbone', 'carceri', 'cardinale', 'carezzano', 'carini', 'carpi', 'carro', 'cascina',
  'casella', 'casina', 'cassino', 'castelli', 'casto', 'cattolica', 'cave', 'celano', 'cene', 'cento', 'cerchio',
  'cerva', 'cervo', 'ceto', 'chamois', 'chiari', 'chiasso', 'chiusa', 'chiusi', 'cis', 'coli', 'colico', 'cologne',
  'colonna', 'comunanza', 'conta', 'contrada', 'conversano', 'copiano', 'cori', 'cortino', 'covo', 'cozzo', 'crema',
  'curino', 'dare', 'dazio', 'dello', 'desio', 'diamante', 'dolce', 'dolo', 'don', 'donato', 'dro', 'erba', 'erbe',
  'fabbrico', 'falcone', 'fallo', 'fascia', 'fermo', 'filetto', 'firmo', 'fiumicello', 'foggia', 'fondi', 'fondo',
  'fontanella', 'fonte', 'forano', 'force', 'forino', 'fornace', 'fornelli', 'fortezza', 'fossa', 'fosso', 'frassino',
  'front', 'furore', 'gela', 'ginestra', 'giovo', 'girasole', 'giungano', 'gorgonzola', 'grado', 'grana', 'greci',
  'greggio', 'grosso', 'grotte', 'hone', 'incudine', 'laces', 'laghi', 'lago', 'lana', 'lanciano', 'latina', 'lauro',
  'lavagna', 'lecco', 'lei', 'lenta', 'leonessa', 'lesa', 'lettere', 'levate', 'liberi', 'licenza', 'liscia', 'lode',
  'lodi', 'lu', 'macello', 'macerata', 'magenta', 'magione', 'maglie', 'male', 'mammola', 'mango', 'mantello',
  'margarita', 'marino', 'martello', 'masi', 'massa', 'matrice', 'mattinata', 'mazze', 'medicina', 'mel', 'mele',
  'meri', 'mese', 'meta', 'mezzana', 'mezzani', 'mezzano', 'millesimo', 'minori', 'mira', 'mirano', 'mirto', 'modica',
  'moggio', 'molare', 'monopoli', 'monta', 'montagna', 'montagne', 'montanaro', 'monti', 'montone', 'mores', 'mori',
  'mossa', 'mosso', 'mozzate', 'mozzo', 'mura', 'musei', 'nasino', 'naso', 'nave', 'ne', 'noci', 'noli', 'nomi',
  'none', 'norma', 'noto', 'nove', 'novella', 'novello', 'nus', 'ome', 'onore', 'opera', 'opi', 'ora', 'oriolo',
  'ossi', 'ottone', 'paese', 'pagani', 'palombaro', 'paludi', 'panettieri', 'panni', 'pare', 'parenti', 'parete',
  'pasturo', 'paterno', 'patti', 'pau', 'pecco', 'penne', 'pergola', 'perito', 'pero', 'pescate', 'pesche', 'pianella',
  'piatto', 'piglio', 'pignola', 'pignone', 'pigra', 'pila', 'piombino', 'piovera', 'pisano', 'piscina', 'pizzo',
  'poli', 'polla', 'ponderano', 'ponte', 'ponti', 'popoli', 'porte', 'portici', 'posta', 'postal', 'potenza', 'prato',
  'pray', 'preci', 'premia', 'prezzo', 'proves', 'pula', 'pulsano', 'quadri', 'quart', 'quarto', 'quindici', 'rabbi',
  'rapino', 're', 'rea', 'rende', 'revere', 'rho', 'ricadi', 'rio', 'ripe', 'riposto', 'rive', 'ro', 'rosa', 'rose',
  'rossa', 'rotella', 'rotonda', 'rotondi', 'rubano', 'russi', 'sabbia', 'sacco', 'salassa', 'sale', 'salo', 'salve',
  'scala', 'scanno', 'scapoli', 'scena', 'scilla', 'scopa', 'scorrano', 'scorze', 'segni', 'selci', 'serrata', 'serre',
  'serri', 'sesto', 'siano', 'sigillo', 'soave', 'soglio', 'sommo', 'sorgono', 'sorso', 'sospiro', 'sostegno',
  'specchia', 'spello', 'spera', 'sperone', 'spessa', 'spiazzo', 'spinoso', 'spirano', 'stazzano', 'stella', 'stia',
  'stilo', 'stradella', 'strozza', 'supino', 'svizzera', 'taverna', 'terzo', 'tesero', 'tirano', 'tires', 'ton',
  'tornata', 'torno', 'toro', 'torretta', 'tortora', 'tramonti', 'trapani', 'travagliato', 'trenta', 'trinita',
  'trino', 'troia', 'trovo', 'turate', 'turi', 'ultimo', 'urbana', 'urbe', 'uri', 'uscio', 'uta', 'vaglia', 'valenza',
  'vallata', 'vas', 'vasto', 'vco', 'veglie', 'veglio', 'venosa', 'vermiglio', 'veruno', 'viale', 'vicari', 'vicoli',
  'vinci', 'viola', 'visone', 'vita', 'vittoria', 'viu', 'vo', 'voghera', 'volano', 'zeri', 'zone',
]);

/**
 * First names, treated as common words: some are comuni or start comuni names ("sono Bruno", "mi chiamo Martina"),
 * and the others are one typo away from one ("Marco" -> Marcon), so a name is never read as a misspelt place.
 */
export const FIRST_NAMES: ReadonlySet<string> = new Set([
  // first names that are also a city's name in another language: "Milan" (Milano), "Florence" (Firenze)
  'milan', 'florence',
  'paola', 'barbara', 'rosa', 'ali', 'bruno', 'donato', 'ciro', 'viola', 'stella', 'martina', 'marina', 'alice', 'vito',
  'marco', 'luca', 'andrea', 'giuseppe', 'francesco', 'antonio', 'mario', 'paolo', 'giovanni', 'roberto', 'stefano',
  'alessandro', 'davide', 'simone', 'matteo', 'lorenzo', 'federico', 'fabio', 'massimo', 'luigi', 'salvatore',
  'vincenzo', 'claudio', 'daniele', 'emanuele', 'michele', 'nicola', 'pietro', 'sergio', 'giorgio', 'angelo', 'maria',
  'anna', 'giulia', 'francesca', 'sara', 'laura', 'chiara', 'valentina', 'elena', 'alessandra', 'silvia', 'paola',
  'roberta', 'monica', 'federica', 'elisa', 'simona', 'cristina', 'giovanna', 'teresa', 'lucia', 'carla', 'rita',
  'patrizia', 'daniela', 'sonia', 'mohamed', 'ahmed', 'omar', 'fatima', 'sofia', 'giorgia', 'beatrice', 'riccardo',
  'tommaso', 'leonardo', 'gabriele', 'edoardo', 'filippo', 'diego', 'samuele', 'mattia', 'enrico', 'carlo', 'franco',
  'domenico', 'raffaele', 'gennaro', 'rocco', 'cosimo', 'renato', 'umberto', 'walter', 'dario', 'ettore', 'aldo',
  'piero', 'guido', 'silvio', 'flavio', 'adriano', 'irene', 'eleonora', 'nadia', 'tiziana', 'angela', 'carmela',
  'grazia', 'giada', 'michela', 'veronica', 'erika', 'jessica', 'katia', 'ornella', 'luciana', 'mirella', 'marta',
  'manuela', 'emma', 'aurora', 'camilla', 'bianca', 'arianna', 'noemi', 'ginevra', 'ludovica', 'alberto', 'gianluca',
  'giacomo', 'cesare', 'bruna', 'marisa', 'rosanna', 'rosaria', 'antonella', 'gabriella', 'stefania', 'raffaella',
]);

/**
 * Words never read as a place on their own, not even as the whole answer, and never as the start of a longer name
 * ("Villa" -> Villa Guardia, Villa d'Adda ...): answers, function words, and the generic first words of hundreds of
 * comuni. Longer names that contain them still match in full ("San Donato Milanese", "Villa d'Almè").
 */
export const NEVER_ALONE: ReadonlySet<string> = new Set([
  // the newer languages' work and function words that begin comuni names ("fábrica" -> Fabrica di Roma) or are answers
  'fabrica', 'fabrika', 'este', 'esta', 'una', 'une', 'dans', 'din', 'tek', 'mai', 'nu', 'jo', 'po', 'da', 'oui', 'non', 'si',
  // Lombardy itself in other languages, no comune and never a typo of one (French "Lombardie" is not Lombardore TO)
  'lombardie', 'lombardy', 'lombardi', 'lombardiei', 'lombardei',
  // answers and function words that are comuni or prefixes of comuni
  'bene', 'male', 'ora', 'si', 'no', 'ok', 'lei', 'ne', 're', 'dello', 'none', 'anzi', 'due', 'tre', 'quattro', 'nove',
  'cento', 'sotto', 'oltre', 'volta', 'centro', 'chiesa', 'casa', 'fine', 'mese', 'vita', 'grado', 'ultimo', 'quarto',
  'terzo', 'noto', 'fermo', 'trovo', 'conta', 'monta', 'rende', 'segni', 'parenti', 'fondi', 'posta', 'norma', 'porte',
  'scala', 'lettere', 'licenza', 'meta', 'paese', 'sale', 'zone', 'force', 'front', 'postal', 'proves', 'ton', 'bee',
  'bra', 'tires', 'quart', 'pray', 'ripe', 'bore', 'uri', 'vo', 'ro', 'lu', 'loro', 'capo', 'alto', 'alta', 'fabbrica',
  'fabbriche', 'mercato', 'campagna', 'cura', 'piano', 'casino', 'cassino', 'lavoro', 'ditta', 'sede', 'area',
  // generic first words of many comuni
  'san', 'santa', 'santo', 'sant', 'villa', 'monte', 'torre', 'borgo', 'pieve', 'poggio', 'isola', 'porto', 'ponte',
  'la', 'il', 'lo', 'le', 'castello', 'valle', 'val', 'costa', 'colle', 'campo', 'sala', 'serra', 'riva', 'corte',
  'colli', 'palazzo', 'selva', 'guardia', 'prato', 'pietra', 'piana', 'piazza', 'terre', 'torri', 'citta', 'bagno',
  'campi', 'muro', 'casale', 'bosco', 'forno', 'rocca', 'celle', 'caselle', 'gioia', 'chiusa', 'zero',
  'vallo', 'forni', 'penna', 'conca', 'cella', 'calice', 'cava', 'corno', 'sasso', 'lama', 'massa', 'fara', 'terme',
]);

/** Words before a name that mark it as a place: "a Erba", "in Opera", "near Rho", "zona Lodi". */
export const PLACE_PREPOSITIONS: ReadonlySet<string> = new Set([
  // the newer languages: ro "la/în/din", es "en", fr "à/en/dans", sq "në/tek", uk "в/у/біля", ar "في/قرب"
  'din', 'langa', 'en', 'cerca', 'dans', 'pres', 'ne', 'tek', 'te', 'prane', 'afer', 'в', 'у', 'біля', 'поблизу', 'під', 'في', 'قرب', 'بالقرب',
  'a', 'ad', 'in', 'presso', 'vicino', 'zona', 'dintorni', 'at', 'near', 'around', 'outside', 'nearby',
]);

/** "comune di Erba", "provincia di Lodi": "di" marks a place only after one of these. */
export const PLACE_NOUNS_BEFORE_DI: ReadonlySet<string> = new Set([
  'comune', 'provincia', 'prov', 'zona', 'parti', 'sede', 'citta', 'paese', 'area', 'vicinanze', 'territorio',
  'hinterland', 'stabilimento', 'filiale', 'of',
  // the work site named by the firm, as Spanish "empresa de" and French "usine de" below: "la ditta di Lecco"
  'ditta', 'fabbrica', 'azienda', 'impresa', 'societa', 'officina', 'magazzino', 'capannone', 'cantiere', 'reparto', 'unita',
]);

/**
 * Spanish and French "de" marks a place after a work site, a town or "near" ("una nave de Erba", "l'usine de
 * Crema", "cerca de Erba", "près de Lodi"), as Italian "di" does after PLACE_NOUNS_BEFORE_DI.
 */
export const PLACE_NOUNS_BEFORE_DE: ReadonlySet<string> = new Set([
  'fabrica', 'planta', 'empresa', 'almacen', 'taller', 'oficina', 'nave', 'sede', 'ciudad', 'pueblo', 'zona', 'provincia', 'municipio', 'alrededores', 'cerca',
  'usine', 'entrepot', 'atelier', 'bureau', 'site', 'ville', 'region', 'zone', 'province', 'commune', 'environs', 'pres', 'cote',
]);

/** Words that mark the following (or preceding) name as a province: "provincia di Varese", "Varese province". */
export const PROVINCE_WORDS: ReadonlySet<string> = new Set(['provincia', 'prov', 'province', 'provincie', 'provinces']);

/**
 * Words that may surround a place in an answer without being part of it ("lavoro a Rho", "la sede è in provincia
 * di Varese", "I work near Milan"). When only these are left around a name, the name is the whole answer.
 */
export const ANSWER_FILLERS: ReadonlySet<string> = new Set([
  // the newer languages' words for working, the firm and being somewhere
  'lucrez', 'lucram', 'lucrat', 'firma', 'fabrica', 'mea', 'noastra', 'este', 'intr', 'o', 'eu', 'sunt', 'compania', 'societatea', 'afla', 'din', 'langa', 'trabajo', 'trabajaba', 'trabajamos', 'en', 'el', 'mi', 'empresa', 'esta', 'es', 'yo', 'cerca', 'de', 'je', 'travaille', 'travaillais', 'dans', 'usine', 'mon', 'ma', 'entreprise', 'est', 'pres', 'punoj', 'punoja', 'nje', 'fabrike', 'kompania', 'kompani', 'firme', 'ime', 'eshte', 'une', 'tek', 'prane', 'працюю', 'працював', 'працювала', 'на', 'заводі', 'заводи', 'фабриці', 'фабрици', 'фірма', 'фірмі', 'фирми', 'моя', 'я', 'біля', 'اعمل', 'اشتغل', 'في', 'مصنع', 'شركتي', 'شركه', 'انا', 'قرب',
  'lavoro', 'lavoravo', 'lavorato', 'lavora', 'lavorava', 'lavoriamo', 'lavoravamo', 'ho', 'sede', 'stabilimento',
  'azienda', 'ditta', 'fabbrica', 'ufficio', 'filiale', 'negozio', 'cantiere', 'reparto', 'unita', 'produttiva',
  'operativa', 'sono', 'ero', 'sto', 'stavo', 'siamo', 'eravamo', 'a', 'ad', 'in', 'di', 'del', 'della', 'dello', 'nel',
  'nella', 'nello', 'al', 'alla', 'presso', 'vicino', 'zona', 'area', 'comune', 'provincia', 'prov', 'citta', 'la',
  'il', 'lo', 'l', 'e', 'si', 'trova', 'trovava', 'era', 'mia', 'mio', 'nostra', 'nostro', 'sua', 'suo', 'dalle',
  'parti', 'qui', 'li', 'proprio', 'ciao', 'grazie', 'allora', 'beh', 'dunque', 'ecco', 'tipo', 'circa', 'dintorni',
  'vicinanze', 'hinterland', 'territorio', 'the', 'i', 'we', 'work', 'worked', 'working', 'works', 'at', 'near',
  'nearby', 'based', 'it', 'its', 's', 'is', 'was', 'my', 'our', 'company', 'office', 'plant', 'factory', 'site',
  'province', 'of', 'city', 'town', 'area', 'around', 'close', 'to', 'just', 'outside', 'from', 'm', 'am', 'located',
  'workplace', 'job', 'employer', 'un', 'una', 'uno', 'a', 'an', 'hi', 'thanks', 'ok', 'okay', 'yes', 'no',
]);

/**
 * Saying where one lives in the six newer languages, as workers write it (folded: no accents, Arabic letter forms
 * unified): ro "stau la Novara" (colloquial for living there), "locuim"; es "vivimos", "resido"; fr "j'habite",
 * "nous habitons"; sq "banoj", "jetojmë"; uk "живу", "проживаю"; ar "أسكن", "أعيش", "ساكن", "مقيم".
 */
const NEWER_LIVING_VERBS = [
  'stau', 'stam', 'locuiesc', 'locuim', 'locuiam', 'traiesc', 'traim', 'domiciliat', 'domiciliata', 'rezident', 'rezidenta',
  'vivo', 'vivimos', 'vivia', 'resido', 'residimos', 'habito', 'empadronado', 'empadronada',
  'habite', 'habitons', 'habitais', 'vis', 'vivons', 'reside', 'residons', 'domicilie', 'domiciliee',
  'banoj', 'banojme', 'banoja', 'jetoj', 'jetojme', 'jetoja', 'banues', 'rezident',
  'живу', 'живемо', 'жила', 'жив', 'проживаю', 'проживаємо', 'мешкаю', 'мешкаємо',
  'اسكن', 'نسكن', 'اعيش', 'نعيش', 'ساكن', 'ساكنه', 'مقيم', 'مقيمه', 'اقيم', 'نقيم',
];

/** Saying where one works or worked in the six newer languages (folded), beside their words for the firm. */
const NEWER_WORK_VERBS = [
  'lucrat', 'lucram', 'lucreaza', 'trabaje', 'trabajamos', 'trabajabamos', 'trabaja', 'travaillais', 'travaillons', 'travaillait', 'travaillions',
  'punoja', 'punojme', 'punuar', 'працював', 'працювала', 'працюємо', 'працювали', 'نعمل', 'عملت', 'اشتغلت',
];

/** Words just before a place that say it is the work site (preferred when a message names two places). */
export const WORK_CUES: ReadonlySet<string> = new Set([
  // the newer languages' words for the work site
  'lucrez', 'lucram', 'fabrica', 'firma', 'trabajo', 'trabajaba', 'empresa', 'travaille', 'usine', 'entreprise', 'punoj', 'fabrike', 'fabrika', 'kompania', 'працюю', 'заводі', 'фабриці', 'фірма', 'اعمل', 'اشتغل', 'مصنع', 'شركتي',
  ...NEWER_WORK_VERBS,
  'lavoro', 'lavoravo', 'lavorato', 'lavora', 'lavorava', 'sede', 'stabilimento', 'azienda', 'ditta', 'fabbrica',
  'ufficio', 'filiale', 'cantiere', 'reparto', 'work', 'worked', 'working', 'office', 'plant', 'factory', 'site',
  'company', 'based', 'located', 'employer',
]);

/** Words just before a place that say it is where the person lives, not works. */
export const HOME_CUES: ReadonlySet<string> = new Set([
  ...NEWER_LIVING_VERBS,
  'abito', 'vivo', 'residente', 'risiedo', 'nato', 'nata', 'vengo', 'casa', 'live', 'living', 'home', 'born', 'from',
]);

/** San, Santo, Santa, Sant' and their abbreviations all fold to "s" for matching "S. Giuliano", "Sto Stefano". */
export const SAINT_FORMS: ReadonlySet<string> = new Set(['s', 'san', 'santo', 'santa', 'sant', 'st', 'sto', 'sta', 'ss']);

/**
 * Words just before a place that say the person lives there: such a place is never read as the work site ("lavoro
 * a Lugano, abito a Como" is Lugano; "abito a Como" alone is no work site at all). Narrower than HOME_CUES, which
 * only ranks places ("vengo da Lodi" may still be where the firm is).
 */
export const LIVING_CUES: ReadonlySet<string> = new Set([
  // the newer languages: "locuiesc", "vivo", "j'habite", "jetoj", "живу", "أسكن"
  'locuiesc', 'traiesc', 'vivo', 'habito', 'habite', 'vis', 'jetoj', 'banoj', 'живу', 'мешкаю', 'اسكن', 'اعيش',
  ...NEWER_LIVING_VERBS,
  'abito', 'abita', 'abitiamo', 'abitavo', 'vivo', 'vive', 'viviamo', 'vivevo', 'residente', 'residenti', 'risiedo',
  'risiede', 'residenza', 'domiciliato', 'domiciliata', 'domicilio', 'live', 'lives', 'living', 'reside', 'resident',
]);

/**
 * Words just before a place that say it is where the person works (the production or operational unit). They end
 * the look-back for a home or registered-office word: "la sede legale è a Milano ma lo stabilimento è a Lodi".
 */
export const UNIT_CUES: ReadonlySet<string> = new Set([
  // the newer languages' words for the work site
  'lucrez', 'lucram', 'fabrica', 'firma', 'trabajo', 'trabajaba', 'empresa', 'travaille', 'usine', 'entreprise', 'punoj', 'fabrike', 'fabrika', 'kompania', 'працюю', 'заводі', 'фабриці', 'фірма', 'اعمل', 'اشتغل', 'مصنع', 'شركتي',
  ...NEWER_WORK_VERBS,
  'lavoro', 'lavoravo', 'lavorato', 'lavora', 'lavorava', 'lavoriamo', 'lavoravamo', 'stabilimento', 'fabbrica',
  'reparto', 'cantiere', 'filiale', 'ufficio', 'negozio', 'magazzino', 'operativa', 'produttiva', 'work', 'worked',
  'working', 'works', 'plant', 'factory', 'site', 'warehouse', 'branch',
]);

/**
 * Comuni named like an everyday phrase ("la cassa integrazione", "la valle", "la loggia"): read as a place only when
 * marked, like the single common words above ("a La Cassa", the whole answer, capitals inside a sentence).
 */
export const COMMON_PHRASE_NAMES: ReadonlySet<string> = new Set(['la cassa', 'la valle', 'la loggia', 'la salle']);
