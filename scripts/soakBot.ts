/**
 * The bot's side of `npm run bench:growth -- --part soak`, in a process of its own as production runs it (the load
 * comes from the parent process, scripts/bench-growth.ts, over HTTP): starts the bot on the data folder the parent
 * wrote (DATA_DIR, LEADS synthetic leads), tells the parent its port (IPC), and once the parent's load is running
 * drives, for SOAK_SECONDS, the cycle a campaign's bot goes through: the leads file compacted, the retention pass
 * (referrals and expired state), the state TTL sweep, bot_state compacted, analytics flushing every second. It
 * measures what only this process can see: its event-loop delay (monitorEventLoopDelay and a 10 ms ticker), every
 * stall over 100 ms put down to its cause (the main thread's CPU and run-queue time from /proc, the GC pauses that
 * overlap it), and its memory over time (RSS, V8 heap, external and ArrayBuffer memory), and prints its report.
 *
 * Protocol (IPC): child -> {ready, port, readyMs}; parent -> {go}; child -> {done} when its time is up; parent
 * -> {loadStopped} once its last turn is answered; the child prints its report and exits.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as v8 from 'node:v8';
import { PerformanceObserver, monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { start } from '../bot/index';
import { LEADS_COLLECTION } from '../models/leads/leadRepository';
import { silentLogger } from '../models/logger';
import { STATE_COLLECTION } from '../models/state/stateRepository';
import { SYNTHETIC_NOW } from './syntheticLeads';
import { benchMaintenance } from './benchMaintenance';

const DAY_MS = 24 * 60 * 60 * 1000;
/** a loop delay over this is a stall (issue 19's target) */
export const STALL_MS = 100;

function out(line: string): void {
  process.stdout.write(`${line}\n`);
}

export interface Memory {
  rssMb: number;
  heapUsedMb: number;
  /** the heap V8 holds from the system (used or not): what RSS follows */
  heapTotalMb: number;
}

export function memoryAfterGc(): Memory {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc (npm run bench:growth does)');
  gc();
  gc();
  const { rss, heapUsed, heapTotal } = process.memoryUsage();
  return { rssMb: Math.round(rss / 1048576), heapUsedMb: Math.round(heapUsed / 1048576), heapTotalMb: Math.round(heapTotal / 1048576) };
}

interface Window {
  activity: string;
  ms: number;
}

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
  // a stall less the main thread's wait in the run queue: what it would have lasted had a core been free for the
  // bot all along (its CPU time, its GC pauses, any wait for I/O or GC helpers). Over the bound, it is ours to fix
  // on any machine; under it, the stall came from sharing the cores (the raw figures above keep it all the same)
  const own = list.map((stall) => ({ stall, ownMs: stall.lateMs - stall.waitMs })).filter(({ ownMs }) => ownMs > STALL_MS);
  const worstOwn = own.reduce<{ stall: Stall; ownMs: number } | undefined>((worst, s) => (!worst || s.ownMs > worst.ownMs ? s : worst), undefined);
  out(
    `  stalls still over ${STALL_MS} ms without the wait for a core (late minus run-queue wait): ${own.length} of ${list.length}` +
      (worstOwn ? `, worst ${worstOwn.ownMs.toFixed(0)} ms (${worstOwn.stall.lateMs} ms late, ${worstOwn.stall.cpuMs.toFixed(0)} ms on a CPU; during ${worstOwn.stall.during})` : '') +
      `; the rest waited for a core for most of their length`,
  );
}

/** One reading of the process's memory, without a GC (what the process holds at that moment), in MB. */
interface MemorySample {
  atS: number;
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  /** what V8 itself allocated with malloc (outside its heap) */
  malloced: number;
}

function sampleMemory(sinceMs: number): MemorySample {
  const mb = (bytes: number): number => Math.round(bytes / 1048576);
  const m = process.memoryUsage();
  return {
    atS: Math.round((performance.now() - sinceMs) / 1000),
    rss: mb(m.rss),
    heapTotal: mb(m.heapTotal),
    heapUsed: mb(m.heapUsed),
    external: mb(m.external),
    arrayBuffers: mb(m.arrayBuffers),
    malloced: mb(v8.getHeapStatistics().malloced_memory),
  };
}

/** The main thread's time on a CPU and waiting in the run queue, ms (Linux's per-thread schedstat; elsewhere the
 * whole process's CPU, helper threads included, and no run-queue figure). */
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

/** Runs `task` with a 10 ms ticker noting its worst lateness and main-thread CPU in one tick; resolves with its ms. */
async function timedAlone(task: () => Promise<unknown>, worst: { worstLateMs: number; worstCpuMs: number }): Promise<number> {
  let last = performance.now();
  let lastSched = schedNow();
  const ticker = setInterval(() => {
    const at = performance.now();
    const sched = schedNow();
    worst.worstLateMs = Math.max(worst.worstLateMs, at - last - 10);
    worst.worstCpuMs = Math.max(worst.worstCpuMs, sched.cpu - lastSched.cpu);
    last = at;
    lastSched = sched;
  }, 10);
  const started = performance.now();
  try {
    await task();
  } finally {
    clearInterval(ticker);
  }
  return Math.round(performance.now() - started);
}

function waitFor(kind: string): Promise<void> {
  return new Promise((resolve) => {
    const onMessage = (message: unknown): void => {
      if ((message as { kind?: string })?.kind !== kind) return;
      process.off('message', onMessage);
      resolve();
    };
    process.on('message', onMessage);
  });
}

function send(message: object): void {
  process.send?.(message);
}

async function main(): Promise<void> {
  const dir = process.env.DATA_DIR;
  const seconds = Number(process.env.SOAK_SECONDS ?? 60);
  const logStalls = process.env.SOAK_LOG_STALLS === '1';
  if (!dir || !process.send) throw new Error('soakBot is started by bench-growth (fork, DATA_DIR, SOAK_SECONDS)');
  const beforeStart = memoryAfterGc();
  let now = SYNTHETIC_NOW;
  const clock = (): Date => new Date(now);
  const t0 = Date.now();
  const bot = await start({ env: { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, LOG_LEVEL: 'silent', RETENTION_DAYS: '0' }, logger: silentLogger, clock });
  const readyMs = Date.now() - t0;
  const afterStart = memoryAfterGc();
  out(`  bot process ${process.pid} (node ${process.execArgv.join(' ')}): ready in ${readyMs} ms; RSS ${beforeStart.rssMb} -> ${afterStart.rssMb} MB, heap ${beforeStart.heapUsedMb} -> ${afterStart.heapUsedMb} MB (after GC)`);

  // leads finished more than two years before the clock: none at first (the synthetic ones span two years), then
  // those whose two years run out as the clock moves, about a hundred a cycle at 100,000 leads, as in a campaign
  const { state, copies, retention } = await benchMaintenance(bot, clock, 730);
  const leadsFile = await bot.store.collection(LEADS_COLLECTION);

  // a data folder without lifecycle counters (these synthetic leads, an installation from before them) is recounted
  // once in the background after start, which also gives the leads that ended their end date. A one-off, measured
  // on its own before the load (its worst loop delay, its most main-thread CPU in one tick); SOAK_PREPARE=1 stops
  // here, after a compaction, so the parent can keep the folder as a bot leaves it and soak on copies of it.
  /**
   * `npm run bench:growth -- --part steps`: each step of the soak's maintenance cycle with no load at all, `cycles`
   * times, each after `states` conversations left their state (all expired by the sweep): how long each step holds
   * the loop by itself (its worst loop delay, its most main-thread CPU in one 10 ms tick), the soak's stalls apart.
   */
  const maintenanceAlone = async (cycles: number, states: number): Promise<void> => {
    const results = new Map<string, { runs: number; longestMs: number; worstLateMs: number; worstCpuMs: number }>();
    const step = async (name: string, task: () => Promise<unknown>): Promise<void> => {
      const worst = { worstLateMs: 0, worstCpuMs: 0 };
      const ms = await timedAlone(task, worst);
      const seen = results.get(name) ?? { runs: 0, longestMs: 0, worstLateMs: 0, worstCpuMs: 0 };
      results.set(name, { runs: seen.runs + 1, longestMs: Math.max(seen.longestMs, ms), worstLateMs: Math.max(seen.worstLateMs, worst.worstLateMs), worstCpuMs: Math.max(seen.worstCpuMs, worst.worstCpuMs) });
    };
    const dialogState = { dialogState: { dialogStack: [{ id: 'main', state: { stepIndex: 1, values: { instanceId: 'x'.repeat(32) } } }] } };
    for (let cycle = 0; cycle < cycles; cycle++) {
      // the conversations of a cycle, a batch of writes at a time (as turns leave them, without the turns' cost)
      for (let i = 0; i < states; i += 500) await state.write(Object.fromEntries(Array.from({ length: Math.min(500, states - i) }, (_, k) => [`webchat/conversations/steps-${cycle}-${i + k}`, dialogState])));
      now += 6 * 60 * 60 * 1000;
      await leadsFile.updateOne({ status: 'new' }, { $set: { updatedAt: clock() } });
      await step('compaction of the leads file', () => leadsFile.purgeSuperseded());
      await step('retention pass (referrals and expired state)', () => retention.runOnce());
      now += 2 * DAY_MS;
      await step(`state TTL sweep (${states} expired conversations)`, () => state.deleteExpired());
      await step('compaction of bot_state', () => copies.purge([STATE_COLLECTION]));
    }
    out(`  maintenance steps alone, no load, ${cycles} cycles (at ms since start: ${Math.round(performance.now())})`);
    for (const [name, r] of results) out(`    ${name}: ${r.runs} runs, longest ${r.longestMs} ms; worst event-loop delay ${r.worstLateMs.toFixed(0)} ms, most main-thread CPU in one tick ${r.worstCpuMs.toFixed(0)} ms`);
  };

  const recountTick = { worstLateMs: 0, worstCpuMs: 0 };
  const recountMs = await timedAlone(() => bot.domain.leads.lifecycleSteps(new Date(now)), recountTick);
  out(`  one-off recount of the lifecycle counters (first start, no load): ${recountMs} ms, worst event-loop delay ${recountTick.worstLateMs.toFixed(0)} ms, most main-thread CPU in one tick ${recountTick.worstCpuMs.toFixed(0)} ms`);
  if (process.env.SOAK_PREPARE === '1') {
    await leadsFile.purgeSuperseded();
    await bot.stop();
    return;
  }
  if (process.env.SOAK_STEPS) {
    await maintenanceAlone(Number(process.env.SOAK_STEPS), Number(process.env.SOAK_STEP_STATES ?? 20_000));
    await bot.stop();
    return;
  }

  const go = waitFor('go');
  send({ kind: 'ready', port: bot.port, readyMs });
  await go;

  const overall = monitorEventLoopDelay({ resolution: 1 });
  overall.enable();
  const windows: Window[] = [];
  // which activity a stall belongs to: a 10 ms ticker notes each late tick against the activity running when the
  // tick was due and the one running when it came (both, when they differ); 'between' is the bench's own steps
  let activity = 'between';
  let tickActivity = activity;
  let lastTick = Date.now();
  const stalls = new Map<string, number>();
  // what does not depend on the machine's load: the main thread's CPU time within one tick interval (a stall that
  // is our own synchronous work used CPU all along; one spent waiting for a core other processes hold did not)
  const soakStarted = schedNow();
  const cpuStarted = process.cpuUsage();
  let lastSched = soakStarted;
  const cpuInTick = new Map<string, number>();
  const gcPauses = new Map<string, number>();
  const noteMax = (into: Map<string, number>, labels: Iterable<string>, value: number): void => {
    for (const label of labels) into.set(label, Math.max(into.get(label) ?? 0, value));
  };
  // every pause the collector reports (performance.now() times, as the ticker's), to tell afterwards which stall
  // was a collection and which kind: V8's minor (scavenge) or major (mark-compact) one
  const pauses: Array<{ start: number; end: number; kind: string }> = [];
  const gcKinds: Record<number, string> = { 1: 'scavenge', 2: 'minor mark-sweep', 4: 'mark-compact', 8: 'incremental marking step', 16: 'weak callbacks' };
  const gcCounts = new Map<string, { count: number; worstMs: number }>();
  const gcObserver = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      noteMax(gcPauses, new Set([tickActivity, activity]), entry.duration);
      const kindNumber = (entry as { detail?: { kind?: number } }).detail?.kind ?? 0;
      const kind = gcKinds[kindNumber] ?? `gc kind ${kindNumber}`;
      const seen = gcCounts.get(kind) ?? { count: 0, worstMs: 0 };
      gcCounts.set(kind, { count: seen.count + 1, worstMs: Math.max(seen.worstMs, entry.duration) });
      if (entry.duration >= 5) pauses.push({ start: entry.startTime, end: entry.startTime + entry.duration, kind });
    }
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  const stallList: Stall[] = [];
  // the worst lateness of a tick less the main thread's wait in the run queue during it (the raw worst is `overall`)
  let worstWithOwnCoreMs = 0;
  // ticks in which the main thread was on a CPU for more than half the bound, whatever the machine's load (a stall
  // needs our code, a GC pause or a wait for a core; these are the first two), with their window on the monotonic
  // clock in microseconds, the clock of a `--cpu-prof` profile's samples, to look up what ran in them
  const busyTicks: Array<{ fromUs: number; toUs: number; cpuMs: number; lateMs: number; during: string }> = [];
  const monotonicUs = (): number => Number(process.hrtime.bigint() / 1000n);
  let lastTickUs = monotonicUs();
  let lastTickAt = performance.now();
  const ticker = setInterval(() => {
    const lateMs = Date.now() - lastTick - 10;
    const sched = schedNow();
    const labels = new Set([tickActivity, activity]);
    const at = performance.now();
    const nowUs = monotonicUs();
    const cpuMs = sched.cpu - lastSched.cpu;
    const waitMs = sched.wait - lastSched.wait;
    const during = [...labels].join(' / ');
    if (lateMs > STALL_MS) stallList.push({ from: lastTickAt, to: at, lateMs, cpuMs, waitMs, during });
    if (cpuMs > STALL_MS / 2) busyTicks.push({ fromUs: lastTickUs, toUs: nowUs, cpuMs, lateMs, during });
    noteMax(stalls, labels, lateMs);
    noteMax(cpuInTick, labels, cpuMs);
    worstWithOwnCoreMs = Math.max(worstWithOwnCoreMs, lateMs - waitMs);
    lastSched = sched;
    lastTick = Date.now();
    lastTickAt = at;
    lastTickUs = nowUs;
    tickActivity = activity;
  }, 10);
  // memory as the soak goes: where RSS grows (the V8 heap, Buffers and other external memory, or neither)
  const memoryStarted = performance.now();
  const memory: MemorySample[] = [sampleMemory(memoryStarted)];
  const sampler = setInterval(() => memory.push(sampleMemory(memoryStarted)), 5000);
  // what each activity leaves in the old generation (promoted or allocated there: what makes full collections
  // come sooner), as the growth of the old and large-object spaces over its runs (a full collection in between
  // makes a run's growth negative: those runs are left out)
  const oldSpaces = (): number => v8.getHeapSpaceStatistics().filter((space) => space.space_name === 'old_space' || space.space_name === 'lo_space').reduce((sum, space) => sum + space.space_used_size, 0);
  const oldGrowth = new Map<string, { bytes: number; ms: number }>();
  const during = async (name: string, run: () => Promise<unknown>): Promise<void> => {
    activity = name;
    const started = Date.now();
    const oldBefore = oldSpaces();
    await run();
    const grown = oldSpaces() - oldBefore;
    const ms = Date.now() - started;
    if (grown >= 0) {
      const seen = oldGrowth.get(name) ?? { bytes: 0, ms: 0 };
      oldGrowth.set(name, { bytes: seen.bytes + grown, ms: seen.ms + ms });
    }
    windows.push({ activity: name, ms });
    activity = 'between';
  };
  let loadStopped: Promise<void> | undefined;
  try {
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
    activity = 'load finishing';
    loadStopped = waitFor('loadStopped');
    send({ kind: 'done' });
  }
  await loadStopped;
  overall.disable();
  clearInterval(ticker);
  clearInterval(sampler);
  memory.push(sampleMemory(memoryStarted));
  gcObserver.disconnect();
  const soakEnded = schedNow();
  const cpuSoak = process.cpuUsage(cpuStarted);
  // what the soak left in memory: the heap after a full GC at the end, against the one after start
  const afterSoak = memoryAfterGc();
  const stopStarted = Date.now();
  await bot.stop();
  const stopMs = Date.now() - stopStarted;
  const soakMs = memory[memory.length - 1].atS * 1000;
  out(`  bot process CPU over the soak: main thread ${((soakEnded.cpu - soakStarted.cpu) / 1000).toFixed(0)} s (${((100 * (soakEnded.cpu - soakStarted.cpu)) / soakMs).toFixed(0)}% of a core), all threads ${((cpuSoak.user + cpuSoak.system) / 1e6).toFixed(0)} s; main thread waited for a core ${((soakEnded.wait - soakStarted.wait) / 1000).toFixed(0)} s; stop took ${stopMs} ms`);
  const byActivity = new Map<string, { runs: number; longestMs: number }>();
  for (const w of windows) {
    const seen = byActivity.get(w.activity) ?? { runs: 0, longestMs: 0 };
    byActivity.set(w.activity, { runs: seen.runs + 1, longestMs: Math.max(seen.longestMs, w.ms) });
  }
  const apart = (name: string): string => `most main-thread CPU in one tick ${(cpuInTick.get(name) ?? 0).toFixed(0)} ms, longest GC pause ${(gcPauses.get(name) ?? 0).toFixed(0)} ms`;
  const grew = (name: string): string => {
    const g = oldGrowth.get(name);
    return g ? `; old generation +${(g.bytes / 1048576).toFixed(0)} MB over ${(g.ms / 1000).toFixed(0)} s of runs without a full GC` : '';
  };
  for (const [name, { runs, longestMs }] of byActivity) out(`  worst event-loop delay during ${name}: ${(stalls.get(name) ?? 0).toFixed(0)} ms (${runs} runs, longest run ${longestMs} ms; ${apart(name)}${grew(name)})`);
  for (const name of ['between', 'load finishing']) out(`  worst event-loop delay ${name === 'between' ? 'between the activities above' : 'while the load finishes'}: ${(stalls.get(name) ?? 0).toFixed(0)} ms (${apart(name)})`);
  out(`  garbage collections: ${[...gcCounts].map(([kind, c]) => `${kind} ${c.count} (longest ${c.worstMs.toFixed(0)} ms)`).join(', ')}`);
  reportStalls(stallList, pauses, logStalls);
  const busiest = busyTicks.reduce((most, tick) => Math.max(most, tick.cpuMs), 0);
  out(`  ticks with the main thread over ${STALL_MS / 2} ms on a CPU (our code or a GC pause, whatever the load): ${busyTicks.length}${busyTicks.length > 0 ? `, the most ${busiest.toFixed(0)} ms` : ''}`);
  if (logStalls) for (const tick of busyTicks) out(`    ${tick.cpuMs.toFixed(0)} ms on a CPU, ${tick.lateMs} ms late, monotonic us ${tick.fromUs}-${tick.toUs}; during ${tick.during}`);
  out('  memory over the soak, MB (no GC forced): at s, RSS, heap total, heap used, external, of which ArrayBuffers, V8 malloced');
  const every = Math.max(1, Math.round(memory.length / 12));
  for (const [i, m] of memory.entries()) {
    if (i % every === 0 || i === memory.length - 1) out(`    ${String(m.atS).padStart(4)} s: ${m.rss} / ${m.heapTotal} / ${m.heapUsed} / ${m.external} / ${m.arrayBuffers} / ${m.malloced}`);
  }
  out(`  after the soak: RSS ${afterSoak.rssMb} MB, heap ${afterSoak.heapUsedMb} MB used of ${afterSoak.heapTotalMb} MB held, after GC (after start: ${afterStart.rssMb} / ${afterStart.heapUsedMb} / ${afterStart.heapTotalMb} MB)`);
  out(`  worst event-loop delay overall: ${(overall.max / 1e6).toFixed(0)} ms (p99 ${(overall.percentile(99) / 1e6).toFixed(1)} ms); less the main thread's wait for a core in that tick, the worst tick was ${worstWithOwnCoreMs.toFixed(0)} ms late; load average now ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (err: Error) => {
      process.stderr.write(`${err.stack ?? err.message}\n`);
      process.exit(1);
    },
  );
}
