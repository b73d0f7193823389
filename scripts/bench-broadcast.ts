import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import { SubscriptionStore, type Subscription } from '../models/campaign/subscriptions';
import type { Topic } from '../models/campaign/types';
import { openDomain } from '../models/domain';
import { EmbeddedStore } from '../models/store/embedded/embeddedStore';

/**
 * The campaign's broadcast, measured: the real bot (dist/, in a child process, embedded store) sends to 10,000
 * subscribers whose conversations live on a local Connector stand-in (nothing leaves the machine).
 *
 * 1. rate: 40 subscribers at the default rate (ANNOUNCE_RATE_PER_SECOND unset = 8/s), then 10,000 at a high rate
 *    (BENCH_BROADCAST_RATE, default 400/s): messages/s against the configured rate, the child's RSS before/after.
 * 2. crash: 10,000 again; the child is killed with SIGKILL when the stand-in has received half, then restarted on
 *    the same data: every recipient must get the announcement, and we count who got it twice.
 */
export interface BroadcastFigures {
  subscribers: number;
  defaultRate: { configured: number; messages: number; perSecond: number };
  /** seconds: from the send request to the last message (includes writing the 10,000 outbox rows); perSecond: first to last message */
  rate: { configured: number; messages: number; seconds: number; perSecond: number; rssBeforeMb: number; rssAfterMb: number };
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
}

async function startBot(dataDir: string, env: Record<string, string>): Promise<Child> {
  const port = await freePort();
  const inherited = { ...process.env };
  delete inherited.MONGODB_URI;
  const child = spawn(process.execPath, ['--disable-warning=DEP0111', path.join(__dirname, '..', 'bot', 'index.js')], {
    env: { ...inherited, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', ANNOUNCE_POLL_MS: '500', ANNOUNCE_LEASE_MS: String(LEASE_MS), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
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
  return { url: `http://127.0.0.1:${port}`, child, exited };
}

async function stopBot(bot: Child, signal: NodeJS.Signals): Promise<void> {
  bot.child.kill(signal);
  await bot.exited;
}

function rssMb(pid: number | undefined): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
    return kb / 1024;
  } catch {
    return NaN;
  }
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

/** Writes the subscribers and a staff account straight into the embedded store the child bots will open. */
async function seed(dataDir: string, serviceUrl: string): Promise<string> {
  const store = await EmbeddedStore.open(dataDir);
  try {
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
    for (let i = 0; i < SUBSCRIBERS; i++) await subscriptions.insertRaw(make(i, provinces[i % provinces.length], ['news']));
    for (let i = 0; i < SMALL; i++) await subscriptions.insertRaw(make(SUBSCRIBERS + i, 'SO', ['sessions']));
    return token;
  } finally {
    await store.close();
  }
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
    const rssBeforeMb = rssMb(bot.child.pid);
    started = Date.now();
    const rateId = await announce(bot, token, 'Bench rate', [], ['news']);
    await waitFor(() => connector.of('Bench rate').total >= SUBSCRIBERS, 600000, 'the 10,000 send');
    const seconds = (Date.now() - started) / 1000;
    await waitFor(async () => (await status(bot, rateId)) === 'sent', 30000, 'the send to be marked sent');
    const rssAfterMb = rssMb(bot.child.pid);
    await stopBot(bot, 'SIGTERM');

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
      rate: { configured: RATE, messages: connector.of('Bench rate').total, seconds, perSecond: spanRate(connector, 'Bench rate'), rssBeforeMb, rssAfterMb },
      crash: { killedAfter: SUBSCRIBERS / 2, beforeKill, afterRestart: crash.total - beforeKill, missing: SUBSCRIBERS - crash.recipients, twice: crash.twice, resumeSeconds, leaseMs: LEASE_MS, concurrency: CONCURRENCY },
    };
  } finally {
    await connector.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The lines `npm run bench` prints. */
export function broadcastReport(f: BroadcastFigures): string[] {
  return [
    `\n== Broadcast to ${f.subscribers.toLocaleString('en')} subscribers (real bot in a child process, embedded store, local Connector stand-in)`,
    `default rate: ${f.defaultRate.messages} messages at ${f.defaultRate.perSecond.toFixed(1)}/s (configured ${f.defaultRate.configured}/s)`,
    `high rate: ${f.rate.messages} messages at ${f.rate.perSecond.toFixed(0)}/s first to last (configured ${f.rate.configured}/s, ${CONCURRENCY} in flight); ${f.rate.seconds.toFixed(1)} s from the send request, outbox rows included`,
    `bot RSS before ${f.rate.rssBeforeMb.toFixed(0)} MB, after ${f.rate.rssAfterMb.toFixed(0)} MB`,
    `kill -9 after ${f.crash.beforeKill} delivered, restart (lease ${f.crash.leaseMs} ms): ${f.crash.afterRestart} more in ${f.crash.resumeSeconds.toFixed(1)} s; missing ${f.crash.missing}, received twice ${f.crash.twice} (at most ${f.crash.concurrency} possible: sends in flight at the kill)`,
  ];
}

if (require.main === module) {
  benchBroadcast().then(
    (f) => process.stdout.write(`${broadcastReport(f).join('\n')}\n`),
    (err: Error) => {
      process.stderr.write(`bench failed: ${err.stack ?? err.message}\n`);
      process.exit(1);
    },
  );
}
