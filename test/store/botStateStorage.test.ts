import { ConversationState, TestAdapter, type StoreItems } from 'botbuilder';
import { DialogSet, TextPrompt, WaterfallDialog } from 'botbuilder-dialogs';
import { STATE_COLLECTION, StateRepository } from '../../models/state/stateRepository';
import type { Store } from '../../models/store/store';
import { botStateLifetime, isUserStateKey, StoreStorage } from '../../bot/state/storeStorage';
import { MongoClient } from 'mongodb';
import { MongoStore } from '../../models/store/mongo/mongoStore';
import { conditionalRaceSkipReason, isolatedMongoUri, mongoFerretDbVersion, storeFactories, tempDirsRemovedAfterAll } from '../support/adapters';
import { EmbeddedStore } from '../../models/store/embedded/embeddedStore';
import { nodeFileSystem, type StoreFileSystem } from '../../models/store/embedded/fileSystem';
import { fixedClock } from '../leads/fixtures';

const HOUR_MS = 60 * 60 * 1000;

/** The cases of botbuilder-core's storageBaseTests, which every Storage must pass, plus a parallel-writes race. */
describe.each(storeFactories())('bot state storage on the $name adapter', (factory) => {
  let store: Store;
  let storage: StoreStorage;
  let repository: StateRepository;
  let clock: ReturnType<typeof fixedClock>;

  beforeEach(async () => {
    store = await factory.open();
    clock = fixedClock('2026-06-15T10:00:00.000Z');
    repository = await StateRepository.open(store, { lifetime: botStateLifetime(24), now: clock.now });
    storage = new StoreStorage(repository);
  });
  afterEach(async () => {
    await factory.dispose(store);
  });

  test('reading an unknown key omits it', async () => {
    expect(await storage.read(['unknown'])).toEqual({});
  });

  test('reading or writing null throws', async () => {
    expect(() => storage.read(null as unknown as string[])).toThrow(ReferenceError);
    expect(() => storage.write(null as unknown as StoreItems)).toThrow(ReferenceError);
  });

  test('writing no items does not throw', async () => {
    await expect(storage.write({})).resolves.toBeUndefined();
  });

  test('a created object reads back with an eTag', async () => {
    await storage.write({ createPoco: { id: 1 }, createPocoStoreItem: { id: 2, eTag: '*' } });
    const read = await storage.read(['createPoco', 'createPocoStoreItem']);
    expect(read.createPoco).toMatchObject({ id: 1 });
    expect(read.createPocoStoreItem).toMatchObject({ id: 2 });
    expect(typeof read.createPoco.eTag).toBe('string');
    expect(read.createPocoStoreItem.eTag).not.toBe('*');
  });

  test('keys with unusual characters and values with "." and "$" fields round-trip', async () => {
    const key = '!@#$%^&*()~/\\><,.?\';"`~';
    await storage.write({ [key]: { 'a.b': 1, $c: { d: [1, 2] } } });
    expect((await storage.read([key]))[key]).toMatchObject({ 'a.b': 1, $c: { d: [1, 2] } });
  });

  test('every write stamps a new eTag; a stale eTag is rejected, "*" and none overwrite', async () => {
    await storage.write({ pocoItem: { id: 1, count: 1 } });
    const first = (await storage.read(['pocoItem'])).pocoItem;
    await storage.write({ pocoItem: { ...first, count: 2 } });
    const second = (await storage.read(['pocoItem'])).pocoItem;
    expect(second.eTag).not.toBe(first.eTag);
    expect(second.count).toBe(2);

    await expect(storage.write({ pocoItem: { ...first, count: 99 } })).rejects.toThrow(/eTag conflict/);
    expect((await storage.read(['pocoItem'])).pocoItem.count).toBe(2);

    await storage.write({ pocoItem: { ...first, count: 3, eTag: '*' } });
    expect((await storage.read(['pocoItem'])).pocoItem.count).toBe(3);
    await storage.write({ pocoItem: { count: 4, eTag: '' } });
    expect((await storage.read(['pocoItem'])).pocoItem.count).toBe(4);
  });

  test('a new key with an eTag is written (there is nothing to conflict with)', async () => {
    await storage.write({ fresh: { v: 1, eTag: 'some-old-etag' } });
    expect((await storage.read(['fresh'])).fresh.v).toBe(1);
  });

  test('delete removes known keys and ignores unknown ones', async () => {
    await storage.write({ del: { id: 1 } });
    await storage.delete(['del', 'never-written']);
    expect(await storage.read(['del'])).toEqual({});
  });

  test('batch: several keys in one write and one read', async () => {
    await storage.write({ batch1: { n: 1 }, batch2: { n: 2 }, batch3: { n: 3 } });
    const read = await storage.read(['batch1', 'batch2', 'batch3', 'nope']);
    expect(Object.keys(read).sort()).toEqual(['batch1', 'batch2', 'batch3']);
  });

  test('a waterfall dialog proceeds across turns with state on this storage', async () => {
    const conversationState = new ConversationState(storage);
    const dialogState = conversationState.createProperty('dialogState');
    const dialogs = new DialogSet(dialogState);
    dialogs.add(new TextPrompt('prompt'));
    dialogs.add(
      new WaterfallDialog('waterfall', [
        async (step) => step.prompt('prompt', 'step1'),
        async (step) => step.prompt('prompt', 'step2'),
        async (step) => {
          await step.context.sendActivity(`done ${String(step.result)}`);
          return step.endDialog();
        },
      ]),
    );
    const adapter = new TestAdapter(async (context) => {
      const dc = await dialogs.createContext(context);
      const result = await dc.continueDialog();
      if (result.status === 'empty') await dc.beginDialog('waterfall');
      await conversationState.saveChanges(context);
    });
    await adapter.send('hi').assertReply('step1').send('a').assertReply('step2').send('b').assertReply('done b').startTest();
  });

  const raceSkip = conditionalRaceSkipReason(factory);
  (raceSkip ? test.skip : test)(`race: of parallel writes with the same eTag exactly one succeeds${raceSkip ? ` (skipped: ${raceSkip})` : ''}`, async () => {
    await storage.write({ race: { n: 0 } });
    const base = (await storage.read(['race'])).race;
    const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => storage.write({ race: { ...base, n: i + 1 } })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  describe('DIALOG_STATE_TTL_HOURS: conversation state expires, user state (the language only) outlives it', () => {
    const conversationKey = 'emulator/conversations/conv-ttl';
    const userKey = 'emulator/users/user-ttl';

    test('botbuilder keys: user state is told apart from conversation state', () => {
      expect(isUserStateKey(userKey)).toBe(true);
      expect(isUserStateKey('msteams/users/29:1abc/def')).toBe(true);
      expect(isUserStateKey(conversationKey)).toBe(false);
      expect(isUserStateKey('emulator/conversations/users/x')).toBe(false);
    });

    test('an item reads back until its TTL runs out after its last write, then reads as absent; a write renews it', async () => {
      await storage.write({ [conversationKey]: { dialogState: { name: 'Mario Rossi' } }, [userKey]: { userProfile: { language: 'en' } } });
      clock.advance(23 * HOUR_MS);
      expect(Object.keys(await storage.read([conversationKey, userKey])).sort()).toEqual([userKey, conversationKey].sort());
      await storage.write({ [conversationKey]: { dialogState: { name: 'Mario Rossi', step: 2 }, eTag: '*' } });
      clock.advance(23 * HOUR_MS);
      expect((await storage.read([conversationKey]))[conversationKey]).toMatchObject({ dialogState: { step: 2 } });
      clock.advance(1 * HOUR_MS);
      const read = await storage.read([conversationKey, userKey]);
      expect(read[conversationKey]).toBeUndefined();
      expect(read[userKey]).toMatchObject({ userProfile: { language: 'en' } });
      // the next turn starts from nothing and writes afresh
      await storage.write({ [conversationKey]: { dialogState: {} } });
      expect((await storage.read([conversationKey]))[conversationKey]).toMatchObject({ dialogState: {} });
    });

    test('an expired item is absent for a repository that never saw it too (nothing cached)', async () => {
      await storage.write({ [conversationKey]: { v: 1 } });
      clock.advance(25 * HOUR_MS);
      const other = await StateRepository.open(store, { lifetime: botStateLifetime(24), now: clock.now });
      expect(await other.read([conversationKey])).toEqual({});
    });

    test('deleteExpired removes exactly the expired conversation items and counts them', async () => {
      await storage.write({ [conversationKey]: { v: 1 }, [userKey]: { userProfile: { language: 'it' } } });
      clock.advance(12 * HOUR_MS);
      await storage.write({ 'emulator/conversations/recent': { v: 2 } });
      expect(await repository.deleteExpired()).toBe(0);
      clock.advance(12 * HOUR_MS);
      expect(await repository.deleteExpired()).toBe(1);
      expect(await repository.deleteExpired()).toBe(0);
      const later = await StateRepository.open(store, { lifetime: botStateLifetime(24), now: clock.now });
      expect(Object.keys(await later.read([conversationKey, userKey, 'emulator/conversations/recent'])).sort()).toEqual(['emulator/conversations/recent', userKey].sort());
      clock.advance(365 * 24 * HOUR_MS);
      expect(await repository.deleteExpired()).toBe(1);
      expect(Object.keys(await later.read([userKey]))).toEqual([userKey]);
    });
  });

  describe('STATE_TTL_DAYS: the rest of a worker\'s state (the language) goes after that many idle days', () => {
    const DAY_MS = 24 * HOUR_MS;
    const userKey = 'webchat/users/idle-user';
    const freshUser = 'webchat/users/fresh-user';
    const conversationKey = 'webchat/conversations/idle-conv';
    let idle: StateRepository;
    beforeEach(async () => {
      idle = await StateRepository.open(store, { lifetime: botStateLifetime(24, 30), now: clock.now });
    });

    test('user state reads back for 30 idle days, a visit renews it, then it reads as absent; dialog state keeps its 24 hours', async () => {
      await idle.write({ [userKey]: { userProfile: { language: 'en' } }, [conversationKey]: { dialogState: { step: 1 } } });
      clock.advance(2 * DAY_MS);
      expect(Object.keys(await idle.read([userKey, conversationKey]))).toEqual([userKey]);
      clock.advance(27 * DAY_MS);
      await idle.write({ [userKey]: { userProfile: { language: 'en' }, eTag: '*' } });
      clock.advance(29 * DAY_MS);
      expect((await idle.read([userKey]))[userKey]).toMatchObject({ userProfile: { language: 'en' } });
      clock.advance(1 * DAY_MS);
      expect(await idle.read([userKey])).toEqual({});
      const other = await StateRepository.open(store, { lifetime: botStateLifetime(24, 30), now: clock.now });
      expect(await other.read([userKey])).toEqual({});
    });

    test('the sweep (deleteExpired) removes idle user state and expired dialog state, keeps fresh state of both kinds', async () => {
      await idle.write({ [userKey]: { userProfile: { language: 'en' } }, [conversationKey]: { v: 1 } });
      clock.advance(25 * DAY_MS);
      await idle.write({ [freshUser]: { userProfile: { language: 'it' } }, 'webchat/conversations/fresh-conv': { v: 2 } });
      expect(await idle.deleteExpired()).toBe(1); // the conversation, 25 days old
      clock.advance(5 * DAY_MS);
      expect(await idle.deleteExpired()).toBe(2); // the idle user (30 days), the fresh conversation (5 days)
      expect(await idle.deleteExpired()).toBe(0);
      const docs = await store.collection<{ _id: string; expiresAt?: Date }>(STATE_COLLECTION);
      expect((await docs.find({})).map((d) => d._id)).toEqual([freshUser]);
      // each item carries the moment it expires, for MongoDB's TTL index
      expect(new Date((await docs.findOne({ _id: freshUser }))?.expiresAt ?? 0).toISOString()).toBe(new Date(clock.now().getTime() + 25 * DAY_MS).toISOString());
      expect(Object.keys(await idle.read([freshUser]))).toEqual([freshUser]);
    });

    test('the sweep deletes in batches until nothing expired is left', async () => {
      // batches of at most 20 here (500 in production, SWEEP_BATCH: 600 items took 5 s to write on FerretDB): 50
      // items, so one batch leaves at least 30, which only more batches remove
      const batched = await StateRepository.open(store, { lifetime: botStateLifetime(24, 30), now: clock.now, sweepBatch: 20 });
      await batched.write(Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`webchat/conversations/many-${i}`, { v: i }])));
      clock.advance(2 * DAY_MS);
      await batched.write({ 'webchat/conversations/kept': { v: 0 } });
      expect(await batched.deleteExpired()).toBe(50);
      expect(await (await store.collection(STATE_COLLECTION)).count({})).toBe(1);
    });

    // the sweep's delete repeats its filter (last write at or before the cutoff): a store must apply it atomically per
    // document, which FerretDB v1 does not (it deletes what its own earlier read matched)
    const sweepRaceSkip = conditionalRaceSkipReason(factory);
    (sweepRaceSkip ? test.skip : test)(`a turn that refreshes an expired conversation while the sweep runs keeps it, whichever comes first${sweepRaceSkip ? ` (skipped: ${sweepRaceSkip})` : ''}`, async () => {
      // batches of 20 among 50 expired items: the refreshes land before, between and after the sweep's batches
      const batched = await StateRepository.open(store, { lifetime: botStateLifetime(24, 30), now: clock.now, sweepBatch: 20 });
      const key = (i: number): string => `webchat/conversations/race-${i}`;
      await batched.write(Object.fromEntries(Array.from({ length: 50 }, (_, i) => [key(i), { step: 1 }])));
      clock.advance(2 * DAY_MS);
      const sweep = batched.deleteExpired();
      const refreshed: string[] = [];
      // a turn's save: the eTag it read ('*' when it read nothing, as an expired item reads)
      for (let i = 0; i < 50; i += 7) {
        await batched.write({ [key(i)]: { step: 2, eTag: '*' } });
        refreshed.push(key(i));
      }
      await sweep;
      expect(await batched.deleteExpired()).toBe(0);
      // as this repository reads it, as another one (nothing cached) reads it, and as stored
      const fresh = await StateRepository.open(store, { lifetime: botStateLifetime(24, 30), now: clock.now });
      for (const repository of [batched, fresh]) {
        const read = await repository.read(Array.from({ length: 50 }, (_, i) => key(i)));
        expect(Object.keys(read).sort()).toEqual([...refreshed].sort());
        for (const k of refreshed) expect(read[k]).toMatchObject({ step: 2 });
      }
      expect((await (await store.collection<{ _id: string }>(STATE_COLLECTION)).find({})).map((d) => d._id).sort()).toEqual([...refreshed].sort());
    });

    test('STATE_TTL_DAYS=0 keeps user state for ever, as before', async () => {
      const forever = await StateRepository.open(store, { lifetime: botStateLifetime(24, 0), now: clock.now });
      await forever.write({ [userKey]: { userProfile: { language: 'en' } } });
      clock.advance(3650 * DAY_MS);
      expect(await forever.deleteExpired()).toBe(0);
      expect(Object.keys(await forever.read([userKey]))).toEqual([userKey]);
    });
  });
});

// MongoDB deletes expired state by itself (a TTL index on expiresAt); FerretDB v1 has no TTL indexes, so there (as on
// the embedded store) the retention job's sweep above does it: this case needs a real MongoDB.
const ttlIndexReason = !process.env.MONGODB_URI ? 'MONGODB_URI not set' : mongoFerretDbVersion() ? `server is FerretDB ${mongoFerretDbVersion()}, which has no TTL indexes (the sweep expires state there)` : undefined;
(ttlIndexReason ? test.skip : test)(`bot_state has a TTL index on expiresAt on MongoDB${ttlIndexReason ? ` (skipped: ${ttlIndexReason})` : ''}`, async () => {
  const uri = isolatedMongoUri(process.env.MONGODB_URI ?? '', 'ttl');
  const store = await MongoStore.connect(uri);
  try {
    await StateRepository.open(store, { lifetime: botStateLifetime(24, 30), now: () => new Date() });
    const client = await MongoClient.connect(uri);
    try {
      const indexes = await client.db().collection(STATE_COLLECTION.name).indexes();
      expect(indexes).toContainEqual(expect.objectContaining({ key: { expiresAt: 1 }, expireAfterSeconds: 0 }));
    } finally {
      await client.close();
    }
  } finally {
    await store.dropDatabase();
    await store.close();
  }
});

/** The real file system, except that appends' syncs wait while `held` (a slow disk under other turns' writes). */
function heldSyncDisk(): { files: StoreFileSystem; hold(): void; release(): void } {
  let gate: Promise<void> | undefined;
  let open: (() => void) | undefined;
  const files: StoreFileSystem = {
    ...nodeFileSystem,
    open: async (file, flags, mode) => {
      const handle = await nodeFileSystem.open(file, flags, mode);
      return { write: (b, o, l, p) => handle.write(b, o, l, p), sync: async () => { await gate; return handle.sync(); }, truncate: (l) => handle.truncate(l), read: (b, o, l, p) => handle.read(b, o, l, p), stat: () => handle.stat(), close: () => handle.close() };
    },
  };
  return {
    files,
    hold: () => {
      gate ??= new Promise((resolve) => (open = resolve));
    },
    release: () => {
      open?.();
      gate = undefined;
    },
  };
}

describe('bot state on the embedded store: keys known to be absent', () => {
  const tempDir = tempDirsRemovedAfterAll();

  test('a key read once as absent is not looked up again behind other writes; written or deleted, it reads as it is', async () => {
    const disk = heldSyncDisk();
    const store = await EmbeddedStore.open(await tempDir('adr-state-absent-'), { files: disk.files });
    try {
      const repository = await StateRepository.open(store, { lifetime: botStateLifetime(24, 30), now: () => new Date() });
      const userKey = 'webchat/users/u1';
      expect(await repository.read([userKey])).toEqual({});
      disk.hold();
      // another conversation's write, held at its sync: a store read of the collection would wait for it
      const pending = repository.write({ 'webchat/conversations/c2': { step: 1 } });
      let settled = false;
      void pending.then(() => (settled = true));
      expect(await repository.read([userKey])).toEqual({});
      expect(settled).toBe(false);
      disk.release();
      await pending;
      await repository.write({ [userKey]: { userProfile: { language: 'en' } } });
      expect(await repository.read([userKey])).toEqual({ [userKey]: expect.objectContaining({ userProfile: { language: 'en' } }) });
      await repository.delete([userKey]);
      expect(await repository.read([userKey])).toEqual({});
      // and a repository opened afresh on the same store agrees
      const fresh = await StateRepository.open(store, { lifetime: botStateLifetime(24, 30), now: () => new Date() });
      expect(await fresh.read([userKey, 'webchat/conversations/c2'])).toEqual({ 'webchat/conversations/c2': expect.objectContaining({ step: 1 }) });
    } finally {
      disk.release();
      await store.close();
    }
  });
});
