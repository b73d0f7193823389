#!/usr/bin/env node
/**
 * `npm test`'s checks that do not depend on each other (the type-check and the lint) run at once: each mostly
 * builds its own TypeScript program on one core, so together they take about as long as the slower one alone.
 * Each script's output is printed whole when it ends (not interleaved); the exit code is the first failure's, 0 only
 * if every script passed. Plain JavaScript, so it runs before anything is built.
 *
 *   node scripts/run-parallel.js <npm script> [<npm script>...]
 */
'use strict';
const { spawn } = require('node:child_process');

const scripts = process.argv.slice(2);
if (scripts.length === 0) {
  process.stderr.write('usage: node scripts/run-parallel.js <npm script> [<npm script>...]\n');
  process.exit(2);
}

// npm sets npm_execpath when it runs us; otherwise (node scripts/run-parallel.js by hand) use npm from the PATH
const npm = process.env.npm_execpath ? [process.execPath, [process.env.npm_execpath]] : [process.platform === 'win32' ? 'npm.cmd' : 'npm', []];

function run(script) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(npm[0], [...npm[1], 'run', script], { stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32' });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    const done = (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      process.stdout.write(`> ${script}: ${code === 0 ? 'passed' : `FAILED (exit ${code})`} in ${seconds} s\n`);
      process.stdout.write(Buffer.concat(output));
      resolve(code);
    };
    child.once('error', (err) => {
      output.push(Buffer.from(`${err.message}\n`));
      done(1);
    });
    child.once('close', (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

void Promise.all(scripts.map(run)).then((codes) => {
  process.exitCode = codes.find((code) => code !== 0) ?? 0;
});
