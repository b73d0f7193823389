import { TimeSlice } from '../../timeSlices';
import type { StoredRecord } from './nedbFormat';

/** A write applied in memory and not yet on disk: the lines to write, how to take it back, what to answer. */
export interface Applied<R> {
  records: StoredRecord[];
  /** puts memory back as it was before this write; absent when the write changed nothing */
  undo?: () => Promise<unknown>;
  result: R;
  /** its lines need no sync before it is answered (WriteOptions.syncLater) */
  syncLater?: boolean;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

type Item =
  | { kind: 'exclusive'; run: () => Promise<unknown>; settle: (outcome: Outcome) => void }
  | { kind: 'read'; run: () => Promise<unknown>; settle: (outcome: Outcome) => void }
  | { kind: 'write'; apply: () => Promise<Applied<unknown>>; settle: (outcome: Outcome) => void };

type GroupItem = Exclude<Item, { kind: 'exclusive' }>;
type ReadItem = Extract<Item, { kind: 'read' }>;

/** A read that came while a group's sync was under way, with nothing queued before it: run at once. */
interface LateRead {
  item: ReadItem;
  first: Promise<Outcome>;
}

/** operations committed together at most: one append and one sync for all of their writes */
const MAX_BATCH = 256;

function outcomeOf(run: () => Promise<unknown>): Promise<Outcome> {
  return run().then(
    (value): Outcome => ({ ok: true, value }),
    (error: unknown): Outcome => ({ ok: false, error }),
  );
}

/**
 * One collection's operations, one at a time and in order, with group commit: the reads and writes that queued up
 * while the previous sync ran are run in memory one after the other, in their order, then the writes among them are
 * written with one append and one sync, and only then is anybody answered. A read inside the group sees the writes
 * before it, so it is answered only once they are on disk: nobody is answered from a state that never reached the
 * disk. If the disk refuses, every write of the group is undone in memory (last first) and rejected, not the writes
 * that saw an earlier one of the group either; the reads that ran after one of them are run again on the memory put
 * back (they are then answered as if they had come before the refused writes, which never happened).
 *
 * Reads ride in the group instead of running alone after it: with conversation turns arriving together, a read
 * between two writes would otherwise split them into two syncs, and under load every read would cost a sync. A
 * read that comes while a group's sync is under way, with nothing queued before it, joins that group: it is run at
 * once and answered with it (or run again if the sync is refused), instead of waiting for one more sync.
 * `exclusive` work (a compaction's snapshot, closing the file) still runs alone, after every earlier write is on
 * disk and before any later one is applied.
 */
export class CommitQueue {
  private readonly items: Item[] = [];
  private draining = false;
  /** while a group's sync is under way: the reads that joined it (see push) */
  private lateReads: LateRead[] | undefined;

  /** `commit` writes a group's lines; `sync` false when every write of the group may be synced later */
  constructor(private readonly commit: (records: StoredRecord[], sync: boolean) => Promise<void>) {}

  /** Runs `run` alone: after every earlier write is on disk, before any later one is applied. */
  exclusive<R>(run: () => Promise<R>): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.push({ kind: 'exclusive', run, settle: (o) => (o.ok ? resolve(o.value as R) : reject(o.error)) });
    });
  }

  /**
   * Runs a read in its turn, and answers once every write it could have seen is on disk. `run` must only read: it
   * may be run a second time when the disk refuses the writes before it.
   */
  read<R>(run: () => Promise<R>): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.push({ kind: 'read', run, settle: (o) => (o.ok ? resolve(o.value as R) : reject(o.error)) });
    });
  }

  /** Applies a write in memory in its turn and answers once it is on disk (or undone). */
  write<R>(apply: () => Promise<Applied<R>>): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.push({ kind: 'write', apply, settle: (o) => (o.ok ? resolve(o.value as R) : reject(o.error)) });
    });
  }

  private push(item: Item): void {
    if (item.kind === 'read' && this.lateReads && this.items.length === 0) {
      // a sync is under way and nothing waits before this read: memory is the group being synced, nothing else is
      // applied meanwhile, so it is read now and answered with that group (not after one more sync)
      this.lateReads.push({ item, first: outcomeOf(item.run) });
      return;
    }
    this.items.push(item);
    if (!this.draining) void this.drain();
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.items.length > 0) {
        const first = this.items[0];
        if (first.kind === 'exclusive') {
          this.items.shift();
          first.settle(await outcomeOf(first.run));
          continue;
        }
        const group: GroupItem[] = [];
        while (group.length < MAX_BATCH && this.items.length > 0 && this.items[0].kind !== 'exclusive') group.push(this.items.shift() as GroupItem);
        await this.commitGroup(group);
      }
    } finally {
      this.draining = false;
    }
  }

  private async commitGroup(group: GroupItem[]): Promise<void> {
    const done: Array<{ item: GroupItem; outcome: Outcome; undo?: () => Promise<unknown>; records: StoredRecord[]; syncLater?: boolean }> = [];
    // a group of in-memory operations never truly awaits: hundreds of them (a one-off backfill) would be one stretch
    // of the event loop. Pausing between them is safe: nothing else applies or reads while the queue drains.
    const slice = new TimeSlice();
    /** a write of this group changed memory before this point: a read here sees something not yet on disk */
    let changed = false;
    for (const item of group) {
      await slice.pause();
      if (item.kind === 'read') {
        const outcome = await outcomeOf(item.run);
        // it saw only what is on disk already: answered at once, without waiting for the group's sync
        if (!changed) item.settle(outcome);
        else done.push({ item, outcome, records: [] });
        continue;
      }
      try {
        const change = await item.apply();
        done.push({ item, outcome: { ok: true, value: change.result }, undo: change.undo, records: change.records, syncLater: change.syncLater });
        if (change.records.length > 0) changed = true;
      } catch (error) {
        // refused before anything changed (a duplicate key...): answered with the group, which it may depend on
        done.push({ item, outcome: { ok: false, error }, records: [] });
      }
    }
    const records = done.flatMap((d) => d.records);
    const late: LateRead[] = [];
    if (records.length > 0) {
      this.lateReads = late;
      try {
        await this.commit(
          records,
          done.some((d) => d.records.length > 0 && d.syncLater !== true),
        );
      } catch (error) {
        this.lateReads = undefined;
        // reads that joined the sync finish before memory is put back; they are run again below
        await Promise.all(late.map((l) => l.first));
        for (const d of [...done].reverse()) {
          // undoing in memory restores documents that were there a moment ago: it cannot break an index
          await slice.pause();
          await d.undo?.().catch(() => undefined);
        }
        for (const d of done) {
          if (d.item.kind === 'read') {
            // it may have seen a write that is now undone: read again what is really there
            await slice.pause();
            d.item.settle(await outcomeOf(d.item.run));
          } else {
            d.item.settle({ ok: false, error });
          }
        }
        for (const l of late) {
          await slice.pause();
          l.item.settle(await outcomeOf(l.item.run));
        }
        return;
      }
      this.lateReads = undefined;
    }
    for (const d of done) d.item.settle(d.outcome);
    // the next group is applied only once these reads are done: they saw this group and nothing after it
    for (const l of late) l.item.settle(await l.first);
  }
}
