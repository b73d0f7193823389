import type Datastore from '@seald-io/nedb';

// nedb's own key functions, so a key here is exactly the key its indexes hold (internal to nedb, as nedbFormat.ts)
const model = require('@seald-io/nedb/lib/model.js') as {
  getDotValues(doc: object, fields: string[]): unknown;
  compareThings(a: unknown, b: unknown): number;
};
const utils = require('@seald-io/nedb/lib/utils.js') as { uniq<T>(array: T[], iteratee?: (item: T) => unknown): T[]; isDate(value: unknown): boolean };

type NedbDoc = Record<string, unknown>;

/** What this module uses of an nedb index (internal to nedb). */
interface NedbIndex {
  _fields: string[];
  sparse: boolean;
  tree: { search(key: unknown): NedbDoc[] };
  update(oldDoc: NedbDoc, newDoc: NedbDoc): void;
  revertUpdate(oldDoc: NedbDoc, newDoc: NedbDoc): void;
}

type Pair = { oldDoc: NedbDoc; newDoc: NedbDoc };

/** nedb's projection of an array element when it keeps an array's distinct keys (indexes.js, projectForUnique). */
function projectForUnique(element: unknown): unknown {
  if (element === null) return '$null';
  if (typeof element === 'string') return `$string${element}`;
  if (typeof element === 'boolean') return `$boolean${element}`;
  if (typeof element === 'number') return `$number${element}`;
  if (utils.isDate(element)) return `$date${(element as Date).getTime()}`;
  return element;
}

/**
 * The keys under which nedb's index holds this document, as its `insert` puts them (its very test for a sparse
 * index, which also skips a date or an empty array): none when skipped, each distinct element of an array, else the
 * one key. Undefined when the document could sit twice under one key (an array of objects, told apart by identity
 * but found by value): such an index is left to nedb.
 */
function keysOf(index: NedbIndex, doc: NedbDoc): unknown[] | undefined {
  const key = model.getDotValues(doc, index._fields);
  const absent = key === undefined || (typeof key === 'object' && key !== null && Object.values(key).every((v) => v === undefined));
  if (absent && index.sparse) return [];
  if (!Array.isArray(key)) return [key];
  const keys = utils.uniq(key as unknown[], projectForUnique);
  return keys.some((k) => typeof k === 'object' && k !== null && !utils.isDate(k)) ? undefined : keys;
}

function sameKeys(a: unknown[] | undefined, b: unknown[] | undefined): a is unknown[] {
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (model.compareThings(a[i], b[i]) !== 0) return false;
  return true;
}

/**
 * Puts `to` where `from` is under each of `keys`, in place (the key's list of documents is the tree node's own array).
 * False, changing nothing, when `from` is not found under one of them.
 */
function swap(index: NedbIndex, keys: unknown[], from: NedbDoc, to: NedbDoc): boolean {
  const lists = keys.map((key) => index.tree.search(key));
  const at = lists.map((list) => list.indexOf(from));
  if (at.some((i) => i < 0)) return false;
  lists.forEach((list, i) => (list[at[i]] = to));
  return true;
}

/**
 * nedb updates a document in its indexes by taking it out of every index and putting its new version back in: two
 * tree operations (with their rebalancing) per index, whether the indexed value changed or not. A lead has 14
 * indexes; an update of one field (its events published) and the swap to the compact copy that follows every write
 * (embeddedStore.ts, settle) cost 56 tree operations. Here an index whose keys for the document are the same
 * before and after gets the new version put in the old one's place, under the same keys (a lookup each); only an
 * index whose keys change goes through nedb's own update, with its unique check. As nedb does, a failure (a unique
 * key taken) puts back every index changed before it and throws. An update of several documents at once keeps
 * nedb's own way (remove all, then insert all: documents may trade unique keys).
 */
export function updateIndexesInPlace(db: Datastore<NedbDoc>): void {
  const internal = db as unknown as { indexes: Record<string, NedbIndex>; _updateIndexes(oldDoc: NedbDoc | Pair[], newDoc?: NedbDoc): void };
  const nedbUpdate = internal._updateIndexes.bind(internal);
  internal._updateIndexes = (oldDoc: NedbDoc | Pair[], newDoc?: NedbDoc): void => {
    const pair: Pair | undefined = Array.isArray(oldDoc) ? (oldDoc.length === 1 ? oldDoc[0] : undefined) : newDoc ? { oldDoc, newDoc } : undefined;
    if (!pair) {
      nedbUpdate(oldDoc, newDoc);
      return;
    }
    const undo: Array<() => void> = [];
    try {
      for (const index of Object.values(internal.indexes)) {
        const before = keysOf(index, pair.oldDoc);
        if (sameKeys(before, keysOf(index, pair.newDoc)) && swap(index, before, pair.oldDoc, pair.newDoc)) {
          undo.push(() => swap(index, before, pair.newDoc, pair.oldDoc));
        } else {
          index.update(pair.oldDoc, pair.newDoc);
          undo.push(() => index.revertUpdate(pair.oldDoc, pair.newDoc));
        }
      }
    } catch (err) {
      for (const step of undo.reverse()) step();
      throw err;
    }
  };
}
