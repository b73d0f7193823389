import type { CollectionSpec, Doc, DocumentCollection } from '../../models/store/collection';
import type { Store } from '../../models/store/store';

/**
 * The store with each collection it opens passed through `wrap`: the one place tests stand between the product and
 * its collections (counting calls, holding writes at a gate), everything else of the store untouched.
 */
export function withCollections(base: Store, wrap: <T extends Doc>(docs: DocumentCollection<T>, spec: CollectionSpec) => DocumentCollection<T>): Store {
  return new Proxy(base, {
    get: (target, prop, receiver) => {
      if (prop !== 'collection') return Reflect.get(target, prop, receiver) as unknown;
      return async <T extends Doc>(spec: CollectionSpec): Promise<DocumentCollection<T>> => wrap(await target.collection<T>(spec), spec);
    },
  });
}

/**
 * A store that counts the calls made on its collections (`<collection>.<method>`), passing each one through: what
 * a piece of work costs in round trips to the database, measured the way the product makes them.
 */
export class CountingStore {
  readonly calls = new Map<string, number>();
  /** with `{ bytes: true }`: the size (as JSON) of what the calls returned, by `<collection>.<method>` */
  readonly bytes = new Map<string, number>();

  constructor(
    private readonly base: Store,
    private readonly options: { bytes?: boolean } = {},
  ) {}

  /** Bytes (as JSON) returned so far, in all or on the named collections (counted with `{ bytes: true }` only). */
  totalBytes(collections?: readonly string[]): number {
    let sum = 0;
    for (const [name, n] of this.bytes) if (!collections || collections.includes(name.split('.')[0])) sum += n;
    return sum;
  }

  /** Calls made so far, in all or on the named collections. */
  total(collections?: readonly string[]): number {
    let sum = 0;
    for (const [name, n] of this.calls) if (!collections || collections.includes(name.split('.')[0])) sum += n;
    return sum;
  }

  reset(): void {
    this.calls.clear();
    this.bytes.clear();
  }

  store(): Store {
    return withCollections(this.base, (docs, spec) =>
      new Proxy(docs, {
        get: (collection, method, r) => {
          const value = Reflect.get(collection, method, r) as unknown;
          if (typeof value !== 'function' || typeof method !== 'string') return value;
          return (...args: unknown[]): unknown => {
            const key = `${spec.name}.${method}`;
            this.calls.set(key, (this.calls.get(key) ?? 0) + 1);
            const result = (value as (...a: unknown[]) => unknown).apply(collection, args);
            if (!this.options.bytes || !(result instanceof Promise)) return result;
            return result.then((out: unknown) => {
              this.bytes.set(key, (this.bytes.get(key) ?? 0) + (out === undefined ? 0 : Buffer.byteLength(JSON.stringify(out))));
              return out;
            });
          };
        },
      }),
    );
  }
}
