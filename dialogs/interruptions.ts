import type { CampaignRequest } from './campaign/campaignIntents';
import type { CommandRecognizer } from './commands';
import { recognizeDataRequest } from './intents';
import { looksLikeQuestion } from './referral/fieldChecks';
import { recognizeSmallTalk } from './smallTalk';
import { foldLatinAccents } from '../models/text/fold';

/** What a message typed while a dialog waits for an answer may be instead of an answer. */
export type Interruption = 'cancel' | 'menu' | 'help' | 'switchToEnglish' | 'switchToItalian' | 'unsubscribe' | 'subscriptions' | 'myData' | 'eraseData' | 'restart' | 'human';

/**
 * The worker's commands in a whole message, in the order the main dialog honours them (MainDialog.interrupt):
 * the locale keywords ("annulla", "menu", "aiuto", "english"), then the news ("stop notizie", "le mie iscrizioni"),
 * then their data ("i miei dati", "cancella i miei dati"). Case, accents, punctuation and polite words do not
 * matter ("Cancella tutti i miei dati, per favore!"); anything more than the command does ("stop srl" is a firm).
 * Then "ricominciamo da capo" (ends the dialog, as "menu") and a person asked for ("voglio parlare con una persona",
 * "sei un robot?": answered, then the question is asked again).
 * Greetings, thanks and "dimmi di più" are not here: inside a dialog they are not a reason to leave it.
 */
export function recognizeInterruption(text: string | undefined, commands: CommandRecognizer, campaign?: { recognize(text: string | undefined): CampaignRequest | undefined }): Interruption | undefined {
  const command = commands.recognize(text);
  if (command === 'cancel' || command === 'menu' || command === 'help' || command === 'switchToEnglish' || command === 'switchToItalian') return command;
  const news = campaign?.recognize(text);
  if (news === 'unsubscribe' || news === 'subscriptions') return news;
  const request = recognizeDataRequest(text ?? '');
  if (request) return request;
  const move = recognizeSmallTalk(text);
  if (move === 'restart' || move === 'human') return move;
  return undefined;
}

/**
 * "Ritiro il consenso", "revoco", "non voglio più essere contattata", "withdraw my consent": the worker takes back
 * the consent to be contacted, before the referral is sent (nothing is stored) or after (it is withdrawn).
 */
const WITHDRAWAL =
  /\b(ritiro (il )?(mio )?consenso|ritirare (il )?(mio )?consenso|revoco|revocare (il )?consenso|revoca (del )?consenso|non voglio piu essere (contattat[oa]|ricontattat[oa]|chiamat[oa])|non voglio piu che mi (contattiate|chiamiate|contattino)|non contattatemi piu|withdraw (my )?consent|i withdraw|revoke (my )?consent|i revoke|do not contact me (any ?more)?|don t contact me|no longer want to be contacted|stop contacting me)\b/;

/**
 * The same taken back in other words: the consent named with a verb of taking it back ("non voglio più dare il
 * consenso", "tolgo il consenso", "I take back my consent"), the request itself dropped ("cancellate la mia
 * richiesta", "annullate la segnalazione", "cancel my request"), or being called refused from now on ("non
 * chiamatemi più", "non cercatemi", "don't call me again").
 */
const CONSENT_WORD = /\b(consenso|consensi|consent)\b/;
const TAKING_BACK =
  /\b(ritir\w*|revoc\w*|togli\w*|tolgo|annull\w*|cancell\w*|riprend\w*|non (lo )?(voglio|vorrei|do|dare|intendo dare) piu|non (voglio|vorrei) piu dar\w*|non acconsento piu|withdraw\w*|revok\w*|retract\w*|take back|taking back|took back|cancel\w*|no longer|not anymore|any more|anymore)\b/;
const REQUEST_DROPPED =
  /\b(ritir\w*|annull\w*|cancell\w*|elimin\w*|cancel|withdraw|delete|drop)( pure)? ((la mia |my )(richiesta|segnalazione|domanda|candidatura|request|referral|application)|(la |the )(richiesta|segnalazione|candidatura|request|referral|application))\b/;

/** "Non chiamatemi di sera" is a time, not a refusal: a time word after the verb keeps it a preference. */
const NOT_A_TIME = '(?! (di|la|il|alle|dalle|dopo|prima|in|nel|nella|verso|al|before|after|on|at|during|between|until)\\b)';
const NO_MORE_CALLS = new RegExp(
  `\\b(non (chiamatemi|contattatemi|ricontattatemi|cercatemi|richiamatemi)( piu)?${NOT_A_TIME}|non (mi )?(chiamate|contattate|cercate|richiamate) piu${NOT_A_TIME}|non (voglio|vorrei) (piu )?(essere )?(contattat[oa]|ricontattat[oa]|chiamat[oa]|richiamat[oa]|cercat[oa]) (piu|da nessuno)|(don t|do not|never) (call|contact|phone|ring) me( again| any ?more)?${NOT_A_TIME})\\b`,
);

const ASKS_HOW_OR_WHETHER = /^(ma |e |scusa |senti )?(posso|potrei|potro|si puo|e possibile|come (posso|faccio|si fa|si)|in che modo|can i|could i|how (can|do|would) i|is it possible|will i be able)\b/;

export function recognizeWithdrawal(text: string | undefined): boolean {
  if (!text) return false;
  const normalized = foldLatinAccents(text)
    .toLowerCase()
    .replace(/[!.,;:?'’`"]+/g, ' ')
    .replace(/\s+/g, ' ');
  // "posso ritirare il consenso più avanti?", "how do I withdraw?" ask about it, they do not do it
  if (ASKS_HOW_OR_WHETHER.test(normalized.trim())) return false;
  if (WITHDRAWAL.test(normalized) || REQUEST_DROPPED.test(normalized) || NO_MORE_CALLS.test(normalized)) return true;
  return CONSENT_WORD.test(normalized) && TAKING_BACK.test(normalized) && !looksLikeQuestion(text);
}
