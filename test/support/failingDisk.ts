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
      sync: () => handle.sync(),
      truncate: async (length) => {
        if (this.failTruncate) throw fsError('EIO');
        return handle.truncate(length);
      },
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
