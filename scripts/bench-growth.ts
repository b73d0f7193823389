/**
 * `npm run bench:growth`: does the bot's cost stay flat as the campaign grows? In this process, on the embedded store.
 *
 * (a) memory: RSS and heap after a full GC before, during and after CONVERSATIONS conversations through the bot
 *     (one message each, over HTTP; a quarter choose English, kept in user state), on a clock that moves a day per
 *     1,000 conversations, with the retention pass (state TTL sweep) once a simulated day, as the bot's hourly job
 *     would: dialog state goes after DIALOG_STATE_TTL_HOURS, user state after STATE_TTL_DAYS.
 * (b) soak: the bot on a data folder of LEADS synthetic leads serving turns while, in a cycle, the leads file is
 *     compacted, the retention pass runs (referrals and expired state), the state TTL sweep runs alone, and analytics
 *     flush every second; the worst event-loop delay (monitorEventLoopDelay) during each, and overall.
 *
 * Flags: --part memory|soak|all (all), --conversations N (100000), --leads N (100000), --soak-seconds N (60),
 * --long (a 10-minute soak), --log-stalls (each stall over 100 ms on a line, at ms since start as `node --trace-gc`
 * prints; the soak always sums them up by cause). Run with `node --expose-gc` (the npm script does) so the figures are after GC.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PerformanceObserver, monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { botStateLifetime } from '../bot/state/storeStorage';
import { ANALYTICS_COUNTERS, ANALYTICS_UNANSWERED } from '../models/analytics/analyticsRecorder';
import { LEADS_COLLECTION } from '../models/leads/leadRepository';
import { silentLogger } from '../models/logger';
import { SupersededCopies } from '../models/retention/personalData';
import { RetentionJob } from '../models/retention/retentionJob';
import { STATE_COLLECTION, StateRepository } from '../models/state/stateRepository';
import type { RunningBot } from '../bot/index';
import { Chat, startLocalBot } from './chatClient';
import { SYNTHETIC_NOW, percentile, writeSyntheticLeads } from './syntheticLeads';

const DAY_MS = 24 * 60 * 60 * 1000;

const FLAGS = {
  part: { type: 'string', default: 'all' },
  conversations: { type: 'string', default: '100000' },
  leads: { type: 'string', default: '100000' },
  'soak-seconds': { type: 'string', default: '60' },
  long: { type: 'boolean', default: false },
  'log-stalls': { type: 'boolean', default: false },
} as const;

function out(line: string): void {
  process.stdout.write(`${line}\n`);
}

interface Memory {
  rssMb: number;
  heapUsedMb: number;
}

function memoryAfterGc(): Memory {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc (npm run bench:growth does)');
  gc();
  gc();
  const { rss, heapUsed } = process.memoryUsage();
  return { rssMb: Math.round(rss / 1048576), heapUsedMb: Math.round(heapUsed / 1048576) };
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
  const state = await StateRepository.open(bot.store, { lifetime: botStateLifetime(bot.config.dialogStateTtlHours, bot.config.stateTtlDays), now: clock });
  const copies = await SupersededCopies.open(bot.store);
  const retention = new RetentionJob({
    leads: bot.domain.leads,
    audit: bot.domain.audit,
    days: 0,
    botState: { repository: state, ttlHours: bot.config.dialogStateTtlHours, idleDays: bot.config.stateTtlDays },
    purge: () => copies.purge(),
    purgeState: () => copies.purge([STATE_COLLECTION]),
    now: clock,
    logger: silentLogger,
  });
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

interface Window {
  activity: string;
  ms: number;
}

/** a loop delay over this is a stall (the issue's target) */
const STALL_MS = 100;

interface Stall {
  /** performance.now() of the tick before and of the late tick */
  from: number;
  to: number;
  lateMs: number;
  /** the main thread's time on a CPU, and waiting in the run queue for one, between the two ticks */
  cpuMs: number;
  waitMs: number;
  during: string;
}

/**
 * What each stall was: a garbage collection (its pauses cover most of the stall; by kind), the machine's other
 * processes (the main thread waited in the run queue for most of it: CPU starvation, not us), or our own code (the
 * main thread was on a CPU for most of it, with no collection). The main thread's CPU time is what the stall would
 * at least last on a machine of its own.
 */
function reportStalls(list: readonly Stall[], pauses: ReadonlyArray<{ start: number; end: number; kind: string }>, each: boolean): void {
  const causes = new Map<string, { count: number; worstLateMs: number; worstCpuMs: number }>();
  for (const stall of list) {
    const byKind = new Map<string, number>();
    for (const p of pauses) {
      const overlap = Math.min(p.end, stall.to) - Math.max(p.start, stall.from);
      if (overlap > 0) byKind.set(p.kind, (byKind.get(p.kind) ?? 0) + overlap);
    }
    const [gcKind, gcMs] = [...byKind].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
    const cause =
      gcMs >= stall.lateMs / 2
        ? `garbage collection (${gcKind})`
        : stall.waitMs >= stall.lateMs / 2
          ? 'CPU starvation (main thread waiting for a core)'
          : stall.cpuMs >= stall.lateMs / 2
            ? 'our own code (main thread on a CPU)'
            : 'other (main thread neither running nor queued: I/O or GC helper threads)';
    const seen = causes.get(cause) ?? { count: 0, worstLateMs: 0, worstCpuMs: 0 };
    causes.set(cause, { count: seen.count + 1, worstLateMs: Math.max(seen.worstLateMs, stall.lateMs), worstCpuMs: Math.max(seen.worstCpuMs, stall.cpuMs) });
    if (each) out(`  stall at ${stall.to.toFixed(0)} ms: ${stall.lateMs} ms late; main thread ${stall.cpuMs.toFixed(0)} ms on a CPU, ${stall.waitMs.toFixed(0)} ms in the run queue; GC ${gcMs.toFixed(0)} ms${gcKind ? ` (${gcKind})` : ''}; during ${stall.during}`);
  }
  out(`  stalls over ${STALL_MS} ms: ${list.length}; main thread's CPU time in the worst: ${Math.max(0, ...list.map((s) => s.cpuMs)).toFixed(0)} ms`);
  for (const [cause, c] of causes) out(`    ${cause}: ${c.count}, worst ${c.worstLateMs} ms late, main-thread CPU in one at most ${c.worstCpuMs.toFixed(0)} ms`);
}

async function soakPart(leads: number, seconds: number, logStalls: boolean): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'adr-bench-growth-'));
  const projects = Array.from({ length: Math.max(3, Math.round(leads / 3_333)) }, (_, i) => `proj-${String(i).padStart(2, '0')}`);
  writeSyntheticLeads(path.join(dir, `${LEADS_COLLECTION.name}.db`), leads, projects);
  const beforeStart = memoryAfterGc();
  let now = SYNTHETIC_NOW;
  const clock = (): Date => new Date(now);
  const t0 = Date.now();
  const bot = await startLocalBot({ DATA_DIR: dir, RETENTION_DAYS: '0' }, { clock });
  const readyMs = Date.now() - t0;
  const afterStart = memoryAfterGc();
  out(`(b) soak at ${leads} leads for ${seconds} s: ready in ${readyMs} ms; RSS ${beforeStart.rssMb} -> ${afterStart.rssMb} MB, heap ${beforeStart.heapUsedMb} -> ${afterStart.heapUsedMb} MB (after GC)`);

  const state = await StateRepository.open(bot.store, { lifetime: botStateLifetime(bot.config.dialogStateTtlHours, bot.config.stateTtlDays), now: clock });
  const copies = await SupersededCopies.open(bot.store);
  const leadsFile = await bot.store.collection(LEADS_COLLECTION);
  const retention = new RetentionJob({
    leads: bot.domain.leads,
    audit: bot.domain.audit,
    // leads finished more than two years before the clock: none at first (the synthetic ones span two years), then
    // those whose two years run out as the clock moves, about a hundred a cycle at 100,000 leads, as in a campaign
    days: 730,
    botState: { repository: state, ttlHours: bot.config.dialogStateTtlHours, idleDays: bot.config.stateTtlDays },
    purge: () => copies.purge(),
    purgeState: () => copies.purge([STATE_COLLECTION]),
    now: clock,
    logger: silentLogger,
  });

  // warm-up, not measured: the first turn of each kind builds what is built lazily (indexes, compiled code)
  for (let i = 0; i < 40; i++) await new Chat(bot, { userId: `warm-${i}`, conversationId: `warm-${i}` }).say(firstMessage(i));
  const overall = monitorEventLoopDelay({ resolution: 1 });
  overall.enable();
  let stop = false;
  const latencies: number[] = [];
  let turns = 0;
  let failures = 0;
  const failureReasons = new Set<string>();
  // workers keep talking throughout: ten at a time, each a new conversation now and then
  const talkStarted = Date.now();
  const talkers = Array.from({ length: 10 }, async (_, w) => {
    for (let i = 0; !stop; i++) {
      const chat = new Chat(bot, { userId: `soak-${w}-${Math.floor(i / 5)}`, conversationId: `soak-${w}-${Math.floor(i / 5)}` });
      const started = process.hrtime.bigint();
      try {
        await chat.say(firstMessage(i));
        turns += 1;
      } catch (err) {
        failures += 1;
        // why, the first few distinct reasons (the bench's own synthetic conversations: no personal data)
        const reason = (err as Error).message.slice(0, 200);
        if (failureReasons.size < 5) failureReasons.add(reason);
      }
      latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  });

  const windows: Window[] = [];
  // which activity a stall belongs to: a 10 ms ticker notes each late tick against the activity running when the
  // tick was due and the one running when it came (both, when they differ); 'between' is the bench's own steps
  let activity = 'between';
  let tickActivity = activity;
  let lastTick = Date.now();
  const stalls = new Map<string, number>();
  // what does not depend on the machine's load: the main thread's CPU time within one tick interval (a stall that
  // is our own synchronous work used CPU all along; one spent waiting for a core other processes hold did not),
  // from Linux's per-thread schedstat (ns on a CPU, ns waiting in the run queue); elsewhere the whole process's
  // CPU (helper threads included) and no run-queue figure
  const mainThreadStat = `/proc/self/task/${process.pid}/schedstat`;
  const schedNow = fs.existsSync(mainThreadStat)
    ? (): { cpu: number; wait: number } => {
        const [cpu, wait] = fs.readFileSync(mainThreadStat, 'utf8').split(' ').map(Number);
        return { cpu: cpu / 1e6, wait: wait / 1e6 };
      }
    : (): { cpu: number; wait: number } => {
        const { user, system } = process.cpuUsage();
        return { cpu: (user + system) / 1000, wait: 0 };
      };
  let lastSched = schedNow();
  const cpuInTick = new Map<string, number>();
  const gcPauses = new Map<string, number>();
  const noteMax = (into: Map<string, number>, labels: Iterable<string>, value: number): void => {
    for (const label of labels) into.set(label, Math.max(into.get(label) ?? 0, value));
  };
  // every pause the collector reports (performance.now() times, as the ticker's), to tell afterwards which stall
  // was a collection and which kind: V8's minor (scavenge) or major (mark-compact) one
  const pauses: Array<{ start: number; end: number; kind: string }> = [];
  const gcKinds: Record<number, string> = { 1: 'scavenge', 2: 'minor mark-sweep', 4: 'mark-compact', 8: 'incremental marking step', 16: 'weak callbacks' };
  const gcObserver = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      noteMax(gcPauses, new Set([tickActivity, activity]), entry.duration);
      const kind = ((entry as { detail?: { kind?: number } }).detail)?.kind ?? 0;
      if (entry.duration >= 5) pauses.push({ start: entry.startTime, end: entry.startTime + entry.duration, kind: gcKinds[kind] ?? `gc kind ${kind}` });
    }
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  const stallList: Stall[] = [];
  let lastTickAt = performance.now();
  const ticker = setInterval(() => {
    const lateMs = Date.now() - lastTick - 10;
    const sched = schedNow();
    const labels = new Set([tickActivity, activity]);
    const at = performance.now();
    if (lateMs > STALL_MS) stallList.push({ from: lastTickAt, to: at, lateMs, cpuMs: sched.cpu - lastSched.cpu, waitMs: sched.wait - lastSched.wait, during: [...labels].join(' / ') });
    noteMax(stalls, labels, lateMs);
    noteMax(cpuInTick, labels, sched.cpu - lastSched.cpu);
    lastSched = sched;
    lastTick = Date.now();
    lastTickAt = at;
    tickActivity = activity;
  }, 10);
  const during = async (name: string, run: () => Promise<unknown>): Promise<void> => {
    activity = name;
    const started = Date.now();
    await run();
    windows.push({ activity: name, ms: Date.now() - started });
    activity = 'between';
  };
  try {
    // a data folder without lifecycle counters (these synthetic leads, an installation from before them) is
    // recounted once in the background after start; the retention pass and the funnel wait for it. Its own line,
    // so that its stalls are not put down to the first retention pass, and before the soak's own time starts.
    await during('one-off recount of the lifecycle counters (first start)', () => bot.domain.leads.lifecycleSteps(new Date(now)));
    const until = Date.now() + seconds * 1000;
    while (Date.now() < until) {
      // a simulated hour passes per step: dialog state expires, a day's worth of users goes idle over a cycle
      now += 6 * 60 * 60 * 1000;
      await during('turns only (analytics flush every second)', () => new Promise((resolve) => setTimeout(resolve, 2000)));
      // one superseded line, so that the purge rewrites the whole file
      await leadsFile.updateOne({ status: 'new' }, { $set: { updatedAt: clock() } });
      await during('compaction of the leads file', () => leadsFile.purgeSuperseded());
      await during('retention pass (referrals and expired state)', () => retention.runOnce());
      now += 2 * DAY_MS;
      await during('state TTL sweep', () => state.deleteExpired());
      await during('compaction of bot_state', () => copies.purge([STATE_COLLECTION]));
    }
  } finally {
    stop = true;
    activity = 'talkers finishing';
    await Promise.all(talkers);
    overall.disable();
    clearInterval(ticker);
    gcObserver.disconnect();
  }
  // what the soak left in memory: the heap after a full GC at the end, against the one after start
  const afterSoak = memoryAfterGc();
  const talkedMs = Date.now() - talkStarted;
  const stopStarted = Date.now();
  await bot.stop();
  const stopMs = Date.now() - stopStarted;
  latencies.sort((a, b) => a - b);
  out(`  ${turns} turns (${failures} failed), ${Math.round((turns * 1000) / talkedMs)} turns/s over ${(talkedMs / 1000).toFixed(0)} s, p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms; stop took ${stopMs} ms`);
  for (const reason of failureReasons) out(`  a failed turn: ${reason}`);
  const byActivity = new Map<string, { runs: number; longestMs: number }>();
  for (const w of windows) {
    const seen = byActivity.get(w.activity) ?? { runs: 0, longestMs: 0 };
    byActivity.set(w.activity, { runs: seen.runs + 1, longestMs: Math.max(seen.longestMs, w.ms) });
  }
  const apart = (name: string): string => `most main-thread CPU in one tick ${(cpuInTick.get(name) ?? 0).toFixed(0)} ms, longest GC pause ${(gcPauses.get(name) ?? 0).toFixed(0)} ms`;
  for (const [name, { runs, longestMs }] of byActivity) out(`  worst event-loop delay during ${name}: ${(stalls.get(name) ?? 0).toFixed(0)} ms (${runs} runs, longest run ${longestMs} ms; ${apart(name)})`);
  for (const name of ['between', 'talkers finishing']) out(`  worst event-loop delay ${name === 'between' ? 'between the activities above' : 'while the talkers finish'}: ${(stalls.get(name) ?? 0).toFixed(0)} ms (${apart(name)})`);
  reportStalls(stallList, pauses, logStalls);
  out(`  after the soak: RSS ${afterSoak.rssMb} MB, heap ${afterSoak.heapUsedMb} MB after GC (after start: ${afterStart.rssMb} / ${afterStart.heapUsedMb} MB)`);
  out(`  worst event-loop delay overall: ${(overall.max / 1e6).toFixed(0)} ms (p99 ${(overall.percentile(99) / 1e6).toFixed(1)} ms); load average now ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  fs.rmSync(dir, { recursive: true, force: true });
}

async function main(): Promise<void> {
  const flags = parseArgs({ args: process.argv.slice(2), options: FLAGS }).values;
  const part = flags.part;
  const conversations = Number(flags.conversations);
  const leads = Number(flags.leads);
  const seconds = flags.long ? 600 : Number(flags['soak-seconds']);
  out(`bench:growth on ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  if (part === 'memory' || part === 'all') await memoryPart(conversations);
  if (part === 'soak' || part === 'all') await soakPart(leads, seconds, flags['log-stalls']);
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    process.stderr.write(`${err.stack ?? err.message}\n`);
    process.exit(1);
  },
);
