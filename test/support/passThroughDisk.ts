import { nodeFileSystem, type StoreFileHandle, type StoreFileSystem } from '../../models/store/embedded/fileSystem';

/** The real file system (or `base`) passed through untouched: the test disks extend it and override what they change. */
export class PassThroughDisk implements StoreFileSystem {
  constructor(protected readonly base: StoreFileSystem = nodeFileSystem) {}

  open(file: string, flags: string, mode?: number): Promise<StoreFileHandle> {
    return this.base.open(file, flags, mode);
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
