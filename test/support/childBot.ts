import { spawn, type ChildProcess } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';
import { projectRoot } from '../../models/paths';

export interface ChildBot {
  url: string;
  child: ChildProcess;
  /** resolves when the process has exited */
  exited: Promise<number | null>;
  /** everything the process wrote to standard output so far */
  stdout(): string;
}

/** A loopback port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

export const CHILD_START_TIMEOUT_MS = 60000;

/** The bot as `npm start` runs it, in its own process (from the sources), so a test can kill it hard. */
export async function startChildBot(env: Record<string, string>): Promise<ChildBot> {
  const port = await freePort();
  // The child gets this process's environment minus a MongoDB URI (CI sets one for the contract suites): the
  // test decides the store through `env`.
  const inherited = { ...process.env };
  delete inherited.MONGODB_URI;
  const child = spawn(process.execPath, ['--disable-warning=DEP0111', '-r', path.join(projectRoot, 'test/support/tsRegister.js'), path.join(projectRoot, 'bot/index.ts')], {
    env: { ...inherited, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    let out = '';
    // transpiling every source on require takes a few seconds alone, several times that next to a browser test
    const timer = setTimeout(() => {
      child.kill('SIGKILL'); // a bot that starts after the test gave up would outlive it
      reject(new Error(`bot did not start: ${out}`));
    }, CHILD_START_TIMEOUT_MS);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('"msg":"listening"')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`bot exited with ${code}: ${out}`)));
  });
  return { url: `http://127.0.0.1:${port}`, child, exited, stdout: () => stdout };
}
