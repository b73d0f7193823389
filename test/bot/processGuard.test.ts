import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import * as path from 'node:path';
import { describeError } from '../../models/errorDescription';
import { installProcessGuard, type GuardedProcess } from '../../bot/processGuard';
import type { Logger } from '../../models/logger';
import { projectRoot } from '../../models/paths';
import { eventually } from '../support/eventually';

interface Logged {
  level: string;
  obj: object;
  msg?: string;
}

function recordingLogger(into: Logged[]): Logger {
  const at =
    (level: string) =>
    (obj: object, msg?: string): void => {
      into.push({ level, obj, msg });
    };
  const logger: Logger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), child: () => logger };
  return logger;
}

const PERSONAL = 'mario.rossi@example.org';

describe('process guard', () => {
  test('describeError keeps class, code and frames, never the message', () => {
    const err = Object.assign(new Error(`E11000 duplicate key { email: "${PERSONAL}" }`), { code: 11000 });
    const described = describeError(err);
    expect(described).toMatchObject({ type: 'Error', code: '11000' });
    expect((described.frames as string[]).length).toBeGreaterThan(0);
    expect((described.frames as string[]).every((f) => f.startsWith('at '))).toBe(true);
    expect(JSON.stringify(described)).not.toContain('mario');
    expect(describeError('a string with mario')).toEqual({ type: 'string' });
  });

  test('an unhandled rejection is logged and nothing stops; an uncaught exception stops once, then exits with 1', async () => {
    const logged: Logged[] = [];
    const target = new EventEmitter();
    const exits: number[] = [];
    let stops = 0;
    const uninstall = installProcessGuard(target as unknown as GuardedProcess, {
      logger: recordingLogger(logged),
      stop: async () => {
        stops += 1;
      },
      stopTimeoutMs: 5000,
      exit: (code) => exits.push(code),
    });

    target.emit('unhandledRejection', new Error(PERSONAL), Promise.resolve());
    expect(logged).toEqual([{ level: 'error', obj: { err: expect.objectContaining({ type: 'Error' }) }, msg: 'unhandled promise rejection: logged, still serving' }]);
    expect(stops).toBe(0);
    expect(exits).toEqual([]);

    target.emit('uncaughtException', new TypeError(PERSONAL));
    target.emit('uncaughtException', new RangeError(PERSONAL));
    await new Promise((r) => setImmediate(r));
    expect(stops).toBe(1);
    expect(exits).toEqual([1]);
    expect(logged.filter((l) => l.msg === 'uncaught exception: stopping for a restart')).toHaveLength(2);
    expect(JSON.stringify(logged)).not.toContain('mario');

    uninstall();
    expect(target.listenerCount('unhandledRejection')).toBe(0);
    expect(target.listenerCount('uncaughtException')).toBe(0);
  });

  test('a stop that hangs or fails still ends in exit 1', async () => {
    const exits: number[] = [];
    const hanging = new EventEmitter();
    installProcessGuard(hanging as unknown as GuardedProcess, { logger: recordingLogger([]), stop: () => new Promise(() => undefined), stopTimeoutMs: 50, exit: (code) => exits.push(code) });
    hanging.emit('uncaughtException', new Error('x'));
    await eventually(() => exits.length > 0, { what: 'the exit after the stop timeout' });
    expect(exits).toEqual([1]);

    const failing = new EventEmitter();
    const logged: Logged[] = [];
    installProcessGuard(failing as unknown as GuardedProcess, { logger: recordingLogger(logged), stop: () => Promise.reject(new Error('store gone')), stopTimeoutMs: 5000, exit: (code) => exits.push(code) });
    failing.emit('uncaughtException', new Error('x'));
    await new Promise((r) => setImmediate(r));
    expect(exits).toEqual([1, 1]);
    expect(logged.map((l) => l.msg)).toContain('graceful stop failed');
  });

  test('in a real process: the rejection is logged as JSON and it keeps running; the exception stops it gracefully; stderr stays empty', async () => {
    const child = spawn(process.execPath, ['-r', path.join(projectRoot, 'test/support/tsRegister.js'), path.join(__dirname, 'fixtures/guardedProcess.ts')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    const lines = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { msg: string; level: number; err?: { type: string } });
    // kept serving after the rejection; the exception's log line and the stop's may land in either order on a
    // loaded machine (seen once in a full run), so only what they say is checked, not their order
    const messages = lines.map((l) => l.msg);
    expect(messages.slice(0, 2)).toEqual(['unhandled promise rejection: logged, still serving', 'still serving']);
    expect([...messages.slice(2)].sort()).toEqual(['graceful stop ran', 'uncaught exception: stopping for a restart']);
    expect(lines[0].err?.type).toBe('Error');
    expect(lines.find((l) => l.msg.startsWith('uncaught exception'))?.err?.type).toBe('TypeError');
    expect(code).toBe(1);
    expect(err).toBe('');
    expect(out).not.toMatch(/mario|Mario|Roma/);
  }, 60000);
});
