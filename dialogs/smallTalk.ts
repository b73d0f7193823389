import { commandForm, normalizeCommandText } from './commands';

/**
 * The ordinary moves of a conversation that are not questions about the measure: asking for a person or whether
 * this is a robot, thanking, saying goodbye, starting over. Read from the whole message in its command form
 * (lowercase, no accents, polite words stripped) but not only as fixed keywords: "ok grazie mille per l'aiuto",
 * "posso parlare con qualcuno?", "are you a real person?" are all said in many ways.
 */
export type SmallTalk = 'human' | 'thanks' | 'goodbye' | 'restart';

/** At most this many words: longer messages carry a question of their own, answered by the FAQ. */
const MAX_WORDS = 14;

const PERSON = '(una |un |l |la |lo |qualche )?(persona( vera| reale| fisica| in carne e ossa)?|operatore( umano)?|operatrice|umano|essere umano|impiegat[oa]|consulente|addett[oa]|qualcuno( di voi| in carne e ossa| di vero)?|responsabile|uomo|donna)';
const HUMAN: RegExp[] = [
  // "voglio parlare con una persona", "posso parlare con qualcuno?", "mi passi un operatore", "c'è un operatore?"
  new RegExp(`\\b(parlare|parlo|chattare|scrivere|comunicare|sentire|contatto|contattare|passi|passare|passami|passate|mettermi in contatto|mettere in contatto|collegarmi|collegami) (con |a |ad )?${PERSON}\\b`),
  new RegExp(`^(c e|ce|esiste|avete|hai) ${PERSON}( disponibile| con cui parlare| che mi risponda)?$`),
  // alone, only words that can mean nothing else: "impiegato" or "responsabile" typed alone answer a question
  /^(un |una |l )?(operatore( umano)?|operatrice|umano|essere umano|persona (vera|reale|umana)|una persona)( per favore| grazie| subito| disponibile)?$/,
  // "sei un robot?", "sei una persona vera?", "con chi sto parlando?", "mi risponde una persona?"
  /(\b(sei|siete)|^(ma |quindi |allora )?(e|questo e|tu sei)) (un |una |l )?(robot|bot|chat ?bot|macchina|computer|programma|intelligenza artificiale|ia|ai|persona( vera| reale)?|umano|essere umano|operatore|assistente virtuale|risponditore automatico)\b/,
  /\bcon chi (sto parlando|parlo|sto chattando|chatto)\b/,
  /\b(risponde|rispondi|risponde) (una persona|un umano|un operatore|qualcuno|una macchina|un robot)\b/,
  /\b(talk|speak|chat) (to|with) (a |an |the |some )?(human|person|real person|operator|agent|someone|somebody|advisor|adviser|staff|member of staff|human being|live agent|representative)\b/,
  /^(a |an )?(human|real person|person|operator|agent|live agent|representative)( please| now)?$/,
  /\b(are|r) (you|u) (a |an )?(bot|robot|chat ?bot|machine|computer|program|ai|human|real|real person|person|human being)\b/,
  /\b(who|what) am i (talking|speaking|chatting) (to|with)\b/,
  /\bis (this|there) (a |an )?(bot|robot|human|real person|person|operator)\b/,
];

const THANKS = /^(ok |okay |va bene |perfetto |bene |ottimo |no |allora |ah |oh )*(grazie|ti ringrazio|la ringrazio|vi ringrazio|thanks|thank you|thx|ty|cheers|molte grazie|many thanks)( (mille|tante|ancora|davvero|infinite|molte|di tutto|di cuore|comunque|lo stesso|per (l aiuto|le informazioni|le info|tutto|la risposta|la pazienza|la disponibilita)|so much|a lot|very much|again|anyway|for (the|your) (help|info|information|answer|time)|for everything|you))*( ciao| arrivederci| bye| buona giornata| buona serata)?$/;
const GOODBYE = /^(ok |okay |va bene |grazie |mille |tante |thanks |thank you |allora |bene )*(arrivederci|arrivederla|ciao ciao|a presto|alla prossima|buona giornata|buona serata|buonanotte|ci sentiamo|ci vediamo|addio|bye|bye bye|goodbye|good bye|see you|see you later|see ya|have a nice day|talk (to you )?later|ho finito|abbiamo finito|per ora e tutto|e tutto|that s all|that s it|i m done|done for now)( grazie| thanks| ciao| bye)*$/;
const RESTART = /^(ok |allora |vorrei |voglio |possiamo |let s |can we |i want to )?(ricominciamo|ricominciare|ricomincia|ricomincio|rinizia|riniziamo|ricominciamo tutto|rifacciamo( tutto)?|resetta|reset|restart|start over|start again|begin again|from the start|from scratch|start from (the beginning|scratch))( da capo| dall inizio| da zero| tutto| daccapo| from the (beginning|start)| please| per favore)*$/;

export function recognizeSmallTalk(text: string | undefined): SmallTalk | undefined {
  if (!text) return undefined;
  // both with and without the polite words: "ciao ciao" and "no grazie" are made of them
  const forms = [commandForm(text), normalizeCommandText(text).replace(/[?…()[\]{}*_~<>«»“”‘’\p{Extended_Pictographic}]/gu, ' ').replace(/\s+/g, ' ').trim()];
  if (!forms[0] || forms[1].split(' ').length > MAX_WORDS) return undefined;
  const any = (re: RegExp): boolean => forms.some((f) => re.test(f));
  if (HUMAN.some(any)) return 'human';
  if (any(RESTART)) return 'restart';
  if (any(GOODBYE)) return 'goodbye';
  if (any(THANKS)) return 'thanks';
  return undefined;
}
