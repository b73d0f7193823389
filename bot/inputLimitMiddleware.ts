import { TurnContext, type Middleware } from 'botbuilder';
import type { Translator } from '../models/i18n';
import { formatLocale } from '../models/text/dates';
import { setTurnInputCut } from '../dialogs/turnInput';
import { turnLanguage } from '../dialogs/turnLanguage';
import { limitText, UNDERSTOOD_CHARS } from '../dialogs/understanding';

/**
 * Cuts a message's text to what understanding reads (the first UNDERSTOOD_CHARS characters, see
 * dialogs/understanding/limit.ts), once per turn and before any dialog, handler or analytics sees it, so no
 * recogniser is ever handed a wall of text. The turn goes on with the cut text; the turn state records the cut.
 *
 * The worker is told first, in their language as it is when the turn's first reply goes out: a long first message
 * in Arabic switches the chat to Arabic in the dialog, after this middleware has run, so the notice is put in front
 * of the turn's first reply (or sent alone at the end of a turn that replied nothing) instead of in the language
 * the turn started in.
 */
export class InputLimitMiddleware implements Middleware {
  constructor(
    private readonly translator: Translator,
    private readonly maxChars: number = UNDERSTOOD_CHARS,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const activity = context.activity;
    if (activity.type !== 'message' || typeof activity.text !== 'string') return next();
    const limited = limitText(activity.text, this.maxChars);
    if (!limited.cut) return next();
    activity.text = limited.text;
    setTurnInputCut(context);
    let told = false;
    const notice = (ctx: TurnContext): string => {
      const language = turnLanguage(ctx);
      const chars = new Intl.NumberFormat(formatLocale(language)).format(this.maxChars);
      return this.translator.forLanguage(language)('input.cut', { chars });
    };
    context.onSendActivities(async (ctx, activities, send) => {
      if (told || !activities.some((a) => a.type === 'message')) return send();
      told = true;
      const reference = TurnContext.getConversationReference(ctx.activity);
      activities.unshift(TurnContext.applyConversationReference({ type: 'message', text: notice(ctx) }, reference));
      // the caller gets the ids of what it sent, not the notice's
      const responses = await send();
      return Array.isArray(responses) ? responses.slice(1) : responses;
    });
    await next();
    if (!told) {
      told = true;
      await context.sendActivity(notice(context));
    }
  }
}
