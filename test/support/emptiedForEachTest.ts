/**
 * A store (or a pair of them) empty at the start of each test of a suite. The embedded store is opened afresh for
 * each test (a new folder costs nothing); a MongoDB database is opened once for the suite and emptied before each
 * test: every collection's documents deleted, its indexes kept (the same specs would make them again). A database
 * of its own per test made FerretDB create every collection and index again: about half a second a test in CI,
 * where three workers share one FerretDB. Either way a test starts from a store holding nothing.
 */
import mongoose from 'mongoose';

/** Deletes every document of every collection of the database at `uri`, leaving the collections and their indexes. */
export async function emptyDatabase(uri: string): Promise<void> {
  const connection = await mongoose.createConnection(uri, { serverSelectionTimeoutMS: 5000 }).asPromise();
  try {
    const db = connection.db;
    if (!db) throw new Error('no database on the connection');
    for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray()) await db.collection(name).deleteMany({});
  } finally {
    await connection.close();
  }
}

/** What emptiedForEachTest serves: a StorePair, or a store with its factory's dispose and empty. */
export interface Emptiable {
  dispose(): Promise<void>;
  /** present where emptying beats opening afresh (MongoDB) */
  empty?(): Promise<void>;
}

/**
 * Registers the suite's hooks (call it in a describe): before each test an empty store from `open`, or the suite's
 * first one emptied where it can be; disposed of after each test, or after the suite where emptied. Returns the
 * current test's store.
 */
export function emptiedForEachTest<S extends Emptiable>(open: () => Promise<S>): () => S {
  let current: S | undefined;
  beforeEach(async () => {
    if (current?.empty) await current.empty();
    else current = await open();
  });
  afterEach(async () => {
    if (current === undefined || current.empty) return;
    const done = current;
    current = undefined;
    await done.dispose();
  });
  afterAll(async () => {
    if (current === undefined) return;
    const done = current;
    current = undefined;
    await done.dispose();
  });
  return () => {
    if (current === undefined) throw new Error('no store: emptiedForEachTest() serves tests, not the suite body');
    return current;
  };
}
