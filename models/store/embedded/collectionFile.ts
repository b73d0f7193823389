import * as path from 'node:path';
import { appendDurably, readIfExists, replaceFileDurably, syncDir, writeAll, type StoreFileHandle, type StoreFileSystem } from './fileSystem';
import { TimeSlice } from '../../timeSlices';
import { LineLocations, type LineSnapshot } from './lineLocations';
import { StringPool, readLine, serializeRecord, type StoredRecord } from './nedbFormat';

const NEWLINE = Buffer.from('\n');
/** documents per chunk when a file is rewritten, at most: a chunk also ends when its time slice is spent */
const REWRITE_CHUNK = 500;
/** records written during a rewrite that may be left for its last, exclusive turn: the rest are caught up before */
const TAIL_LEFT_FOR_FINISH = 100;
/** rounds of catching up before the exclusive turn takes what is left (writes may keep coming) */
const CATCH_UP_ROUNDS = 10;

export function quarantineFileOf(dataFile: string): string {
  return `${dataFile}.quarantine`;
}

export interface LoadedFile {
  file: CollectionFile;
  /** the live documents, in the order they were first written */
  docs: StoredRecord[];
  /** lines that could not be read, moved to the quarantine file by this load */
  quarantined: number;
}

/** Raised out of a rewrite that was told to stop (the store is closing): the old file stays, whole. */
export class RewriteStopped extends Error {
  constructor() {
    super('rewrite stopped');
    this.name = 'RewriteStopped';
  }
}

/**
 * A compaction in progress beside the file: the snapshot streams to `<file>~` while writes go on being appended to
 * the file itself; those confirmed meanwhile are kept in `tail` and appended to the new file just before it replaces
 * the old, so nothing written during the rewrite is lost and a crash at any moment leaves one whole file.
 */
interface PendingRewrite {
  handle: StoreFileHandle;
  size: number;
  lines: number;
  tail: StoredRecord[];
  /**
   * the live lines when the rewrite started, to be copied byte for byte from the old file (undefined: some line's
   * place is not known, the documents are serialised from memory instead)
   */
  copy: LineSnapshot | undefined;
  /** where the copied lines landed in the new file, by their index in `copy` */
  copiedTo: Float64Array | undefined;
  /** lines written to the new file other than copied ones (serialised snapshot, tail caught up), in file order */
  placed: PlacedLine[];
}

/** a line written to a new file: the record's id, where it starts, its length (no newline), whether it removes */
interface PlacedLine {
  id: string;
  start: number;
  length: number;
  deleted: boolean;
}

/** Puts a record whose line is at `start`, `length` bytes long, in `locations` (a removal takes its id out). */
function place(locations: LineLocations, record: StoredRecord, start: number, length: number): void {
  const id = record._id as string;
  if (record.$$deleted === true) locations.delete(id);
  else locations.set(id, start, length);
}

/**
 * One collection's data file, in nedb's format: an append log of whole lines, each written and synced before the
 * write is reported done. It never leaves a torn line in front of a later record: after a failed append the file
 * is cut back to its last good length, and when even that fails the next append starts on a new line.
 */
export class CollectionFile {
  private handle: StoreFileHandle | undefined;
  /** bytes known to be whole, confirmed records; undefined when unknown (a torn tail could not be cut off) */
  private goodSize: number | undefined;
  /** a failed append may have left bytes after goodSize */
  private tainted = false;
  /** the file does not end with a newline (a record written whole whose newline never made it) */
  private openLine: boolean;
  /** record lines in the file, live or superseded */
  private lineCount: number;
  /** a fragment of a failed write sits inside the file, behind a newline: the next rewrite removes it */
  private fragment = false;
  /** a background rewrite under way (startRewrite ... finishRewrite) */
  private pending: PendingRewrite | undefined;
  /** lines were appended without a sync (append with `sync: false`) and syncDeferred has not run since */
  private unsynced = false;
  /** where each live document's latest line is: a rewrite copies those bytes (see lineLocations.ts) */
  readonly locations: LineLocations;

  private constructor(
    private readonly files: StoreFileSystem,
    readonly path: string,
    size: number,
    lines: number,
    openLine: boolean,
    loadedLocations: LineLocations,
  ) {
    this.locations = loadedLocations;
    this.goodSize = size;
    this.lineCount = lines;
    this.openLine = openLine;
  }

  /**
   * Reads the file. Lines that cannot be read are appended to `<file>.quarantine` (synced) and the file is rewritten
   * without them, so that nothing is dropped and nothing damaged is read again.
   */
  static async load(files: StoreFileSystem, dataDir: string, name: string): Promise<LoadedFile> {
    const file = path.join(dataDir, `${name}.db`);
    let raw = await readIfExists(files, file);
    if (raw !== undefined) {
      // a rewrite cut short (a crash, a forced exit) leaves its temporary file; the data file itself is whole
      await files.unlink(`${file}~`).catch(() => undefined);
    } else {
      // nedb writes `<file>~` and renames it: a crash before its first rename leaves only the temporary file
      raw = await readIfExists(files, `${file}~`);
      if (raw !== undefined) {
        await files.rename(`${file}~`, file);
        await syncDir(files, dataDir);
      }
    }
    raw ??= Buffer.alloc(0);

    const byId = new Map<string, StoredRecord>();
    const damaged: Buffer[] = [];
    let lines = 0;
    const pool = new StringPool();
    const locations = new LineLocations();
    for (let start = 0; start < raw.length; ) {
      let end = raw.indexOf(0x0a, start);
      if (end === -1) end = raw.length;
      // split on the newline byte, which never occurs inside a UTF-8 sequence: damaged lines keep their exact bytes
      const line = raw.subarray(start, end);
      const lineStart = start;
      start = end + 1;
      const text = line.toString('utf8');
      if (text.trim() === '') continue;
      const reading = readLine(text, pool);
      if (reading.kind === 'damaged') {
        damaged.push(line);
        continue;
      }
      lines += 1;
      if (reading.kind === 'doc') {
        byId.set(reading.id, reading.doc);
        // a line as we write it opens with `{`; one written otherwise (leading spaces) is serialised by the next rewrite
        if (raw[lineStart] === 0x7b) locations.set(reading.id, lineStart, end - lineStart);
        else locations.lost(reading.id);
      } else if (reading.kind === 'deleted') {
        byId.delete(reading.id);
        locations.delete(reading.id);
      }
      // index lines: the collection's spec declares its indexes; the next rewrite drops these lines
    }
    const openLine = raw.length > 0 && raw[raw.length - 1] !== 0x0a;
    const loaded = new CollectionFile(files, file, raw.length, lines, openLine, locations);
    if (damaged.length > 0) {
      await appendDurably(files, quarantineFileOf(file), Buffer.concat(damaged.flatMap((line) => [line, NEWLINE])));
      await loaded.rewrite([...byId.values()]);
    }
    return { file: loaded, docs: [...byId.values()], quarantined: damaged.length };
  }

  /** Lines in the file that no longer describe a live document (superseded versions, removals, fragments). */
  superseded(liveDocs: number): number {
    return Math.max(0, this.lineCount - liveDocs) + (this.fragment ? 1 : 0);
  }

  /** True when a failed write left a fragment inside the file: rewriting soon keeps it out of the next load. */
  get hasFragment(): boolean {
    return this.fragment;
  }

  /**
   * Appends these records as lines and syncs them; rejects (with the file as it was) when the disk refuses. With
   * `sync: false` the lines are written (the operating system holds them: a crash of this process loses nothing)
   * and left for syncDeferred(), which the caller runs within its bounded delay.
   */
  async append(records: readonly StoredRecord[], options: { sync?: boolean } = {}): Promise<void> {
    const { chunks, lengths } = await serializeInSlices(records);
    const body = Buffer.concat(chunks);
    if (this.tainted) await this.cutBack();
    // after a torn tail that could not be cut off, or a last line without its newline: start a new line
    const lead = this.tainted || this.openLine ? 1 : 0;
    const data = lead === 1 ? Buffer.concat([NEWLINE, body]) : body;
    // where the data lands (the file is opened for appending): known unless a failed write left bytes behind
    let at = this.tainted ? undefined : this.goodSize;
    let handle: StoreFileHandle | undefined;
    try {
      handle = await this.open();
      await writeAll(handle, data);
      if (options.sync === false) this.unsynced = true;
      else {
        await handle.sync();
        // everything written before is on disk with these lines
        this.unsynced = false;
      }
    } catch (err) {
      this.tainted = true;
      await this.cutBack();
      throw err;
    }
    if (this.tainted) {
      // the records are whole, behind whatever the failed write left; where the file ends now is not known here
      this.fragment = true;
      this.tainted = false;
      this.goodSize = await handle.stat().then(
        (s) => s.size,
        () => undefined,
      );
      // nothing else writes the file: these lines are its last bytes
      at = this.goodSize === undefined ? undefined : this.goodSize - data.length;
    } else if (this.goodSize !== undefined) {
      this.goodSize += data.length;
    }
    this.openLine = false;
    this.lineCount += records.length;
    let lineStart = at === undefined ? undefined : at + lead;
    records.forEach((record, i) => {
      if (lineStart === undefined) {
        if (record.$$deleted === true) this.locations.delete(record._id as string);
        else this.locations.lost(record._id as string);
        return;
      }
      place(this.locations, record, lineStart, lengths[i]);
      lineStart += lengths[i] + 1;
    });
    // confirmed records also go to the rewrite under way, which would otherwise replace the file without them
    this.pending?.tail.push(...records);
  }

  /**
   * Starts a rewrite beside the file (`<file>~`). Call it at the instant the snapshot is taken, with no write in
   * flight: every record appended from now on is carried over to the new file by finishRewrite. With `copyLines`
   * (and every live line's place known) the snapshot is taken here: where each live document's latest line is.
   */
  async startRewrite({ copyLines = true }: { copyLines?: boolean } = {}): Promise<void> {
    if (this.pending) throw new Error('a rewrite is already under way');
    // the live lines as they are now (synchronous: no append lands in between)
    const copy = copyLines && this.locations.complete ? this.locations.snapshot() : undefined;
    const handle = await this.files.open(this.tempPath, 'w', 0o600);
    this.pending = { handle, size: 0, lines: 0, tail: [], copy, copiedTo: undefined, placed: [] };
  }

  /**
   * Writes the snapshot into the new file in chunks, yielding to the event loop between them (so requests and
   * writes go on), and syncs it. When every live document's line is known (the usual case) the snapshot is those
   * lines as they were at startRewrite, copied byte for byte from the old file in file order through one reused
   * buffer: no string and no object per document. Otherwise `batches()` gives the documents from memory, serialised
   * here; they come in batches, which may be taken while the rewrite goes on: a document may be in a batch as it was
   * at any moment since startRewrite. Either way every record confirmed from startRewrite on follows the snapshot
   * in the new file (the last line of a document wins when the file is read). `stop` is asked between chunks: true
   * (closing) abandons the rewrite.
   */
  async writeRewrite(batches: () => AsyncIterable<readonly StoredRecord[]> | Iterable<readonly StoredRecord[]>, stop: () => boolean): Promise<void> {
    const pending = this.pending;
    if (!pending) throw new Error('no rewrite under way');
    const slice = new TimeSlice();
    if (pending.copy) {
      await this.copyLines(pending, pending.copy, slice, stop);
    } else {
      for await (const docs of batches()) {
        const base = pending.size;
        for await (const chunk of chunksOf(docs, slice, (doc, start, length) => pending.placed.push({ id: doc._id as string, start: base + start, length, deleted: false }))) {
          if (stop()) throw new RewriteStopped();
          await writeAll(pending.handle, chunk);
          pending.size += chunk.length;
        }
        pending.lines += docs.length;
      }
    }
    if (stop()) throw new RewriteStopped();
    // what was written meanwhile (a busy moment: thousands of records) is caught up here, in slices, so that the
    // exclusive turn of finishRewrite has little left to write
    for (let round = 0; round < CATCH_UP_ROUNDS && pending.tail.length > TAIL_LEFT_FOR_FINISH; round++) {
      const caught = pending.tail.splice(0, pending.tail.length);
      await this.writeTail(pending, caught, stop);
    }
    await pending.handle.sync();
  }

  /**
   * The snapshot's lines, copied from the old file into the new one in file order: the old file read a window at
   * a time into one buffer, the lines copied into another, written when full or when the time slice is spent.
   * Each line is checked to be where the locations say (it opens with `{`, a newline or the snapshot's end follows
   * it): a mismatch abandons the rewrite, the old file whole, and the next one serialises from memory instead.
   */
  private async copyLines(pending: PendingRewrite, copy: LineSnapshot, slice: TimeSlice, stop: () => boolean): Promise<void> {
    const copiedTo = new Float64Array(copy.count);
    if (copy.count === 0) {
      pending.copiedTo = copiedTo;
      return;
    }
    const source = await this.files.open(this.path, 'r');
    try {
      let window = Buffer.allocUnsafe(CHUNK_BYTES);
      /** the old file's bytes [windowStart, windowEnd) are in `window` */
      let windowStart = 0;
      let windowEnd = 0;
      let out = Buffer.allocUnsafe(CHUNK_BYTES);
      let used = 0;
      const flush = async (): Promise<void> => {
        if (stop()) throw new RewriteStopped();
        await writeAll(pending.handle, out.subarray(0, used));
        pending.size += used;
        used = 0;
      };
      for (let i = 0; i < copy.count; i++) {
        const start = copy.starts[i];
        const length = copy.lengths[i];
        // the line and the byte after it (its newline, checked)
        if (start < windowStart || start + length + 1 > windowEnd) {
          if (length + 1 > window.length) window = Buffer.allocUnsafe(length + 1);
          windowStart = start;
          windowEnd = start + (await readAt(source, window, start));
          if (start + length > windowEnd) throw this.misplaced(pending);
        }
        const from = start - windowStart;
        const after = from + length;
        if (window[from] !== 0x7b || (start + length < windowEnd && window[after] !== 0x0a)) throw this.misplaced(pending);
        if (used + length + 1 > out.length) {
          if (used > 0) await flush();
          if (length + 1 > out.length) out = Buffer.allocUnsafe(length + 1);
        }
        copiedTo[i] = pending.size + used;
        used += window.copy(out, used, from, after);
        out[used++] = 0x0a;
        if (slice.spent) {
          if (used > 0) await flush();
          await slice.yield();
        }
      }
      if (used > 0) await flush();
    } finally {
      await source.close().catch(() => undefined);
    }
    pending.lines += copy.count;
    pending.copiedTo = copiedTo;
  }

  /** A line is not where the locations say: never expected; the next rewrite serialises from memory. */
  private misplaced(pending: PendingRewrite): Error {
    pending.copy = undefined;
    this.locations.distrust();
    return Object.assign(new Error('a line of the data file is not where it was written'), { code: 'EMISPLACED' });
  }

  /** Writes records confirmed during the rewrite to the new file, noting where each line went. */
  private async writeTail(pending: PendingRewrite, records: readonly StoredRecord[], stop?: () => boolean): Promise<void> {
    const { chunks, lengths } = await serializeInSlices(records);
    let lineStart = pending.size;
    records.forEach((record, i) => {
      pending.placed.push({ id: record._id as string, start: lineStart, length: lengths[i], deleted: record.$$deleted === true });
      lineStart += lengths[i] + 1;
    });
    for (const chunk of chunks) {
      if (stop?.()) throw new RewriteStopped();
      await writeAll(pending.handle, chunk);
      pending.size += chunk.length;
    }
    pending.lines += records.length;
  }

  /**
   * Appends what was confirmed during the rewrite, syncs, and puts the new file in place of the old (rename, then
   * the directory synced). Call it with no write in flight; it is short: the bulk was written and synced before.
   */
  async finishRewrite(): Promise<void> {
    const pending = this.pending;
    if (!pending) throw new Error('no rewrite under way');
    if (pending.tail.length > 0) {
      await this.writeTail(pending, pending.tail.splice(0, pending.tail.length));
      await pending.handle.sync();
    }
    await pending.handle.close();
    await this.closeHandle();
    await this.files.rename(this.tempPath, this.path);
    // from here the new file is the data: the next append opens it
    this.pending = undefined;
    this.relocate(pending);
    this.goodSize = pending.size;
    this.lineCount = pending.lines;
    this.tainted = false;
    this.openLine = false;
    this.fragment = false;
    // the new file holds every record, synced (lines appended to the old one without a sync among them)
    this.unsynced = false;
    await syncDir(this.files, path.dirname(this.path));
  }

  /**
   * The locations now in the new file (synchronously, as it takes the old one's place): the copied lines moved to
   * where they landed, unless their document changed since; then every other line written, in file order (a record
   * confirmed during the rewrite, as its document's latest line; a removal takes its document out).
   */
  private relocate(pending: PendingRewrite): void {
    if (pending.copy && pending.copiedTo) {
      this.locations.moved(pending.copy, pending.copiedTo);
    } else {
      this.locations.clear();
    }
    for (const line of pending.placed) {
      if (line.deleted) this.locations.delete(line.id);
      else this.locations.set(line.id, line.start, line.length);
    }
    // every live document's latest line was written by this rewrite, in a place known
    this.locations.found();
  }

  /** Drops a rewrite that failed or was stopped: the old file, appended to all along, stays the data. */
  async abandonRewrite(): Promise<void> {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    await pending.handle.close().catch(() => undefined);
    await this.files.unlink(this.tempPath).catch(() => undefined);
  }

  private get tempPath(): string {
    return `${this.path}~`;
  }

  /**
   * Replaces the file with exactly these documents (compaction): written beside it, synced, renamed over it, the
   * directory synced. Either the old file or the new one survives a crash. The serialisation yields to the event
   * loop between chunks, so a large collection does not stall other requests.
   */
  async rewrite(docs: readonly StoredRecord[]): Promise<void> {
    await this.closeHandle();
    const placed: PlacedLine[] = [];
    const size = await replaceFileDurably(this.files, this.path, chunksOf(docs, new TimeSlice(), (doc, start, length) => placed.push({ id: doc._id as string, start, length, deleted: false })));
    this.locations.clear();
    for (const line of placed) this.locations.set(line.id, line.start, line.length);
    this.goodSize = size;
    this.lineCount = docs.length;
    this.tainted = false;
    this.openLine = false;
    this.fragment = false;
    this.unsynced = false;
  }

  /** True when lines were appended without a sync since the last one. */
  get hasUnsynced(): boolean {
    return this.unsynced;
  }

  /**
   * Syncs the lines appended with `sync: false`. It may run beside an append (it syncs what the file holds by then;
   * the flag is cleared first, so a concurrent unsynced append marks the file again). Rejects when the sync fails,
   * with the lines marked unsynced again.
   */
  async syncDeferred(): Promise<void> {
    if (!this.unsynced || !this.handle) return;
    this.unsynced = false;
    try {
      await this.handle.sync();
    } catch (err) {
      this.unsynced = true;
      throw err;
    }
  }

  async close(): Promise<void> {
    await this.abandonRewrite();
    // lines appended without a sync reach the disk before the file is let go
    await this.syncDeferred().catch(() => undefined);
    await this.closeHandle();
  }

  /** Cuts off what a failed append may have left; when that fails too, the file stays tainted. */
  private async cutBack(): Promise<void> {
    if (this.goodSize === undefined) return;
    try {
      const handle = await this.open();
      await handle.truncate(this.goodSize);
      await handle.sync();
      this.tainted = false;
    } catch {
      // the next append starts on a new line; the next rewrite removes the fragment
    }
  }

  private async open(): Promise<StoreFileHandle> {
    this.handle ??= await this.files.open(this.path, 'a', 0o600);
    return this.handle;
  }

  private async closeHandle(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    await handle?.close().catch(() => undefined);
  }
}

/**
 * The lines of these records, serialised a time slice at a time (nedb's serialize costs about 0.1 ms a lead): one
 * buffer per slice, the event loop served between slices; and each line's length in bytes (no newline), by record.
 */
async function serializeInSlices(records: readonly StoredRecord[]): Promise<{ chunks: Buffer[]; lengths: number[] }> {
  const chunks: Buffer[] = [];
  const lengths: number[] = [];
  const slice = new TimeSlice();
  let lines: string[] = [];
  for (const record of records) {
    const line = serializeRecord(record);
    lengths.push(Buffer.byteLength(line));
    lines.push(`${line}\n`);
    if (slice.spent) {
      chunks.push(Buffer.from(lines.join('')));
      lines = [];
      await slice.yield();
    }
  }
  if (lines.length > 0) chunks.push(Buffer.from(lines.join('')));
  return { chunks, lengths };
}

/** Reads from `position` until `buffer` is full or the file ends; the bytes read. */
async function readAt(handle: StoreFileHandle, buffer: Buffer, position: number): Promise<number> {
  let read = 0;
  while (read < buffer.length) {
    const { bytesRead } = await handle.read(buffer, read, buffer.length - read, position + read);
    if (bytesRead === 0) break;
    read += bytesRead;
  }
  return read;
}

/** bytes of one chunk of a rewrite, about (a line longer than a chunk gets a chunk of its own) */
const CHUNK_BYTES = 1 << 20;

/**
 * A snapshot's lines, a chunk at a time: at most REWRITE_CHUNK documents or one time slice, then the loop turns.
 * The lines are written straight into one buffer, reused for every chunk: the caller writes a chunk before it asks
 * for the next (a chunk joined as one string was 600 KB of the heap's large-object space each time, 124 MB of
 * garbage for a full collection to find at 100,000 leads).
 */
async function* chunksOf(docs: readonly StoredRecord[], slice = new TimeSlice(), placed?: (doc: StoredRecord, start: number, length: number) => void): AsyncGenerator<Buffer> {
  let buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  let used = 0;
  let lines = 0;
  /** bytes yielded before the current chunk */
  let yielded = 0;
  for (const doc of docs) {
    const line = serializeRecord(doc);
    // a UTF-16 unit is at most 3 bytes of UTF-8; the newline is one more
    const most = line.length * 3 + 1;
    if (used + most > buffer.length && used > 0) {
      yield buffer.subarray(0, used);
      yielded += used;
      used = 0;
      lines = 0;
      await slice.yield();
    }
    if (most > buffer.length) buffer = Buffer.allocUnsafe(Math.max(most, CHUNK_BYTES));
    const written = buffer.write(line, used, 'utf8');
    placed?.(doc, yielded + used, written);
    used += written;
    buffer[used++] = 0x0a;
    lines += 1;
    if (lines >= REWRITE_CHUNK || slice.spent) {
      yield buffer.subarray(0, used);
      yielded += used;
      used = 0;
      lines = 0;
      // the loop turns, and a new slice starts (the chunk above was written while the generator was paused)
      await slice.yield();
    }
  }
  if (used > 0) yield buffer.subarray(0, used);
}
