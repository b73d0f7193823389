import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { DELIVERIES_COLLECTION } from '../models/campaign/deliveries';
import { SubscriptionStore, type Subscription } from '../models/campaign/subscriptions';
import type { Topic } from '../models/campaign/types';
import { openDomain } from '../models/domain';
import { EmbeddedStore } from '../models/store/embedded/embeddedStore';
import { MongoStore } from '../models/store/mongo/mongoStore';
import type { Store } from '../models/store/store';
import { MEMORY_LINE, type MemoryReading } from './benchMemoryProbe';

/**
 * The campaign's broadcast, measured: the real bot (dist/, in a child process, embedded store) sends to 10,000
 * subscribers whose conversations live on a local Connector stand-in (nothing leaves the machine).
 *
 * 1. rate: 40 subscribers at the default rate (ANNOUNCE_RATE_PER_SECOND unset = 8/s), then 10,000 at a high rate
 *    (BENCH_BROADCAST_RATE, default 150/s): messages/s against the configured rate; then a second 10,000 in the same
 *    process: the child's RSS before, after the first and after the second (flat = the second adds nothing), and
 *    the delivery rows left in the store (0: an ended send keeps its report and purges its rows).
 * 2. crash: 10,000 again; the child is killed with SIGKILL when the stand-in has received half, then restarted on
 *    the same data: every recipient must get the announcement, and we count who got it twice.
 */
export interface BroadcastFigures {
  subscribers: number;
  defaultRate: { configured: number; messages: number; perSecond: number };
  /** seconds: from the send request to the last message (includes writing the 10,000 outbox rows); perSecond: first to last message */
  /** heap in use after a full GC (MB): before the sends, after the first 10,000, after a second 10,000; RSS alongside */
  memory: { before: MemoryReading; afterFirst: MemoryReading; afterSecond: MemoryReading; rowsLeft: number };
  rate: { configured: number; messages: number; seconds: number; perSecond: number };
  crash: { killedAfter: number; beforeKill: number; afterRestart: number; missing: number; twice: number; resumeSeconds: number; leaseMs: number; concurrency: number };
}

const SUBSCRIBERS = Number(process.env.BENCH_BROADCAST_SUBSCRIBERS ?? 10_000);
const RATE = Number(process.env.BENCH_BROADCAST_RATE ?? 150);
const CONCURRENCY = 8;
const LEASE_MS = 3000;
const SMALL = 40;

/** A minimal Bot Connector stand-in: counts POST /v3/conversations/:id/activities per announcement and conversation. */
class ConnectorCounter {
  readonly counts = new Map<string, number>();
  /** first and last receipt per announcement title (ms) */
  readonly span = new Map<string, { first: number; last: number }>();
  received = 0;
  private readonly server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const match = /^\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
      if (!match || req.method !== 'POST') {
        res.writeHead(404).end();
        return;
      }
      const text = (JSON.parse(body) as { text?: string }).text ?? '';
      const title = /^\*\*(.+?)\*\*/.exec(text)?.[1] ?? '?';
      const key = `${title}|${decodeURIComponent(match[1])}`;
      this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
      this.received += 1;
      const span = this.span.get(title);
      if (span) span.last = Date.now();
      else this.span.set(title, { first: Date.now(), last: Date.now() });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: randomUUID() }));
    });
  });
  url = '';

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as net.AddressInfo).port}/`;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  of(title: string): { total: number; recipients: number; twice: number } {
    let total = 0;
    let recipients = 0;
    let twice = 0;
    for (const [key, n] of this.counts) {
      if (!key.startsWith(`${title}|`)) continue;
      total += n;
      recipients += 1;
      if (n > 1) twice += 1;
    }
    return { total, recipients, twice };
  }
}

/** Messages per second between the first and the last receipt of an announcement. */
function spanRate(connector: ConnectorCounter, title: string): number {
  const span = connector.span.get(title);
  const { total } = connector.of(title);
  if (!span || total < 2) return 0;
  return (total - 1) / ((span.last - span.first) / 1000);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

interface Child {
  url: string;
  child: ChildProcess;
  exited: Promise<void>;
  /** the child's stderr lines after start-up (the memory probe answers there) */
  lines: string[];
}

async function startBot(dataDir: string, env: Record<string, string>): Promise<Child> {
  const port = await freePort();
  const inherited = { ...process.env };
  delete inherited.MONGODB_URI;
  const probe = ['--expose-gc', '--require', path.join(__dirname, 'benchMemoryProbe.js')];
  const child = spawn(process.execPath, ['--disable-warning=DEP0111', ...probe, path.join(__dirname, '..', 'bot', 'index.js')], {
    env: { ...inherited, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', ANNOUNCE_POLL_MS: '500', ANNOUNCE_LEASE_MS: String(LEASE_MS), BENCH_MEMORY_PROBE: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines: string[] = [];
  let partial = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    const parts = (partial + chunk.toString()).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`bot did not start: ${out.slice(-2000)}`)), 60000);
    const listen = (chunk: Buffer): void => {
      out += chunk.toString();
      if (out.includes('"msg":"listening"')) {
        clearTimeout(timer);
        child.stdout?.off('data', listen);
        if (process.env.BENCH_DEBUG) child.stdout?.pipe(process.stderr);
        else child.stdout?.resume();
        resolve();
      }
    };
    child.stdout?.on('data', listen);
    child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`bot exited with ${code}: ${out.slice(-2000)}`)));
  });
  return { url: `http://127.0.0.1:${port}`, child, exited, lines };
}

/** The child's heap after a full GC (scripts/benchMemoryProbe.ts answers SIGUSR2). */
async function memoryOf(bot: Child): Promise<MemoryReading> {
  const seen = bot.lines.length;
  bot.child.kill('SIGUSR2');
  let line: string | undefined;
  await waitFor(() => (line = bot.lines.slice(seen).find((l) => l.startsWith(MEMORY_LINE))) !== undefined, 10000, 'the memory probe');
  return JSON.parse((line ?? '').slice(MEMORY_LINE.length)) as MemoryReading;
}

async function stopBot(bot: Child, signal: NodeJS.Signals): Promise<void> {
  bot.child.kill(signal);
  await bot.exited;
}

async function api<T>(bot: Child, token: string, method: string, route: string, body?: unknown): Promise<T> {
  const response = await fetch(`${bot.url}${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (response.status >= 300) throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function announce(bot: Child, token: string, title: string, provinces: string[], topics: Topic[]): Promise<string> {
  const { id } = await api<{ id: string }>(bot, token, 'POST', '/api/announcements', { title, text: { it: `${title}: testo`, en: `${title}: text` }, provinces, topics });
  await api(bot, token, 'POST', `/api/announcements/${id}/send`, {});
  return id;
}

async function waitFor(check: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Delivery rows in the store the child bots used (read after they stopped). */
async function deliveryRowsIn(dataDir: string): Promise<number> {
  const store = await EmbeddedStore.open(dataDir);
  try {
    return await (await store.collection(DELIVERIES_COLLECTION)).count({});
  } finally {
    await store.close();
  }
}

/** Writes the subscribers and a staff account straight into the embedded store the child bots will open. */
async function seed(dataDir: string, serviceUrl: string): Promise<string> {
  const store = await EmbeddedStore.open(dataDir);
  try {
    return await seedInto(store, serviceUrl, SUBSCRIBERS);
  } finally {
    await store.close();
  }
}

async function seedInto(store: Store, serviceUrl: string, subscribers: number): Promise<string> {
  const domain = await openDomain(store, { now: () => new Date() });
  const { token } = await domain.accounts.createAccount({ name: 'bench-staff', role: 'staff', projectIds: [] });
  const subscriptions = await SubscriptionStore.open(store, { now: () => new Date() });
  const provinces = ['BG', 'BS', 'CO', 'CR', 'LC', 'LO', 'MN', 'MI', 'MB', 'PV', 'VA'];
  const now = new Date();
  const make = (i: number, province: string, topics: Topic[]): Subscription => {
    const conversationId = `bench-conv-${i}`;
    return {
      _id: randomUUID(),
      status: 'active',
      activeKey: `emulator|${conversationId}`,
      channelId: 'emulator',
      userId: `bench-user-${i}`,
      reference: { channelId: 'emulator', serviceUrl, conversation: { id: conversationId }, user: { id: `bench-user-${i}` }, bot: { id: 'bot' } },
      language: i % 4 === 0 ? 'en' : 'it',
      provinces: [province],
      allLombardy: false,
      topics,
      consent: { noticeVersion: 'bench', textHash: 'bench', givenAt: now },
      createdAt: now,
      updatedAt: now,
    };
  };
  for (let i = 0; i < subscribers; i++) await subscriptions.insertRaw(make(i, provinces[i % provinces.length], ['news']));
  for (let i = 0; i < SMALL; i++) await subscriptions.insertRaw(make(subscribers + i, 'SO', ['sessions']));
  return token;
}

/** Total messages/s of N instances on one MongoDB, each at the default per-instance rate (8/s). */
export interface InstancesFigures {
  ratePerInstance: number;
  runs: Array<{ instances: number; messages: number; perSecond: number; twice: number }>;
}

/**
 * N bot processes (dist/) on one MongoDB (MONGODB_URI; FerretDB here) send one announcement to `SMALL` x N
 * subscribers at the default rate each: the total rate, first to last message, should be about N x 8/s.
 */
export async function benchInstances(uri: string, counts = [1, 2, 3]): Promise<InstancesFigures> {
  const runs: InstancesFigures['runs'] = [];
  for (const n of counts) {
    const connector = new ConnectorCounter();
    await connector.start();
    const url = new URL(uri);
    url.pathname = `/adr_bench_instances_${process.pid}_${n}_${Date.now()}`;
    const store = await MongoStore.connect(url.toString());
    const bots: Child[] = [];
    try {
      const subscribers = SMALL * n;
      const token = await seedInto(store, connector.url, subscribers);
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'adr-bench-instances-'));
      for (let i = 0; i < n; i++) bots.push(await startBot(dataDir, { MONGODB_URI: url.toString(), ANNOUNCE_LEASE_MS: '60000' }));
      const title = `Bench instances ${n}`;
      await announce(bots[0], token, title, [], ['news']);
      await waitFor(() => connector.of(title).recipients >= subscribers, 300000, `the ${n}-instance send`);
      await new Promise((r) => setTimeout(r, 1000)); // a second message to one recipient would arrive now
      runs.push({ instances: n, messages: connector.of(title).total, perSecond: spanRate(connector, title), twice: connector.of(title).twice });
      fs.rmSync(dataDir, { recursive: true, force: true });
    } finally {
      for (const bot of bots) await stopBot(bot, 'SIGTERM');
      await (store as MongoStore).dropDatabase();
      await store.close();
      await connector.stop();
    }
  }
  return { ratePerInstance: 8, runs };
}

export function instancesReport(f: InstancesFigures): string[] {
  return [
    `\n== Broadcast from several instances on one MongoDB (FerretDB), ${f.ratePerInstance}/s each (the default)`,
    ...f.runs.map((r) => `${r.instances} instance${r.instances > 1 ? 's' : ''}: ${r.messages} messages at ${r.perSecond.toFixed(1)}/s in total (ideal ${r.instances * f.ratePerInstance}/s); received twice: ${r.twice}`),
  ];
}

export async function benchBroadcast(): Promise<BroadcastFigures> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'adr-bench-broadcast-'));
  const connector = new ConnectorCounter();
  await connector.start();
  try {
    const token = await seed(dataDir, connector.url);
    const status = async (bot: Child, id: string): Promise<string> => (await api<{ status: string }>(bot, token, 'GET', `/api/announcements/${id}`)).status;

    // 1a. the default rate (8/s), on 40 subscribers
    let bot = await startBot(dataDir, {});
    let started = Date.now();
    await announce(bot, token, 'Bench default', ['SO'], ['sessions']);
    await waitFor(() => connector.of('Bench default').total >= SMALL, 60000, 'the default-rate send');
    const defaultSeconds = (Date.now() - started) / 1000;
    await stopBot(bot, 'SIGTERM');

    // 1b. 10,000 at a high rate: throughput and memory
    bot = await startBot(dataDir, { ANNOUNCE_RATE_PER_SECOND: String(RATE), ANNOUNCE_CONCURRENCY: String(CONCURRENCY) });
    await new Promise((r) => setTimeout(r, 1000));
    const before = await memoryOf(bot);
    started = Date.now();
    const rateId = await announce(bot, token, 'Bench rate', [], ['news']);
    await waitFor(() => connector.of('Bench rate').total >= SUBSCRIBERS, 600000, 'the 10,000 send');
    const seconds = (Date.now() - started) / 1000;
    await waitFor(async () => (await status(bot, rateId)) === 'sent', 30000, 'the send to be marked sent');
    await new Promise((r) => setTimeout(r, 1000)); // the purge follows the report
    const afterFirst = await memoryOf(bot);
    const secondId = await announce(bot, token, 'Bench rate 2', [], ['news']);
    await waitFor(() => connector.of('Bench rate 2').total >= SUBSCRIBERS, 600000, 'the second 10,000 send');
    await waitFor(async () => (await status(bot, secondId)) === 'sent', 30000, 'the second send to be marked sent');
    await new Promise((r) => setTimeout(r, 1000)); // the purge follows the report
    const afterSecond = await memoryOf(bot);
    await stopBot(bot, 'SIGTERM');
    const rowsLeft = await deliveryRowsIn(dataDir);

    // 2. kill -9 halfway, restart, every recipient exactly once?
    bot = await startBot(dataDir, { ANNOUNCE_RATE_PER_SECOND: String(RATE), ANNOUNCE_CONCURRENCY: String(CONCURRENCY) });
    const crashId = await announce(bot, token, 'Bench crash', [], ['news']);
    await waitFor(() => connector.of('Bench crash').total >= SUBSCRIBERS / 2, 600000, 'half of the crash send');
    bot.child.kill('SIGKILL');
    await bot.exited;
    const beforeKill = connector.of('Bench crash').total;
    const restartedAt = Date.now();
    bot = await startBot(dataDir, { ANNOUNCE_RATE_PER_SECOND: String(RATE), ANNOUNCE_CONCURRENCY: String(CONCURRENCY) });
    await waitFor(async () => (await status(bot, crashId)) === 'sent', 600000, 'the resumed send');
    const resumeSeconds = (Date.now() - restartedAt) / 1000;
    await stopBot(bot, 'SIGTERM');
    const crash = connector.of('Bench crash');
    return {
      subscribers: SUBSCRIBERS,
      defaultRate: { configured: 8, messages: SMALL, perSecond: spanRate(connector, 'Bench default') || SMALL / defaultSeconds },
      memory: { before, afterFirst, afterSecond, rowsLeft },
      rate: { configured: RATE, messages: connector.of('Bench rate').total, seconds, perSecond: spanRate(connector, 'Bench rate') },
      crash: { killedAfter: SUBSCRIBERS / 2, beforeKill, afterRestart: crash.total - beforeKill, missing: SUBSCRIBERS - crash.recipients, twice: crash.twice, resumeSeconds, leaseMs: LEASE_MS, concurrency: CONCURRENCY },
    };
  } finally {
    await connector.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const mb = (m: MemoryReading): string => `${m.heapUsedMb.toFixed(1)} MB (RSS ${m.rssMb.toFixed(0)})`;

/** The lines `npm run bench` prints. */
export function broadcastReport(f: BroadcastFigures): string[] {
  return [
    `\n== Broadcast to ${f.subscribers.toLocaleString('en')} subscribers (real bot in a child process, embedded store, local Connector stand-in)`,
    `default rate: ${f.defaultRate.messages} messages at ${f.defaultRate.perSecond.toFixed(1)}/s (configured ${f.defaultRate.configured}/s)`,
    `high rate: ${f.rate.messages} messages at ${f.rate.perSecond.toFixed(0)}/s first to last (configured ${f.rate.configured}/s, ${CONCURRENCY} in flight); ${f.rate.seconds.toFixed(1)} s from the send request, outbox rows included`,
    `bot heap after GC: before ${mb(f.memory.before)}, after the first 10,000 ${mb(f.memory.afterFirst)}, after a second 10,000 ${mb(f.memory.afterSecond)}; delivery rows left in the store: ${f.memory.rowsLeft}`,
    `kill -9 after ${f.crash.beforeKill} delivered, restart (lease ${f.crash.leaseMs} ms): ${f.crash.afterRestart} more in ${f.crash.resumeSeconds.toFixed(1)} s; missing ${f.crash.missing}, received twice ${f.crash.twice} (at most ${f.crash.concurrency} possible: sends in flight at the kill)`,
  ];
}

if (require.main === module) {
  const only = parseArgs({ args: process.argv.slice(2), options: { instances: { type: 'boolean', default: false } } }).values.instances;
  const run = async (): Promise<string[]> => {
    const lines = only ? [] : broadcastReport(await benchBroadcast());
    if (process.env.MONGODB_URI) lines.push(...instancesReport(await benchInstances(process.env.MONGODB_URI)));
    else lines.push('\n== Broadcast from several instances: skipped (set MONGODB_URI)');
    return lines;
  };
  run().then(
    (lines) => process.stdout.write(`${lines.join('\n')}\n`),
    (err: Error) => {
      process.stderr.write(`bench failed: ${err.stack ?? err.message}\n`);
      process.exit(1);
    },
  );
}
