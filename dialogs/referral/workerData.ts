import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
// the module itself, not the package's index (which loads every prompt): dialogs/mainDialog.ts says why
import { Dialog, DialogTurnStatus } from 'botbuilder-dialogs/lib/dialog';
import type { TurnContext } from 'botbuilder';
import type { Subscription, SubscriptionStore } from '../../models/campaign/subscriptions';
import { isLanguage, LANGUAGES, type Translate, type Translator } from '../../models/i18n';
import type { Lead } from '../../models/leads/lead';
import type { LeadService } from '../../models/leads/leadService';
import type { HandoffService } from '../../models/handoff/handoffService';
import { formatDate } from '../../models/text/dates';
import { messageWithButtons } from '../buttons';
import { describeChoices } from '../campaign/subscribeDialog';
import type { ConversationMemory } from '../conversationMemory';
import { InterruptibleDialog } from '../interruptibleDialog';
import { subscriberOf } from '../campaign/subscriptionRequests';
import { matchesLabel } from '../eligibility/labels';
import { turnLanguage } from '../turnLanguage';
import { recognizeYesNo, type Gazetteer } from '../understanding';
import { workerIdentity } from './workerIdentity';

export const ERASE_DATA_DIALOG = 'eraseDataDialog';

export { workerIdentity } from './workerIdentity';

/** What "i miei dati" shows: the worker's referrals, their subscriptions to the news, the answers of this chat. */
export interface WorkerDataDeps {
  leads: Pick<LeadService, 'findForWorker'>;
  subscriptions: Pick<SubscriptionStore, 'heldBy'>;
  /** live handoffs: how many, and how many of their messages are kept */
  handoffs?: Pick<HandoffService, 'summaryFor'>;
  translator: Translator;
  gazetteer: Gazetteer;
  /** DIALOG_STATE_TTL_HOURS: how long the answers of this conversation are kept after the last one */
  answersKeptHours: number;
}

/** How much the worker has stored, for the question before erasing and for "i miei dati". */
interface Held {
  leads: number;
  subscriptions: number;
  /** live handoffs (a conversation with an operator), whose messages and chat link go */
  handoffs?: number;
  /** answers kept in this conversation: a dialog under way, the last pre-check */
  answers: boolean;
}

/**
 * "I miei dati": everything stored about the worker, as they gave it: referrals, then subscriptions to the news,
 * and whether this conversation holds answers of theirs (`answersInProgress`: a dialog under way or the last
 * pre-check), kept for `answersKeptHours` after the last one.
 */
export async function showWorkerData(context: TurnContext, deps: WorkerDataDeps, options: { answersInProgress?: boolean } = {}): Promise<void> {
  const language = turnLanguage(context);
  const t = deps.translator.forLanguage(language);
  const [leads, subscriptions, handoffs] = await Promise.all([
    deps.leads.findForWorker(workerIdentity(context)),
    deps.subscriptions.heldBy(subscriberOf(context)),
    deps.handoffs ? deps.handoffs.summaryFor(workerIdentity(context)) : Promise.resolve([]),
  ]);
  const answers = options.answersInProgress ? [t('referral.myData.answers', { hours: deps.answersKeptHours })] : [];
  const conversations = handoffs.length > 0 ? [t('referral.myData.handoffs', { count: handoffs.length, messages: handoffs.reduce((n, h) => n + h.messages, 0) })] : [];
  if (leads.length === 0 && subscriptions.length === 0 && handoffs.length === 0) {
    const text = answers.length > 0 ? [t('referral.myData.onlyAnswers'), ...answers, t('referral.myData.eraseHint')].join('\n\n') : t('referral.myData.none');
    await context.sendActivity(messageWithButtons(text, [t('eligibility.buttons.menu')], context.activity.channelId));
    return;
  }
  const paragraphs = [
    t('referral.myData.intro'),
    ...(leads.length > 0 ? leads.map((lead) => describeLead(lead, t, language)) : [t('referral.myData.noLeads')]),
    ...(subscriptions.length > 0 ? subscriptions.map((subscription) => describeSubscription(subscription, t, language, deps.gazetteer)) : [t('referral.myData.noSubscriptions')]),
    ...conversations,
    ...answers,
    t('referral.myData.eraseHint'),
  ];
  await context.sendActivity(messageWithButtons(paragraphs.join('\n\n'), [t('eligibility.buttons.menu')], context.activity.channelId));
}

function describeLead(lead: Lead, t: Translate, language: string): string {
  const notGiven = t('referral.notGiven');
  return t('referral.myData.lead', {
    reference: lead.reference,
    date: formatDate(lead.createdAt, language, 'shortDate'),
    status: t(`referral.status.${lead.status}`),
    name: lead.contact?.name ?? notGiven,
    phone: lead.contact?.phone ?? notGiven,
    email: lead.contact?.email ?? notGiven,
    time: lead.contact?.preferredTime ?? notGiven,
    employer: lead.employer?.name ?? notGiven,
    sector: lead.employer?.sector ? t(`eligibility.sector.${lead.employer.sector}`) : notGiven,
    outcome: t(`referral.outcomeLabel.${lead.precheck.outcome}`),
    province: lead.province ?? notGiven,
    consentDate: formatDate(lead.consent.givenAt, language, 'shortDate'),
    noticeVersion: noticeShown(lead.consent, t),
  });
}

function describeSubscription(subscription: Subscription, t: Translate, language: string, gazetteer: Gazetteer): string {
  return t('referral.myData.subscription', {
    ...describeChoices(t, gazetteer, subscription),
    since: formatDate(subscription.createdAt, language, 'shortDate'),
    language: t(`campaign.languageName.${subscription.language}`),
    consentDate: formatDate(subscription.consent.givenAt, language, 'shortDate'),
    noticeVersion: noticeShown(subscription.consent, t),
  });
}

/**
 * The notice a consent was given on: its version and, when recorded, the language its text was shown in
 * ("privacy-…+1a2b3c4d, testo in arabo"); a consent recorded before languages were shows its version alone.
 */
function noticeShown(consent: { noticeVersion: string; language?: string }, t: Translate): string {
  if (!isLanguage(consent.language)) return consent.noticeVersion;
  return t('referral.myData.noticeIn', { version: consent.noticeVersion, language: t(`campaign.languageName.${consent.language}`) });
}

export interface EraseDataDeps {
  leads: Pick<LeadService, 'findForWorker' | 'eraseByUser'>;
  subscriptions: Pick<SubscriptionStore, 'heldBy' | 'eraseFor'>;
  /** live handoffs: an open one ends, every message and the link to the chat go (HandoffService.eraseFor) */
  handoffs?: Pick<HandoffService, 'summaryFor' | 'eraseFor'>;
  translator: Translator;
  /** the answers this conversation keeps (dialog stack, last pre-check) */
  conversation: ConversationMemory;
  /** leaves no superseded copy of what was erased on disk (SupersededCopies.purge): done before the worker is told */
  purge: () => Promise<void>;
  onEvent?: (event: string, context: TurnContext) => void;
}

/** How the main dialog starts the erasure: `interrupted` when a dialog under way (with its answers) lies beneath. */
export interface EraseDataOptions {
  interrupted?: boolean;
}

/**
 * "Cancella i miei dati": says what will go and asks once; then every referral of the worker becomes a tombstone
 * without personal data, every subscription of theirs on this channel ends with its personal data erased (no
 * further news), and the conversation forgets what was typed into it: every dialog ends (a referral half-way,
 * with its name and phone) and the last pre-check goes. Every collection touched is compacted to disk before the
 * confirmation, which says what was erased.
 *
 * Typed while another dialog waits for an answer (the main dialog pushes this one on top): "no" leaves that dialog
 * as it was and asks its question again (InterruptibleDialog); "yes" ends it with everything else.
 */
export class EraseDataDialog extends InterruptibleDialog<EraseDataOptions> {
  private readonly translators: Translate[];

  constructor(private readonly deps: EraseDataDeps) {
    super(ERASE_DATA_DIALOG);
    this.translators = LANGUAGES.map((l) => deps.translator.forLanguage(l));
  }

  private t(context: TurnContext): Translate {
    return this.deps.translator.forLanguage(turnLanguage(context));
  }

  override async beginDialog(dc: DialogContext, options?: EraseDataOptions): Promise<DialogTurnResult> {
    const context = dc.context;
    const [leads, subscriptions, answers, handoffs] = await Promise.all([
      this.deps.leads.findForWorker(workerIdentity(context)),
      this.deps.subscriptions.heldBy(subscriberOf(context)),
      options?.interrupted ? Promise.resolve(true) : this.deps.conversation.holdsAnswers(context),
      this.deps.handoffs ? this.deps.handoffs.summaryFor(workerIdentity(context)) : Promise.resolve([]),
    ]);
    const held: Held = { leads: leads.length, subscriptions: subscriptions.length, answers, handoffs: handoffs.length };
    if (held.leads === 0 && held.subscriptions === 0 && !held.answers && !held.handoffs) {
      const t = this.t(context);
      await context.sendActivity(messageWithButtons(t('referral.erase.nothing'), [t('eligibility.buttons.menu')], context.activity.channelId));
      return dc.endDialog();
    }
    dc.activeDialog!.state = held;
    await this.ask(context, held);
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const context = dc.context;
    const t = this.t(context);
    const text = context.activity.text ?? '';
    const answer = recognizeYesNo(text, turnLanguage(context));
    const yes = matchesLabel(text, this.translators, 'referral.erase.buttons.yes') || answer === true;
    const no = matchesLabel(text, this.translators, 'referral.erase.buttons.no') || answer === false;
    const held = dc.activeDialog!.state as Held;
    if (yes) {
      const erased: Held = {
        leads: await this.deps.leads.eraseByUser(workerIdentity(context)),
        subscriptions: await this.deps.subscriptions.eraseFor(subscriberOf(context)),
        handoffs: this.deps.handoffs ? await this.deps.handoffs.eraseFor(workerIdentity(context)) : 0,
        answers: held.answers,
      };
      // every dialog ends here, this one included: nothing is left to resume
      await this.deps.conversation.forget(dc);
      await this.deps.purge();
      if (erased.leads > 0) this.deps.onEvent?.('referral.erased', context);
      if (erased.subscriptions > 0) this.deps.onEvent?.('campaign.erased', context);
      await context.sendActivity(messageWithButtons(this.erasedText(t, erased), [t('eligibility.buttons.menu')], context.activity.channelId));
      return { status: DialogTurnStatus.complete };
    }
    if (no) {
      await context.sendActivity(messageWithButtons(t('referral.erase.kept'), [t('eligibility.buttons.menu')], context.activity.channelId));
      // an interrupted dialog beneath resumes: its question is asked again
      return dc.endDialog();
    }
    await this.ask(context, held);
    return Dialog.EndOfTurn;
  }

  override async repromptDialog(context: TurnContext, instance: { state: Held }): Promise<void> {
    await this.ask(context, instance.state);
  }

  /** What was erased, item by item (nothing left when another conversation erased it in between). */
  private erasedText(t: Translate, erased: Held): string {
    if (erased.leads === 0 && erased.subscriptions === 0 && !erased.handoffs && !erased.answers) return t('referral.erase.nothing');
    return [
      t('referral.erase.done'),
      ...(erased.leads > 0 ? [t('referral.erase.doneLeads', { count: erased.leads })] : []),
      ...(erased.subscriptions > 0 ? [t('referral.erase.doneSubscriptions', { count: erased.subscriptions })] : []),
      ...(erased.handoffs ? [t('referral.erase.doneHandoffs', { count: erased.handoffs })] : []),
      ...(erased.answers ? [t('referral.erase.doneAnswers')] : []),
    ].join('\n\n');
  }

  private async ask(context: TurnContext, held: Held): Promise<void> {
    const t = this.t(context);
    const text = [
      t('referral.erase.confirm'),
      ...(held.leads > 0 ? [t('referral.erase.confirmLeads')] : []),
      ...(held.subscriptions > 0 ? [t('referral.erase.confirmSubscriptions')] : []),
      ...(held.handoffs ? [t('referral.erase.confirmHandoffs')] : []),
      ...(held.answers ? [t('referral.erase.confirmAnswers')] : []),
    ].join(' ');
    await context.sendActivity(messageWithButtons(text, [t('referral.erase.buttons.yes'), t('referral.erase.buttons.no')], context.activity.channelId));
  }
}
