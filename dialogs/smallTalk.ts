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
 * thanks and farewells, in any order. A message with anything else in it is not a closing one.
 */
const ACKNOWLEDGEMENT = ['ok', 'okay', 'va bene', 'perfetto', 'bene', 'ottimo', 'benissimo', 'chiaro', 'capito', 'ho capito', 'd accordo', 'no', 'allora', 'ah', 'oh', 'great', 'fine', 'alright', 'all right', 'got it', 'perfect', 'understood', 'right', 'well', 'and', 'e', 'ancora', 'di nuovo', 'again', 'comunque', 'anyway', 'davvero', 'really', 'very much', 'so much', 'a lot'];
const THANKS_PHRASES = ['grazie', 'grazie mille', 'mille grazie', 'molte grazie', 'tante grazie', 'grazie tante', 'grazie infinite', 'grazie di cuore', 'grazie di tutto', 'ti ringrazio', 'la ringrazio', 'vi ringrazio', 'ringrazio', 'mille', 'thanks', 'thank you', 'thx', 'ty', 'cheers', 'many thanks', 'thanks a lot', 'lo stesso', 'per l aiuto', 'per le informazioni', 'per le info', 'per tutto', 'per la risposta', 'per la pazienza', 'per la disponibilita', 'gentilissim[oi]', 'gentile', 'for the help', 'for your help', 'for the info', 'for the information', 'for your time', 'for the answer', 'for everything', 'sei stato gentile', 'molto gentile', 'very kind', 'much appreciated', 'appreciated'];
const GOODBYE_PHRASES = ['arrivederci', 'arrivederla', 'ciao', 'ciao ciao', 'a presto', 'alla prossima', 'buona giornata', 'buona serata', 'buon pomeriggio', 'buona notte', 'buonanotte', 'buon lavoro', 'buona continuazione', 'ci sentiamo', 'ci vediamo', 'addio', 'salve', 'bye', 'bye bye', 'goodbye', 'good bye', 'see you', 'see you later', 'see ya', 'have a nice day', 'have a good day', 'take care', 'talk later', 'talk to you later', 'ho finito', 'abbiamo finito', 'per ora e tutto', 'e tutto', 'basta cosi', 'that s all', 'that s it', 'i m done', 'done for now'];
const alternation = (phrases: string[]): string => [...phrases].sort((a, b) => b.length - a.length).join('|');
const CLOSING_BAG = new RegExp(`^((${alternation([...ACKNOWLEDGEMENT, ...THANKS_PHRASES, ...GOODBYE_PHRASES])})( |$))+$`);
const THANKS_WORD = new RegExp(`(^| )(${alternation(THANKS_PHRASES.filter((p) => !['mille', 'lo stesso', 'gentile'].includes(p) && !p.startsWith('per ') && !p.startsWith('for ')))})( |$)`);
/** "ciao" alone is a greeting, not a goodbye: it closes only next to thanks or another farewell ("ok grazie ciao"). */
const GOODBYE_WORD = new RegExp(`(^| )(${alternation(GOODBYE_PHRASES.filter((p) => p !== 'ciao' && p !== 'salve'))})( |$)`);
const GREETING_ALONE = /^(ciao|salve)$/;

/**
 * Starting over: a verb of starting again ("ricominciamo", "ripartiamo", "rifacciamo", "start over") or a going back
 * to the start ("torniamo all'inizio", "go back to the start"), with at most polite or filler words around it.
 */
const RESTART_VERB = '(ricominciamo|ricominciare|ricomincia|ricomincio|ricominciamo tutto|rinizia|riniziamo|ripartiamo|riparti|riparto|rifacciamo|rifare|rifai|resetta|resettiamo|azzera|azzeriamo|reset|restart|start over|start again|begin again|start afresh|let s start over|start from scratch)';
const RESTART_PLACE = '(da capo|daccapo|dall inizio|da zero|dal principio|dal via|all inizio|al principio|tutto|from the (beginning|start|top)|from scratch|to the (beginning|start))';
const RESTART_LEAD = '((ok|allora|vorrei|voglio|possiamo|dai|senti|facciamo cosi|let s|can we|i want to|i d like to|please|per favore|no|basta) )*';
const RESTART = new RegExp(`^${RESTART_LEAD}(${RESTART_VERB}( ${RESTART_PLACE})*|(torniamo|tornare|torna|ritorniamo|tornate|go back|back|going back) ${RESTART_PLACE})( (per favore|please|grazie))?$`);

export function recognizeSmallTalk(text: string | undefined): SmallTalk | undefined {
  if (!text) return undefined;
  // both with and without the polite words: "ciao ciao" and "no grazie" are made of them
  const forms = [commandForm(text), normalizeCommandText(text).replace(/[?…()[\]{}*_~<>«»“”‘’\p{Extended_Pictographic}]/gu, ' ').replace(/\s+/g, ' ').trim()];
  if (!forms[0] || forms[1].split(' ').length > MAX_WORDS) return undefined;
  const any = (re: RegExp): boolean => forms.some((f) => re.test(f));
  // a person asked for, or whether this is one, in any of the eight languages (dialogs/personRequest.ts)
  if (recognizePersonRequest(text)) return 'human';
  if (any(RESTART)) return 'restart';
  // the whole message first: its polite words ("ciao ciao", "no grazie") are what it says
  for (const closing of [...forms].reverse()) {
    if (!CLOSING_BAG.test(closing) || GREETING_ALONE.test(closing)) continue;
    if (GOODBYE_WORD.test(closing) || (/(^| )ciao( |$)/.test(closing) && THANKS_WORD.test(closing))) return 'goodbye';
    if (THANKS_WORD.test(closing)) return 'thanks';
  }
  return undefined;
}
