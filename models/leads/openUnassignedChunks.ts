/**
 * The open leads no project has taken, read in chunks of a bounded size, oldest first, for work that must not hold
 * the event loop (group formation at 100,000 leads read them all in one query and clustered them in one go: about
 * a second with nothing else served).
 *
 * The chunks are windows of time on the unassigned leads' timeline (`projectTime` = "|<creation time>", see
 * paging.ts): each window is one range query on that index, so its candidates are only the leads inside it, on
 * both stores. A window's width adapts to what the previous ones held, aiming at CHUNK leads; a query asks for at
 * most MAX_CHUNK, and a window that fills it is not used but narrowed and asked again (the probe's cost is bounded
 * by the limit: no sort is asked, which nedb would do over every candidate). Within a window the leads are put in
 * timeline order here, so the chunks come oldest first, as one query sorted by the timeline would give them.
 */
import type { Filter } from '../store/collection';
import { OPEN_STATUSES, projectTimePrefix, type Lead } from './lead';
import { afterPrefix } from './paging';

/** what one chunk aims at */
export const CHUNK = 200;
/** the most one query reads: a window holding more is narrowed */
export const MAX_CHUNK = 500;
const DAY = 24 * 60 * 60 * 1000;
/** no lead is older: everything before is one window (normally empty) */
const FLOOR = Date.UTC(2000, 0, 1);

export type LimitedFind = (filter: Filter, limit?: number) => Promise<Lead[]>;

function byTimeline(a: Lead, b: Lead): number {
  return a.projectTime < b.projectTime ? -1 : a.projectTime > b.projectTime ? 1 : a._id < b._id ? -1 : a._id > b._id ? 1 : 0;
}

/**
 * Yields the open unassigned leads in chunks of at most MAX_CHUNK (one window of a single millisecond may hold
 * more, and is read whole), oldest first; `now` bounds the walk (later keys come in one last window).
 */
export async function* openUnassignedChunks(find: LimitedFind, now: Date): AsyncGenerator<Lead[]> {
  const prefix = projectTimePrefix(null);
  const keyAt = (ms: number): string => `${prefix}${new Date(ms).toISOString()}`;
  const window = (lower: string, upper: string): Filter => ({ projectTime: { $gte: lower, $lt: upper }, status: { $in: [...OPEN_STATUSES] } });
  const end = now.getTime() + DAY;

  // before the floor, and after the end: one window each, read whole if they ever hold more than a chunk
  const readWhole = async (filter: Filter): Promise<Lead[]> => {
    const probe = await find(filter, MAX_CHUNK);
    return probe.length < MAX_CHUNK ? probe : find(filter);
  };
  const before = await readWhole(window(prefix, keyAt(FLOOR)));
  if (before.length > 0) yield before.sort(byTimeline);

  let from = FLOOR;
  let width = DAY;
  while (from < end) {
    const to = Math.min(end, from + width);
    const found = await find(window(keyAt(from), keyAt(to)), MAX_CHUNK);
    if (found.length >= MAX_CHUNK && to - from > 1) {
      // too wide: narrow and ask again (an eighth: a dense stretch after a sparse one is met in a few probes)
      width = Math.max(1, Math.floor((to - from) / 8));
      continue;
    }
    const chunk = found.length >= MAX_CHUNK ? await find(window(keyAt(from), keyAt(to))) : found;
    if (chunk.length > 0) yield chunk.sort(byTimeline);
    // aim the next window at CHUNK leads, growing at most fourfold (a sparse stretch is crossed in a few windows)
    const factor = chunk.length === 0 ? 4 : Math.min(4, Math.max(0.25, CHUNK / chunk.length));
    width = Math.max(1, Math.floor((to - from) * factor));
    from = to;
  }
  const after = await readWhole(window(keyAt(end), afterPrefix(prefix)));
  if (after.length > 0) yield after.sort(byTimeline);
}
