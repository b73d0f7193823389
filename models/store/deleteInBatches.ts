/**
 * Deletes what a filter matches a batch at a time, the event loop turning between batches: on the embedded store a
 * read and a delete are each one synchronous step (nedb copies every document it returns, and takes each deleted
 * one out of every index), so thousands of documents in one call held the loop for a tenth of a second and more.
 *
 * Each batch is sized from the CPU time the last one cost (BatchSize: the wait for a disk sync or a database round
 * trip does not count), so that a step stays near `sliceMs` whatever a document costs: that cost is not fixed (nedb
 * keeps the documents sharing an index key in one array, and removing one filters that array). No sort is asked:
 * nedb would sort every candidate before applying the limit. The delete repeats the whole filter, so a document
 * that changed between the read and the delete is left alone.
 */
import { BatchSize, cpuMsNow, yieldToLoop } from '../timeSlices';
import type { Doc, DocumentCollection, Filter } from './collection';

/** the CPU time a batch aims at: a store call is one synchronous step, and each batch also costs a disk sync */
export const BATCH_SLICE_MS = 15;

export interface BatchOptions {
  /** documents read and deleted per batch, at most (nedb matches `_id: {$in: ids}` against each id in turn: a batch
   * of k costs k x k comparisons, so a few thousand is too many) */
  batch?: number;
  /** the CPU time one batch should cost, ms */
  sliceMs?: number;
}

/** Resolves with how many documents were deleted. */
export async function deleteInBatches<T extends Doc>(docs: DocumentCollection<T>, filter: Filter, { batch = 500, sliceMs = BATCH_SLICE_MS }: BatchOptions = {}): Promise<number> {
  let deleted = 0;
  const size = new BatchSize(batch, sliceMs); // a first small batch measures the cost
  for (;;) {
    const asked = size.size;
    const started = cpuMsNow();
    const found = await docs.find(filter, { limit: asked });
    if (found.length === 0) return deleted;
    const gone = await docs.deleteMany({ ...filter, _id: { $in: found.map((doc) => doc._id) } });
    deleted += gone;
    // nothing went (every document changed meanwhile): the next read would find the same ones, so stop here
    if (gone === 0 || found.length < asked) return deleted;
    size.took(found.length, cpuMsNow() - started);
    await yieldToLoop();
  }
}
