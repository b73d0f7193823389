/**
 * Two instances' stores on one database, for tests of what several instances must agree on (leases, counters,
 * seeding). The embedded store has one owner, so both "instances" share it; on MongoDB (FerretDB in CI, when
 * MONGODB_URI is set) they are two connections to a fresh database, which dispose() drops.
 */
import { randomUUID } from 'node:crypto';
import { EmbeddedStore } from '../../models/store/embedded/embeddedStore';
import { MongoStore } from '../../models/store/mongo/mongoStore';
import type { Store } from '../../models/store/store';
import { emptyDatabase } from './emptiedForEachTest';

export interface StorePair {
  stores: [Store, Store];
  dispose(): Promise<void>;
  /** MongoDB's: every collection's documents deleted, its indexes kept (emptiedForEachTest) */
  empty?(): Promise<void>;
}

export type StorePairKind = 'embedded' | 'mongodb';

/**
 * The pairs to run a suite on: the embedded one always, MongoDB's when MONGODB_URI is set. `tempDir` comes from
 * tempDirsRemovedAfterAll() (called at the suite's top level); `name` tags the temp folder and database.
 */
export function storePairs(tempDir: (prefix: string) => Promise<string>, name: string): Array<[kind: StorePairKind, open: () => Promise<StorePair>]> {
  const embedded = async (): Promise<StorePair> => {
    const store = await EmbeddedStore.open(await tempDir(`${name}-`));
    return { stores: [store, store], dispose: () => store.close() };
  };
  const uri = process.env.MONGODB_URI;
  if (uri === undefined) return [['embedded', embedded]];
  const mongodb = async (): Promise<StorePair> => {
    const url = new URL(uri);
    url.pathname = `/adr_${name}_${process.pid}_${randomUUID().slice(0, 8)}`;
    const a = await MongoStore.connect(url.toString());
    const b = await MongoStore.connect(url.toString());
    return {
      stores: [a, b],
      dispose: async () => {
        await a.dropDatabase();
        await a.close();
        await b.close();
      },
      empty: () => emptyDatabase(url.toString()),
    };
  };
  return [['embedded', embedded], ['mongodb', mongodb]];
}
