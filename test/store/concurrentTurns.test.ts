import { ActivityTypes, TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { ETagConflictError, StateRepository } from '../../models/state/stateRepository';
import type { Store } from '../../models/store/store';
import { botStateLifetime, StoreStorage, TurnConsistentConversationState } from '../../bot/state/storeStorage';
import { MONGODB_SKIP_NOTE, storeFactories } from '../support/adapters';

if (!process.env.MONGODB_URI) test.skip(MONGODB_SKIP_NOTE, () => undefined);

/** A message turn of conversation `conv` (what the adapter builds for each incoming activity). */
function turn(adapter: TestAdapter, text: string): TurnContext {
  const activity: Partial<Activity> = { type: ActivityTypes.Message, text, channelId: 'test', conversation: { id: 'conv', isGroup: false, conversationType: 'personal', name: '' }, from: { id: 'worker', name: '' }, recipient: { id: 'bot', name: '' } };
  return new TurnContext(adapter, activity);
}

/**
 * Two turns of one conversation at once (two instances behind a load balancer): each reads the state, each
 * changes it, both save. The second save must not silently overwrite the first (botbuilder writes with eTag `*`).
 */
describe.each(storeFactories())('concurrent turns of one conversation on the $name store', (factory) => {
  let store: Store;
  let state: TurnConsistentConversationState;
  const adapter = new TestAdapter();
  let repository: StateRepository;
  beforeEach(async () => {
    store = await factory.open();
    repository = await StateRepository.open(store, { lifetime: botStateLifetime(24), now: () => new Date() });
    state = new TurnConsistentConversationState(new StoreStorage(repository));
  });
  afterEach(async () => {
    await factory.dispose(store);
  });

  test('the second of two overlapping saves is refused with an eTag conflict; the first one stands', async () => {
    const data = state.createProperty<{ answers: string[] }>('data');
    const first = turn(adapter, 'start');
    await data.set(first, { answers: ['start'] });
    await state.saveChanges(first); // the conversation exists (a new conversation has no eTag to hold)

    const a = turn(adapter, 'Milano');
    const b = turn(adapter, '3331234567');
    const readA = await data.get(a, { answers: [] });
    const readB = await data.get(b, { answers: [] });
    await data.set(a, { answers: [...readA.answers, 'Milano'] });
    await data.set(b, { answers: [...readB.answers, '3331234567'] });
    await state.saveChanges(a);
    await expect(state.saveChanges(b)).rejects.toBeInstanceOf(ETagConflictError);

    const after = turn(adapter, 'next');
    expect(await data.get(after)).toEqual({ answers: ['start', 'Milano'] });
  });

  test('a turn that saves twice does not conflict with itself; a later turn reads and saves normally', async () => {
    const data = state.createProperty<{ n: number }>('data');
    const one = turn(adapter, 'one');
    await data.set(one, { n: 1 });
    await state.saveChanges(one);
    const two = turn(adapter, 'two');
    await data.set(two, { n: (await data.get(two, { n: 0 })).n + 1 });
    await state.saveChanges(two);
    await data.set(two, { n: 3 });
    await state.saveChanges(two);
    const three = turn(adapter, 'three');
    expect(await data.get(three)).toEqual({ n: 3 });
    await data.set(three, { n: 4 });
    await expect(state.saveChanges(three)).resolves.toBeUndefined();
  });

  test('a turn that changes nothing writes nothing; a change, a clear and a delete are written', async () => {
    const key = 'test/conversations/conv/';
    const stored = async (): Promise<{ json: string; eTag: string } | undefined> => (await repository.readSerialized([key]))[key];
    const data = state.createProperty<{ n: number; at?: Date }>('data');
    const fresh = turn(adapter, 'read only');
    expect(await data.get(fresh, { n: 0 })).toEqual({ n: 0 });
    await state.saveChanges(fresh);
    // a default set by get() is a change (botbuilder's BotState saves it too)
    const first = await stored();
    expect(first && JSON.parse(first.json)).toEqual({ data: { n: 0 } });

    const idle = turn(adapter, 'nothing new');
    await data.get(idle);
    await data.set(idle, { n: 0 });
    await state.saveChanges(idle);
    expect((await stored())?.eTag).toBe(first?.eTag);

    const changed = turn(adapter, 'change');
    await data.set(changed, { n: 1, at: new Date('2026-12-07T06:00:00.000Z') });
    await state.saveChanges(changed);
    const second = await stored();
    expect(second?.eTag).not.toBe(first?.eTag);
    // what was written is what the next turn reads (a date as its JSON text), and reading it back is no change
    const next = turn(adapter, 'again');
    expect(await data.get(next)).toEqual({ n: 1, at: '2026-12-07T06:00:00.000Z' });
    await state.saveChanges(next);
    expect((await stored())?.eTag).toBe(second?.eTag);

    const cleared = turn(adapter, 'clear');
    await data.get(cleared);
    await state.clear(cleared);
    await state.saveChanges(cleared);
    expect(JSON.parse((await stored())?.json ?? 'null')).toEqual({});

    const deleted = turn(adapter, 'delete');
    await data.get(deleted);
    await state.delete(deleted);
    expect(await stored()).toBeUndefined();
    expect(state.get(deleted)).toBeUndefined();
  });
});
