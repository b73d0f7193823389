/**
 * Multi-turn conversations written as data (`*.conversations.json` beside this file), run one after another through
 * the bot's adapter in process (the server as built, without a socket: test/support/inProcessBot.ts), each as a new
 * chat; the first case of each file runs through the real server too (POST /api/messages), so the wire path of
 * the table stays covered. Every case states what the worker must read at each turn; every turn of
 * every case is also held to what any conversation must do (issue 15): an answer every time (never silent), and
 * never the same reply three times in a row (no loop).
 *
 * A case file is a JSON array of:
 *   {
 *     "name": "what the case shows",
 *     "locale": "it-IT" | "en-US" (default it-IT),
 *     "turns": [
 *       { "say": "what the worker types",
 *         "expect": ["regex", ...],        // each must match the turn's text and button titles (case-insensitive)
 *         "reject": ["regex", ...] }       // none may match
 *     ],
 *     "stored": { "leads": 0 | 1, "status": "new" | ..., "employer": "name" | null, "sector": "code" | null,
 *                 "time": "preferred time" | null, "reasons": ["CODE", ...] }
 *   }
 * `stored` is checked after the last turn against the chat identity's own leads (LeadService.findForWorker).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RunningBot } from '../../bot/index';
import { buttonsOf, Chat, startTestBot, textOf } from '../support/botServer';
import { startInProcessBot, type InProcessBot } from '../support/inProcessBot';

interface Turn {
  say: string;
  expect?: string[];
  reject?: string[];
}

interface Case {
  name: string;
  locale?: string;
  turns: Turn[];
  stored?: { leads: number; status?: string; employer?: string | null; sector?: string | null; time?: string | null; email?: string | null; reasons?: string[] };
}

const files = fs
  .readdirSync(__dirname)
  .filter((f) => f.endsWith('.conversations.json'))
  .sort();
const suites = files.map((file) => ({ file, cases: JSON.parse(fs.readFileSync(path.join(__dirname, file), 'utf8')) as Case[] }));

const matcher = (source: string): RegExp => new RegExp(source, 'i');

/** One case as a new chat: every turn against its expectations and the rules of any conversation, then what is stored. */
async function runCase(bot: InProcessBot | RunningBot, c: Case): Promise<void> {
  const chat = new Chat(bot, { locale: c.locale ?? 'it-IT' });
  await chat.join();
  const seen: string[] = [];
  for (const [index, turn] of c.turns.entries()) {
    const replies = await chat.say(turn.say);
    const text = textOf(replies);
    const read = [text, ...buttonsOf(replies)].join('\n');
    const where = `turn ${index + 1} «${turn.say}» got:\n${read}`;
    if (!text.trim() && buttonsOf(replies).length === 0) throw new Error(`silent: ${where}`);
    for (const source of turn.expect ?? []) if (!matcher(source).test(read)) throw new Error(`expected /${source}/i at ${where}`);
    for (const source of turn.reject ?? []) if (matcher(source).test(read)) throw new Error(`rejected /${source}/i matched at ${where}`);
    seen.push(text.trim());
    const last = seen.slice(-3);
    if (last.length === 3 && last.every((t) => t === last[0])) throw new Error(`the same reply three times in a row: ${where}`);
  }
  if (c.stored) {
    const leads = await bot.domain.leads.findForWorker({ channel: 'emulator', userId: chat.userId });
    expect(leads).toHaveLength(c.stored.leads);
    const lead = leads[0];
    if (lead && c.stored.status !== undefined) expect(lead.status).toBe(c.stored.status);
    if (lead && c.stored.employer !== undefined) expect(lead.employer?.name ?? null).toBe(c.stored.employer);
    if (lead && c.stored.sector !== undefined) expect(lead.employer?.sector ?? null).toBe(c.stored.sector);
    if (lead && c.stored.time !== undefined) expect(lead.contact?.preferredTime ?? null).toBe(c.stored.time);
    if (lead && c.stored.email !== undefined) expect(lead.contact?.email ?? null).toBe(c.stored.email);
    if (lead && c.stored.reasons) expect(lead.precheck.reasons).toEqual(expect.arrayContaining(c.stored.reasons));
  }
}

describe('conversations in process', () => {
  // One bot for every file's cases: each case is a chat of its own (its own conversation and user), as within a file
  // already; building a bot (its store seeded, its FAQ indexes built) once, not once per file, saves a second each.
  let bot: InProcessBot;
  beforeAll(async () => {
    bot = await startInProcessBot();
  });
  afterAll(async () => {
    await bot?.stop();
  });

  describe.each(suites)('conversations: $file', ({ cases }) => {
    test.each(cases)('$name', (c) => runCase(bot, c));
  });
});

describe('conversations through the real server (POST /api/messages)', () => {
  let bot: RunningBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => {
    await bot?.stop();
  });

  test.each(suites.map(({ file, cases }) => ({ file, first: cases[0] })))('$file: the first case', ({ first }) => runCase(bot, first));
});
