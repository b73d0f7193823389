/**
 * One process per embedded data folder: a second one is refused with who holds it; a lock left by a process that
 * is gone is taken over. Real child processes hold the folder, as a running bot or CLI would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { EmbeddedStore, StoreLockedError } from '../../models/store/embedded/embeddedStore';
import { LOCK_FILE } from '../../models/store/embedded/dataDirLock';
import { projectRoot } from '../../models/paths';
import { tempDirsRemovedAfterAll } from '../support/adapters';
import { startTestBot } from '../support/botServer';
import { startChildBot } from '../support/childBot';

const REGISTER = path.join(projectRoot, 'test/support/tsRegister.js');
const STORE_MODULE = path.join(projectRoot, 'models/store/embedded/embeddedStore.ts');

/** A child process that opens the store on `dir` and keeps it open until killed. */
async function holder(dir: string, owner: string): Promise<{ child: ChildProcess; exited: Promise<number | null> }> {
  const code = `require(${JSON.stringify(STORE_MODULE)}).EmbeddedStore.open(${JSON.stringify(dir)}, { owner: ${JSON.stringify(owner)} }).then(
    () => { process.stdout.write('open\\n'); setInterval(() => undefined, 1000); },
    (err) => { process.stderr.write(err.message + '\\n'); process.exit(3); })`;
  const child = spawn(process.execPath, ['-r', REGISTER, '-e', code], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('open')) resolve();
    });
    child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    void exited.then((c) => reject(new Error(`holder exited with ${c}: ${out}`)));
  });
  return { child, exited };
}

/** The pid of a process that has run and is gone. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid as number;
}

async function lockOf(dir: string): Promise<{ pid: number; owner: string }> {
  return JSON.parse(await fs.readFile(path.join(dir, LOCK_FILE), 'utf8')) as { pid: number; owner: string };
}

/** A fresh folder, removed after the file's tests. */
const tempDir = tempDirsRemovedAfterAll();

describe('embedded store: one process per data folder', () => {
  test('a second open in this process is refused while the first is open; released on close', async () => {
    const dir = await tempDir();
    const first = await EmbeddedStore.open(dir, { owner: 'the bot' });
    expect(await lockOf(dir)).toMatchObject({ pid: process.pid, owner: 'the bot' });
    await expect(EmbeddedStore.open(dir)).rejects.toBeInstanceOf(StoreLockedError);
    await first.close();
    await expect(fs.access(path.join(dir, LOCK_FILE))).rejects.toMatchObject({ code: 'ENOENT' });
    const second = await EmbeddedStore.open(dir);
    await second.close();
  });

  test('another live process holding the folder is named in the refusal; once it is killed, its lock is taken over', async () => {
    const dir = await tempDir();
    const other = await holder(dir, 'npm run users');
    try {
      const refusal = EmbeddedStore.open(dir, { owner: 'the bot' });
      await expect(refusal).rejects.toBeInstanceOf(StoreLockedError);
      await expect(refusal).rejects.toThrow(`npm run users (pid ${other.child.pid}) is using ${dir}`);
    } finally {
      other.child.kill('SIGKILL');
      await other.exited;
    }
    // kill -9 left the lock file behind; its pid is gone
    expect((await lockOf(dir)).pid).toBe(other.child.pid);
    const store = await EmbeddedStore.open(dir, { owner: 'the bot' });
    expect(await lockOf(dir)).toMatchObject({ pid: process.pid, owner: 'the bot' });
    await store.close();
  }, 60000);

  test.each([
    ['a dead pid', async () => JSON.stringify({ pid: await deadPid(), owner: 'the bot', host: os.hostname(), since: '2025-01-01T00:00:00.000Z' })],
    // a container restarted after a crash: the new bot often gets the pid the old one had
    ['this very pid, from an earlier life', async () => JSON.stringify({ pid: process.pid, owner: 'the bot', host: os.hostname(), since: '2025-01-01T00:00:00.000Z' })],
    ['a half-written lock', async () => '{"pid":'],
  ])('a stale lock (%s) is taken over', async (_what, content) => {
    const dir = await tempDir();
    await fs.writeFile(path.join(dir, LOCK_FILE), await content());
    const store = await EmbeddedStore.open(dir, { owner: 'the bot' });
    expect(await lockOf(dir)).toMatchObject({ pid: process.pid });
    await store.close();
  });

  const onLinux = process.platform === 'linux' ? test : test.skip;
  onLinux('a lock whose pid now belongs to another process (started at another time) is taken over', async () => {
    const dir = await tempDir();
    const unrelated = spawn(process.execPath, ['-e', 'setInterval(() => undefined, 1000)'], { stdio: 'ignore' });
    try {
      await fs.writeFile(path.join(dir, LOCK_FILE), JSON.stringify({ pid: unrelated.pid, owner: 'the bot', host: os.hostname(), since: '2020-01-01T00:00:00.000Z', procStart: '1' }));
      const store = await EmbeddedStore.open(dir);
      await store.close();
    } finally {
      unrelated.kill('SIGKILL');
    }
  });
});

describe('two bots on one data folder (real processes)', () => {
  test('the second refuses to start, naming the first; once the first is killed, the folder is taken over', async () => {
    const dir = await tempDir('adr-two-bots-');
    const first = await startTestBot({ DATA_DIR: dir });
    try {
      await expect(startChildBot({ DATA_DIR: dir })).rejects.toThrow(
        `cannot start: the bot (pid ${process.pid}) is using ${dir}. One process at a time may use a data folder: stop that one first, or give this one another DATA_DIR.`,
      );
    } finally {
      await first.stop();
    }

    const child = await startChildBot({ DATA_DIR: dir });
    try {
      await expect(startTestBot({ DATA_DIR: dir })).rejects.toThrow(`the bot (pid ${child.child.pid}) is using ${dir}`);
    } finally {
      child.child.kill('SIGKILL');
      await child.exited;
    }
    const after = await startTestBot({ DATA_DIR: dir });
    await after.stop();
  }, 150000);
});
