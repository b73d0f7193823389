import { routeConsoleToLogger } from '../../bot/logger';
import type { Logger } from '../../models/logger';

/** What libraries print with console.* lands in the JSON log, one entry per call, and nothing on stderr. */
describe('console output of libraries goes to the logger', () => {
  test('an error with its stack is one entry: first line as the message, the rest as detail; console comes back', () => {
    const entries: Array<{ level: string; obj: Record<string, unknown>; msg?: string }> = [];
    const record = (level: string) => (obj: object, msg?: string) => void entries.push({ level, obj: obj as Record<string, unknown>, msg });
    const logger: Logger = { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error'), child: () => logger };
    const stderrWrite = jest.spyOn(process.stderr, 'write');
    const original = console.error;
    const restore = routeConsoleToLogger(logger);
    try {
      console.error(new Error('Signing Key could not be retrieved.'));
      console.warn('BadRequest: Missing activity or activity type.');
      console.log('Activity Log:', { type: 'message' });
    } finally {
      restore();
    }
    const written = stderrWrite.mock.calls.length;
    stderrWrite.mockRestore();
    expect(written).toBe(0);
    expect(console.error).toBe(original);
    expect(entries.map((e) => [e.level, e.msg])).toEqual([
      ['error', 'Error: Signing Key could not be retrieved.'],
      ['warn', 'BadRequest: Missing activity or activity type.'],
      ['info', "Activity Log: { type: 'message' }"],
    ]);
    expect(entries[0].obj).toMatchObject({ source: 'console', detail: expect.stringMatching(/^\s+at /) });
    expect(entries[1].obj).toEqual({ source: 'console' });
  });
});
