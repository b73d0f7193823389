import { ConfigError, loadConfig, VARIABLES } from '../../bot/config';
import { webChatMode } from '../../bot/http/webChatRoute';
import { start, type RunningBot } from '../../bot/index';
import { silentLogger } from '../../models/logger';
import { tempDir } from '../support/adapters';

/** The token endpoint against Azure Bot Service Direct Line, with the HTTP boundary stubbed. */
const SECRET = 'azure-direct-line-secret-DO-NOT-LEAK';

interface Call {
  url: string;
  init: RequestInit;
}

function stubFetch(answer: () => Promise<Response> | Response): { calls: Call[]; fetch: (url: string, init: RequestInit) => Promise<Response> } {
  const calls: Call[] = [];
  return {
    calls,
    fetch: async (url, init) => {
      calls.push({ url, init });
      return answer();
    },
  };
}

async function startBot(env: Record<string, string>, fetchImpl?: (url: string, init: RequestInit) => Promise<Response>): Promise<RunningBot> {
  return start({ env: { PORT: '0', HOST: '127.0.0.1', DATA_DIR: await tempDir('adr-dl-'), LOG_LEVEL: 'silent', ...env }, logger: silentLogger, fetch: fetchImpl });
}

async function postToken(bot: RunningBot): Promise<{ status: number; text: string; json: Record<string, unknown> }> {
  const response = await fetch(`${bot.url}/api/directline/token`, { method: 'POST' });
  const text = await response.text();
  return { status: response.status, text, json: JSON.parse(text) as Record<string, unknown> };
}

describe('the token endpoint with DIRECT_LINE_SECRET (Azure Bot Service)', () => {
  // One bot for the suite; each test says what the stubbed Direct Line answers.
  let answer: () => Promise<Response> | Response = () => Response.json({});
  const stub = stubFetch(() => answer());
  let bot: RunningBot;
  beforeAll(async () => {
    bot = await startBot({ DIRECT_LINE_SECRET: SECRET }, stub.fetch);
  });
  afterAll(async () => {
    await bot.stop();
  });
  beforeEach(() => {
    stub.calls.length = 0;
  });

  test('exchanges the secret as a Bearer for a token with a dl_ user, and never returns the secret', async () => {
    answer = () => Response.json({ conversationId: 'AzureConv-1', token: 'azure.token.value', expires_in: 1800 });
    const result = await postToken(bot);
    expect(result.status).toBe(200);
    expect(result.json).toEqual({ token: 'azure.token.value', conversationId: 'AzureConv-1', expires_in: 1800, domain: 'https://directline.botframework.com/v3/directline' });
    expect(result.text).not.toContain(SECRET);
    expect(stub.calls).toHaveLength(1);
    const [call] = stub.calls;
    expect(call.url).toBe('https://directline.botframework.com/v3/directline/tokens/generate');
    expect(call.init.method).toBe('POST');
    expect((call.init.headers as Record<string, string>).Authorization).toBe(`Bearer ${SECRET}`);
    const sent = JSON.parse(String(call.init.body)) as { user: { id: string } };
    expect(sent.user.id).toMatch(/^dl_[0-9a-f]{24}$/);
    // Each page load gets its own user.
    await postToken(bot);
    expect(JSON.parse(String(stub.calls[1].init.body))).not.toEqual(sent);
  });

  test('the page may connect to Direct Line (and only there besides itself); the local Direct Line is off', async () => {
    const page = await fetch(`${bot.url}/`);
    expect(page.headers.get('content-security-policy')).toContain("connect-src 'self' https://directline.botframework.com wss://directline.botframework.com;");
    expect(await page.text()).not.toContain(SECRET);
    expect((await fetch(`${bot.url}/v3/directline/conversations`, { method: 'POST' })).status).toBeGreaterThanOrEqual(404);
    expect((await fetch(`${bot.url}/v3/conversations/x/activities`, { method: 'POST' })).status).toBeGreaterThanOrEqual(404);
  });

  test.each([
    ['refuses the secret', () => new Response('{"error":{"code":"BadArgument","message":"invalid secret"}}', { status: 403 }), /refused.*403/],
    ['is unreachable', () => Promise.reject(new TypeError('fetch failed')), /could not be reached/],
    ['answers something that is not JSON', () => new Response('<html>oops</html>', { status: 200 }), /not JSON/],
    ['answers without a token', () => Response.json({ conversationId: 'c' }), /without a token/],
  ])('when Direct Line %s the page gets 502 with a reason, and no secret', async (_name, failure, reason) => {
    answer = failure;
    const result = await postToken(bot);
    expect(result.status).toBe(502);
    expect(result.json).toMatchObject({ error: { code: 'DIRECT_LINE_UNAVAILABLE', reason: expect.stringMatching(reason) } });
    expect(result.text).not.toContain(SECRET);
  });
});

describe('the token endpoint in the other configurations', () => {
  test('a regional DIRECT_LINE_ENDPOINT is used for the exchange and given to the page as domain', async () => {
    const stub = stubFetch(() => Response.json({ conversationId: 'c', token: 't', expires_in: 3600 }));
    const bot = await startBot({ DIRECT_LINE_SECRET: SECRET, DIRECT_LINE_ENDPOINT: 'https://europe.directline.botframework.com/' }, stub.fetch);
    try {
      const result = await postToken(bot);
      expect(stub.calls[0].url).toBe('https://europe.directline.botframework.com/v3/directline/tokens/generate');
      expect(result.json.domain).toBe('https://europe.directline.botframework.com/v3/directline');
    } finally {
      await bot.stop();
    }
  });

  test('with MicrosoftAppId but no secret the page has no way in: 503 with the fix', async () => {
    const stub = stubFetch(() => Response.json({}));
    const bot = await startBot({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001' }, stub.fetch);
    try {
      const result = await postToken(bot);
      expect(result.status).toBe(503);
      expect(result.json).toMatchObject({ error: { code: 'WEB_CHAT_NOT_CONFIGURED', reason: expect.stringContaining('DIRECT_LINE_SECRET') } });
      expect(stub.calls).toHaveLength(0);
      // No local Direct Line when the bot authenticates its callers.
      expect((await fetch(`${bot.url}/v3/directline/tokens/refresh`, { method: 'POST' })).status).toBeGreaterThanOrEqual(404);
    } finally {
      await bot.stop();
    }
  });
});

describe('Direct Line variables', () => {
  test('are documented, with defaults that need nothing', () => {
    for (const name of ['DIRECT_LINE_SECRET', 'DIRECT_LINE_ENDPOINT', 'DIRECT_LINE_TOKEN_KEY']) expect(Object.keys(VARIABLES)).toContain(name);
    const config = loadConfig({});
    expect(config.directLineSecret).toBeUndefined();
    expect(config.directLineEndpoint).toBe('https://directline.botframework.com');
    expect(config.directLineTokenKey).toBeUndefined();
    expect(loadConfig({ DIRECT_LINE_ENDPOINT: 'https://europe.directline.botframework.com/v3/directline' }).directLineEndpoint).toBe('https://europe.directline.botframework.com');
  });

  test('a short token key or an endpoint that is not a URL is refused at start-up', () => {
    expect(() => loadConfig({ DIRECT_LINE_TOKEN_KEY: 'short' })).toThrow(ConfigError);
    expect(() => loadConfig({ DIRECT_LINE_TOKEN_KEY: 'short' })).toThrow(/DIRECT_LINE_TOKEN_KEY/);
    expect(() => loadConfig({ DIRECT_LINE_ENDPOINT: 'directline' })).toThrow(/DIRECT_LINE_ENDPOINT/);
    expect(() => loadConfig({ DIRECT_LINE_ENDPOINT: 'ftp://x' })).toThrow(/DIRECT_LINE_ENDPOINT/);
  });

  test('the mode: a secret means Azure; no secret and no app id means local; an app id alone means off', () => {
    expect(webChatMode({ directLineSecret: 's', microsoftAppId: 'id' })).toBe('azure');
    expect(webChatMode({ directLineSecret: 's', microsoftAppId: undefined })).toBe('azure');
    expect(webChatMode({ directLineSecret: undefined, microsoftAppId: undefined })).toBe('local');
    expect(webChatMode({ directLineSecret: undefined, microsoftAppId: 'id' })).toBe('off');
  });
});
