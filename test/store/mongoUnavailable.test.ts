/**
 * MongoDB that cannot be reached answers in the port's terms: StoreUnavailableError (503 on the API, "not completed,
 * try again" in the chat), as the embedded store does on a full disk, never a raw driver error (a 500).
 */
import { MongoStore } from '../../models/store/mongo/mongoStore';
import { DuplicateKeyError, StoreUnavailableError, type Doc } from '../../models/store/collection';
import { isolatedMongoUri, MONGODB_SKIP_NOTE } from '../support/adapters';

const uri = process.env.MONGODB_URI;

(uri ? describe : describe.skip)(`MongoDB adapter when the database goes away${uri ? '' : ` (skipped: ${MONGODB_SKIP_NOTE})`}`, () => {
  test('every call after the connection is lost rejects with StoreUnavailableError; a duplicate stays a DuplicateKeyError', async () => {
    const store = await MongoStore.connect(isolatedMongoUri(uri as string, 'unavailable'));
    const things = await store.collection<Doc>({ name: 'things', indexes: [] });
    await things.insert({ _id: 'a' });
    await expect(things.insert({ _id: 'a' })).rejects.toBeInstanceOf(DuplicateKeyError);
    await store.dropDatabase();
    await store.close();
    for (const call of [() => things.insert({ _id: 'b' }), () => things.findOne({ _id: 'a' }), () => things.find({}), () => things.count({}), () => things.updateOne({ _id: 'a' }, { $set: { x: 1 } }), () => things.upsert({ _id: 'c' }), () => things.deleteMany({})]) {
      await expect(call()).rejects.toBeInstanceOf(StoreUnavailableError);
    }
  });
});
