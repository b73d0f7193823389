/**
 * `npm run eval:lang`: language identification of a worker's first free-text message (models/languageIdentification.ts)
 * on the JSON Lines sets `lang.*.jsonl` (one case a line: `{"text": "...", "expect": "ro"}`, `expect` one of the
 * eight languages), read from the project's own eval/ folder, or from --dir <folder> / EVAL_DIR (held-out sets).
 * The conversation is taken to be in Italian (a new worker's default) unless the case says `"current": "en"`.
 *
 * Prints accuracy per language and every miss; then, as a guard, how many Italian and English messages of the
 * shared understanding sets (../shared/eval: faq, yesno, status, places, when present) would have switched the
 * conversation to another language: that must be none. Exits 1 below a language's target or on any such switch.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { identifyLanguageSwitch, readLanguage } from '../models/languageIdentification';
import { isLanguageCode, LANGUAGE_CODES, languageCodeOfLocale, type LanguageCode } from '../models/languages';
import { projectRoot } from '../models/paths';
import { evalDir, readJsonLines } from './evalCases';

interface LangCase {
  text: string;
  expect: string;
  current?: string;
}

/** share of a language's cases that must be identified; Italian, the default, must never be lost */
const TARGET: Record<LanguageCode, number> = { it: 1, en: 0.95, ro: 0.9, ar: 0.9, sq: 0.9, es: 0.9, uk: 0.9, fr: 0.9 };

function evaluate(cases: LangCase[], file: string): boolean {
  const per = new Map<LanguageCode, { right: number; total: number }>(LANGUAGE_CODES.map((l) => [l, { right: 0, total: 0 }]));
  const misses: string[] = [];
  for (const [i, c] of cases.entries()) {
    if (!isLanguageCode(c.expect)) throw new Error(`${file}:${i + 1}: "expect" must be one of ${LANGUAGE_CODES.join(', ')}`);
    const current = isLanguageCode(c.current) ? c.current : 'it';
    const reading = readLanguage(c.text, current);
    const got = reading.kind === 'language' ? reading.language : current;
    const row = per.get(c.expect) ?? { right: 0, total: 0 };
    row.total++;
    if (got === c.expect) row.right++;
    else misses.push(`  miss [${c.expect}] ${JSON.stringify(c.text)} -> ${got}${reading.kind === 'none' ? ` (kept: ${reading.reason})` : ''}`);
  }
  let ok = true;
  process.stdout.write(`${file}\n`);
  for (const [language, { right, total }] of per) {
    if (total === 0) continue;
    const accuracy = right / total;
    const below = accuracy < TARGET[language];
    ok &&= !below;
    process.stdout.write(`  ${language}: ${right}/${total} = ${(accuracy * 100).toFixed(1)}% (target ${(TARGET[language] * 100).toFixed(0)}%)${below ? ' BELOW TARGET' : ''}\n`);
  }
  const all = [...per.values()].reduce((a, r) => ({ right: a.right + r.right, total: a.total + r.total }), { right: 0, total: 0 });
  process.stdout.write(`  all: ${all.right}/${all.total} = ${((100 * all.right) / Math.max(1, all.total)).toFixed(1)}%\n`);
  for (const m of misses) process.stdout.write(`${m}\n`);
  return ok;
}

/**
 * Italian and English messages written for the other evaluations: none may switch the conversation's language.
 * They are the shared sets (../shared/eval beside the project, or --dir / EVAL_DIR); a folder that is not there
 * (a git worktree has no ../shared) is said so, not passed in silence.
 */
function guard(): boolean {
  const dir = evalDir();
  if (!fs.existsSync(dir)) {
    process.stdout.write(`guard: SKIPPED, no folder ${dir} (give the shared sets with --dir or EVAL_DIR)\n`);
    return true;
  }
  const switched: string[] = [];
  let total = 0;
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl') && !f.startsWith('lang.'))) {
    for (const c of readJsonLines<{ text?: string; q?: string; locale?: string }>(path.join(dir, file))) {
      const text = c.text ?? c.q;
      if (typeof text !== 'string') continue;
      const current = languageCodeOfLocale(c.locale) ?? 'it';
      total++;
      const switchedTo = identifyLanguageSwitch(text, current);
      if (switchedTo) switched.push(`  SWITCHED [${current}] ${JSON.stringify(text)} -> ${switchedTo}`);
    }
  }
  process.stdout.write(`guard: ${switched.length}/${total} Italian/English messages of ${dir} would switch language (must be 0)\n`);
  for (const s of switched) process.stdout.write(`${s}\n`);
  return switched.length === 0;
}

function main(): number {
  // the language cases are the project's own (eval/lang.*.jsonl) unless --dir or EVAL_DIR names others
  const dir = evalDir(process.argv.slice(2), process.env, path.join(projectRoot, 'eval'));
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /^lang\..*\.jsonl$/.test(f)).sort() : [];
  if (files.length === 0) {
    process.stderr.write(`eval-lang: no lang.*.jsonl in ${dir}\n`);
    return 1;
  }
  let ok = true;
  for (const file of files) ok = evaluate(readJsonLines<LangCase>(path.join(dir, file)), path.join(dir, file)) && ok;
  ok = guard() && ok;
  return ok ? 0 : 1;
}

process.exitCode = main();
