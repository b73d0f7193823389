import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import type { Activity } from 'botbuilder';
import { Chat, textOf } from './chatClient';
import { productionNodeFlags } from './productionNodeFlags';

/**
 * Long messages against the real server, in its own process: while a few workers chat normally (menu, a FAQ
 * question), others paste long texts (16/28/64 KB; Teams delivers about 28 KB), at the referral's contact step and
 * as free text at the menu. The server reports its event-loop delay over each stretch (perf_hooks
 * monitorEventLoopDelay, asked over IPC): the worst delay is how long every other worker waited behind one turn.
 * Target: no turn blocks the event loop more than 50 ms.
 *
 * On a shared machine the delay also counts the time the bot's process waited for a core, so the bench gives two
 * figures that do not depend on the machine's load: a baseline stretch of normal chats alone, and the bot's CPU time
 * per long turn, measured with the long turns sent one after another and nothing else running (a turn cannot block
 * the event loop longer than the CPU it uses).
 */

export interface LongTextFigures {
  /** size of the long messages; 0 for the baseline of normal chats alone */
  kb: number;
  longTurns: number;
  /** long turns whose answer said the message was cut */
  cutNotices: number;
  eventLoopMaxMs: number;
  eventLoopP99Ms: number;
  longTurnP50Ms: number;
  longTurnMaxMs: number;
  normalTurns: number;
  normalTurnP99Ms: number;
  normalTurnMaxMs: number;
  /** the bot's CPU time per turn: per long turn alone, or per normal turn for the baseline */
  cpuPerTurnMs: number;
  /** turns that failed (connection reset, non-200) */
  errors: number;
}

interface ServerReading {
  maxMs: number;
  p99Ms: number;
  cpuMs: number;
}

const NORMAL_CHATS = Number(process.env.BENCH_LONG_NORMAL_CHATS ?? 4);
const LONG_TURNS = Number(process.env.BENCH_LONG_TURNS ?? 12);
const BASELINE_MS = 3000;
/** `prose`, `numbers` or `mix` (default: half of the long texts each) */
const LONG_TEXT = process.env.BENCH_LONG_TEXT ?? 'mix';

/** What a worker pastes: their story with their contacts, as from an e-mail signature, over and over. */
const PROSE =
  'Buongiorno, sono Mario Rossi e lavoravo a Treviglio in una fabbrica metalmeccanica in cassa integrazione dal 12 marzo 2023. ' +
  "L'azienda ha annunciato esuberi e non so se rientro nella misura. Potete chiamarmi al 333 123 4567 oppure scrivere a " +
  'mario.rossi@example.com, sono disponibile il pomeriggio. Grazie, cordiali saluti. ';
/** The worst case for the recognizers suite's phone numbers: a list of numbers. */
const NUMBERS = 'tel. 333 123 4567 / 02 1234 5678 / 0363 123456 / +39 345 765 4321; ';

function repeatTo(unit: string, bytes: number): string {
  return unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
}

function longText(i: number, bytes: number): string {
  const numbers = LONG_TEXT === 'numbers' || (LONG_TEXT === 'mix' && i % 4 >= 2);
  return repeatTo(numbers ? NUMBERS : PROSE, bytes);
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function startBot(): Promise<{ url: string; child: ChildProcess }> {
  const child = fork(path.join(__dirname, 'benchServers.js'), ['bot'], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'], execArgv: productionNodeFlags() });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
    child.once('exit', (code) => reject(new Error(`bot server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

/** Starts or stops the server's event-loop delay histogram, or reads its CPU time (scripts/benchServers.ts). */
function server(child: ChildProcess, action: 'start' | 'stop' | 'cpu'): Promise<ServerReading> {
  return new Promise((resolve) => {
    const onMessage = (message: unknown): void => {
      const m = message as { eventLoop?: ServerReading };
      if (!m.eventLoop) return;
      child.off('message', onMessage);
      resolve(m.eventLoop);
    };
    child.on('message', onMessage);
    child.send({ eventLoop: action });
  });
}

/** How long a turn took, and its replies (none when it failed). */
async function timed(work: () => Promise<Activity[]>): Promise<{ ms: number; value: Activity[]; failed: boolean }> {
  const started = process.hrtime.bigint();
  let value: Activity[] = [];
  let failed = false;
  try {
    value = await work();
  } catch {
    failed = true;
  }
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, value, failed };
}

/** A conversation waiting at the referral's contact step. */
async function atContactStep(url: string): Promise<Chat> {
  const chat = new Chat({ url });
  await chat.join();
  for (const line of ['Voglio essere ricontattato', 'Acconsento', 'Mario Rossi']) await chat.say(line);
  return chat;
}

/** Conversations for `count` long turns: alternately at the contact step and new ones at the menu. */
async function chatsFor(url: string, count: number): Promise<Chat[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      if (i % 2 === 0) return atContactStep(url);
      const chat = new Chat({ url });
      await chat.join();
      return chat;
    }),
  );
}

async function stretch(url: string, child: ChildProcess, kb: number): Promise<LongTextFigures> {
  const chats = await chatsFor(url, kb > 0 ? LONG_TURNS : 0);
  const normal: number[] = [];
  const long: number[] = [];
  let cutNotices = 0;
  let errors = 0;
  let running = true;
  const normalChats = Array.from({ length: NORMAL_CHATS }, () => new Chat({ url }));
  await Promise.all(normalChats.map((chat) => chat.join()));

  const before = await server(child, 'start');
  const background = normalChats.map(async (chat, i) => {
    for (let n = 0; running; n++) {
      const turn = await timed(() => chat.say((n + i) % 2 === 0 ? 'menu' : 'quanto dura il servizio?'));
      if (turn.failed) errors += 1;
      else normal.push(turn.ms);
    }
  });
  // size 0: the baseline, normal chats alone for as long as a stretch with long messages usually takes
  if (kb === 0) await new Promise((resolve) => setTimeout(resolve, BASELINE_MS));
  for (let i = 0; i < chats.length; i++) {
    const turn = await timed(() => chats[i].say(longText(i, kb * 1024)));
    if (turn.failed) errors += 1;
    long.push(turn.ms);
    if (/primi [\d.]+ caratteri/.test(textOf(turn.value))) cutNotices += 1;
  }
  running = false;
  await Promise.all(background);
  const delay = await server(child, 'stop');

  let cpuPerTurnMs = normal.length > 0 ? (delay.cpuMs - before.cpuMs) / normal.length : 0;
  if (kb > 0) {
    // the same long turns again, one after another and alone: the bot's CPU time per long turn
    const alone = await chatsFor(url, LONG_TURNS);
    const start = await server(child, 'cpu');
    for (let i = 0; i < alone.length; i++) if ((await timed(() => alone[i].say(longText(i, kb * 1024)))).failed) errors += 1;
    cpuPerTurnMs = ((await server(child, 'cpu')).cpuMs - start.cpuMs) / alone.length;
  }
  return {
    kb,
    longTurns: long.length,
    cutNotices,
    eventLoopMaxMs: delay.maxMs,
    eventLoopP99Ms: delay.p99Ms,
    longTurnP50Ms: percentile(long, 50),
    longTurnMaxMs: Math.max(0, ...long),
    normalTurns: normal.length,
    normalTurnP99Ms: percentile(normal, 99),
    normalTurnMaxMs: Math.max(0, ...normal),
    cpuPerTurnMs,
    errors,
  };
}

/** After a warm-up, a baseline stretch of normal chats alone (size 0), then one stretch per size. */
export async function benchLongText(sizesKb: number[] = [16, 28, 64]): Promise<LongTextFigures[]> {
  const bot = await startBot();
  try {
    // warm-up, not reported: the first long turns compile the recognisers' code paths
    await stretch(bot.url, bot.child, sizesKb[0] ?? 28);
    const figures: LongTextFigures[] = [];
    for (const kb of [0, ...sizesKb]) figures.push(await stretch(bot.url, bot.child, kb));
    return figures;
  } finally {
    bot.child.kill();
  }
}

export function longTextReport(figures: LongTextFigures[]): string[] {
  const lines = [
    `\n== Long messages through POST /api/messages: ${NORMAL_CHATS} workers chatting normally while others paste long texts (half at the referral's contact step, half as free text; texts: ${LONG_TEXT})`,
    'size    event loop max   p99 ms   long turn p50   max ms   normal turns p99   max ms   bot CPU per turn ms   cut notices   errors',
  ];
  for (const f of figures) {
    lines.push(
      [
        (f.kb === 0 ? 'none' : `${f.kb} KB`).padEnd(7),
        f.eventLoopMaxMs.toFixed(1).padStart(14),
        f.eventLoopP99Ms.toFixed(1).padStart(8),
        f.longTurnP50Ms.toFixed(0).padStart(15),
        f.longTurnMaxMs.toFixed(0).padStart(8),
        f.normalTurnP99Ms.toFixed(0).padStart(18),
        f.normalTurnMaxMs.toFixed(0).padStart(8),
        `${f.cpuPerTurnMs.toFixed(1)}${f.kb === 0 ? ' (normal)' : ' (long)'}`.padStart(21),
        `${f.cutNotices}/${f.longTurns}`.padStart(13),
        String(f.errors).padStart(8),
      ].join(' '),
    );
  }
  const withLong = figures.filter((f) => f.kb > 0);
  const baseline = figures.find((f) => f.kb === 0);
  if (withLong.length > 0) {
    const worst = withLong.reduce((a, b) => (b.eventLoopMaxMs > a.eventLoopMaxMs ? b : a));
    const cpu = Math.max(...withLong.map((f) => f.cpuPerTurnMs));
    lines.push(
      `worst event-loop delay with long messages: ${worst.eventLoopMaxMs.toFixed(1)} ms at ${worst.kb} KB (target <= 50 ms)` +
        `${baseline ? `; normal chats alone: ${baseline.eventLoopMaxMs.toFixed(1)} ms` : ''}; bot CPU per long turn at most ${cpu.toFixed(1)} ms`,
    );
  }
  return lines;
}

if (require.main === module) {
  const sizes = (process.env.BENCH_LONG_KB ?? '16,28,64').split(',').map(Number).filter((n) => n > 0);
  benchLongText(sizes)
    .then((figures) => process.stdout.write(`${longTextReport(figures).join('\n')}\n`))
    .catch((err: Error) => {
      process.stderr.write(`bench failed: ${err.stack ?? err.message}\n`);
      process.exit(1);
    });
}
