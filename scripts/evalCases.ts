import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from '../models/paths';

/** Where the evaluation sets are: --dir <folder>, else EVAL_DIR, else ../shared/eval beside the project. */
export function evalDir(args: string[] = process.argv.slice(2), env: Record<string, string | undefined> = process.env): string {
  const { dir } = parseArgs({ args, options: { dir: { type: 'string' } }, allowPositionals: true }).values;
  if (dir) return path.resolve(dir);
  if (env.EVAL_DIR) return path.resolve(env.EVAL_DIR);
  return path.join(projectRoot, '..', 'shared', 'eval');
}

/** One JSON object a line; blank lines are skipped, a broken line names its file and number. */
export function readJsonLines<T>(file: string): T[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((line, i) => ({ line: line.trim(), n: i + 1 }))
    .filter(({ line }) => line !== '')
    .map(({ line, n }) => {
      try {
        return JSON.parse(line) as T;
      } catch {
        throw new Error(`${file}:${n}: not valid JSON`);
      }
    });
}
