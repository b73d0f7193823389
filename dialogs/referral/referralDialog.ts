import { randomUUID } from 'node:crypto';
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
// the module itself, not the package's index (which loads every prompt): dialogs/mainDialog.ts says why
import { Dialog } from 'botbuilder-dialogs/lib/dialog';
import { TurnContext, type StatePropertyAccessor } from 'botbuilder';
import type { ContentCatalogue } from '../../models/content';
import { isAppError, ValidationError } from '../../models/errors';
import { LANGUAGES, type Language, type Translate, type Translator } from '../../models/i18n';
import { normalizeName } from '../../models/leads/contact';
import type { HandoffService } from '../../models/handoff/handoffService';
import type { LeadService } from '../../models/leads/leadService';
import type { Logger } from '../../models/logger';
import { privacyNoticeLink, type PrivacyNotice } from '../../models/privacyNotice';
import type { ProjectRepository } from '../../models/projects/projectRepository';
import { SECTORS, sectorFromText, type Sector } from '../../models/sectors';
import { messageWithButtons } from '../buttons';
import { consentAnswer, consentRecord, type ConsentRecord } from '../consent';
import type { EligibilityAnswers } from '../eligibility/answers';
import { matchLabel, matchesLabel } from '../eligibility/labels';
import type { ConversationData } from '../state';
import { InterruptibleDialog, type QuestionPolicy } from '../interruptibleDialog';
import { turnLanguage } from '../turnLanguage';
import { recognizeYesNo } from '../understanding';
import { extractContactDetails } from './contactDetails';
import { contactKindStated } from '../understanding/contactKind';
import { namesTheFirm, readEmployer, readName, readPreferredTime, readSeveralFields } from './fieldChecks';
import { employerRecord, precheckRecord } from './precheckRecord';
import { workerIdentity } from './workerIdentity';
import { asksToGoBack } from '../understanding/goBack';

export const REFERRAL_DIALOG = 'referralDialog';

type Step = 'consent' | 'transcript' | 'name' | 'contact' | 'time' | 'employer' | 'sector' | 'summary';

interface Collected {
  name?: string;
  phone?: string;
  email?: string;
  preferredTime?: string;
  employer?: string | 'unknown';
  sector?: Sector | 'unknown';
}

interface DialogState {
  step: Step;
  data: Collected;
  /** the idempotency key of this referral: a retried or doubled confirmation never makes a second lead */
  submissionId: string;
  /** the step to return to the summary from, when the worker edits one field */
  editing?: boolean;
  failures: number;
  /** the steps asked so far, oldest first, each once (where it was last asked): what "indietro" walks back */
  asked?: Step[];
  consent?: ConsentRecord;
  /**
   * A live handoff's transcript waiting for the worker's answer (HandoffService.heldTranscriptFor): asked right after
   * the consent; a yes is recorded here and applied when the referral is sent, a no deletes it at once.
   */
  transcript?: { handoffId: string; answer?: 'yes' | 'no'; consent?: ConsentRecord };
}

/** The live handoff's transcripts, as the referral takes one along (models/handoff/handoffService.ts). */
export type ReferralTranscripts = Pick<HandoffService, 'heldTranscriptFor' | 'keepTranscript' | 'discardTranscript'>;

export interface ReferralDialogDeps {
  translator: Translator;
  leads: LeadService;
  projects: ProjectRepository;
  catalogue: ContentCatalogue;
  privacyNotices: Record<Language, PrivacyNotice>;
  privacyNoticeUrl: string;
  conversationData: StatePropertyAccessor<ConversationData>;
  logger: Logger;
  now: () => Date;
  onEvent?: (event: string, context: TurnContext) => void;
  /** a live handoff's transcript, attached to the referral with the worker's consent */
  transcripts?: ReferralTranscripts;
}

const TIME_BUTTONS = {
  morning: 'referral.timeButtons.morning',
  afternoon: 'referral.timeButtons.afternoon',
  evening: 'referral.timeButtons.evening',
  any: 'referral.timeButtons.any',
} as const;
const SUMMARY_BUTTONS = {
  confirm: 'referral.summaryButtons.confirm',
  editName: 'referral.summaryButtons.editName',
  editContact: 'referral.summaryButtons.editContact',
  editTime: 'referral.summaryButtons.editTime',
  editEmployer: 'referral.summaryButtons.editEmployer',
  editSector: 'referral.summaryButtons.editSector',
  cancel: 'referral.summaryButtons.cancel',
} as const;
/** The step each "Modifica ..." button of the summary asks again: every field, the firm and its sector included. */
const EDITS = { editName: 'name', editContact: 'contact', editTime: 'time', editEmployer: 'employer', editSector: 'sector' } as const satisfies Record<string, Step>;
const SECTOR_BUTTONS = Object.fromEntries(SECTORS.map((s) => [s, `eligibility.sector.${s}`])) as Record<Sector, string>;

/**
 * The referral: consent first (nothing is stored without it), then only what the referral needs, a summary the
 * worker can correct, and a confirmation sent only once the lead is durably written, with its reference code.
 */
/** Six digits or more in a row, spaces, dots, dashes and brackets between them allowed: a phone number typed. */
function writesANumber(text: string): boolean {
  return /\d{6,}/.test(text.replace(/(?<=\d)[\s.\-/()]+(?=\d)/g, ''));
}

export class ReferralDialog extends InterruptibleDialog {
  private readonly translators: Translate[];

  constructor(private readonly deps: ReferralDialogDeps) {
    super(REFERRAL_DIALOG);
    this.translators = LANGUAGES.map((l) => deps.translator.forLanguage(l));
  }

  private t(context: TurnContext): Translate {
    return this.deps.translator.forLanguage(turnLanguage(context));
  }

  override async beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const context = dc.context;
    const t = this.t(context);
    const precheck = (await this.deps.conversationData.get(context, {})).lastPrecheck;
    if (precheck?.result.outcome === 'not_eligible') {
      await context.sendActivity(messageWithButtons(t('referral.notEligible'), [t('eligibility.buttons.restart'), t('eligibility.buttons.menu')], context.activity.channelId));
      return dc.endDialog();
    }
    const state: DialogState = { step: 'consent', data: {}, submissionId: randomUUID(), failures: 0, asked: ['consent'] };
    dc.activeDialog!.state = state;
    this.deps.onEvent?.('referral.started', context);
    const data = await this.deps.conversationData.get(context, {});
    const fromHandoff = data.referralFromHandoff;
    if (fromHandoff) {
      // started by the operator's "turn into a referral" (bot/handoff/liveHandoff.ts); for this turn only
      data.referralFromHandoff = undefined;
      await this.deps.conversationData.set(context, data);
      this.deps.onEvent?.('referral.fromHandoff', context);
    }
    const held = await this.heldTranscript(context);
    if (held) state.transcript = { handoffId: held.handoffId };
    // the relay's end notice asked the consent already: this message is the answer
    if (fromHandoff?.consentAsked) return this.continueDialog(dc);
    await context.sendActivity(this.consentQuestion(context, true));
    return Dialog.EndOfTurn;
  }

  private async heldTranscript(context: TurnContext) {
    const identity = workerIdentity(context);
    if (!this.deps.transcripts || !identity.userId) return null;
    try {
      return await this.deps.transcripts.heldTranscriptFor(identity);
    } catch (err) {
      // the referral goes on without the transcript (which then goes when its time passes)
      this.deps.logger.warn({ err: { name: err instanceof Error ? err.name : typeof err } }, 'referral: held transcript not read');
      return null;
    }
  }

  /** The held transcript goes now (a no, a referral declined or cancelled); the referral never fails on it. */
  private async discardTranscript(context: TurnContext, state: DialogState): Promise<void> {
    const transcript = state.transcript;
    if (!transcript || !this.deps.transcripts) return;
    state.transcript = undefined;
    try {
      await this.deps.transcripts.discardTranscript(transcript.handoffId, workerIdentity(context));
    } catch (err) {
      this.deps.logger.warn({ err: { name: err instanceof Error ? err.name : typeof err } }, 'referral: held transcript not discarded (deleted when its time passes)');
    }
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const context = dc.context;
    if (context.activity.type !== 'message') return Dialog.EndOfTurn;
    const state = dc.activeDialog!.state as DialogState;
    const text = (context.activity.text ?? '').trim();
    const t = this.t(context);
    const language = turnLanguage(context);
    if (asksToGoBack(text)) return this.goBack(dc, state);

    switch (state.step) {
      case 'consent': {
        const answer = consentAnswer(text, this.translators, 'referral.consentButtons', language);
        if (answer === 'no') {
          await this.discardTranscript(context, state);
          return this.noConsent(dc);
        }
        if (answer !== 'yes') return this.retry(dc, state);
        const notice = this.deps.privacyNotices[language];
        state.consent = consentRecord(notice.version, t('referral.consent', { url: privacyNoticeLink(this.deps.privacyNoticeUrl, language), version: notice.version }), language, this.deps.now());
        this.deps.onEvent?.('referral.consented', context);
        return this.advance(dc, state);
      }
      case 'transcript': {
        const transcript = state.transcript;
        const answer = consentAnswer(text, this.translators, 'referral.transcript.buttons', language);
        if (!transcript) return this.advance(dc, state);
        if (answer === undefined) return this.retry(dc, state);
        if (answer === 'no') {
          await this.discardTranscript(context, state);
          this.deps.onEvent?.('referral.transcriptDeclined', context);
          return this.advance(dc, state, [t('referral.transcript.declined')]);
        }
        const notice = this.deps.privacyNotices[language];
        transcript.answer = 'yes';
        transcript.consent = consentRecord(notice.version, t('referral.transcript.ask'), language, this.deps.now());
        this.deps.onEvent?.('referral.transcriptConsented', context);
        return this.advance(dc, state);
      }
      case 'name': {
        // the name with the contact (and a time) said at once: all taken, nothing asked twice
        const several = state.editing ? undefined : readSeveralFields(text);
        const severalName = several?.name !== undefined && (several.phone || several.email) ? normalizeName(several.name) : undefined;
        if (several && severalName?.ok && severalName.value.length >= 2) {
          state.data.name = severalName.value;
          state.data.phone = several.phone ?? state.data.phone;
          state.data.email = several.email ?? state.data.email;
          if (several.time !== undefined && !state.data.preferredTime) state.data.preferredTime = several.time;
          return this.advance(dc, state);
        }
        // a phone, a time, "preferisco non dirlo" or "voglio parlare con una persona" is not a name: said why
        const reading = readName(text);
        if (reading.kind === 'invalid') return this.retry(dc, state, reading.because === 'empty' ? undefined : t(`referral.nameInvalid.${reading.because}`));
        const name = normalizeName(reading.value);
        if (!name.ok || name.value.length < 2) return this.retry(dc, state);
        state.data.name = name.value;
        return this.advance(dc, state);
      }
      case 'contact': {
        const details = extractContactDetails(text);
        if (!details.phone && !details.email) {
          // "non ho la mail, ma ho il cellulare": told what to type for the kind they have, not "no valid contact"
          const kind = contactKindStated(text);
          // "612 345 678": a number, but not an Italian one: said how to write a foreign one, not "no number found"
          if (kind === undefined && writesANumber(text)) {
            state.failures += 1;
            await context.sendActivity(messageWithButtons(t('referral.contactNumberNotValid'), state.failures >= 2 ? [t('referral.summaryButtons.cancel')] : [], context.activity.channelId));
            return Dialog.EndOfTurn;
          }
          if (kind === undefined) return this.retry(dc, state);
          const cancel = kind === 'neither' ? [t('referral.summaryButtons.cancel')] : [];
          await context.sendActivity(messageWithButtons(t(`referral.contactKind.${kind}`), cancel, context.activity.channelId));
          return Dialog.EndOfTurn;
        }
        // Editing contacts replaces both, so a worker can drop a number they no longer want used.
        if (state.editing) {
          state.data.phone = undefined;
          state.data.email = undefined;
        }
        if (details.phone) state.data.phone = details.phone;
        if (details.email) state.data.email = details.email;
        // "333 1234567, meglio di pomeriggio": the time said with it is not asked again
        const time = state.editing || state.data.preferredTime ? undefined : readSeveralFields(text)?.time;
        if (time !== undefined) state.data.preferredTime = time;
        return this.advance(dc, state);
      }
      case 'time': {
        const slot = matchLabel(text, this.translators, TIME_BUTTONS);
        const reading = slot ? ({ kind: 'time', value: t(TIME_BUTTONS[slot]) } as const) : readPreferredTime(text);
        // an e-mail or a phone is not a time: said why, and asked again; one of a kind not given yet is kept (a worker
        // who gave a phone and now types an e-mail wants both used), never replacing one already given
        if (reading.kind === 'invalid' && reading.because === 'contact') {
          const details = extractContactDetails(text);
          const added = (details.email !== undefined && state.data.email === undefined) || (details.phone !== undefined && state.data.phone === undefined);
          if (added) {
            if (state.data.email === undefined && details.email) state.data.email = details.email;
            if (state.data.phone === undefined && details.phone) state.data.phone = details.phone;
            // not a miss: the question is asked again in full, without counting towards the plainer wording
            await context.sendActivity(await this.question(context, state, false, [t('referral.timeInvalid.contactAdded')]));
            return Dialog.EndOfTurn;
          }
        }
        if (reading.kind === 'invalid') return this.retry(dc, state, t(`referral.timeInvalid.${reading.because}`));
        state.data.preferredTime = reading.value;
        return this.advance(dc, state);
      }
      case 'employer': {
        const yesNo = recognizeYesNo(text, language);
        const reading = yesNo === 'unknown' || yesNo === false || matchesLabel(text, this.translators, 'eligibility.buttons.preferNotToSay') ? ({ kind: 'skipped' } as const) : readEmployer(text, language);
        // "pomeriggio", an e-mail, "conferma" or a question are not a firm: said why, and asked again
        if (reading.kind === 'invalid') return this.retry(dc, state, t(`referral.employerInvalid.${reading.because}`));
        state.data.employer = reading.kind === 'name' ? reading.value : 'unknown';
        return this.advance(dc, state, reading.kind === 'skipped' ? [t('referral.employerSkipped')] : []);
      }
      case 'sector': {
        const dontKnow = recognizeYesNo(text, language) === 'unknown' || matchesLabel(text, this.translators, 'eligibility.buttons.dontKnow') || matchesLabel(text, this.translators, 'eligibility.buttons.sectorOther');
        const sector = matchLabel(text, this.translators, SECTOR_BUTTONS) ?? sectorFromText(text) ?? (dontKnow || state.failures >= 1 ? 'unknown' : undefined);
        if (!sector) return this.retry(dc, state);
        state.data.sector = sector;
        return this.advance(dc, state);
      }
      case 'summary':
        return this.afterSummary(dc, state, text);
    }
  }

  override async repromptDialog(context: TurnContext, instance: { state: DialogState }): Promise<void> {
    await context.sendActivity(await this.question(context, instance.state, false));
  }

  /** Free-text steps (a name, a time, a firm) also treat a statement the FAQ answers with confidence as a question. */
  override questionPolicy(state: DialogState, text: string, _context: TurnContext): QuestionPolicy {
    // "l'azienda è la Fonderia Ghisalba": the firm named, however long, is the answer (a question still is one)
    if (state.step === 'employer' && namesTheFirm(text)) return 'questions';
    return state.step === 'name' || state.step === 'time' || state.step === 'employer' ? 'questionsAndFaq' : 'questions';
  }

  private consentQuestion(context: TurnContext, withIntro: boolean) {
    const t = this.t(context);
    const notice = this.deps.privacyNotices[turnLanguage(context)];
    const text = t('referral.consent', { url: privacyNoticeLink(this.deps.privacyNoticeUrl, turnLanguage(context)), version: notice.version });
    return messageWithButtons(withIntro ? `${t('referral.intro')}\n\n${text}` : text, [t('referral.consentButtons.yes'), t('referral.consentButtons.no')], context.activity.channelId);
  }

  private async noConsent(dc: DialogContext): Promise<DialogTurnResult> {
    const context = dc.context;
    const t = this.t(context);
    this.deps.onEvent?.('referral.declined', context);
    const join = this.deps.catalogue.section(turnLanguage(context), 'join');
    await context.sendActivity(messageWithButtons([t('referral.noConsent'), join?.body ?? ''].filter(Boolean).join('\n\n'), [t('eligibility.buttons.menu')], context.activity.channelId));
    return dc.endDialog();
  }

  /** The next missing field, or the summary when everything is there (or when an edit is done). */
  private async advance(dc: DialogContext, state: DialogState, lines: string[] = []): Promise<DialogTurnResult> {
    state.failures = 0;
    const known = await this.knownFromPrecheck(dc.context);
    const next: Step | undefined = state.editing
      ? undefined
      : state.transcript && state.transcript.answer === undefined
        ? 'transcript'
      : !state.data.name
        ? 'name'
        : !state.data.phone && !state.data.email
          ? 'contact'
          : !state.data.preferredTime
            ? 'time'
            : state.data.employer === undefined && !known?.employer
              ? 'employer'
              : state.data.sector === undefined && !known?.sector
                ? 'sector'
                : undefined;
    state.editing = false;
    state.step = next ?? 'summary';
    if (next) state.asked = [...(state.asked ?? []).filter((step) => step !== next), next];
    await dc.context.sendActivity(await this.question(dc.context, state, false, lines));
    return Dialog.EndOfTurn;
  }

  /**
   * "Indietro": the step before the one on screen is asked again, its answer cleared (at the summary, the last step
   * asked; while editing one field, back to the summary). At the first question there is nothing to go back to:
   * said, and asked again. A transcript already declined is gone, so its question is not asked again.
   */
  private async goBack(dc: DialogContext, state: DialogState): Promise<DialogTurnResult> {
    const t = this.t(dc.context);
    state.failures = 0;
    if (state.editing) {
      state.editing = false;
      state.step = 'summary';
      await dc.context.sendActivity(await this.question(dc.context, state, false, [t('back.going')]));
      return Dialog.EndOfTurn;
    }
    const asked = (state.asked ?? []).filter((step) => step !== 'transcript' || state.transcript !== undefined);
    const earlier = asked[asked.length - 1] === state.step ? asked.slice(0, -1) : asked;
    const previous = earlier[earlier.length - 1];
    if (previous === undefined) {
      await dc.context.sendActivity(await this.question(dc.context, state, false, [t('back.first')]));
      return Dialog.EndOfTurn;
    }
    forgetStep(state, previous);
    state.asked = earlier;
    state.step = previous;
    await dc.context.sendActivity(await this.question(dc.context, state, false, [t('back.going')]));
    return Dialog.EndOfTurn;
  }

  /** The step again after a miss; `because` says why the message was not taken ("questo sembra un orario"). */
  private async retry(dc: DialogContext, state: DialogState, because?: string): Promise<DialogTurnResult> {
    state.failures += 1;
    await dc.context.sendActivity(await this.question(dc.context, state, true, because ? [because] : []));
    return Dialog.EndOfTurn;
  }

  /**
   * The question of a step. The first time in full; after a miss a shorter hint; after two misses the buttons with
   * a plainer wording and the offer of a person, alternating with the hint so no reply comes three times in a row.
   * The consent's notice is shown in full once; re-asked, it is one short line with the link.
   */
  private async question(context: TurnContext, state: DialogState, failed: boolean, lines: string[] = []) {
    const t = this.t(context);
    const channelId = context.activity.channelId;
    const second = failed && state.failures >= 2 && state.failures % 2 === 0;
    const hint = (step: Exclude<Step, 'consent' | 'summary'>, ask: string, reprompt: string) => {
      if (!failed) return t(ask);
      return second ? `${t(`referral.reprompt2.${step}`)}${step === 'name' || step === 'contact' ? `\n\n${t('referral.offerPerson')}` : ''}` : t(reprompt);
    };
    const cancel = t('referral.summaryButtons.cancel');
    const message = (text: string, buttons: string[]) => messageWithButtons([...lines, text].join('\n\n'), buttons, channelId);
    switch (state.step) {
      case 'consent': {
        const notice = this.deps.privacyNotices[turnLanguage(context)];
        const text = second ? t('referral.consentShortAgain') : t('referral.consentShort', { url: privacyNoticeLink(this.deps.privacyNoticeUrl, turnLanguage(context)), version: notice.version });
        return message(text, [t('referral.consentButtons.yes'), t('referral.consentButtons.no')]);
      }
      case 'transcript':
        return message(failed ? t('referral.transcript.reprompt') : t('referral.transcript.ask'), [t('referral.transcript.buttons.yes'), t('referral.transcript.buttons.no')]);
      case 'name':
        return message(hint('name', 'referral.ask.name', 'referral.reprompt.name'), second ? [cancel] : []);
      case 'contact':
        return message(hint('contact', 'referral.ask.contact', 'referral.reprompt.contact'), second ? [cancel] : []);
      case 'time':
        return message(hint('time', 'referral.ask.time', 'referral.reprompt.time'), Object.values(TIME_BUTTONS).map((k) => t(k)));
      case 'employer':
        return message(hint('employer', 'eligibility.ask.employer', 'eligibility.reprompt.employer'), [t('eligibility.buttons.preferNotToSay')]);
      case 'sector':
        return message(hint('sector', 'eligibility.ask.sector', 'eligibility.reprompt.sector'), [...SECTORS.map((s) => t(`eligibility.sector.${s}`)), t('eligibility.buttons.sectorOther'), t('eligibility.buttons.dontKnow')]);
      case 'summary': {
        const buttons = Object.values(SUMMARY_BUTTONS).map((k) => t(k));
        // the whole summary once (and after each change); a miss gets a short line, not the block again
        if (failed) return message(second ? t('referral.reprompt2.summary') : t('referral.repromptSummary'), buttons);
        return message(await this.summary(context, state), buttons);
      }
    }
  }

  /**
   * The referral is sent: a transcript the worker said yes to is kept, attached to it (with the consent's version,
   * hash and language); one they were not asked about or said no to is not. True when attached.
   */
  private async attachTranscript(context: TurnContext, state: DialogState, leadId: string): Promise<boolean> {
    const transcript = state.transcript;
    if (!transcript || transcript.answer !== 'yes' || !transcript.consent || !this.deps.transcripts) return false;
    const { noticeVersion, textHash, language, givenAt } = transcript.consent;
    try {
      const kept = await this.deps.transcripts.keepTranscript(transcript.handoffId, workerIdentity(context), { noticeVersion, textHash, ...(language ? { language } : {}), givenAt: new Date(givenAt) }, leadId);
      if (kept) this.deps.onEvent?.('referral.transcriptAttached', context);
      return kept;
    } catch (err) {
      // the referral is sent; the transcript, not attached, goes when its time passes
      this.deps.logger.warn({ err: { name: err instanceof Error ? err.name : typeof err } }, 'referral: transcript not attached');
      return false;
    }
  }

  private async knownFromPrecheck(context: TurnContext): Promise<{ employer?: string; sector?: Sector } | undefined> {
    const answers = (await this.deps.conversationData.get(context, {})).lastPrecheck?.answers;
    if (!answers) return undefined;
    const employer = employerRecord(answers);
    return { employer: employer?.name, sector: employer?.sector as Sector | undefined };
  }

  private async summary(context: TurnContext, state: DialogState): Promise<string> {
    const t = this.t(context);
    const data = await this.deps.conversationData.get(context, {});
    const answers = this.answers(state, data.lastPrecheck?.answers);
    const record = employerRecord(answers);
    const outcome = data.lastPrecheck?.result.outcome ?? 'to_verify';
    const notGiven = t('referral.notGiven');
    return t('referral.summary', {
      name: state.data.name ?? notGiven,
      phone: state.data.phone ?? notGiven,
      email: state.data.email ?? notGiven,
      time: state.data.preferredTime ?? notGiven,
      employer: record?.name ?? notGiven,
      sector: record?.sector ? t(`eligibility.sector.${record.sector}`) : notGiven,
      outcome: t(`referral.outcomeLabel.${outcome}`),
    });
  }

  /** The pre-check answers with what this dialog collected about the employer on top. */
  private answers(state: DialogState, fromPrecheck: EligibilityAnswers | undefined): EligibilityAnswers {
    return {
      ...(fromPrecheck ?? {}),
      ...(state.data.employer !== undefined ? { employer: state.data.employer } : {}),
      ...(state.data.sector !== undefined ? { sector: state.data.sector } : {}),
    };
  }

  private async afterSummary(dc: DialogContext, state: DialogState, text: string): Promise<DialogTurnResult> {
    const choice = matchLabel(text, this.translators, SUMMARY_BUTTONS) ?? (recognizeYesNo(text, turnLanguage(dc.context)) === true ? 'confirm' : undefined);
    switch (choice) {
      case 'confirm':
        return this.submit(dc, state);
      case 'editName':
      case 'editContact':
      case 'editTime':
      case 'editEmployer':
      case 'editSector':
        state.editing = true;
        state.failures = 0;
        state.step = EDITS[choice];
        await dc.context.sendActivity(await this.question(dc.context, state, false));
        return Dialog.EndOfTurn;
      case 'cancel': {
        const t = this.t(dc.context);
        await this.discardTranscript(dc.context, state);
        await dc.context.sendActivity(messageWithButtons(t('cancel.done'), [t('eligibility.buttons.menu')], dc.context.activity.channelId));
        return dc.endDialog();
      }
      default:
        return this.retry(dc, state);
    }
  }

  /** Writes the lead; only then confirms, with the reference code. */
  private async submit(dc: DialogContext, state: DialogState): Promise<DialogTurnResult> {
    const context = dc.context;
    const t = this.t(context);
    const data = await this.deps.conversationData.get(context, {});
    const answers = this.answers(state, data.lastPrecheck?.answers);
    if (!state.consent) throw new Error('referral without consent');
    let result;
    try {
      result = await this.deps.leads.submit(
        {
          precheck: precheckRecord(answers, data.lastPrecheck?.result),
          contact: { name: state.data.name ?? '', phone: state.data.phone, email: state.data.email, preferredTime: state.data.preferredTime },
          employer: employerRecord(answers),
          consent: {
            noticeVersion: state.consent.noticeVersion,
            textHash: state.consent.textHash,
            ...(state.consent.language ? { language: state.consent.language } : {}),
            givenAt: new Date(state.consent.givenAt),
          },
          locale: turnLanguage(context),
          channel: context.activity.channelId,
          // the lead's owner: this chat identity (on Teams the AAD object id), never its contacts
          channelUserId: workerIdentity(context).userId || undefined,
          conversationRef: TurnContext.getConversationReference(context.activity) as Record<string, unknown>,
        },
        state.submissionId,
        // the reply waits for the lead (its reference) on disk, not for its events' outbox rows: published right after
        { events: 'after' },
      );
    } catch (err) {
      if (isAppError(err) && err instanceof ValidationError) {
        // Only fields the worker typed can be invalid here; ask for them again.
        state.editing = true;
        state.step = err.field.startsWith('contact.name') ? 'name' : 'contact';
        await context.sendActivity(await this.question(context, state, true));
        return Dialog.EndOfTurn;
      }
      throw err;
    }
    const { lead, updatedExisting } = result;
    this.deps.onEvent?.(updatedExisting ? 'referral.updated' : 'referral.submitted', context);
    // "what now?" later in this conversation answers with this reference (erased with the conversation's data)
    data.sentReference = lead.reference;
    await this.deps.conversationData.set(context, data);
    const transcriptKept = await this.attachTranscript(context, state, lead._id);
    const project = lead.projectId ? await this.deps.projects.get(lead.projectId) : undefined;
    const lines = [
      t(updatedExisting ? 'referral.doneUpdated' : 'referral.done', { reference: lead.reference }),
      project ? t('referral.doneProject', { project: project.title }) : t('referral.doneUnassigned'),
      ...(transcriptKept ? [t('referral.transcript.attached')] : []),
      t('referral.dataHint'),
    ];
    await context.sendActivity(messageWithButtons(lines.join('\n\n'), [t('eligibility.buttons.menu')], context.activity.channelId));
    return dc.endDialog({ reference: lead.reference });
  }
}

/** Forgets what a step collected, so that it is asked again. */
function forgetStep(state: DialogState, step: Step): void {
  switch (step) {
    case 'consent':
      state.consent = undefined;
      break;
    case 'transcript':
      if (state.transcript) state.transcript = { handoffId: state.transcript.handoffId };
      break;
    case 'name':
      state.data.name = undefined;
      break;
    case 'contact':
      state.data.phone = undefined;
      state.data.email = undefined;
      break;
    case 'time':
      state.data.preferredTime = undefined;
      break;
    case 'employer':
      state.data.employer = undefined;
      break;
    case 'sector':
      state.data.sector = undefined;
      break;
    case 'summary':
      break;
  }
}
