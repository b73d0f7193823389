import * as fs from 'node:fs';

/**
 * `node dist/scripts/profile-summary.js <file.cpuprofile> [top] [soak report]`: a V8 CPU profile's self time by
 * function and by package or project folder, and the total time under each of the project's own functions, so a
 * profile is read without a browser. With the report of a soak run with `--log-stalls` and the bot's node flags
 * `--cpu-prof` (`npm run bench:growth -- --part soak --log-stalls "--node-flags=--cpu-prof --cpu-prof-dir=DIR"`),
 * only the samples inside the busy ticks it lists ("monotonic us FROM-TO": the clock of the profile's samples):
 * what held the main thread in them.
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  /** microseconds on the monotonic clock (process.hrtime's) */
  startTime: number;
}

/** The busy ticks a soak report lists, as [from, to] in monotonic microseconds. */
function busyTicksOf(report: string): Array<[number, number]> {
  return [...report.matchAll(/monotonic us (\d+)-(\d+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

function where(url: string): string {
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const dist = url.indexOf('/dist/');
  if (dist >= 0) return url.slice(dist + 6).split('/').slice(0, 2).join('/');
  if (url.startsWith('node:')) return url;
  return url === '' ? '(vm)' : url;
}

function main(): void {
  const file = process.argv[2];
  const top = Number(process.argv[3] ?? 40);
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  const windows = process.argv[4] ? busyTicksOf(fs.readFileSync(process.argv[4], 'utf8')) : undefined;
  if (windows) process.stdout.write(`only the samples in ${windows.length} busy ticks of ${process.argv[4]}\n`);
  let sampledAt = profile.startTime;
  profile.samples.forEach((id, i) => {
    sampledAt += profile.timeDeltas[i];
    if (windows && !windows.some(([from, to]) => sampledAt >= from && sampledAt <= to)) return;
    self.set(id, (self.get(id) ?? 0) + profile.timeDeltas[i]);
  });
  let total = 0;
  const fn = new Map<string, number>();
  const pkg = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const [id, us] of self) {
    total += us;
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || '(anon)'} ${where(url)}:${lineNumber + 1}`;
    fn.set(key, (fn.get(key) ?? 0) + us);
    pkg.set(where(url), (pkg.get(where(url)) ?? 0) + us);
    // inclusive time of every distinct frame on the stack
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (!frame) break;
      const k = `${frame.functionName || '(anon)'} ${where(frame.url)}:${frame.lineNumber + 1}`;
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + us);
    }
  }
  const print = (title: string, map: Map<string, number>, filter: (k: string) => boolean = () => true): void => {
    process.stdout.write(`\n${title}\n`);
    [...map].filter(([k]) => filter(k)).sort((a, b) => b[1] - a[1]).slice(0, top).forEach(([k, us]) => process.stdout.write(`${(us / 1000).toFixed(0).padStart(8)} ms ${((us / total) * 100).toFixed(1).padStart(5)}%  ${k}\n`));
  };
  process.stdout.write(`total ${(total / 1000).toFixed(0)} ms sampled\n`);
  print('self time by package/folder', pkg);
  print('self time by function', fn);
  print('inclusive time, project functions', inclusive, (k) => / (bot|dialogs|models|scripts)\//.test(k));
}

main();
