import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { EmbeddedStore } from '../../models/store/embedded/embeddedStore';
import type { MongoStore } from '../../models/store/mongo/mongoStore';
import type { Store } from '../../models/store/store';

/** A fresh, empty store of one kind, and how to throw it away. */
export interface StoreFactory {
  name: string;
  open(): Promise<Store>;
  dispose(store: Store): Promise<void>;
  /** MongoDB's: every collection of the store's database emptied, indexes kept (test/support/emptiedForEachTest.ts) */
  empty?(store: Store): Promise<void>;
}

export async function tempDir(prefix = 'adr-test-'): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
}

/** tempDir for one test file: every folder it made is removed after the file's tests (call at the file's top level). */
export function tempDirsRemovedAfterAll(): (prefix?: string) => Promise<string> {
  const made: string[] = [];
  afterAll(async () => {
    for (const dir of made) await fs.rm(dir, { recursive: true, force: true });
  });
  return async (prefix?: string) => {
    const dir = await tempDir(prefix);
    made.push(dir);
    return dir;
  };
}

const embedded: StoreFactory = {
  name: 'embedded',
  async open() {
    return EmbeddedStore.open(await tempDir());
  },
  async dispose(store) {
    await store.close();
  },
};

/** Each MongoDB test store is its own database, dropped afterwards, so runs never see each other's data. */
function mongo(uri: string): StoreFactory {
  let counter = 0;
  const uris = new WeakMap<Store, string>();
  return {
    name: 'mongodb',
    async open() {
      const url = new URL(uri);
      url.pathname = `/adr_test_${process.pid}_${Date.now()}_${counter++}`;
      // imported here so that files using only the embedded store do not load mongoose and the driver
      const { MongoStore } = await import('../../models/store/mongo/mongoStore');
      const store = await MongoStore.connect(url.toString());
      uris.set(store, url.toString());
      return store;
    },
    async dispose(store) {
      await (store as MongoStore).dropDatabase();
      await store.close();
    },
    async empty(store) {
      const { emptyDatabase } = await import('./emptiedForEachTest');
      await emptyDatabase(uris.get(store) ?? '');
    },
  };
}

/** The embedded adapter always; MongoDB too when MONGODB_URI is set. */
export function storeFactories(): StoreFactory[] {
  const uri = process.env.MONGODB_URI;
  return uri ? [embedded, mongo(uri)] : [embedded];
}

export const MONGODB_SKIP_NOTE = 'MongoDB adapter not tested: set MONGODB_URI (e.g. eval "$(../shared/tools/ferretdb start)") to run the contract suite on it';


/**
 * Whether MONGODB_URI points at FerretDB, known synchronously so a test can be defined as skipped (`test.skip`
 * chosen at definition time, reported as skipped) rather than pass by returning early. Asks the server's buildInfo
 * in a child process, once per test file.
 */
let ferretDbVersion: string | null | undefined;
export function mongoFerretDbVersion(): string | null {
  const uri = process.env.MONGODB_URI;
  if (!uri) return null;
  if (ferretDbVersion !== undefined) return ferretDbVersion;
  const script =
    "const { MongoClient } = require('mongodb');" +
    '(async () => { const c = new MongoClient(process.env.MONGODB_URI, { serverSelectionTimeoutMS: 10000 }); await c.connect();' +
    " const info = await c.db('admin').admin().buildInfo(); process.stdout.write(info.ferretdbVersion ? String(info.ferretdbVersion) : ''); await c.close(); })()" +
    '.catch((e) => { process.stderr.write(String(e && e.message)); process.exit(2); });';
  const probe = spawnSync(process.execPath, ['-e', script], { cwd: path.resolve(__dirname, '../..'), encoding: 'utf8', timeout: 30_000, env: process.env });
  if (probe.status !== 0) throw new Error(`cannot ask MONGODB_URI for its buildInfo: ${probe.stderr || probe.error?.message || `exit ${probe.status}`}`);
  ferretDbVersion = probe.stdout === '' ? null : probe.stdout;
  return ferretDbVersion;
}

/**
 * Why a race case that relies on atomic conditional updates cannot run on this factory's server (FerretDB v1), or
 * undefined when it can; for `(reason ? test.skip : test)(...)` at definition time.
 */
export function conditionalRaceSkipReason(factory: Pick<StoreFactory, 'name'>): string | undefined {
  if (factory.name !== 'mongodb') return undefined;
  const version = mongoFerretDbVersion();
  return version ? `server is FerretDB ${version}, whose conditional updates are not atomic under concurrency` : undefined;
}

/** A database of its own on the MONGODB_URI server, for one running bot (drop it afterwards). */
export function isolatedMongoUri(base: string, label = 'bot'): string {
  const url = new URL(base);
  url.pathname = `/adr_${label}_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  return url.toString();
}

/** The environments a real-server test runs in: the embedded store always, MongoDB too when MONGODB_URI is set. */
export function botStoreEnvs(label = 'bot'): Array<{ name: 'embedded' | 'mongodb'; env: () => Record<string, string> }> {
  const uri = process.env.MONGODB_URI;
  return [{ name: 'embedded', env: () => ({}) }, ...(uri ? [{ name: 'mongodb' as const, env: () => ({ MONGODB_URI: isolatedMongoUri(uri, label) }) }] : [])];
}
