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
 */
import type { Doc, DocumentCollection, Filter } from '../store/collection';

/** rows read and deleted per chunk */
export const PURGE_BATCH = 500;

const nextTick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export async function deleteBefore<T extends Doc>(
  docs: DocumentCollection<T>,
  dateField: string,
  cutoff: Date,
  filter: Filter = {},
  batch = PURGE_BATCH,
): Promise<number> {
  const due: Filter = { ...filter, [dateField]: { $lt: cutoff } };
  let deleted = 0;
  for (;;) {
    const chunk = await docs.find(due, { limit: batch });
    if (chunk.length === 0) return deleted;
    const gone = await docs.deleteMany({ ...due, _id: { $in: chunk.map((row) => row._id) } });
    deleted += gone;
    // nothing went (every row changed meanwhile): the next read would find the same rows, so stop here
    if (gone === 0 || chunk.length < batch) return deleted;
    await nextTick();
  }
}
