import { ActionTypes, CardFactory, MessageFactory, type Activity } from 'botbuilder';
import type { Language, Translate } from '../models/i18n';
import { languageSwitchOf, readLanguage } from '../models/languageIdentification';
import { LANGUAGE_CODES, LANGUAGE_TABLE, languageNamedBy, languageNativeNamed, languageOwnNamed } from '../models/languages';
import { messageWithButtons } from './buttons';

/**
 * How a worker comes to be answered in their language, besides the channel's locale: the menu's language entry
 * (the eight languages, each by its own name), the name of a language written at any point ("română", "العربية",
 * "shqip", "español", "українська", "français", in any of the eight), and their first free-text message when it is
 * written in one of the six newer languages (that message is then answered in it). Pure helpers; MainDialog does the switching (user state, news).
 */

/** The eight languages as buttons, each in its own name: the menu's language entry. */
export function languageChoiceActivity(t: Translate, channelId: string | undefined): Partial<Activity> {
  return messageWithButtons(t('languageChoice.prompt'), LANGUAGE_CODES.map((l) => LANGUAGE_TABLE[l].nativeName), channelId);
}

/**
 * A whole message naming a language: a native-name button, or the name typed in any of the eight. While a dialog
 * waits for an answer (`inDialog`), only the name as its own speakers write it ("Română", "عربي", "українською"):
 * "Romana" may be a first name.
 */
export function recognizeLanguageName(text: string | undefined, inDialog = false): Language | undefined {
  if (!text) return undefined;
  return inDialog ? (languageNativeNamed(text) ?? languageOwnNamed(text)) : languageNamedBy(text);
}

/**
 * The language a worker's free text is written in, when the bot should switch to it by itself: only for workers who
 * never chose a language, and only towards the six newer languages (models/languageIdentification.ts).
 */
export function languageToSwitchTo(text: string, current: Language, chosen: Language | undefined): { read: boolean; language?: Language } {
  if (chosen !== undefined) return { read: false };
  // a message too short to tell ("ciao", "sì") leaves the question open for the next one
  const reading = readLanguage(text, current);
  if (reading.kind === 'none' && reading.reason === 'too_short') return { read: false };
  // (the same reading decides the switch: eld is not run a second time on the same text)
  return { read: true, language: languageSwitchOf(reading, current) };
}

/**
 * The notice before the answer to a first message in a newer language, in that language: what happened, that some
 * information is in Italian for now, and one tap back to Italian or English (the buttons post "Italiano" and
 * "English", the commands that switch). A card on every channel, not suggested actions: the message itself is
 * answered next, and Web Chat drops a message's suggested actions when the next one arrives, while a card's buttons
 * stay in the transcript.
 */
export function detectedLanguageActivity(t: Translate): Partial<Activity> {
  const back = [LANGUAGE_TABLE.it.nativeName, LANGUAGE_TABLE.en.nativeName];
  return MessageFactory.attachment(CardFactory.heroCard('', t('languageChoice.detected'), undefined, back.map((label) => ({ type: ActionTypes.ImBack, title: label, value: label }))));
}
