import { ConversationStore, DEFAULT_LIMITS } from '../../bot/channels/directline/conversationStore';
import { isLoopbackAddress, isSameHostCaller, loopbackOrigin } from '../../bot/channels/directline/loopback';
import { TokenBucket } from '../../bot/channels/directline/rateLimiter';
import { bearerToken, newUserId, TokenSigner } from '../../bot/channels/directline/tokens';
import { MAX_TEXT_LENGTH, toBotActivity, validateUserActivity } from '../../bot/channels/directline/userActivity';

const KEY = 'k'.repeat(32);

function clock(start = Date.UTC(2025, 0, 1)) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('local Direct Line tokens', () => {
  test('a minted token verifies, with its conversation and user', () => {
    const signer = new TokenSigner(KEY);
    const { token } = signer.mint('conv-1', 'dl_abc');
    const check = signer.verify(token);
    expect(check).toMatchObject({ ok: true, claims: { conv: 'conv-1', user: 'dl_abc' } });
  });

  test('the token is a JWT whose payload carries the user, as Web Chat reads it', () => {
    const { token } = new TokenSigner(KEY).mint('conv-1', 'dl_abc');
    const [header, payload] = token.split('.');
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(JSON.parse(Buffer.from(payload, 'base64url').toString())).toMatchObject({ user: 'dl_abc', conv: 'conv-1' });
  });

  test('missing, forged, tampered and foreign-key tokens are refused with a reason', () => {
    const signer = new TokenSigner(KEY);
    const { token } = signer.mint('conv-1', 'dl_abc');
    const [header, payload, signature] = token.split('.');
    const otherPayload = Buffer.from(JSON.stringify({ iss: 'azioni-di-rete-bot/directline', conv: 'conv-2', user: 'dl_abc', iat: 1, exp: 9999999999 })).toString('base64url');
    const noneHeader = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    expect(signer.verify(undefined)).toMatchObject({ ok: false, status: 401, code: 'TOKEN_MISSING' });
    for (const forged of ['garbage', `${header}.${otherPayload}.${signature}`, `${noneHeader}.${payload}.`, `${header}.${payload}.${'A'.repeat(43)}`, new TokenSigner('x'.repeat(32)).mint('conv-1', 'dl_abc').token]) {
      expect(signer.verify(forged)).toMatchObject({ ok: false, status: 401, code: 'TOKEN_INVALID' });
    }
  });

  test('an expired token is refused with 403, as Direct Line clients expect', () => {
    const time = clock();
    const signer = new TokenSigner(KEY, time.now, 60);
    const { token } = signer.mint('conv-1', 'dl_abc');
    time.advance(59_000);
    expect(signer.verify(token).ok).toBe(true);
    time.advance(1_000);
    expect(signer.verify(token)).toMatchObject({ ok: false, status: 403, code: 'TOKEN_EXPIRED' });
  });

  test('without a configured key each process signs with its own random key', () => {
    const { token } = new TokenSigner(undefined).mint('c', 'u');
    expect(new TokenSigner(undefined).verify(token).ok).toBe(false);
  });

  test('user ids are dl_ plus randomness; bearer headers are parsed strictly', () => {
    expect(newUserId()).toMatch(/^dl_[0-9a-f]{24}$/);
    expect(newUserId()).not.toBe(newUserId());
    expect(bearerToken('Bearer abc.def')).toBe('abc.def');
    expect(bearerToken('bearer   abc')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeUndefined();
    expect(bearerToken('Bearer a b')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});

describe('rate limiting', () => {
  test('a bucket allows its burst, then refills at its rate, and says when to retry', () => {
    const time = clock();
    const bucket = new TokenBucket({ burst: 3, perMinute: 30 }, time.now);
    expect([bucket.take(), bucket.take(), bucket.take()].every((d) => d.allowed)).toBe(true);
    expect(bucket.take()).toEqual({ allowed: false, retryAfterSeconds: 2 });
    time.advance(2000);
    expect(bucket.take().allowed).toBe(true);
    expect(bucket.take().allowed).toBe(false);
  });
});

describe('what a client may post', () => {
  test.each([
    ['a string', '"hello"', /JSON object/],
    ['an array', '[]', /JSON object/],
    ['null', 'null', /JSON object/],
    ['no type', '{"text":"ciao"}', /"type" is required/],
    ['an unknown type', '{"type":"conversationUpdate"}', /"type" must be one of/],
    ['text not a string', '{"type":"message","text":42}', /"text" must be a string/],
    ['text too long', JSON.stringify({ type: 'message', text: 'a'.repeat(MAX_TEXT_LENGTH + 1) }), /longer than 4000/],
    ['an empty message', '{"type":"message","text":"   "}', /non-empty/],
    ['an upload', '{"type":"message","text":"x","attachments":[{"contentType":"image/png"}]}', /not supported/],
    ['a huge value', JSON.stringify({ type: 'message', value: { a: 'x'.repeat(9000) } }), /"value" is larger/],
    ['channelData not an object', '{"type":"message","text":"x","channelData":"y"}', /"channelData" must be an object/],
    ['a bad locale', '{"type":"message","text":"x","locale":"<script>"}', /"locale"/],
  ])('refuses %s', (_name, json, reason) => {
    const result = validateUserActivity(JSON.parse(json));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  test('accepts what Web Chat sends, and the server decides who, where and when', () => {
    const result = validateUserActivity({
      type: 'message',
      text: 'Ciao',
      locale: 'it-IT',
      from: { id: 'someone-else', role: 'bot' },
      conversation: { id: 'another' },
      serviceUrl: 'http://evil.example',
      channelData: { clientActivityID: 'abc' },
      entities: [{ type: 'ClientCapabilities' }],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const activity = toBotActivity(result.input, {
      conversationId: 'conv-1',
      userId: 'dl_user',
      serviceUrl: 'http://127.0.0.1:3978',
      bot: { id: 'bot', name: 'Bot' },
      channelId: 'directline',
      timestamp: new Date(0),
    });
    expect(activity).toMatchObject({
      type: 'message',
      text: 'Ciao',
      locale: 'it-IT',
      from: { id: 'dl_user', role: 'user' },
      conversation: { id: 'conv-1' },
      serviceUrl: 'http://127.0.0.1:3978',
      channelData: { clientActivityID: 'abc' },
    });
    expect(activity).not.toHaveProperty('entities');
  });
});

describe('loopback callers', () => {
  test.each([
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['10.0.0.1', false],
    ['192.168.1.5', false],
    ['::ffff:10.0.0.1', false],
    ['128.0.0.1', false],
    ['127.0.0.256', false],
    ['fe80::1', false],
    [undefined, false],
  ])('%s is loopback: %s', (address, expected) => {
    expect(isLoopbackAddress(address)).toBe(expected);
  });

  test('the server calling itself on its own interface counts as this machine; others do not', () => {
    expect(isSameHostCaller({ remoteAddress: '10.1.2.3', localAddress: '10.1.2.3' })).toBe(true);
    expect(isSameHostCaller({ remoteAddress: '10.1.2.4', localAddress: '10.1.2.3' })).toBe(false);
    expect(isSameHostCaller({ remoteAddress: undefined, localAddress: undefined })).toBe(false);
  });

  test('the loopback origin comes from the listening address', () => {
    expect(loopbackOrigin({ address: '0.0.0.0', family: 'IPv4', port: 3978 })).toBe('http://127.0.0.1:3978');
    expect(loopbackOrigin({ address: '::', family: 'IPv6', port: 80 })).toBe('http://127.0.0.1:80');
    expect(loopbackOrigin({ address: '::1', family: 'IPv6', port: 80 })).toBe('http://[::1]:80');
    expect(loopbackOrigin({ address: '127.0.0.1', family: 'IPv4', port: 5 })).toBe('http://127.0.0.1:5');
    expect(() => loopbackOrigin(null)).toThrow(/not listening/);
  });
});

describe('conversation history', () => {
  test('activities get Direct Line ids and watermarks; a poll returns what is new', () => {
    const store = new ConversationStore();
    const conversation = store.create('c1', 'dl_u', 'it-IT');
    if (!conversation) throw new Error('no conversation');
    expect(store.since(conversation, undefined)).toEqual({ activities: [], watermark: '0' });
    const first = store.append(conversation, { type: 'message', text: 'a' });
    store.append(conversation, { type: 'message', text: 'b' });
    expect(first.id).toBe('c1|0000001');
    expect(store.since(conversation, undefined).activities.map((a) => a.text)).toEqual(['a', 'b']);
    expect(store.since(conversation, 1)).toMatchObject({ activities: [{ text: 'b' }], watermark: '2' });
    expect(store.since(conversation, 2).activities).toEqual([]);
  });

  test('the history is bounded: the oldest activities drop off', () => {
    const store = new ConversationStore({ ...DEFAULT_LIMITS, historySize: 5 });
    const conversation = store.create('c1', 'dl_u', undefined);
    if (!conversation) throw new Error('no conversation');
    for (let i = 1; i <= 12; i += 1) store.append(conversation, { type: 'message', text: String(i) });
    expect(store.since(conversation, undefined)).toMatchObject({ watermark: '12' });
    expect(store.since(conversation, undefined).activities.map((a) => a.text)).toEqual(['8', '9', '10', '11', '12']);
  });

  test('idle conversations expire, and the sweep forgets them', () => {
    const time = clock();
    const store = new ConversationStore({ ...DEFAULT_LIMITS, idleMs: 1000 }, time.now);
    store.create('old', 'dl_a', undefined);
    time.advance(600);
    store.create('new', 'dl_b', undefined);
    time.advance(600);
    expect(store.sweep()).toBe(1);
    expect(store.get('old')).toBeUndefined();
    expect(store.get('new')).toBeDefined();
    time.advance(1001);
    expect(store.get('new')).toBeUndefined();
  });

  test('polling does not keep a conversation alive; a new activity does', () => {
    const time = clock();
    const store = new ConversationStore({ ...DEFAULT_LIMITS, idleMs: 1000 }, time.now);
    const talking = store.create('talking', 'dl_a', undefined);
    store.create('reading', 'dl_b', undefined);
    if (!talking) throw new Error('no conversation');
    time.advance(800);
    store.get('reading');
    store.append(talking, { type: 'message', text: 'still here' });
    time.advance(800);
    expect(store.get('reading')).toBeUndefined();
    expect(store.get('talking')).toBeDefined();
  });

  test('a full store refuses new conversations until idle ones go', () => {
    const time = clock();
    const store = new ConversationStore({ ...DEFAULT_LIMITS, maxConversations: 2, idleMs: 1000 }, time.now);
    expect(store.create('a', 'dl_a', undefined)).toBeDefined();
    expect(store.create('b', 'dl_b', undefined)).toBeDefined();
    expect(store.create('c', 'dl_c', undefined)).toBeUndefined();
    time.advance(1001);
    expect(store.create('c', 'dl_c', undefined)).toBeDefined();
  });

  test('an update keeps the id and comes after the watermark; a delete removes', () => {
    const store = new ConversationStore();
    const conversation = store.create('c1', 'dl_u', undefined);
    if (!conversation) throw new Error('no conversation');
    const original = store.append(conversation, { type: 'message', text: 'v1' });
    store.append(conversation, { type: 'message', text: 'v2', id: original.id }, true);
    expect(store.since(conversation, 1).activities).toEqual([{ type: 'message', text: 'v2', id: original.id }]);
    expect(store.find(conversation, original.id as string)).toMatchObject({ text: 'v2' });
    expect(store.remove(conversation, original.id as string)).toBe(true);
    expect(store.since(conversation, undefined).activities).toEqual([]);
  });
});
