import type { RunningBot } from '../../bot/index';
import { startTestBot } from '../support/botServer';

/**
 * An unknown route or method answers in the API's error shape with a bounded reason: restify's own message repeats
 * the whole URL ("/x... does not exist"), so a long URL came back whole (issue 16: a 100 KB URL, a 100 KB answer).
 */
describe('unknown routes and methods', () => {
  let bot: RunningBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => {
    await bot.stop();
  });

  async function get(path: string, method = 'GET'): Promise<{ status: number; text: string }> {
    const response = await fetch(`${bot.url}${path}`, { method });
    return { status: response.status, text: await response.text() };
  }

  test('a 404 for a 12 KB path says so in a fixed sentence, without the path', async () => {
    const path = `/no-such-route/${'a'.repeat(12 * 1024)}`;
    const answer = await get(path);
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.text)).toEqual({ error: { code: 'RESOURCE_NOT_FOUND', reason: 'no such resource' } });
    expect(answer.text.length).toBeLessThan(200);
  });

  test('a 100 KB URL gets a short answer (the HTTP layer refuses headers that long) and the server goes on', async () => {
    const answer = await get(`/no-such-route?q=${'b'.repeat(100 * 1024)}`);
    expect([404, 414, 431]).toContain(answer.status);
    expect(answer.text.length).toBeLessThan(1024);
    expect((await get('/healthz')).status).toBe(200);
  });

  test('a wrong method on a known route is a 405 in the same shape, without the URL', async () => {
    const answer = await get(`/healthz?${'c'.repeat(8 * 1024)}`, 'DELETE');
    expect(answer.status).toBe(405);
    const body = JSON.parse(answer.text) as { error: { code: string; reason: string } };
    expect(body.error.code).toBe('METHOD_NOT_ALLOWED');
    expect(body.error.reason.length).toBeLessThanOrEqual(200);
    expect(answer.text).not.toContain('cccc');
  });
});
