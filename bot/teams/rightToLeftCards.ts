import type { Activity, Middleware, TurnContext } from 'botbuilder';
import { directionOf } from '../../models/languages';
import { ADAPTIVE_CARD_CONTENT_TYPE } from '../../models/teams/cards';
import { buttonsCardFromHero } from '../../models/teams/workerCards';
import { turnLanguage } from '../../dialogs/turnLanguage';

const HERO_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.hero';

/**
 * Teams, a worker writing in a right-to-left language (Arabic): every hero card of buttons the dialogs send becomes
 * an Adaptive Card 1.5 with `rtl: true` (models/teams/workerCards.ts). Done here, at the edge, on what the turn
 * sends, with the turn's language as it is when the message goes out (a worker may switch language in mid-turn):
 * the dialogs keep one way of offering buttons (dialogs/buttons.ts) and no card a worker gets can be missed.
 * Left-to-right languages and every other channel are untouched.
 */
export class RightToLeftCardsMiddleware implements Middleware {
  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (context.activity.channelId === 'msteams') {
      context.onSendActivities(async (ctx, activities, send) => {
        const direction = directionOf(turnLanguage(ctx));
        if (direction === 'rtl') for (const activity of activities) rightToLeft(activity);
        return send();
      });
    }
    await next();
  }
}

function rightToLeft(activity: Partial<Activity>): void {
  if (!activity.attachments) return;
  activity.attachments = activity.attachments.map((attachment) => {
    if (attachment?.contentType !== HERO_CARD_CONTENT_TYPE) return attachment;
    const card = buttonsCardFromHero(attachment.content, 'rtl');
    return card ? { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card } : attachment;
  });
}
