import { TurnContext, type Middleware, type StatePropertyAccessor } from 'botbuilder';
import { languageOf } from '../models/i18n';
import type { UserProfile } from '../dialogs/state';
import { setTurnLanguage } from '../dialogs/turnLanguage';

/**
 * Chooses the turn's language once: the user's explicit choice (user state) first, then the channel's
 * activity.locale, else Italian. Also strips the bot's own @mention (Teams) so understanding sees only the words.
 */
export class LanguageMiddleware implements Middleware {
  constructor(private readonly userProfile: StatePropertyAccessor<UserProfile>) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    // User state is keyed by channel and user: an activity naming neither has none (botbuilder would throw), and
    // still gets its answer, e.g. the 403 of a card action from no channel. No default either: reading must not
    // create user state (which outlives conversations) for users who chose nothing.
    const { channelId, from } = context.activity;
    const profile = channelId && from?.id ? await this.userProfile.get(context) : undefined;
    setTurnLanguage(context, profile?.language ?? languageOf(context.activity.locale));
    if (context.activity.type === 'message' && context.activity.text) {
      TurnContext.removeRecipientMention(context.activity);
      context.activity.text = context.activity.text.trim();
    }
    await next();
  }
}
