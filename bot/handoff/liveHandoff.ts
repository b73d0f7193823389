/**
 * The worker's side of the live handoff, at the Bot Framework edge (the rules are in models/handoff/):
 *
 * - `operatorAvailable` / `start`: when a person is asked for in office hours, whether someone could take this
 *   worker's request now, and opening it (with the conversation reference the relay answers through, and codes of
 *   the last exchange: the FAQ entry, the pre-check's outcome; never text).
 * - `intercept`: while the worker's request is open (waiting or accepted), their messages go to the operator and the
 *   bot stays silent, except for commands ("menu", "annulla", "aiuto", the language, "i miei dati", "cancella i miei
 *   dati", the news), which reach the dialogs as usual, as does the answer to a dialog one of them started (the
 *   erasure's "sì"); "torna al bot" ends the request. A typing activity is passed on as the worker's typing signal.
 *   A request is never opened inside a dialog step (MainDialog offers the call-back there), so while one is open the
 *   dialog stack is empty unless a command started a dialog.
 * - after the end: the first message after an operator's "turn into a referral" starts the referral dialog
 *   (takeReferralOffer below says why in the worker's next turn rather than proactively).
 * - `AdapterWorkerPoster`: sends the relay's notices (an operator joined, their messages with name and role as plain
 *   text, the operator typing as a typing activity, the end) proactively through the adapter, worded in the worker's
 *   language.
 */
import { TurnContext, type CloudAdapter, type StatePropertyAccessor } from 'botbuilder';
import { isLanguage, type Language, type Translator } from '../../models/i18n';
import type { HandoffService } from '../../models/handoff/handoffService';
import type { WorkerNotice, WorkerPoster } from '../../models/handoff/handoffRelay';
import type { Logger } from '../../models/logger';
import { privacyNoticeLink, type PrivacyNotice } from '../../models/privacyNotice';
import { describeError } from '../../models/errorDescription';
import { messageWithButtons } from '../../dialogs/buttons';
import { commandForm, normalizedLabel, type CommandRecognizer } from '../../dialogs/commands';
import { isPlaceMatch } from '../../dialogs/eligibility/answers';
import { recognizeInterruption } from '../../dialogs/interruptions';
import { workerIdentity } from '../../dialogs/referral/workerIdentity';
import type { CampaignRequests } from '../../dialogs/mainDialog';
import type { ConversationData } from '../../dialogs/state';
import { turnLanguage } from '../../dialogs/turnLanguage';
import { continueWith } from '../teams/connector';

export interface LiveHandoffDeps {
  service: HandoffService;
  conversationData: StatePropertyAccessor<ConversationData>;
  /** the dialog stack: a dialog waiting for the worker's answer (the erasure's confirmation) gets it */
  dialogState: StatePropertyAccessor<{ dialogStack?: unknown[] }>;
  translator: Translator;
  commands: CommandRecognizer;
  /** the news commands ("stop notizie", "le mie iscrizioni"), which reach the dialogs too */
  campaign?: Pick<CampaignRequests, 'recognize'>;
  logger: Logger;
  /** the relay: a worker message stored on this instance goes to an operator's Teams chat at once (else within its interval) */
  relay?: { kick(): void };
}

export class LiveHandoff {
  private readonly backToBot: Set<string>;

  constructor(private readonly deps: LiveHandoffDeps) {
    this.backToBot = new Set(deps.translator.allLanguages('handoff.backToBotCommand').map(normalizedLabel));
  }

  private async provinceOf(context: TurnContext): Promise<string | undefined> {
    const place = (await this.deps.conversationData.get(context, {})).lastPrecheck?.answers.place;
    return isPlaceMatch(place) ? place.provinceCode : undefined;
  }

  /** Someone who could take this worker's request is available now (their province from the last pre-check). */
  async operatorAvailable(context: TurnContext): Promise<boolean> {
    const province = await this.provinceOf(context);
    return this.deps.service.anyoneAvailableFor(province ? { province } : {});
  }

  /** Opens the worker's request (or finds the one open): false when the store would not take it. */
  async start(context: TurnContext): Promise<boolean> {
    try {
      const data = await this.deps.conversationData.get(context, {});
      const precheck = data.lastPrecheck;
      const province = await this.provinceOf(context);
      const sector = precheck?.answers.sector;
      const lastExchange = [...(data.lastFaqId ? [`faq:${data.lastFaqId}`] : []), ...(precheck ? [`precheck:${precheck.result.outcome}`] : [])];
      await this.deps.service.request({
        identity: workerIdentity(context),
        language: turnLanguage(context),
        ...(province ? { province } : {}),
        ...(sector && sector !== 'unknown' ? { sector } : {}),
        lastExchange,
        reference: TurnContext.getConversationReference(context.activity) as Record<string, unknown>,
      });
      // saved with the turn's state, which every instance reads: the worker's next message, wherever it lands, is routed
      data.handoffOpened = true;
      await this.deps.conversationData.set(context, data);
      return true;
    } catch (err) {
      this.deps.logger.warn({ err: describeError(err) }, 'handoff: request not opened');
      return false;
    }
  }

  /** The request ended: when its operator turned it into a referral, this message starts it (takeReferralOffer). */
  private async afterReferralEnd(context: TurnContext, data: ConversationData): Promise<void> {
    try {
      await takeReferralOffer(this.deps, context, data);
    } catch (err) {
      // the worker is answered as usual; the call-back stays one button away
      this.deps.logger.warn({ err: describeError(err) }, 'handoff: referral offer not read');
    }
  }

    /** True when the activity went to the handoff (the dialogs must not answer it). */
  async intercept(context: TurnContext): Promise<boolean> {
    const activity = context.activity;
    if (activity.type !== 'message' && activity.type !== 'typing') return false;
    const identity = workerIdentity(context);
    if (!identity.userId) return false;
    // a conversation that never opened a request has none open: no store read on its turns
    const data = await this.deps.conversationData.get(context, {});
    if (!data.handoffOpened) return false;
    const open = await this.deps.service.openFor(identity);
    if (!open) {
      // a typing activity (Web Chat sends one before the message) leaves the flag to the message, which may take the
      // operator's referral offer
      if (activity.type !== 'message') return false;
      data.handoffOpened = undefined;
      await this.afterReferralEnd(context, data);
      await this.deps.conversationData.set(context, data);
      return false;
    }
    if (activity.type === 'typing') {
      await this.deps.service.typing(open._id, 'worker');
      return true;
    }
    const text = typeof activity.text === 'string' ? activity.text : '';
    const t = this.deps.translator.forLanguage(turnLanguage(context));
    if (this.backToBot.has(commandForm(text))) {
      await this.deps.service.workerLeft(identity);
      await context.sendActivity(messageWithButtons(t('handoff.backToBot'), [t('eligibility.buttons.menu')], activity.channelId));
      return true;
    }
    const command = recognizeInterruption(text, this.deps.commands, this.deps.campaign);
    // "mi potete aiutare?" is for the person the worker is talking to; "aiuto" is still the bot's help
    const forTheOperator = command === 'help' && this.deps.commands.helpAskedInWords(text);
    if (command !== undefined && command !== 'human' && !forTheOperator) return false;
    // a dialog a command started waits for its answer ("cancella i miei dati" -> "sì"): the dialogs take it
    if (((await this.deps.dialogState.get(context, {})).dialogStack ?? []).length > 0) return false;
    if (text.trim() === '') return true; // a card or an attachment: nothing an operator can read yet
    await this.deps.service.postWorkerMessage(identity, text);
    this.deps.relay?.kick();
    return true;
  }
}

/**
 * The first message after the operator turned the conversation into a referral starts the referral dialog, in this
 * ordinary turn, on whichever instance it lands: the offer waits in the store (the handoff's `referralOffer`), and this
 * turn's conversation state, saved once at its end under its eTag as every turn's, carries the start to the dialogs.
 * Begun proactively from the relay instead, the dialog's state would be written outside any worker turn, racing the
 * worker's own next message on another instance (one of the two saves refused or lost), and that turn would have no
 * worker activity (locale, identity) for the dialog to read. A command ("menu", "cancella i miei dati")
 * declines the offer and is answered as usual.
 */
async function takeReferralOffer(deps: LiveHandoffDeps, context: TurnContext, data: ConversationData): Promise<void> {
  const identity = workerIdentity(context);
  const text = typeof context.activity.text === 'string' ? context.activity.text : '';
  const command = recognizeInterruption(text, deps.commands, deps.campaign);
  // a dialog under way (a command started it before the end) keeps the message: the offer lapses
  const busy = ((await deps.dialogState.get(context, {})).dialogStack ?? []).length > 0;
  if (command !== undefined || busy) {
    await deps.service.dropReferralOffer(identity);
    return;
  }
  const offer = await deps.service.takeReferralOffer(identity);
  if (offer) data.referralFromHandoff = { handoffId: offer.handoffId, consentAsked: offer.consentAsked };
}

/** Sends the relay's notices through the adapter (as announcements and Teams cards are sent). */
export interface AdapterWorkerPosterDeps {
  adapter: CloudAdapter;
  appId: string;
  translator: Translator;
  /**
   * The referral's consent as the referral dialog words it (its notice version and link): a conversation turned into
   * a referral ends with that question, which the worker's next message answers (takeReferralOffer).
   */
  referralConsent?: { privacyNotices: Record<Language, PrivacyNotice>; privacyNoticeUrl: string };
}

export class AdapterWorkerPoster implements WorkerPoster {
  constructor(private readonly deps: AdapterWorkerPosterDeps) {}

  async send(reference: Record<string, unknown>, language: string, notice: WorkerNotice): Promise<void> {
    const lang: Language = isLanguage(language) ? language : 'it';
    const t = this.deps.translator.forLanguage(lang);
    const channelId = typeof reference.channelId === 'string' ? reference.channelId : undefined;
    const role = (r: 'operator' | 'staff'): string => t(r === 'staff' ? 'handoff.roleStaff' : 'handoff.roleOperator');
    let activity;
    switch (notice.kind) {
      case 'joined':
        activity = { type: 'message', text: t('handoff.joined', { name: notice.name, role: role(notice.role) }) };
        break;
      case 'message':
        // what the operator typed is shown as typed: as markdown, Web Chat renders its HTML (an <img> fetched from
        // anywhere, a heading, a button) and drops its line breaks, and Teams its markdown (a link, a title)
        activity = { type: 'message', text: t('handoff.operatorSays', { name: notice.name, role: role(notice.role), text: notice.text }), textFormat: 'plain' };
        break;
      case 'ended':
        activity = this.ended(t, lang, notice, channelId);
        break;
      case 'typing':
        activity = { type: 'typing' };
        break;
    }
    await continueWith(this.deps.adapter, this.deps.appId, reference, (api, conversationId) => api.sendToConversation(conversationId, activity));
  }

  private ended(t: ReturnType<Translator['forLanguage']>, language: Language, notice: Extract<WorkerNotice, { kind: 'ended' }>, channelId: string | undefined) {
    const name = notice.name ?? '';
    switch (notice.reason) {
      case 'unanswered':
        return messageWithButtons(`${t('handoff.unanswered')} ${t('handoff.callBack')} ${t('handoff.callBackAsk')}`, [t('menu.contact'), t('eligibility.buttons.menu')], channelId);
      case 'operator_idle':
        return messageWithButtons(`${t('handoff.operatorIdle')} ${t('handoff.callBack')} ${t('handoff.callBackAsk')}`, [t('menu.contact'), t('eligibility.buttons.menu')], channelId);
      case 'referral': {
        const consent = this.deps.referralConsent;
        // "the answers of the check I already have" only when there are some
        const told = t(notice.precheck === false ? 'handoff.referralNoPrecheck' : 'handoff.referral', { name });
        if (!consent) return messageWithButtons(told, [t('menu.contact'), t('eligibility.buttons.menu')], channelId);
        // the referral's first question, exactly as the dialog words it (the consent recorded hashes this text)
        const version = consent.privacyNotices[language].version;
        const question = t('referral.consent', { url: privacyNoticeLink(consent.privacyNoticeUrl, language), version });
        return messageWithButtons(`${told}\n\n${question}`, [t('referral.consentButtons.yes'), t('referral.consentButtons.no')], channelId);
      }
      case 'returned_to_bot':
        return messageWithButtons(t('handoff.returned', { name }), [t('eligibility.buttons.menu')], channelId);
      default:
        return messageWithButtons(t('handoff.ended', { name }), [t('eligibility.buttons.menu')], channelId);
    }
  }
}
