import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import autocannon from 'autocannon';

/**
 * `npm run bench`: the same load, on the same machine, in the same run, against a bare echo bot and this bot,
 * so the figures are read as ratios to the baseline rather than as absolute times.
 */
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 8);
const WARMUP_S = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONVERSATIONS = 500;

interface LoadResult {
  name: string;
  turnsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/** The round with the median throughput; its latencies are reported with it. */
function median(results: LoadResult[]): LoadResult {
  const sorted = [...results].sort((a, b) => a.turnsPerSecond - b.turnsPerSecond);
  return sorted[Math.floor(sorted.length / 2)];
}

function out(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function startServer(kind: 'echo' | 'bot'): Promise<{ port: number; child: ChildProcess }> {
  const child = fork(path.join(__dirname, 'benchServers.js'), [kind], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
  return { port, child };
}

function activity(text: string, conversation: number): string {
  return JSON.stringify({
    type: 'message',
    text,
    channelId: 'emulator',
    serviceUrl: 'http://127.0.0.1:1',
    deliveryMode: 'expectReplies',
    locale: 'it-IT',
    conversation: { id: `bench-${conversation}` },
    from: { id: `user-${conversation}` },
    recipient: { id: 'bot' },
  });
}

async function load(name: string, port: number, text: string, seconds: number): Promise<LoadResult> {
  let n = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/api/messages`,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [{ method: 'POST', headers: { 'content-type': 'application/json' }, setupRequest: (req) => ({ ...req, body: activity(text, n++ % CONVERSATIONS) }) }],
  });
  return { name, turnsPerSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx };
}

async function measureTurns(): Promise<void> {
  const echo = await startServer('echo');
  const bot = await startServer('bot');
  try {
    // Each scenario is warmed up with the same load first (JIT, first state writes of every conversation), and
    // the scenarios take turns over several rounds so a noisy moment on the machine hits them alike; the median
    // round of each is reported.
    const scenarios: Array<[string, number, string]> = [
      ['echo bot', echo.port, 'ciao'],
      ['this bot, menu turn', bot.port, 'menu'],
      ['this bot, FAQ question', bot.port, 'quanto vale il servizio di inserimento lavorativo?'],
    ];
    for (const [name, port, text] of scenarios) await load(`${name} (warm-up)`, port, text, WARMUP_S);
    const rounds = new Map<string, LoadResult[]>(scenarios.map(([name]) => [name, []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, port, text] of scenarios) rounds.get(name)?.push(await load(name, port, text, DURATION_S));
    }
    const [baseline, menu, question] = scenarios.map(([name]) => median(rounds.get(name) ?? []));
    out(`\n== Turns through POST /api/messages (expectReplies), ${CONNECTIONS} connections, median of ${ROUNDS} rounds of ${DURATION_S} s`);
    out('bot                      turns/s   p50 ms   p99 ms   errors');
    for (const r of [baseline, menu, question]) {
      out(`${r.name.padEnd(24)} ${r.turnsPerSecond.toFixed(0).padStart(7)} ${String(r.p50).padStart(8)} ${String(r.p99).padStart(8)} ${String(r.errors + r.non2xx).padStart(8)}`);
    }
    for (const r of [menu, question]) {
      const throughput = r.turnsPerSecond / baseline.turnsPerSecond;
      const tail = r.p99 / Math.max(1, baseline.p99);
      out(`${r.name}: ${(throughput * 100).toFixed(0)}% of the echo bot's turns/s (target >= 60%), p99 ${tail.toFixed(2)}x the echo bot's (target <= 2x)`);
    }
  } finally {
    echo.child.kill();
    bot.child.kill();
  }
}

async function main(): Promise<void> {
  await measureTurns();
  // long messages (16/28/64 KB) among normal turns: the worst event-loop delay in the bot's process
  const { benchLongText, longTextReport } = await import('./bench-longtext');
  for (const line of longTextReport(await benchLongText())) out(line);
  const { benchRetrieval } = await import('./bench-retrieval');
  const retrieval = await benchRetrieval();
  out(`\n== FAQ retrieval: ${retrieval.entries} entries, ${retrieval.questions} questions: p50 ${retrieval.p50Ms.toFixed(3)} ms, p99 ${retrieval.p99Ms.toFixed(3)} ms (target p99 < 1 ms)`);

  const { loadGazetteer } = await import('../dialogs/understanding');
  const started = process.hrtime.bigint();
  loadGazetteer();
  out(`\n== Place gazetteer (ISTAT comuni + aliases): loaded in ${(Number(process.hrtime.bigint() - started) / 1e6).toFixed(0)} ms`);

  const { benchListing } = await import('./bench-listing');
  const listing = await benchListing();
  out(`\n== Referral listing, embedded store, ${listing.total} leads (loaded in ${(listing.loadMs / 1000).toFixed(1)} s), page of 20:`);
  for (const f of listing.figures) out(`${f.name.padEnd(40)} p50 ${f.p50Ms.toFixed(1).padStart(6)} ms   p95 ${f.p95Ms.toFixed(1).padStart(6)} ms${f.name.startsWith('operator') ? '   (target p95 < 50 ms)' : ''}`);

  const { benchBroadcast, broadcastReport, benchInstances, instancesReport } = await import('./bench-broadcast');
  for (const line of broadcastReport(await benchBroadcast())) out(line);
  if (process.env.MONGODB_URI) for (const line of instancesReport(await benchInstances(process.env.MONGODB_URI))) out(line);
}

main().catch((err: Error) => {
  process.stderr.write(`bench failed: ${err.stack ?? err.message}\n`);
  process.exit(1);
});
