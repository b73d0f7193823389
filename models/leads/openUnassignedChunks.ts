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
import { TimeSlice } from '../timeSlices';
import { OPEN_STATUSES, projectTimePrefix, type Lead } from './lead';
import { afterPrefix } from './paging';

/** what one chunk aims at */
export const CHUNK = 200;
/** the most one query reads: a window holding more is narrowed */
export const MAX_CHUNK = 500;
const DAY = 24 * 60 * 60 * 1000;
/**
 * The widest window asked: nedb gathers every candidate of a range before it applies the limit, so a window grown
 * over a long empty stretch (years before the first lead) would gather the whole collection in one step (135-165 ms
 * at 100,000 leads). Empty windows cost an index lookup each, and the walk yields between them.
 */
const MAX_WIDTH = 30 * DAY;
/** no lead is older: everything before is one window (normally empty) */
const FLOOR = Date.UTC(2000, 0, 1);

export type LimitedFind = (filter: Filter, limit?: number) => Promise<Lead[]>;

/** A time-ordered indexed field to walk: its key for a time, and the filter every window adds. */
interface Walk {
  field: string;
  keyAt(ms: number): string | Date;
  /** the lowest and highest keys of the field's walk (unbounded when undefined) */
  lowest?: string;
  highest?: string;
  where: Filter;
}

function ordered(field: string): (a: Lead, b: Lead) => number {
  return (a, b) => {
    const x = (a as unknown as Record<string, string | Date>)[field].valueOf();
    const y = (b as unknown as Record<string, string | Date>)[field].valueOf();
    return x < y ? -1 : x > y ? 1 : a._id < b._id ? -1 : a._id > b._id ? 1 : 0;
  };
}

/**
 * Yields the leads of a walk in chunks of at most MAX_CHUNK (one window of a single millisecond may hold more, and
 * is read whole), oldest first; `now` bounds the walk (later keys come in one last window).
 */
async function* windows(find: LimitedFind, walk: Walk, now: Date): AsyncGenerator<Lead[]> {
  const range = (lower: string | Date | undefined, upper: string | Date | undefined): Filter => ({
    [walk.field]: { ...(lower !== undefined ? { $gte: lower } : {}), ...(upper !== undefined ? { $lt: upper } : {}) },
    ...walk.where,
  });
  const byWalk = ordered(walk.field);
  const end = now.getTime() + DAY;

  // before the floor, and after the end: one window each, read whole if they ever hold more than a chunk
  const readWhole = async (filter: Filter): Promise<Lead[]> => {
    const probe = await find(filter, MAX_CHUNK);
    return probe.length < MAX_CHUNK ? probe : find(filter);
  };
  const before = await readWhole(range(walk.lowest, walk.keyAt(FLOOR)));
  if (before.length > 0) yield before.sort(byWalk);

  let from = FLOOR;
  let width = DAY;
  const slice = new TimeSlice();
  while (from < end) {
    // an empty window's query never truly waits: a long empty stretch would otherwise be one synchronous run
    await slice.pause();
    const to = Math.min(end, from + width);
    const found = await find(range(walk.keyAt(from), walk.keyAt(to)), MAX_CHUNK);
    if (found.length >= MAX_CHUNK && to - from > 1) {
      // too wide: narrow and ask again (an eighth: a dense stretch after a sparse one is met in a few probes)
      width = Math.max(1, Math.floor((to - from) / 8));
      continue;
    }
    const chunk = found.length >= MAX_CHUNK ? await find(range(walk.keyAt(from), walk.keyAt(to))) : found;
    if (chunk.length > 0) yield chunk.sort(byWalk);
    // aim the next window at CHUNK leads, growing at most fourfold (a sparse stretch is crossed in a few windows)
    const factor = chunk.length === 0 ? 4 : Math.min(4, Math.max(0.25, CHUNK / chunk.length));
    width = Math.min(MAX_WIDTH, Math.max(1, Math.floor((to - from) * factor)));
    from = to;
  }
  const after = await readWhole(range(walk.keyAt(end), walk.highest));
  if (after.length > 0) yield after.sort(byWalk);
}

/** The open unassigned leads, oldest first, along their timeline (`projectTime` = "|<creation time>"). */
export function openUnassignedChunks(find: LimitedFind, now: Date): AsyncGenerator<Lead[]> {
  const prefix = projectTimePrefix(null);
  return windows(
    find,
    { field: 'projectTime', keyAt: (ms) => `${prefix}${new Date(ms).toISOString()}`, lowest: prefix, highest: afterPrefix(prefix), where: { status: { $in: [...OPEN_STATUSES] } } },
    now,
  );
}

/** Every lead, oldest first, along `createdAt` (the one-off recount at start, which must not hold the loop). */
export function allLeadsChunks(find: LimitedFind, now: Date): AsyncGenerator<Lead[]> {
  return windows(find, { field: 'createdAt', keyAt: (ms) => new Date(ms), where: {} }, now);
}
