import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { LANGUAGE_CODES } from '../models/languages';
import { projectRoot } from '../models/paths';

/** The options every eval script accepts: --dir <folder> (a held-out set), --check (the project's check sets). */
const EVAL_OPTIONS = { dir: { type: 'string' }, check: { type: 'boolean' } } as const;

/** Where the evaluation sets are: --dir <folder>, else EVAL_DIR, else `fallback` (../shared/eval beside the project). */
export function evalDir(args: string[] = process.argv.slice(2), env: Record<string, string | undefined> = process.env, fallback = path.join(projectRoot, '..', 'shared', 'eval')): string {
  const { dir } = parseArgs({ args, options: EVAL_OPTIONS, allowPositionals: true }).values;
  if (dir) return path.resolve(dir);
  if (env.EVAL_DIR) return path.resolve(env.EVAL_DIR);
  return fallback;
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

/**
 * The project's own development cases per language (`eval/<set>.<lng>.dev.jsonl`, e.g. eval/faq.ro.dev.jsonl),
 * read beside the shared sets so `npm run eval:*` reports every language. Only when no --dir/EVAL_DIR is given:
 * a held-out folder is evaluated alone.
 *
 * With --check, the check cases instead (`eval/<set>.<lng>.check.jsonl`): questions phrased unlike the dev ones
 * (colloquial, misspelt, without diacritics, told in a story) and out-of-scope ones, written before tuning and
 * never tuned on, so they tell whether a change generalises.
 */
export function projectEvalFiles(set: string, args: string[] = process.argv.slice(2), env: Record<string, string | undefined> = process.env): string[] {
  const { dir, check } = parseArgs({ args, options: EVAL_OPTIONS, allowPositionals: true }).values;
  if (dir || env.EVAL_DIR) return [];
  const folder = path.join(projectRoot, 'eval');
  if (!fs.existsSync(folder)) return [];
  const pattern = new RegExp(`^${set}\\.[a-z]{2}\\.${check === true ? 'check' : 'dev'}\\.jsonl$`);
  return fs
    .readdirSync(folder)
    .filter((f) => pattern.test(f))
    .sort()
    .map((f) => path.join(folder, f));
}

/** Accuracy per language, in the order of models/languages.ts, as "ro 15/18 = 83.3%". */
export function perLanguageLines(results: ReadonlyArray<{ language: string; right: boolean }>): string[] {
  const by = new Map<string, { right: number; total: number }>();
  for (const r of results) {
    const s = by.get(r.language) ?? { right: 0, total: 0 };
    s.total += 1;
    if (r.right) s.right += 1;
    by.set(r.language, s);
  }
  const order: readonly string[] = LANGUAGE_CODES;
  return [...by.entries()]
    .sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
    .map(([language, s]) => `  ${language} ${s.right}/${s.total} = ${((s.right / s.total) * 100).toFixed(1)}%`);
}
