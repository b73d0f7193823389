import type { Storage, StoreItems } from 'botbuilder';
import type { StateRepository } from '../../models/state/stateRepository';

/** botbuilder's Storage over the project's store, so conversation and user state live with the rest of the data. */
export class StoreStorage implements Storage {
  constructor(private readonly repository: StateRepository) {}

  read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    return this.repository.read(keys);
  }

  write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    return this.repository.write(changes);
  }

  delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    return this.repository.delete(keys);
  }
}
