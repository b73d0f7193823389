import type { Activity } from 'botbuilder';
import type { Language, Translate } from '../models/i18n';
import type { HandoffAvailability } from '../models/handoff/handoffAvailability';
import type { Opening } from '../models/handoff/officeHours';
import { messageWithButtons } from './buttons';

/** Intl locales for the days and times of each language (Arabic with Western digits, as the bot writes numbers). */
const DATE_LOCALES: Record<Language, string> = { it: 'it-IT', en: 'en-GB', ro: 'ro-RO', ar: 'ar-u-nu-latn', sq: 'sq-AL', es: 'es-ES', uk: 'uk-UA', fr: 'fr-FR' };

/** "lunedì 14 dicembre dalle 9:00", "on Monday 14 December from 9:00": when operators are next at work. */
export function openingWords(t: Translate, language: Language, opening: Opening): string {
  const day = new Intl.DateTimeFormat(DATE_LOCALES[language], { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${opening.day}T12:00:00Z`));
  const time = `${Math.floor(opening.minutes / 60)}:${String(opening.minutes % 60).padStart(2, '0')}`;
  return t('handoff.opening', { day, time });
}

export interface HandoffReplyOptions {
  /** asked at a step of a dialog, which asks its question again next: no question of its own at the end */
  inDialog: boolean;
}

/**
 * What the bot says when a person is asked for, worded from the one decision (models/handoff/handoffAvailability):
 * that it is looking for an operator (a request is open) and how to go back to the bot; or honestly that no operator
 * can join this chat, when operators work again if they are not at work now, and the
 * call-back (the referral, one button away). No phone number or office is ever named: none is in the content.
 */
export function handoffReply(t: Translate, language: Language, availability: HandoffAvailability, options: HandoffReplyOptions, channelId: string | undefined): Partial<Activity> {
  if (availability.kind === 'connecting') {
    // a request is open: honestly, the bot is looking, for how long, and how to leave; no call-back yet
    return messageWithButtons(`${t('handoff.whatAreYou')} ${t('handoff.connecting', { minutes: availability.waitMinutes })}`, [t('handoff.backToBotCommand')], channelId);
  }
  const now =
    availability.kind === 'live-unavailable'
      ? t('handoff.liveUnavailable')
      : availability.nextOpening
        ? t('handoff.closed', { when: openingWords(t, language, availability.nextOpening) })
        : t('handoff.closedNoOpening');
  // asked for a person or whether this is one, the worker is told first that this is not one (analytics tell the two
  // apart: MainDialog.answerPersonRequest)
  const first = `${t('handoff.whatAreYou')} ${now}`;
  const callBack = options.inDialog ? t('handoff.callBack') : `${t('handoff.callBack')} ${t('handoff.callBackAsk')}`;
  return messageWithButtons(`${first}\n\n${callBack}`, [t('menu.contact'), t('inform.menu')], channelId);
}
