/**
 * The funnel's lifecycle counters (claimed, contacted, enrolled, placed per Italian day, province, language and
 * channel), kept as leads change, so the funnel never reads the leads themselves.
 *
 * LeadService calls `changed(before, after)` once per write of a lead: the counters move by what the write added to
 * the lead's history, or moved between provinces, languages or channels (a resubmission), so they always equal a
 * recount of the leads (`countSteps`).
 *
 * Several instances on one database: an increment on MongoDB is atomic, but FerretDB v1 applies `$inc` as a read
 * and a write (measured: 200 concurrent increments of one document from two connections added 3). So no document
 * here has two writers: each process counts into documents of its own (`_id` = `<writer>|<key>`), one write at a
 * time, and a read sums the writers. The day is part of every key, so this costs one document per key and process
 * that counted it that day.
 *
 * Rebuildable: at start, when the counters were never built (an installation from before them) one instance recounts
 * every lead (`ensureBuilt`, its turn decided by a unique insert); `rebuild()` does it on demand
 * (scripts/recount-leads.ts).
 */
import { randomUUID } from 'node:crypto';
import { DuplicateKeyError, type CollectionSpec, type DocumentCollection } from '../store/collection';
import type { Store } from '../store/store';
import { romeDay } from '../text/dates';
import { deleteInBatches } from '../store/deleteInBatches';
import { TimeSlice } from '../timeSlices';
import type { Lead } from './lead';

export const LEAD_COUNTERS: CollectionSpec = { name: 'lead_counters', indexes: [{ field: 'day' }, { field: 'writer' }] };

/** Bump when what is counted changes: the next start recounts. */
export const COUNTERS_VERSION = 1;
const BUILT_ID = `built:v${COUNTERS_VERSION}`;
const BUILDING_ID = `building:v${COUNTERS_VERSION}`;

export const LIFECYCLE_STEPS = ['claimed', 'contacted', 'enrolled', 'placed'] as const;
export type LifecycleStepName = (typeof LIFECYCLE_STEPS)[number];

/** One counted figure: how many leads took `step` on `day` (YYYY-MM-DD, Italian time) in this province/language/channel. */
export type StepCount = {
  day: string;
  step: LifecycleStepName;
  province: string;
  language: string;
  channel: string;
  count: number;
};

type StepDoc = { _id: string; writer: string } & StepCount;
type MarkerDoc = { _id: string; at: Date };
type CounterDoc = StepDoc | MarkerDoc;

function isStepDoc(doc: CounterDoc): doc is StepDoc {
  return 'step' in doc && typeof (doc as StepDoc).count === 'number';
}

const keyOf = (c: Omit<StepCount, 'count'>): string => [c.day, c.step, c.province, c.language, c.channel].join('|');

/** The lifecycle steps in one lead's history, counted by key (what a recount of this lead adds). */
export function countSteps(lead: Lead | null | undefined, into = new Map<string, StepCount>(), sign = 1): Map<string, StepCount> {
  if (!lead) return into;
  const province = lead.province ?? 'unknown';
  const language = ((lead.locale ?? '').split(/[-_]/)[0] || 'unknown').toLowerCase();
  const channel = lead.channel;
  for (const h of lead.history ?? []) {
    const step: LifecycleStepName | undefined =
      h.action === 'claimed' ? 'claimed' : h.action === 'status_changed' && (h.to === 'contacted' || h.to === 'enrolled' || h.to === 'placed') ? h.to : undefined;
    if (!step) continue;
    const at = h.at instanceof Date ? h.at : new Date(h.at);
    const entry = { day: romeDay(at), step, province, language, channel };
    const key = keyOf(entry);
    const found = into.get(key);
    if (found) found.count += sign;
    else into.set(key, { ...entry, count: sign });
  }
  return into;
}

/** What a write changed: after's steps minus before's, the keys that did not move left out. */
export function stepDelta(before: Lead | null | undefined, after: Lead | null | undefined): StepCount[] {
  return [...countSteps(before, countSteps(after), -1).values()].filter((c) => c.count !== 0);
}

/**
 * Runs `write` for every item, a batch at a time: writes issued together share one sync on the embedded store (its
 * group commit), so a one-off pass over many documents takes seconds, not one disk sync per document.
 */
export async function inBatches<T>(items: readonly T[], write: (item: T) => Promise<unknown>, size = 500): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(write));
}

export class LeadCounters {
  /** this process's writes, one at a time: no document of this writer is ever written twice at once */
  private chain: Promise<void> = Promise.resolve();

  private constructor(
    private readonly docs: DocumentCollection<CounterDoc>,
    private readonly writer: string,
  ) {}

  static async open(store: Store): Promise<LeadCounters> {
    return new LeadCounters(await store.collection<CounterDoc>(LEAD_COUNTERS), randomUUID());
  }

  /**
   * Moves the counters by what one write of a lead changed (`before` null for a new lead, `after` null when the
   * write did not happen). Resolves once written. A counter that cannot be written must not fail the lead's change,
   * which is done: the counters are marked for a recount at the next start instead.
   */
  changed(before: Lead | null | undefined, after: Lead | null | undefined): Promise<void> {
    if (!after) return Promise.resolve();
    const delta = stepDelta(before, after);
    if (delta.length === 0) return Promise.resolve();
    const write = this.chain.then(async () => {
      for (const c of delta) await this.increment(c);
    });
    this.chain = write.catch(() => undefined);
    return write.catch(async () => {
      // the next start recounts (and if even this fails, `rebuild` by hand does)
      await this.docs.deleteMany({ _id: { $in: [BUILT_ID, BUILDING_ID] } }).catch(() => undefined);
    });
  }

  private async increment(c: StepCount): Promise<void> {
    const _id = `${this.writer}|${keyOf(c)}`;
    if (await this.docs.updateOne({ _id }, { $inc: { count: c.count } })) return;
    try {
      await this.docs.insert({ _id, writer: this.writer, ...c });
    } catch (err) {
      // only this process writes this document: a duplicate means an earlier insert did land after all
      if (!(err instanceof DuplicateKeyError)) throw err;
      await this.docs.updateOne({ _id }, { $inc: { count: c.count } });
    }
  }

  /** The lifecycle steps counted with fromDay <= day < toDay, summed over writers (zeros left out). */
  async steps(fromDay?: string, toDay?: string): Promise<StepCount[]> {
    await this.chain;
    const day: Record<string, string> = { $gte: fromDay ?? '0000' };
    if (toDay) day.$lt = toDay;
    const sums = new Map<string, StepCount>();
    for (const doc of await this.docs.find({ day })) {
      if (!isStepDoc(doc)) continue;
      const { _id: _ignored, writer: _w, count, ...entry } = doc;
      const key = keyOf(entry);
      const found = sums.get(key);
      if (found) found.count += count;
      else sums.set(key, { ...entry, count });
    }
    return [...sums.values()].filter((c) => c.count !== 0);
  }

  /** Whether the counters were built (recounted once, or started empty with the leads). */
  async isBuilt(): Promise<boolean> {
    return (await this.docs.findOne({ _id: BUILT_ID })) !== null;
  }

  /**
   * At start: when the counters were never built, one instance (whoever inserts the building mark first) recounts
   * every lead. Returns whether this call rebuilt them.
   */
  async ensureBuilt(allLeads: () => Promise<readonly Lead[]> | AsyncIterable<readonly Lead[]>, now: Date): Promise<boolean> {
    if (await this.isBuilt()) return false;
    try {
      await this.docs.insert({ _id: BUILDING_ID, at: now });
    } catch (err) {
      if (err instanceof DuplicateKeyError) return false; // another instance is recounting, or did
      throw err;
    }
    try {
      const leads = allLeads();
      await this.rebuild(Symbol.asyncIterator in leads ? leads : await leads, now);
    } catch (err) {
      await this.docs.deleteMany({ _id: BUILDING_ID }).catch(() => undefined); // the next start tries again
      throw err;
    }
    return true;
  }

  /**
   * Recounts from the leads and replaces every counter with the result. Run it when nothing writes leads (at start,
   * or by hand in a quiet moment): a lead changed while it runs may be counted twice or not at all until the next
   * recount.
   */
  async rebuild(leads: readonly Lead[] | AsyncIterable<readonly Lead[]>, now: Date): Promise<number> {
    await this.chain;
    const totals = new Map<string, StepCount>();
    if (Symbol.asyncIterator in leads) {
      // chunk by chunk, letting other work run between them (at start, at 100,000 leads)
      const slice = new TimeSlice();
      for await (const chunk of leads) {
        for (const lead of chunk) {
          // an Italian day per history entry costs a date formatting: a chunk of leads is tens of milliseconds
          await slice.pause();
          countSteps(lead, totals);
        }
        await slice.yield();
      }
    } else {
      for (const lead of leads) countSteps(lead, totals);
    }
    // the mark first (a recount cut short leaves the counters unbuilt, never half-built), then the old counters a
    // batch at a time: tens of thousands at 100,000 leads were one synchronous step of the embedded store
    await this.docs.deleteMany({ _id: BUILT_ID });
    await deleteInBatches(this.docs, { _id: { $nin: [BUILDING_ID] } }, { batch: 1000 });
    const writer = `recount-${now.toISOString()}`;
    const docs = [...totals.values()].filter((c) => c.count !== 0).map((c): StepDoc => ({ _id: `${writer}|${keyOf(c)}`, writer, ...c }));
    await inBatches(docs, (doc) => this.docs.insert(doc));
    await this.docs.upsert({ _id: BUILT_ID, at: now });
    return totals.size;
  }
}
