import { ActivityHandler, type AdaptiveCardInvokeResponse, type AdaptiveCardInvokeValue, type BotHandler, type ConversationState, type InvokeResponse, type StatePropertyAccessor, type TurnContext, type UserState } from 'botbuilder';
import type { Translator } from '../models/i18n';
import { ETagConflictError } from '../models/state/stateRepository';
import type { MainDialog } from '../dialogs/mainDialog';
import { menuActivity } from '../dialogs/menu';
import type { ConversationData } from '../dialogs/state';
import { turnLanguage } from '../dialogs/turnLanguage';
import { privacyNoticeLink } from '../models/privacyNotice';

export interface AssistantBotDeps {
  conversationState: ConversationState;
  userState: UserState;
  conversationData: StatePropertyAccessor<ConversationData>;
  dialogState: StatePropertyAccessor;
  mainDialog: MainDialog;
  translator: Translator;
  privacyNoticeUrl: string;
  /** Teams: channel commands, link codes, card actions (bot/teams/teamsHandler.ts) */
  teams?: {
    onMessage(context: TurnContext): Promise<boolean>;
    onMembersAdded(context: TurnContext): Promise<boolean>;
    /** an operator typing in their personal chat while holding a conversation (true: it went to the worker) */
    onTyping?(context: TurnContext): Promise<boolean>;
    onCardAction(context: TurnContext, value: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse>;
  };
  /** the live handoff: while the worker's request is open, their messages go to the operator (bot/handoff/liveHandoff.ts) */
  liveHandoff?: { intercept(context: TurnContext): Promise<boolean> };
}

/**
 * Thin: welcomes, hands every message to the main dialog, and saves state once per turn, in `run`.
 *
 * Why not in an `onDialog` handler, as many samples do: botbuilder 4.23's `ActivityHandler.onInvokeActivity`
 * (botbuilder-core lib/activityHandler.js; TeamsActivityHandler does the same) fires the 'Dialog' event from a
 * `finally` block without awaiting it. The adapter then ends the turn and revokes the context proxy
 * (BotAdapter.runMiddleware) while the save is still writing; when the turn changed state (any user's first turn,
 * such as an operator whose first contact with the bot is a card click) the write's completion touches the revoked
 * context ("Cannot perform 'get' on a proxy that has been revoked", botState.js saveChanges) and the unhandled
 * rejection ended the process: one Teams card click took the bot down. Saving at the end of `run`,
 * awaited inside the turn, holds for every activity type, invokes included; no 'Dialog' handler is registered,
 * so the SDK's unawaited call has nothing to run.
 */
export class AssistantBot extends ActivityHandler {
  constructor(private readonly deps: AssistantBotDeps) {
    super();

    this.onMembersAdded(async (context, next) => {
      if (deps.teams && (await deps.teams.onMembersAdded(context))) return next();
      const botId = context.activity.recipient?.id;
      const newcomers = (context.activity.membersAdded ?? []).filter((m) => m.id !== botId);
      if (newcomers.length > 0) await this.welcome(context, true);
      await next();
    });

    this.onMessage(async (context, next) => {
      if (deps.teams && (await deps.teams.onMessage(context))) return next();
      const data = await deps.conversationData.get(context, {});
      // Channels that send no conversationUpdate (or send it before the user is there) still get a welcome.
      if (!data.welcomed) await this.welcome(context, false);
      // an operator holds (or is about to take) the conversation: the bot stays silent, commands aside
      if (deps.liveHandoff && (await deps.liveHandoff.intercept(context))) return next();
      await deps.mainDialog.run(context, deps.dialogState);
      await next();
    });

    this.onTyping(async (context, next) => {
      if (deps.teams?.onTyping && (await deps.teams.onTyping(context))) return next();
      if (deps.liveHandoff) await deps.liveHandoff.intercept(context);
      await next();
    });
  }

  /** The whole turn, then its state written, before the adapter answers and ends the turn. */
  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    try {
      await this.deps.conversationState.saveChanges(context, false);
    } catch (err) {
      if (!(err instanceof ETagConflictError)) throw err;
      // Another turn of this conversation saved first (two instances, a double send; bot/state/storeStorage.ts).
      // Its state stands: it holds what the worker typed before and was answered. Retrying this save would
      // overwrite it, and running the turn again would answer twice; so this turn's state is dropped and the
      // worker is asked to send this message again: nothing they typed is silently lost.
      await context.sendActivity(this.deps.translator.forLanguage(turnLanguage(context))('error.concurrentTurn'));
    }
    await this.deps.userState.saveChanges(context, false);
  }

  /** Refused: on invokes the SDK runs 'Dialog' handlers unawaited, after the turn (see the class comment). */
  override onDialog(_handler: BotHandler): this {
    throw new Error('AssistantBot saves state in run(); an onDialog handler would run after the turn of an invoke');
  }

  /**
   * Invokes go to the SDK's routing (adaptiveCard/action here, 501 for names the bot does not implement), after
   * one check the SDK lacks: an `adaptiveCard/action` whose value has no `action` object would make its parser
   * throw a TypeError (a failed turn); it gets the spec's 400 instead.
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name === 'adaptiveCard/action' && !hasAction(context.activity.value)) {
      const body: AdaptiveCardInvokeResponse = { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: 'the value must carry an action' } };
      return { status: 400, body };
    }
    return super.onInvokeActivity(context);
  }

  /** Universal Actions (Teams `adaptiveCard/action` invokes) go to the Teams handler. */
  protected override async onAdaptiveCardInvoke(context: TurnContext, value: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    if (this.deps.teams) return this.deps.teams.onCardAction(context, value);
    return super.onAdaptiveCardInvoke(context, value);
  }

  /** The full welcome with the menu on arrival; on a first message, the introduction only, then its answer. */
  private async welcome(context: TurnContext, withMenu: boolean): Promise<void> {
    const data = await this.deps.conversationData.get(context, {});
    if (data.welcomed) return;
    data.welcomed = true;
    await this.deps.conversationData.set(context, data);
    const t = this.deps.translator.forLanguage(turnLanguage(context));
    const intro = [t('welcome.greeting'), t('welcome.capabilities'), t('welcome.privacy', { url: privacyNoticeLink(this.deps.privacyNoticeUrl, turnLanguage(context)) })].join('\n\n');
    if (withMenu) await context.sendActivity(menuActivity(t, context.activity.channelId, `${intro}\n\n${t('menu.prompt')}`));
    else await context.sendActivity(intro);
  }
}

/** `{ action: {...} }`: what botbuilder's invoke parser reads without throwing (it answers a wrong type itself). */
function hasAction(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const action = (value as { action?: unknown }).action;
  return typeof action === 'object' && action !== null;
}
