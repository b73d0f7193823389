import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { projectRoot } from '../../models/paths';

/** A CLI (scripts/<name>.ts) in its own process, as `npm run <name> -- ...` runs it, from the sources. */
export async function runCliProcess(name: string, args: string[], env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const inherited = { ...process.env };
  delete inherited.MONGODB_URI;
  const child = spawn(process.execPath, ['-r', path.join(projectRoot, 'test/support/tsRegister.js'), path.join(projectRoot, 'scripts', `${name}.ts`), ...args], {
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const status = await new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return { status, stdout, stderr };
}
