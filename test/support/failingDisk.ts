import type { Logger } from '../../models/logger';
import type { StoreFileHandle } from '../../models/store/embedded/fileSystem';
import { PassThroughDisk } from './passThroughDisk';

function fsError(code: string): Error {
  return Object.assign(new Error(`${code}: injected by the test's failing disk`), { code });
}

/**
 * The real file system with switches for the failures a full or broken disk brings: the system's edge, injected
 * into the embedded store (`storeFiles` / `files`) so a test can fill the disk mid-run and free it again.
 */
export class FailingDisk extends PassThroughDisk {
  /** writes fail with ENOSPC after writing half of what they were given: a torn half-line is left behind */
  full = false;
  /** cutting a file back (ftruncate) fails too, with EIO */
  failTruncate = false;
  /** renaming fails with EIO (a rewrite then cannot replace the file) */
  failRename = false;
  /** how many writes were refused */
  refused = 0;
  /** syncs fail with EIO (after the data was written whole: it reached the file but is not known to be on disk) */
  failSync = false;
  /** syncs wait until releaseSyncs() (a slow disk held still, so a test can see what queues up behind a sync) */
  holdSyncs = false;
  /** how many syncs were asked for, held ones included */
  syncs = 0;
  private readonly heldSyncs: Array<() => void> = [];

  /** Syncs waiting under holdSyncs. */
  get syncsWaiting(): number {
    return this.heldSyncs.length;
  }

  /** Lets the syncs waiting now go on (holdSyncs stays as it is for later ones). */
  releaseSyncs(): void {
    for (const release of this.heldSyncs.splice(0)) release();
  }

  override async open(file: string, flags: string, mode?: number): Promise<StoreFileHandle> {
    const handle = await this.base.open(file, flags, mode);
    return {
      write: async (buffer, offset, length, position) => {
        if (!this.full) return handle.write(buffer, offset, length, position);
        this.refused += 1;
        const part = Math.floor(length / 2);
        if (part > 0) await handle.write(buffer, offset, part, position);
        throw fsError('ENOSPC');
      },
      sync: async () => {
        this.syncs += 1;
        if (this.holdSyncs) await new Promise<void>((resolve) => this.heldSyncs.push(resolve));
        if (this.failSync) throw fsError('EIO');
        return handle.sync();
      },
      truncate: async (length) => {
        if (this.failTruncate) throw fsError('EIO');
        return handle.truncate(length);
      },
      read: (buffer, offset, length, position) => handle.read(buffer, offset, length, position),
      stat: () => handle.stat(),
      close: () => handle.close(),
    };
  }

  override async rename(from: string, to: string): Promise<void> {
    if (this.failRename) throw fsError('EIO');
    return this.base.rename(from, to);
  }
}

/** A logger that keeps what it was told, to check what was logged (and that no personal data was). */
export function recordingLogger(): Logger & { entries: Array<{ level: string; obj: object; msg?: string }> } {
  const entries: Array<{ level: string; obj: object; msg?: string }> = [];
  const at =
    (level: string) =>
    (obj: object, msg?: string): void => {
      entries.push({ level, obj, msg });
    };
  const logger = { entries, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), child: () => logger };
  return logger;
}
