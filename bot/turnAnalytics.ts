/**
 * Bot Framework middleware that turns what happened in a turn into analytics counters. Dialogs report events
 * through their `onEvent` hook (`note`), which only remembers the event name for the turn; after the turn, when the
 * pre-check may have told us the province and the language is settled, the events are counted with their
 * dimensions. A conversation counts as started when the bot welcomed it in this turn. The text of a question not
 * understood goes to the recorder, which keeps only its scrubbed form. Analytics never fail a turn.
 */
import type { Middleware, TurnContext } from 'botbuilder';
import type { Logger } from '../models/logger';
import type { AnalyticsRecorder } from '../models/analytics/analyticsRecorder';

const EVENTS_KEY = Symbol('analyticsEvents');

interface Noted {
  event: string;
  text?: string;
}

export interface ConversationFacts {
  /** the bot has welcomed this conversation */
  welcomed: boolean;
  /** the province of the last pre-check in this conversation, when known */
  province?: string;
}

export interface TurnAnalyticsDeps {
  recorder: AnalyticsRecorder;
  /** reads the conversation's state (cached for the turn by the Bot Framework) */
  conversation: (context: TurnContext) => Promise<ConversationFacts>;
  language: (context: TurnContext) => string;
  logger: Logger;
}

export class TurnAnalytics implements Middleware {
  constructor(private readonly deps: TurnAnalyticsDeps) {}

  /** The dialogs' `onEvent` hook. */
  readonly note = (event: string, context: TurnContext): void => {
    const list = (context.turnState.get(EVENTS_KEY) as Noted[] | undefined) ?? [];
    list.push(event === 'question.not_understood' ? { event, text: context.activity.text ?? '' } : { event });
    context.turnState.set(EVENTS_KEY, list);
  };

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const type = context.activity.type;
    let welcomedBefore: boolean | undefined;
    if (type === 'message' || type === 'conversationUpdate') {
      try {
        welcomedBefore = (await this.deps.conversation(context)).welcomed;
      } catch {
        welcomedBefore = undefined;
      }
    }
    await next();
    const noted = (context.turnState.get(EVENTS_KEY) as Noted[] | undefined) ?? [];
    try {
      const facts = welcomedBefore === undefined && noted.length === 0 ? undefined : await this.deps.conversation(context);
      if (welcomedBefore === false && facts?.welcomed) noted.unshift({ event: 'conversation.started' });
      if (noted.length === 0) return;
      const dims = { province: facts?.province, language: this.deps.language(context), channel: context.activity.channelId ?? 'other' };
      for (const item of noted) {
        await this.deps.recorder.count(item.event, dims);
        if (item.text !== undefined) await this.deps.recorder.notUnderstood(item.text, dims.language);
      }
    } catch (err) {
      this.deps.logger.warn({ err: { name: err instanceof Error ? err.name : typeof err } }, 'analytics not recorded');
    }
  }
}
