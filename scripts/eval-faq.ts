import * as path from 'node:path';
import { Chat, startLocalBot, textOf } from './chatClient';
import * as fs from 'node:fs';
import { languageCodeOfLocale } from '../models/languages';
import { evalDir, perLanguageLines, projectEvalFiles, readJsonLines } from './evalCases';

/**
 * `npm run eval:faq`: every question of faq.dev.jsonl (or the held-out set given with --dir) goes through the real
 * bot over HTTP with expectReplies, in a fresh conversation after the welcome; the answer must contain every fact.
 * The project's per-language cases (eval/faq.<lng>.dev.jsonl) are read too; accuracy is reported per language.
 * `npm run eval:faq -- --check` runs the check cases (eval/faq.<lng>.check.jsonl) instead.
 */
interface FaqCase {
  q: string;
  facts: string[];
  locale?: string;
}

async function main(): Promise<void> {
  const shared = path.join(evalDir(), 'faq.dev.jsonl');
  // --check: the project's check cases alone (eval/faq.<lng>.check.jsonl, see projectEvalFiles)
  const checkOnly = process.argv.includes('--check');
  const files = [...(fs.existsSync(shared) && !checkOnly ? [shared] : []), ...projectEvalFiles('faq')];
  if (files.length === 0) throw new Error(`no faq cases: ${shared} is missing`);
  const cases = files.flatMap((f) => readJsonLines<FaqCase>(f));
  const file = files.join(', ');
  const bot = await startLocalBot();
  const misses: string[] = [];
  const results: Array<{ language: string; right: boolean }> = [];
  try {
    for (const c of cases) {
      const chat = new Chat(bot, { locale: c.locale ?? 'it-IT' });
      await chat.join();
      const answer = textOf(await chat.say(c.q));
      const missing = c.facts.filter((fact) => !new RegExp(fact, 'i').test(answer));
      results.push({ language: languageCodeOfLocale(c.locale) ?? 'it', right: missing.length === 0 });
      if (missing.length > 0) misses.push(`  MISS [${c.locale ?? 'it-IT'}] ${c.q}\n       missing ${missing.join(', ')}\n       got: ${answer.replace(/\s+/g, ' ').slice(0, 240)}`);
    }
  } finally {
    await bot.stop();
  }
  const passed = cases.length - misses.length;
  const accuracy = cases.length ? passed / cases.length : 0;
  process.stdout.write(`${misses.join('\n')}${misses.length ? '\n' : ''}faq: ${passed}/${cases.length} top-1 correct (${(accuracy * 100).toFixed(1)}%, target 90%) from ${file}\n${perLanguageLines(results).join('\n')}\n`);
  if (accuracy < 0.9) process.exitCode = 1;
}

main().catch((err: Error) => {
  process.stderr.write(`eval failed: ${err.stack ?? err.message}\n`);
  process.exit(1);
});
