/**
 * Understanding in the six newer languages (ro, ar, sq, es, uk, fr), on phrasings other than the eval sets': the
 * pre-check's trigger with its negation, commands said as wishes or wrapped in "please", questions typed at a
 * step, a language's own name inside a step, and Italian places in Cyrillic or Arabic script or in the newer
 * languages' own Latin spellings ("Bergame", "Plaisance", "Milán"), with the words that look like them but are not.
 */
import { CommandRecognizer } from '../../dialogs/commands';
import { asksForDefinition, asksToParticipate, isParticipationRequest, statesWorksite } from '../../dialogs/eligibility/participation';
import { asksAboutOwnParticipation, describesOwnCase } from '../../dialogs/eligibility/trigger';
import { recognizeLanguageName } from '../../dialogs/languageChoice';
import { recognizeRequest } from '../../dialogs/intents';
import { looksLikeQuestion } from '../../dialogs/referral/fieldChecks';
import { loadGazetteer, recognizeStatus, recognizeYesNo, type Lang } from '../../dialogs/understanding';
import { exonymAliases, exonymLanguage, latinizePlaceNames } from '../../dialogs/understanding/placeExonyms';
import { createTranslator } from '../../models/i18n';

const gazetteer = loadGazetteer();

describe("one's own taking part asked about, with a case nothing else reads", () => {
  test.each([
    'faccio le pulizie negli uffici, posso partecipare anch io?', 'lavoro come colf, ho diritto?', "I'm a seasonal picker, can I join?",
    'sunt îngrijitoare la o bătrână, pot participa?', 'soy cuidadora interna, ¿puedo participar?', 'je fais des ménages, je peux participer ?',
    'punoj si kamarier, a mund të marr pjesë?', 'я прибиральниця, чи можу я взяти участь?', 'انا عامل نظافه، ممكن اشارك؟',
  ])('%p asks about it', (text) => {
    expect(asksAboutOwnParticipation(text)).toBe(true);
  });
  test.each([
    'mio fratello fa il cameriere, può partecipare?', 'posso partecipare all’incontro di giovedì?', 'can I attend the meeting on Friday?',
    '¿puedo participar en la reunión del lunes?', 'cosa vuol dire partecipare?', 'fino a quando si può partecipare?',
  ])('%p does not', (text) => {
    expect(asksAboutOwnParticipation(text)).toBe(false);
  });
});

describe('help asked for as a whole message, in the eight languages', () => {
  let commands: CommandRecognizer;
  beforeAll(async () => {
    commands = new CommandRecognizer(await createTranslator());
  });
  test.each(['please help me', 'mi potete aiutare?', 'am nevoie de ajutor', 'necesito ayuda por favor', "j'ai besoin d'aide", 'a mund të më ndihmoni?', 'потрібна допомога', 'محتاج مساعده'])('%p is the help command', (text) => {
    expect(commands.recognize(text)).toBe('help');
  });
  test.each(['aiutami a trovare un lavoro', 'can you help me with my CV?', 'ayúdame a entender la medida'])('%p is a question, not the command', (text) => {
    expect(commands.recognize(text)).not.toBe('help');
  });
});

describe('asking to be called back, in the six newer languages', () => {
  test.each([
    'me gustaría que alguien me llamara', 'necesito que me contacten', '¿podrían contactarme?', 'llámenme por favor',
    'je souhaiterais être rappelée', "est-ce que quelqu'un peut me rappeler ?", 'rappelez-moi svp',
    'aș dori să fiu contactată', 'poate cineva să mă sune?', 'sunați-mă vă rog',
    'do të doja të më telefononi', 'a mundeni të më kontaktoni?', 'më merrni në telefon',
    'хотіла б, щоб зі мною зв’язалися', 'чи можете передзвонити мені?', 'наберіть мене будь ласка', 'перезвоните мне',
    'اود ان يتصل بي موظف', 'ممكن تكلموني؟', 'عاوز حد يكلمني', 'اتصلوا بي من فضلك',
  ])('%p asks for the call-back', (text) => {
    expect(recognizeRequest(text)).toBe('contact');
  });

  test.each([
    'quiero llamar a mi jefe', 'je dois appeler mon employeur', 'trebuie să sun la bancă', 'duhet të telefonoj shefin',
    'мені треба подзвонити на роботу', 'بدي اتصل بمديري', 'mi hanno chiamato ieri',
  ])('%p is no call-back asked for', (text) => {
    expect(recognizeRequest(text)).not.toBe('contact');
  });
});

describe('asking to take part', () => {
  test.each([
    'am putea participa și noi la program?',
    'mă pot înscrie?',
    '¿podemos participar nosotros también?',
    'pourrais-je y participer ?',
    'a mundemi të marrim pjesë edhe ne?',
    'чи можемо ми взяти участь?',
    'هل استطيع التسجيل؟',
    'aș dori să particip',
    'quiero participar',
    'est-ce que ça me concerne ?',
    'a i plotësoj kushtet?',
    'чи відповідаю я вимогам?',
    'أريد المشاركة',
  ])('%p asks to take part, as the whole message', (text) => {
    expect(asksToParticipate(text)).toBe(true);
    expect(isParticipationRequest(text)).toBe(true);
    expect(recognizeRequest(text)).toBe('eligibility');
  });

  test.each([
    'nu pot participa mâine la curs',
    'no puedo participar el martes',
    'nuk mund të marr pjesë të hënën',
    'я не можу взяти участь завтра',
    'لا أستطيع المشاركة غدا',
    'nu vreau să particip la ședință',
    'je ne veux pas participer à la réunion',
  ])('%p is negated: no participation question', (text) => {
    expect(asksToParticipate(text)).toBe(false);
    expect(recognizeRequest(text)).toBeUndefined();
  });

  test('a participation question inside a longer message is a cue, not a whole request', () => {
    expect(isParticipationRequest('pot participa dacă am contract pe perioadă determinată?')).toBe(false);
    expect(asksToParticipate('pot participa dacă am contract pe perioadă determinată?')).toBe(true);
  });

  test.each<[string, Lang]>([
    ['am fost concediată în martie, mă pot înscrie?', 'ro'],
    ['estoy en paro desde enero, ¿tengo derecho?', 'es'],
    ["je suis au chômage depuis janvier, j'ai droit ?", 'fr'],
    ['jam pa punë që nga janari, a kam të drejtë?', 'sq'],
    ['я без роботи з січня, чи маю я право?', 'uk'],
    ['أنا عاطل عن العمل منذ يناير، هل يحق لي؟', 'ar'],
    ['lucrăm la Cremona', 'ro'],
    ['mi empresa está en Varese', 'es'],
  ])('%p describes the worker’s own case (%s)', (text, language) => {
    expect(describesOwnCase(text, language, gazetteer)).toBe(true);
  });

  test.each<[string, Lang]>([
    ['ce înseamnă NASpI?', 'ro'],
    ['¿qué es la NASpI?', 'es'],
    "qu'est-ce que la NASpI ?",
    ['що таке NASpI?', 'uk'],
    ['ما معنى NASpI؟', 'ar'],
    ['ce înțelegeți voi prin firmă în criză?', 'ro'],
    ['¿a qué le llaman crisis de empresa?', 'es'],
    ['vous entendez quoi par crise d’entreprise ?', 'fr'],
    // opened with "and", "but": still a word's meaning asked, not an answer (it was taken for "crisis: yes")
    ['а що означає надзвичайна cassa integrazione?', 'uk'],
    ['dar ce este un licențiere colectivă?', 'ro'],
    ['pero ¿qué significa ERTE?', 'es'],
    ['mais ça veut dire quoi, crise ?', 'fr'],
    ['dhe çfarë do të thotë falimentim?', 'sq'],
    ['وماذا تعني الأزمة؟', 'ar'],
  ].map((row) => (Array.isArray(row) ? row : [row, 'fr'])) as Array<[string, Lang]>)('%p asks for a definition', (text, language) => {
    expect(asksForDefinition(text)).toBe(true);
    expect(describesOwnCase(text, language, gazetteer)).toBe(false);
  });

  test.each(['lucram la Lodi', 'trabajaba en Pavia', 'je travaillais à Como', 'punoja në Lecco', 'працювала в Sondrio', 'كنت أعمل في Mantova'])('%p states the work site', (text) => {
    expect(statesWorksite(text)).toBe(true);
  });
});

describe('commands and questions at a step', () => {
  let commands: CommandRecognizer;
  beforeAll(async () => {
    commands = new CommandRecognizer(await createTranslator());
  });

  test.each([
    ['aș vrea să revin la meniu', 'menu'],
    ['quisiera regresar al menú principal', 'menu'],
    ["j'aimerais retourner au menu", 'menu'],
    ['do të doja të kthehem te menyja', 'menu'],
    ['хотіла б повернутися до головного меню', 'menu'],
    ['أود العودة إلى القائمة الرئيسية', 'menu'],
    ['as vrea sa renunt', 'cancel'],
    ['quisiera salir', 'cancel'],
    ['je voudrais arrêter', 'cancel'],
    ['meniu te rog', 'menu'],
    ['ayuda por favor', 'help'],
    ['aide svp', 'help'],
    ['допомога, будь ласка', 'help'],
    ['مساعدة لو سمحت', 'help'],
    ['vreau să vorbim în italiană', 'switchToItalian'],
    ['prefiero hablar en inglés', 'switchToEnglish'],
    ['je préfère continuer en italien', 'switchToItalian'],
    ['dua të flasim anglisht', 'switchToEnglish'],
    ['хочу говорити італійською', 'switchToItalian'],
    ['أفضل التحدث بالإنجليزية', 'switchToEnglish'],
  ])('%p is the command %s', (text, command) => {
    expect(commands.recognize(text)).toBe(command);
  });

  test.each(['vreau să anulez abonamentul la revistă', 'quiero cancelar la cita del lunes', 'Stop Metal SRL', 'quiero hablar con alguien', 'prefiero no decirlo'])('%p is no command', (text) => {
    expect(commands.recognize(text)).toBeUndefined();
  });

  test.each([
    ['cât costă participarea', true],
    ['cuándo empieza el curso', true],
    ['comment je peux m’inscrire', true],
    ['kur fillon kursi', true],
    ['коли починається курс', true],
    ['متى يبدأ الكورس؟', true],
    ['Como Metalli SRL', false],
    ['sì certo grazie', false],
    ['qui a Milano', false],
  ])('%p looks like a question: %s', (text, question) => {
    expect(looksLikeQuestion(text)).toBe(question);
  });

  test.each([
    ['română', 'ro'],
    ['în română', 'ro'],
    ['عربي', 'ar'],
    ['بالعربي', 'ar'],
    ['shqip', 'sq'],
    ['en español', 'es'],
    ['українською', 'uk'],
    ['en français', 'fr'],
  ])('%p, its own speakers’ name, switches inside a step to %s', (text, language) => {
    expect(recognizeLanguageName(text, true)).toBe(language);
  });

  test.each(['Romana', 'Castellano', 'Francais'])('%p may be a name: no switch inside a step', (text) => {
    expect(recognizeLanguageName(text, true)).toBeUndefined();
  });
});

describe('situations and answers with negation', () => {
  test.each<[string, Lang, string]>([
    ['nu mai lucrez din martie', 'ro', 'UNEMPLOYED'],
    ['încă nu m-au concediat, dar se vorbește de închidere', 'ro', 'AT_RISK'],
    ['aún no me han despedido', 'es', 'AT_RISK'],
    ["on ne m'a pas encore licencié", 'fr', 'AT_RISK'],
    ['ende nuk më kanë pushuar', 'sq', 'AT_RISK'],
    ['мене поки що не звільнили', 'uk', 'AT_RISK'],
    ['لسه ما طردوني', 'ar', 'AT_RISK'],
  ])('%p (%s) is %s', (text, language, status) => {
    expect(recognizeStatus(text, language)).toBe(status);
  });

  test.each<[string, Lang]>([
    ['nu prea', 'ro'],
    ['no del todo', 'es'],
    ['pas tellement', 'fr'],
    ['jo plotësisht', 'sq'],
    ['не дуже', 'uk'],
    ['مش بالظبط', 'ar'],
  ])('%p (%s) is no', (text, language) => {
    expect(recognizeYesNo(text, language)).toBe(false);
  });
});

describe('Italian places in Cyrillic or Arabic script', () => {
  test.each([
    ['працюю в Мілані', 'MI'],
    ['у Брешії', 'BS'],
    ['в Монці', 'MB'],
    ['أعمل في برغامو', 'BG'],
    ['بميلانو', 'MI'],
    ['فاريزي', 'VA'],
    ['в Турині', 'OUT'],
    ['في نابولي', 'OUT'],
  ])('%p is %s', (text, expected) => {
    const reading = gazetteer.recognizePlace(text, 'uk', { context: 'sentence' });
    expect(reading.kind === 'found' ? (reading.place.inLombardy ? reading.place.provinceCode : 'OUT') : reading.kind).toBe(expected);
  });

  test('Latin text is left alone; only known spellings change', () => {
    expect(latinizePlaceNames('lavoro a Bergamo')).toBe('lavoro a Bergamo');
    expect(latinizePlaceNames('працюю в Бергамо, на заводі')).toBe('працюю в Bergamo, на заводі');
    expect(latinizePlaceNames('працюю в Жмеринці')).toBe('працюю в Жмеринці');
    expect(latinizePlaceNames('je travaille à Côme.')).toBe('je travaille à Como.');
    expect(latinizePlaceNames('CÔME')).toBe('Como');
    expect(latinizePlaceNames('come posso partecipare?')).toBe('come posso partecipare?');
  });

  // every Lombard provincial capital in both scripts, typed inside a sentence of its language
  test.each([
    ['працюю в Мілані', 'أعمل في ميلانو', 'MI'],
    ['працюю в Бергамо', 'أعمل في بيرغامو', 'BG'],
    ['працюю у Брешії', 'أعمل في بريشيا', 'BS'],
    ['працюю в Комо', 'أعمل في كومو', 'CO'],
    ['працюю в Кремоні', 'أعمل في كريمونا', 'CR'],
    ['працюю в Лекко', 'أعمل في ليكو', 'LC'],
    ['працюю в Лоді', 'أعمل في لودي', 'LO'],
    ['працюю в Мантуї', 'أعمل في مانتوفا', 'MN'],
    ['працюю в Монці', 'أعمل في مونزا', 'MB'],
    ['працюю в Павії', 'أعمل في بافيا', 'PV'],
    ['працюю в Сондріо', 'أعمل في سوندريو', 'SO'],
    ['працюю у Варезе', 'أعمل في فاريزي', 'VA'],
  ])('%p and %p are %s', (ukrainian, arabic, code) => {
    for (const [text, language] of [[ukrainian, 'uk'], [arabic, 'ar']] as const) {
      const reading = gazetteer.recognizePlace(text, language, { context: 'sentence' });
      expect(reading.kind === 'found' && reading.place.provinceCode).toBe(code);
    }
  });

  // the other regions' big cities are surely outside Lombardy, never "not understood"
  test.each([
    ['працюю в Падуї', 'Padova'],
    ['завод у Пармі', 'Parma'],
    ['у Трієсті', 'Trieste'],
    ['в Генуї', 'Genova'],
    ['у Пʼяченці', 'Piacenza'],
    ['في بادوفا', 'Padova'],
    ['أعمل في بارما', 'Parma'],
    ['في جنوة', 'Genova'],
    ['أعمل في بياتشنزا', 'Piacenza'],
    ['في باليرمو', 'Palermo'],
  ])('%p is %s, outside Lombardy', (text, comune) => {
    const reading = gazetteer.recognizePlace(text, 'uk', { context: 'answer' });
    expect(reading.kind === 'found' && { comune: reading.place.comune, inLombardy: reading.place.inLombardy }).toEqual({ comune, inLombardy: false });
  });
});

describe('Italian places in the newer languages\' Latin spellings', () => {
  const codeOf = (text: string, language: Lang, context: 'answer' | 'sentence' = 'sentence'): string => {
    const reading = gazetteer.recognizePlace(text, language, { context });
    if (reading.kind === 'found') return reading.place.inLombardy ? reading.place.provinceCode : `OUT ${reading.place.comune ?? reading.place.provinceCode}`;
    return reading.kind;
  };

  test.each<[string, Lang, string]>([
    ['je travaille à Milan', 'fr', 'MI'],
    ["l'usine est à Bergame", 'fr', 'BG'],
    ['je travaille à Côme depuis deux ans', 'fr', 'CO'],
    ['on bosse à Crémone', 'fr', 'CR'],
    ['notre boîte se trouve à Mantoue', 'fr', 'MN'],
    ['je travaille à Pavie', 'fr', 'PV'],
    ['un entrepôt à Varèse', 'fr', 'VA'],
    ['je travaille à Plaisance', 'fr', 'OUT Piacenza'],
    ['je travaillais à Turin', 'fr', 'OUT Torino'],
    ['je suis à Gênes', 'fr', 'OUT Genova'],
    ['je travaille à Venise', 'fr', 'OUT Venezia'],
    ['trabajo en Milán', 'es', 'MI'],
    ['trabajo en Bérgamo', 'es', 'BG'],
    ['curro en Mantua', 'es', 'MN'],
    ['trabajo en Pavía', 'es', 'PV'],
    ['trabajo en Cremona', 'es', 'CR'],
    ['trabajaba en Turín', 'es', 'OUT Torino'],
    ['trabajo en Génova', 'es', 'OUT Genova'],
    ['estoy en Venecia', 'es', 'OUT Venezia'],
    ['trabajo en Florencia', 'es', 'OUT Firenze'],
    ['trabajo en Plasencia', 'es', 'OUT Piacenza'],
    ['lucrez la Milano', 'ro', 'MI'],
    ['lucrez la Torino', 'ro', 'OUT Torino'],
    ['lucrez în Veneția', 'ro', 'OUT Venezia'],
    ['firma e la Genova', 'ro', 'OUT Genova'],
    ['lucrez la Florența', 'ro', 'OUT Firenze'],
    ['punoj në Milano', 'sq', 'MI'],
    ['punoj në Bergamo', 'sq', 'BG'],
    ['punoj në Torino', 'sq', 'OUT Torino'],
    ['punoj në Venecia', 'sq', 'OUT Venezia'],
    ['punoj në Firence', 'sq', 'OUT Firenze'],
    ['I work in Milan', 'en', 'MI'],
    ['the plant is in Mantua', 'en', 'MN'],
    ['I work in Turin', 'en', 'OUT Torino'],
    ['I work in Venice', 'en', 'OUT Venezia'],
    ['I work in Genoa', 'en', 'OUT Genova'],
    ['I work in Florence', 'en', 'OUT Firenze'],
    ['I work in Naples', 'en', 'OUT Napoli'],
    ['I work in Rome', 'en', 'OUT Roma'],
    // Como is still the city in Italian when capitalised or after "di", where Spanish "como" never stands
    ["l'azienda di Como chiude, posso partecipare?", 'it', 'CO'],
    ['lavoro in una ditta di como', 'it', 'CO'],
    ['trabajo en Como', 'es', 'CO'],
    // a place marked by Spanish and French "de" after a work site or "near"
    ['estoy en una nave de Crema', 'es', 'CR'],
    ["je travaille à l'usine de Desio", 'fr', 'MB'],
    ['trabajo en Cerro Maggiore', 'es', 'MI'],
    ['je travaille à Sienne', 'fr', 'OUT Siena'],
  ])('%p (%s) is %s', (text, language, expected) => {
    expect(codeOf(text, language)).toBe(expected);
  });

  test.each(['Plaisance', 'Bergame', 'Côme', 'Milán', 'Veneția', 'Sienne', 'Pise'])('%p alone answers where the work site is', (text) => {
    expect(codeOf(text, 'fr', 'answer')).not.toBe('none');
  });

  test('every Latin exonym reads as its own comune, whatever comuni are a few letters away', () => {
    for (const alias of exonymAliases()) {
      // in its own language: another language's reader does not know the name (see the next test)
      const reading = gazetteer.recognizePlace(alias.alias, exonymLanguage(alias.alias) ?? 'it', { context: 'answer' });
      expect({ alias: alias.alias, comune: reading.kind === 'found' ? reading.place.comune : reading.kind }).toEqual({ alias: alias.alias, comune: alias.comune });
    }
  });

  // an exonym counts in its own language, and a name-like one only where a place stands (issue 16)
  test.each<[string, Lang, string]>([
    ['Plaisance', 'it', 'none'],
    ['I work in Plaisance', 'en', 'none'],
    ['je travaille à Plaisance', 'fr', 'OUT Piacenza'],
    ['soy de Plasencia', 'es', 'none'],
    ['trabajo en Plasencia', 'es', 'OUT Piacenza'],
    ['ma collègue Florence travaille à Lodi', 'fr', 'LO'],
    ['my colleague Florence said I could apply', 'en', 'none'],
    ['I used to work in Florence', 'en', 'OUT Firenze'],
    ['Мілан сказав мені про програму', 'uk', 'none'],
    ['я працюю в Мілані', 'uk', 'MI'],
    ['j ai trente ans', 'fr', 'none'],
  ])('%p (%s) is %s', (text, language, expected) => {
    expect(codeOf(text, language, 'answer')).toBe(expected);
  });

  // words that look like those names but are not places
  test.each<[string, Lang, 'answer' | 'sentence']>([
    ['¿cómo puedo participar?', 'es', 'answer'],
    ['¿cómo puedo participar?', 'es', 'sentence'],
    ['Hola, ¿Cómo puedo participar?', 'es', 'answer'],
    ['como puedo apuntarme', 'es', 'sentence'],
    ['Hola, como puedo participar? trabajo como soldador', 'es', 'sentence'],
    ['me ayudan en cómo buscar trabajo?', 'es', 'sentence'],
    ['come posso partecipare?', 'it', 'answer'],
    ['penso a come fare domanda', 'it', 'sentence'],
    ['can I come to the office?', 'en', 'sentence'],
    ['my manager is Milan', 'en', 'sentence'],
    ["mon collègue Milan m'a parlé de ça", 'fr', 'sentence'],
    ['ma collègue Florence travaille avec moi', 'fr', 'sentence'],
    ["j'ai trente ans", 'fr', 'sentence'],
    ['e ceva si pentru mine?', 'ro', 'sentence'],
    ["mon entreprise a fermé, et la sienne aussi", 'fr', 'sentence'],
    ["je suis au chômage depuis que l'usine a fermé", 'fr', 'sentence'],
    ['me despidieron cuando cerró la fábrica', 'es', 'sentence'],
    ["c'est la sienne", 'fr', 'answer'],
    ['que nadie pise la obra', 'es', 'sentence'],
    ['limba romana', 'ro', 'sentence'],
    ['ho ricevuto molte lodi dal capo', 'it', 'sentence'],
    ['trabajo en una fábrica de muebles', 'es', 'sentence'],
    // Lombardy itself names no comune: the bot asks which one (French "Lombardie" is not Lombardore, Turin)
    ['je travaille en Lombardie', 'fr', 'sentence'],
    ['Lombardie', 'fr', 'answer'],
    ['punoj në Lombardi', 'sq', 'sentence'],
  ])('%p (%s, %s) names no place', (text, language, context) => {
    expect(codeOf(text, language, context)).toBe('none');
  });
});

describe('situations told the way workers tell them', () => {
  test.each<[string, Lang, string]>([
    // still there but on the way out: lists, closures and dismissals to come, "still working" in the dialects
    ['ne-au anunțat că închid fabrica în martie, eu încă merg la muncă', 'ro', 'AT_RISK'],
    ['mai am contract, dar suntem în șomaj tehnic', 'ro', 'AT_RISK'],
    ['el patrón dijo que a fin de año nos corren a todos', 'es', 'AT_RISK'],
    ['todavía tengo chamba pero van a recortar personal', 'es', 'AT_RISK'],
    ["j'ai encore mon contrat mais ils veulent me virer", 'fr', 'AT_RISK'],
    ['je vais perdre mon boulot', 'fr', 'AT_RISK'],
    ['hala jom n punë, po fabrika ka me u mbyll', 'sq', 'AT_RISK'],
    ['поки що працюю, але завод закриють', 'uk', 'AT_RISK'],
    ['باقي خدام ولكن الشركة غادي تسد', 'ar', 'AT_RISK'],
    ['عم اشتغل بس الشركة رح تسكّر', 'ar', 'AT_RISK'],
    ['أنا في الكاسا انتغراتسيوني', 'ar', 'AT_RISK'],
    // already out, with the colloquial "fired" and "not found yet"
    ['m-o dat afară de la fabrică', 'ro', 'UNEMPLOYED'],
    ['n-am găsit încă de lucru', 'ro', 'UNEMPLOYED'],
    ['nu mai am contract', 'ro', 'UNEMPLOYED'],
    ['me botaron de la chamba', 'es', 'UNEMPLOYED'],
    ['no encontré trabajo todavía', 'es', 'UNEMPLOYED'],
    ["je n'ai plus de boulot", 'fr', 'UNEMPLOYED'],
    ['më hoqën nga puna', 'sq', 'UNEMPLOYED'],
    ['мене уволили і поки нічого не знайшла', 'uk', 'UNEMPLOYED'],
    ['مشيوني من الشغل ولسه مش لاقي حاجة', 'ar', 'UNEMPLOYED'],
    ['جراو عليا من الخدمة', 'ar', 'UNEMPLOYED'],
    // working again: found, hired, "another firm", "elsewhere"
    ['m-a angajat o altă firmă', 'ro', 'REEMPLOYED'],
    ['lucrez din nou', 'ro', 'REEMPLOYED'],
    ['me contrataron en otra fábrica', 'es', 'REEMPLOYED'],
    ['ahora laburo en un restaurante', 'es', 'REEMPLOYED'],
    ["une autre boîte m'a embauché", 'fr', 'REEMPLOYED'],
    ['më mori në punë një kompani tjetër', 'sq', 'REEMPLOYED'],
    ['мене взяли на роботу в іншу компанію', 'uk', 'REEMPLOYED'],
    ['لقينا خدمة فشركة أخرى', 'ar', 'REEMPLOYED'],
    ['توظفت في مطعم', 'ar', 'REEMPLOYED'],
    ['mi hanno preso in un altra ditta', 'it', 'REEMPLOYED'],
    ['they told us we are all getting laid off in december', 'en', 'AT_RISK'],
    // "found something" after a dismissal, and Albanian "pas" (after) that is no French negation
    ['după concediere am găsit ceva la un depozit', 'ro', 'REEMPLOYED'],
    ['después del despido encontré algo en un almacén', 'es', 'REEMPLOYED'],
    ["après mon licenciement j'ai trouvé un petit boulot", 'fr', 'REEMPLOYED'],
    ['pas pushimit nga puna gjeta diçka tjetër', 'sq', 'REEMPLOYED'],
    ['після звільнення знайшла щось на складі', 'uk', 'REEMPLOYED'],
    ["je suis toujours là mais l'usine ferme en juin", 'fr', 'AT_RISK'],
    // a past on the way out, then a job started at a month told; a production moved elsewhere
    ['am fost în cassa integrazione un an, dar din mai lucrez la un supermarket', 'ro', 'REEMPLOYED'],
    ['estuve en cassa integrazione un año, pero desde mayo trabajo en un supermercado', 'es', 'REEMPLOYED'],
    ["j'étais en cassa integrazione pendant un an, mais depuis mai je travaille dans un supermarché", 'fr', 'REEMPLOYED'],
    ['isha në cassa integrazione një vit, por që nga maji punoj në një supermarket', 'sq', 'REEMPLOYED'],
    ['я був на cassa integrazione рік, але з травня працюю в супермаркеті', 'uk', 'REEMPLOYED'],
    ['كنت في الكاسا انتغراسيوني سنة، بس من شهر مايو بشتغل في سوبرماركت', 'ar', 'REEMPLOYED'],
    ['sono stato in cassa un anno, ma da maggio lavoro in un supermercato', 'it', 'REEMPLOYED'],
    ['since May I work at a supermarket', 'en', 'REEMPLOYED'],
    ['llevo 15 años ahí y ahora dicen que van a llevar la producción a Polonia', 'es', 'AT_RISK'],
    ['працюю там 15 років, а тепер кажуть що перенесуть виробництво в Польщу', 'uk', 'AT_RISK'],
    ['lavoro da 15 anni in fabbrica e ora parlano di delocalizzare', 'it', 'AT_RISK'],
    // the first person plural and the feminine
    ['ne-au angajat la altă firmă', 'ro', 'REEMPLOYED'],
    ['encontramos trabajo', 'es', 'REEMPLOYED'],
    ['nous avons été licenciées', 'fr', 'UNEMPLOYED'],
    ['na morën në punë', 'sq', 'REEMPLOYED'],
    ['я звільнена', 'uk', 'UNEMPLOYED'],
    ['وظفونا', 'ar', 'REEMPLOYED'],
    ['فصلونا', 'ar', 'UNEMPLOYED'],
  ])('%p (%s) is %s', (text, language, status) => {
    expect(recognizeStatus(text, language)).toBe(status);
  });

  test.each<[string, Lang, string | undefined]>([
    // "another firm" in the past or in a search is no job found
    ['am lucrat la o altă firmă înainte', 'ro', undefined],
    ['trabajaba en otra empresa', 'es', undefined],
    ['busco en otra empresa', 'es', 'UNEMPLOYED'],
    ['je cherche ailleurs', 'fr', 'UNEMPLOYED'],
    ['كنت أعمل في شركة أخرى', 'ar', undefined],
    ['працював на іншій фірмі', 'uk', undefined],
    ['punoja në një firmë tjetër', 'sq', undefined],
    // a bare "I'm looking for" that is no job search, and the Romanian "mai" that is "still", not "never"
    ['je cherche des informations', 'fr', undefined],
    ["n-am găsit ceva", 'ro', 'UNEMPLOYED'],
    // years worked at the same firm are no new job
    ['din 2010 lucrez la firma asta', 'ro', undefined],
    ['nu mai lucrez', 'ro', 'UNEMPLOYED'],
  ])('%p (%s) is %p', (text, language, status) => {
    expect(recognizeStatus(text, language)).toBe(status);
  });
});

describe('yes, no and "I don\'t know" in colloquial forms', () => {
  test.each<[string, Lang, boolean | 'unknown']>([
    ['de ce nu', 'ro', true],
    ['aș prefera să nu', 'ro', false],
    ['greu de spus', 'ro', 'unknown'],
    ['sí, por qué no', 'es', true],
    ['nel', 'es', false],
    ['claro que no', 'es', false],
    ['difícil de decir', 'es', 'unknown'],
    ['pourquoi pas', 'fr', true],
    ['je veux pas', 'fr', false],
    ['je pense pas', 'fr', false],
    ['chais pas', 'fr', 'unknown'],
    ['po, qysh jo', 'sq', true],
    ['nuk du', 'sq', false],
    ['vështirë të them', 'sq', 'unknown'],
    ['давайте', 'uk', true],
    ['нє', 'uk', false],
    ['не хочу', 'uk', false],
    ['хто його зна', 'uk', 'unknown'],
    ['ليش لا، تمام', 'ar', true],
    ['ما بغيتش', 'ar', false],
    ['ما عرفتش', 'ar', 'unknown'],
    ['صعب أقول', 'ar', 'unknown'],
    ['absolut', 'ro', true],
    ['preferisco di no', 'it', false],
    ['difficile dirlo', 'it', 'unknown'],
    ["I'd rather not", 'en', false],
  ])('%p (%s) answers %p', (text, language, answer) => {
    expect(recognizeYesNo(text, language)).toBe(answer);
  });

  test.each<[string, Lang]>([
    // common words that are no answer: Spanish "va", Romanian "vreau" (I want) before something else
    ['la va a cerrar', 'es'],
    ['vreau să mă gândesc', 'ro'],
  ])('%p (%s) is not a yes', (text, language) => {
    expect(recognizeYesNo(text, language)).not.toBe(true);
  });
});

describe('a wish or interest to take part starts the pre-check', () => {
  test.each([
    'mă interesează să particip',
    'me interesa apuntarme',
    "ça m'intéresse de m'inscrire",
    'më intereson të marr pjesë',
    'мене цікавить участь',
    'хочу записатись',
    'ينفع أشترك؟',
    'واش نقدر نشارك؟',
    'ممكن اسجل حالي؟',
    'بغيت نشارك',
    'mi interessa partecipare',
    "I'd like to join",
    'vreau și eu să intru în program',
    'quiero entrar al programa',
    'a bën edhe për mua?',
    'чи можна мені теж?',
    'فيني شارك انا كمان؟',
  ])('%p asks for the pre-check', (text) => {
    expect(recognizeRequest(text)).toBe('eligibility');
  });

  test.each([
    'nu mă interesează să particip',
    'no me interesa apuntarme',
    "ça ne m'intéresse pas de m'inscrire",
    'мене не цікавить участь',
    'ما بغيتش نشارك',
    'لا أريد المشاركة، فقط أسأل',
    // how to register is the FAQ's question (how-to-join), not the pre-check
    'cum mă înscriu?',
    'як записатися?',
  ])('%p does not', (text) => {
    expect(recognizeRequest(text)).toBeUndefined();
  });
});

describe('whether the call is open, asked with a closing word, does not start the pre-check', () => {
  test.each<[string, Lang]>([
    ['ще можна записатися чи набір закрито?', 'uk'],
    ['واش باقي نقدر نسجل ولا سدو؟', 'ar'],
    ['التسجيل لسه مفتوح؟', 'ar'],
    ['posso ancora iscrivermi o è già chiuso?', 'it'],
  ])('%p (%s)', (text, language) => {
    expect(describesOwnCase(text, language, gazetteer)).toBe(false);
  });

  test.each<[string, Lang]>([
    ['мене звільнили, фабрика закрилася, можу взяти участь?', 'uk'],
    ['الشركة قفلت ورفدوني، ينفع اشارك؟', 'ar'],
  ])('a firm that closed still tells the case: %p (%s)', (text, language) => {
    expect(describesOwnCase(text, language, gazetteer)).toBe(true);
  });
});

describe("someone else's case does not start the writer's pre-check", () => {
  test.each<[string, Lang]>([
    ['mio marito lavora in una fabbrica di Cremona che chiude', 'it'],
    ['my wife was laid off from a factory in Monza', 'en'],
    ['soțul meu a fost concediat de la o firmă din Lodi', 'ro'],
    ['mi esposo trabaja en una empresa de Monza que va a cerrar', 'es'],
    ['mon mari a été licencié d’une usine à Bergame', 'fr'],
    ['burri im punon në një fabrikë në Brescia që po mbyllet', 'sq'],
    ['мій чоловік працює на заводі в Мілані, який закривається', 'uk'],
    ['زوجي اشتغل في مصنع في بيرغامو وغادي يسدو', 'ar'],
  ])('%p (%s)', (text, language) => {
    expect(describesOwnCase(text, language, gazetteer)).toBe(false);
  });

  test.each<[string, Lang]>([
    ['am fost concediată de la o firmă din Lodi, mă pot înscrie?', 'ro'],
    ['me echaron de una fábrica en Brescia, ¿tengo derecho?', 'es'],
  ])('the writer’s own %p (%s) still does', (text, language) => {
    expect(describesOwnCase(text, language, gazetteer)).toBe(true);
  });
});

describe("an office's hours are no firm closing", () => {
  test.each<[string, Lang]>([
    ["a che ora chiude l'ufficio di Milano?", 'it'],
    ['¿a qué hora cierra la oficina de Milano?', 'es'],
    ['la ce oră se închide biroul din Milano?', 'ro'],
    ['le bureau de Milan ferme à quelle heure ?', 'fr'],
    ['kur mbyllet zyra në Milano?', 'sq'],
    ['о котрій закривається офіс у Мілані?', 'uk'],
  ])('%p (%s) does not start the pre-check', (text, language) => {
    expect(describesOwnCase(text, language, gazetteer)).toBe(false);
  });

  test('a worker whose office closes and who asks to enrol still does', () => {
    expect(describesOwnCase('lavoro in un ufficio a Monza che chiude a dicembre, quando posso iscrivermi?', 'it', gazetteer)).toBe(true);
  });
});
