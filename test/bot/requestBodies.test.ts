import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import * as zlib from 'node:zlib';
import type { RunningBot } from '../../bot/index';
import { startTestBot } from '../support/botServer';

/**
 * Request bodies are bounded by MAX_BODY_BYTES as the server will hold them, i.e. after decoding: a small gzip,
 * deflate or brotli body that inflates to hundreds of megabytes is cut at the limit and answered 413 before any
 * parsing or authentication, on every route, without the process's memory following the bomb.
 */
const MB = 1024 * 1024;
const BOMB_INFLATED = 200 * MB;

/** `size` zero bytes through a compressor, streamed: the test itself never holds the inflated bomb. */
async function compressedZeros(size: number, compressor: zlib.Gzip | zlib.Deflate | zlib.BrotliCompress): Promise<Buffer> {
  const out: Buffer[] = [];
  compressor.on('data', (chunk: Buffer) => out.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    compressor.once('end', resolve);
    compressor.once('error', reject);
  });
  const block = Buffer.alloc(MB);
  for (let written = 0; written < size; written += block.length) {
    if (!compressor.write(block)) await new Promise((resolve) => compressor.once('drain', resolve));
  }
  compressor.end();
  await done;
  return Buffer.concat(out);
}

interface Answer {
  status: number;
  json: { error?: { code?: string; reason?: string }; activities?: unknown[] };
  ms: number;
}

async function send(url: string, body: Buffer | string, headers: Record<string, string>): Promise<Answer> {
  const started = Date.now();
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : new Uint8Array(body) });
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as Answer['json']) : {}, ms: Date.now() - started };
}

/** The process's memory outside the code: JS heap plus Buffers (where a request body lives). */
function memoryInUse(): number {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

/** Runs `work` while sampling memory; resolves to its result and the highest use seen above the start. */
async function withPeakMemory<T>(work: () => Promise<T>): Promise<{ result: T; peakAboveStart: number }> {
  global.gc?.();
  const startUse = memoryInUse();
  let peak = startUse;
  const sampler = setInterval(() => (peak = Math.max(peak, memoryInUse())), 5);
  try {
    const result = await work();
    peak = Math.max(peak, memoryInUse());
    return { result, peakAboveStart: peak - startUse };
  } finally {
    clearInterval(sampler);
  }
}

function activity(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'message',
    id: randomUUID(),
    text: 'ciao',
    channelId: 'emulator',
    serviceUrl: 'http://127.0.0.1:1',
    conversation: { id: `conv-${randomUUID()}` },
    from: { id: `user-${randomUUID()}`, name: 'Worker' },
    recipient: { id: 'bot' },
    locale: 'it-IT',
    deliveryMode: 'expectReplies',
    ...extra,
  };
}

describe('compressed request bodies are limited by their decoded size', () => {
  let bot: RunningBot;
  const bombs: Record<'gzip' | 'deflate' | 'br', Buffer> = { gzip: Buffer.alloc(0), deflate: Buffer.alloc(0), br: Buffer.alloc(0) };
  beforeAll(async () => {
    bot = await startTestBot();
    bombs.gzip = await compressedZeros(BOMB_INFLATED, zlib.createGzip({ level: 9 }));
    bombs.deflate = await compressedZeros(BOMB_INFLATED, zlib.createDeflate({ level: 9 }));
    bombs.br = await compressedZeros(BOMB_INFLATED, zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } }));
  }, 120000);
  afterAll(async () => {
    await bot.stop();
  });

  test('the bombs are real: a few hundred KB at most that inflate to 200 MB', () => {
    expect(bombs.gzip.length).toBeLessThan(256 * 1024);
    expect(bombs.gzip.length).toBeGreaterThan(100 * 1024);
    expect(zlib.gunzipSync(bombs.gzip.subarray(0, 64 * 1024), { finishFlush: zlib.constants.Z_SYNC_FLUSH }).length).toBeGreaterThan(10 * MB);
  });

  const routes = ['/api/messages', '/api/directline/token', '/v3/directline/conversations', '/v3/conversations/c1/activities', '/console/api/login', '/api/eligibility', '/api/referrals/AR-XXXXX/claim'];

  test.each(routes)('a gzip bomb to %s -> 413 PAYLOAD_TOO_LARGE, quickly', async (route) => {
    const answer = await send(`${bot.url}${route}`, bombs.gzip, { 'content-encoding': 'gzip', authorization: 'Bearer whatever' });
    expect(answer.status).toBe(413);
    expect(answer.json.error?.code).toBe('PAYLOAD_TOO_LARGE');
    expect(answer.json.error?.reason).toMatch(/once decoded/);
    expect(answer.ms).toBeLessThan(5000);
  });

  test.each(['deflate', 'br'] as const)('a %s bomb -> 413 too', async (coding) => {
    const answer = await send(`${bot.url}/api/messages`, bombs[coding], { 'content-encoding': coding });
    expect(answer.status).toBe(413);
    expect(answer.json.error?.code).toBe('PAYLOAD_TOO_LARGE');
  });

  test('eight bombs at once: all 413, memory stays far below one inflated bomb, and chat goes on', async () => {
    const { result, peakAboveStart } = await withPeakMemory(() =>
      Promise.all(
        Array.from({ length: 8 }, (_, i) => {
          const coding = (['gzip', 'deflate', 'br'] as const)[i % 3];
          return send(`${bot.url}/api/messages`, bombs[coding], { 'content-encoding': coding });
        }),
      ),
    );
    expect(result.map((answer) => answer.status)).toEqual(Array(8).fill(413));
    // 8 x 200 MB would be 1.6 GB; what is held is at most the limit per request, plus the runtime's own churn
    expect(peakAboveStart).toBeLessThan(64 * MB);
    const after = await send(`${bot.url}/api/messages`, JSON.stringify(activity()), {});
    expect(after.status).toBe(200);
  });

  test.each([
    ['gzip', (data: Buffer) => zlib.gzipSync(data)],
    ['x-gzip', (data: Buffer) => zlib.gzipSync(data)],
    ['deflate', (data: Buffer) => zlib.deflateSync(data)],
    ['br', (data: Buffer) => zlib.brotliCompressSync(data)],
    ['identity', (data: Buffer) => data],
  ])('a small %s body is decoded and answered normally', async (coding, encode) => {
    const answer = await send(`${bot.url}/api/messages`, encode(Buffer.from(JSON.stringify(activity()))), { 'content-encoding': coding });
    expect(answer.status).toBe(200);
    expect(answer.json.activities?.length).toBeGreaterThan(0);
  });

  test.each(['compress', 'zstd', 'gzip, br'])('content encoding "%s" -> 415 with the encodings we take', async (coding) => {
    const response = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': coding }, body: 'xxxx' });
    expect(response.status).toBe(415);
    expect(response.headers.get('accept-encoding')).toBe('gzip, deflate, br');
    expect(((await response.json()) as Answer['json']).error?.code).toBe('UNSUPPORTED_CONTENT_ENCODING');
  });

  test('a body that is not the gzip it claims -> 400', async () => {
    const answer = await send(`${bot.url}/api/messages`, 'this is not gzip at all', { 'content-encoding': 'gzip' });
    expect(answer.status).toBe(400);
    expect(answer.json.error?.code).toBe('INVALID_BODY_ENCODING');
  });
});

describe('plain bodies: the limit and what Teams sends', () => {
  let bot: RunningBot;
  beforeAll(async () => {
    bot = await startTestBot({ MAX_BODY_BYTES: '65536' });
  });
  afterAll(async () => {
    await bot.stop();
  });

  test('a 30 KB message (Teams delivers about 28 KB) is taken by the HTTP layer', async () => {
    const text = 'Lavoro in una azienda in crisi e vorrei sapere se posso partecipare. '.repeat(450).slice(0, 30 * 1024);
    const answer = await send(`${bot.url}/api/messages`, JSON.stringify(activity({ text })), {});
    expect(answer.status).toBe(200);
    expect(answer.json.activities?.length).toBeGreaterThan(0);
  }, 60000);

  test('a declared body over MAX_BODY_BYTES -> 413 in the error shape, before it is read', async () => {
    const answer = await send(`${bot.url}/api/messages`, JSON.stringify(activity({ text: 'x'.repeat(70000) })), {});
    expect(answer.status).toBe(413);
    expect(answer.json).toEqual({ error: { code: 'PAYLOAD_TOO_LARGE', reason: expect.stringMatching(/larger than 65536 bytes/) } });
  });

  test('a chunked body (no Content-Length) that grows past the limit -> 413', async () => {
    const { port } = new URL(bot.url);
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/api/messages', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      const piece = Buffer.alloc(8192, 'a');
      let sent = 0;
      const pump = (): void => {
        while (sent < 100 * 8192) {
          sent += 1 * 8192;
          if (!req.write(piece)) {
            req.once('drain', pump);
            return;
          }
        }
        req.end();
      };
      req.write('{"type":"message","text":"');
      pump();
    }).catch((err: Error) => ({ status: -1, body: err.message }));
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
  });
});
