import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
// the module itself, not the package's index (which loads every prompt): dialogs/mainDialog.ts says why
import { Dialog } from 'botbuilder-dialogs/lib/dialog';
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { ContentCatalogue } from '../../models/content';
import { assessEligibility, type EligibilityResult, type Situation, type Tri } from '../../models/eligibility';
import { LANGUAGES, type Language, type Translate, type Translator } from '../../models/i18n';
import { SECTORS, sectorFromText, type Sector } from '../../models/sectors';
import { messageWithButtons } from '../buttons';
import { normalizeCommandText } from '../commands';
import type { ConversationData } from '../state';
import { InterruptibleDialog, type QuestionPolicy } from '../interruptibleDialog';
import { saysOutsideLombardy } from '../understanding/outsideLombardy';
import { correctsAnEarlierAnswer, withoutCorrectionCue } from '../understanding/corrections';
import { asksToGoBack } from '../understanding/goBack';
import { asksAContentQuestion, isRefusal, namesTheFirm, readEmployer, stripEmployerLeadIn, withoutRefusal } from '../referral/fieldChecks';
import { turnLanguage } from '../turnLanguage';
import {
  extractFacts,
  mentionsUnnamedIncomeSupport,
  recognizeCrisis,
  recognizeNoWorkHistory,
  recognizePastDate,
  recognizeOwnStatus,
  recognizeRedundancies,
  recognizeFactualYesNo,
  recognizeYesNo,
  type CrisisKind,
  type Gazetteer,
  type NoWorkHistory,
  type PlaceMatch,
  type YesNoAnswer,
} from '../understanding';
import { isAbroad, nextSlot, toEligibilityFacts, type EligibilityAnswers, type Slot } from './answers';
import { candidateLabel, dateLabel, matchLabel, matchesLabel, placeLabel } from './labels';
import { asksWhatAWordMeans } from './trigger';

export const ELIGIBILITY_DIALOG = 'eligibilityDialog';

type Pending = Slot | 'placeWhich' | 'outcome' | 'correctWhich';

interface DialogState {
  answers: EligibilityAnswers;
  pending?: Pending;
  /** the questions asked so far, oldest first, each once (where it was last asked): what "indietro" walks back */
  asked?: Slot[];
  candidates?: PlaceMatch[];
  failures: number;
}

/** A line saying back a fact read from a message, with the answer it is about (leaving date: the situation's). */
interface UnderstoodLine {
  slot: 'place' | 'crisis' | 'redundancies' | 'situation';
  line: string;
}

/**
 * The pending question answered on a copy of the state by questionPolicy, handed on to continueDialog in the same
 * turn: the same reading of the same message from the same state on the same day gives the same answer, so the
 * step adopts it instead of reading the message again.
 */
interface FilledCopy {
  text: string;
  pending: Pending;
  /** the state the copy was taken from, as JSON */
  before: string;
  day: string;
  after: DialogState;
  lines: string[];
}

/** The local calendar day: what the date readings depend on (DateReading has no time of day). */
function dayOf(now: Date): string {
  return `${now.getFullYear()}-${now.getMonth() + 1}-${now.getDate()}`;
}

export interface EligibilityDialogResult {
  answers: EligibilityAnswers;
  result?: EligibilityResult;
  /** what the main dialog does next: start the referral, or route the message that ended the dialog */
  next: 'referral' | 'reroute' | 'done';
}

export interface EligibilityDialogDeps {
  translator: Translator;
  gazetteer: Gazetteer;
  catalogue: ContentCatalogue;
  conversationData: StatePropertyAccessor<ConversationData>;
  now: () => Date;
  onEvent?: (event: string, context: TurnContext) => void;
}

const CRISIS_BUTTONS: Partial<Record<CrisisKind, string>> = {
  CIGS: 'eligibility.buttons.crisisCigs',
  COLLECTIVE_DISMISSAL: 'eligibility.buttons.crisisDismissal',
  INSOLVENCY: 'eligibility.buttons.crisisInsolvency',
  CLOSURE: 'eligibility.buttons.crisisClosure',
  NO_CRISIS: 'eligibility.buttons.crisisNone',
  UNKNOWN: 'eligibility.buttons.dontKnow',
};
const SITUATION_BUTTONS: Partial<Record<Situation, string>> = {
  AT_RISK: 'eligibility.buttons.situationAtRisk',
  UNEMPLOYED: 'eligibility.buttons.situationUnemployed',
  REEMPLOYED: 'eligibility.buttons.situationReemployed',
  NEVER_EMPLOYED: 'eligibility.buttons.situationNeverEmployed',
  OTHER: 'eligibility.buttons.situationOther',
  UNKNOWN: 'eligibility.buttons.dontKnow',
};
const REDUNDANCY_BUTTONS: Record<Tri, string> = {
  yes: 'eligibility.buttons.redundanciesYes',
  no: 'eligibility.buttons.redundanciesNo',
  unknown: 'eligibility.buttons.dontKnow',
};
const INCOME_SUPPORT_BUTTONS: Record<NonNullable<EligibilityAnswers['incomeSupportKind']>, string> = {
  CIGS: 'eligibility.buttons.cigs',
  CIGD: 'eligibility.buttons.cigd',
  CIGO: 'eligibility.buttons.cigo',
  unknown: 'eligibility.buttons.dontKnow',
};
/** The kind said on its own, as an answer to "which cassa integrazione?" ("la straordinaria", "in deroga"). */
const INCOME_SUPPORT_WORDS: Array<[RegExp, 'CIGS' | 'CIGD' | 'CIGO']> = [
  [/\b(straordinari[ao]|extraordinary)\b/, 'CIGS'],
  [/\b(deroga|derogation)\b/, 'CIGD'],
  [/\b(ordinari[ao]|ordinary)\b/, 'CIGO'],
];
/** NASpI, DIS-COLL, "la disoccupazione": unemployment with income support, which the measure does not exclude. */
const INCOME_SUPPORT_CUE = /\b(naspi|dis ?coll|indennita di disoccupazione|la disoccupazione|unemployment benefits?)\b/;
const CORRECTABLE = { place: 'eligibility.correctButtons.place', crisis: 'eligibility.correctButtons.crisis', situation: 'eligibility.correctButtons.situation' } as const;
const SECTOR_BUTTONS = Object.fromEntries(SECTORS.map((s) => [s, `eligibility.sector.${s}`])) as Record<Sector, string>;


/**
 * The eligibility pre-check. Slot filling rather than a fixed waterfall: a first message that already says where
 * and what happened skips those questions, an earlier answer can be corrected at any point, and two failed
 * attempts turn a question into buttons. The rules themselves are models/eligibility (pure).
 */
export class EligibilityDialog extends InterruptibleDialog<{ utterance?: string }> {
  private readonly translators: Translate[];
  /**
   * Where this turn's answer read on a copy by questionPolicy (one per turn at most) is kept in the turn's state: it
   * goes with the turn, as a WeakMap keyed by the turn's context would, without a weak entry per turn for the
   * collector to trace. A key of this dialog's own, as the map was.
   */
  private readonly filledCopyKey = Symbol('eligibility.filledCopy');
  /**
   * Where this turn's readings of a message are kept (extractFacts, mentionsUnnamedIncomeSupport), by reading,
   * language, day and text: the policy's copy, the corrections and the step read the same message up to four times
   * in one turn.
   */
  private readonly turnReadingsKey = Symbol('eligibility.turnReadings');

  constructor(private readonly deps: EligibilityDialogDeps) {
    super(ELIGIBILITY_DIALOG);
    this.translators = LANGUAGES.map((l) => deps.translator.forLanguage(l));
  }

  private t(context: TurnContext): Translate {
    return this.deps.translator.forLanguage(turnLanguage(context));
  }

  override async beginDialog(dc: DialogContext, options?: { utterance?: string }): Promise<DialogTurnResult> {
    const state: DialogState = { answers: {}, failures: 0 };
    dc.activeDialog!.state = state;
    this.deps.onEvent?.('precheck.started', dc.context);
    const lines = [this.t(dc.context)('eligibility.intro')];
    if (options?.utterance) lines.push(...this.absorbFreeText(dc.context, state, options.utterance));
    return this.askNext(dc, state, lines);
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state as DialogState;
    const context = dc.context;
    const text = (context.activity.text ?? '').trim();
    if (context.activity.type !== 'message') return Dialog.EndOfTurn;
    if (asksToGoBack(text)) return this.goBack(dc, state);
    if (state.pending === 'outcome') return this.afterOutcome(dc, state, text);
    if (state.pending === 'correctWhich') return this.afterCorrectWhich(dc, state, text);

    // "no, era Brescia" corrects an earlier answer; it is not also an answer to the question on screen.
    const cued = this.applyCorrections(context, state, text, true);
    if (cued.length > 0) return this.askNext(dc, state, cued);
    const pending = state.pending ?? nextSlot(state.answers, true);
    // The firm's name is free text: a message that states a fact ("sono stato licenziato") is not a name.
    if (pending === 'employer') {
      const stated = this.applyCorrections(context, state, text, false);
      if (stated.length > 0) return this.askNext(dc, state, stated);
      // nor is one that says again what is already known ("non, je n'ai pas encore retrouvé de travail"): said back,
      // and the firm asked again
      const known = this.factsRestated(context, state, text);
      if (known.length > 0) return this.askNext(dc, state, known);
    }
    const filled = pending ? this.fillOrAdopt(context, state, pending, text) : undefined;
    if (filled !== undefined) {
      state.failures = 0;
      return this.askNext(dc, state, filled);
    }
    // Not an answer, but a plain statement that changes an earlier one ("sono stato licenziato").
    const uncued = this.applyCorrections(context, state, text, false);
    if (uncued.length > 0) return this.askNext(dc, state, uncued);
    // nor a miss when it says again what is known ("non ho ancora ritrovato lavoro" at the leaving date): said back
    const restated = this.factsRestated(context, state, text);
    if (restated.length > 0) return this.askNext(dc, state, restated);
    // after two misses the buttons offer a person: pressed, the referral starts with what is known so far
    if (matchesLabel(text, this.translators, 'eligibility.buttons.person')) return dc.endDialog({ answers: state.answers, next: 'referral' } satisfies EligibilityDialogResult);
    state.failures += 1;
    // a third miss does not loop: the question is left as "da verificare" and the pre-check goes on
    if (state.failures >= 3 && pending && this.markUnknown(state, pending)) return this.askNext(dc, state, [this.t(context)('eligibility.understood.movedOn')]);
    return this.ask(dc, state, [], true);
  }

  /** Leaves a question unanswered ("non lo so") after repeated misses; false for one that has no such answer. */
  private markUnknown(state: DialogState, pending: Pending): boolean {
    const a = state.answers;
    switch (pending) {
      case 'place':
      case 'placeWhich':
        a.place = 'unknown';
        state.candidates = undefined;
        state.pending = undefined;
        return true;
      case 'crisis':
        a.crisis = 'UNKNOWN';
        return true;
      case 'situation':
        a.situation = 'UNKNOWN';
        return true;
      case 'incomeSupportKind':
        a.incomeSupportKind = 'unknown';
        return true;
      case 'redundancies':
        a.redundancies = 'unknown';
        return true;
      case 'leftOn':
        a.leftOn = 'unknown';
        return true;
      case 'employer':
        a.employer = 'unknown';
        return true;
      case 'sector':
        a.sector = 'unknown';
        return true;
      default:
        return false;
    }
  }

  /** At the outcome and its corrections the choices are the outcome's: "e adesso?" there is the next step after it. */
  override waitsForAnAnswer(state: DialogState): boolean {
    return state.pending !== undefined && state.pending !== 'outcome' && state.pending !== 'correctWhich';
  }

  /** The question on screen again (after "aiuto", "i miei dati", a declined erasure): a slot, the outcome's choices. */
  override async repromptDialog(context: TurnContext, instance: { state: DialogState }): Promise<void> {
    const state = instance.state;
    if (state.pending === 'outcome') await context.sendActivity(this.outcomeActivity(context, state, []));
    else if (state.pending === 'correctWhich') await context.sendActivity(this.correctWhichActivity(context));
    else await context.sendActivity(this.question(context, state, state.pending ?? 'place', false, []));
  }

  /**
   * Questions typed at the firm's name or sector are answered first (they are free text). At the other questions a
   * message with a question mark is often the answer itself ("e se sono in NASpI?"): it is answered as a question
   * only when, tried on a copy of the answers, it neither answers the question on screen nor corrects an earlier one.
   */
  override questionPolicy(state: DialogState, text: string, context: TurnContext): QuestionPolicy {
    if (state.pending === 'employer') {
      // a statement of one's situation ("sono stato licenziato due mesi fa", "nu am găsit încă un loc de muncă") is
      // no question for the FAQ: the step takes it as the change it is (tried here on a copy)
      const scratch = JSON.parse(JSON.stringify(state)) as DialogState;
      const statement = this.applyCorrections(context, scratch, text, false).length > 0 || this.factsRestated(context, scratch, text).length > 0;
      if (statement) return 'none';
      // "l'azienda è la Fonderia Ghisalba": the firm named, however long, is the answer (a question still is one)
      return namesTheFirm(text) ? 'questions' : 'questionsAndFaq';
    }
    if (state.pending === 'sector') return 'questions';
    if (state.pending === undefined || state.pending === 'outcome' || state.pending === 'correctWhich') return 'none';
    // "what does cassa integrazione mean?", "what counts as a crisis?" at the crisis question ask, they do not answer
    if (this.asksAboutSomething(context, text)) return 'questions';
    const before = JSON.stringify(state);
    const scratch = JSON.parse(before) as DialogState;
    const day = dayOf(this.deps.now());
    const lines = this.fill(context, scratch, state.pending, text);
    if (lines !== undefined) {
      context.turnState.set(this.filledCopyKey, { text, pending: state.pending, before, day, after: scratch, lines } satisfies FilledCopy);
      return 'none';
    }
    if (this.applyCorrections(context, scratch, text, true).length > 0 || this.applyCorrections(context, scratch, text, false).length > 0) return 'none';
    return 'questions';
  }

  /**
   * fill(), or the answer questionPolicy already read on a copy of this very state this turn: adopted (the copy's
   * state put in place) only when the message, the question, the state and the day are all the same.
   */
  private fillOrAdopt(context: TurnContext, state: DialogState, slot: Pending, text: string): string[] | undefined {
    const copy = context.turnState.get(this.filledCopyKey) as FilledCopy | undefined;
    context.turnState.delete(this.filledCopyKey);
    if (copy && copy.text === text && copy.pending === slot && copy.day === dayOf(this.deps.now()) && copy.before === JSON.stringify(state)) {
      Object.assign(state, copy.after);
      return copy.lines;
    }
    return this.fill(context, state, slot, text);
  }

  /** extractFacts, read once per turn for a given message (the readings are only read, never changed). */
  private factsOf(context: TurnContext, text: string, language: Language): ReturnType<typeof extractFacts> {
    const now = this.deps.now();
    return this.readOnce(context, `facts\u0000${language}\u0000${dayOf(now)}\u0000${text}`, () => extractFacts(text, language, now, this.deps.gazetteer));
  }

  /** mentionsUnnamedIncomeSupport, read once per turn for a given message. */
  private unnamedIncomeSupport(context: TurnContext, text: string, language: Language): boolean {
    return this.readOnce(context, `unnamedIncomeSupport\u0000${language}\u0000${text}`, () => mentionsUnnamedIncomeSupport(text, language));
  }

  /**
   * "What does cassa integrazione mean?", "what counts as a crisis?": the message asks about a word or the measure,
   * so it answers and corrects nothing. Read once per turn (the policy, the corrections and the restated facts all ask).
   */
  private asksAboutSomething(context: TurnContext, text: string): boolean {
    return this.readOnce(context, `asksAbout\u0000${text}`, () => asksWhatAWordMeans(text) || asksAContentQuestion(text));
  }

  /** A pure reading of this turn's message, computed on its first use in the turn. */
  private readOnce<T>(context: TurnContext, key: string, read: () => T): T {
    let readings = context.turnState.get(this.turnReadingsKey) as Map<string, unknown> | undefined;
    if (!readings) context.turnState.set(this.turnReadingsKey, (readings = new Map<string, unknown>()));
    if (readings.has(key)) return readings.get(key) as T;
    const value = read();
    readings.set(key, value);
    return value;
  }

  /** Facts the worker volunteered in a message: each one fills its question, which is then skipped. */
  private absorbFreeText(context: TurnContext, state: DialogState, text: string): string[] {
    return this.readFreeText(context, state, text).map((said) => said.line);
  }

  /**
   * absorbFreeText, each line with the answer it says back: a caller that keeps only some of the facts read says
   * back only those (a line for a fact not kept would tell the worker it was taken, and its question would follow).
   */
  private readFreeText(context: TurnContext, state: DialogState, text: string): UnderstoodLine[] {
    const language = turnLanguage(context);
    const facts = this.factsOf(context, text, language);
    const t = this.t(context);
    const lines: UnderstoodLine[] = [];
    if (facts.place?.kind === 'found') {
      state.answers.place = facts.place.place;
      if (facts.place.setAside) lines.push({ slot: 'place', line: t(`eligibility.understood.placeExcluded.${facts.place.setAside}`) });
      lines.push({ slot: 'place', line: this.placeUnderstood(t, facts.place.place) });
    } else if (facts.place?.kind === 'none' && facts.place.excluded) {
      // "abito a Como", "la sede legale è a Milano": said why it is not taken; the place question follows
      lines.push({ slot: 'place', line: t(`eligibility.understood.placeExcluded.${facts.place.excluded}`) });
    }
    if (facts.crisis && facts.crisis !== 'UNKNOWN') {
      state.answers.crisis = facts.crisis;
      lines.push({ slot: 'crisis', line: t('eligibility.understood.crisis', { crisis: t(`eligibility.crisisKind.${facts.crisis}`) }) });
    }
    if (this.unnamedIncomeSupport(context, text, language)) state.answers.incomeSupportUnnamed = true;
    if (facts.redundancies) {
      state.answers.redundancies = facts.redundancies;
      if (withIncomeSupport(state.answers)) lines.push({ slot: 'redundancies', line: t(`eligibility.understood.redundancies.${facts.redundancies}`) });
    }
    if (facts.noWorkHistory) {
      state.answers.situation = 'NEVER_EMPLOYED';
      lines.push({ slot: 'situation', line: t(`eligibility.understood.noWorkHistory.${facts.noWorkHistory}`) });
    } else if (facts.status) {
      state.answers.situation = facts.status;
      lines.push(...this.situationUnderstood(t, facts.status, text).map((line) => ({ slot: 'situation' as const, line })));
    }
    if (facts.leftOn && (facts.status === 'UNEMPLOYED' || facts.status === 'REEMPLOYED')) {
      state.answers.leftOn = facts.leftOn;
      lines.push({ slot: 'situation', line: t('eligibility.understood.leftOn', { date: dateLabel(facts.leftOn, language) }) });
    }
    return lines;
  }

  /** "no, era Brescia" while another question is pending: change the earlier answer and say so. */
  /**
   * The situation, crisis or redundancies a message states when they are what the answers already hold, said back
   * (none when it states nothing, or anything new: that is applyCorrections' case). A place is left out: a firm's
   * name may look like one.
   */
  private factsRestated(context: TurnContext, state: DialogState, text: string): string[] {
    if (this.asksAboutSomething(context, text)) return [];
    const scratch: DialogState = { answers: {}, failures: 0 };
    const understood = this.readFreeText(context, scratch, text);
    const keys = ['situation', 'crisis', 'redundancies'] as const;
    const stated = keys.filter((key) => scratch.answers[key] !== undefined);
    if (stated.length === 0 || stated.some((key) => JSON.stringify(scratch.answers[key]) !== JSON.stringify(state.answers[key]))) return [];
    return understood.filter((said) => said.line.trim() !== '' && said.slot !== 'place').map((said) => said.line);
  }

  private applyCorrections(context: TurnContext, state: DialogState, text: string, requireCue = true): string[] {
    // "що означає криза?", "what counts as a crisis?": a question asks about a word, it corrects nothing
    if (this.asksAboutSomething(context, text)) return [];
    const cued = correctsAnEarlierAnswer(normalizeCommandText(text), text);
    if (requireCue !== cued) return [];
    const before = { ...state.answers };
    const scratch: DialogState = { answers: {}, failures: 0 };
    let understood = this.readFreeText(context, scratch, text);
    if (!cued && scratch.answers.place !== undefined) {
      // Without "no, ..." a place-like word is too weak a signal (a firm called "Metalli Rossi" is not Russi).
      scratch.answers.place = undefined;
      understood = understood.filter((said) => said.slot !== 'place');
    }
    if (scratch.answers.place === undefined && scratch.answers.crisis === undefined && scratch.answers.situation === undefined && scratch.answers.redundancies === undefined) {
      if (!cued) return [];
      // "no, brescia": a bare name after the cue, read as an answer to the place question
      const stripped = withoutCorrectionCue(normalizeCommandText(text));
      // ("no, si spera di no" names no place called Spera: a yes, no or hope after the cue is no place)
      const reading = stripped && recognizeFactualYesNo(stripped, turnLanguage(context)) === undefined ? this.deps.gazetteer.recognizePlace(stripped, turnLanguage(context), { context: 'answer' }) : undefined;
      if (reading?.kind === 'found' && state.pending !== 'place' && state.pending !== 'placeWhich') {
        state.answers.place = reading.place;
        return [this.t(context)('eligibility.understood.correction') + this.placeUnderstood(this.t(context), reading.place)];
      }
      return [];
    }
    const lines: string[] = [];
    const t = this.t(context);
    const pending = state.pending;
    if (scratch.answers.place !== undefined && pending !== 'place' && pending !== 'placeWhich') state.answers.place = scratch.answers.place;
    if (scratch.answers.crisis !== undefined && pending !== 'crisis') state.answers.crisis = scratch.answers.crisis;
    if (scratch.answers.redundancies !== undefined && pending !== 'redundancies') state.answers.redundancies = scratch.answers.redundancies;
    if (scratch.answers.incomeSupportUnnamed) state.answers.incomeSupportUnnamed = true;
    // the situation is read from what the message states, never from a bare "no": the worker's own ("..., sono ancora
    // dipendente") stated with a correction while it is the question on screen answers it; the firm's ("hanno avviato
    // i licenziamenti") does not, and that question follows
    const situationTaken = scratch.answers.situation !== undefined && (pending !== 'situation' || recognizeOwnStatus(text, turnLanguage(context)) !== undefined);
    if (situationTaken) {
      state.answers.situation = scratch.answers.situation;
      if (before.situation !== scratch.answers.situation) state.answers.leftOn = scratch.answers.leftOn;
    }
    // "Ok, correggo" only when an answer already given changed; a fact told ahead of its question (e.g. "non è
    // previsto alcun esubero" while the situation is asked) is taken and repeated back, not called a correction
    const keys = new Set([...Object.keys(before), ...Object.keys(state.answers)]) as Set<keyof typeof before>;
    const differs = (key: keyof typeof before): boolean => JSON.stringify(before[key]) !== JSON.stringify(state.answers[key]);
    const corrected = [...keys].some((key) => before[key] !== undefined && differs(key));
    const added = [...keys].some((key) => before[key] === undefined && differs(key));
    // the scratch reading had no crisis to tie redundancies to: said back here, now that the answers have one
    if (before.redundancies === undefined && state.answers.redundancies !== undefined && withIncomeSupport(state.answers)) {
      understood = [...understood, { slot: 'redundancies', line: t(`eligibility.understood.redundancies.${state.answers.redundancies}`) }];
    }
    // the question on screen is not answered by a correction ("no, era Brescia" is no "no" to it): what the message
    // says about it is not taken, so it is not said back either, and the question follows
    const onScreen: Slot | undefined = pending === 'placeWhich' ? 'place' : pending === 'outcome' || pending === 'correctWhich' || (pending === 'situation' && situationTaken) ? undefined : pending;
    const said = understood
      .filter((reading) => reading.line.trim() !== '' && !(reading.slot === onScreen && scratch.answers[reading.slot] !== undefined))
      .map((reading) => reading.line)
      .join(' ');
    if (corrected) lines.push(t('eligibility.understood.correction') + said);
    else if (added && said) lines.push(said);
    return lines;
  }

  /** Tries to answer the pending question from the text; the confirmation lines when it did. */
  private fill(context: TurnContext, state: DialogState, slot: Pending, text: string): string[] | undefined {
    const t = this.t(context);
    const language = turnLanguage(context);
    // the pending questions are of fact (a crisis? redundancies?): "ok" or "va bene" is no answer to them
    // "preferisco non dirlo", "I'd rather not say", "prefer să nu spun" hold a negation that answers nothing: a refusal
    // is no "no crisis" (which would make the worker ineligible) but an answer not given, as "non lo so" is. What the
    // message says besides it still answers ("sono disoccupato, ma preferisco non dire da quando")
    const refused = isRefusal(text);
    const said = refused ? withoutRefusal(text) : text;
    // read when a step first needs them, not before: most answers are a button, a place, a crisis or a status, and
    // the yes/no reading (the costliest here) is then never looked at. Both are pure readings of the message.
    let yesNoRead: { value: YesNoAnswer | undefined } | undefined;
    const yesNo = (): YesNoAnswer | undefined => (yesNoRead ??= { value: (said === '' ? undefined : recognizeFactualYesNo(said, language)) ?? (refused ? 'unknown' : undefined) }).value;
    const dontKnow = (): boolean => yesNo() === 'unknown' || matchesLabel(text, this.translators, 'eligibility.buttons.dontKnow');
    switch (slot) {
      case 'place': {
        if (matchesLabel(text, this.translators, 'eligibility.buttons.outsideLombardy')) {
          state.answers.place = { outsideLombardy: true };
          return [t('eligibility.understood.placeOutsideNoName')];
        }
        if (dontKnow()) {
          state.answers.place = 'unknown';
          return [t('eligibility.understood.placeUnknown')];
        }
        const reading = this.deps.gazetteer.recognizePlace(text, language, { context: 'answer' });
        if (reading.kind === 'found') {
          state.answers.place = reading.place;
          const setAside = reading.setAside ? [t(`eligibility.understood.placeExcluded.${reading.setAside}`)] : [];
          return [...setAside, this.placeUnderstood(t, reading.place)];
        }
        if (reading.kind === 'ambiguous') {
          state.candidates = reading.candidates.slice(0, 6);
          state.pending = 'placeWhich';
          return [];
        }
        // the home or the registered office: not taken, said why, and the question is asked again
        if (reading.excluded) return [t(`eligibility.understood.placeExcluded.${reading.excluded}`)];
        // "non in Lombardia", "in Piemonte", "outside Lombardy": outside, as the button says it
        if (saysOutsideLombardy(text)) {
          state.answers.place = { outsideLombardy: true };
          return [t('eligibility.understood.placeOutsideNoName')];
        }
        return undefined;
      }
      case 'placeWhich': {
        const candidates = state.candidates ?? [];
        const normalized = normalizeCommandText(text);
        const byLabel = candidates.find((c) => normalizeCommandText(candidateLabel(c)) === normalized);
        const byNumber = /^\d$/.test(normalized) ? candidates[Number(normalized) - 1] : undefined;
        let chosen = byLabel ?? byNumber;
        if (!chosen) {
          const reading = this.deps.gazetteer.recognizePlace(text, language, { context: 'answer' });
          if (reading.kind === 'found') chosen = reading.place;
          else if (reading.kind === 'ambiguous') {
            const narrowed = candidates.filter((c) => reading.candidates.some((r) => r.comune === c.comune && r.provinceCode === c.provinceCode));
            if (narrowed.length === 1) chosen = narrowed[0];
          }
        }
        if (!chosen) {
          if (!dontKnow()) return undefined;
          // "non lo so" to "which Cassano?": the place is left to an operator and the pre-check moves on (no loop)
          state.answers.place = 'unknown';
          state.candidates = undefined;
          state.pending = undefined;
          return [t('eligibility.understood.placeUnknown')];
        }
        state.answers.place = chosen;
        state.candidates = undefined;
        return [this.placeUnderstood(t, chosen)];
      }
      case 'crisis': {
        const kind = matchLabel(text, this.translators, CRISIS_BUTTONS as Record<CrisisKind, string>) ?? recognizeCrisis(said, language) ?? crisisOfYesNo(yesNo());
        if (!kind) return undefined;
        state.answers.crisis = kind;
        if (this.unnamedIncomeSupport(context, text, language)) state.answers.incomeSupportUnnamed = true;
        return [t('eligibility.understood.crisis', { crisis: t(`eligibility.crisisKind.${kind}`) }), ...this.redundanciesSaid(t, state, text, language)];
      }
      case 'situation': {
        const button = matchLabel(text, this.translators, SITUATION_BUTTONS as Record<Situation, string>);
        // "non ho mai lavorato", "sono studente": before the status, which reads "inoccupato" as unemployed
        const noWorkHistory = button ? undefined : recognizeNoWorkHistory(said);
        if (noWorkHistory) {
          state.answers.situation = 'NEVER_EMPLOYED';
          return [t(`eligibility.understood.noWorkHistory.${noWorkHistory satisfies NoWorkHistory}`)];
        }
        // the person's own situation: "l'azienda chiude" alone does not say whether they still work there (asked again)
        const situation: Situation | undefined = button ?? recognizeOwnStatus(said, language) ?? (dontKnow() ? 'UNKNOWN' : undefined);
        if (!situation) return undefined;
        state.answers.situation = situation;
        if (this.unnamedIncomeSupport(context, text, language)) state.answers.incomeSupportUnnamed = true;
        return [...this.situationUnderstood(t, situation, text), ...this.redundanciesSaid(t, state, text, language)];
      }
      case 'incomeSupportKind': {
        const normalized = normalizeCommandText(text);
        const named = recognizeCrisis(said, language);
        const kind =
          matchLabel(text, this.translators, INCOME_SUPPORT_BUTTONS) ??
          (named === 'CIGS' || named === 'CIGD' || named === 'CIGO' ? named : undefined) ??
          INCOME_SUPPORT_WORDS.find(([re]) => re.test(normalized))?.[1] ??
          (dontKnow() ? 'unknown' : undefined);
        if (!kind) return undefined;
        state.answers.incomeSupportKind = kind;
        if (kind === 'unknown') return [t('eligibility.understood.incomeSupportKindUnknown')];
        state.answers.crisis = kind;
        // redundancies told earlier ("in cassa, ci sono esuberi") now count: said back
        const told = state.answers.redundancies !== undefined && kind !== 'CIGO' ? [t(`eligibility.understood.redundancies.${state.answers.redundancies}`)] : this.redundanciesSaid(t, state, text, language);
        return [t('eligibility.understood.crisis', { crisis: t(`eligibility.crisisKind.${kind}`) }), ...told];
      }
      case 'redundancies': {
        const answer: Tri | undefined =
          matchLabel(text, this.translators, REDUNDANCY_BUTTONS) ??
          recognizeRedundancies(said, language) ??
          redundanciesOfYesNo(yesNo(), dontKnow);
        if (!answer) return undefined;
        state.answers.redundancies = answer;
        return [t(`eligibility.understood.redundancies.${answer}`)];
      }
      case 'leftOn': {
        // "preferisco non dirlo" too (dontKnow): the date is optional, a refusal is no date to ask for again
        if (dontKnow() || matchesLabel(text, this.translators, 'eligibility.buttons.dontRemember') || /\b(non ricordo|non mi ricordo|don t remember|not sure)\b/.test(normalizeCommandText(text))) {
          state.answers.leftOn = 'unknown';
          return [];
        }
        // a date typed on an Arabic keyboard (١٥/٠٣/٢٠٢٦) read whole, not as its year alone
        const reading = recognizePastDate(text, language, this.deps.now());
        if (!reading) return state.failures >= 2 ? ((state.answers.leftOn = 'unknown'), []) : undefined;
        state.answers.leftOn = reading;
        return [t('eligibility.understood.leftOn', { date: dateLabel(reading, language) })];
      }
      case 'employer': {
        if (dontKnow() || yesNo() === false || matchesLabel(text, this.translators, 'eligibility.buttons.preferNotToSay')) {
          state.answers.employer = 'unknown';
          return [];
        }
        // "preferisco non dirlo" is skipped (said so); "pomeriggio", an e-mail, "conferma" or a question is no name
        const reading = readEmployer(text, language);
        if (reading.kind === 'invalid') return undefined;
        state.answers.employer = reading.kind === 'name' ? reading.value : 'unknown';
        return reading.kind === 'skipped' ? [t('referral.employerSkipped')] : [];
      }
      case 'sector': {
        const other = matchesLabel(text, this.translators, 'eligibility.buttons.sectorOther');
        const sector = matchLabel(text, this.translators, SECTOR_BUTTONS) ?? sectorFromText(text) ?? (dontKnow() || other || state.failures >= 1 ? 'unknown' : undefined);
        if (!sector) return undefined;
        state.answers.sector = sector;
        return [];
      }
      default:
        return undefined;
    }
  }

  /** "Situazione: sei disoccupato.", and for NASpI that income support does not stand in the way. */
  private situationUnderstood(t: Translate, situation: Situation, text: string): string[] {
    const lines = [t('eligibility.understood.situation', { situation: t(`eligibility.situationKind.${situation}`) })];
    if (situation === 'UNEMPLOYED' && INCOME_SUPPORT_CUE.test(normalizeCommandText(text))) lines.push(t('eligibility.understood.incomeSupport'));
    return lines;
  }

  /** Redundancies stated along with another answer ("CIGS, ma non sono previsti esuberi"): kept, and said. */
  private redundanciesSaid(t: Translate, state: DialogState, text: string, language: Language): string[] {
    const said = recognizeRedundancies(text, language);
    if (!said || said === 'unknown' || state.answers.redundancies !== undefined) return [];
    state.answers.redundancies = said;
    // said back only where it counts (CIGS/CIGD): "licenziamenti collettivi" alone is not "the agreements foresee"
    return withIncomeSupport(state.answers) ? [t(`eligibility.understood.redundancies.${said}`)] : [];
  }

  private placeUnderstood(t: Translate, place: PlaceMatch): string {
    if (isAbroad(place)) return t('eligibility.understood.placeAbroad');
    return place.inLombardy ? t('eligibility.understood.place', { place: placeLabel(place) }) : t('eligibility.understood.placeOutside', { place: placeLabel(place) });
  }

  /** Asks the next open question, or gives the outcome when none is left. */
  private async askNext(dc: DialogContext, state: DialogState, lines: string[]): Promise<DialogTurnResult> {
    if (state.pending !== 'placeWhich' || state.candidates === undefined) {
      const wantsProjectDetails = assessEligibility(toEligibilityFacts(state.answers)).outcome !== 'not_eligible';
      state.pending = nextSlot(state.answers, wantsProjectDetails);
      state.failures = 0;
    }
    if (!state.pending) return this.giveOutcome(dc, state, lines);
    return this.ask(dc, state, lines, false);
  }

  private async ask(dc: DialogContext, state: DialogState, lines: string[], failed: boolean): Promise<DialogTurnResult> {
    const slot = state.pending === 'placeWhich' ? 'place' : state.pending;
    if (slot && slot !== 'outcome' && slot !== 'correctWhich') state.asked = [...(state.asked ?? []).filter((s) => s !== slot), slot];
    await dc.context.sendActivity(this.question(dc.context, state, state.pending ?? 'place', failed, lines));
    return Dialog.EndOfTurn;
  }

  /** The question for a slot with its buttons; after a failure a hint, after two only the buttons. */
  private question(context: TurnContext, state: DialogState, slot: Pending, failed: boolean, lines: string[]) {
    const t = this.t(context);
    const channelId = context.activity.channelId;
    const buttonsOnly = failed && state.failures >= 2;
    let text: string;
    let buttons: string[];
    switch (slot) {
      case 'placeWhich':
        text = t('eligibility.ask.placeWhich');
        buttons = [...(state.candidates ?? []).map(candidateLabel), t('eligibility.buttons.dontKnow')];
        break;
      case 'place': {
        text = t(failed ? 'eligibility.reprompt.place' : 'eligibility.ask.place');
        const provinces = this.deps.gazetteer.lombardyProvinces().map((p) => `${p.name} (${p.code})`);
        buttons = [...(buttonsOnly ? provinces : provinces.slice(0, 3)), t('eligibility.buttons.outsideLombardy'), t('eligibility.buttons.dontKnow')];
        break;
      }
      case 'crisis':
        text = t(failed ? 'eligibility.reprompt.crisis' : 'eligibility.ask.crisis');
        buttons = (Object.values(CRISIS_BUTTONS) as string[]).map((key) => t(key));
        break;
      case 'situation':
        text = t(failed ? 'eligibility.reprompt.situation' : 'eligibility.ask.situation');
        buttons = (Object.values(SITUATION_BUTTONS) as string[]).map((key) => t(key));
        break;
      case 'incomeSupportKind':
        text = t(failed ? 'eligibility.reprompt.incomeSupportKind' : 'eligibility.ask.incomeSupportKind');
        buttons = Object.values(INCOME_SUPPORT_BUTTONS).map((key) => t(key));
        break;
      case 'redundancies':
        text = t(failed ? 'eligibility.reprompt.redundancies' : 'eligibility.ask.redundancies');
        buttons = Object.values(REDUNDANCY_BUTTONS).map((key) => t(key));
        break;
      case 'leftOn':
        text = t(failed ? 'eligibility.reprompt.leftOn' : 'eligibility.ask.leftOn');
        buttons = [t('eligibility.buttons.dontRemember')];
        break;
      case 'employer':
        text = t(failed ? 'eligibility.reprompt.employer' : 'eligibility.ask.employer');
        buttons = [t('eligibility.buttons.preferNotToSay')];
        break;
      case 'sector':
        text = t(failed ? 'eligibility.reprompt.sector' : 'eligibility.ask.sector');
        buttons = [...SECTORS.map((s) => t(`eligibility.sector.${s}`)), t('eligibility.buttons.sectorOther'), t('eligibility.buttons.dontKnow')];
        break;
      default:
        text = t('eligibility.ask.place');
        buttons = [];
    }
    if (buttonsOnly) {
      text = `${t('eligibility.reprompt.buttons')}\n\n${t('eligibility.reprompt.offerPerson')}`;
      buttons = [...buttons, t('eligibility.buttons.person')];
    }
    return messageWithButtons([...lines, text].join('\n\n'), buttons, channelId);
  }

  private async giveOutcome(dc: DialogContext, state: DialogState, lines: string[]): Promise<DialogTurnResult> {
    const context = dc.context;
    const result = assessEligibility(toEligibilityFacts(state.answers));
    this.deps.onEvent?.(`precheck.completed.${result.outcome}`, context);
    const data = await this.deps.conversationData.get(context, {});
    data.lastPrecheck = { answers: state.answers, result, at: this.deps.now().toISOString() };
    await this.deps.conversationData.set(context, data);
    state.pending = 'outcome';
    await context.sendActivity(this.outcomeActivity(context, state, lines));
    return Dialog.EndOfTurn;
  }

  /** The outcome with its reasons and what the worker can do next (buttons). */
  private outcomeActivity(context: TurnContext, state: DialogState, lines: string[]) {
    const t = this.t(context);
    const result = assessEligibility(toEligibilityFacts(state.answers));
    // When the answer is no, the conditions not met say why; the others would only repeat what was not asked (a
    // person who never worked is not asked where the firm is). The rules' version is for staff, not shown here.
    const shown = result.outcome === 'not_eligible' ? result.reasons.filter((r) => r.met === false) : result.reasons;
    const reasons = shown.map((r) => `- ${t(`eligibility.reason.${r.code}`)}`).join('\n');
    const parts = [...lines, `**${t(`eligibility.outcome.title.${result.outcome}`)}**`, `${t('eligibility.outcome.reasonsIntro')}\n${reasons}`, t('eligibility.outcome.disclaimer')];
    let buttons: string[];
    if (result.outcome === 'not_eligible') {
      const elsewhere = this.deps.catalogue.section(turnLanguage(context), 'elsewhere');
      if (elsewhere) parts.push(`${t('eligibility.outcome.nextElsewhere')}\n${elsewhere.body}`);
      parts.push(t('eligibility.outcome.nextMenu'));
      buttons = [t('eligibility.buttons.correct'), t('eligibility.buttons.restart'), t('eligibility.buttons.menu')];
    } else {
      // no call of the measure is known to be open: what a referral leads to, said plainly
      parts.push(t('eligibility.outcome.programme'), t('eligibility.outcome.nextReferral'));
      buttons = [t('eligibility.buttons.referral'), t('eligibility.buttons.correct'), t('eligibility.buttons.menu')];
    }
    return messageWithButtons(parts.join('\n\n'), buttons, context.activity.channelId);
  }

  private correctWhichActivity(context: TurnContext) {
    const t = this.t(context);
    return messageWithButtons(t('eligibility.correctWhich'), Object.values(CORRECTABLE).map((k) => t(k)), context.activity.channelId);
  }

  /** After the outcome: a referral, a correction, a restart, or anything else (handed back to the main dialog). */
  private async afterOutcome(dc: DialogContext, state: DialogState, text: string): Promise<DialogTurnResult> {
    const result = assessEligibility(toEligibilityFacts(state.answers));
    const finish = (next: EligibilityDialogResult['next']) => dc.endDialog({ answers: state.answers, result, next } satisfies EligibilityDialogResult);
    if (matchesLabel(text, this.translators, 'eligibility.buttons.referral') || (result.outcome !== 'not_eligible' && recognizeYesNo(text, turnLanguage(dc.context)) === true)) return finish('referral');
    if (matchesLabel(text, this.translators, 'eligibility.buttons.restart')) {
      state.answers = {};
      state.asked = [];
      return this.askNext(dc, state, []);
    }
    if (matchesLabel(text, this.translators, 'eligibility.buttons.correct')) {
      state.pending = 'correctWhich';
      await dc.context.sendActivity(this.correctWhichActivity(dc.context));
      return Dialog.EndOfTurn;
    }
    const corrections = this.applyCorrections(dc.context, state, text, true);
    if (corrections.length > 0) return this.askNext(dc, state, corrections);
    if (recognizeYesNo(text, turnLanguage(dc.context)) === false) {
      // "no grazie" to the offer of a referral: answered, never silence
      const t = this.t(dc.context);
      await dc.context.sendActivity(messageWithButtons(t('eligibility.outcome.declined'), [t('menu.eligibility'), t('eligibility.buttons.menu')], dc.context.activity.channelId));
      return finish('done');
    }
    return finish('reroute');
  }

  /**
   * "Indietro": the question before the one on screen is asked again, its answer (and what hung on it) cleared; at
   * the outcome, the last question asked. At the first question there is nothing to go back to: said, and asked
   * again. An outcome reached without any question (the first message said it all) offers the answers to correct.
   */
  private async goBack(dc: DialogContext, state: DialogState): Promise<DialogTurnResult> {
    const t = this.t(dc.context);
    const asked = state.asked ?? [];
    const onScreen = state.pending === 'placeWhich' ? 'place' : state.pending;
    const earlier = onScreen !== undefined && asked[asked.length - 1] === onScreen ? asked.slice(0, -1) : asked;
    const previous = earlier[earlier.length - 1];
    if (previous === undefined) {
      if (state.pending === 'outcome' || state.pending === 'correctWhich') {
        state.pending = 'correctWhich';
        await dc.context.sendActivity(this.correctWhichActivity(dc.context));
        return Dialog.EndOfTurn;
      }
      return this.ask(dc, state, [t('back.first')], false);
    }
    clearAnswer(state, previous);
    state.asked = earlier.slice(0, -1);
    state.pending = undefined;
    return this.askNext(dc, state, [t('back.going')]);
  }

  private async afterCorrectWhich(dc: DialogContext, state: DialogState, text: string): Promise<DialogTurnResult> {
    const which = matchLabel(text, this.translators, CORRECTABLE);
    if (which) {
      clearAnswer(state, which);
      return this.askNext(dc, state, []);
    }
    state.pending = 'outcome';
    const corrections = this.applyCorrections(dc.context, state, `no ${text}`, true);
    if (corrections.length > 0) return this.askNext(dc, state, corrections);
    return this.afterOutcome(dc, state, text);
  }
}

/** Forgets an answer and what hung on it, so that it is asked again. */
function clearAnswer(state: DialogState, slot: Slot): void {
  state.answers[slot] = undefined;
  if (slot === 'situation') state.answers.leftOn = undefined;
  // the redundancy question belongs to a worker still employed with CIGS/CIGD: asked again if that is still so
  if (slot === 'situation' || slot === 'crisis') {
    state.answers.redundancies = undefined;
    state.answers.incomeSupportKind = undefined;
  }
  if (slot === 'place') state.candidates = undefined;
}

/** A yes or no to "is your firm in a crisis?": some crisis, none, or not known. */
function crisisOfYesNo(yesNo: YesNoAnswer | undefined): CrisisKind | undefined {
  return yesNo === true ? 'OTHER_CRISIS' : yesNo === false ? 'NO_CRISIS' : yesNo === 'unknown' ? 'UNKNOWN' : undefined;
}

/** A yes or no to "are redundancies foreseen?"; a "non lo so" (asked only when neither) is not known. */
function redundanciesOfYesNo(yesNo: YesNoAnswer | undefined, dontKnow: () => boolean): Tri | undefined {
  return yesNo === true ? 'yes' : yesNo === false ? 'no' : dontKnow() ? 'unknown' : undefined;
}

/** CIGS or CIGD: the income support whose agreements (with or without redundancies) the call looks at. */
function withIncomeSupport(answers: EligibilityAnswers): boolean {
  return answers.crisis === 'CIGS' || answers.crisis === 'CIGD';
}

/** "Si chiama Rossi Meccanica srl" -> "Rossi Meccanica srl": the firm's name without the lead-in words. */
export function employerName(text: string): string | undefined {
  const cleaned = stripEmployerLeadIn(text);
  if (cleaned.length < 2 || cleaned.length > 100) return undefined;
  return cleaned;
}

