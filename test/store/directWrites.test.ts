import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DIRECT_WRITE_MAX_BYTES, nodeFileSystem, writeAll } from '../../models/store/embedded/fileSystem';

/**
 * The embedded store appends every turn's state: a few lines written straight into the page cache cost about a
 * microsecond, where the thread pool's round trip costs tens. These tests pin which writes take which path, and that
 * both report what they wrote and fail as the disk fails.
 */
describe('the embedded store writes small appends directly', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'adr-direct-writes-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a small write is in the file as soon as write() returns, before its promise is awaited', async () => {
    const file = path.join(dir, 'small.db');
    const handle = await nodeFileSystem.open(file, 'a', 0o600);
    const line = Buffer.from('{"_id":"a","json":"{}"}\n');
    const pending = handle.write(line, 0, line.length, null);
    expect(fs.statSync(file).size).toBe(line.length);
    await expect(pending).resolves.toEqual({ bytesWritten: line.length });
    await handle.close();
  });

  it('a write over the limit (a compaction copying lines) still lands whole through writeAll', async () => {
    const file = path.join(dir, 'large.db');
    const handle = await nodeFileSystem.open(file, 'a', 0o600);
    const big = Buffer.alloc(DIRECT_WRITE_MAX_BYTES * 3 + 7, 0x61);
    await writeAll(handle, big);
    await handle.close();
    expect(fs.statSync(file).size).toBe(big.length);
  });

  it('a direct write that the system refuses rejects with its error code, as the thread pool would', async () => {
    const file = path.join(dir, 'read-only.db');
    fs.writeFileSync(file, '');
    const handle = await nodeFileSystem.open(file, 'r');
    const line = Buffer.from('x\n');
    await expect(handle.write(line, 0, line.length, null)).rejects.toMatchObject({ code: 'EBADF' });
    await handle.close();
  });
});
