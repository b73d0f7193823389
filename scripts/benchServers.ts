import type { AddressInfo } from 'node:net';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import * as restify from 'restify';
import { silentLogger } from '../models/logger';
import { start } from '../bot/index';

/**
 * A server for the benchmark, run in its own process so the load generator does not share its event loop:
 * `echo` is a bare echo bot on the same stack (restify + CloudAdapter), the baseline; `bot` is this project's
 * bot on a fresh embedded store, or on MongoDB when the parent sets BENCH_MONGODB_URI for it. Prints the port on stdout.
 */
async function echoBot(): Promise<number> {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
    await next();
  });
  const server = restify.createServer();
  server.use(restify.plugins.bodyParser());
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return (server.address() as AddressInfo).port;
}

async function projectBot(): Promise<number> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'adr-bench-'));
  // the parent ends this process with a signal (below): the data folder goes with it, as a bench leaves nothing
  process.on('exit', () => fs.rmSync(dataDir, { recursive: true, force: true }));
  // BENCH_MONGODB_URI, not MONGODB_URI: the benches that want the embedded store need not clear it
  const mongodb = process.env.BENCH_MONGODB_URI ? { MONGODB_URI: process.env.BENCH_MONGODB_URI } : {};
  const running = await start({ env: { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...mongodb }, logger: silentLogger });
  return running.port;
}

async function main(): Promise<void> {
  const kind = process.argv[2];
  const port = kind === 'echo' ? await echoBot() : kind === 'bot' ? await projectBot() : undefined;
  if (port === undefined) {
    process.stderr.write('usage: benchServers echo|bot\n');
    process.exit(2);
  }
  process.stdout.write(`${port}\n`);
}

void main();

// The long-text bench asks for this process's event-loop delay over a stretch of load, and its CPU time (IPC;
// scripts/bench-longtext.ts).
let histogram: IntervalHistogram | undefined;
process.on('message', (message: { eventLoop?: 'start' | 'stop' | 'cpu' }) => {
  const usage = process.cpuUsage();
  const cpuMs = (usage.user + usage.system) / 1000;
  if (message?.eventLoop === 'start') {
    histogram?.disable();
    // 1 ms: the histogram records the intervals between its timer's ticks, so a block shows as itself + resolution
    histogram = monitorEventLoopDelay({ resolution: 1 });
    histogram.enable();
    process.send?.({ eventLoop: { maxMs: 0, p99Ms: 0, cpuMs } });
  } else if (message?.eventLoop === 'stop' && histogram) {
    histogram.disable();
    process.send?.({ eventLoop: { maxMs: histogram.max / 1e6, p99Ms: histogram.percentile(99) / 1e6, cpuMs } });
  } else if (message?.eventLoop === 'cpu') {
    process.send?.({ eventLoop: { maxMs: 0, p99Ms: 0, cpuMs } });
  }
});

// Exit cleanly on a signal so a `--cpu-prof` run writes its profile.
process.on('SIGINT', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
