/**
 * The documents of an nedb datastore in `_id` order, a batch at a time, each batch starting after the last key of
 * the one before. nedb's getAllData walks its whole `_id` tree in one go: at 100,000 leads 20-100 ms of the event
 * loop (the nodes lie all over the heap) and one array of them all. Resuming by key, not by a node, makes the walk
 * safe across writes made between two batches: a rotation of the tree moves nodes, never the order of the keys, so
 * every key that is there all along is visited exactly once; a key added behind the walk's position is not
 * visited, one added ahead is, a removed one is not.
 *
 * It reads binary-search-tree's internals as nedb 4 builds its indexes on them (the tree's root, `key`, `data`,
 * `left`, `right`, `compareKeys`), like the store's other uses of nedb internals (embeddedStore.ts).
 */
type NedbDoc = Record<string, unknown>;

interface TreeNode {
  key?: unknown;
  data: NedbDoc[];
  left?: TreeNode;
  right?: TreeNode;
  compareKeys(a: unknown, b: unknown): number;
}

/** nedb's `_id` index: an AVLTree wrapper whose `tree` is the root node (it changes as the tree rotates) */
interface IdIndex {
  tree: { tree: TreeNode };
}

export interface WalkBatch {
  docs: NedbDoc[];
  /** the last key taken: the next batch starts after it (undefined when the batch is empty) */
  after: { key: unknown } | undefined;
  /** no key follows the batch's last */
  done: boolean;
}

/** nodes visited between two looks at the clock */
const NODES_PER_CHECK = 64;

/**
 * The documents whose `_id` follows `after` (from the first when undefined), in key order, until `enough()` says
 * so (asked every few dozen nodes) or `max` are taken. Synchronous: the caller runs it where no write is half
 * applied (see the compaction in embeddedStore.ts).
 */
export function documentsAfter(db: object, after: { key: unknown } | undefined, max: number, enough: () => boolean): WalkBatch {
  const root = (db as { indexes: { _id: IdIndex } }).indexes._id.tree.tree;
  const docs: NedbDoc[] = [];
  // an empty tree is a root without a key
  if (!Object.hasOwn(root, 'key')) return { docs, after: undefined, done: true };
  const compare = root.compareKeys.bind(root);
  // the path to the first key after `after`: every node on it whose key follows, deepest last
  const stack: TreeNode[] = [];
  for (let node: TreeNode | undefined = root; node; ) {
    if (after === undefined || compare(node.key, after.key) > 0) {
      stack.push(node);
      node = node.left;
    } else {
      node = node.right;
    }
  }
  let last: { key: unknown } | undefined;
  let visited = 0;
  while (stack.length > 0) {
    const node = stack.pop() as TreeNode;
    for (const doc of node.data) docs.push(doc);
    last = { key: node.key };
    for (let next = node.right; next; next = next.left) stack.push(next);
    visited += 1;
    if (docs.length >= max || (visited % NODES_PER_CHECK === 0 && enough())) break;
  }
  return { docs, after: last, done: stack.length === 0 };
}
