import { ActivityHandler, type AdaptiveCardInvokeResponse, type AdaptiveCardInvokeValue, type ConversationState, type StatePropertyAccessor, type TurnContext, type UserState } from 'botbuilder';
import type { Translator } from '../models/i18n';
import type { MainDialog } from '../dialogs/mainDialog';
import { menuActivity } from '../dialogs/menu';
import type { ConversationData } from '../dialogs/state';
import { turnLanguage } from '../dialogs/turnLanguage';

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
    onCardAction(context: TurnContext, value: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse>;
  };
}

/** Thin: welcomes, hands every message to the main dialog, and saves state once per turn. */
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
      await deps.mainDialog.run(context, deps.dialogState);
      await next();
    });

    this.onDialog(async (context, next) => {
      await deps.conversationState.saveChanges(context, false);
      await deps.userState.saveChanges(context, false);
      await next();
    });
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
    const intro = [t('welcome.greeting'), t('welcome.capabilities'), t('welcome.privacy', { url: this.deps.privacyNoticeUrl })].join('\n\n');
    if (withMenu) await context.sendActivity(menuActivity(t, context.activity.channelId, `${intro}\n\n${t('menu.prompt')}`));
    else await context.sendActivity(intro);
  }
}
