import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { EmbeddedStore } from '../../models/store/embedded/embeddedStore';
import { MongoStore } from '../../models/store/mongo/mongoStore';
import type { Store } from '../../models/store/store';

/** A fresh, empty store of one kind, and how to throw it away. */
export interface StoreFactory {
  name: string;
  open(): Promise<Store>;
  dispose(store: Store): Promise<void>;
}

export async function tempDir(prefix = 'adr-test-'): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
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
  return {
    name: 'mongodb',
    async open() {
      const url = new URL(uri);
      url.pathname = `/adr_test_${process.pid}_${Date.now()}_${counter++}`;
      return MongoStore.connect(url.toString());
    },
    async dispose(store) {
      await (store as MongoStore).dropDatabase();
      await store.close();
    },
  };
}

/** The embedded adapter always; MongoDB too when MONGODB_URI is set. */
export function storeFactories(): StoreFactory[] {
  const uri = process.env.MONGODB_URI;
  return uri ? [embedded, mongo(uri)] : [embedded];
}

export const MONGODB_SKIP_NOTE = 'MongoDB adapter not tested: set MONGODB_URI (e.g. eval "$(../shared/tools/ferretdb start)") to run the contract suite on it';

/** FerretDB v1 does not make conditional updates atomic under concurrency; race cases need a real MongoDB. */
export async function raceUnsupportedReason(store: Store): Promise<string | undefined> {
  const info = await store.serverInfo();
  if (info && 'ferretdbVersion' in info) return `server is FerretDB ${String(info.ferretdbVersion)}, whose conditional updates are not atomic under concurrency; race cases run on the embedded adapter and on real MongoDB`;
  return undefined;
}
