import { EmbeddedStore } from './embedded/embeddedStore';
import { MongoStore } from './mongo/mongoStore';
import type { Store, StoreConfig } from './store';

/** MongoDB when a URI is configured, else the zero-setup embedded store under dataDir. */
export async function createStore(config: StoreConfig): Promise<Store> {
  if (config.mongodbUri) return MongoStore.connect(config.mongodbUri);
  return EmbeddedStore.open(config.dataDir, { owner: config.owner, logger: config.logger, files: config.files });
}
