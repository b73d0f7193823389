import { EmbeddedStore } from './embedded/embeddedStore';
import type { Store, StoreConfig } from './store';

/**
 * MongoDB when a URI is configured, else the zero-setup embedded store under dataDir. The MongoDB adapter (and
 * mongoose with the driver, ~0.3 s to load) is imported only when it is chosen, so the embedded store starts
 * without loading them.
 */
export async function createStore(config: StoreConfig): Promise<Store> {
  if (config.mongodbUri) {
    const { MongoStore } = await import('./mongo/mongoStore');
    return MongoStore.connect(config.mongodbUri);
  }
  return EmbeddedStore.open(config.dataDir, { owner: config.owner, logger: config.logger, files: config.files });
}
