#!/usr/bin/env node
/**
 * `npm run users|projects|content -- ...`: runs the compiled script from dist/, compiling first only when a source
 * changed since the last build this launcher made (or dist/ has no such build). Compiling is the slow part (tens of
 * seconds); comparing modification times takes milliseconds. Plain JavaScript, so it runs before anything is built.
 *
 *   node scripts/launch.js <script> [args...]
 */
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');
/** when the last build this launcher ran had started: sources changed after it are not in dist/ */
const stamp = path.join(dist, '.launch-build-stamp');
const SOURCE_DIRS = ['bot', 'dialogs', 'models', 'scripts'];
const SOURCE_FILES = ['tsconfig.json', 'tsconfig.build.json'];

function newestSourceMtime() {
  let newest = 0;
  const visit = (dir) => {
    let entries;
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  };
  for (const dir of SOURCE_DIRS) visit(path.join(root, dir));
  for (const file of SOURCE_FILES) {
    try {
      newest = Math.max(newest, fs.statSync(path.join(root, file)).mtimeMs);
    } catch {
      // not there: nothing to compare
    }
  }
  return newest;
}

function mtimeOf(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

function build() {
  const startedAt = new Date();
  process.stderr.write('compiling (the sources changed since the last build)...\n');
  const tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
  const result = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  fs.mkdirSync(dist, { recursive: true });
  fs.writeFileSync(stamp, `${startedAt.toISOString()}\n`);
  // the start of the build, not its end: a source saved while it ran is newer, and compiled next time
  fs.utimesSync(stamp, startedAt, startedAt);
}

const [name, ...args] = process.argv.slice(2);
if (!name || !/^[a-z][a-z0-9-]*$/.test(name)) {
  process.stderr.write('usage: node scripts/launch.js <script> [args...]\n');
  process.exit(2);
}
const target = path.join(dist, 'scripts', `${name}.js`);
const built = mtimeOf(stamp);
if (built === undefined || mtimeOf(target) === undefined || newestSourceMtime() > built) build();

const child = spawn(process.execPath, ['--disable-warning=DEP0111', target, ...args], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => {
  if (signal) {
    // die of the same signal, as a shell expects; our own forwarding handler must not catch it
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  }
  else process.exit(code ?? 1);
});
