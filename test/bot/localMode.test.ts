import { randomUUID } from 'node:crypto';
import * as os from 'node:os';
import type { Activity, TurnContext } from 'botbuilder';
import { createAdapter, ServiceUrlRefused } from '../../bot/adapter';
import { loadConfig } from '../../bot/config';
import { localServiceUrlPolicy } from '../../bot/http/localServiceUrls';
import { registerMessagesRoute } from '../../bot/http/messagesRoute';
import { installRequestHandling } from '../../bot/http/requestHandling';
import { start, type RunningBot } from '../../bot/index';
import { silentLogger } from '../../models/logger';
import * as restify from 'restify';
import type { AddressInfo } from 'node:net';
import { tempDir } from '../support/adapters';
import { startTestBot } from '../support/botServer';
import { ConnectorStandIn } from '../teams/connectorStandIn';
import { eventually } from '../support/eventually';

/**
 * Local mode (no MicrosoftAppId) accepts unauthenticated activities, as the Emulator needs. It must not become a
 * way to make the bot send requests anywhere: it listens on this machine only (unless HOST says otherwise) and
 * replies only to a serviceUrl on this machine or the configured Direct Line.
 */

/** A non-loopback IPv4 address of this machine: a stand-in there is reachable, yet not "this machine" by name. */
const external = Object.values(os.networkInterfaces())
  .flat()
  .find((nic) => nic !== undefined && nic.family === 'IPv4' && !nic.internal)?.address;
const withExternal = external ? test : test.skip;

function activity(serviceUrl: string, extra: Partial<Activity> = {}): Partial<Activity> {
  return {
    type: 'message',
    id: randomUUID(),
    text: 'ciao',
    channelId: 'emulator',
    serviceUrl,
    conversation: { id: `conv-${randomUUID()}`, isGroup: false, conversationType: 'personal', name: '' },
    from: { id: `user-${randomUUID()}`, name: 'Worker' },
    recipient: { id: 'bot', name: 'Assistant' },
    locale: 'it-IT',
    ...extra,
  };
}

async function post(url: string, body: unknown): Promise<{ status: number; json: { error?: { code?: string; reason?: string } } }> {
  const response = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as { error?: { code?: string } }) : {} };
}

const REFUSED = [
  'http://169.254.169.254/',
  'http://example.invalid/',
  'https://smba.trafficmanager.net/emea/',
  'http://10.0.0.1:8080/',
  'http://0.0.0.0:3978/',
  'http://localhost.example.com/',
  'http://127.0.0.1.nip.io/',
  'http://user:pw@127.0.0.1/',
  'file:///etc/passwd',
  'not a url',
];

describe('where local mode listens', () => {
  test('HOST defaults to 127.0.0.1 without an app id, 0.0.0.0 with one; HOST set wins', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ MicrosoftAppId: 'app' }).host).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  withExternal('started without HOST, the bot answers on loopback and not on the machine\'s network address', async () => {
    const bot = await start({ env: { PORT: '0', DATA_DIR: await tempDir('adr-local-'), LOG_LEVEL: 'silent' }, logger: silentLogger });
    try {
      expect(new URL(bot.url).hostname).toBe('127.0.0.1');
      expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
      await expect(fetch(`http://${external}:${bot.port}/healthz`)).rejects.toThrow();
    } finally {
      await bot.stop();
    }
  });
});

describe('which serviceUrls local mode replies to', () => {
  const allowed = localServiceUrlPolicy({ ownOrigin: () => 'http://192.0.2.10:3978', directLineOrigin: 'https://europe.directline.botframework.com' });

  test.each([
    'http://127.0.0.1:1',
    'http://127.0.0.1:3978/',
    'http://127.9.8.7/',
    'http://localhost:3978/',
    'https://localhost/',
    'http://[::1]:3978/',
    'http://2130706433:3978/', // 127.0.0.1 written as a number
    'http://192.0.2.10:3978/', // the bot's own origin (its local Direct Line when HOST is a LAN address)
    'https://europe.directline.botframework.com/', // the configured Direct Line
  ])('%s is allowed', (url) => {
    expect(allowed(url)).toBe(true);
  });

  test.each([...REFUSED, 'http://192.0.2.10:3979/', 'https://directline.botframework.com/'])('%s is refused', (url) => {
    expect(allowed(url)).toBe(false);
  });
});

describe('a serviceUrl that is not on this machine is refused before the turn', () => {
  let bot: RunningBot;
  const connector = new ConnectorStandIn();
  const local = new ConnectorStandIn();
  beforeAll(async () => {
    bot = await startTestBot();
    await local.start();
    if (external) await connector.start(external);
  });
  afterAll(async () => {
    await bot.stop();
    await local.stop();
    if (external) await connector.stop();
  });

  test.each(REFUSED)('%s -> 403 in the error shape', async (serviceUrl) => {
    const answer = await post(bot.url, activity(serviceUrl));
    expect(answer.status).toBe(403);
    expect(answer.json.error?.code).toBe('SERVICE_URL_NOT_ALLOWED');
  });

  withExternal('a Connector stand-in on the machine\'s network address is never called, for a message or a conversation start', async () => {
    expect((await post(bot.url, activity(connector.url))).status).toBe(403);
    expect((await post(bot.url, activity(connector.url, { type: 'conversationUpdate', text: undefined, membersAdded: [{ id: 'u', name: '' }] }))).status).toBe(403);
    // no fixed wait for a send that never comes: the route refuses before any turn runs (the next describe shows
    // it), and a later turn on a loopback serviceUrl, once its reply is posted, finds the stand-in still unheard of
    const later = activity(local.url);
    expect((await post(bot.url, later)).status).toBe(200);
    await eventually(() => local.posts(later.conversation?.id).length > 0, { what: 'the later turn\'s reply' });
    expect(connector.attempts).toHaveLength(0);
  });

  test('a loopback serviceUrl still gets its replies posted there', async () => {
    const sent = activity(local.url);
    expect((await post(bot.url, sent)).status).toBe(200);
    await eventually(() => local.posts(sent.conversation?.id).length > 0, { what: 'the reply posted to the loopback serviceUrl' });
    expect(local.posts(sent.conversation?.id).length).toBeGreaterThan(0);
  });
});

describe('the refusal comes before the adapter runs any turn', () => {
  test('the bot logic never runs for a refused serviceUrl, and does for a loopback one (expectReplies)', async () => {
    const turns: string[] = [];
    const logic = async (context: TurnContext): Promise<void> => {
      turns.push(context.activity.serviceUrl);
      await context.sendActivity('eco');
    };
    const config = loadConfig({ LOG_LEVEL: 'silent' });
    const server = restify.createServer({ handleUncaughtExceptions: false });
    installRequestHandling(server, config, silentLogger);
    registerMessagesRoute(server, createAdapter(config, silentLogger), logic, { inFlight: 0 });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      for (const serviceUrl of REFUSED) expect((await post(url, activity(serviceUrl, { deliveryMode: 'expectReplies' }))).status).toBe(403);
      expect(turns).toEqual([]);
      expect((await post(url, activity('http://127.0.0.1:1', { deliveryMode: 'expectReplies' }))).status).toBe(200);
      expect(turns).toEqual(['http://127.0.0.1:1']);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.server.closeAllConnections?.();
    }
  });

  withExternal('a proactive message to a stored reference elsewhere is refused without a request', async () => {
    const connector = await new ConnectorStandIn().start(external);
    try {
      const adapter = createAdapter(loadConfig({ LOG_LEVEL: 'silent' }), silentLogger);
      const reference = { channelId: 'emulator', serviceUrl: connector.url, conversation: { id: 'c1', isGroup: false, conversationType: 'personal', name: '' }, user: { id: 'u1', name: '' }, bot: { id: 'bot', name: '' } };
      await expect(adapter.continueConversationAsync('', reference, async (context) => void (await context.sendActivity('news')))).rejects.toBeInstanceOf(ServiceUrlRefused);
      expect(connector.attempts).toHaveLength(0);
    } finally {
      await connector.stop();
    }
  });
});

describe("a turn's clients are reused, not rebuilt on every turn", () => {
  test('turns to one serviceUrl share a ConnectorClient, another serviceUrl gets its own; the UserTokenClient is shared', async () => {
    const adapter = createAdapter(loadConfig({ LOG_LEVEL: 'silent' }), silentLogger);
    const seen: Array<{ serviceUrl: string; connector: unknown; tokens: unknown }> = [];
    const logic = async (context: TurnContext): Promise<void> => {
      seen.push({ serviceUrl: context.activity.serviceUrl, connector: context.turnState.get(adapter.ConnectorClientKey), tokens: context.turnState.get(adapter.UserTokenClientKey) });
      await context.sendActivity('eco');
    };
    const config = loadConfig({ LOG_LEVEL: 'silent' });
    const server = restify.createServer({ handleUncaughtExceptions: false });
    installRequestHandling(server, config, silentLogger);
    registerMessagesRoute(server, adapter, logic, { inFlight: 0 });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      for (const serviceUrl of ['http://127.0.0.1:1', 'http://127.0.0.1:1', 'http://127.0.0.1:2']) {
        expect((await post(url, activity(serviceUrl, { deliveryMode: 'expectReplies' }))).status).toBe(200);
      }
      expect(seen.map((s) => s.serviceUrl)).toEqual(['http://127.0.0.1:1', 'http://127.0.0.1:1', 'http://127.0.0.1:2']);
      expect(seen[0].connector).toBeDefined();
      expect(seen[1].connector).toBe(seen[0].connector);
      expect(seen[2].connector).not.toBe(seen[0].connector);
      expect(seen[0].tokens).toBeDefined();
      expect(seen[1].tokens).toBe(seen[0].tokens);
      expect(seen[2].tokens).toBe(seen[0].tokens);
      // the guard still sees every serviceUrl: a client reused for this machine does not open the way elsewhere
      const reference = { channelId: 'emulator', serviceUrl: 'http://example.invalid/', conversation: { id: 'c1', isGroup: false, conversationType: 'personal', name: '' }, user: { id: 'u1', name: '' }, bot: { id: 'bot', name: '' } };
      await expect(adapter.continueConversationAsync('', reference, async (context) => void (await context.sendActivity('news')))).rejects.toBeInstanceOf(ServiceUrlRefused);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.server.closeAllConnections?.();
    }
  });
});
