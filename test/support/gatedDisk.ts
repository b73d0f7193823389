import { nodeFileSystem, type StoreFileHandle, type StoreFileSystem } from '../../models/store/embedded/fileSystem';
import { PassThroughDisk } from './passThroughDisk';

/**
 * The real file system, except that writes to a compaction's new file (`<file>~`) wait at a gate the test opens
 * (or are slowed by `delayMs`): a rewrite can be held mid-way while the test writes, reads, closes or kills.
 */
export class GatedDisk extends PassThroughDisk {
  /** writes to `<file>~` made so far (the first one says a rewrite is under way) */
  rewriteWrites = 0;
  private gate: Promise<void> | undefined;
  private openGate: (() => void) | undefined;

  constructor(
    private readonly delayMs = 0,
    private readonly onRewriteWrite: (count: number) => void = () => undefined,
    base: StoreFileSystem = nodeFileSystem,
  ) {
    super(base);
  }

  /** From now on, rewrite writes wait until release(). */
  hold(): void {
    this.gate ??= new Promise((resolve) => (this.openGate = resolve));
  }

  release(): void {
    this.openGate?.();
    this.gate = undefined;
    this.openGate = undefined;
  }

  override async open(file: string, flags: string, mode?: number): Promise<StoreFileHandle> {
    const handle = await this.base.open(file, flags, mode);
    if (!file.endsWith('~')) return handle;
    return {
      write: async (buffer, offset, length, position) => {
        this.rewriteWrites += 1;
        this.onRewriteWrite(this.rewriteWrites);
        if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
        await this.gate;
        return handle.write(buffer, offset, length, position);
      },
      sync: () => handle.sync(),
      truncate: (length) => handle.truncate(length),
      read: (buffer, offset, length, position) => handle.read(buffer, offset, length, position),
      stat: () => handle.stat(),
      close: () => handle.close(),
    };
  }
}
