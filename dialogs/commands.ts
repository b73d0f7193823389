import type { Translator } from '../models/i18n';
import { LANGUAGE_TABLE } from '../models/languages';
import { foldLatinAccents } from '../models/text/fold';
import { memoizeText } from '../models/text/textMemo';

export type Command = 'menu' | 'help' | 'cancel' | 'switchToEnglish' | 'switchToItalian' | 'greeting' | 'thanks' | 'more';

const COMMANDS: Command[] = ['cancel', 'switchToEnglish', 'switchToItalian', 'help', 'menu', 'greeting', 'thanks', 'more'];

/**
 * How many messages the command forms below remember. A free-text turn reads its message through them about
 * eighteen times (commands, small talk, a person asked for, going back, the next step, the pre-check's trigger...):
 * each is worked out once a turn. Few, so what is shared is a turn's own reading, not a store of past messages.
 */
const FORMS_REMEMBERED = 32;

/** Lower case, no accents, no punctuation at the ends, single spaces: how keywords are compared. */
export function normalizeCommandText(text: string): string {
  return normalizedCommandText(text);
}

const normalizedCommandText = memoizeText(
  (text: string): string =>
    foldLatinAccents(text)
      .toLowerCase()
      // the Arabic comma and semicolon too: "شكرا، مع السلامة"
      .replace(/[!.,;:¡¿"'`،؛]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  FORMS_REMEMBERED,
);

/**
 * Labels (menu entries, buttons, keywords) are fixed strings that every turn compares the message with, in both
 * languages: their normal form is computed once. Bounded, since published content may bring new labels.
 */
const labelForms = new Map<string, string>();
const LABEL_FORMS_MAX = 5000;

/** `normalizeCommandText` of a label, remembered. */
export function normalizedLabel(label: string): string {
  let form = labelForms.get(label);
  if (form === undefined) {
    form = normalizeCommandText(label);
    if (labelForms.size >= LABEL_FORMS_MAX) labelForms.clear();
    labelForms.set(label, form);
  }
  return form;
}

/**
 * "Please" and its kin in the eight languages, folded (no accents, Arabic letter forms unified). Arabic in the
 * plural too ("من فضلكم"): the bot addresses workers in the plural, and they answer in kind.
 */
const PLEASE = 'per favore|per piacere|please|va rog|te rog|por favor|s il vous plait|s il te plait|svp|stp|ju lutem|te lutem|будь ласка|прошу|من فضلكم|من فضلك|لو سمحتم|لو سمحت|رجاء|ارجوكم|ارجوك';
const POLITE_START = new RegExp(`^(${PLEASE}|ok|okay|ehm|allora|scusa|scusi|ciao|hey|hi)\\s+`, 'u');
const POLITE_END = new RegExp(`\\s+(${PLEASE}|grazie|thanks|thank you|multumesc|mersi|gracias|merci|faleminderit|дякую|شكرا)$`, 'u');

/**
 * A whole message as a command is compared: normalized as above, without question marks, brackets, quotes or
 * emoji, and without the polite words people wrap commands in ("per favore annulla", "delete my data please").
 * Stripping never empties a message: "grazie" stays "grazie".
 */
export function commandForm(text: string): string {
  return commandFormOf(text);
}

const commandFormOf = memoizeText((text: string): string => {
  let form = normalizeCommandText(text)
    .replace(/[?؟…()[\]{}*_~<>«»“”‘’\p{Extended_Pictographic}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  for (let pass = 0; pass < 2; pass++) {
    const stripped = form.replace(POLITE_START, '').replace(POLITE_END, '').trim();
    if (!stripped || stripped === form) break;
    form = stripped;
  }
  return form;
}, FORMS_REMEMBERED);

/** A whole command form, folded as commandForm folds it. */
function wholeCommand(...alternatives: string[]): RegExp {
  return new RegExp(`^(?:${foldLatinAccents(alternatives.join('|')).toLowerCase()})$`, 'u');
}

/**
 * The menu and cancel commands said as a wish, in the eight languages: "vreau să mă întorc la meniu", "quiero
 * volver al menú", "je veux annuler", "хочу скасувати", "أريد الرجوع إلى القائمة". Still a whole message:
 * "voglio annullare l'iscrizione" is no command.
 */
const WISHED_COMMANDS: Array<[Command, RegExp]> = [
  [
    'menu',
    wholeCommand(
      '((io )?(voglio|vorrei) )?(tornare|andare|torna|torniamo) (al|nel) menu( principale)?',
      '((i )?(want|would like|d like) to )?(go )?back to (the )?(main )?menu',
      '((vreau|as vrea) sa )?((ma )?(intorc|revin|merg|duc)|intoarce te|inapoi)( inapoi)? la meniu(l)?( principal)?',
      '((quiero|quisiera|me gustaria) )?(volver|ir|regresar|vuelve|volvamos) al (menu|inicio)( principal)?',
      '((je veux|je voudrais|j aimerais) )?(revenir|retourner|aller|retour|retourne|reviens) au menu( principal)?',
      '((dua|do te doja) te )?(kthehem|shkoj|kthehu|kthehemi) (te|ne|tek) men(u|y)(ja|ne)?',
      '((я )?(хочу|хотів би|хотіла б) )?(повернутися|повернутись|перейти|назад|повернімося) (до|в|у) (головного )?меню',
      '((اريد|اود|بدي) )?(ان )?(ارجع|الرجوع|العوده|اعود|رجوع|عوده|ارجعني) (الي|ل|لل) ?القائمه( الرئيسيه)?',
      // asking to see it: "quiero ver el menú", "arată-mi meniul", "montrez-moi le menu", "покажіть меню", "اعرض القائمة"
      '((vreau|as vrea) sa )?(vad|arata[- ]mi|aratati[- ]mi|arata) meniul( principal)?',
      '((quiero|quisiera) )?(ver|muestrame|muestreme|ensename) el menu( principal)?',
      '((je veux|je voudrais) )?(voir|montrez[- ]moi|montre[- ]moi|afficher) le menu( principal)?',
      '((dua|do te doja) te )?(shoh|me trego|me tregoni) menyne',
      '((я )?(хочу|хотів би|хотіла б) )?(побачити|подивитися|покажіть|покажи) (головне )?меню',
      '((اريد|اود|بدي) )?(ان )?(اشوف|ارى|اعرض|اعرضوا|عرض|وريني) (ال)?قا(ئ|ي)مه( الرئيسيه)?',
      '(ارجع|ارجعني|رجوع|العوده) للقا(ئ|ي)مه( الرئيسيه)?',
    ),
  ],
  [
    // "help me please", "aiutatemi", "ayúdeme", "aidez-moi", "më ndihmoni", "допоможіть мені", "ساعدوني": help asked for
    // (polite words already dropped by commandForm); a whole message, so "aiutami a trovare lavoro" is no command
    'help',
    wholeCommand(
      '(mi )?(aiuti|aiutami|aiutatemi|aiutate mi|puoi aiutarmi|potete aiutarmi|mi puoi aiutare|mi potete aiutare|ho bisogno di aiuto|serve aiuto)',
      '(please )?(help me|help me out|can you help me|could you help me|i need help|i need some help)',
      '(ajuta[- ]ma|ajutati[- ]ma|ajutati[- ]mi|ma puteti ajuta|ma poti ajuta|am nevoie de ajutor)',
      '(ayudame|ayudeme|ayudenme|me ayudas|me ayuda|me puede ayudar|me puedes ayudar|me pueden ayudar|necesito ayuda)',
      '(aide[- ]moi|aidez[- ]moi|pouvez[- ]vous m aider|tu peux m aider|vous pouvez m aider|j ai besoin d aide)',
      '(me ndihmo|me ndihmoni|ndihmo me|ndihmome|a mund te me ndihmoni|kam nevoje per ndihme)',
      '(допоможіть мені|допоможи мені|допоможіть|допоможи|мені потрібна допомога|потрібна допомога|помогите|помогите мне)',
      '(ساعدني|ساعدوني|ممكن تساعدني|ممكن تساعدوني|احتاج مساعده|محتاج مساعده|عاونوني|عاوني)',
    ),
  ],
  [
    'cancel',
    wholeCommand(
      '(io )?(voglio|vorrei) (annullare|uscire|smettere|interrompere|lasciar perdere)',
      '(i )?(want|would like|d like) to (cancel|quit|stop)',
      '(vreau|as vrea) sa (anulez|renunt|ma opresc|ies)',
      '(quiero|quisiera) (cancelar|anular|salir|parar|dejarlo)',
      '(je veux|je voudrais) (annuler|arreter|quitter|abandonner)',
      '(dua|do te doja) te (anuloj|ndaloj|dal|heq dore)',
      '(я )?(хочу|хотів би|хотіла б) (скасувати|вийти|припинити|зупинитися)',
      '(اريد|اود|بدي) (ان )?(الالغاء|الغي|الغاء|اخرج|الخروج|التوقف|اتوقف)',
      // not wanting to go on, with or without thanks: "nu mai vreau, mulțumesc", "ya no quiero seguir", "je ne veux plus"
      '(nu mai vreau|nu vreau sa (continui|continuam|merg mai departe))( multumesc)?',
      '(ya )?no quiero (seguir|continuar)( gracias)?|ya no quiero( gracias)?',
      '(je ne veux plus|je ne veux pas continuer)( continuer)?( merci)?',
      '(nuk dua (me|te vazhdoj))( faleminderit)?',
      '(я )?(більше не хочу|не хочу продовжувати)( дякую)?',
      '(لا )?(اريد|بدي) (ان )?(اكمل|الاستمرار|نكمل)|ما بدي كمل|مش عايز اكمل',
    ),
  ],
];

/**
 * Back to Italian or English as a wish, in any of the eight: "vreau în italiană", "prefiero hablar en inglés",
 * "je préfère continuer en anglais", "хочу говорити італійською", "أريد التحدث بالإنجليزية". The language's name as
 * each language writes it comes from models/languages.ts.
 */
const SWITCH_WISH =
  '(io )?(voglio|vorrei|preferisco|preferirei|parliamo|continuiamo|torniamo|torna)|(i )?(want|would like|d like|prefer)( to)?|let s|back|switch|' +
  '(eu )?(vreau|as vrea|prefer|as prefera)( sa)?|inapoi|revenim|hai sa|(yo )?(quiero|quisiera|prefiero|preferiria)|volvamos|volver|hablemos|' +
  '(je )?(veux|voudrais|prefere|prefererais)|revenons|revenir|parlons|(une )?(dua|do te doja|preferoj)( te)?|kthehu|kthehemi|' +
  '(я )?(хочу|хотів би|хотіла б|краще|волію)|повернімося|повернутися|давайте|(انا )?(اريد|اود|افضل|بدي|حاب)( ان)?|لنعد|ارجع|نرجع';
const SWITCH_VERB =
  'parlare|continuare|scrivere|tornare|to speak|to talk|to continue|to write|speak|talk|continue|go back|sa vorbim|vorbim|sa continuam|continuam|sa scriem|' +
  'hablar|continuar|seguir|escribir|volver|parler|continuer|ecrire|revenir|te flasim|te vazhdojme|te flas|flasim|vazhdojme|говорити|розмовляти|продовжити|писати|' +
  'التحدث|اتحدث|نتحدث|الكلام|اتكلم|نتكلم|المتابعه|نكمل|اكمل';
const SWITCH_TO = 'in|into|to|en|in|pe|la|al|a|ne|na|в|по|ب|بال|الي|باللغه|في';

function switchWish(language: 'it' | 'en'): RegExp {
  const names = [LANGUAGE_TABLE[language].nativeName, ...LANGUAGE_TABLE[language].names, ...LANGUAGE_TABLE[language].ownNames];
  return wholeCommand(`(${SWITCH_WISH})( (${SWITCH_VERB}))?( (${SWITCH_TO}))? ?(${names.map((n) => n.toLowerCase()).join('|')})( (language|limba|lingua|idioma|langue|gjuhe|мова|مره اخري|من فضلك))?`);
}

WISHED_COMMANDS.push(['switchToItalian', switchWish('it')], ['switchToEnglish', switchWish('en')]);

/**
 * Recognises the commands that work from anywhere. A command must be the whole message ("annulla", "menu!"):
 * "annulla la mia iscrizione" is a request to handle, not a command. Keywords of every language are accepted,
 * since people switch languages mid-conversation.
 */
export class CommandRecognizer {
  private readonly keywords: Map<string, Command>;

  constructor(translator: Translator) {
    this.keywords = new Map();
    for (const command of COMMANDS) {
      for (const keyword of translator.allLanguages(`commands.${command}`)) {
        const normalized = normalizeCommandText(keyword);
        if (normalized && !this.keywords.has(normalized)) this.keywords.set(normalized, command);
      }
    }
  }

  recognize(text: string | undefined): Command | undefined {
    if (!text) return undefined;
    const normalized = commandForm(text);
    if (normalized === '' && /^[?؟]+$/.test(text.trim())) return 'help';
    return this.keywords.get(normalized) ?? WISHED_COMMANDS.find(([, pattern]) => pattern.test(normalized))?.[0];
  }

  /**
   * Help asked for in words ("mi potete aiutare?", "aidez-moi"), not by its keyword ("aiuto", "help", "?"): to the bot
   * it is the help command, but said to a person in a live handoff it is for that person.
   */
  helpAskedInWords(text: string | undefined): boolean {
    if (!text) return false;
    const normalized = commandForm(text);
    return !this.keywords.has(normalized) && normalized !== '' && this.recognize(text) === 'help';
  }
}
