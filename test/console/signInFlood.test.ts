/**
 * Console sign-in under concurrency, through the real server: attempts are counted before the password is checked,
 * so concurrent guesses beyond the limit never reach scrypt; scrypt runs a few at a time behind a bounded queue, so a
 * flood of sign-ins from many addresses leaves libuv's thread pool to the chat (whose store writes need it) and
 * chat turns keep their pace. Scrypt runs are counted by the server's own PasswordHasher.
 */
import * as http from 'node:http';
import { spawn } from 'node:child_process';
import { Chat } from '../support/botServer';
import { startApiBot, type ApiBot } from '../api/helpers';
import { PasswordHasher } from '../../models/sessions/passwordHasher';
import { SCRYPT_COST } from '../../models/sessions/passwords';
import { accountWithPassword, login } from './helpers';

interface Answer {
  status: number;
  retryAfter?: string;
}

/** A sign-in sent from a given loopback address (Linux routes all of 127.0.0.0/8 to lo), as many clients would. */
function signInFrom(api: ApiBot, localAddress: string, name: string, password: string): Promise<Answer> {
  const url = new URL('/console/api/login', api.url);
  const body = JSON.stringify({ name, password });
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', localAddress, agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] as string | undefined }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * The attacker's side of a flood, in its own process (as it would be): building the requests is the client's work,
 * which must not be billed to the server's event loop or its garbage collector. Waves of `size` sign-ins sent
 * within `spreadMs`, each from its own loopback address for its own name. Between waves it waits until every
 * sign-in of the wave is answered (the server's queue of checks has drained), then stays quiet for `quietMs`, so
 * the turns measured in the quiet spells are a baseline taken under the same load of the machine as the rest.
 * Prints "flood" and "quiet" as it goes, and the statuses last.
 */
const FLOOD_CLIENT = `
const http = require('node:http');
const { url, waves, size, first, spreadMs, quietMs } = JSON.parse(process.argv[1]);
const target = new URL('/console/api/login', url);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const one = (wave, i) => sleep(Math.floor((i * spreadMs) / size)).then(() => new Promise((resolve) => {
  const n = first + i;
  const body = JSON.stringify({ name: 'spray-' + wave + '-' + i, password: 'a wrong password here' });
  const req = http.request({ host: target.hostname, port: target.port, path: target.pathname, method: 'POST', agent: false,
    localAddress: '127.0.' + (Math.floor(n / 250) + 1) + '.' + ((n % 250) + 1),
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
    res.resume();
    res.on('end', () => resolve(res.statusCode));
  });
  req.on('error', () => resolve(0));
  req.end(body);
}));
(async () => {
  const statuses = [];
  for (let wave = 0; wave < waves; wave += 1) {
    process.stdout.write('flood\\n');
    statuses.push(...(await Promise.all(Array.from({ length: size }, (_, i) => one(wave, i)))));
    process.stdout.write('quiet\\n');
    await sleep(quietMs);
  }
  process.stdout.write('statuses ' + JSON.stringify(statuses) + '\\n');
})();
`;

interface FloodPlan {
  waves: number;
  size: number;
  /** index of the first client address */
  first: number;
  spreadMs: number;
  quietMs: number;
}

/** Runs the flood client; `onPhase` hears "flood" and "quiet" as they start. Resolves with every status. */
function floodFromAnotherProcess(api: ApiBot, plan: FloodPlan, onPhase: (phase: 'flood' | 'quiet') => void): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', FLOOD_CLIENT, JSON.stringify({ url: api.url, ...plan })], { stdio: ['ignore', 'pipe', 'inherit'] });
    let buffered = '';
    let statuses: number[] | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      let end: number;
      while ((end = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 1);
        if (line === 'flood' || line === 'quiet') onPhase(line);
        else if (line.startsWith('statuses ')) statuses = JSON.parse(line.slice('statuses '.length)) as number[];
      }
    });
    child.once('error', reject);
    child.once('exit', (code) => (statuses ? resolve(statuses) : reject(new Error(`flood client exited with ${code}`))));
  });
}

/** 127.0.<i / 250 + 1>.<i % 250 + 1>: a distinct client address per index. */
function address(i: number): string {
  return `127.0.${Math.floor(i / 250) + 1}.${(i % 250) + 1}`;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * One chat turn's wall time: a new visitor's first question, which the bot answers from the FAQ and whose new
 * conversation and user state it writes to the embedded store (a file append, on libuv's thread pool) before
 * answering. (A repeated question in one conversation changes no state, so nothing would be written.)
 */
async function timedTurn(api: ApiBot): Promise<number> {
  const chat = new Chat(api.bot, { locale: 'it-IT' });
  const started = performance.now();
  const replies = await chat.say('Cosa sono le Azioni di Rete per il lavoro?');
  const took = performance.now() - started;
  if (replies.length === 0) throw new Error('the bot did not answer');
  return took;
}

/**
 * What the limits count and refuse does not depend on scrypt's cost, only on checks taking longer than requests take
 * to arrive: production's queue, slots and rest with a cheaper scrypt (2^13, 8 MiB: a few ms a run, so 100 sign-ins
 * arriving together still overflow the queue of 10), instead of a second or two of production's cost per test.
 */
describe('console sign-in under concurrency: what is checked and what is refused', () => {
  let api: ApiBot;
  beforeAll(async () => {
    api = await startApiBot({}, { passwordHasher: new PasswordHasher({ cost: { N: 2 ** 13, r: 8, p: 1 } }) });
    await accountWithPassword(api, 'staff-flood', 'staff');
  }, 60000);
  afterAll(async () => {
    await api?.bot.stop();
  });

  test('40 concurrent wrong passwords for one name: at most 5 are checked, the rest get 429 without scrypt', async () => {
    const before = api.bot.domain.accounts.hasher.stats.started;
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => login(api, 'staff-flood', `wrong password ${i}`)));
    const checked = api.bot.domain.accounts.hasher.stats.started - before;
    const statuses = answers.map((r) => r.status);
    expect(checked).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 401)).toHaveLength(checked);
    expect(statuses.filter((s) => s === 429)).toHaveLength(40 - checked);
    for (const r of answers.filter((a) => a.status === 429)) expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    // even the right password is refused now, still without a check
    expect((await login(api, 'staff-flood')).status).toBe(429);
    expect(api.bot.domain.accounts.hasher.stats.started - before).toBe(checked);
    api.clock.advance(16 * 60 * 1000);
    expect((await login(api, 'staff-flood')).status).toBe(200);
  }, 60000);

  test('100 sign-ins at once from 100 addresses: a few scrypt at a time, the queue bounded, the overflow 503 at once', async () => {
    const { hasher } = api.bot.domain.accounts;
    const before = hasher.stats;
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => signInFrom(api, address(i), `burst-${i}`, 'a wrong password here')));
    const after = hasher.stats;
    const refused = answers.filter((a) => a.status === 503);
    expect(answers.every((a) => a.status === 401 || a.status === 503)).toBe(true);
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) expect(Number(r.retryAfter)).toBeGreaterThan(0);
    expect(after.started - before.started).toBe(100 - refused.length);
    expect(after.refused - before.refused).toBe(refused.length);
    expect(after.peakRunning).toBeLessThanOrEqual(hasher.concurrency);
    expect(hasher.concurrency).toBeLessThanOrEqual(2);
    api.clock.advance(16 * 60 * 1000);
  }, 60000);

});

describe('console sign-in under concurrency: scrypt at production cost', () => {
  let api: ApiBot;
  beforeAll(async () => {
    // the server's own hasher, as in production (no test hasher passed): what this test measures is scrypt's load
    api = await startApiBot({}, { passwordHasher: undefined });
  }, 60000);
  afterAll(async () => {
    await api?.bot.stop();
  });

  test('a flood of sign-ins (waves of 100 in a second) across names and addresses delays no chat turn by more than 100 ms', async () => {
    // the one test in the suite on production's scrypt cost, and the proof that a server uses it unless told otherwise
    expect(api.bot.domain.accounts.hasher.cost).toEqual(SCRYPT_COST);
    // warm-up: the first turns compile and optimise what later ones run (they get 5-10 times faster)
    for (let i = 0; i < 40; i += 1) await timedTurn(api);

    // The flood: waves of 100 sign-ins within a second (100 a second), each from its own address for its own name (a
    // spray no per-name or per-address limit stops); after each wave is answered, a quiet spell. Turns run all the
    // while at a person's pace, one every PACE_MS, each counted as with or without the flood by when it ran (a
    // turn that straddles a change is left out). Comparing turns interleaved in time, not a before with an after,
    // keeps the load of this shared 2-core machine (other work comes and goes) out of the difference.
    // (100 requests in the same millisecond hold the event loop for their HTTP handling alone, whatever the route:
    // ~1-2 ms each on this loaded machine; the burst test above covers that shape for the queue.)
    const PACE_MS = 100;
    const { hasher } = api.bot.domain.accounts;
    const before = hasher.stats.started;
    let phase = 'quiet' as 'flood' | 'quiet';
    let changes = 0;
    let done = false;
    const flood = floodFromAnotherProcess(api, { waves: 2, size: 100, first: 200, spreadMs: 1000, quietMs: 2000 }, (next) => {
      phase = next;
      changes += 1;
    }).finally(() => {
      done = true;
    });
    const baseline: number[] = [];
    const during: number[] = [];
    while (!done) {
      const [phaseBefore, changesBefore] = [phase, changes];
      const took = await timedTurn(api);
      if (changes === changesBefore) (phaseBefore === 'flood' ? during : baseline).push(took);
      await new Promise((r) => setTimeout(r, PACE_MS));
    }
    const statuses = await flood;

    // Extra time per turn, like for like: each percentile of the turns with the flood against the same percentile
    // of the turns without it.
    const at = (p: number): { without: number; with: number; extra: number } => {
      const without = percentile(baseline, p);
      const withFlood = percentile(during, p);
      return { without: Math.round(without), with: Math.round(withFlood), extra: Math.round(withFlood - without) };
    };
    const figures = {
      turns: { without: baseline.length, with: during.length },
      median: at(50),
      p95: at(95),
      p99: at(99),
      slowest: at(100),
      signInsChecked: hasher.stats.started - before,
      signInAnswers: Object.fromEntries([...new Set(statuses)].map((s) => [s, statuses.filter((x) => x === s).length])),
      scryptConcurrency: hasher.concurrency,
    };
    process.stderr.write(`\n  sign-in flood (turn times in ms): ${JSON.stringify(figures)}\n\n`);
    expect(statuses).toHaveLength(200);
    expect(statuses.every((s) => s === 401 || s === 503)).toBe(true);
    // the flood really ran scrypt during the turns, not only refusals (about a dozen checks a wave)
    expect(figures.signInsChecked).toBeGreaterThanOrEqual(20);
    expect(baseline.length).toBeGreaterThanOrEqual(20);
    expect(during.length).toBeGreaterThanOrEqual(20);
    // The flood adds less than 100 ms to the typical turn and to the 95th percentile, and none waits a second
    // (without the limit on scrypt, turns waited 11-30 s behind a flood). The 99th percentile is printed, not
    // asserted: in a full parallel test run other suites' load moves it by hundreds of ms, flood or not (seen:
    // 369 ms against 275); the bench is the place for tail figures.
    expect(figures.median.extra).toBeLessThan(100);
    expect(figures.p95.extra).toBeLessThan(100);
    expect(figures.slowest.with).toBeLessThan(1000);
  }, 180000);
});
