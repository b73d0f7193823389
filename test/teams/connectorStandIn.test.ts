/**
 * The Connector stand-in counts a call as accepted only when its caller is still there to hear the answer: a caller
 * killed while its call was held is never answered, even when the hold is released in the very tick its exit is
 * seen (before the stand-in has read the closed socket), which the two-instance test's kill mid-send relies on.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { eventually } from '../support/eventually';
import { ConnectorStandIn } from './connectorStandIn';

/** A separate process that posts one activity to the stand-in and waits for the answer (printing its status). */
function caller(url: string, conversationId: string): { child: ChildProcess; status: Promise<string> } {
  const script =
    "const http = require('node:http');" +
    'const body = JSON.stringify({ type: "message", text: "ciao" });' +
    `const req = http.request(new URL(${JSON.stringify(`v3/conversations/${conversationId}/activities`)}, ${JSON.stringify(url)}), { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },` +
    ' (res) => { process.stdout.write(String(res.statusCode)); res.resume(); });' +
    'req.end(body);';
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const status = new Promise<string>((resolve) => child.on('exit', () => resolve(out)));
  return { child, status };
}

describe('Connector stand-in', () => {
  let connector: ConnectorStandIn;
  beforeEach(async () => {
    connector = await new ConnectorStandIn().start();
  });
  afterEach(async () => {
    await connector.stop();
  });

  test('a held call whose caller was killed is not accepted, even when released in the tick the exit is seen', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    connector.hold = () => held;
    const { child } = caller(connector.url, 'conv-killed');
    await eventually(() => connector.attempts.length === 1, { what: 'the call to reach the stand-in' });
    // released synchronously in the exit's own callback: the stand-in has not read the closed socket yet
    child.on('exit', () => release());
    child.kill('SIGKILL');
    await eventually(() => connector.abandoned.length + connector.calls.length === 1, { what: 'the stand-in to decide on the call' });
    expect(connector.calls).toEqual([]);
    expect(connector.abandoned.map((c) => c.conversationId)).toEqual(['conv-killed']);
    expect(connector.posts('conv-killed')).toEqual([]);
  });

  test('a held call whose caller is alive is answered and accepted once released', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    connector.hold = () => held;
    const { status } = caller(connector.url, 'conv-alive');
    await eventually(() => connector.attempts.length === 1, { what: 'the call to reach the stand-in' });
    release();
    expect(await status).toBe('200');
    expect(connector.posts('conv-alive')).toHaveLength(1);
    expect(connector.abandoned).toEqual([]);
  });
});
