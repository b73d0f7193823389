import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
// the module itself, not the package's index (which loads every prompt): dialogs/mainDialog.ts says why
import { Dialog } from 'botbuilder-dialogs/lib/dialog';
import { TurnContext } from 'botbuilder';
import type { SubscriptionStore } from '../../models/campaign/subscriptions';
import { CAMPAIGN_PROVINCES, TOPICS, type Topic } from '../../models/campaign/types';
import { LANGUAGES, type Language, type Translate, type Translator } from '../../models/i18n';
import { privacyNoticeLink, type PrivacyNotice } from '../../models/privacyNotice';
import { messageWithButtons } from '../buttons';
import { consentAnswer, consentRecord, type ConsentRecord } from '../consent';
import { InterruptibleDialog } from '../interruptibleDialog';
import { turnLanguage } from '../turnLanguage';
import type { Gazetteer } from '../understanding';
import { provinceButton, readProvinces, readTopics } from './choices';

export const SUBSCRIBE_DIALOG = 'campaignSubscribeDialog';

/** Channels whose conversation lives only as long as the web page: news reaches them only while it is open. */
const WEB_CHANNELS = new Set(['webchat', 'directline']);

export function isWebChannel(channelId: string | undefined): boolean {
  return WEB_CHANNELS.has(channelId ?? '');
}

type Step = 'consent' | 'provinces' | 'topics';

interface DialogState {
  step: Step;
  failures: number;
  consent?: ConsentRecord;
  provinces?: { all: boolean; codes: string[] };
}

export interface SubscribeDialogDeps {
  translator: Translator;
  gazetteer: Gazetteer;
  subscriptions: SubscriptionStore;
  /** the campaign's own notice (content/privacy/campaign/), versioned apart from the referral's */
  notices: Record<Language, PrivacyNotice>;
  privacyNoticeUrl: string;
  now: () => Date;
  onEvent?: (event: string, context: TurnContext) => void;
}

/** Labels of the chosen provinces and topics, as the bot repeats them. */
export function describeChoices(t: Translate, gazetteer: Gazetteer, choice: { allLombardy: boolean; provinces: readonly string[]; topics: readonly Topic[] }): { provinces: string; topics: string } {
  const names = new Map(gazetteer.lombardyProvinces().map((p) => [p.code, p.name]));
  return {
    provinces: choice.allLombardy ? t('campaign.allLombardy') : choice.provinces.map((c) => names.get(c) ?? c).join(', '),
    topics: choice.topics.map((topic) => t(`campaign.topic.${topic}`)).join(', '),
  };
}

/**
 * "Voglio ricevere novità": the campaign's own consent first (nothing is stored without it), then provinces (several,
 * free text or buttons, or all of Lombardy) and topics; the subscription keeps this conversation's reference and
 * the worker's language, so announcements can reach them later.
 */
export class SubscribeDialog extends InterruptibleDialog {
  private readonly translators: Translate[];

  constructor(private readonly deps: SubscribeDialogDeps) {
    super(SUBSCRIBE_DIALOG);
    this.translators = LANGUAGES.map((l) => deps.translator.forLanguage(l));
  }

  private t(context: TurnContext): Translate {
    return this.deps.translator.forLanguage(turnLanguage(context));
  }

  private consentText(context: TurnContext): string {
    const notice = this.deps.notices[turnLanguage(context)];
    return this.t(context)('campaign.consent', { url: privacyNoticeLink(this.deps.privacyNoticeUrl, turnLanguage(context)), version: notice.version });
  }

  override async beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const context = dc.context;
    const t = this.t(context);
    dc.activeDialog!.state = { step: 'consent', failures: 0 } satisfies DialogState;
    this.deps.onEvent?.('campaign.subscribe_started', context);
    const active = await this.deps.subscriptions.activeFor(context.activity.channelId, context.activity.from?.id, context.activity.conversation.id);
    const lines = [t('campaign.intro'), ...(active.length > 0 ? [t('campaign.alreadySubscribed')] : []), ...(isWebChannel(context.activity.channelId) ? [t('campaign.webNote')] : []), this.consentText(context)];
    await context.sendActivity(messageWithButtons(lines.join('\n\n'), [t('campaign.consentButtons.yes'), t('campaign.consentButtons.no')], context.activity.channelId));
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const context = dc.context;
    if (context.activity.type !== 'message') return Dialog.EndOfTurn;
    const state = dc.activeDialog!.state as DialogState;
    const text = (context.activity.text ?? '').trim();
    const t = this.t(context);
    const language = turnLanguage(context);
    switch (state.step) {
      case 'consent': {
        const answer = consentAnswer(text, this.translators, 'campaign.consentButtons', language);
        const yes = answer === 'yes';
        const no = answer === 'no';
        if (no || (!yes && state.failures >= 1)) {
          // A second answer that is not a yes is not consent.
          this.deps.onEvent?.('campaign.declined', context);
          await context.sendActivity(messageWithButtons(t('campaign.noConsent'), [t('campaign.buttons.menu')], context.activity.channelId));
          return dc.endDialog({ subscribed: false });
        }
        if (!yes) {
          state.failures += 1;
          await this.repromptDialog(context, { state });
          return Dialog.EndOfTurn;
        }
        state.consent = consentRecord(this.deps.notices[language].version, this.consentText(context), language, this.deps.now());
        this.deps.onEvent?.('campaign.consented', context);
        return this.ask(dc, state, 'provinces', []);
      }
      case 'provinces': {
        const choice = readProvinces(text, language, this.deps.gazetteer, this.translators);
        const lines = choice.outside.map((place) => t('campaign.understood.outside', { place }));
        if (!choice.all && choice.codes.length === 0) {
          state.failures += 1;
          await context.sendActivity(this.question(context, state, lines, true));
          return Dialog.EndOfTurn;
        }
        state.provinces = { all: choice.all, codes: choice.all ? [...CAMPAIGN_PROVINCES] : choice.codes };
        const described = describeChoices(t, this.deps.gazetteer, { allLombardy: choice.all, provinces: state.provinces.codes, topics: [] });
        return this.ask(dc, state, 'topics', [...lines, t('campaign.understood.provinces', { list: described.provinces })]);
      }
      case 'topics': {
        const topics = readTopics(text, this.translators);
        if (!topics) {
          state.failures += 1;
          await context.sendActivity(this.question(context, state, [], true));
          return Dialog.EndOfTurn;
        }
        return this.save(dc, state, topics === 'all' ? [...TOPICS] : topics);
      }
    }
  }

  override async repromptDialog(context: TurnContext, instance: { state: DialogState }): Promise<void> {
    await context.sendActivity(this.question(context, instance.state, [], false));
  }

  private async ask(dc: DialogContext, state: DialogState, step: Step, lines: string[]): Promise<DialogTurnResult> {
    state.step = step;
    state.failures = 0;
    await dc.context.sendActivity(this.question(dc.context, state, lines, false));
    return Dialog.EndOfTurn;
  }

  private question(context: TurnContext, state: DialogState, lines: string[], failed: boolean) {
    const t = this.t(context);
    const channelId = context.activity.channelId;
    // a second miss in a row gets a different line than the first, so no reply comes three times in a row
    const reprompt = (key: string) => (state.failures >= 2 && state.failures % 2 === 0 ? t('reprompt.useButtons') : t(key));
    switch (state.step) {
      case 'consent':
        // the notice is shown in full when the dialog starts; asked again, one short line with the link
        return messageWithButtons([...lines, t('campaign.consentShort', { url: privacyNoticeLink(this.deps.privacyNoticeUrl, turnLanguage(context)) })].join('\n\n'), [t('campaign.consentButtons.yes'), t('campaign.consentButtons.no')], channelId);
      case 'provinces': {
        const provinces = this.deps.gazetteer.lombardyProvinces().map(provinceButton);
        return messageWithButtons([...lines, failed ? reprompt('campaign.reprompt.provinces') : t('campaign.ask.provinces')].join('\n\n'), [t('campaign.buttons.allLombardy'), ...provinces], channelId);
      }
      case 'topics':
        return messageWithButtons([...lines, failed ? reprompt('campaign.reprompt.topics') : t('campaign.ask.topics')].join('\n\n'), [...TOPICS.map((topic) => t(`campaign.topic.${topic}`)), t('campaign.buttons.allTopics')], channelId);
    }
  }

  private async save(dc: DialogContext, state: DialogState, topics: Topic[]): Promise<DialogTurnResult> {
    const context = dc.context;
    const t = this.t(context);
    if (!state.consent || !state.provinces) throw new Error('subscription without consent or provinces');
    const { subscription, updated } = await this.deps.subscriptions.subscribe({
      channelId: context.activity.channelId,
      conversationId: context.activity.conversation.id,
      userId: context.activity.from?.id,
      reference: TurnContext.getConversationReference(context.activity) as Record<string, unknown>,
      language: turnLanguage(context),
      provinces: state.provinces.codes,
      allLombardy: state.provinces.all,
      topics,
      consent: {
        noticeVersion: state.consent.noticeVersion,
        textHash: state.consent.textHash,
        ...(state.consent.language ? { language: state.consent.language } : {}),
        givenAt: new Date(state.consent.givenAt),
      },
    });
    this.deps.onEvent?.(updated ? 'campaign.subscription_updated' : 'campaign.subscribed', context);
    const described = describeChoices(t, this.deps.gazetteer, subscription);
    const lines = [t(updated ? 'campaign.doneUpdated' : 'campaign.done', described), ...(isWebChannel(context.activity.channelId) ? [t('campaign.webNote')] : []), t('campaign.hint')];
    await context.sendActivity(messageWithButtons(lines.join('\n\n'), [t('campaign.buttons.menu')], context.activity.channelId));
    return dc.endDialog({ subscribed: true });
  }
}
