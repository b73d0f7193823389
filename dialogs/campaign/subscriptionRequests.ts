import type { TurnContext } from 'botbuilder';
import type { Subscriber, SubscriptionStore } from '../../models/campaign/subscriptions';
import type { Language, Translator } from '../../models/i18n';
import { formatDate } from '../../models/text/dates';
import { messageWithButtons } from '../buttons';
import { turnLanguage } from '../turnLanguage';
import type { Gazetteer } from '../understanding';
import { recognizeCampaignRequest, type CampaignRequest } from './campaignIntents';
import { describeChoices } from './subscribeDialog';

export interface SubscriptionRequestsDeps {
  subscriptions: SubscriptionStore;
  translator: Translator;
  gazetteer: Gazetteer;
  onEvent?: (event: string, context: TurnContext) => void;
}

/** The chat user as the subscriptions know them: the channel, its user id and this conversation. */
export function subscriberOf(context: TurnContext): Subscriber {
  return { channelId: context.activity.channelId, userId: context.activity.from?.id, conversationId: context.activity.conversation.id };
}

/** "le mie iscrizioni" and "stop notizie": answered in one turn, from anywhere (also inside another dialog). */
export class SubscriptionRequests {
  constructor(private readonly deps: SubscriptionRequestsDeps) {}

  recognize(text: string | undefined): CampaignRequest | undefined {
    return recognizeCampaignRequest(text);
  }

  /** The worker switched language: their subscriptions follow it; how many changed (the main dialog says so). */
  followLanguage(context: TurnContext, language: Language): Promise<number> {
    return this.deps.subscriptions.setLanguage(subscriberOf(context), language);
  }

  async list(context: TurnContext): Promise<void> {
    const language = turnLanguage(context);
    const t = this.deps.translator.forLanguage(language);
    // only the person's own: not another member's subscription of a shared conversation
    const active = await this.deps.subscriptions.heldBy(subscriberOf(context));
    this.deps.onEvent?.('campaign.listed', context);
    if (active.length === 0) {
      await context.sendActivity(messageWithButtons(t('campaign.list.none'), [t('campaign.buttons.menu')], context.activity.channelId));
      return;
    }
    const lines = active.map((s) => t('campaign.list.item', { ...describeChoices(t, this.deps.gazetteer, s), since: formatDate(s.createdAt, language, 'numericDate'), language: t(`campaign.languageName.${s.language}`) }));
    await context.sendActivity(messageWithButtons([t('campaign.list.header'), lines.join('\n'), t('campaign.hint')].join('\n\n'), [t('campaign.buttons.menu')], context.activity.channelId));
  }

  async unsubscribe(context: TurnContext): Promise<void> {
    const t = this.deps.translator.forLanguage(turnLanguage(context));
    const { channelId, userId, conversationId } = subscriberOf(context);
    const ended = await this.deps.subscriptions.unsubscribeAll(channelId, userId, conversationId);
    this.deps.onEvent?.(ended > 0 ? 'campaign.unsubscribed' : 'campaign.unsubscribe_none', context);
    const text = ended === 0 ? t('campaign.unsubscribe.none') : ended === 1 ? t('campaign.unsubscribe.done') : t('campaign.unsubscribe.doneMany', { count: ended });
    await context.sendActivity(messageWithButtons(text, [t('campaign.buttons.menu')], context.activity.channelId));
  }
}
