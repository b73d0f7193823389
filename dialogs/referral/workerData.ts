import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import { LANGUAGES, type Translate, type Translator } from '../../models/i18n';
import type { Lead } from '../../models/leads/lead';
import type { LeadService, WorkerIdentity } from '../../models/leads/leadService';
import { messageWithButtons } from '../buttons';
import { matchesLabel } from '../eligibility/labels';
import { turnLanguage } from '../turnLanguage';
import { recognizeYesNo } from '../understanding';

export const ERASE_DATA_DIALOG = 'eraseDataDialog';

/** The chat user as the leads know them: their channel and its user id (stored only hashed). */
export function workerIdentity(context: TurnContext): WorkerIdentity {
  return { channel: context.activity.channelId, userId: context.activity.from?.id ?? '' };
}

function formatDate(date: Date, language: string): string {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'it-IT', { dateStyle: 'short', timeZone: 'Europe/Rome' }).format(date);
}

/** "I miei dati": everything stored about the worker, as they gave it. */
export async function showWorkerData(context: TurnContext, deps: { leads: LeadService; translator: Translator }): Promise<void> {
  const language = turnLanguage(context);
  const t = deps.translator.forLanguage(language);
  const leads = await deps.leads.findForWorker(workerIdentity(context));
  if (leads.length === 0) {
    await context.sendActivity(messageWithButtons(t('referral.myData.none'), [t('eligibility.buttons.menu')], context.activity.channelId));
    return;
  }
  const lines = leads.map((lead) => describeLead(lead, t, language));
  await context.sendActivity(messageWithButtons([t('referral.myData.intro'), ...lines, t('referral.myData.eraseHint')].join('\n\n'), [t('eligibility.buttons.menu')], context.activity.channelId));
}

function describeLead(lead: Lead, t: Translate, language: string): string {
  const notGiven = t('referral.notGiven');
  return t('referral.myData.lead', {
    reference: lead.reference,
    date: formatDate(lead.createdAt, language),
    status: t(`referral.status.${lead.status}`),
    name: lead.contact?.name ?? notGiven,
    phone: lead.contact?.phone ?? notGiven,
    email: lead.contact?.email ?? notGiven,
    time: lead.contact?.preferredTime ?? notGiven,
    employer: lead.employer?.name ?? notGiven,
    sector: lead.employer?.sector ? t(`eligibility.sector.${lead.employer.sector}`) : notGiven,
    outcome: t(`referral.outcomeLabel.${lead.precheck.outcome}`),
    province: lead.province ?? notGiven,
    consentDate: formatDate(lead.consent.givenAt, language),
    noticeVersion: lead.consent.noticeVersion,
  });
}

/** "Cancella i miei dati": asks once, then leaves only a tombstone without personal data. */
export class EraseDataDialog extends Dialog {
  private readonly translators: Translate[];

  constructor(private readonly deps: { leads: LeadService; translator: Translator; onEvent?: (event: string, context: TurnContext) => void }) {
    super(ERASE_DATA_DIALOG);
    this.translators = LANGUAGES.map((l) => deps.translator.forLanguage(l));
  }

  override async beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const t = this.deps.translator.forLanguage(turnLanguage(dc.context));
    const leads = await this.deps.leads.findForWorker(workerIdentity(dc.context));
    if (leads.length === 0) {
      await dc.context.sendActivity(messageWithButtons(t('referral.erase.nothing'), [t('eligibility.buttons.menu')], dc.context.activity.channelId));
      return dc.endDialog();
    }
    await this.ask(dc.context);
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const context = dc.context;
    const t = this.deps.translator.forLanguage(turnLanguage(context));
    const text = context.activity.text ?? '';
    const answer = recognizeYesNo(text, turnLanguage(context));
    const yes = matchesLabel(text, this.translators, 'referral.erase.buttons.yes') || answer === true;
    const no = matchesLabel(text, this.translators, 'referral.erase.buttons.no') || answer === false;
    if (yes) {
      const count = await this.deps.leads.eraseByUser(workerIdentity(context));
      this.deps.onEvent?.('referral.erased', context);
      await context.sendActivity(messageWithButtons(t('referral.erase.done', { count }), [t('eligibility.buttons.menu')], context.activity.channelId));
      return dc.endDialog();
    }
    if (no) {
      await context.sendActivity(messageWithButtons(t('referral.erase.kept'), [t('eligibility.buttons.menu')], context.activity.channelId));
      return dc.endDialog();
    }
    await this.ask(context);
    return Dialog.EndOfTurn;
  }

  override async repromptDialog(context: TurnContext): Promise<void> {
    await this.ask(context);
  }

  private async ask(context: TurnContext): Promise<void> {
    const t = this.deps.translator.forLanguage(turnLanguage(context));
    await context.sendActivity(messageWithButtons(t('referral.erase.confirm'), [t('referral.erase.buttons.yes'), t('referral.erase.buttons.no')], context.activity.channelId));
  }
}
