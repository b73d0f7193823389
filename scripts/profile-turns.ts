import { fork, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { productionNodeFlags } from './productionNodeFlags';
import { PRECHECK, REFERRAL, activity, answeredQuestions, type Step } from './bench-turns';

/**
 * `node dist/scripts/profile-turns.js precheck|referral|faq|menu|echo [seconds] [walkers]`: the bench's pre-check or
 * referral script (scripts/bench-turns.ts), its FAQ questions (those the bot answers; one a turn, in 50 conversations), a menu turn, or the echo bot's turn, walked by a few concurrent virtual
 * users against the bot in a process of its own (scripts/benchServers.ts) run with `--cpu-prof`, so the profile holds
 * the bot's turns and not the load generator. Prints turns/s, the mean turn, the server's CPU time per turn (what a
 * loaded shared machine changes least: compare builds with it) and where the profile was written (PROFILE_DIR,
 * default a temporary folder; PROFILE_OFF=1: no profile; PROFILE_DIST: another build's dist/); read it with Chrome's
 * DevTools or `node dist/scripts/profile-summary.js <file>`.
 */
async function main(): Promise<void> {
  const kind = (['referral', 'faq', 'menu', 'echo'] as const).find((k) => k === process.argv[2]) ?? 'precheck';
  const seconds = Number(process.argv[3] ?? 20);
  const walkers = Number(process.argv[4] ?? 8);
  let questions: Array<{ q: string; locale: string }> = [];
  const faq: Step = { say: (u) => questions[u % questions.length].q };
  const steps: Step[] = kind === 'referral' ? REFERRAL : kind === 'precheck' ? PRECHECK : kind === 'faq' ? [faq] : kind === 'menu' ? [{ say: () => 'menu', expect: /Come posso aiutarti/ }] : [{ say: () => 'ciao', expect: /echo: ciao/ }];
  const dir = process.env.PROFILE_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'adr-profile-'));
  const dist = process.env.PROFILE_DIST ? path.resolve(process.env.PROFILE_DIST) : path.join(__dirname, '..');
  const child = fork(path.join(dist, 'scripts', 'benchServers.js'), [kind === 'echo' ? 'echo' : 'bot'], {
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    execArgv: [...productionNodeFlags(), ...(process.env.PROFILE_OFF ? [] : ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=200'])],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
    child.once('exit', (code) => reject(new Error(`bot exited with ${code}`)));
  });
  if (kind === 'faq') questions = await answeredQuestions(port);
  let turns = 0;
  let offScript = 0;
  let busyMs = 0;
  let user = 0;
  const post = async (body: string): Promise<string> => {
    const response = await fetch(`http://127.0.0.1:${port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    return response.text();
  };
  const walk = async (until: number, counted: boolean): Promise<void> => {
    while (Date.now() < until) {
      const u = user++;
      for (const step of steps) {
        const started = performance.now();
        const locale = kind === 'faq' ? questions[u % questions.length].locale : step.locale;
        const conversation = kind === 'faq' ? u % 50 : u;
        const reply = await post(activity(step.say(u), `profile-${kind}-${conversation}`, `profile-user-${conversation}`, locale));
        if (!counted) continue;
        busyMs += performance.now() - started;
        turns += 1;
        if (step.expect && !step.expect.test(reply)) offScript += 1;
      }
    }
  };
  // warm-up (JIT, first writes), then the timed stretch
  await Promise.all(Array.from({ length: walkers }, () => walk(Date.now() + 3000, false)));
  const cpuBefore = await serverCpuMs(child);
  const started = Date.now();
  await Promise.all(Array.from({ length: walkers }, () => walk(started + seconds * 1000, true)));
  const elapsed = (Date.now() - started) / 1000;
  const cpuPerTurn = ((await serverCpuMs(child)) - cpuBefore) / Math.max(1, turns);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
  const profiles = fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  process.stdout.write(`${kind}: ${turns} turns in ${elapsed.toFixed(1)} s = ${(turns / elapsed).toFixed(0)} turns/s, mean ${(busyMs / Math.max(1, turns)).toFixed(1)} ms, server CPU ${cpuPerTurn.toFixed(2)} ms per turn, ${offScript} off-script; profile ${profiles.map((f) => path.join(dir, f)).join(' ')}\n`);
}

/** The server process's CPU time so far (user + system), asked over IPC (scripts/benchServers.ts). */
function serverCpuMs(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    const onMessage = (message: unknown): void => {
      const m = message as { eventLoop?: { cpuMs: number } };
      if (!m.eventLoop) return;
      child.off('message', onMessage);
      resolve(m.eventLoop.cpuMs);
    };
    child.on('message', onMessage);
    child.send({ eventLoop: 'cpu' });
  });
}

main().catch((err: Error) => {
  process.stderr.write(`profile failed: ${err.stack ?? err.message}\n`);
  process.exit(1);
});
