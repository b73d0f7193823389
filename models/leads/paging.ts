/**
 * Newest-first pages over a collection, fast on both adapters.
 *
 * MongoDB plans queries itself. nedb does not: it takes candidates from ONE index (the last indexed field compared
 * for equality, else one with $in, else one with $lt/$gt...) and sorts every matching candidate in memory before
 * the limit applies. Measured at 100k leads, sorting a project's ~3,000 leads for a page of 20 already takes
 * 30-60 ms and three projects' ~10,000 over 200 ms, so a page must never ask nedb to sort a large set. Instead a
 * page walks a *timeline* (an index whose order is creation time) backwards in windows: the newest day first,
 * then ever wider windows (x4 each time) until the page is full. Each window is one range query on that index,
 * so the candidates are only the documents inside the window, and only its matches get sorted.
 *
 * A timeline is either the time field itself (a Date, e.g. `createdAt`) or a string field `<prefix><ISO time>`
 * (e.g. `projectTime` = "p7|2025-06-30T12:00:00.000Z"), which works as a compound (project, time) index that
 * nedb lacks: a window on it reads one project's documents only. Several timelines (an operator's projects) are
 * walked one by one and merged.
 *
 * Every other condition goes inside a one-clause `$or`, which nedb's planner never takes for an index and MongoDB
 * reads as a plain AND: the timeline's index stays in charge whatever the filters.
 *
 * Order is (time desc, _id desc); the cursor is the last (time, _id) seen, so ties on time page correctly.
 */
import { ValidationError } from '../errors';
import type { Doc, DocumentCollection, Filter } from '../store/collection';

export const MAX_PAGE = 100;
export const MAX_OFFSET = 10_000;
const DAY = 24 * 60 * 60 * 1000;
const FIRST_WINDOW = DAY;
/** after windows reaching back 1, 4, 16, 64, 256 and 1024 days, the rest is read in one go */
const LAST_WINDOW = 1024 * DAY;

export interface PageCursor {
  at: Date;
  id: string;
}

export interface PageRequest {
  /** 1-100, default 20 */
  limit?: number;
  /** opaque cursor from a previous page's nextCursor (preferred) */
  cursor?: string;
  /** skip this many, at most 10,000 (simple paging; a cursor is cheaper for deep pages) */
  offset?: number;
}

export interface Page<T> {
  items: T[];
  /** present when there are more: pass it as `cursor` for the next page */
  nextCursor?: string;
}

export function encodeCursor(cursor: PageCursor): string {
  return Buffer.from(`${cursor.at.getTime()}.${cursor.id}`, 'utf8').toString('base64url');
}

export function decodeCursor(raw: string): PageCursor {
  const text = typeof raw === 'string' ? Buffer.from(raw, 'base64url').toString('utf8') : '';
  const dot = text.indexOf('.');
  const ms = Number(text.slice(0, dot));
  const id = text.slice(dot + 1);
  if (dot < 1 || !/^-?\d+$/.test(text.slice(0, dot)) || !Number.isSafeInteger(ms) || id.length === 0 || id.length > 100) {
    throw new ValidationError('cursor', 'invalid');
  }
  return { at: new Date(ms), id };
}

/** Checks limit/offset/cursor and returns them in usable form (ValidationError when out of range). */
export function checkPage(page: PageRequest = {}): { limit: number; offset: number; cursor?: PageCursor } {
  const limit = page.limit ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) throw new ValidationError('limit', 'out_of_range');
  const offset = page.offset ?? 0;
  if (!Number.isInteger(offset) || offset < 0 || offset > MAX_OFFSET) throw new ValidationError('offset', 'out_of_range');
  if (page.cursor !== undefined && offset > 0) throw new ValidationError('offset', 'not_with_cursor');
  return { limit, offset, ...(page.cursor !== undefined ? { cursor: decodeCursor(page.cursor) } : {}) };
}

/** An indexed field whose order is creation time: the Date field itself, or `<prefix><ISO time>` strings. */
export interface Timeline {
  field: string;
  /** for a string timeline: the prefix every key of this timeline starts with, e.g. "p7|" */
  prefix?: string;
}

export interface NewestFirstQuery {
  /** the Date field holding the creation time (sort order and cursor) */
  timeField: string;
  /** which timelines to walk (default: the time field); results are merged */
  timelines?: Timeline[];
  /** every other condition */
  where: Filter;
  /** time >= from */
  from?: Date;
  /** time < to */
  to?: Date;
  page?: PageRequest;
  /** the present, where the first window ends */
  now: Date;
}

type Bound = { value: Date; inclusive: boolean };

/** The first string after every key starting with `prefix` ("p7|" -> "p7}"). */
export function afterPrefix(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

function rangeOn(timeline: Timeline, lower: Date | undefined, upper: Bound | undefined): Filter {
  const range: Record<string, unknown> = {};
  if (timeline.prefix === undefined) {
    if (lower) range.$gte = lower;
    if (upper) range[upper.inclusive ? '$lte' : '$lt'] = upper.value;
  } else {
    const p = timeline.prefix;
    range.$gte = lower ? p + lower.toISOString() : p;
    if (upper) range[upper.inclusive ? '$lte' : '$lt'] = p + upper.value.toISOString();
    else range.$lt = afterPrefix(p);
  }
  return { [timeline.field]: range };
}

/** Whether the timeline has an entry in [lower, upper): one index range, no sort, the first match ends it. */
async function hasEntry<T extends Doc>(docs: DocumentCollection<T>, timeline: Timeline, lower: Date | undefined, upper: Bound): Promise<boolean> {
  return (await docs.find(rangeOn(timeline, lower, upper), { limit: 1 })).length > 0;
}

/**
 * An upper bound within a day above the newest entry of the timeline in [lower, upper), or undefined when there is
 * none: a bisection over time whose probes each take any one entry of a range (no sort), so it costs a few dozen
 * index lookups however many entries lie below.
 */
async function newestEntryBefore<T extends Doc>(docs: DocumentCollection<T>, timeline: Timeline, timeField: string, lower: Date | undefined, upper: Bound): Promise<Bound | undefined> {
  const timeOf = (doc: T): number => (doc[timeField] as Date).getTime();
  const [any] = await docs.find(rangeOn(timeline, lower, upper), { limit: 1 });
  if (!any) return undefined;
  let low = timeOf(any);
  let high = upper;
  while (high.value.getTime() - low > FIRST_WINDOW) {
    const mid = new Date(Math.floor((low + high.value.getTime()) / 2));
    const [above] = await docs.find(rangeOn(timeline, mid, high), { limit: 1 });
    if (above) low = Math.max(low, timeOf(above));
    else high = { value: mid, inclusive: false };
  }
  return high;
}

export async function pageNewestFirst<T extends Doc>(docs: DocumentCollection<T>, query: NewestFirstQuery): Promise<Page<T>> {
  const { limit, offset, cursor } = checkPage(query.page);
  const field = query.timeField;
  const want = offset + limit + 1;
  const timelines = query.timelines ?? [{ field }];

  const base: Filter = { ...query.where };
  const clauses: Filter[] = cursor
    ? [
        { ...base, [field]: { $lt: cursor.at } },
        { ...base, [field]: cursor.at, _id: { $lt: cursor.id } },
      ]
    : Object.keys(base).length > 0
      ? [base]
      : [];

  // the newest time any item of this page can have
  let top: Bound | undefined = query.to ? { value: query.to, inclusive: false } : undefined;
  if (cursor && (!query.to || cursor.at.getTime() < query.to.getTime())) top = { value: cursor.at, inclusive: true };
  const topMs = (top?.value ?? query.now).getTime();

  const walk = async (timeline: Timeline): Promise<T[]> => {
    // sorted along the timeline itself: within one timeline its order is the time's (ISO strings sort as times), and
    // MongoDB serves the sort from the (timeline, _id) index the collection declares
    const sort = { [timeline.field]: -1 as const, _id: -1 as const };
    const found: T[] = [];
    let upper = top;
    let anchor = topMs;
    for (let span = FIRST_WINDOW; ; span *= 4) {
      let start: Date | undefined = new Date(anchor - span);
      const last = span >= LAST_WINDOW || (query.from !== undefined && start.getTime() <= query.from.getTime());
      if (last) start = query.from;
      const filter = rangeOn(timeline, start, upper);
      if (clauses.length > 0) filter.$or = clauses;
      const got = await docs.find(filter, { sort, limit: want - found.length });
      found.push(...got);
      if (found.length >= want || last || !start) return found;
      upper = { value: start, inclusive: false };
      if (got.length === 0) {
        // Empty time (a campaign that paused) must cost nothing: windows growing across it would reach the leads
        // before it with a window far wider than the page needs, and nedb sorts every lead inside a window. So
        // when the next window holds no entry either, the walk restarts one day wide at the newest entry below.
        const nextStart = new Date(anchor - span * 4);
        if (!(await hasEntry(docs, timeline, query.from && nextStart < query.from ? query.from : nextStart, upper))) {
          const newest = await newestEntryBefore(docs, timeline, field, query.from, upper);
          if (!newest) return found;
          upper = newest;
          anchor = newest.value.getTime();
          span = FIRST_WINDOW / 4;
        }
      }
    }
  };

  let items: T[] = [];
  for (const timeline of timelines) items.push(...(await walk(timeline)));
  if (timelines.length > 1) {
    items = items
      .map((doc) => ({ doc, t: (doc[field] as Date).getTime() }))
      .sort((a, b) => b.t - a.t || (a.doc._id < b.doc._id ? 1 : a.doc._id > b.doc._id ? -1 : 0))
      .map(({ doc }) => doc);
  }
  items = items.slice(offset);

  if (items.length <= limit) return { items };
  const page = items.slice(0, limit);
  const tail = page[page.length - 1];
  const at = tail[field];
  if (!(at instanceof Date)) return { items: page };
  return { items: page, nextCursor: encodeCursor({ at, id: tail._id }) };
}
