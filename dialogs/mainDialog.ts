import type { Dialog, DialogContext, DialogState, DialogStateManagerConfiguration, DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
// botbuilder-dialogs' own modules, not the package's index: the index also loads every prompt (choice, number,
// date-time, ...) and the recognizers behind them, which this bot does not use; they were a fifth of the modules a
// start loads (a start in production, and every test file that builds the bot). The classes are the same either way.
import { ComponentDialog } from 'botbuilder-dialogs/lib/componentDialog';
import { DialogTurnStatus } from 'botbuilder-dialogs/lib/dialog';
import { DialogSet } from 'botbuilder-dialogs/lib/dialogSet';
import { WaterfallDialog } from 'botbuilder-dialogs/lib/waterfallDialog';
import { hash } from 'node:crypto';
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import { LANGUAGES, type Language, type Translate, type Translator } from '../models/i18n';
import type { Logger } from '../models/logger';
import { CommandRecognizer, type Command } from './commands';
import { recognizeInterruption, recognizeWithdrawal } from './interruptions';
import { InterruptibleDialog } from './interruptibleDialog';
import { looksLikeQuestion } from './referral/fieldChecks';
import type { InformReply, InformResponder } from './inform/informResponder';
import { recognizeNoticeRequest, recognizeRequest, type Request } from './intents';
import { recognizeSmallTalk } from './smallTalk';
import { asksForNextStep, nextStepReply, type NextStepSituation } from './nextStep';
import { asksToGoBack } from './understanding/goBack';
import { recognizePersonRequest } from './personRequest';
import { handoffReply } from './handoffReply';
import type { HandoffAvailability } from '../models/handoff/handoffAvailability';
import { speaksForEmployer } from './understanding/employer';
import { entriesForAnotherKindOfQuestion } from './eligibility/participation';
import { asksAboutOwnParticipation } from './eligibility/trigger';
import { questionParts } from '../models/faq/answerer';
import { isOnlyYesNo, recognizeYesNo } from './understanding/yesNo';
import type { CampaignRequest } from './campaign/campaignIntents';
import { menuActivity, recognizeMenuAction, type MenuAction } from './menu';
import { messageWithButtons } from './buttons';
import type { ConversationData, UserProfile } from './state';
import type { EraseDataOptions } from './referral/workerData';
import { setTurnLanguage, turnLanguage } from './turnLanguage';
import { detectedLanguageActivity, languageChoiceActivity, languageToSwitchTo, recognizeLanguageName } from './languageChoice';

export const MAIN_DIALOG = 'mainDialog';

/** A request that opens a dialog ("i miei dati" is answered in one turn). */
type Goal = Exclude<Request, 'myData'> | 'subscribe';
const ROUTE = 'route';
/**
 * Where botbuilder-dialogs' DialogStateManager looks for its configuration in turn state before building it: on
 * every turn it otherwise instantiates every memory scope and path resolver anew through a service collection
 * (about 2% of a turn's CPU). They hold nothing of a turn (they read the turn's context when asked), so the first
 * turn's set is handed to the later ones. Should a botbuilder release rename the key, it builds them itself again.
 */
const STATE_MANAGER_CONFIGURATION = 'DialogStateManagerConfiguration';

/** The goal dialogs the main dialog starts. */
export interface GoalDialogs {
  eligibility: Dialog;
  referral: Dialog;
  eraseData: Dialog;
  /** the campaign's news: subscribe (dialogs/campaign/) */
  subscribe?: Dialog;
}

/** The campaign's one-turn requests: "le mie iscrizioni", and "stop notizie" (which works from inside any dialog). */
export interface CampaignRequests {
  recognize(text: string | undefined): CampaignRequest | undefined;
  list(context: TurnContext): Promise<void>;
  unsubscribe(context: TurnContext): Promise<void>;
  /** the worker switched language: their subscriptions follow it; how many changed */
  followLanguage(context: TurnContext, language: Language): Promise<number>;
}

export interface MainDialogDeps {
  translator: Translator;
  inform: InformResponder;
  userProfile: StatePropertyAccessor<UserProfile>;
  conversationData: StatePropertyAccessor<ConversationData>;
  goals: GoalDialogs;
  logger: Logger;
  /** "i miei dati": shows what is stored about the worker (single turn); `answersInProgress`: this chat holds answers */
  showWorkerData: (context: TurnContext, options: { answersInProgress: boolean }) => Promise<void>;
  /** does a message describe the worker's own case (then the pre-check starts with it)? */
  describesOwnCase?: (text: string, language: Language) => boolean;
  /** counts what users do, for the campaign's figures; never receives what they typed */
  onEvent?: (event: string, context: TurnContext) => void;
  /** the province a message names ("incontri a Bergamo"), for the info sessions list */
  placeOf?: (text: string, language: Language) => { code: string; name: string } | undefined;
  /** subscriptions to the campaign's news */
  campaign?: CampaignRequests;
  /** "ritiro il consenso": withdraws the worker's open referrals (closed, personal data erased); their references */
  withdrawConsent?: (context: TurnContext) => Promise<Array<{ reference: string }>>;
  /**
   * A person asked for: whether operators are at work now and when next (models/handoff/handoffAvailability.ts, office
   * hours and published holidays); without it, as in office hours
   */
  handoffAvailability?: (context: TurnContext) => HandoffAvailability | Promise<HandoffAvailability>;
  /**
   * The live handoff (bot/handoff/liveHandoff.ts): opens the worker's request when availability is 'connecting';
   * false when it could not (then the call-back is offered as when nobody is available)
   */
  liveHandoff?: { start(context: TurnContext): Promise<boolean> };
}

/**
 * The root of every conversation: commands that work from anywhere (menu, help, cancel, language), then the
 * routing of a message to a menu topic, a goal dialog or a free-text answer.
 */
/** A yes of at most this many words accepts what the last answer invited ("sì", "sì grazie", "ok, facciamola"). */
const OFFER_ACCEPT_WORDS = 4;

/**
 * What makes two answers the same answer: the FAQ entry and the very text given (content published in between makes
 * it a new answer, which is given); undefined for anything but an answer from an entry.
 */
function answerKey(reply: InformReply): string | undefined {
  if (reply.outcome !== 'answered' || reply.faqId === undefined) return undefined;
  // (asked twice a turn, whether the answer repeats the last one and what to remember: hashed once)
  let key = answerKeys.get(reply);
  if (key === undefined) {
    const text = typeof reply.activity.text === 'string' ? reply.activity.text : '';
    answerKeys.set(reply, (key = `${reply.faqId}:${shortHash(text)}`));
  }
  return key;
}
const answerKeys = new WeakMap<InformReply, string>();

/** Not the text itself: conversation state keeps nothing the worker typed that it does not need. */
function shortHash(text: string): string {
  // crypto.hash: the one-shot form of createHash().update().digest(), the same digest without a Hash object
  return hash('sha256', text, 'base64url').slice(0, 12);
}

/**
 * The answer given and the message it answered (answerKey and a hash of the message), as the state keeps them; the
 * same answer to the very same message sent again is given again (a double send, or asked to see it again).
 */
function answeredKeyOf(reply: InformReply, message: string): string | undefined {
  const key = answerKey(reply);
  return key === undefined ? undefined : `${key}|${shortHash(message.trim().toLowerCase())}`;
}

/** The same answer as before, to another message ("è disoccupato da marzo" after the answer about the unemployed). */
function repeatsAnswer(reply: InformReply, message: string, answered: string | undefined): boolean {
  const key = answerKey(reply);
  if (key === undefined || answered === undefined) return false;
  const [previousAnswer, previousMessage] = answered.split('|');
  return previousAnswer === key && previousMessage !== shortHash(message.trim().toLowerCase());
}
/** A case told is kept this long at most until the next message (a pasted story is cut: its start has the facts). */
const MAX_OFFERED_CASE_CHARS = 1000;

export class MainDialog extends ComponentDialog {
  private readonly commands: CommandRecognizer;
  private readonly allTranslators: Translate[];
  /** the words a goal dialog starts from when they are not this turn's message (a case told before an offer taken) */
  private readonly goalUtterances = new WeakMap<TurnContext, string>();
  /** the memory scopes and path resolvers of the first turn's dialog context (see STATE_MANAGER_CONFIGURATION) */
  private stateManagerConfiguration: DialogStateManagerConfiguration | undefined;

  constructor(private readonly deps: MainDialogDeps) {
    super(MAIN_DIALOG);
    this.commands = new CommandRecognizer(deps.translator);
    this.allTranslators = LANGUAGES.map((l) => deps.translator.forLanguage(l));
    for (const dialog of Object.values(deps.goals)) if (dialog) this.addDialog(dialog);
    this.addDialog(new WaterfallDialog(ROUTE, [this.routeStep.bind(this), this.afterGoalStep.bind(this)]));
    this.initialDialogId = ROUTE;
  }

  /**
   * Runs one turn. With no dialog under way, the message is answered directly (commands, menu topics, questions)
   * and the dialog machinery is only built when a goal dialog starts: most turns are single answers, and this
   * keeps them cheap. With a dialog under way, the turn continues it.
   */
  async run(context: TurnContext, dialogState: StatePropertyAccessor<DialogState>): Promise<void> {
    const state = await dialogState.get(context, { dialogStack: [] });
    if (state.dialogStack.length === 0) {
      const goal = await this.respond(context);
      if (!goal) return;
      const dc = await this.dialogContext(context, dialogState);
      await dc.beginDialog(this.id, { goal });
      return;
    }
    const dc = await this.dialogContext(context, dialogState);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.id);
  }

  private async dialogContext(context: TurnContext, dialogState: StatePropertyAccessor<DialogState>): Promise<DialogContext> {
    const dialogSet = new DialogSet(dialogState);
    dialogSet.add(this);
    if (this.stateManagerConfiguration) context.turnState.set(STATE_MANAGER_CONFIGURATION, this.stateManagerConfiguration);
    const dc = await dialogSet.createContext(context);
    this.stateManagerConfiguration ??= dc.state.configuration;
    return dc;
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const interrupted = await this.interrupt(innerDc);
    if (interrupted) return interrupted;
    return super.onContinueDialog(innerDc);
  }

  private t(context: TurnContext): Translate {
    return this.deps.translator.forLanguage(turnLanguage(context));
  }

  /**
   * Commands typed while a goal dialog waits for an answer, at any step of any dialog (a consent, a name, a time, a
   * firm, a province, the erasure's own confirmation). This is the one place they are caught: the active dialog
   * never sees them, so none is ever stored as a value. A command is a whole message ("stop srl" is a firm, not
   * "stop"). What each does to the dialog it interrupts:
   * - "annulla"/"stop"/"cancel", "menu", "stop notizie", a menu button: the dialog ends (with what was typed into it);
   * - "aiuto", a language switch, "i miei dati", "le mie iscrizioni": answered, then the same question is asked
   *   again and the dialog waits for its answer, everything collected so far intact;
   * - "cancella i miei dati": its confirmation goes on top of the dialog; "sì" ends every dialog and erases (see
   *   EraseDataDialog), "no" resumes the interrupted question (InterruptibleDialog). Typed at that confirmation
   *   itself, it asks the confirmation again.
   */
  private async interrupt(innerDc: DialogContext): Promise<DialogTurnResult | undefined> {
    const context = innerDc.context;
    if (context.activity.type !== 'message') return undefined;
    const text = context.activity.text;
    const interruption = recognizeInterruption(text, this.commands, this.deps.campaign);
    switch (interruption) {
      case 'cancel':
        await innerDc.cancelAllDialogs();
        this.deps.onEvent?.('dialog.cancelled', context);
        await context.sendActivity(menuActivity(this.t(context), context.activity.channelId, this.t(context)('cancel.done')));
        return { status: DialogTurnStatus.complete };
      case 'menu':
        await innerDc.cancelAllDialogs();
        await context.sendActivity(menuActivity(this.t(context), context.activity.channelId));
        return { status: DialogTurnStatus.complete };
      case 'help':
        return this.helpInDialog(innerDc);
      case 'restart':
        await innerDc.cancelAllDialogs();
        await context.sendActivity(menuActivity(this.t(context), context.activity.channelId, `${this.t(context)('smallTalk.restart')} ${this.t(context)('menu.prompt')}`));
        return { status: DialogTurnStatus.complete };
      case 'human':
        await this.answerPersonRequest(context, { inDialog: true });
        return this.resume(innerDc);
      case 'switchToEnglish':
      case 'switchToItalian':
        await this.switchLanguage(context, interruption === 'switchToEnglish' ? 'en' : 'it');
        return this.resume(innerDc);
      case 'unsubscribe':
        // "stop notizie" ends every subscription from anywhere, and the dialog under way with it
        await innerDc.cancelAllDialogs();
        await this.deps.campaign?.unsubscribe(context);
        return { status: DialogTurnStatus.complete };
      case 'subscriptions':
        await this.deps.campaign?.list(context);
        return this.resume(innerDc);
      case 'myData':
        await this.deps.showWorkerData(context, { answersInProgress: true });
        return this.resume(innerDc);
      case 'eraseData':
        if (innerDc.activeDialog?.id === this.deps.goals.eraseData.id) return this.resume(innerDc);
        return innerDc.beginDialog(this.deps.goals.eraseData.id, { interrupted: true } satisfies EraseDataOptions);
      case undefined:
        break;
    }
    // "Română", "Shqip" (the language menu's buttons): answered in that language, then the same question again
    const named = recognizeLanguageName(text, true);
    if (named) {
      await this.switchLanguage(context, named);
      return this.resume(innerDc);
    }
    // A menu button pressed while a dialog waits starts that topic instead of being taken as an answer; "talk to a
    // person" is answered as a person asked for, and the dialog goes on
    const menuAction = recognizeMenuAction(text ?? '', this.allTranslators);
    if (menuAction === 'person') {
      await this.answerPersonRequest(context, { inDialog: true });
      return this.resume(innerDc);
    }
    // the call-back's button (offered beside a person asked for) pressed while the referral is under way: it goes on,
    // the answers kept, rather than starting over
    if (menuAction === 'contact' && innerDc.stack.some((instance) => instance.id === this.deps.goals.referral.id)) return this.resume(innerDc);
    if (menuAction) {
      await innerDc.cancelAllDialogs();
      return innerDc.beginDialog(ROUTE);
    }
    if (recognizeWithdrawal(text)) {
      const referralUnderWay = innerDc.stack.some((instance) => instance.id === this.deps.goals.referral.id);
      await innerDc.cancelAllDialogs();
      await this.withdrawConsent(context, referralUnderWay);
      return { status: DialogTurnStatus.complete };
    }
    return this.answerQuestionAtStep(innerDc);
  }

  /**
   * A question typed at a form step ("quanto dura?", "prima rispondimi: possiamo partecipare in gruppo?") is
   * answered first, then the step is asked again; it never becomes the step's value. Which steps take questions is
   * each dialog's questionPolicy (InterruptibleDialog): done here once for every prompt of every dialog.
   */
  private async answerQuestionAtStep(innerDc: DialogContext): Promise<DialogTurnResult | undefined> {
    const context = innerDc.context;
    const text = (context.activity.text ?? '').trim();
    const instance = innerDc.activeDialog;
    const dialog = instance ? innerDc.findDialog(instance.id) : undefined;
    if (!text || !instance || !(dialog instanceof InterruptibleDialog)) return undefined;
    const t = this.t(context);
    // "e adesso?" at a step (before the step tries it as an answer: "adesso" would be a date): where the worker is
    // and what answering leads to, then the step again; at the pre-check's outcome the outcome's own choices answer
    if (dialog.waitsForAnAnswer(instance.state) && asksForNextStep(text, { atStep: true })) {
      this.deps.onEvent?.('dialog.nextStepAtStep', context);
      const key = instance.id === this.deps.goals.eligibility.id ? 'nextStep.inPrecheck' : instance.id === this.deps.goals.referral.id ? 'nextStep.inReferral' : 'nextStep.inStep';
      await context.sendActivity(t(key));
      return this.resume(innerDc);
    }
    const policy = dialog.questionPolicy(instance.state, text, context);
    if (policy === 'none') return undefined;
    const language = turnLanguage(context);
    const asked = looksLikeQuestion(text);
    // "prima rispondimi: ...": the question without its lead-in is what the FAQ is asked
    const question = text.replace(/^(prima rispondimi|rispondimi prima|rispondi prima|first answer me|answer me first)\s*[:,-]?\s*/i, '') || text;
    // a statement is taken as a question only when the FAQ answers it with confidence and it is more than a name
    const words = text.split(/\s+/);
    // ("Cassa Rurale di Bergamo" is a firm the FAQ may match: a run of capitalised words is a name, not a question)
    const capitalised = words.filter((w) => /^\p{Lu}/u.test(w)).length;
    const mayBeQuestion = words.length >= 4 && capitalised * 2 < words.length;
    // the FAQ is asked only when its answer can be used: most answers at a step ("Mario Rossi", "Pomeriggio", a firm)
    // are too short to be a statement taken as a question, and searching for them was work thrown away
    const reply = asked || (policy === 'questionsAndFaq' && mayBeQuestion) ? this.deps.inform.answer(language, question, t, context.activity.channelId) : undefined;
    const confident = reply?.outcome === 'answered' && mayBeQuestion;
    if (!asked && !confident) return undefined;
    this.deps.onEvent?.('dialog.questionAtStep', context);
    // a suggestion's topics are buttons, which the step's own buttons replace here: without them "did you mean one of
    // these topics?" points at nothing, so it is said as no sure answer
    if (reply && reply.outcome === 'answered') {
      const body = typeof reply.activity.text === 'string' ? reply.activity.text : '';
      await context.sendActivity(`${body}\n\n${t('dialog.questionThenStep')}`);
    } else {
      await context.sendActivity(t('dialog.questionNoAnswer'));
    }
    return this.resume(innerDc);
  }

  /** "Ritiro il consenso": a referral under way is dropped (nothing stored), sent ones are withdrawn; said which. */
  private async withdrawConsent(context: TurnContext, referralUnderWay: boolean): Promise<void> {
    const t = this.t(context);
    const withdrawn = (await this.deps.withdrawConsent?.(context)) ?? [];
    if (withdrawn.length > 0) this.deps.onEvent?.('referral.withdrawn', context);
    // no referral stands any more: "what now?" must not say that one is registered
    const data = await this.deps.conversationData.get(context, {});
    if (data.sentReference !== undefined) {
      data.sentReference = undefined;
      await this.deps.conversationData.set(context, data);
    }
    const lines = [
      ...(referralUnderWay ? [t('consentWithdrawal.beforeSending')] : []),
      ...(withdrawn.length > 0 ? [t('consentWithdrawal.afterSending', { references: withdrawn.map((l) => l.reference).join(', ') })] : []),
      ...(!referralUnderWay && withdrawn.length === 0 ? [t('consentWithdrawal.nothing')] : []),
    ];
    await context.sendActivity(menuActivity(t, context.activity.channelId, lines.join('\n\n')));
  }

  /** The interrupted dialog asks its question again and goes on waiting for the answer. */
  private async resume(innerDc: DialogContext): Promise<DialogTurnResult> {
    await innerDc.repromptDialog();
    return { status: DialogTurnStatus.waiting };
  }

  /** "aiuto" inside a dialog explains how to answer and asks the question again, rather than dropping the dialog. */
  private async helpInDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    await innerDc.context.sendActivity(this.t(innerDc.context)('help.inDialog'));
    return this.resume(innerDc);
  }

  private async switchLanguage(context: TurnContext, language: Language): Promise<void> {
    const followed = await this.rememberLanguage(context, language);
    const t = this.t(context);
    // (languageChoice.switched: said in each of the eight languages, while the newer ones' other strings are translated)
    await context.sendActivity(followed > 0 ? [t('languageChoice.switched'), t('language.subscriptionsFollow')].join('\n\n') : t('languageChoice.switched'));
  }

  /** The worker's language from now on (user state, this turn, their news); how many subscriptions followed. */
  private async rememberLanguage(context: TurnContext, language: Language): Promise<number> {
    const profile = await this.deps.userProfile.get(context, {});
    profile.language = language;
    await this.deps.userProfile.set(context, profile);
    setTurnLanguage(context, language);
    this.deps.onEvent?.(`language.${language}`, context);
    // the news they subscribed to follows, so the next announcement arrives in the new language
    return (await this.deps.campaign?.followLanguage(context, language)) ?? 0;
  }

  /**
   * The first free-text message of a worker who never chose a language, written in one of the six newer languages:
   * from now on the bot speaks it and says so in it, with one tap back to Italian or English; true when it switched
   * (the caller then answers the message in the new language).
   */
  private async answerInWorkersLanguage(context: TurnContext, text: string): Promise<boolean> {
    if (!text) return false;
    const data = await this.deps.conversationData.get(context, {});
    if (data.languageRead) return false;
    // read without a default: get(context, {}) would set an empty profile, and user state would be written on every
    // new worker's first turn (one more store write, and a document per visitor) though nobody chose a language
    const profile = await this.deps.userProfile.get(context);
    const { read, language } = languageToSwitchTo(text, turnLanguage(context), profile?.language);
    if (!read) return false;
    data.languageRead = true;
    await this.deps.conversationData.set(context, data);
    if (!language) return false;
    await this.rememberLanguage(context, language);
    this.deps.onEvent?.('language.identified', context);
    await context.sendActivity(detectedLanguageActivity(this.t(context)));
    return true;
  }

  private async routeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const goal = (step.options as { goal?: Goal } | undefined)?.goal ?? (await this.respond(step.context));
    if (!goal) return step.endDialog();
    return this.beginGoal(goal, step);
  }

  /**
   * Answers a message that needs no dialog (a command, a menu topic, a question) and returns nothing; or returns
   * the goal dialog to start, having sent nothing.
   */
  private async respond(context: TurnContext): Promise<Goal | undefined> {
    const text = (context.activity.text ?? '').trim();
    const t = this.t(context);
    const channelId = context.activity.channelId;

    // the operator turned the live handoff into a referral: this message starts it (bot/handoff/liveHandoff.ts)
    if ((await this.deps.conversationData.get(context, {})).referralFromHandoff) return 'contact';
    // a first message in a newer language: said so, with one tap back, and then the message itself is answered in it;
    // before the commands, small talk and menu titles, which are recognised in every language ("pot participa?" is
    // the Romanian menu's button, "vreau să anulez" a cancel) but would otherwise be answered in Italian
    if (await this.answerInWorkersLanguage(context, text)) return this.respond(context);
    // what the last answer offered and the run of misunderstood messages before this one hold for this message only:
    // anything else said in between (a menu button, "grazie", a language, a pre-check) ends both
    const { offered, offeredCase, misses, answeredKey } = await this.takeOffer(context);
    // "no grazie" right after the call-back was offered declines it: said plainly that nothing is sent (before small
    // talk, which would take it for thanks)
    if (offered === 'contact' && text.split(/\s+/).length <= OFFER_ACCEPT_WORDS && recognizeYesNo(text, turnLanguage(context)) === false && !this.isAnsweredQuestion(text, t, channelId, context)) {
      this.deps.onEvent?.('offer.declined', context);
      await context.sendActivity(messageWithButtons(t('eligibility.outcome.declined'), [t('menu.eligibility'), t('eligibility.buttons.menu')], channelId));
      return undefined;
    }
    // before the keywords: "ciao ciao" is goodbye, not the greeting "ciao"
    if (await this.handleSmallTalk(context)) return undefined;
    // "indietro" with no question on screen (the steps take it themselves) goes back to where everything starts
    const command = this.commands.recognize(text) ?? (asksToGoBack(text) ? 'menu' : undefined);
    if (command) {
      await this.handleCommand(command, context);
      return undefined;
    }
    const named = recognizeLanguageName(text);
    if (named) {
      await this.switchLanguage(context, named);
      await context.sendActivity(menuActivity(this.t(context), channelId));
      return undefined;
    }
    const menuAction = recognizeMenuAction(text, this.allTranslators);
    // the pre-check's button beside the answer to a case told starts from that case, as "sì" does (below)
    if (menuAction === 'eligibility' && offered === 'eligibility' && offeredCase) this.goalUtterances.set(context, offeredCase);
    if (menuAction) return this.handleMenuAction(menuAction, context);
    const campaign = this.deps.campaign?.recognize(text);
    if (campaign === 'subscribe' && this.deps.goals.subscribe) return 'subscribe';
    if (campaign === 'subscriptions' || campaign === 'unsubscribe') {
      await (campaign === 'subscriptions' ? this.deps.campaign?.list(context) : this.deps.campaign?.unsubscribe(context));
      return undefined;
    }
    if (recognizeWithdrawal(text)) {
      await this.withdrawConsent(context, false);
      return undefined;
    }
    const request = recognizeRequest(text);
    if (request === 'myData') {
      const data = await this.deps.conversationData.get(context, {});
      await this.deps.showWorkerData(context, { answersInProgress: data.lastPrecheck !== undefined });
      return undefined;
    }
    if (request) return request;
    // "e adesso?", "what now?", "ce urmează?": the next step from where the conversation is
    if (asksForNextStep(text)) {
      this.deps.onEvent?.('conversation.nextStep', context);
      await this.answerNextStep(context, { offered, offeredCase });
      return undefined;
    }
    const notice = recognizeNoticeRequest(text);
    if (notice) {
      const lang = turnLanguage(context);
      const reply = notice === 'news' ? this.deps.inform.news(lang, t, channelId) : this.deps.inform.events(lang, this.deps.placeOf?.(text, lang), t, channelId);
      this.deps.onEvent?.(`${notice}.listed`, context);
      await context.sendActivity(reply.activity);
      return undefined;
    }

    const language = turnLanguage(context);
    // "sì" right after an answer that invited the pre-check or a call-back starts it (a bare yes is otherwise no
    // question for the FAQ: it fell to "non ho capito")
    if (offered && text.split(/\s+/).length <= OFFER_ACCEPT_WORDS && recognizeYesNo(text, language) === true && !this.isAnsweredQuestion(text, t, channelId, context)) {
      // the pre-check offered beside the answer to a case told starts from that case, not from "sì"
      if (offered === 'eligibility' && offeredCase) this.goalUtterances.set(context, offeredCase);
      if (offered !== 'person') return offered;
      await this.answerPersonRequest(context, { inDialog: false });
      return undefined;
    }
    // someone writing for a firm gets the answer for firms, not the worker's pre-check
    const forFirm = speaksForEmployer(text);
    // A case told with a question about its rule and no work site ("sono in cassa integrazione con esuberi, posso
    // entrare?") gets the rule from the FAQ, the pre-check offered beside it; told with a place, or when the FAQ has
    // no rule for it, the pre-check starts with what the message says.
    const ownCase = !forFirm && this.deps.describesOwnCase?.(text, language) === true;
    const caseRule =
      (ownCase && looksLikeQuestion(text) && this.deps.placeOf?.(text, language) === undefined ? this.deps.inform.caseRuleAnswer(language, text, t, channelId) : undefined) ??
      // A case told, place and all, whose question at the end is of another kind ("lucrez la o ditta in Brescia ...,
      // cât timp durează programul?", "... ¿esto es gratis?"): that question is answered, with the pre-check offered
      // beside it as its first button, when the FAQ answers it with an entry of the kind asked (a length of time, a
      // cost); else the pre-check starts with what the message told, as before.
      (ownCase ? this.answerOfAnotherKind(language, text, t, channelId) : undefined);
    if (ownCase && !caseRule) return 'eligibility';
    const sectionId = this.deps.inform.sectionByTitle(language, text);
    const reply =
      caseRule ??
      (sectionId
        ? this.deps.inform.section(language, sectionId, t, channelId)
        : text
          ? forFirm
            ? this.deps.inform.answerForFirm(language, text, t, channelId)
            : this.deps.inform.answer(language, text, t, channelId)
          : undefined);
    // the very answer just given, asked for again in other words ("è disoccupato da marzo" after the answer about the
    // unemployed): not given twice in a row; the next step is said instead
    if (reply !== undefined && repeatsAnswer(reply, text, answeredKey)) {
      this.deps.onEvent?.('question.repeated', context);
      await this.answerNextStep(context, { offered: offered ?? this.offerIn(reply), offeredCase: caseRule ? text : offeredCase }, t('nextStep.sameAnswer'), answeredKey);
      return undefined;
    }
    if (reply) {
      this.deps.onEvent?.(`question.${reply.outcome}`, context);
      await this.rememberSection(context, reply, caseRule ? text : undefined);
      await context.sendActivity(reply.activity);
      return undefined;
    }
    // "sono una badante, posso partecipare?": no sure answer, but one's own taking part asked about: the pre-check
    // finds it out (it asks what it needs) instead of "non ho capito"
    if (!forFirm && asksAboutOwnParticipation(text)) return 'eligibility';
    this.deps.onEvent?.('question.not_understood', context);
    // never the same "non ho capito" three times in a row: every second miss says it otherwise and offers a person
    const data = await this.deps.conversationData.get(context, {});
    data.notUnderstood = misses + 1;
    await this.deps.conversationData.set(context, data);
    const again = data.notUnderstood % 2 === 0;
    // the second miss in a row offers a person: "sì" right after takes the offer
    if (again) data.offered = 'person';
    const fallback = again ? t('fallback.notUnderstoodAgain') : `${t('fallback.notUnderstood')}\n\n${t('menu.prompt')}`;
    await context.sendActivity(menuActivity(t, channelId, fallback));
    return undefined;
  }

  /**
   * A short question the FAQ answers, which takes no offer and declines none though a yes or no word stands in it:
   * the impersonal "si" of "come si aderisce?" and "si paga?", the "già" of "è già scaduto?" were read as "sì", and
   * asked right after an answer that offered the pre-check they started it instead of being answered. A question
   * made of nothing but a yes ("sì?", "perché no?", "sure, why not?") still takes the offer.
   */
  private isAnsweredQuestion(text: string, t: Translate, channelId: string | undefined, context: TurnContext): boolean {
    const language = turnLanguage(context);
    return looksLikeQuestion(text) && !isOnlyYesNo(text, language) && this.deps.inform.answer(language, text, t, channelId)?.outcome === 'answered';
  }

  /** The FAQ's answer to the question ending a message when it asks something else than "may I take part?" (see respond). */
  private answerOfAnotherKind(language: Language, text: string, t: Translate, channelId: string | undefined): InformReply | undefined {
    const entries = entriesForAnotherKindOfQuestion(questionParts(text)[0] ?? text);
    if (entries.size === 0) return undefined;
    const reply = this.deps.inform.answer(language, text, t, channelId);
    return reply?.outcome === 'answered' && reply.faqId !== undefined && entries.has(reply.faqId) ? reply : undefined;
  }

  /** A goal dialog may hand over: the pre-check to the referral, or a message it did not expect back to routing. */
  private async afterGoalStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const next = (step.result as { next?: string } | undefined)?.next;
    if (next === 'referral') return this.beginGoal('contact', step);
    if (next === 'reroute') return step.replaceDialog(ROUTE);
    return step.endDialog(step.result);
  }

  private async handleCommand(command: Command, context: TurnContext): Promise<void> {
    const t = this.t(context);
    const channelId = context.activity.channelId;
    switch (command) {
      case 'switchToEnglish':
      case 'switchToItalian':
        await this.switchLanguage(context, command === 'switchToEnglish' ? 'en' : 'it');
        await context.sendActivity(menuActivity(this.t(context), channelId));
        return;
      case 'cancel':
        await context.sendActivity(menuActivity(t, channelId, t('cancel.nothing')));
        return;
      case 'thanks':
        await context.sendActivity(t('thanks'));
        return;
      case 'greeting':
        await context.sendActivity(menuActivity(t, channelId, `${t('welcome.returning')} ${t('menu.prompt')}`));
        return;
      case 'more': {
        const data = await this.deps.conversationData.get(context, {});
        const last = data.lastSectionId ? { sectionId: data.lastSectionId, level: data.lastMoreLevel, faqId: data.lastFaqId } : undefined;
        const reply = last ? this.deps.inform.more(turnLanguage(context), last, t, channelId) : undefined;
        if (reply) {
          await this.rememberSection(context, reply);
          await context.sendActivity(reply.activity);
        } else {
          await context.sendActivity(menuActivity(t, channelId));
        }
        return;
      }
      case 'menu':
      case 'help':
        await context.sendActivity(menuActivity(t, channelId));
        return;
    }
  }

  private async handleMenuAction(action: MenuAction, context: TurnContext): Promise<Goal | undefined> {
    const t = this.t(context);
    this.deps.onEvent?.(`menu.${action}`, context);
    switch (action) {
      case 'measure': {
        const reply = this.deps.inform.section(turnLanguage(context), 'what', t, context.activity.channelId);
        if (reply) {
          await this.rememberSection(context, reply);
          await context.sendActivity(reply.activity);
        }
        return undefined;
      }
      case 'language':
        // the eight languages, each by its own name; a tap comes back as that name (recognizeLanguageName)
        await context.sendActivity(languageChoiceActivity(t, context.activity.channelId));
        return undefined;
      case 'eligibility':
      case 'contact':
        return action;
      case 'person':
        await this.answerPersonRequest(context, { inDialog: false });
        return undefined;
      case 'subscribe':
        return this.deps.goals.subscribe ? 'subscribe' : undefined;
    }
  }

  private async beginGoal(request: Goal, step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (request === 'subscribe' && this.deps.goals.subscribe) return step.beginDialog(this.deps.goals.subscribe.id);
    const dialog = request === 'eligibility' ? this.deps.goals.eligibility : request === 'contact' ? this.deps.goals.referral : this.deps.goals.eraseData;
    return step.beginDialog(dialog.id, { utterance: this.goalUtterances.get(step.context) ?? step.context.activity.text });
  }

  /**
   * The action the previous answer invited, if any, and how many messages in a row before this one were not
   * understood; both forgotten once read (they hold for the very next message).
   */
  private async takeOffer(context: TurnContext): Promise<{ offered: ConversationData['offered']; offeredCase?: string; misses: number; answeredKey?: string }> {
    const data = await this.deps.conversationData.get(context, {});
    const { offered, offeredCase, notUnderstood, answeredKey } = data;
    if (offered !== undefined || offeredCase !== undefined || notUnderstood !== undefined || answeredKey !== undefined) {
      data.offered = undefined;
      data.offeredCase = undefined;
      data.notUnderstood = undefined;
      data.answeredKey = undefined;
      await this.deps.conversationData.set(context, data);
    }
    return { offered, offeredCase, misses: notUnderstood ?? 0, answeredKey };
  }

  /**
   * The next step, from where the conversation is: what the last answer offered, else the referral sent from it, else
   * the last pre-check's outcome, else the start (nextStepReply). Its offer holds for the next message, as an
   * answer's does; `answeredKey` keeps the answer it stands for from being given on the message after either.
   */
  private async answerNextStep(context: TurnContext, last: { offered: ConversationData['offered']; offeredCase?: string }, lead?: string, answeredKey?: string): Promise<void> {
    const data = await this.deps.conversationData.get(context, {});
    const situation: NextStepSituation = last.offered
      ? { kind: 'offered', offer: last.offered }
      : data.sentReference
        ? { kind: 'referred', reference: data.sentReference }
        : data.lastPrecheck
          ? { kind: 'checked', eligible: data.lastPrecheck.result.outcome !== 'not_eligible' }
          : { kind: 'start' };
    const reply = nextStepReply(this.t(context), situation, context.activity.channelId, lead);
    data.offered = reply.offered;
    data.offeredCase = reply.offered === 'eligibility' && last.offered === 'eligibility' && last.offeredCase ? last.offeredCase.slice(0, MAX_OFFERED_CASE_CHARS) : undefined;
    data.answeredKey = answeredKey;
    await this.deps.conversationData.set(context, data);
    await context.sendActivity(reply.activity);
  }

  /**
   * What an answer invites the worker to start: the command it quotes ("scrivi «posso partecipare?»", 'type "I want
   * to be contacted"'), read by the menu's own recogniser in any language.
   */
  private offerIn(reply: InformReply): ConversationData['offered'] {
    const text = typeof reply.activity.text === 'string' ? reply.activity.text : '';
    for (const [, quoted] of text.matchAll(/[«"“]([^»"”]{2,60})[»"”]/gu)) {
      const action = recognizeMenuAction(quoted, this.allTranslators);
      if (action === 'eligibility' || action === 'contact') return action;
    }
    return undefined;
  }

  /** "Tell me more" goes one level deeper into the section behind the last answer; a new answer replaces it. */
  private async rememberSection(context: TurnContext, reply: InformReply | undefined, caseTold?: string): Promise<void> {
    const data = await this.deps.conversationData.get(context, {});
    // (an answer to a case told has the pre-check as its first button: that is the offer, whatever its text quotes)
    data.offered = reply ? (this.offerIn(reply) ?? (caseTold ? 'eligibility' : undefined)) : undefined;
    data.offeredCase = data.offered === 'eligibility' && caseTold ? caseTold.slice(0, MAX_OFFERED_CASE_CHARS) : undefined;
    // an answer breaks a run of misunderstood messages: the offer of a person comes after two in a row
    data.notUnderstood = undefined;
    data.lastSectionId = reply?.sectionId;
    data.lastMoreLevel = reply?.sectionId ? reply.level : undefined;
    data.lastFaqId = reply?.sectionId ? reply.faqId : undefined;
    data.answeredKey = reply ? answeredKeyOf(reply, context.activity.text ?? '') : undefined;
    await this.deps.conversationData.set(context, data);
  }

  /**
   * A person asked for ("voglio parlare con un operatore", the menu's entry, a yes to the offer after two misses) or
   * "sei un robot?": the bot says plainly what it is; then, when an operator who could take the request is available
   * in office hours, that it is looking for one (the request is opened: bot/handoff/liveHandoff.ts); otherwise that
   * no operator can join now, when operators work if they are not at work now, and offers the call-back (the
   * referral, one button away; "sì" starts it). Counted as a person asked for, by language, in the funnel
   * (handoffs_asked); the robot question is not.
   */
  private async answerPersonRequest(context: TurnContext, options: { inDialog: boolean }): Promise<void> {
    const request = recognizePersonRequest(context.activity.text) ?? 'person';
    this.deps.onEvent?.(request === 'person' ? 'handoff.asked' : 'handoff.whatAreYou', context);
    let availability: HandoffAvailability = (await this.deps.handoffAvailability?.(context)) ?? { kind: 'live-unavailable' };
    // "sei un robot?" is answered, not turned into a request; inside a dialog step (whose question comes again right
    // after) the call-back is offered as before; a request that cannot be opened offers the call-back too
    if (availability.kind === 'connecting' && (request !== 'person' || options.inDialog || !(await this.deps.liveHandoff?.start(context)))) availability = { kind: 'live-unavailable' };
    await context.sendActivity(handoffReply(this.t(context), turnLanguage(context), availability, { inDialog: options.inDialog }, context.activity.channelId));
    if (options.inDialog || availability.kind === 'connecting') return;
    const data = await this.deps.conversationData.get(context, {});
    data.offered = 'contact';
    await this.deps.conversationData.set(context, data);
  }

  /** Thanks, goodbye, starting over, a person asked for: answered in one turn. */
  private async handleSmallTalk(context: TurnContext): Promise<boolean> {
    const move = recognizeSmallTalk(context.activity.text);
    if (!move) return false;
    const t = this.t(context);
    const channelId = context.activity.channelId;
    this.deps.onEvent?.(`smallTalk.${move}`, context);
    switch (move) {
      case 'human':
        await this.answerPersonRequest(context, { inDialog: false });
        return true;
      case 'thanks':
        await context.sendActivity(t('thanks'));
        return true;
      case 'goodbye':
        await context.sendActivity(t('smallTalk.goodbye'));
        return true;
      case 'restart':
        await this.rememberSection(context, undefined);
        await context.sendActivity(menuActivity(t, channelId, `${t('smallTalk.restart')} ${t('menu.prompt')}`));
        return true;
    }
  }
}
