import type { TurnContext } from 'botbuilder';
import type { DialogContext, DialogReason, DialogTurnResult } from 'botbuilder-dialogs';
// the module itself, not the package's index (which loads every prompt): dialogs/mainDialog.ts says why
import { Dialog } from 'botbuilder-dialogs/lib/dialog';

/**
 * What a question typed at the step on screen gets (MainDialog answers it, then asks the step again; never stored):
 * - 'none': the step reads every message as its answer (the pre-check's situation, where "posso, se sono in NASpI?"
 *   is the answer);
 * - 'questions': a message that reads as a question (a question mark, an interrogative opening);
 * - 'questionsAndFaq': also a statement the FAQ answers with confidence (free-text steps: a name, a firm, a time).
 */
export type QuestionPolicy = 'none' | 'questions' | 'questionsAndFaq';

/**
 * A goal dialog (pre-check, referral, news subscription, erasure) that the worker's commands may interrupt.
 *
 * The commands themselves are caught in one place, before the active dialog ever sees the message:
 * MainDialog.onContinueDialog (dialogs/mainDialog.ts), the samples' CancelAndHelpDialog idea applied once to the
 * whole stack, so no prompt of any dialog can store "cancella i miei dati" as a name or a time. The same place
 * answers a question typed at a step (questionPolicy) and asks the step again. This base says what happens when a
 * dialog the main dialog pushed on top of this one ends without ending everything, which today is the erasure's
 * confirmation answered "no" (or finding nothing to erase): the interrupted question is asked again, and this
 * dialog goes on waiting for its answer with everything it had collected.
 */
export abstract class InterruptibleDialog<O extends object = {}> extends Dialog<O> {
  override async resumeDialog(dc: DialogContext, _reason: DialogReason, _result?: unknown): Promise<DialogTurnResult> {
    const instance = dc.activeDialog;
    if (instance) await this.repromptDialog(dc.context, instance);
    return Dialog.EndOfTurn;
  }

  /**
   * Whether a question typed at the step now on screen is answered first (see QuestionPolicy); `text` is the message,
   * for dialogs whose steps take a question as the answer when it reads as one. Default: questions.
   */
  questionPolicy(_state: unknown, _text: string, _context: TurnContext): QuestionPolicy {
    return 'questions';
  }

  /**
   * Whether a question of the dialog's is on screen waiting for its answer (so "e adesso?" is told to answer it),
   * rather than a set of choices after a result (the pre-check's outcome). Default: yes.
   */
  waitsForAnAnswer(_state: unknown): boolean {
    return true;
  }
}
