import type { AddressInfo } from 'node:net';
import type { TurnContext } from 'botbuilder';
import * as restify from 'restify';
import { createAdapter } from '../../bot/adapter';
import { DEFAULT_LIMITS } from '../../bot/channels/directline/conversationStore';
import { LocalDirectLine, type LocalDirectLineOptions } from '../../bot/channels/directline/localDirectLine';
import { loopbackOrigin } from '../../bot/channels/directline/loopback';
import { loadConfig } from '../../bot/config';
import { registerMessagesRoute } from '../../bot/http/messagesRoute';
import { installRequestHandling } from '../../bot/http/requestHandling';
import { silentLogger } from '../../models/logger';
import { requestFrom } from '../support/httpFrom';
import { pollActivities } from '../support/directLinePoll';

/**
 * The local Direct Line on its own, in front of a tiny echo bot behind a real CloudAdapter: the protocol, the
 * security checks and the Connector routes, independent of the project's dialogs.
 */
const KEY = 'test-key-'.padEnd(40, 'x');

interface EchoServer {
  url: string;
  directLine: LocalDirectLine;
  close(): Promise<void>;
}

async function echoLogic(context: TurnContext): Promise<void> {
  const english = (context.activity.locale ?? '').startsWith('en');
  if (context.activity.type === 'conversationUpdate') {
    const newcomers = (context.activity.membersAdded ?? []).filter((m) => m.id !== context.activity.recipient.id);
    if (newcomers.length > 0) await context.sendActivity(english ? 'Welcome!' : 'Benvenuto!');
    return;
  }
  if (context.activity.type !== 'message') return;
  const text = context.activity.text ?? '';
  if (text === 'update me') {
    const sent = await context.sendActivity('versione 1');
    await context.updateActivity({ id: sent?.id, type: 'message', text: 'versione 2', conversation: context.activity.conversation });
    return;
  }
  if (text === 'delete me') {
    const sent = await context.sendActivity('da cancellare');
    if (sent?.id) await context.deleteActivity(sent.id);
    await context.sendActivity('cancellato');
    return;
  }
  await context.sendActivity(`eco: ${text} [${context.activity.locale ?? '-'}] from ${context.activity.from.id}`);
}

async function startEchoServer(options: Partial<LocalDirectLineOptions> = {}): Promise<EchoServer> {
  const config = loadConfig({ LOG_LEVEL: 'silent' });
  const server = restify.createServer({ handleUncaughtExceptions: false });
  installRequestHandling(server, config, silentLogger);
  registerMessagesRoute(server, createAdapter(config, silentLogger), echoLogic, { inFlight: 0 });
  const directLine = new LocalDirectLine({ botOrigin: () => loopbackOrigin(server.address()), logger: silentLogger, tokenKey: KEY, ...options });
  directLine.register(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    directLine,
    close: async () => {
      directLine.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.server.closeAllConnections?.();
    },
  };
}

async function call(url: string, method: string, token: string | undefined, body?: unknown): Promise<{ status: number; headers: Headers; json: Record<string, unknown> }> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(url, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

async function openConversation(server: EchoServer, locale?: string): Promise<{ token: string; conversationId: string }> {
  const issued = server.directLine.issueToken();
  const started = await call(`${server.url}/v3/directline/conversations`, 'POST', issued.token, locale ? { locale } : undefined);
  expect(started.status).toBe(201);
  return { token: started.json.token as string, conversationId: started.json.conversationId as string };
}

describe('the local Direct Line in front of a bot', () => {
  let server: EchoServer;
  beforeAll(async () => {
    server = await startEchoServer();
  });
  afterAll(async () => {
    await server.close();
  });

  test('starting a conversation makes the bot greet; the welcome arrives by polling', async () => {
    const issued = server.directLine.issueToken();
    const started = await call(`${server.url}/v3/directline/conversations`, 'POST', issued.token);
    expect(started.status).toBe(201);
    expect(started.json).toMatchObject({ conversationId: issued.conversationId, expires_in: 1800 });
    expect(typeof started.json.token).toBe('string');
    const activities = await pollActivities({ domain: `${server.url}/v3/directline`, conversationId: issued.conversationId, token: issued.token }, (all) => all.some((a) => a.text === 'Benvenuto!'));
    expect(activities[0]).toMatchObject({ type: 'message', from: { role: 'bot' }, conversation: { id: issued.conversationId } });
    expect(activities[0]).not.toHaveProperty('serviceUrl');
    // Starting again with the same token is idempotent: no second welcome.
    const again = await call(`${server.url}/v3/directline/conversations`, 'POST', issued.token);
    expect(again.status).toBe(200);
  });

  test('a message is echoed to the client, reaches the bot as the token user, and the reply follows', async () => {
    const { token, conversationId } = await openConversation(server, 'en-US');
    const posted = await call(`${server.url}/v3/directline/conversations/${conversationId}/activities`, 'POST', token, {
      type: 'message',
      text: 'hello',
      from: { id: 'dl_impostor' },
      channelData: { clientActivityID: 'client-1' },
    });
    expect(posted.status).toBe(200);
    const id = posted.json.id as string;
    expect(id).toMatch(new RegExp(`^${conversationId}\\|\\d{7}$`));
    const activities = await pollActivities({ domain: `${server.url}/v3/directline`, conversationId, token }, (all) => all.some((a) => a.text?.startsWith('eco:')));
    const userId = (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { user: string }).user;
    expect(activities.map((a) => a.text)).toEqual(['Welcome!', 'hello', `eco: hello [en-US] from ${userId}`]);
    expect(activities[1]).toMatchObject({ id, from: { id: userId, role: 'user' }, channelData: { clientActivityID: 'client-1' } });
    expect(activities[2]).toMatchObject({ replyToId: id, from: { role: 'bot' } });
  });

  test('a watermark returns only what is new; a bad watermark is a 400', async () => {
    const { token, conversationId } = await openConversation(server);
    const first = await pollActivities({ domain: `${server.url}/v3/directline`, conversationId, token }, (all) => all.length >= 1);
    const base = `${server.url}/v3/directline/conversations/${conversationId}/activities`;
    const now = await call(`${base}?watermark=1`, 'GET', token);
    expect(now.json).toEqual({ activities: [], watermark: '1' });
    expect(first).toHaveLength(1);
    expect((await call(`${base}?watermark=abc`, 'GET', token)).status).toBe(400);
  });

  test('missing, forged, expired and foreign tokens are refused with a JSON reason', async () => {
    const a = await openConversation(server);
    const b = await openConversation(server);
    const url = `${server.url}/v3/directline/conversations/${a.conversationId}/activities`;
    const missing = await call(url, 'GET', undefined);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer');
    expect(missing.json).toMatchObject({ error: { code: 'TOKEN_MISSING' } });
    const [header, , signature] = a.token.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ iss: 'azioni-di-rete-bot/directline', conv: a.conversationId, user: 'dl_me', iat: 0, exp: 9999999999 })).toString('base64url');
    expect((await call(url, 'GET', `${header}.${forgedPayload}.${signature}`)).json).toMatchObject({ error: { code: 'TOKEN_INVALID' } });
    const expired = server.directLine.signer.mint(a.conversationId, 'dl_x', -1).token;
    const expiredAnswer = await call(url, 'POST', expired, { type: 'message', text: 'x' });
    expect(expiredAnswer.status).toBe(403);
    expect(expiredAnswer.json).toMatchObject({ error: { code: 'TOKEN_EXPIRED', reason: expect.stringContaining('expired') } });
    const foreign = await call(url, 'POST', b.token, { type: 'message', text: 'x' });
    expect(foreign.status).toBe(403);
    expect(foreign.json).toMatchObject({ error: { code: 'TOKEN_CONVERSATION_MISMATCH' } });
    // A valid token for a conversation that was never started: nothing to read.
    const unstarted = server.directLine.issueToken();
    expect((await call(`${server.url}/v3/directline/conversations/${unstarted.conversationId}/activities`, 'GET', unstarted.token)).status).toBe(404);
  });

  test.each([
    ['a JSON array', '[1,2]', /JSON object/],
    ['no type', { text: 'ciao' }, /"type" is required/],
    ['text that is not a string', { type: 'message', text: 12 }, /"text" must be a string/],
    ['text over 4000 characters', { type: 'message', text: 'x'.repeat(4001) }, /longer than 4000/],
  ])('a body with %s is a 400 with the reason', async (_name, body, reason) => {
    const { token, conversationId } = await openConversation(server);
    const answer = await call(`${server.url}/v3/directline/conversations/${conversationId}/activities`, 'POST', token, body);
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ error: { code: 'INVALID_ACTIVITY', reason: expect.stringMatching(reason) } });
  });

  test('a refreshed token works for the same conversation; the stream route answers 501', async () => {
    const { token, conversationId } = await openConversation(server);
    const refreshed = await call(`${server.url}/v3/directline/tokens/refresh`, 'POST', token);
    expect(refreshed.status).toBe(200);
    expect(refreshed.json).toMatchObject({ conversationId, expires_in: 1800 });
    const polled = await call(`${server.url}/v3/directline/conversations/${conversationId}/activities`, 'GET', refreshed.json.token as string);
    expect(polled.status).toBe(200);
    const expired = server.directLine.signer.mint(conversationId, 'dl_x', -5).token;
    expect((await call(`${server.url}/v3/directline/tokens/refresh`, 'POST', expired)).status).toBe(403);
    const stream = await call(`${server.url}/v3/directline/conversations/${conversationId}/stream`, 'GET', token);
    expect(stream.status).toBe(501);
    expect(stream.json).toMatchObject({ error: { code: 'NOT_IMPLEMENTED' } });
  });

  test('the bot can update and delete what it sent (Connector PUT and DELETE)', async () => {
    const { token, conversationId } = await openConversation(server);
    const post = (text: string) => call(`${server.url}/v3/directline/conversations/${conversationId}/activities`, 'POST', token, { type: 'message', text });
    expect((await post('update me')).status).toBe(200);
    const updated = await pollActivities({ domain: `${server.url}/v3/directline`, conversationId, token }, (all) => all.some((a) => a.text === 'versione 2'));
    const versions = updated.filter((a) => a.text?.startsWith('versione'));
    expect(versions.map((a) => a.text)).toEqual(['versione 1', 'versione 2']);
    expect(versions[0].id).toBe(versions[1].id);
    expect((await post('delete me')).status).toBe(200);
    const all = await pollActivities({ domain: `${server.url}/v3/directline`, conversationId, token }, () => true);
    expect(all.map((a) => a.text)).toContain('cancellato');
    expect(all.map((a) => a.text)).not.toContain('da cancellare');
  });

  test('the Connector routes refuse unknown conversations and bodies that are not activities', async () => {
    const { conversationId } = await openConversation(server);
    expect((await call(`${server.url}/v3/conversations/nope/activities`, 'POST', undefined, { type: 'message', text: 'x' })).status).toBe(404);
    const bad = await call(`${server.url}/v3/conversations/${conversationId}/activities`, 'POST', undefined, { text: 'no type' });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ error: { code: 'INVALID_ACTIVITY', reason: 'the body must be an activity with a "type"' } });
    expect((await call(`${server.url}/v3/conversations/${conversationId}/activities`, 'POST', undefined, [{ type: 'message' }])).status).toBe(400);
    expect((await call(`${server.url}/v3/conversations/${conversationId}/activities`, 'POST', undefined, { type: 7 })).status).toBe(400);
    expect((await call(`${server.url}/v3/conversations/${conversationId}/activities/nope`, 'PUT', undefined, { type: 'message', text: 'x' })).status).toBe(404);
    expect((await call(`${server.url}/v3/conversations/${conversationId}/activities/nope`, 'DELETE', undefined)).status).toBe(404);
  });
});

describe('the local Direct Line under pressure', () => {
  test('posting faster than the limit gets 429 with Retry-After', async () => {
    const server = await startEchoServer({ limits: { ...DEFAULT_LIMITS, post: { burst: 3, perMinute: 3 } } });
    try {
      const { token, conversationId } = await openConversation(server);
      const url = `${server.url}/v3/directline/conversations/${conversationId}/activities`;
      for (let i = 0; i < 3; i += 1) expect((await call(url, 'POST', token, { type: 'message', text: `m${i}` })).status).toBe(200);
      const refused = await call(url, 'POST', token, { type: 'message', text: 'one too many' });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(refused.json).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    } finally {
      await server.close();
    }
  });

  test("typing signals have their own allowance: past it they are dropped (200), never eat the messages' allowance, and are not kept in the history", async () => {
    const server = await startEchoServer({ limits: { ...DEFAULT_LIMITS, post: { burst: 3, perMinute: 3 }, typing: { burst: 2, perMinute: 2 } } });
    try {
      const { token, conversationId } = await openConversation(server);
      const url = `${server.url}/v3/directline/conversations/${conversationId}/activities`;
      for (let i = 0; i < 6; i += 1) {
        const typing = await call(url, 'POST', token, { type: 'typing', from: { id: 'someone-else' } });
        expect(typing.status).toBe(200);
        expect(typeof typing.json.id).toBe('string');
      }
      for (let i = 0; i < 3; i += 1) expect((await call(url, 'POST', token, { type: 'message', text: `m${i}` })).status).toBe(200);
      expect((await call(url, 'POST', token, { type: 'message', text: 'one too many' })).status).toBe(429);
      const history = await call(url, 'GET', token);
      const activities = history.json.activities as Array<{ type: string; from?: { id?: string } }>;
      expect(activities.filter((a) => a.type === 'typing' && a.from?.id !== 'bot')).toEqual([]);
      expect(activities.filter((a) => a.type === 'message').length).toBeGreaterThanOrEqual(3);
    } finally {
      await server.close();
    }
  });

  test('the conversation cap is per client: one address at its cap is refused, another still starts chats', async () => {
    const server = await startEchoServer({ limits: { ...DEFAULT_LIMITS, maxConversationsPerClient: 2 } });
    try {
      const start = (from: string) => requestFrom(from, `${server.url}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${server.directLine.issueToken().token}` } });
      expect((await start('127.0.0.2')).status).toBe(201);
      expect((await start('127.0.0.2')).status).toBe(201);
      const refused = await start('127.0.0.2');
      expect(refused.status).toBe(429);
      expect(refused.json).toMatchObject({ error: { code: 'TOO_MANY_CONVERSATIONS' } });
      expect(refused.headers['retry-after']).toBe('60');
      // a forged X-Forwarded-For does not help (no trusted proxies here)
      const forged = await requestFrom('127.0.0.2', `${server.url}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${server.directLine.issueToken().token}`, 'x-forwarded-for': '198.51.100.9' } });
      expect(forged.status).toBe(429);
      expect((await start('127.0.0.3')).status).toBe(201);
      expect((await start('127.0.0.3')).status).toBe(201);
      expect(server.directLine.store.size).toBe(4);
    } finally {
      await server.close();
    }
  });

  test('a client\'s conversations count until they idle out, then free its share', async () => {
    let now = 1_000_000;
    const server = await startEchoServer({ now: () => now, limits: { ...DEFAULT_LIMITS, maxConversationsPerClient: 1, idleMs: 1000 } });
    try {
      const start = () => requestFrom('127.0.0.6', `${server.url}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${server.directLine.issueToken().token}` } });
      expect((await start()).status).toBe(201);
      expect((await start()).status).toBe(429);
      now += 1001;
      expect((await start()).status).toBe(201);
      expect(server.directLine.store.heldBy('127.0.0.6')).toBe(1);
    } finally {
      await server.close();
    }
  });

  test('when the bot cannot be reached the client gets 502, and close() forgets every conversation', async () => {
    const server = await startEchoServer({ botOrigin: () => 'http://127.0.0.1:9' });
    try {
      const issued = server.directLine.issueToken();
      // The start still succeeds (the welcome is lost, and logged); a message cannot be delivered.
      expect((await call(`${server.url}/v3/directline/conversations`, 'POST', issued.token)).status).toBe(201);
      const answer = await call(`${server.url}/v3/directline/conversations/${issued.conversationId}/activities`, 'POST', issued.token, { type: 'message', text: 'ciao' });
      expect(answer.status).toBe(502);
      expect(answer.json).toMatchObject({ error: { code: 'BOT_UNAVAILABLE' } });
      expect(server.directLine.store.size).toBe(1);
    } finally {
      await server.close();
    }
    expect(server.directLine.store.size).toBe(0);
  });
});
