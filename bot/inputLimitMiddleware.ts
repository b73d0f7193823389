import type { Middleware, TurnContext } from 'botbuilder';
import type { Translator } from '../models/i18n';
import { formatLocale } from '../models/text/dates';
import { setTurnInputCut } from '../dialogs/turnInput';
import { turnLanguage } from '../dialogs/turnLanguage';
import { limitText, UNDERSTOOD_CHARS } from '../dialogs/understanding';

/**
 * Cuts a message's text to what understanding reads (the first UNDERSTOOD_CHARS characters, see
 * dialogs/understanding/limit.ts), once per turn and before any dialog, handler or analytics sees it, so no
 * recogniser is ever handed a wall of text. The worker is told first, in their language, and the turn goes on with
 * the cut text; the turn state records the cut. Runs after the language middleware, which picks the language.
 */
export class InputLimitMiddleware implements Middleware {
  constructor(
    private readonly translator: Translator,
    private readonly maxChars: number = UNDERSTOOD_CHARS,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const activity = context.activity;
    if (activity.type === 'message' && typeof activity.text === 'string') {
      const limited = limitText(activity.text, this.maxChars);
      if (limited.cut) {
        activity.text = limited.text;
        setTurnInputCut(context);
        const language = turnLanguage(context);
        const chars = new Intl.NumberFormat(formatLocale(language)).format(this.maxChars);
        await context.sendActivity(this.translator.forLanguage(language)('input.cut', { chars }));
      }
    }
    await next();
  }
}
