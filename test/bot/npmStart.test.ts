import { spawn } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { projectRoot } from '../../models/paths';
import { tempDir } from '../support/adapters';
import { freePort } from '../support/childBot';
import { eventually } from '../support/eventually';

/**
 * `npm start` runs its script under `sh -c`; npm passes SIGTERM to that shell, and a shell that merely runs node
 * as its child dies and leaves node serving (seen: stopping `npm start` by its pid left the bot up). The script
 * `exec`s node, so node is npm's child and gets the signal itself. This runs the real `npm start` with the real
 * script; only what it runs, dist/bot/index.js, is a shim onto the sources (no 40 s build in a test).
 */
const pkg = JSON.parse(require('node:fs').readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

describe('npm start', () => {
  test('the start script execs node, so npm\'s signals reach the bot', () => {
    expect(pkg.scripts.start).toMatch(/^exec node .*dist\/bot\/index\.js$/);
  });

  test('SIGTERM to npm\'s pid stops the bot gracefully and frees its port', async () => {
    const dir = await tempDir('adr-npm-start-');
    await fs.mkdir(path.join(dir, 'dist', 'bot'), { recursive: true });
    await fs.writeFile(path.join(dir, 'package.json'), JSON.stringify({ name: 'npm-start-check', private: true, scripts: { start: pkg.scripts.start } }));
    await fs.writeFile(
      path.join(dir, 'dist', 'bot', 'index.js'),
      // the bot's pid is written down so that a failing test can still end the process it started
      `require('node:fs').writeFileSync(${JSON.stringify(path.join(dir, 'bot.pid'))}, String(process.pid));\n` +
        `require(${JSON.stringify(path.join(projectRoot, 'test/support/tsRegister.js'))});\nrequire(${JSON.stringify(path.join(projectRoot, 'bot/index.ts'))}).main();\n`,
    );
    const port = await freePort();
    const inherited = { ...process.env };
    delete inherited.MONGODB_URI;
    const npm = spawn('npm', ['start', '--silent'], {
      cwd: dir,
      env: { ...inherited, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: path.join(dir, 'data'), LOG_LEVEL: 'info', npm_config_update_notifier: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    npm.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    npm.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => npm.once('exit', (code) => resolve(code)));
    try {
      await eventually(() => out.includes('"msg":"listening"'), { withinMs: 60000, everyMs: 100, what: 'npm start listening' });
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

      npm.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(out).toContain('"msg":"stopped"');
      await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
      // the bot's own process is gone, not only npm
      const botPid = Number(await fs.readFile(path.join(dir, 'bot.pid'), 'utf8'));
      expect(() => process.kill(botPid, 0)).toThrow();
    } finally {
      if (npm.exitCode === null) npm.kill('SIGKILL');
      const botPid = Number(await fs.readFile(path.join(dir, 'bot.pid'), 'utf8').catch(() => '0'));
      if (botPid > 0) {
        try {
          process.kill(botPid, 'SIGKILL');
        } catch {
          // already gone, as it should be
        }
      }
    }
  }, 90000);
});
