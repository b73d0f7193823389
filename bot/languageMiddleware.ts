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
    // no default: reading must not create user state (which outlives conversations) for users who chose nothing
    const profile = await this.userProfile.get(context);
    setTurnLanguage(context, profile?.language ?? languageOf(context.activity.locale));
    if (context.activity.type === 'message' && context.activity.text) {
      TurnContext.removeRecipientMention(context.activity);
      context.activity.text = context.activity.text.trim();
    }
    await next();
  }
}
