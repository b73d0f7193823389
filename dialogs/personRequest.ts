import { commandForm } from './commands';
import { typoBudget } from './understanding/editDistance';
import { editDistance } from '../models/text/editDistance';
import { memoizeText } from '../models/text/textMemo';

/**
 * A person asked for, in the eight languages, at any point (issue 17):
 * - 'person': "voglio parlare con un operatore", "una persona", "mi passi un operatore", "operator please",
 *   "pot vorbi cu cineva?", "بدي احكي مع حدا", "¿puedo hablar con alguien?", "хочу поговорити з людиною",
 *   "passez-moi un conseiller";
 * - 'whatAreYou': "sei un robot?", "are you a bot?", "am I talking to a person?", "ești om?", "هل أنت روبوت؟":
 *   answered honestly (an automated assistant), with the same offer of a person.
 * A sentence that only mentions people ("i miei colleghi sono persone", "l'operatore della rete mi ha detto che ...",
 * "quante persone partecipano?") is none of them: a person is sought only by a verb of talking *with* one, of being put
 * through to one, by a wish for one in a short message, by asking whether one is there, or by the noun alone.
 */
export type PersonRequest = 'person' | 'whatAreYou';

/** At most this many words: longer messages carry a question of their own, answered by the FAQ. */
const MAX_WORDS = 14;

/** The nouns for a person one can talk to, folded (no accents; Arabic hamza forms plain, й as и, ї as і). */
const PERSON = [
  // it
  '(una |un |l |la |lo |qualche )?(persona( vera| reale| umana| fisica| in carne e ossa)?|operatore( umano)?|operatrice|umano|essere umano|impiegat[oa]|consulente|addett[oa]|qualcuno( di voi| in carne e ossa| di vero| vero)?|responsabile)',
  // en
  '(a |an |the |some )?((real |live |actual )?(human( being)?|person|operator|agent)|someone( real)?|somebody( real)?|anyone|anybody|representative|advisor|adviser|staff|member of staff)',
  // ro
  '(un |o )?(operator( uman)?|persoana( reala| adevarata)?|om( real| adevarat| in carne si oase)?|cineva( real)?|consultant|angajat)',
  // ar
  '(موظف|موظفه|شخص( حقيقي)?|انسان( حقيقي)?|حدا|احد|بشر|مستشار|انسان حقيقي)',
  // sq
  '(nje )?(operator[ei]?|person[ei]?( te vertete| real)?|njeri( te vertete| real)?|dike|dikush|konsulent)',
  // es
  '(un |una |el |la )?(operador(a)?|persona( real| de verdad| humana)?|humano|ser humano|alguien( de verdad| real)?|agente|asesor(a)?)',
  // uk
  '(оператор(ом|а|у)?|людин(а|ою|у|і)|живою людиною|живу людину|жива людина|кимось|кимсь|когось|консультант(ом|а)?|працівник(ом|а)?)',
  // fr
  '(un |une |le |la )?(operateur|operatrice|(vraie )?personne( reelle| humaine)?|humain|etre humain|quelqu un( de reel)?|conseiller(e)?|agent)',
].join('|');

/** Only nouns that can mean nothing else stand alone as a request ("impiegato" typed alone answers a question). */
const PERSON_ALONE = [
  '(un |una |l )?(operatore( umano)?|operatrice|umano|essere umano|persona (vera|reale|umana))|una persona',
  '(a |an )?(human( being)?|real person|operator|agent|live agent|representative)',
  '(un |o )?(operator( uman)?|om( real)?|persoana reala)|o persoana',
  'موظف|انسان|شخص حقيقي|انسان حقيقي',
  '(nje )?(operator|njeri( te vertete)?)|nje person',
  '(un |una )?(operador(a)?|humano|ser humano|agente|persona real)|una persona',
  'оператор(а|ом)?|людину|людина|живу людину|жива людина',
  '(un |une )?(operateur|humain|etre humain|conseiller(e)?|vraie personne)|une personne',
].join('|');

/** Words that may close a request: please and its kin not already stripped, "now", "available". */
const TAIL = '( (pls|plz|subito|ora|adesso|now|asap|disponibile|available|acum|ahora|maintenant|tani|зараз|الان|grazie|thanks|per piacere|по-людськи))*';

/** A verb of talking followed by "with"/"to", in each language (and the texting spellings: "cn", "kon", "ablar"). */
const TALK_WITH = [
  '(parlare|parlo|parlarci|parli|chattare|scrivere|comunicare|sentire|parlar) (con|cn|a|ad|col)',
  '(talk|speak|chat|talking|speaking) (to|with)',
  '(vorbesc|vorbi|vorbim|vorbeasca|discut|discuta|sa vorbesc|comunic) (cu|cun)',
  '(التحدث|اتحدث|نتحدث|التكلم|اتكلم|احكي|الحديث|اكلم|اتواصل|التواصل|احچي|احكي) (مع|الي|ل)',
  '(flas|flasim|bisedoj|bisedojme|komunikoj) me',
  '(hablar|hablo|habla|charlar|platicar|comunicarme|hable|ablar) (con|kon)',
  '(поговорити|говорити|розмовляти|спілкуватися|поспілкуватися|поговорить) (з|із|зі)',
  '(parler|discuter|parle|causer|communiquer) (a|avec|a un|au)',
].join('|');

/** A request to be put through to someone, or a wish for one, as the opening of a short message. */
const PUT_THROUGH = [
  '(ma |allora |scusa )?(passami|mi passi|mi passa|mi passate|passatemi|passate|passare|mettimi in contatto con|mettetemi in contatto con|mi mettete in contatto con|collegami con|collegatemi con|chiamami|chiamatemi|voglio|vorrei|volevo|posso avere|potrei avere|mi serve|ho bisogno di|mi dai|mi date|mi chiami|chiama)( con)?',
  '(get me|connect me (to|with)|put me (through|in touch) (to|with)|transfer me to|i want|i d like|i would like|i need|can i have|could i have|give me|i m looking for)',
  '(faceti mi legatura cu|fa mi legatura cu|conectati ma cu|conecteaza ma cu|vreau|as vrea|am nevoie de|dati mi)',
  '(حولني|حوليني|حولوني|وصلني|وصلوني|اريد|بدي|ابغي|عايز|احتاج)( علي| الي| ل| ب| مع)?',
  '(me lidhni me|me lidh me|dua|kam nevoje per|me jepni)',
  '(pasame con|paseme con|pasame|comunicame con|comunicas con|me comunicas con|me comunica con|ponme con|quiero|kiero|necesito|quisiera|deseo)',
  '(з єднаите мене з|з єднаи мене з|зєднаите мене з|покличте|поклич|дайте|даите|хочу|потрібен|потрібна|мені потрібен|мені потрібна)',
  '(passez moi|passe moi|mettez moi en relation avec|mettez moi en contact avec|je veux|je voudrais|j ai besoin d|j ai besoin de|je cherche)',
].join('|');

/** Is someone there? "c'è un operatore?", "is there a human?", "¿hay alguien?", "y a-t-il quelqu'un ?", "є тут людина?" */
const IS_THERE = [
  '(c e|ce|esiste|avete|hai|ci sono|c e mica)',
  '(is there|are there|have you got|do you have)',
  '(este|e|exista|aveti)( acolo)?',
  '(هل )?(يوجد|في|فيه|عندكم)',
  '(a ka|ka|a keni)',
  '(hay|tienen|tenes)',
  '(чи )?(є)( тут| там)?',
  '(y a t il|il y a|y a|avez vous)',
].join('|');

/** Who or what the bot is. */
const BOT_WORDS = '(un |una |o |a |an |nje |une )?(robot|bot|chat ?bot|macchina|computer|programma|intelligenza artificiale|ia|ai|persona( vera| reale)?|umano|essere umano|operatore|assistente virtuale|risponditore automatico|human( being)?|real( person)?|person|machine|program|om( real)?|persoana( reala)?|masina|njeri|person|makine|humano|persona|maquina|programa|humain|personne( reelle)?|vraie personne|programme)';
const WHAT_ARE_YOU: RegExp[] = [
  new RegExp(`(^| )((sei|siete)|^(ma |quindi |allora )?(e|questo e|tu sei)|(are|r) (you|u)|is this|(esti|sunteti|tu esti)|(a )?(je|jeni)|(eres|es usted|usted es|sos|tu eres)|(tu es|es tu|etes vous|vous etes|c est)) ${BOT_WORDS}$`),
  /(^| )(sto parlando|sto chattando|parlo) con (un |una )?(robot|bot|persona( vera| reale)?|umano|macchina|essere umano|computer)$/,
  /\bcon chi (sto parlando|parlo|sto chattando|chatto)\b/,
  /\b(am i|are we) (talking|speaking|chatting) (to|with) (a |an )?(bot|robot|human( being)?|(real )?person|machine|computer|chatbot)\b/,
  /\b(who|what) am i (talking|speaking|chatting) (to|with)\b/,
  /\b(risponde|rispondi) (una persona|un umano|un operatore|qualcuno|una macchina|un robot)\b/,
  /^(vorbesc|vorbim|discut) cu (un |o )?(robot|bot|om( real)?|persoana( reala)?|masina|calculator)$/,
  /^(هل )?(انت|انتم|حضرتك|انتي) (روبوت|بوت|انسان|شخص( حقيقي)?|اله|اله؟|برنامج|ذكاء اصطناعي|بشر)$/,
  /^(هل )?(انا )?(اتحدث|اتكلم|احكي|اتواصل) (مع|الي) (روبوت|بوت|انسان|شخص( حقيقي)?|اله|بشر)$/,
  /^(a )?(po )?(flas|bisedoj) me (nje )?(robot|bot|njeri|person|makine)( te vertete| real)?$/,
  /^(estoy|estamos) (hablando|chateando) con (un |una )?(robot|bot|humano|persona( real)?|maquina)$/,
  /^(ти|ви) (робот|бот|людина|жива людина|машина|програма|чат бот|штучний інтелект)$/,
  /^(я )?(розмовляю|говорю|спілкуюся|листуюся) (з|із|зі) (людиною|роботом|ботом|машиною|живою людиною|програмою)$/,
  /^(est ce que )?je (parle|discute) (a|avec) (un |une )?(robot|bot|humain|personne|vraie personne|machine|etre humain)$/,
];

const PERSON_ASKED: RegExp[] = [
  new RegExp(`(^| )(${TALK_WITH}) (${PERSON})( |$)`),
  new RegExp(`^(${PUT_THROUGH}) (${PERSON})${TAIL}$`),
  new RegExp(`^(${IS_THERE}) (${PERSON})( (disponibile|con cui parlare|che mi risponda|available|there|acolo|disponibil|atje|disponible|ahi|la|тут|там|هنا|i can talk to|to talk to))?$`),
  new RegExp(`^(${PERSON_ALONE})${TAIL}$`),
  /\b(c e|ce|esiste|avete) (qualcuno|una persona|un operatore|un umano)( (vero|reale|in carne e ossa))? (con cui|a cui|che) (posso|potrei|possa) (parlare|rivolgermi|chiedere|scrivere)\b/,
  /\b(is|are) there (anyone|anybody|someone|somebody|a person|a human|a real person|people|staff|an operator)( (real|human))? (i|we) (can|could|might) (talk|speak|chat|write) (to|with)\b/,
  /^(покличте|поклич|дайте|даите) (оператора|людину|когось|консультанта|працівника)$/,
];

/**
 * Known words of the patterns above (and their plurals and other forms, which must not be "corrected" into them): a
 * word that is none of them and one or two slips from one of the first list is read as that word ("opertore",
 * "persn", "humin", "опереатором").
 */
const TYPO_TARGETS = [
  'operatore', 'persona', 'parlare', 'umano', 'qualcuno', 'voglio', 'vorrei',
  'operator', 'person', 'human', 'speak', 'someone', 'somebody',
  'persoana', 'vorbesc', 'vorbi', 'cineva',
  'operador', 'hablar', 'humano', 'alguien', 'quiero', 'persona',
  'operateur', 'personne', 'parler', 'humain', 'conseiller', 'quelqu',
  'оператор', 'оператором', 'поговорити', 'людиною', 'людина', 'говорити', 'розмовляти',
  'njeri', 'operatori', 'bisedoj',
];
const KNOWN_FORMS = new Set([
  ...TYPO_TARGETS,
  'persone', 'operatori', 'operatrici', 'umani', 'parlato', 'parlano', 'parlate', 'parla', 'parlami',
  'operators', 'persons', 'people', 'humans', 'speaks', 'spoke', 'spoken', 'special',
  'persoane', 'operatorul', 'operatorii', 'operatorului', 'vorbeste', 'vorbit',
  'operadores', 'personas', 'humanos', 'hablan', 'hablado', 'operadora',
  'operateurs', 'personnes', 'humains', 'parlez', 'parlons', 'parlent', 'parle',
  'оператори', 'операторів', 'люди', 'людей', 'людини', 'говорить',
  'njerez', 'njerezit', 'operatoret', 'personat', 'persona',
]);

/** A word as the patterns read it: itself, or the typo target it is one or two slips from (remembered per word). */
const fixWord = memoizeText((word: string): string => {
  if (word.length < 5 || KNOWN_FORMS.has(word)) return word;
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const target of TYPO_TARGETS) {
    const budget = Math.min(typoBudget(target.length), typoBudget(word.length));
    if (budget === 0 || Math.abs(target.length - word.length) > budget) continue;
    const d = editDistance(word, target, budget);
    if (d <= budget && d < bestDistance) {
      best = target;
      bestDistance = d;
    }
  }
  return best ?? word;
}, 5000);

function fixTypos(form: string): string {
  return form.split(' ').map(fixWord).join(' ');
}

/** The message as the patterns read it: command form (polite words off), hyphens and apostrophes as spaces. */
function formOf(text: string): string {
  return commandForm(text).replace(/[-'’]/g, ' ').replace(/\s+/g, ' ').trim();
}

export function recognizePersonRequest(text: string | undefined): PersonRequest | undefined {
  if (!text) return undefined;
  const form = formOf(text);
  if (!form || form.split(' ').length > MAX_WORDS) return undefined;
  const forms = [form];
  const fixed = fixTypos(form);
  if (fixed !== form) forms.push(fixed);
  const any = (re: RegExp): boolean => forms.some((f) => re.test(f));
  if (WHAT_ARE_YOU.some(any)) return 'whatAreYou';
  if (PERSON_ASKED.some(any)) return 'person';
  return undefined;
}
