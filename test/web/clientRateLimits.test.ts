import { PerClientRateLimiter } from '../../bot/channels/directline/rateLimiter';
import { ConfigError, loadConfig } from '../../bot/config';
import { ClientAddresses, clientKey } from '../../bot/http/clientAddress';
import { TOKEN_LIMITS } from '../../bot/http/webChatRoute';
import type { RunningBot } from '../../bot/index';
import { startTestBot } from '../support/botServer';
import { requestFrom } from '../support/httpFrom';

/**
 * The web chat's token endpoint limits each client on its own: one client opening chats in a loop is refused
 * while every other visitor still gets tokens. A client is its connecting address, or the address a trusted
 * reverse proxy (TRUSTED_PROXIES) says it forwarded for; a forged X-Forwarded-For from anyone else changes nothing.
 */
const BURST = TOKEN_LIMITS.perClient.burst;

async function token(bot: RunningBot, from: string, forwardedFor?: string): Promise<number> {
  const reply = await requestFrom(from, `${bot.url}/api/directline/token`, { method: 'POST', headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} });
  return reply.status;
}

/** Takes tokens until refused (at most `limit`); resolves to how many were granted. */
async function exhaust(bot: RunningBot, from: string, forwardedFor?: string, limit = BURST + 5): Promise<number> {
  for (let granted = 0; granted < limit; granted += 1) {
    if ((await token(bot, from, forwardedFor)) !== 200) return granted;
  }
  return limit;
}

describe('who the client is', () => {
  const none = new ClientAddresses([]);
  const proxies = new ClientAddresses(['10.0.0.0/8', '192.0.2.1', 'fd00::/64']);

  test.each([
    ['no trusted proxies: the socket, whatever the header says', none, '203.0.113.9', '1.2.3.4', '203.0.113.9'],
    ['an untrusted peer cannot speak for others', proxies, '203.0.113.9', '1.2.3.4', '203.0.113.9'],
    ['a trusted proxy: the hop it appended', proxies, '10.1.2.3', '198.51.100.7', '198.51.100.7'],
    ['a forged hop left of the real one is ignored', proxies, '10.1.2.3', '1.2.3.4, 198.51.100.7', '198.51.100.7'],
    ['a chain of trusted proxies is walked to the first untrusted hop', proxies, '192.0.2.1', '198.51.100.7, 10.9.9.9, 10.0.0.5', '198.51.100.7'],
    ['several header lines count as one list', proxies, '10.1.2.3', ['1.2.3.4', '198.51.100.8'], '198.51.100.8'],
    ['every hop trusted: the left-most', proxies, '10.1.2.3', '10.0.0.9, 10.0.0.8', '10.0.0.9'],
    ['a hop that is not an address: the proxy itself, never a made-up client', proxies, '10.1.2.3', 'unknown', '10.1.2.3'],
    ['ports and brackets are read', proxies, '10.1.2.3', '[2001:db8::1]:4711', '2001:db8::1'],
    ['an IPv4-mapped proxy address is the IPv4 one', proxies, '::ffff:10.1.2.3', '198.51.100.7', '198.51.100.7'],
    ['a trusted proxy without the header: itself', proxies, '10.1.2.3', undefined, '10.1.2.3'],
    ['an IPv6 trusted proxy', proxies, 'fd00::2', '198.51.100.7', '198.51.100.7'],
  ])('%s', (_name, addresses, remote, forwarded, expected) => {
    expect(addresses.resolve(remote, forwarded)).toBe(expected);
  });

  test('IPv6 clients are counted by their /64, IPv4 ones by address', () => {
    expect(clientKey('2001:db8:1:2:aaaa::1')).toBe(clientKey('2001:db8:1:2:bbbb:cccc:dddd:eeee'));
    expect(clientKey('2001:db8:1:2::1')).not.toBe(clientKey('2001:db8:1:3::1'));
    expect(clientKey('2001:db8:1:2::1')).toBe('2001:0db8:0001:0002::/64');
    expect(clientKey('::ffff:198.51.100.7')).toBe('198.51.100.7');
    expect(clientKey('198.51.100.7')).toBe('198.51.100.7');
  });

  test('TRUSTED_PROXIES takes IPs and CIDRs; anything else is named at start', () => {
    expect(loadConfig({ TRUSTED_PROXIES: '10.0.0.1, 172.16.0.0/12 ,fd00::/8' }).trustedProxies).toEqual(['10.0.0.1', '172.16.0.0/12', 'fd00::/8']);
    expect(loadConfig({}).trustedProxies).toEqual([]);
    for (const wrong of ['proxy.example.org', '10.0.0.0/33', '10.0.0.1/8/2', 'fd00::/129']) {
      expect(() => loadConfig({ TRUSTED_PROXIES: wrong })).toThrow(ConfigError);
    }
  });
});

describe('per-client buckets', () => {
  test('one client spending its budget leaves another untouched', () => {
    const limiter = new PerClientRateLimiter({ burst: 2, perMinute: 1 }, { now: () => 0 });
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')].map((d) => d.allowed)).toEqual([true, true, false]);
    expect([limiter.take('b'), limiter.take('b')].map((d) => d.allowed)).toEqual([true, true]);
  });

  test('memory is bounded: past maxClients the least recently seen bucket goes', () => {
    const limiter = new PerClientRateLimiter({ burst: 1, perMinute: 1 }, { maxClients: 100, now: () => 0 });
    for (let i = 0; i < 10000; i += 1) limiter.take(`client-${i}`);
    expect(limiter.clients).toBe(100);
    // a recent client keeps its (spent) bucket
    expect(limiter.take('client-9999').allowed).toBe(false);
  });
});

describe('the token endpoint, per client (local mode, real server)', () => {
  let bot: RunningBot;
  beforeAll(async () => {
    bot = await startTestBot({ TRUSTED_PROXIES: '127.0.0.5' });
  });
  afterAll(async () => {
    await bot.stop();
  });

  test('a client that takes its whole budget is refused; another client gets every token it asks for', async () => {
    expect(await exhaust(bot, '127.0.0.2')).toBe(BURST);
    const refused = await requestFrom('127.0.0.2', `${bot.url}/api/directline/token`, { method: 'POST' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(refused.json).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    for (let i = 0; i < BURST; i += 1) expect(await token(bot, '127.0.0.3')).toBe(200);
  });

  test('a spoofed X-Forwarded-For from an untrusted address does not change its bucket', async () => {
    expect(await exhaust(bot, '127.0.0.4', '198.51.100.1')).toBe(BURST);
    expect(await token(bot, '127.0.0.4', '198.51.100.2')).toBe(429);
    expect(await token(bot, '127.0.0.4', '198.51.100.3, 198.51.100.4')).toBe(429);
    expect(await token(bot, '127.0.0.4')).toBe(429);
  });

  test('behind a trusted proxy each forwarded client has its own bucket', async () => {
    expect(await exhaust(bot, '127.0.0.5', '203.0.113.10')).toBe(BURST);
    expect(await token(bot, '127.0.0.5', '203.0.113.10')).toBe(429);
    // a forged hop in front of the proxy's doesn't get that client out of its bucket
    expect(await token(bot, '127.0.0.5', '1.2.3.4, 203.0.113.10')).toBe(429);
    expect(await token(bot, '127.0.0.5', '203.0.113.11')).toBe(200);
    expect(await token(bot, '127.0.0.5')).toBe(200);
  });
});
