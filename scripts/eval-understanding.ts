/**
 * Evaluates dialogs/understanding on the JSON Lines sets of ../shared/eval/ (see its README):
 *   places.*.jsonl  expected Lombardy province code, "OUT" (surely outside Lombardy) or "ASK" (ambiguous)
 *   status.*.jsonl  expected AT_RISK / UNEMPLOYED / REEMPLOYED (/ OTHER)
 *   yesno.*.jsonl   expected true / false / "unknown"
 * Prints accuracy per file and every miss; exits 1 when a file falls below its set's target.
 *
 * `npm run eval:understanding` (builds first). Another folder, e.g. held-out sets:
 * `EVAL_DIR=/path npm run eval:understanding` or `node dist/scripts/eval-understanding.js --dir /path`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadGazetteer, recognizeStatus, recognizeYesNo, type Gazetteer, type Lang, type PlaceReading } from '../dialogs/understanding';
import { languageCodeOfLocale } from '../models/languages';
import { evalDir, perLanguageLines, projectEvalFiles } from './evalCases';

interface EvalCase {
  text: string;
  expect: unknown;
  locale?: string;
}

interface SetSpec {
  name: string;
  /** share of cases that must be right */
  target: number;
  /** what the recogniser answered, in the set's vocabulary */
  answer(c: EvalCase, lang: Lang, gazetteer: Gazetteer): string;
}

function placeAnswer(reading: PlaceReading): string {
  if (reading.kind === 'ambiguous') return 'ASK';
  if (reading.kind === 'none') return 'NONE';
  return reading.place.inLombardy ? reading.place.provinceCode : 'OUT';
}

const SETS: SetSpec[] = [
  { name: 'places', target: 0.95, answer: (c, lang, g) => placeAnswer(g.recognizePlace(c.text, lang, { context: 'answer' })) },
  { name: 'status', target: 0.95, answer: (c, lang) => recognizeStatus(c.text, lang) ?? 'NONE' },
  { name: 'yesno', target: 1, answer: (c, lang) => String(recognizeYesNo(c.text, lang) ?? 'NONE') },
];

function readCases(file: string): EvalCase[] {
  return fs
    .readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((line, i) => ({ line: line.trim(), n: i + 1 }))
    .filter(({ line }) => line.length > 0)
    .map(({ line, n }) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        throw new Error(`${path.basename(file)}:${n}: not JSON`);
      }
      const c = parsed as Partial<EvalCase>;
      if (typeof c.text !== 'string' || c.expect === undefined) throw new Error(`${path.basename(file)}:${n}: needs "text" and "expect"`);
      return { text: c.text, expect: c.expect, locale: c.locale };
    });
}

function langOf(locale: string | undefined): Lang {
  return languageCodeOfLocale(locale) ?? 'it';
}

function main(): number {
  const dir = evalDir();
  if (!fs.existsSync(dir)) {
    process.stderr.write(`eval-understanding: no folder ${dir}\n`);
    return 1;
  }
  const gazetteer = loadGazetteer();
  const files = fs.readdirSync(dir).sort();
  let failed = false;
  let evaluated = 0;
  for (const set of SETS) {
    const mine = files.filter((f) => f.endsWith('.jsonl') && (f === `${set.name}.jsonl` || f.startsWith(`${set.name}.`))).map((f) => path.join(dir, f));
    const results: Array<{ language: string; right: boolean }> = [];
    for (const full of [...mine, ...projectEvalFiles(set.name)]) {
      const file = `${path.basename(path.dirname(full))}/${path.basename(full)}`;
      const cases = readCases(full);
      const misses: string[] = [];
      for (const c of cases) {
        const got = set.answer(c, langOf(c.locale), gazetteer);
        results.push({ language: langOf(c.locale), right: got === String(c.expect) });
        if (got !== String(c.expect)) misses.push(`  miss: ${JSON.stringify(c.text)}${c.locale ? ` [${c.locale}]` : ''} -> ${got}, expected ${String(c.expect)}`);
      }
      const right = cases.length - misses.length;
      const accuracy = cases.length > 0 ? right / cases.length : 1;
      const ok = accuracy >= set.target;
      failed ||= !ok;
      evaluated++;
      process.stdout.write(
        `${file}: ${right}/${cases.length} = ${(accuracy * 100).toFixed(1)}% (target ${(set.target * 100).toFixed(0)}%) ${ok ? 'ok' : 'BELOW TARGET'}\n`,
      );
      for (const m of misses) process.stdout.write(`${m}\n`);
    }
    if (results.length > 0) process.stdout.write(`${set.name} per language:\n${perLanguageLines(results).join('\n')}\n`);
  }
  if (evaluated === 0) {
    process.stderr.write(`eval-understanding: no places/status/yesno .jsonl files in ${dir}\n`);
    return 1;
  }
  return failed ? 1 : 0;
}

process.exitCode = main();
