import { Dialog, type DialogContext, type DialogReason, type DialogTurnResult } from 'botbuilder-dialogs';

/**
 * A goal dialog (pre-check, referral, news subscription, erasure) that the worker's commands may interrupt.
 *
 * The commands themselves are caught in one place, before the active dialog ever sees the message:
 * MainDialog.onContinueDialog (dialogs/mainDialog.ts), the samples' CancelAndHelpDialog idea applied once to the
 * whole stack, so no prompt of any dialog can store "cancella i miei dati" as a name or a time. This base only says
 * what happens when a dialog the main dialog pushed on top of this one ends without ending everything, which today
 * is the erasure's confirmation answered "no" (or finding nothing to erase): the interrupted question is asked
 * again, and this dialog goes on waiting for its answer with everything it had collected.
 */
export abstract class InterruptibleDialog<O extends object = {}> extends Dialog<O> {
  override async resumeDialog(dc: DialogContext, _reason: DialogReason, _result?: unknown): Promise<DialogTurnResult> {
    const instance = dc.activeDialog;
    if (instance) await this.repromptDialog(dc.context, instance);
    return Dialog.EndOfTurn;
  }
}
