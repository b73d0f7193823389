import { TimeSlice } from '../../timeSlices';
import type { StoredRecord } from './nedbFormat';

/** A write applied in memory and not yet on disk: the lines to write, how to take it back, what to answer. */
export interface Applied<R> {
  records: StoredRecord[];
  /** puts memory back as it was before this write; absent when the write changed nothing */
  undo?: () => Promise<unknown>;
  result: R;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

type Item =
  | { kind: 'exclusive'; run: () => Promise<unknown>; settle: (outcome: Outcome) => void }
  | { kind: 'write'; apply: () => Promise<Applied<unknown>>; settle: (outcome: Outcome) => void };

/** writes committed together at most: one append and one sync for all of them */
const MAX_BATCH = 256;

/**
 * One collection's operations, one at a time and in order, with group commit: the writes that queued up while the
 * previous sync ran are applied in memory one after the other, then written with one append and one sync, and only
 * then answered. If the disk refuses, every write of the batch is undone in memory (last first) and rejected, so
 * nobody is answered from a state that never reached the disk: not the writes that saw an earlier one of the
 * batch, not the reads, which run alone (`exclusive`) after everything before them is on disk.
 */
export class CommitQueue {
  private readonly items: Item[] = [];
  private draining = false;

  constructor(private readonly commit: (records: StoredRecord[]) => Promise<void>) {}

  /** Runs `run` alone: after every earlier write is on disk, before any later one is applied. */
  exclusive<R>(run: () => Promise<R>): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.push({ kind: 'exclusive', run, settle: (o) => (o.ok ? resolve(o.value as R) : reject(o.error)) });
    });
  }

  /** Applies a write in memory in its turn and answers once it is on disk (or undone). */
  write<R>(apply: () => Promise<Applied<R>>): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.push({ kind: 'write', apply, settle: (o) => (o.ok ? resolve(o.value as R) : reject(o.error)) });
    });
  }

  private push(item: Item): void {
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
          first.settle(await first.run().then((value): Outcome => ({ ok: true, value }), (error: unknown): Outcome => ({ ok: false, error })));
          continue;
        }
        const batch: Array<Extract<Item, { kind: 'write' }>> = [];
        while (batch.length < MAX_BATCH && this.items[0]?.kind === 'write') batch.push(this.items.shift() as Extract<Item, { kind: 'write' }>);
        await this.commitBatch(batch);
      }
    } finally {
      this.draining = false;
    }
  }

  private async commitBatch(batch: Array<Extract<Item, { kind: 'write' }>>): Promise<void> {
    const applied: Array<{ item: (typeof batch)[number]; outcome: Outcome; undo?: () => Promise<unknown>; records: StoredRecord[] }> = [];
    // a batch of in-memory writes never truly awaits: hundreds of them (a one-off backfill) would be one stretch of
    // the event loop. Pausing between writes is safe: nothing else applies or reads while the queue drains.
    const slice = new TimeSlice();
    for (const item of batch) {
      await slice.pause();
      try {
        const change = await item.apply();
        applied.push({ item, outcome: { ok: true, value: change.result }, undo: change.undo, records: change.records });
      } catch (error) {
        // refused before anything changed (a duplicate key...): answered with the batch, which it may depend on
        applied.push({ item, outcome: { ok: false, error }, records: [] });
      }
    }
    const records = applied.flatMap((a) => a.records);
    if (records.length > 0) {
      try {
        await this.commit(records);
      } catch (error) {
        for (const a of [...applied].reverse()) {
          // undoing in memory restores documents that were there a moment ago: it cannot break an index
          await slice.pause();
          await a.undo?.().catch(() => undefined);
        }
        for (const a of applied) a.item.settle({ ok: false, error });
        return;
      }
    }
    for (const a of applied) a.item.settle(a.outcome);
  }
}
