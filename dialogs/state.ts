import type { EligibilityResult } from '../models/eligibility';
import type { Language } from '../models/i18n';
import type { EligibilityAnswers } from './eligibility/answers';

/**
 * What the bot remembers about a user across conversations: only the language they chose. User state does not
 * expire with DIALOG_STATE_TTL_HOURS but after STATE_TTL_DAYS idle (bot/state/storeStorage.ts), so nothing a worker
 * typed may ever go here.
 */
export interface UserProfile {
  language?: Language;
}

/** What the bot remembers within one conversation; expires DIALOG_STATE_TTL_HOURS after its last change. */
export interface ConversationData {
  welcomed?: boolean;
  /** the content section behind the last answer, for "tell me more" */
  lastSectionId?: string;
  /** how deep "tell me more" has gone into that section, and the FAQ entry answered there */
  lastMoreLevel?: 'answer' | 'section' | 'topics';
  lastFaqId?: string;
  /**
   * what the last answer invited the worker to start ("scrivi «posso partecipare?» per una verifica"), so that a bare
   * "sì" right after it starts that; kept for the next message only
   */
  offered?: 'eligibility' | 'contact' | 'person';
  /**
   * the worker's own case told with the question that answer replied to ("licenziato dalla ditta di Lecco che ha
   * chiuso, cosa posso fare?"), so the pre-check it offered starts from what was told; for the next message only,
   * like `offered`, and erased with the conversation's data
   */
  offeredCase?: string;
  /**
   * a live handoff request was opened from this conversation: only then does a message need a look in the store for
   * an open one (bot/handoff/liveHandoff.ts), which every other turn is spared; cleared once none is open
   */
  handoffOpened?: boolean;
  /**
   * the operator turned the live handoff into a referral and this turn starts it (bot/handoff/liveHandoff.ts sets it,
   * the referral dialog reads and clears it in the same turn); `consentAsked`: the relay's end notice asked the
   * referral's consent, so this message is the answer
   */
  referralFromHandoff?: { handoffId: string; consentAsked: boolean };
  /** messages not understood in this conversation: every second one gets another wording and the offer of a person ('person' offered) */
  notUnderstood?: number;
  /**
   * the FAQ entry and text the previous message was answered with (mainDialog's answerKey), so the same answer is not
   * given twice in a row (the next step is said instead); for the next message only, like `offered`
   */
  answeredKey?: string;
  /** the reference of the referral sent from this conversation, for "what now?"; erased with the conversation's data */
  sentReference?: string;
  /** the last completed pre-check, which a referral in this conversation carries along */
  lastPrecheck?: { answers: EligibilityAnswers; result: EligibilityResult; at: string };
  /** the worker's first free-text message long enough to tell its language has been read (dialogs/languageChoice.ts) */
  languageRead?: boolean;
}
