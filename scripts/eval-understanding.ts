/**
 * Evaluates dialogs/understanding on the JSON Lines sets of ../shared/eval/ (see its README):
 *   places.*.jsonl  expected Lombardy province code, "OUT" (surely outside Lombardy) or "ASK" (ambiguous)
 *   status.*.jsonl  expected AT_RISK / UNEMPLOYED / REEMPLOYED (/ OTHER)
 *   crisis.*.jsonl  the answer to the crisis question: CIGS / CLOSURE / INSOLVENCY ... / NO_CRISIS / UNKNOWN (not sure,
 *                   a rumour included)
 *   yesno.*.jsonl   expected true / false / "unknown"
 *   trigger.*.jsonl  a first free-text message: "precheck" (the pre-check starts from it) or "none"
 *   commands.*.jsonl a message typed while a dialog waits for an answer: the interruption it is ("menu", "cancel",
 *                    "myData", "unsubscribe", "switchToItalian" ...), "language:xx" (a language's own name),
 *                    "question" (answered, then the step asks again) or "none" (the step's answer)
 * A places case may say `"context": "sentence"` (a place inside a free message) instead of the default "answer".
 * Prints accuracy per file and every miss; exits 1 when a file falls below its set's target.
 *
 * `npm run eval:understanding` (builds first). Another folder, e.g. held-out sets:
 * `EVAL_DIR=/path npm run eval:understanding` or `node dist/scripts/eval-understanding.js --dir /path`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { recognizeCampaignRequest } from '../dialogs/campaign/campaignIntents';
import { CommandRecognizer } from '../dialogs/commands';
import { describesOwnCase } from '../dialogs/eligibility/trigger';
import { recognizeRequest } from '../dialogs/intents';
import { recognizeInterruption, recognizeWithdrawal } from '../dialogs/interruptions';
import { recognizeLanguageName } from '../dialogs/languageChoice';
import { looksLikeQuestion } from '../dialogs/referral/fieldChecks';
import { loadGazetteer, recognizeCrisis, recognizeStatus, recognizeYesNo, type Gazetteer, type Lang, type PlaceReading } from '../dialogs/understanding';
import { createTranslator } from '../models/i18n';
import { languageCodeOfLocale } from '../models/languages';
import { evalDir, perLanguageLines, projectEvalFiles } from './evalCases';

interface EvalCase {
  text: string;
  expect: unknown;
  locale?: string;
  context?: 'answer' | 'sentence';
}

interface SetSpec {
  name: string;
  /** share of cases that must be right */
  target: number;
  /** what the recogniser answered, in the set's vocabulary */
  answer(c: EvalCase, lang: Lang, gazetteer: Gazetteer, commands: CommandRecognizer): string;
}

/** What MainDialog does with a message typed at a dialog's step, in its order (MainDialog.interrupt). */
function stepAnswer(text: string, commands: CommandRecognizer): string {
  const interruption = recognizeInterruption(text, commands, { recognize: recognizeCampaignRequest });
  if (interruption) return interruption;
  const named = recognizeLanguageName(text, true);
  if (named) return `language:${named}`;
  if (recognizeWithdrawal(text)) return 'withdrawal';
  return looksLikeQuestion(text) ? 'question' : 'none';
}

/** Whether a first free-text message starts the pre-check (MainDialog.respond: a request, else the worker's case). */
function triggerAnswer(text: string, lang: Lang, gazetteer: Gazetteer): string {
  return recognizeRequest(text) === 'eligibility' || describesOwnCase(text, lang, gazetteer) ? 'precheck' : 'none';
}

function placeAnswer(reading: PlaceReading): string {
  if (reading.kind === 'ambiguous') return 'ASK';
  if (reading.kind === 'none') return 'NONE';
  return reading.place.inLombardy ? reading.place.provinceCode : 'OUT';
}

const SETS: SetSpec[] = [
  { name: 'places', target: 0.95, answer: (c, lang, g) => placeAnswer(g.recognizePlace(c.text, lang, { context: c.context ?? 'answer' })) },
  { name: 'status', target: 0.95, answer: (c, lang) => recognizeStatus(c.text, lang) ?? 'NONE' },
  // the answer to the pre-check's crisis question: the process named, UNKNOWN for "not sure" (a rumour is not a fact)
  { name: 'crisis', target: 0.95, answer: (c, lang) => recognizeCrisis(c.text, lang) ?? 'NONE' },
  { name: 'yesno', target: 1, answer: (c, lang) => String(recognizeYesNo(c.text, lang) ?? 'NONE') },
  { name: 'trigger', target: 0.9, answer: (c, lang, g) => triggerAnswer(c.text, lang, g) },
  { name: 'commands', target: 0.9, answer: (c, _lang, _g, commands) => stepAnswer(c.text, commands) },
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
      return { text: c.text, expect: c.expect, locale: c.locale, context: c.context === 'sentence' ? 'sentence' : 'answer' };
    });
}

function langOf(locale: string | undefined): Lang {
  return languageCodeOfLocale(locale) ?? 'it';
}

async function main(): Promise<number> {
  const dir = evalDir();
  if (!fs.existsSync(dir)) {
    process.stderr.write(`eval-understanding: no folder ${dir}\n`);
    return 1;
  }
  const gazetteer = loadGazetteer();
  const commands = new CommandRecognizer(await createTranslator());
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
        const got = set.answer(c, langOf(c.locale), gazetteer, commands);
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
    process.stderr.write(`eval-understanding: no places/status/yesno/trigger/commands .jsonl files in ${dir}\n`);
    return 1;
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`eval-understanding: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
