/**
 * The personal (1:1) chat of each operator with the bot in Teams, by account: where a conversation the operator takes
 * from a Teams card is relayed (models/handoff/handoffRelay.ts). Remembered when a linked operator writes to the bot in
 * a personal chat ("disponibile", "collega <codice>"), or when the bot opens that chat itself through the Connector.
 * Holds a conversation reference (ids, the service's address) and a language: no worker's data.
 */
import type { CollectionSpec, DocumentCollection } from '../store/collection';
import type { Store } from '../store/store';
import type { StoredReference } from './channelLinks';

export type OperatorChatRow = {
  /** the account id */
  _id: string;
  conversationId: string;
  reference: StoredReference;
  /** the language the operator's Teams client wrote in (what the bot writes there) */
  language: string;
  updatedAt: Date;
};

export const OPERATOR_CHATS_COLLECTION: CollectionSpec = { name: 'teams_operator_chats', indexes: [] };

export class OperatorChatStore {
  private constructor(
    private readonly docs: DocumentCollection<OperatorChatRow>,
    private readonly now: () => Date,
  ) {}

  static async open(store: Store, deps: { now: () => Date }): Promise<OperatorChatStore> {
    return new OperatorChatStore(await store.collection<OperatorChatRow>(OPERATOR_CHATS_COLLECTION), deps.now);
  }

  /** The operator's chat as last seen (one write only when something changed). */
  async remember(accountId: string, chat: { conversationId: string; reference: StoredReference; language: string }): Promise<void> {
    const known = await this.docs.findOne({ _id: accountId });
    if (known && known.conversationId === chat.conversationId && known.language === chat.language && JSON.stringify(known.reference) === JSON.stringify(chat.reference)) return;
    await this.docs.upsert({ _id: accountId, conversationId: chat.conversationId, reference: chat.reference, language: chat.language, updatedAt: this.now() });
  }

  of(accountId: string): Promise<OperatorChatRow | null> {
    return this.docs.findOne({ _id: accountId });
  }

  /** The Connector said the chat is gone (the app removed): forgotten, so the next card opens a new one. */
  async forget(accountId: string): Promise<void> {
    await this.docs.deleteMany({ _id: accountId });
  }
}
