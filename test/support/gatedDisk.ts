import { nodeFileSystem, type StoreFileHandle, type StoreFileSystem } from '../../models/store/embedded/fileSystem';

/**
 * The real file system, except that writes to a compaction's new file (`<file>~`) wait at a gate the test opens
 * (or are slowed by `delayMs`): a rewrite can be held mid-way while the test writes, reads, closes or kills.
 */
export class GatedDisk implements StoreFileSystem {
  /** writes to `<file>~` made so far (the first one says a rewrite is under way) */
  rewriteWrites = 0;
  private gate: Promise<void> | undefined;
  private openGate: (() => void) | undefined;

  constructor(
    private readonly delayMs = 0,
    private readonly onRewriteWrite: (count: number) => void = () => undefined,
    private readonly base: StoreFileSystem = nodeFileSystem,
  ) {}

  /** From now on, rewrite writes wait until release(). */
  hold(): void {
    this.gate ??= new Promise((resolve) => (this.openGate = resolve));
  }

  release(): void {
    this.openGate?.();
    this.gate = undefined;
    this.openGate = undefined;
  }

  async open(file: string, flags: string, mode?: number): Promise<StoreFileHandle> {
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
      stat: () => handle.stat(),
      close: () => handle.close(),
    };
  }

  readFile(file: string): Promise<Buffer> {
    return this.base.readFile(file);
  }

  rename(from: string, to: string): Promise<void> {
    return this.base.rename(from, to);
  }

  unlink(file: string): Promise<void> {
    return this.base.unlink(file);
  }

  mkdir(dir: string, options: { recursive: true }): Promise<string | undefined> {
    return this.base.mkdir(dir, options);
  }

  readdir(dir: string): Promise<string[]> {
    return this.base.readdir(dir);
  }
}
