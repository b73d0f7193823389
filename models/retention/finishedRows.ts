/**
 * Deletes the rows matching `filter` whose `dateField` is before `cutoff`, a chunk at a time, yielding to the event
 * loop between chunks: the outboxes' finished rows (lead event deliveries, Teams cards, their attempt claims) would
 * otherwise grow with every referral the campaign ever had.
 *
 * Why the chunks are read this way, so that no chunk stalls the loop however many rows are due (100,000 after a
 * long pause): the range on the indexed `dateField` is what the database walks (on the embedded store nedb takes
 * its candidates from that index), and there is no sort, so the embedded store stops reading after `batch`
 * matches instead of sorting every candidate; which rows of the range go first does not matter, all of them go.
 * The delete repeats the whole filter, so a row that changed between the read and the delete is left alone.
 *
 * Why the chunk shrinks and grows (models/store/deleteInBatches.ts): on the embedded store a delete is synchronous
 * work on the event loop, and its cost per row is not fixed: nedb keeps the rows sharing an index key (every
 * `delivered` row in the `status` index) in one array, and removing a row filters that array, so at 100,000 ended
 * rows one row costs milliseconds. The chunk is sized from the CPU time the last one cost, to stay near `sliceMs`;
 * as the backlog shrinks, chunks grow back. On MongoDB a chunk costs little CPU and grows to `batch`.
 */
import type { Doc, DocumentCollection, Filter } from '../store/collection';
import { deleteInBatches } from '../store/deleteInBatches';

/** at most this many rows read and deleted per chunk */
export const PURGE_BATCH = 500;
/** the time one chunk's delete should take, in milliseconds */
export const PURGE_SLICE_MS = 20;

export function deleteBefore<T extends Doc>(
  docs: DocumentCollection<T>,
  dateField: string,
  cutoff: Date,
  filter: Filter = {},
  { batch = PURGE_BATCH, sliceMs = PURGE_SLICE_MS }: { batch?: number; sliceMs?: number } = {},
): Promise<number> {
  return deleteInBatches(docs, { ...filter, [dateField]: { $lt: cutoff } }, { batch, sliceMs });
}
