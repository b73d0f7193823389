import type { Logger } from '../logger';
import type { CollectionSpec, Doc, DocumentCollection } from './collection';
import type { StoreFileSystem } from './embedded/fileSystem';

/** Damaged records the embedded store found when loading a collection and set aside, awaiting staff. */
export interface QuarantineReport {
  collection: string;
  /** how many lines were set aside (never their content: it may hold personal data) */
  lines: number;
  /** the file beside the collection's that holds them, relative to the data folder */
  file: string;
}

/** A database: the embedded file store or MongoDB. Chosen once at start-up by createStore. */
export interface Store {
  readonly kind: 'embedded' | 'mongodb';
  collection<T extends Doc>(spec: CollectionSpec): Promise<DocumentCollection<T>>;
  /**
   * Resolves when the store can serve reads and writes; rejects otherwise (readiness probe). After a failed write
   * the embedded store tries a small write of its own here, so readiness comes back by itself once the disk does.
   */
  ping(): Promise<void>;
  /** Damaged records set aside at load and not yet acknowledged by staff; none on MongoDB. */
  quarantined(): QuarantineReport[];
  /** Staff have seen the quarantined records: they stop being reported (the files stay for inspection). */
  acknowledgeQuarantine(): Promise<QuarantineReport[]>;
  /** Flushes and closes; later calls fail. */
  close(): Promise<void>;
  /** What the server is (MongoDB's buildInfo), for capability checks in tests; undefined for the embedded store. */
  serverInfo(): Promise<Record<string, unknown> | undefined>;
}

export interface StoreConfig {
  mongodbUri?: string;
  dataDir: string;
  /** who opens the embedded store, in words ("the bot", "npm run users"): named to a second process it refuses */
  owner?: string;
  /** where the embedded store reports damaged records it sets aside */
  logger?: Logger;
  /** the file system under the embedded store; tests pass a failing one */
  files?: StoreFileSystem;
}
