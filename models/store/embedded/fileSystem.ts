import * as fs from 'node:fs/promises';
import * as path from 'node:path';

/**
 * The part of the file system the embedded store uses: what `node:fs/promises` offers, narrowed so a test can put
 * a failing disk in its place (ENOSPC, a write cut half-way) without mocking Node itself.
 */
export interface StoreFileHandle {
  /** may write fewer bytes than asked; the caller writes the rest */
  write(buffer: Buffer, offset: number, length: number, position?: number | null): Promise<{ bytesWritten: number }>;
  /** may read fewer bytes than asked (0 at the end of the file) */
  read(buffer: Buffer, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
  sync(): Promise<void>;
  truncate(length?: number): Promise<void>;
  stat(): Promise<{ size: number }>;
  close(): Promise<void>;
}

export interface StoreFileSystem {
  open(file: string, flags: string, mode?: number): Promise<StoreFileHandle>;
  readFile(file: string): Promise<Buffer>;
  rename(from: string, to: string): Promise<void>;
  unlink(file: string): Promise<void>;
  mkdir(dir: string, options: { recursive: true }): Promise<string | undefined>;
  readdir(dir: string): Promise<string[]>;
}

export const nodeFileSystem: StoreFileSystem = {
  open: (file, flags, mode) => fs.open(file, flags, mode),
  readFile: (file) => fs.readFile(file),
  rename: (from, to) => fs.rename(from, to),
  unlink: (file) => fs.unlink(file),
  mkdir: (dir, options) => fs.mkdir(dir, options),
  readdir: (dir) => fs.readdir(dir),
};

export function errnoOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The file's bytes, or undefined when it does not exist. */
export async function readIfExists(files: StoreFileSystem, file: string): Promise<Buffer | undefined> {
  try {
    return await files.readFile(file);
  } catch (err) {
    if (errnoOf(err) === 'ENOENT') return undefined;
    throw err;
  }
}

/** Writes all of `data` (a short write is continued, as write(2) allows it to stop early). */
export async function writeAll(handle: StoreFileHandle, data: Buffer): Promise<void> {
  let offset = 0;
  while (offset < data.length) {
    const { bytesWritten } = await handle.write(data, offset, data.length - offset, null);
    if (bytesWritten <= 0) throw Object.assign(new Error('write made no progress'), { code: 'EIO' });
    offset += bytesWritten;
  }
}

/**
 * Makes a rename or a new file in `dir` durable: without it a power cut can lose the directory entry even though
 * the file's data was synced. Platforms that cannot sync a directory (Windows) answer EISDIR/EPERM/EINVAL: there is
 * nothing more to do on them.
 */
export async function syncDir(files: StoreFileSystem, dir: string): Promise<void> {
  let handle: StoreFileHandle | undefined;
  try {
    handle = await files.open(dir, 'r');
    await handle.sync();
  } catch (err) {
    if (!['EISDIR', 'EPERM', 'EINVAL', 'EBADF'].includes(errnoOf(err) ?? '')) throw err;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * Replaces `file` with `chunks` so that either the old or the new content survives a crash: write a temporary
 * file beside it, sync it, rename it over the old one, sync the directory. The temporary file is the one nedb
 * itself uses (`<file>~`), which its loader and ours both recover when the rename never happened.
 */
export async function replaceFileDurably(files: StoreFileSystem, file: string, chunks: AsyncIterable<Buffer> | Iterable<Buffer>): Promise<number> {
  const temp = `${file}~`;
  let size = 0;
  const handle = await files.open(temp, 'w', 0o600);
  try {
    for await (const chunk of chunks) {
      await writeAll(handle, chunk);
      size += chunk.length;
    }
    await handle.sync();
  } catch (err) {
    await handle.close().catch(() => undefined);
    await files.unlink(temp).catch(() => undefined);
    throw err;
  }
  await handle.close();
  await files.rename(temp, file);
  await syncDir(files, path.dirname(file));
  return size;
}

/** Appends `data` to `file` (created if missing) and syncs it. */
export async function appendDurably(files: StoreFileSystem, file: string, data: Buffer): Promise<void> {
  const handle = await files.open(file, 'a', 0o600);
  try {
    await writeAll(handle, data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await syncDir(files, path.dirname(file));
}
