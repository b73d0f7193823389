/**
 * The turn contract behind the Teams card-click crash (issue 14): whatever an invoke changes in conversation or
 * user state is saved before the turn ends. botbuilder runs 'Dialog' handlers of an invoke without awaiting them,
 * after the adapter has revoked the turn context; a save there rejected unhandled and ended the process.
 *
 * The server-level tests (test/teams/teamsInvokes*.test.ts) show the bot stays up under every invoke Teams sends,
 * but today's card actions change no state, so they cannot show the save. Here the Teams handler (our own port)
 * writes state during the invoke, and the adapter is botbuilder's TestAdapter, whose runMiddleware revokes the
 * context exactly as CloudAdapter's does.
 */
import { ActivityTypes, ConversationState, MemoryStorage, TestAdapter, UserState, type AdaptiveCardInvokeResponse, type StoreItems } from 'botbuilder';
import { AssistantBot } from '../../bot/assistantBot';
import type { MainDialog } from '../../dialogs/mainDialog';
import type { ConversationData } from '../../dialogs/state';
import type { Translator } from '../../models/i18n';

/** Storage that takes a little while, like a disk or a database: the old unawaited save finished after the turn. */
class SlowStorage extends MemoryStorage {
  private readonly pending = new Set<Promise<void>>();

  override write(changes: StoreItems): Promise<void> {
    const writing = new Promise((resolve) => setTimeout(resolve, 20)).then(() => super.write(changes));
    this.pending.add(writing);
    const forget = (): void => void this.pending.delete(writing);
    writing.then(forget, forget);
    return writing;
  }

  /** Resolves once no write is in flight (awaited or not) and what a failed one rejected has been reported. */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function build(): { adapter: TestAdapter; storage: SlowStorage } {
  const storage = new SlowStorage();
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  const conversationData = conversationState.createProperty<ConversationData>('conversationData');
  const clicks = userState.createProperty<number>('clicks');
  const bot = new AssistantBot({
    conversationState,
    userState,
    conversationData,
    dialogState: conversationState.createProperty('dialogState'),
    mainDialog: {} as MainDialog, // invokes never reach the main dialog
    translator: {} as Translator,
    privacyNoticeUrl: '/privacy',
    teams: {
      onMessage: async () => true,
      onMembersAdded: async () => true,
      // a card action that changes both states, as a future verb might
      onCardAction: async (context): Promise<AdaptiveCardInvokeResponse> => {
        await conversationData.set(context, { welcomed: true });
        await clicks.set(context, ((await clicks.get(context, 0)) ?? 0) + 1);
        return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: { text: 'ok' } };
      },
    },
  });
  const adapter = new TestAdapter((context) => bot.run(context));
  return { adapter, storage };
}

test('a card action (no expectReplies) has its state changes saved inside the turn, and nothing rejects unhandled', async () => {
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown): void => {
    rejections.push(reason);
  };
  process.on('unhandledRejection', onRejection);
  try {
    const { adapter, storage } = build();
    const invoke = {
      type: ActivityTypes.Invoke,
      name: 'adaptiveCard/action',
      channelId: 'msteams',
      from: { id: '29:op', name: 'op', aadObjectId: '00000000-0000-0000-0000-000000000001' },
      value: { action: { type: 'Action.Execute', verb: 'claim', data: {} }, trigger: 'manual' },
    };
    await adapter.send(invoke).startTest();
    // saved by the time the turn resolved: no later write is pending
    const conversationKey = `msteams/conversations/${adapter.conversation.conversation.id}/`;
    const userKey = 'msteams/users/29:op/';
    const stored = await storage.read([conversationKey, userKey]);
    expect(stored[conversationKey]?.conversationData).toEqual({ welcomed: true });
    expect(stored[userKey]?.clicks).toBe(1);
    // a second click reads what the first saved
    await adapter.send(invoke).startTest();
    expect((await storage.read([userKey]))[userKey]?.clicks).toBe(2);
    await storage.settled(); // an unawaited save (the old bug) has finished and rejected by now
    expect(rejections).toEqual([]);
  } finally {
    process.off('unhandledRejection', onRejection);
  }
});
