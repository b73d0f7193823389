/**
 * Where each live document's latest line lies in a collection file: its byte offset and length (the newline not
 * counted), per `_id`, kept as a file is loaded and as appends are confirmed. A compaction then copies those byte
 * ranges from the old file into the new one instead of serialising every document again: at 100,000 leads the
 * serialisation made ~100 MB of short-lived strings and copies per compaction, which made scavenges frequent and
 * pushed the data of turns in flight into the old generation (mark-compact pauses of 32-85 ms).
 *
 * One Map entry per document (id -> a small integer, its slot) and the places in typed arrays indexed by slot: no
 * object per document, nothing for the garbage collector to trace but the map.
 */

/** a slot that holds no document */
const FREE = -1;

/** The live lines at one instant, in file order (ascending offset): what a byte-copy rewrite copies. */
export interface LineSnapshot {
  /** lines in the snapshot */
  count: number;
  starts: Float64Array;
  lengths: Int32Array;
  /** the slot each line belonged to when the snapshot was taken (LineLocations.moved checks it still does) */
  slots: Int32Array;
}

export class LineLocations {
  private readonly slotOf = new Map<string, number>();
  private starts = new Float64Array(1024);
  private lengths = new Int32Array(1024).fill(FREE);
  /** slots given back by deleted documents, reused first */
  private readonly freeSlots: number[] = [];
  /** slots handed out so far (the high-water mark) */
  private used = 0;
  /**
   * false once a live document's line could not be placed (an append after a failed write whose end of file the
   * disk would not tell): a rewrite then serialises from memory, which places every line again
   */
  private known = true;

  /** True when every live document's latest line is known: a rewrite may copy bytes. */
  get complete(): boolean {
    return this.known;
  }

  get size(): number {
    return this.slotOf.size;
  }

  /** The document `id` has its latest line at `start`, `length` bytes long (no newline). */
  set(id: string, start: number, length: number): void {
    let slot = this.slotOf.get(id);
    if (slot === undefined) {
      slot = this.freeSlots.pop() ?? this.newSlot();
      this.slotOf.set(id, slot);
    }
    this.starts[slot] = start;
    this.lengths[slot] = length;
  }

  delete(id: string): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    this.slotOf.delete(id);
    this.lengths[slot] = FREE;
    this.freeSlots.push(slot);
  }

  /** The document's latest line is somewhere the file could not tell: no byte copy until a rewrite places it. */
  lost(id: string): void {
    this.delete(id);
    this.known = false;
  }

  /** Some line is not where it was noted (never expected): no byte copy until a rewrite from memory. */
  distrust(): void {
    this.known = false;
  }

  /** A rewrite just placed every live document's latest line. */
  found(): void {
    this.known = true;
  }

  /** Forgets everything (a file rewritten from memory places every line again). */
  clear(): void {
    this.slotOf.clear();
    this.lengths.fill(FREE);
    this.freeSlots.length = 0;
    this.used = 0;
    this.known = true;
  }

  /** The place of `id`'s latest line (for tests). */
  locate(id: string): { start: number; length: number } | undefined {
    const slot = this.slotOf.get(id);
    return slot === undefined ? undefined : { start: this.starts[slot], length: this.lengths[slot] };
  }

  /**
   * The live lines now, in file order. Synchronous and cheap (one pass over the slots, a native sort of numbers):
   * taken in the turn that starts a rewrite, when no write is half applied.
   */
  snapshot(): LineSnapshot {
    const count = this.slotOf.size;
    const starts = new Float64Array(count);
    const lengths = new Int32Array(count);
    const slots = new Int32Array(count);
    // each line's offset and slot packed in one double, sorted natively: offset * 2^bits + slot is exact below 2^53
    const bits = Math.max(1, Math.ceil(Math.log2(this.used + 1)));
    const scale = 2 ** bits;
    let maxStart = 0;
    for (let slot = 0; slot < this.used; slot++) if (this.lengths[slot] !== FREE && this.starts[slot] > maxStart) maxStart = this.starts[slot];
    if ((maxStart + 1) * scale < Number.MAX_SAFE_INTEGER) {
      const keys = new Float64Array(count);
      let i = 0;
      for (let slot = 0; slot < this.used; slot++) if (this.lengths[slot] !== FREE) keys[i++] = this.starts[slot] * scale + slot;
      keys.sort();
      for (let k = 0; k < count; k++) {
        const slot = keys[k] % scale;
        slots[k] = slot;
        starts[k] = this.starts[slot];
        lengths[k] = this.lengths[slot];
      }
    } else {
      // a file of terabytes or millions of slots: a sort with a comparator, slower, same order
      const order: number[] = [];
      for (let slot = 0; slot < this.used; slot++) if (this.lengths[slot] !== FREE) order.push(slot);
      order.sort((a, b) => this.starts[a] - this.starts[b]);
      order.forEach((slot, k) => {
        slots[k] = slot;
        starts[k] = this.starts[slot];
        lengths[k] = this.lengths[slot];
      });
    }
    return { count, starts, lengths, slots };
  }

  /**
   * The snapshot's lines now lie at `newStarts` (a rewrite copied them): each slot still holding the very line the
   * snapshot saw moves there. A slot whose document changed, was removed, or went to another document since holds
   * a later line (or none) and is left for the caller, who places the lines written after the snapshot.
   */
  moved(snapshot: LineSnapshot, newStarts: Float64Array): void {
    for (let i = 0; i < snapshot.count; i++) {
      const slot = snapshot.slots[i];
      if (this.starts[slot] === snapshot.starts[i] && this.lengths[slot] === snapshot.lengths[i]) this.starts[slot] = newStarts[i];
    }
  }

  private newSlot(): number {
    if (this.used === this.starts.length) {
      const starts = new Float64Array(this.starts.length * 2);
      starts.set(this.starts);
      const lengths = new Int32Array(this.lengths.length * 2).fill(FREE);
      lengths.set(this.lengths);
      this.starts = starts;
      this.lengths = lengths;
    }
    return this.used++;
  }
}
