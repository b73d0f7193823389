import type { CampaignRequest } from './campaign/campaignIntents';
import type { CommandRecognizer } from './commands';
import { recognizeRequest } from './intents';
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
  const request = recognizeRequest(text ?? '');
  if (request === 'myData' || request === 'eraseData') return request;
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

export function recognizeWithdrawal(text: string | undefined): boolean {
  if (!text) return false;
  const normalized = foldLatinAccents(text)
    .toLowerCase()
    .replace(/[!.,;:?'’`"]+/g, ' ')
    .replace(/\s+/g, ' ');
  return WITHDRAWAL.test(normalized);
}
