import { mentionsUnnamedIncomeSupport, recognizeCrisis, recognizeCrisisCues, recognizeRedundancies, recognizeStatus, type CrisisKind, type Lang } from '../../dialogs/understanding';

describe('recognizeCrisis (it)', () => {
  test.each<[string, CrisisKind]>([
    ['cassa integrazione straordinaria', 'CIGS'],
    ['siamo in CIGS', 'CIGS'],
    ['cig straordinaria per crisi', 'CIGS'],
    ['contratto di solidarietà', 'CIGS'],
    ['cig in deroga', 'CIGD'],
    ['cassa integrazione in deroga', 'CIGD'],
    ['CIGD', 'CIGD'],
    ['cassa integrazione ordinaria', 'CIGO'],
    ['siamo in cigo da due settimane', 'CIGO'],
    // a crisis, kind not said: see crisis.ts for why this is not CIGS
    ['cassa integrazione', 'OTHER_CRISIS'],
    ['siamo in cassa', 'OTHER_CRISIS'],
    ['in cassa a zero ore', 'OTHER_CRISIS'],
    ['siamo in crisi', 'OTHER_CRISIS'],
    ['calo degli ordini', 'OTHER_CRISIS'],
    ['ristrutturazione aziendale', 'OTHER_CRISIS'],
    ['non ci pagano gli stipendi', 'OTHER_CRISIS'],
    ['sì', 'OTHER_CRISIS'],
    ['licenziamento collettivo', 'COLLECTIVE_DISMISSAL'],
    ['ci sono esuberi', 'COLLECTIVE_DISMISSAL'],
    ['procedura di mobilità', 'COLLECTIVE_DISMISSAL'],
    ['stanno licenziando', 'COLLECTIVE_DISMISSAL'],
    ['hanno licenziato 50 persone', 'COLLECTIVE_DISMISSAL'],
    ['riduzione del personale', 'COLLECTIVE_DISMISSAL'],
    ["l'azienda è fallita", 'INSOLVENCY'],
    ['fallimento', 'INSOLVENCY'],
    ['liquidazione giudiziale', 'INSOLVENCY'],
    ['è intervenuto il curatore fallimentare', 'INSOLVENCY'],
    // not bankruptcy: no art. 72 suspension (ar-2018.2)
    ['concordato preventivo', 'ARRANGEMENT'],
    ["l'azienda ha chiesto il concordato in bianco", 'ARRANGEMENT'],
    ['siamo in composizione negoziata della crisi', 'ARRANGEMENT'],
    ['amministrazione straordinaria', 'ARRANGEMENT'],
    ['sono in cassa integrazione per amministrazione straordinaria', 'ARRANGEMENT'],
    ['è in concordato, poi è fallita', 'INSOLVENCY'],
    // a firm winding down, or a procedure not named
    ['è in liquidazione', 'CLOSURE'],
    ['procedura concorsuale', 'OTHER_CRISIS'],
    ["l'azienda è insolvente", 'OTHER_CRISIS'],
    // how a crisis goes is not whether there is one
    ['sono in CIGS ma non sono previsti esuberi', 'CIGS'],
    ['cassa integrazione straordinaria senza esuberi', 'CIGS'],
    ['cigs, nessun esubero', 'CIGS'],
    ['chiusura dello stabilimento', 'CLOSURE'],
    ["l'azienda chiude", 'CLOSURE'],
    ['chiude a dicembre', 'CLOSURE'],
    ['cessazione di attività', 'CLOSURE'],
    ["l'azienda chiude, non so quando", 'CLOSURE'],
    ['delocalizzazione', 'RELOCATION'],
    ['trasferiscono la produzione in Romania', 'RELOCATION'],
    ["trasferimento all'estero", 'RELOCATION'],
    ['cassa integrazione straordinaria e licenziamento collettivo', 'CIGS'],
    ["l'azienda chiude e ci sono esuberi", 'COLLECTIVE_DISMISSAL'],
    ['no, va tutto bene', 'NO_CRISIS'],
    ['nessuna crisi', 'NO_CRISIS'],
    ["l'azienda non è in crisi", 'NO_CRISIS'],
    ['non ci sono licenziamenti', 'NO_CRISIS'],
    ['no', 'NO_CRISIS'],
    ['non so', 'UNKNOWN'],
    ['non lo so', 'UNKNOWN'],
    ['boh', 'UNKNOWN'],
    ['non so se chiude', 'UNKNOWN'],
    ['forse chiude', 'UNKNOWN'],
  ])('%s -> %s', (text, expected) => {
    expect(recognizeCrisis(text, 'it')).toBe(expected);
  });

  test.each(['non sono previsti esuberi', 'nessun esubero', 'senza esuberi'])('%s is about redundancies, not about whether there is a crisis', (text) => {
    expect(recognizeCrisis(text, 'it')).toBeUndefined();
  });

  test.each(['Milano', 'buongiorno', 'quanto dura il corso?', 'lavoro in cassa al supermercato', ''])('%s says nothing about a crisis', (text) => {
    expect(recognizeCrisis(text, 'it')).toBeUndefined();
  });

  test('a bare answer is no crisis cue in a free message', () => {
    expect(recognizeCrisisCues('no', 'it')).toBeUndefined();
    expect(recognizeCrisisCues('va bene', 'it')).toBeUndefined();
    expect(recognizeCrisisCues('lavoravo a Treviglio in una fabbrica in cassa integrazione', 'it')).toBe('OTHER_CRISIS');
  });
});

describe('recognizeCrisis (en)', () => {
  test.each<[string, CrisisKind]>([
    ['extraordinary wage guarantee', 'CIGS'],
    ['CIGS', 'CIGS'],
    ['ordinary wage guarantee fund', 'CIGO'],
    ['collective redundancies', 'COLLECTIVE_DISMISSAL'],
    ['layoffs', 'COLLECTIVE_DISMISSAL'],
    ['they are cutting jobs', 'COLLECTIVE_DISMISSAL'],
    ['the company went bankrupt', 'INSOLVENCY'],
    ['it went into administration', 'ARRANGEMENT'],
    ['an arrangement with creditors', 'ARRANGEMENT'],
    ['liquidation', 'CLOSURE'],
    ['the plant is closing down', 'CLOSURE'],
    ['they will close the factory', 'CLOSURE'],
    ['they are relocating production to Poland', 'RELOCATION'],
    ['offshoring', 'RELOCATION'],
    ['restructuring', 'OTHER_CRISIS'],
    ['the company is in crisis', 'OTHER_CRISIS'],
    ['yes', 'OTHER_CRISIS'],
    ['no crisis, everything is fine', 'NO_CRISIS'],
    ['no', 'NO_CRISIS'],
    ["I don't know", 'UNKNOWN'],
    ['not sure', 'UNKNOWN'],
    ['no idea', 'UNKNOWN'],
    ['cassa integrazione straordinaria', 'CIGS'],
  ])('%s -> %s', (text, expected) => {
    expect(recognizeCrisis(text, 'en')).toBe(expected);
  });

  test.each(['Milan', 'hello', 'how long does it last?'])('%s says nothing about a crisis', (text) => {
    expect(recognizeCrisis(text, 'en')).toBeUndefined();
  });
});

describe('recognizeCrisis: other phrasings', () => {
  test.each<[string, CrisisKind]>([
    ['Sì, siamo in cassa integrazione straordinaria', 'CIGS'],
    ['cassa straordinaria', 'CIGS'],
    ['siamo in solidarietà', 'CIGS'],
    ['cassa in deroga', 'CIGD'],
    ['cassa ordinaria', 'CIGO'],
    ['hanno aperto la mobilità', 'COLLECTIVE_DISMISSAL'],
    ['stanno facendo tagli al personale', 'COLLECTIVE_DISMISSAL'],
    ['ci hanno detto che ci saranno esuberi', 'COLLECTIVE_DISMISSAL'],
    ["l'azienda ha dichiarato fallimento", 'INSOLVENCY'],
    ['hanno nominato un curatore', 'INSOLVENCY'],
    ['chiudono lo stabilimento', 'CLOSURE'],
    ["cessano l'attività a fine anno", 'CLOSURE'],
    ['la fabbrica è chiusa', 'CLOSURE'],
    ['spostano tutto in Serbia', 'RELOCATION'],
    ["portano la produzione all'estero", 'RELOCATION'],
    ["l'azienda ha problemi economici", 'OTHER_CRISIS'],
    ["riduzione dell'orario", 'OTHER_CRISIS'],
    ["l'azienda sta bene", 'NO_CRISIS'],
    ['non mi risulta', 'NO_CRISIS'],
    ["no, non c'è nessuna crisi", 'NO_CRISIS'],
    ['non ne ho idea', 'UNKNOWN'],
  ])('%s -> %s', (text, expected) => {
    expect(recognizeCrisis(text, 'it')).toBe(expected);
  });
});

describe('recognizeRedundancies: what the agreements foresee', () => {
  test.each<[string, 'it' | 'en', 'yes' | 'no' | 'unknown']>([
    ['non sono previsti esuberi', 'it', 'no'],
    ['sono in CIGS ma non sono previsti esuberi', 'it', 'no'],
    ['nessun esubero', 'it', 'no'],
    ['senza esuberi', 'it', 'no'],
    ['esuberi no', 'it', 'no'],
    ["l'accordo non prevede esuberi", 'it', 'no'],
    ['non ci sono esuberi', 'it', 'no'],
    ['gli esuberi non sono previsti', 'it', 'no'],
    ['niente licenziamenti, rientreremo tutti', 'it', 'no'],
    ['ci sono 40 esuberi', 'it', 'yes'],
    ['sono previsti esuberi', 'it', 'yes'],
    ["l'accordo prevede 30 esuberi", 'it', 'yes'],
    ['io sono tra gli esuberi', 'it', 'yes'],
    ['alla fine della cassa ci saranno licenziamenti', 'it', 'yes'],
    ['non so se ci saranno esuberi', 'it', 'unknown'],
    ['non lo so', 'it', 'unknown'],
    ["non ce l'hanno detto", 'it', 'unknown'],
    ["non me l'hanno detto", 'it', 'unknown'],
    ['devo chiedere al sindacato', 'it', 'unknown'],
    ['non è previsto alcun esubero', 'it', 'no'],
    ["l'accordo esclude esuberi", 'it', 'no'],
    ['nessuno verrà licenziato', 'it', 'no'],
    ["l'accordo prevede il rientro di tutti", 'it', 'no'],
    ['parte del personale non rientrerà', 'it', 'yes'],
    ['nobody will be laid off', 'en', 'no'],
    ['some of us will be made redundant', 'en', 'yes'],
    ["I don't know about redundancies", 'en', 'unknown'],
    ['no redundancies', 'en', 'no'],
    ['there will be redundancies', 'en', 'yes'],
    ["I don't know", 'en', 'unknown'],
  ])('%s -> %s', (text, lang, expected) => {
    expect(recognizeRedundancies(text, lang)).toBe(expected);
  });

  test.each(['sì', 'no', 'Milano', 'cassa integrazione straordinaria', ''])('%s says nothing about redundancies by itself', (text) => {
    expect(recognizeRedundancies(text, 'it')).toBeUndefined();
  });
});

describe('mentionsUnnamedIncomeSupport: cassa integrazione without its kind', () => {
  test.each<[string, boolean]>([
    ['sono in cassa integrazione', true],
    ['siamo in cassa a zero ore', true],
    ['sono cassintegrato da marzo', true],
    ["l'azienda ci ha messo in CIG", true],
    ["I'm furloughed", true],
    ['cassa integrazione straordinaria', false],
    ['siamo in cigs', false],
    ['cig in deroga', false],
    ['cassa integrazione ordinaria', false],
    ['non sono in cassa integrazione', false],
    ['lavoro in cassa al supermercato', false],
    ['sono stato licenziato', false],
  ])('%s -> %s', (text, expected) => {
    expect(mentionsUnnamedIncomeSupport(text, /I'm/.test(text) ? 'en' : 'it')).toBe(expected);
  });
});

describe('recognizeCrisis in the six newer languages (Italian procedure names accepted inside them)', () => {
  test.each<[string, Lang, CrisisKind]>([
    ['firma a dat faliment', 'ro', 'INSOLVENCY'],
    ['sunt în CIGS', 'ro', 'CIGS'],
    ['da', 'ro', 'OTHER_CRISIS'],
    ['la empresa va a cerrar', 'es', 'CLOSURE'],
    ['la fábrica no está en crisis', 'es', 'NO_CRISIS'],
    ['no lo sé', 'es', 'UNKNOWN'],
    ['il y a un plan social', 'fr', 'COLLECTIVE_DISMISSAL'],
    ['non', 'fr', 'NO_CRISIS'],
    ['kompania po mbyllet', 'sq', 'CLOSURE'],
    ['підприємство закривається', 'uk', 'CLOSURE'],
    ['не знаю', 'uk', 'UNKNOWN'],
    ['الشركة ستغلق', 'ar', 'CLOSURE'],
    ['الشركة في أزمة', 'ar', 'OTHER_CRISIS'],
    ['cassa integrazione in deroga', 'ar', 'CIGD'],
  ])('%s [%s] -> %s', (text, lang, expected) => {
    expect(recognizeCrisis(text, lang)).toBe(expected);
  });

  test.each<[string, Lang, 'yes' | 'no' | 'unknown']>([
    ['sunt prevăzute disponibilizări', 'ro', 'yes'],
    ['sin despidos', 'es', 'no'],
    ['il y a des sureffectifs', 'fr', 'yes'],
    ['без скорочень', 'uk', 'no'],
  ])('redundancies: %s [%s] -> %s', (text, lang, expected) => {
    expect(recognizeRedundancies(text, lang)).toBe(expected);
  });
});

describe('a part of the firm closing is a crisis of a kind to be told, not the firm closing, and does not say the writer is out', () => {
  test.each<[Lang, string]>([
    ['it', 'la ditta ha chiuso un reparto'],
    ['it', 'hanno chiuso la linea 2'],
    ['it', 'chiude una sede'],
    ['it', 'la chiusura di un reparto'],
    ['en', 'they closed a department'],
    ['en', 'the company is shutting one line'],
  ])('%s: «%s» is OTHER_CRISIS', (lang, text) => {
    expect(recognizeCrisis(text, lang)).toBe('OTHER_CRISIS');
    expect(recognizeStatus(text, lang)).not.toBe('UNEMPLOYED');
  });

  test.each<[Lang, string]>([['it', 'la ditta ha chiuso'], ['it', "l'azienda chiude a marzo"], ['it', 'chiusura della fabbrica'], ['en', 'the company closed down']])('%s: «%s» is still CLOSURE', (lang, text) => {
    expect(recognizeCrisis(text, lang)).toBe('CLOSURE');
  });
});

/**
 * A rumour of closure is not a closure: "ci sono voci di chiusura" answers the crisis question with "not sure" (to
 * be verified), in the eight languages; the same closure said as a fact is still read.
 */
describe('rumours and talk are "not sure" at the crisis question', () => {
  test.each<[Lang, string]>([
    ['it', 'girano voci che la fabbrica chiude'],
    ['it', 'si vocifera di una chiusura'],
    ['it', 'pare che chiuderà entro l anno'],
    ['en', 'rumour has it the plant will close'],
    ['en', 'people say there will be layoffs'],
    ['ro', 'umblă vorba că se închide'],
    ['es', 'corre la voz de que cierran'],
    ['fr', 'on dit que ça va fermer'],
    ['sq', 'thuhet se fabrika do të mbyllet'],
    ['uk', 'подейкують, що фірму закриють'],
    ['ar', 'في كلام انهم رح يغلقوا المصنع'],
  ])('%s: "%s" is UNKNOWN', (lang, text) => {
    expect(recognizeCrisis(text, lang)).toBe('UNKNOWN');
  });

  test.each<[Lang, string, CrisisKind]>([
    ['it', 'la fabbrica chiude a fine anno', 'CLOSURE'],
    ['en', 'the plant will close in May', 'CLOSURE'],
    ['fr', "l'usine va fermer", 'CLOSURE'],
    ['uk', 'фірму закриють', 'CLOSURE'],
  ])('%s: "%s" said as a fact is still %s', (lang, text, expected) => {
    expect(recognizeCrisis(text, lang)).toBe(expected);
  });

  test('rumoured redundancies are not known redundancies', () => {
    expect(recognizeRedundancies('si dice che ci saranno esuberi', 'it')).toBe('unknown');
    expect(recognizeRedundancies('ci saranno esuberi', 'it')).toBe('yes');
  });
});
