import * as http from 'node:http';
import * as net from 'node:net';
import { applyHttpTimeouts, DEFAULT_HTTP_TIMEOUTS } from '../../bot/http/timeouts';
import type { RunningBot } from '../../bot/index';
import { buildTestServer, startTestBot } from '../support/botServer';

/**
 * A client that sends its headers, or its body, a byte at a time holds a socket and a parser for as long as it
 * likes unless the server cuts it. Node's defaults (300 s for a request, checked every 30 s) let a slow body live
 * past two minutes; the bot cuts it within 30 s.
 */

interface SlowClient {
  /** ms from connecting to the server closing the socket */
  closedAfterMs: number;
  /** what the server wrote before closing (a 408, if anything) */
  answer: string;
  bytesSent: number;
}

/** Connects, sends `head` at once, then one byte of `drip` every `everyMs` until the server closes the socket. */
async function slowClient(url: string, head: string, drip: string, everyMs: number, giveUpMs: number): Promise<SlowClient> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = net.connect(Number(port), hostname);
    let answer = '';
    let bytesSent = 0;
    let timer: NodeJS.Timeout | undefined;
    const giveUp = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server kept the slow socket open for ${giveUpMs} ms`));
    }, giveUpMs);
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    socket.on('close', () => {
      clearInterval(timer);
      clearTimeout(giveUp);
      resolve({ closedAfterMs: Date.now() - started, answer, bytesSent });
    });
    socket.on('error', () => undefined);
    socket.on('connect', () => {
      socket.write(head);
      timer = setInterval(() => {
        if (socket.destroyed) return;
        socket.write(drip[bytesSent % drip.length]);
        bytesSent += 1;
      }, everyMs);
    });
  });
}

const SLOW_BODY_HEAD = 'POST /api/messages HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n';

describe('HTTP timeouts (what the server is set to)', () => {
  test('by default a slow body or slow headers are cut within 30 s', () => {
    expect(DEFAULT_HTTP_TIMEOUTS.requestTimeoutMs + DEFAULT_HTTP_TIMEOUTS.checkIntervalMs).toBeLessThanOrEqual(30000);
    expect(DEFAULT_HTTP_TIMEOUTS.headersTimeoutMs + DEFAULT_HTTP_TIMEOUTS.checkIntervalMs).toBeLessThanOrEqual(30000);
    expect(DEFAULT_HTTP_TIMEOUTS.keepAliveTimeoutMs).toBeLessThan(DEFAULT_HTTP_TIMEOUTS.headersTimeoutMs);
  });

  test('they are set on a Node server, headers never later than the request', () => {
    const server = http.createServer();
    applyHttpTimeouts(server, { headersTimeoutMs: 9000, requestTimeoutMs: 5000 });
    expect(server.requestTimeout).toBe(5000);
    expect(server.headersTimeout).toBe(5000);
    expect(server.keepAliveTimeout).toBe(DEFAULT_HTTP_TIMEOUTS.keepAliveTimeoutMs);
    expect((server as http.Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval).toBe(DEFAULT_HTTP_TIMEOUTS.checkIntervalMs);
  });
});

describe('slow clients on the real server (timeouts shortened for the test)', () => {
  let bot: RunningBot;
  beforeAll(async () => {
    bot = await startTestBot({}, { httpTimeouts: { headersTimeoutMs: 800, requestTimeoutMs: 1000, checkIntervalMs: 200 } });
  });
  afterAll(async () => {
    await bot.stop();
  });

  test('a body sent a byte at a time is cut with 408 soon after the request timeout', async () => {
    const client = await slowClient(bot.url, SLOW_BODY_HEAD, '{"type":"message"', 100, 15000);
    expect(client.closedAfterMs).toBeGreaterThanOrEqual(950);
    expect(client.closedAfterMs).toBeLessThan(5000);
    expect(client.answer).toMatch(/^HTTP\/1\.1 408/);
  });

  test('headers sent a byte at a time are cut too', async () => {
    const client = await slowClient(bot.url, 'GET /healthz HTTP/1.1\r\n', 'X-Slow: aaaaaaaaaaaaaaaaaaaa\r\n', 100, 15000);
    expect(client.closedAfterMs).toBeLessThan(5000);
  });

  test('several slow clients at once do not stop others from being served', async () => {
    const slow = Array.from({ length: 5 }, () => slowClient(bot.url, SLOW_BODY_HEAD, 'x', 200, 15000));
    const started = Date.now();
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(1000);
    for (const client of await Promise.all(slow)) expect(client.closedAfterMs).toBeLessThan(5000);
  });
});

describe('the server as built, without timeouts given', () => {
  // Node cutting a slow client at these values is shown above with shorter ones; here, that the composition root
  // puts the defaults (a slow body closed within 30 s) on the server it builds when no one shortens them.
  test('has the default timeouts: a slow body is closed within 30 s', async () => {
    const built = await buildTestServer();
    try {
      const server = built.server.server as http.Server & { connectionsCheckingInterval: number };
      expect(server.requestTimeout).toBe(DEFAULT_HTTP_TIMEOUTS.requestTimeoutMs);
      expect(server.headersTimeout).toBe(DEFAULT_HTTP_TIMEOUTS.headersTimeoutMs);
      expect(server.keepAliveTimeout).toBe(DEFAULT_HTTP_TIMEOUTS.keepAliveTimeoutMs);
      expect(server.connectionsCheckingInterval).toBe(DEFAULT_HTTP_TIMEOUTS.checkIntervalMs);
      expect(server.requestTimeout + server.connectionsCheckingInterval).toBeLessThanOrEqual(30000);
    } finally {
      await built.stop();
    }
  });
});
