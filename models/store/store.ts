import type { CollectionSpec, Doc, DocumentCollection } from './collection';

/** A database: the embedded file store or MongoDB. Chosen once at start-up by createStore. */
export interface Store {
  readonly kind: 'embedded' | 'mongodb';
  collection<T extends Doc>(spec: CollectionSpec): Promise<DocumentCollection<T>>;
  /** resolves when the store can serve reads and writes; rejects otherwise (readiness probe) */
  ping(): Promise<void>;
  /** Flushes and closes; later calls fail. */
  close(): Promise<void>;
  /** What the server is (MongoDB's buildInfo), for capability checks in tests; undefined for the embedded store. */
  serverInfo(): Promise<Record<string, unknown> | undefined>;
}

export interface StoreConfig {
  mongodbUri?: string;
  dataDir: string;
}
