import { ActivityEventNames, ActivityTypes, TurnContext, type Activity, type Middleware, type SendActivitiesHandler, type StatePropertyAccessor } from 'botbuilder';
import { languageOf } from '../models/i18n';
import { LANGUAGE_TABLE } from '../models/languages';
import type { UserProfile } from '../dialogs/state';
import { setTurnLanguage, turnLanguage } from '../dialogs/turnLanguage';

/**
 * Chooses the turn's language once: the user's explicit choice (user state) first, then the channel's
 * activity.locale, else Italian. Also strips the bot's own @mention (Teams) so understanding sees only the words.
 *
 * A proactive turn (continueConversationAsync: a campaign announcement, a Teams referral card) reads no user state:
 * what it sends was written before the turn, in the language its caller holds (the subscription's, the channel
 * link's), and goes straight to the Connector, so nothing in it asks the turn's language; reading the profile there
 * was one more store call per message. It takes the conversation reference's locale.
 *
 * Every message a worker's turn sends names the chat's language in its `locale` (as it is when the message goes out:
 * a worker may switch in mid-turn), not the locale the channel came in with: the web chat page follows it, so a chat
 * opened in Italian that goes on in Arabic reads right to left (web/app.js). Proactive messages keep their own.
 */
export class LanguageMiddleware implements Middleware {
  constructor(private readonly userProfile: StatePropertyAccessor<UserProfile>) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    // User state is keyed by channel and user: an activity naming neither has none (botbuilder would throw), and
    // still gets its answer, e.g. the 403 of a card action from no channel. No default either: reading must not
    // create user state (which outlives conversations) for users who chose nothing.
    const { channelId, from } = context.activity;
    const profile = channelId && from?.id && !isContinuation(context.activity) ? await this.userProfile.get(context) : undefined;
    setTurnLanguage(context, profile?.language ?? languageOf(context.activity.locale));
    if (!isContinuation(context.activity)) context.onSendActivities(nameTheChatLanguage);
    if (context.activity.type === 'message' && context.activity.text) {
      TurnContext.removeRecipientMention(context.activity);
      context.activity.text = context.activity.text.trim();
    }
    await next();
  }
}

/** Each message of the turn carries the chat's language as its locale ('ar-EG'), read when the messages go out. */
const nameTheChatLanguage: SendActivitiesHandler = async (context, activities, send) => {
  const locale = LANGUAGE_TABLE[turnLanguage(context)].locale;
  for (const activity of activities) if (activity.type === ActivityTypes.Message) activity.locale = locale;
  return send();
};

/** The event CloudAdapter.continueConversationAsync starts a proactive turn with (ActivityEx.getContinuationActivity). */
function isContinuation(activity: Partial<Activity>): boolean {
  return activity.type === ActivityTypes.Event && activity.name === ActivityEventNames.ContinueConversation;
}
