import type { BotState, StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { DialogContext } from 'botbuilder-dialogs';
import type { ConversationData } from './state';

/**
 * What this conversation remembers about the worker besides their referrals and subscriptions: the answers of a
 * dialog under way (a half-typed name or phone in the dialog stack) and the last pre-check (employer, dates,
 * place). "Cancella i miei dati" forgets all of it.
 *
 * The language the worker chose (user state) stays: it is a preference, not data about them or their situation,
 * the conversation goes on in it, and user state may hold nothing else (dialogs/state.ts, bot/state/storeStorage.ts).
 */
export interface ConversationMemory {
  /** does the conversation keep answers of the worker's outside any dialog (the last pre-check)? */
  holdsAnswers(context: TurnContext): Promise<boolean>;
  /**
   * Ends every dialog (the main dialog's too, so nothing typed into them survives), clears the conversation's data
   * but the fact that the bot has introduced itself, and writes the conversation's state through to the store
   * before returning, so a purge that follows leaves no copy of the answers on disk.
   */
  forget(dc: DialogContext): Promise<void>;
}

export interface BotStateMemoryDeps {
  conversationState: BotState;
  conversationData: StatePropertyAccessor<ConversationData>;
}

export class BotStateMemory implements ConversationMemory {
  constructor(private readonly deps: BotStateMemoryDeps) {}

  async holdsAnswers(context: TurnContext): Promise<boolean> {
    const data = await this.deps.conversationData.get(context, {});
    return data.lastPrecheck !== undefined;
  }

  async forget(dc: DialogContext): Promise<void> {
    const context = dc.context;
    // the dialog stack is the one the conversation state holds: emptied in place, up to the root
    await dc.cancelAllDialogs(true);
    const data = await this.deps.conversationData.get(context, {});
    await this.deps.conversationData.set(context, data.welcomed ? { welcomed: true } : {});
    await this.deps.conversationState.saveChanges(context, true);
  }
}
