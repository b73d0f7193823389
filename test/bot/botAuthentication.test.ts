import { randomUUID } from 'node:crypto';
import { tempDir } from '../support/adapters';
import { startChildBot, type ChildBot } from '../support/childBot';
import { eventually } from '../support/eventually';

/**
 * With an app id, /api/messages checks the Bot Framework token. Here there is no route to Microsoft's token
 * service, as on a server whose egress is down: a forged or unreadable token must get a plain 401 in the project's
 * error shape, never a 500 with the library's internal message, and every failure goes to the JSON log (stdout),
 * nothing raw to stderr. The bot runs as `npm start` runs it, in its own process, so stderr is really its own.
 */
const APP_ID = '00000000-0000-0000-0000-0000000000aa';

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** A JWT shaped like the Bot Framework's, signed by nobody. */
function forgedToken(): string {
  const header = base64url({ alg: 'RS256', kid: 'forged-key', typ: 'JWT', x5t: 'forged-key' });
  const payload = base64url({ iss: 'https://api.botframework.com', aud: APP_ID, serviceurl: 'https://smba.trafficmanager.net/emea/', nbf: Math.floor(Date.now() / 1000) - 60, exp: Math.floor(Date.now() / 1000) + 3600 });
  return `${header}.${payload}.${Buffer.from('not-a-signature').toString('base64url')}`;
}

describe('a bot token that cannot be accepted (app id set, token service unreachable)', () => {
  let bot: ChildBot;
  let stderr = '';
  let stdout = '';
  beforeAll(async () => {
    bot = await startChildBot({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret', DATA_DIR: await tempDir('adr-auth-') });
    bot.child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    bot.child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  }, 90000);
  afterAll(async () => {
    bot.child.kill('SIGTERM');
    await bot.exited;
  });

  test.each([
    ['a forged JWT', `Bearer ${forgedToken()}`],
    ['a token that is not a JWT', 'Bearer not.a.jwt'],
    ['a garbage scheme', 'Basic dXNlcjpwYXNz'],
    ['no token at all', undefined],
  ])('%s -> 401 {error:{code:"UNAUTHORIZED"}} without internal text', async (_name, authorization) => {
    const response = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify({ type: 'message', id: randomUUID(), text: 'ciao', channelId: 'msteams', serviceUrl: 'https://smba.trafficmanager.net/emea/', conversation: { id: 'c1' }, from: { id: 'u1' }, recipient: { id: APP_ID } }),
    });
    expect(response.status).toBe(401);
    const body = (await response.json()) as { error: { code: string; reason: string } };
    expect(body.error.code).toBe('UNAUTHORIZED');
    expect(Object.keys(body)).toEqual(['error']);
    // nothing from inside: no library message, no host names, no stack
    expect(JSON.stringify(body)).not.toMatch(/botframework\.com|ENOTFOUND|EAI_AGAIN|fetch failed|Signing Key|jwt|Error:|\bat /i);
  });

  test('the refusals are in the JSON log and stderr holds no stack trace', async () => {
    // the log lines are written asynchronously: wait until the four refusals are there
    const refusals = (): unknown[] =>
      stdout
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { msg?: string; level?: number })
        .filter((entry) => entry.msg === 'bot request refused: no valid token');
    await eventually(() => refusals().length >= 4, { what: 'four refusals in the log' });
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(stderr).not.toMatch(/Error/);
    // and the server is still serving
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
  });
});
