import type { Language } from '../models/i18n';

/** What the bot remembers about a user across conversations: only the language they chose. */
export interface UserProfile {
  language?: Language;
}

/** What the bot remembers within one conversation. */
export interface ConversationData {
  welcomed?: boolean;
  /** the content section behind the last answer, for "tell me more" */
  lastSectionId?: string;
}
