/**
 * Understanding in the six newer languages (ro, ar, sq, es, uk, fr), on phrasings other than the eval sets': the
 * pre-check's trigger with its negation, commands said as wishes or wrapped in "please", questions typed at a
 * step, a language's own name inside a step, and Italian places in Cyrillic or Arabic script.
 */
import { CommandRecognizer } from '../../dialogs/commands';
import { asksForDefinition, asksToParticipate, isParticipationRequest, statesWorksite } from '../../dialogs/eligibility/participation';
import { describesOwnCase } from '../../dialogs/eligibility/trigger';
import { recognizeLanguageName } from '../../dialogs/languageChoice';
import { recognizeRequest } from '../../dialogs/intents';
import { looksLikeQuestion } from '../../dialogs/referral/fieldChecks';
import { loadGazetteer, recognizeStatus, recognizeYesNo, type Lang } from '../../dialogs/understanding';
import { latinizePlaceNames } from '../../dialogs/understanding/placeExonyms';
import { createTranslator } from '../../models/i18n';

const gazetteer = loadGazetteer();

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
  });
});
