/**
 * `npm run bench:growth`: does the bot's cost stay flat as the campaign grows? On the embedded store.
 *
 * (a) memory: RSS and heap after a full GC before, during and after CONVERSATIONS conversations through the bot
 *     (one message each, over HTTP; a quarter choose English, kept in user state), on a clock that moves a day per
 *     1,000 conversations, with the retention pass (state TTL sweep) once a simulated day, as the bot's hourly job
 *     would: dialog state goes after DIALOG_STATE_TTL_HOURS, user state after STATE_TTL_DAYS.
 *     In this process.
 * (b) soak: the bot in a process of its own, as production runs it (scripts/soakBot.ts), on a data folder of LEADS
 *     synthetic leads, serving turns sent from this process while, in a cycle, the leads file is compacted, the
 *     retention pass runs (referrals and expired state), the state TTL sweep runs alone, and analytics flush every
 *     second; the worst event-loop delay in the bot's process (monitorEventLoopDelay) during each and overall, every
 *     stall over 100 ms put down to its cause, and the bot's memory over time. The turns arrive at RATE a second
 *     (open loop, default 50: a region-wide campaign's busiest hour, README "Performance"), or with --saturate from
 *     ten visitors as fast as the bot answers (this process then competes with the bot for the cores).
 *
 * (c) steps (only with --part steps): the soak's maintenance steps in the bot's process as the soak runs them, each
 *     alone with no load, --cycles N times (4): how long each holds the loop by itself at LEADS leads.
 *
 * Flags: --part memory|soak|steps|all (all: memory and soak), --conversations N (100000), --leads N (100000), --soak-seconds N (60),
 * --long (a 10-minute soak), --rate N (50), --saturate, --log-stalls (each stall over 100 ms on a line, at ms since
 * the bot's start as `node --trace-gc` prints; the soak always sums them up by cause), --node-flags "..." (more
 * flags for the bot's node, to try V8 options), --load-nice N (the load generator's CPU priority during the soak, default 10: below the bot's, as
 * visitors' phones do not share the bot's cores; 0 = the same as the bot's), --seed-dir DIR (keep the prepared data folder there and soak on
 * copies of it in later runs: the synthetic leads after the bot's one-off recount at first start, which takes
 * 30 s to minutes and is measured on its own, without load). Run with `node --expose-gc` (the npm script does) so the figures are
 * after GC.
 */
import { productionNodeFlags } from './productionNodeFlags';
import { fork, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { ANALYTICS_COUNTERS, ANALYTICS_UNANSWERED } from '../models/analytics/analyticsRecorder';
import { LEADS_COLLECTION } from '../models/leads/leadRepository';
import { STATE_COLLECTION } from '../models/state/stateRepository';
import type { RunningBot } from '../bot/index';
import { Chat, startLocalBot } from './chatClient';
import { memoryAfterGc, type Memory } from './soakBot';
import { percentile, writeSyntheticLeads } from './syntheticLeads';
import { benchMaintenance } from './benchMaintenance';

const DAY_MS = 24 * 60 * 60 * 1000;

const FLAGS = {
  part: { type: 'string', default: 'all' },
  conversations: { type: 'string', default: '100000' },
  leads: { type: 'string', default: '100000' },
  'soak-seconds': { type: 'string', default: '60' },
  long: { type: 'boolean', default: false },
  'log-stalls': { type: 'boolean', default: false },
  rate: { type: 'string', default: '50' },
  saturate: { type: 'boolean', default: false },
  'node-flags': { type: 'string', default: '' },
  'seed-dir': { type: 'string' },
  'load-nice': { type: 'string', default: '10' },
  cycles: { type: 'string', default: '4' },
} as const;

function out(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** What a worker may say first: the menu, a FAQ question, a question nobody answers (its words vary per visitor). */
function firstMessage(i: number): string {
  const words = ['quando', 'dove', 'perché', 'chi', 'come'];
  switch (i % 4) {
    case 0:
      return 'ciao';
    case 1:
      return "cos'è Azioni di Rete per il lavoro?";
    case 2:
      // the one choice kept in user state
      return 'english';
    default:
      return `${words[i % 5]} ${i.toString(36).replace(/[0-9]/g, (d) => 'abcdefghij'[Number(d)])} zorblat?`;
  }
}

/** Runs `task(i)` for i in [from, to) with `concurrency` at a time. */
async function pool(from: number, to: number, concurrency: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = from;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < to) await task(next++);
    }),
  );
}

async function countOf(bot: RunningBot, spec: { name: string; indexes: [] } | typeof STATE_COLLECTION): Promise<number> {
  return (await bot.store.collection(spec)).count({});
}

async function memoryPart(conversations: number): Promise<void> {
  let now = Date.parse('2026-01-05T09:00:00Z');
  const clock = (): Date => new Date(now);
  const bot = await startLocalBot({ RETENTION_DAYS: '0' }, { clock });
  // the bot's own retention job runs hourly in real time; the simulated days get their pass here, on the same data
  const { retention } = await benchMaintenance(bot, clock, 0);
  const perDay = 1000;
  const rows: Array<{ conversations: number; simulatedDay: number; memory: Memory; stateDocs: number; counterDocs: number; unansweredDocs: number; turnsPerSecond: number }> = [];
  try {
    // warm-up: every module, cache and content index loaded before the first reading
    await pool(0, 200, 8, async (i) => void (await new Chat(bot, { userId: `warm-${i}`, conversationId: `warm-${i}` }).say(firstMessage(i))));
    const checkpoint = async (done: number, turnsPerSecond: number): Promise<void> => {
      await retention.runOnce();
      rows.push({
        conversations: done,
        simulatedDay: Math.round((now - Date.parse('2026-01-05T09:00:00Z')) / DAY_MS),
        memory: memoryAfterGc(),
        stateDocs: await countOf(bot, STATE_COLLECTION),
        counterDocs: await countOf(bot, { ...ANALYTICS_COUNTERS, indexes: [] }),
        unansweredDocs: await countOf(bot, { ...ANALYTICS_UNANSWERED, indexes: [] }),
        turnsPerSecond,
      });
      const r = rows[rows.length - 1];
      out(`  ${String(r.conversations).padStart(7)} conversations, day ${String(r.simulatedDay).padStart(3)}: RSS ${r.memory.rssMb} MB, heap ${r.memory.heapUsedMb} MB; bot_state ${r.stateDocs} docs, counters ${r.counterDocs}, unanswered ${r.unansweredDocs}; ${Math.round(r.turnsPerSecond)} turns/s`);
    };
    out(`(a) memory over ${conversations} conversations (one message each, ${perDay} a simulated day, retention pass daily)`);
    await checkpoint(0, 0);
    const step = Math.max(perDay, Math.round(conversations / 4 / perDay) * perDay);
    for (let done = 0; done < conversations; ) {
      const until = Math.min(conversations, done + step);
      const started = Date.now();
      for (let day = done; day < until; day += perDay) {
        await pool(day, Math.min(until, day + perDay), 16, async (i) => {
          const locale = i % 10 === 0 ? 'en-GB' : 'it-IT';
          now += DAY_MS / perDay;
          await new Chat(bot, { userId: `user-${i}`, conversationId: `conv-${i}`, locale }).say(firstMessage(i));
        });
        await retention.runOnce();
      }
      const turnsPerSecond = ((until - done) * 1000) / (Date.now() - started);
      done = until;
      await checkpoint(done, turnsPerSecond);
    }
    const first = rows[0].memory;
    const last = rows[rows.length - 1].memory;
    const half = rows[Math.floor(rows.length / 2)].memory;
    out(`  before -> after: RSS ${first.rssMb} -> ${last.rssMb} MB, heap ${first.heapUsedMb} -> ${last.heapUsedMb} MB (second half: heap ${half.heapUsedMb} -> ${last.heapUsedMb} MB)`);
  } finally {
    await bot.stop();
    fs.rmSync(bot.config.dataDir, { recursive: true, force: true });
  }
}

/** Sends `message` to the child and resolves with its first IPC message of `kind`. */
function childMessage<T>(child: ChildProcess, kind: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: unknown): void => {
      if ((message as { kind?: string })?.kind !== kind) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(message as T);
    };
    const onExit = (code: number | null): void => reject(new Error(`the soak's bot process exited with ${code} before '${kind}'`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/**
 * A worker's turns arriving at `rate` a second whatever the bot's speed (an open loop: no turn waits for another, as
 * visitors on their own phones do not), each visitor a conversation of five turns two seconds apart; a turn's time
 * counts from when it was due, so a stalled bot's backlog shows in the figures. `rate` 0: ten visitors talking as
 * fast as the bot answers (a closed loop: saturation).
 */
async function driveLoad(url: string, rate: number, stopped: Promise<void>): Promise<{ latencies: number[]; turns: number; failures: number; reasons: Set<string>; mostInFlight: number }> {
  const latencies: number[] = [];
  const reasons = new Set<string>();
  let turns = 0;
  let failures = 0;
  let inFlight = 0;
  let mostInFlight = 0;
  let stop = false;
  void stopped.then(() => (stop = true));
  const turn = async (conversation: string, text: string, dueMs: number): Promise<void> => {
    inFlight += 1;
    mostInFlight = Math.max(mostInFlight, inFlight);
    try {
      await new Chat({ url }, { userId: conversation, conversationId: conversation }).say(text);
      turns += 1;
    } catch (err) {
      failures += 1;
      // why, the first few distinct reasons (the bench's own synthetic conversations: no personal data)
      if (reasons.size < 5) reasons.add((err as Error).message.slice(0, 200));
    }
    inFlight -= 1;
    latencies.push(performance.now() - dueMs);
  };
  if (rate <= 0) {
    await Promise.all(
      Array.from({ length: 10 }, async (_, w) => {
        for (let i = 0; !stop; i++) await turn(`soak-${w}-${Math.floor(i / 5)}`, firstMessage(i), performance.now());
      }),
    );
    return { latencies, turns, failures, reasons, mostInFlight };
  }
  const visitors = Math.max(1, Math.round(rate * 2));
  const pending = new Set<Promise<void>>();
  const started = performance.now();
  for (let k = 0; !stop; ) {
    const due = started + (k * 1000) / rate;
    if (due > performance.now()) {
      await new Promise((resolve) => setTimeout(resolve, Math.max(1, due - performance.now())));
      continue;
    }
    const slot = k % visitors;
    const round = Math.floor(k / visitors);
    const sent = turn(`soak-${slot}-${Math.floor(round / 5)}`, firstMessage(round + slot), due);
    pending.add(sent);
    void sent.then(() => pending.delete(sent));
    k += 1;
  }
  await Promise.all(pending);
  return { latencies, turns, failures, reasons, mostInFlight };
}

/**
 * The soak: the bot in a process of its own (scripts/soakBot.ts, which runs the maintenance cycle and measures its
 * own event loop), this process sending it turns over HTTP, at `rate` a second or flat out (0).
 */
function forkSoakBot(dir: string, env: Record<string, string>, nodeFlags: readonly string[]): { child: ChildProcess; exited: Promise<number | null> } {
  const child = fork(path.join(__dirname, 'soakBot.js'), [], {
    // the flags of `npm start` (package.json), so the soak measures the bot as it runs in production
    execArgv: ['--expose-gc', ...productionNodeFlags(), ...nodeFlags],
    env: { ...process.env, DATA_DIR: dir, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return { child, exited: new Promise((resolve) => child.once('exit', resolve)) };
}

/**
 * A data folder of `leads` synthetic leads as the bot leaves it: written, then started once (the one-off recount of
 * the lifecycle counters, which also gives ended leads their end date) and compacted. Kept in `seedDir` when given
 * and reused from there by later runs (each soak runs on a copy).
 */
async function preparedFolder(leads: number, seedDir: string | undefined, nodeFlags: readonly string[]): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'adr-bench-growth-'));
  const leadsFile = `${LEADS_COLLECTION.name}.db`;
  if (seedDir && fs.existsSync(path.join(seedDir, leadsFile))) {
    fs.cpSync(seedDir, dir, { recursive: true });
    fs.rmSync(path.join(dir, 'store.lock'), { force: true });
    out(`  data folder: a copy of ${seedDir}`);
    return dir;
  }
  const projects = Array.from({ length: Math.max(3, Math.round(leads / 3_333)) }, (_, i) => `proj-${String(i).padStart(2, '0')}`);
  writeSyntheticLeads(path.join(dir, leadsFile), leads, projects);
  const { exited } = forkSoakBot(dir, { SOAK_PREPARE: '1' }, nodeFlags);
  if ((await exited) !== 0) throw new Error('preparing the data folder failed');
  if (seedDir) {
    fs.cpSync(dir, seedDir, { recursive: true });
    out(`  data folder kept in ${seedDir} for later runs`);
  }
  return dir;
}

/**
 * Lowers this process's CPU priority (nice `niceness`), every thread of it: on Linux a priority is per thread
 * (os.setPriority(pid) changes the main thread only), so each of /proc/self/task is set, and threads started later
 * inherit it from the thread that starts them. Called after the bot's process is forked (a child inherits its
 * parent's priority). In production the bot has its cores to itself, the visitors' phones are elsewhere: here the
 * load generator shares the machine's cores with it, and at the same priority it took a core from the bot at the
 * moments both had work (12 of 14 stalls of the last soak were the bot's main thread waiting for a core). Returns
 * what it set, for the report.
 */
function yieldCoresToTheBot(niceness: number, botPid: number | undefined): string {
  const tasks = fs.existsSync('/proc/self/task') ? fs.readdirSync('/proc/self/task').map(Number) : [0];
  let set = 0;
  for (const tid of tasks) {
    try {
      os.setPriority(tid, niceness);
      set += 1;
    } catch {
      // a thread that ended meanwhile, or a system that refuses: the report says how many were set
    }
  }
  return `load generator at nice ${niceness} (${set} of ${tasks.length} threads), the bot at nice ${botPid === undefined ? '?' : os.getPriority(botPid)}`;
}

async function soakPart(leads: number, seconds: number, logStalls: boolean, rate: number, nodeFlags: string[], seedDir: string | undefined, niceness: number): Promise<void> {
  out(`(b) soak at ${leads} leads for ${seconds} s, ${rate > 0 ? `${rate} turns/s arriving (open loop)` : 'ten visitors talking as fast as the bot answers (saturation)'}, from another process`);
  const dir = await preparedFolder(leads, seedDir, nodeFlags);
  const { child, exited } = forkSoakBot(dir, { SOAK_SECONDS: String(seconds), SOAK_LOG_STALLS: logStalls ? '1' : '0' }, nodeFlags);
  try {
    if (niceness !== 0) out(`  ${yieldCoresToTheBot(niceness, child.pid)}`);
    const { port } = await childMessage<{ port: number }>(child, 'ready');
    const url = `http://127.0.0.1:${port}`;
    // warm-up, not measured: the first turn of each kind builds what is built lazily (indexes, compiled code)
    for (let i = 0; i < 40; i++) await new Chat({ url }, { userId: `warm-${i}`, conversationId: `warm-${i}` }).say(firstMessage(i));
    // the child's time is up, or it died (its exit code is checked below): the load stops either way
    const done = childMessage<object>(child, 'done').then(
      () => undefined,
      () => undefined,
    );
    const loadStarted = performance.now();
    child.send({ kind: 'go' });
    const load = await driveLoad(url, rate, done);
    const talkedMs = performance.now() - loadStarted;
    if (child.connected) child.send({ kind: 'loadStopped' });
    load.latencies.sort((a, b) => a - b);
    out(`  load: ${load.turns} turns (${load.failures} failed), ${Math.round((load.turns * 1000) / talkedMs)} turns/s over ${(talkedMs / 1000).toFixed(0)} s, p50 ${percentile(load.latencies, 50).toFixed(1)} ms, p99 ${percentile(load.latencies, 99).toFixed(1)} ms, worst ${load.latencies[load.latencies.length - 1]?.toFixed(0) ?? 0} ms (from when each was due); at most ${load.mostInFlight} in flight`);
    for (const reason of load.reasons) out(`  a failed turn: ${reason}`);
    const code = await exited;
    if (code !== 0) throw new Error(`the soak's bot process exited with ${code}`);
  } finally {
    child.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The soak's maintenance steps, each alone with no load, in the bot's process (scripts/soakBot.ts, SOAK_STEPS). */
async function stepsPart(leads: number, cycles: number, nodeFlags: string[], seedDir: string | undefined): Promise<void> {
  out(`(c) maintenance steps at ${leads} leads, alone, ${cycles} cycles`);
  const dir = await preparedFolder(leads, seedDir, nodeFlags);
  try {
    const { exited } = forkSoakBot(dir, { SOAK_STEPS: String(cycles) }, nodeFlags);
    const code = await exited;
    if (code !== 0) throw new Error(`the bot process exited with ${code}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const flags = parseArgs({ args: process.argv.slice(2), options: FLAGS }).values;
  const part = flags.part;
  const conversations = Number(flags.conversations);
  const leads = Number(flags.leads);
  const seconds = flags.long ? 600 : Number(flags['soak-seconds']);
  out(`bench:growth on ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  if (part === 'memory' || part === 'all') await memoryPart(conversations);
  const rate = flags.saturate ? 0 : Number(flags.rate);
  const nodeFlags = flags['node-flags'].split(' ').filter((f) => f !== '');
  if (part === 'steps') await stepsPart(leads, Number(flags.cycles), nodeFlags, flags['seed-dir']);
  if (part === 'soak' || part === 'all') await soakPart(leads, seconds, flags['log-stalls'], rate, nodeFlags, flags['seed-dir'], Number(flags['load-nice']));
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    process.stderr.write(`${err.stack ?? err.message}\n`);
    process.exit(1);
  },
);
