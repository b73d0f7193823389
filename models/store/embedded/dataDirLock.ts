import * as os from 'node:os';
import * as path from 'node:path';
import { errnoOf, readIfExists, syncDir, writeAll, type StoreFileSystem } from './fileSystem';

export const LOCK_FILE = 'store.lock';

/**
 * Another live process holds the data folder. Each process keeps its own copy of the data in memory and rewrites
 * the files from it, so two of them on one folder lose each other's writes: the second one must not open it.
 */
export class StoreLockedError extends Error {
  readonly code = 'STORE_LOCKED';
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(`${holder.owner} (pid ${holder.pid}) is using ${dataDir}`);
    this.name = 'StoreLockedError';
  }
}

export interface LockHolder {
  pid: number;
  /** who holds it, in words: "the bot", "npm run users" */
  owner: string;
  host: string;
  since: string;
  /** the process's start time in clock ticks since boot (Linux), so a reused pid is not taken for the holder */
  procStart?: string;
}

/**
 * Folders locked by this process. A lock file naming this very pid is ours only if this registry says so: a
 * container restarted after a crash often runs the bot under the same pid as the process that left the lock.
 */
const heldHere = new Set<string>();

/** Linux: field 22 of /proc/<pid>/stat, the process's start time; undefined elsewhere or when it is gone. */
async function procStartOf(files: StoreFileSystem, pid: number): Promise<string | undefined> {
  const stat = await readIfExists(files, `/proc/${pid}/stat`).catch(() => undefined);
  if (!stat) return undefined;
  // the command name (field 2) is in parentheses and may hold spaces: count fields after its closing one
  const text = stat.toString('utf8');
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return fields[19];
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: alive, someone else's
    return errnoOf(err) === 'EPERM';
  }
}

function parseHolder(raw: Buffer): LockHolder | undefined {
  try {
    const value = JSON.parse(raw.toString('utf8')) as Partial<LockHolder>;
    if (typeof value.pid !== 'number' || !Number.isInteger(value.pid) || value.pid <= 0) return undefined;
    return { pid: value.pid, owner: typeof value.owner === 'string' ? value.owner : 'another process', host: String(value.host ?? ''), since: String(value.since ?? ''), ...(typeof value.procStart === 'string' ? { procStart: value.procStart } : {}) };
  } catch {
    return undefined;
  }
}

/**
 * One process per data folder: `<dataDir>/store.lock`, created with O_EXCL, holds the owner's pid. A lock whose
 * process is gone (a crash, a kill -9) is taken over; a live one is refused with StoreLockedError. The lock is
 * meant for one machine: a DATA_DIR shared between machines is not supported.
 */
export class DataDirLock {
  private constructor(
    private readonly files: StoreFileSystem,
    private readonly file: string,
    private readonly key: string,
    private readonly content: string,
  ) {}

  static async acquire(files: StoreFileSystem, dataDir: string, owner: string): Promise<DataDirLock> {
    const key = path.resolve(dataDir);
    const file = path.join(dataDir, LOCK_FILE);
    // claimed before the first await, so two opens in this process cannot both get past this line
    if (heldHere.has(key)) throw new StoreLockedError(dataDir, { pid: process.pid, owner: 'this process', host: os.hostname(), since: '' });
    heldHere.add(key);
    try {
      const procStart = await procStartOf(files, process.pid);
      const content = `${JSON.stringify({ pid: process.pid, owner, host: os.hostname(), since: new Date().toISOString(), ...(procStart ? { procStart } : {}) })}\n`;
      for (let attempt = 0; attempt < 20; attempt++) {
        if (await DataDirLock.tryCreate(files, file, content)) return new DataDirLock(files, file, key, content);
        const raw = await readIfExists(files, file);
        if (raw === undefined) continue; // released in between: try again
        const holder = parseHolder(raw);
        if (holder && (await DataDirLock.isLive(files, holder))) throw new StoreLockedError(dataDir, holder);
        // a stale lock (or one too damaged to name its owner, which only a crash mid-write leaves): take it over
        await DataDirLock.removeStale(files, file, raw);
      }
      throw new Error(`could not lock ${dataDir}: the lock file keeps changing`);
    } catch (err) {
      heldHere.delete(key);
      throw err;
    }
  }

  /** Removes the lock if it is still this process's. */
  async release(): Promise<void> {
    heldHere.delete(this.key);
    const raw = await readIfExists(this.files, this.file).catch(() => undefined);
    if (raw?.toString('utf8') === this.content) await this.files.unlink(this.file).catch(() => undefined);
  }

  private static async tryCreate(files: StoreFileSystem, file: string, content: string): Promise<boolean> {
    let handle;
    try {
      handle = await files.open(file, 'wx', 0o644);
    } catch (err) {
      if (errnoOf(err) === 'EEXIST') return false;
      throw err;
    }
    try {
      await writeAll(handle, Buffer.from(content));
      await handle.sync();
      await handle.close();
      await syncDir(files, path.dirname(file));
    } catch (err) {
      // a lock that names nobody would only be taken over later; leave none
      await handle.close().catch(() => undefined);
      await files.unlink(file).catch(() => undefined);
      throw err;
    }
    return true;
  }

  private static async isLive(files: StoreFileSystem, holder: LockHolder): Promise<boolean> {
    if (holder.pid === process.pid) return false; // not in heldHere (checked first): left by an earlier life
    if (!isAlive(holder.pid)) return false;
    // the pid is in use: by the holder, unless it started at another time (the pid was reused after a reboot)
    if (holder.procStart !== undefined) {
      const now = await procStartOf(files, holder.pid);
      if (now !== undefined && now !== holder.procStart) return false;
    }
    return true;
  }

  /**
   * Deletes a stale lock, guarded so that two processes taking over the same stale lock at once cannot delete
   * each other's new one: only the one that creates `<lock>.takeover` (O_EXCL) may delete, and only the content
   * it judged stale. A guard older than a few seconds was left by a crash during a takeover and is removed.
   */
  private static async removeStale(files: StoreFileSystem, file: string, staleRaw: Buffer): Promise<void> {
    const guard = `${file}.takeover`;
    if (!(await DataDirLock.tryCreate(files, guard, `${process.pid}\n`))) {
      const raw = await readIfExists(files, guard);
      const guardPid = raw ? Number.parseInt(raw.toString('utf8'), 10) : NaN;
      if (!Number.isInteger(guardPid) || !isAlive(guardPid) || guardPid === process.pid) await files.unlink(guard).catch(() => undefined);
      else await new Promise((resolve) => setTimeout(resolve, 50));
      return;
    }
    try {
      const current = await readIfExists(files, file);
      if (current !== undefined && current.equals(staleRaw)) await files.unlink(file);
    } finally {
      await files.unlink(guard).catch(() => undefined);
    }
  }
}
