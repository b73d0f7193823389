import { commandForm, normalizeCommandText } from './commands';
import { recognizePersonRequest } from './personRequest';

/**
 * The ordinary moves of a conversation that are not questions about the measure: asking for a person or whether
 * this is a robot, thanking, saying goodbye, starting over. Read from the whole message in its command form
 * (lowercase, no accents, polite words stripped) but not only as fixed keywords: "ok grazie mille per l'aiuto",
 * "posso parlare con qualcuno?", "are you a real person?" are all said in many ways.
 */
export type SmallTalk = 'human' | 'thanks' | 'goodbye' | 'restart';

/** At most this many words: longer messages carry a question of their own, answered by the FAQ. */
const MAX_WORDS = 14;

/**
 * Closing messages are read as a bag of closing phrases, not as fixed sentences: "ok grazie ciao", "cheers,
 * goodbye", "ti ringrazio, buona giornata", "perfetto grazie mille, a presto" are all made only of acknowledgements,
 * thanks and farewells, in any order. A message with anything else in it is not a closing one. The phrases of each of
 * the eight languages are in the one bag: a worker who writes "merci, au revoir" in an Italian conversation is
 * closing it all the same. Written as people write them; folded below as messages are (commandForm).
 */
const ACKNOWLEDGEMENT = [
  // it, en
  'ok', 'okay', 'va bene', 'perfetto', 'bene', 'ottimo', 'benissimo', 'chiaro', 'capito', 'ho capito', "d'accordo", 'no', 'allora', 'ah', 'oh', 'great', 'fine', 'alright', 'all right', 'got it', 'perfect', 'understood', 'right', 'well', 'and', 'e', 'ancora', 'di nuovo', 'again', 'comunque', 'anyway', 'davvero', 'really', 'very much', 'so much', 'a lot',
  // ro
  'bine', 'în regulă', 'am înțeles', 'înțeleg', 'clar', 'nu', 'atunci', 'deci', 'foarte', 'mult',
  // es
  'vale', 'de acuerdo', 'entendido', 'perfecto', 'bien', 'muy bien', 'genial', 'claro', 'bueno', 'pues', 'y',
  // fr
  "d'accord", 'très bien', 'parfait', 'compris', "j'ai compris", 'entendu', 'super', 'génial', 'bon', 'non', 'alors', 'et',
  // sq
  'mirë', 'në rregull', 'dakord', 'kuptova', 'e kuptova', 'shumë mirë', 'perfekt', 'jo', 'shumë', 'dhe',
  // uk
  'добре', 'гаразд', 'зрозуміло', 'зрозумів', 'зрозуміла', 'чудово', 'ок', 'окей', 'ясно', 'ні', 'і', 'та', 'дуже',
  // ar
  'حسنا', 'تمام', 'طيب', 'مفهوم', 'فهمت', 'ممتاز', 'اوكي', 'لا', 'و',
];
/** Thanks proper: any of these in a closing message makes it a thank-you. */
const THANKS_WORDS = [
  'grazie', 'grazie mille', 'mille grazie', 'molte grazie', 'tante grazie', 'grazie tante', 'grazie infinite', 'grazie di cuore', 'grazie di tutto', 'ti ringrazio', 'la ringrazio', 'vi ringrazio', 'ringrazio', 'thanks', 'thank you', 'thx', 'ty', 'cheers', 'many thanks', 'thanks a lot', 'gentilissimo', 'gentilissimi', 'much appreciated', 'appreciated',
  'mulțumesc', 'mulțumesc mult', 'mulțumesc frumos', 'vă mulțumesc', 'îți mulțumesc', 'mersi', 'mersi mult', 'mulțumiri',
  'gracias', 'muchas gracias', 'mil gracias', 'muchísimas gracias', 'se lo agradezco', 'te lo agradezco', 'le agradezco',
  'merci', 'merci beaucoup', 'merci bien', 'mille merci', 'merci mille fois', 'je vous remercie', 'je te remercie',
  'faleminderit', 'ju faleminderit', 'rrofsh', 'rrofshi',
  'дякую', 'дуже дякую', 'щиро дякую', 'дякую вам', 'спасибі', 'дякуємо',
  'شكرا', 'شكرا جزيلا', 'شكرا لك', 'شكرا لكم', 'الف شكر', 'مشكور', 'مشكورين', 'يعطيك العافية',
];
/** What goes with thanks without being thanks alone ("mille", "per l'aiuto", "pour tout"). */
const THANKS_COMPANIONS = [
  'mille', 'lo stesso', 'per l aiuto', 'per le informazioni', 'per le info', 'per tutto', 'per la risposta', 'per la pazienza', 'per la disponibilità', 'gentile', 'for the help', 'for your help', 'for the info', 'for the information', 'for your time', 'for the answer', 'for everything', 'sei stato gentile', 'molto gentile', 'very kind',
  'pentru ajutor', 'pentru informații', 'pentru tot', 'sunteți amabil', 'foarte amabil',
  'por la ayuda', 'por su ayuda', 'por la información', 'por todo', 'muy amable',
  "pour l'aide", 'pour votre aide', 'pour les informations', 'pour tout', "c'est gentil", 'très gentil',
  'për ndihmën', 'për informacionin', 'për gjithçka', 'shumë i sjellshëm',
  'за допомогу', 'за інформацію', 'за все', 'дуже люб\'язно',
  'على المساعدة', 'على المعلومات', 'على كل شيء',
];
/** Farewells; the ones that also greet ("ciao", "salut", "tung") close a message only beside thanks or another farewell. */
const GOODBYE_WORDS = [
  'arrivederci', 'arrivederla', 'ciao ciao', 'a presto', 'alla prossima', 'buona giornata', 'buona serata', 'buon pomeriggio', 'buona notte', 'buonanotte', 'buon lavoro', 'buona continuazione', 'ci sentiamo', 'ci vediamo', 'addio', 'bye', 'bye bye', 'goodbye', 'good bye', 'see you', 'see you later', 'see ya', 'have a nice day', 'have a good day', 'take care', 'talk later', 'talk to you later', 'ho finito', 'abbiamo finito', 'per ora è tutto', 'è tutto', 'basta così', "that's all", "that's it", "i'm done", 'done for now',
  'la revedere', 'pa', 'pa pa', 'o zi bună', 'o zi frumoasă', 'seară bună', 'noapte bună', 'numai bine', 'toate cele bune', 'pe curând', 'ne auzim', 'asta e tot', 'am terminat',
  'adiós', 'hasta luego', 'hasta pronto', 'hasta la próxima', 'chao', 'chau', 'nos vemos', 'buen día', 'que tenga un buen día', 'buenas noches', 'eso es todo', 'he terminado',
  'au revoir', 'à bientôt', 'à plus', 'à plus tard', 'bonne journée', 'bonne soirée', 'bonne nuit', 'adieu', 'à la prochaine', "c'est tout", "j'ai fini", "j'ai terminé",
  'mirupafshim', 'shihemi', 'ditë të mbarë', 'natën e mirë', 'mbrëmje të mbarë', 'kaq', 'kaq ishte', 'mbarova',
  'до побачення', 'бувайте', 'бувай', 'на все добре', 'гарного дня', 'гарного вечора', 'на добраніч', 'добраніч', 'до зустрічі', 'всього доброго', 'це все', 'я закінчив', 'я закінчила',
  'مع السلامة', 'الى اللقاء', 'إلى اللقاء', 'وداعا', 'باي', 'يوم سعيد', 'تصبح على خير', 'في امان الله', 'هذا كل شيء', 'خلصت',
];
const GREETS_AND_PARTS = ['ciao', 'salve', 'salut', 'tung', 'سلام'];

/** As commandForm compares: lower case, no accents, apostrophes as spaces (Arabic folded too). */
const folded = (phrase: string): string => normalizeCommandText(phrase);
const alternation = (phrases: string[]): string => [...new Set(phrases.map(folded))].sort((a, b) => b.length - a.length).join('|');
const CLOSING_BAG = new RegExp(`^((${alternation([...ACKNOWLEDGEMENT, ...THANKS_WORDS, ...THANKS_COMPANIONS, ...GOODBYE_WORDS, ...GREETS_AND_PARTS])})( |$))+$`, 'u');
const THANKS_WORD = new RegExp(`(^| )(${alternation(THANKS_WORDS)})( |$)`, 'u');
const GOODBYE_WORD = new RegExp(`(^| )(${alternation(GOODBYE_WORDS)})( |$)`, 'u');
const GREETING_PART = new RegExp(`(^| )(${alternation(GREETS_AND_PARTS)})( |$)`, 'u');
/** "ciao" alone is a greeting, not a goodbye (and so are "salut", "tung", "سلام"). */
const GREETING_ALONE = new RegExp(`^(${alternation(GREETS_AND_PARTS)})$`, 'u');

/**
 * Starting over: a verb of starting again ("ricominciamo", "ripartiamo", "rifacciamo", "start over") or a going back
 * to the start ("torniamo all'inizio", "go back to the start"), with at most polite or filler words around it.
 */
const RESTART_VERB = '(ricominciamo|ricominciare|ricomincia|ricomincio|ricominciamo tutto|rinizia|riniziamo|ripartiamo|riparti|riparto|rifacciamo|rifare|rifai|resetta|resettiamo|azzera|azzeriamo|reset|restart|start over|start again|begin again|start afresh|let s start over|start from scratch)';
const RESTART_PLACE = '(da capo|daccapo|dall inizio|da zero|dal principio|dal via|all inizio|al principio|tutto|from the (beginning|start|top)|from scratch|to the (beginning|start))';
const RESTART_LEAD = '((ok|allora|vorrei|voglio|possiamo|dai|senti|facciamo cosi|let s|can we|i want to|i d like to|please|per favore|no|basta) )*';
const RESTART = new RegExp(`^${RESTART_LEAD}(${RESTART_VERB}( ${RESTART_PLACE})*|(torniamo|tornare|torna|ritorniamo|tornate|go back|back|going back) ${RESTART_PLACE})( (per favore|please|grazie))?$`);
/** The same in the six newer languages: a wish or a "let's" with a starting again, or the start alone. */
const RESTART_PHRASES = alternation([
  'încep din nou', 'începem din nou', 'să începem din nou', 'reîncepem', 'reîncep', 'o luăm de la capăt', 'o iau de la capăt', 'de la capăt', 'de la început', 'începem de la început', 'resetează', 'resetăm',
  'empezar de nuevo', 'empecemos de nuevo', 'empezamos de nuevo', 'volver a empezar', 'volvamos a empezar', 'empezar otra vez', 'desde el principio', 'desde el inicio', 'desde cero', 'reiniciar', 'empezar desde cero',
  'recommencer', 'recommençons', 'on recommence', 'recommencer depuis le début', 'reprendre depuis le début', 'reprenons depuis le début', 'depuis le début', 'du début', 'repartir de zéro', 'reprendre à zéro', 'tout recommencer', 'réinitialiser',
  'fillojmë nga e para', 'fillo nga e para', 'nga e para', 'nga fillimi', 'rifillojmë', 'rifillo', 'të fillojmë përsëri', 'fillojmë përsëri', 'fillojmë nga fillimi',
  'почнімо спочатку', 'почнемо спочатку', 'почати спочатку', 'почнімо заново', 'почнемо заново', 'почати заново', 'спочатку', 'заново', 'з початку', 'скинути',
  'نبدأ من جديد', 'لنبدأ من جديد', 'ابدأ من جديد', 'البدء من جديد', 'من البداية', 'من الأول', 'إعادة البدء', 'نعيد من الأول',
]);
const OTHER_RESTART = new RegExp(
  `^((?:${alternation(['vreau să', 'aș vrea să', 'putem să', 'hai să', 'bine', 'quiero', 'quisiera', 'podemos', 'vamos a', 'bueno', 'je veux', 'je voudrais', 'on peut', 'on va', 'peut-on', 'dua të', 'mund të', 'хочу', 'можна', 'давайте', 'добре', 'اريد ان', 'بدي', 'ممكن', 'خلينا'])}) )*(${RESTART_PHRASES})( (${RESTART_PHRASES}))?( (${alternation(['vă rog', 'te rog', 'por favor', "s'il vous plaît", 'ju lutem', 'будь ласка', 'من فضلك'])}))?$`,
  'u',
);

export function recognizeSmallTalk(text: string | undefined): SmallTalk | undefined {
  if (!text) return undefined;
  // both with and without the polite words: "ciao ciao" and "no grazie" are made of them
  const forms = [commandForm(text), normalizeCommandText(text).replace(/[?…()[\]{}*_~<>«»“”‘’\p{Extended_Pictographic}]/gu, ' ').replace(/\s+/g, ' ').trim()];
  if (!forms[0] || forms[1].split(' ').length > MAX_WORDS) return undefined;
  const any = (re: RegExp): boolean => forms.some((f) => re.test(f));
  // a person asked for, or whether this is one, in any of the eight languages (dialogs/personRequest.ts)
  if (recognizePersonRequest(text)) return 'human';
  if (any(RESTART) || any(OTHER_RESTART)) return 'restart';
  // the whole message first: its polite words ("ciao ciao", "no grazie") are what it says
  for (const closing of [...forms].reverse()) {
    if (!CLOSING_BAG.test(closing) || GREETING_ALONE.test(closing)) continue;
    if (GOODBYE_WORD.test(closing) || (GREETING_PART.test(closing) && THANKS_WORD.test(closing))) return 'goodbye';
    if (THANKS_WORD.test(closing)) return 'thanks';
  }
  return undefined;
}
