import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { pageTextsJson, TOKEN_LIMITS, webChatBundlePath } from '../../bot/http/webChatRoute';
import type { RunningBot } from '../../bot/index';
import { readLocaleResources } from '../../models/i18n';
import { LANGUAGE_CODES, LANGUAGE_TABLE } from '../../models/languages';
import { projectRoot } from '../../models/paths';
import { startTestBot } from '../support/botServer';
import { pollActivities } from '../support/directLinePoll';

/** The chat page, its files, and the local Direct Line, served by the real bot on a free port. */
let bot: RunningBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(async () => {
  await bot.stop();
});

/** A locales folder whose Italian and English strings are only a page notice, `notice`. */
function localesWith(notice: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'page-texts-'));
  for (const language of ['it', 'en']) {
    fs.mkdirSync(path.join(dir, language));
    fs.writeFileSync(path.join(dir, language, 'translation.json'), JSON.stringify({ webPage: { notice } }));
  }
  return dir;
}

interface TokenAnswer {
  token: string;
  conversationId: string;
  expires_in: number;
  domain: string;
}

async function getToken(): Promise<TokenAnswer> {
  const response = await fetch(`${bot.url}/api/directline/token`, { method: 'POST' });
  expect(response.status).toBe(200);
  expect(response.headers.get('cache-control')).toBe('no-store');
  return (await response.json()) as TokenAnswer;
}

async function startConversation(session: TokenAnswer, locale: string): Promise<void> {
  const response = await fetch(`${session.domain}/conversations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ locale }),
  });
  expect(response.status).toBe(201);
}

describe('the chat page', () => {
  test('GET / is the Italian page with Web Chat from this server, a privacy link and strict security headers', async () => {
    const response = await fetch(`${bot.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const html = await response.text();
    expect(html).toMatch(/<html lang="it">/);
    expect(html).toContain('src="/webchat/webchat.js"');
    expect(html).toContain('href="/privacy"');
    expect(html).toMatch(/<meta name="viewport" content="width=device-width, initial-scale=1">/);
    // Nothing on the page points anywhere else.
    expect(html.match(/(src|href)="(https?:)?\/\/[^"]*"/g)).toBeNull();

    const csp = response.headers.get('content-security-policy') ?? '';
    const directives = new Map(csp.split(/;\s*/).map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'self'"]);
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('unsafe-inline');
    const nonce = /'nonce-([^']+)'/.exec(directives.get('style-src')?.join(' ') ?? '')?.[1];
    expect(nonce).toBeDefined();
    expect(html).toContain(`nonce="${nonce}"`);
    const again = await fetch(`${bot.url}/`);
    expect(again.headers.get('content-security-policy')).not.toContain(`'nonce-${nonce}'`);
  });

  test("the page carries its own texts in each of the eight languages, from content/locales' webPage group, as data that cannot close its element", async () => {
    const html = await (await fetch(`${bot.url}/`)).text();
    const block = /<script type="application\/json" id="page-texts">([^<]*)<\/script>/.exec(html);
    expect(block).not.toBeNull();
    const texts = JSON.parse(block?.[1] ?? '{}') as Record<string, Record<string, string>>;
    const strings = readLocaleResources();
    expect(Object.keys(texts).sort()).toEqual([...LANGUAGE_CODES].sort());
    for (const code of LANGUAGE_CODES) expect(texts[code]).toEqual(strings[code].webPage);
    // the failure a worker reads when the chat cannot start is in their language, not Italian's
    for (const code of LANGUAGE_CODES.filter((c) => c !== 'it')) expect(texts[code].failed).not.toBe(texts.it.failed);
    // a text holding "</script>" stays inside the data block
    expect(pageTextsJson(localesWith('</script><script>alert(1)</script>'))).not.toContain('<');
  });

  test('the page script and styles are served with their types and no sniffing', async () => {
    for (const [path, type] of [
      ['/app.js', /^application\/javascript/],
      ['/styles.css', /^text\/css/],
    ] as const) {
      const response = await fetch(`${bot.url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(type);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect((await response.text()).length).toBeGreaterThan(500);
    }
  });

  test("Web Chat's bundle comes from the npm package, gzipped when asked, and revalidates with its ETag", async () => {
    const response = await fetch(`${bot.url}/webchat/webchat.js`, { headers: { 'accept-encoding': 'identity' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/javascript/);
    const plain = Buffer.from(await response.arrayBuffer());
    expect(plain.length).toBeGreaterThan(1_000_000);
    // Compared as a boolean: a failing toEqual would print megabytes.
    expect(plain.equals(fs.readFileSync(webChatBundlePath()))).toBe(true);
    const etag = response.headers.get('etag');
    expect(etag).toBeTruthy();

    // Node's fetch would inflate on its own; ask with raw headers through http to see the encoding.
    const http = await import('node:http');
    const gz = await new Promise<{ status: number; encoding?: string; body: Buffer }>((resolve, reject) => {
      http
        .get(`${bot.url}/webchat/webchat.js`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
        })
        .on('error', reject);
    });
    expect(gz.encoding).toBe('gzip');
    expect(gz.body.length).toBeLessThan(plain.length / 2);
    expect(gz.status).toBe(200);
    expect(gunzipSync(gz.body).equals(plain)).toBe(true);

    const cached = await fetch(`${bot.url}/webchat/webchat.js`, { headers: { 'if-none-match': etag ?? '' } });
    expect(cached.status).toBe(304);
  });
});

describe('tokens and the local Direct Line with the real bot', () => {
  test('the token endpoint mints a short-lived token bound to a new conversation and user, with the local domain', async () => {
    const first = await getToken();
    const second = await getToken();
    expect(first.domain).toBe(`${bot.url}/v3/directline`);
    expect(first.expires_in).toBeGreaterThan(60);
    expect(first.expires_in).toBeLessThanOrEqual(3600);
    expect(first.conversationId).not.toBe(second.conversationId);
    const claims = JSON.parse(Buffer.from(first.token.split('.')[1], 'base64url').toString()) as { user: string; conv: string; exp: number };
    expect(claims.user).toMatch(/^dl_/);
    expect(claims.conv).toBe(first.conversationId);
  });

  test('starting a conversation brings the Italian welcome with the menu, by polling', async () => {
    const session = await getToken();
    await startConversation(session, 'it-IT');
    const activities = await pollActivities(session, (all) => all.some((a) => (a.suggestedActions?.actions.length ?? 0) > 0));
    const welcome = activities.find((a) => (a.suggestedActions?.actions.length ?? 0) > 0);
    expect(welcome?.text).toContain('Azioni di Rete per il lavoro');
    expect(welcome?.suggestedActions?.actions.map((a) => a.title)).toContain("Cos'è la misura");
    expect(welcome?.from?.role).toBe('bot');
  });

  test('an English conversation is answered in English', async () => {
    const session = await getToken();
    await startConversation(session, 'en-US');
    const activities = await pollActivities(session, (all) => all.some((a) => (a.suggestedActions?.actions.length ?? 0) > 0));
    const welcome = activities.find((a) => (a.suggestedActions?.actions.length ?? 0) > 0);
    expect(welcome?.text).toMatch(/^Hello!/);
    expect(welcome?.suggestedActions?.actions.map((a) => a.title)).toContain('What is the measure');
  });

  test("a question goes through the bot's normal pipeline and its FAQ answer comes back", async () => {
    const session = await getToken();
    await startConversation(session, 'it-IT');
    const posted = await fetch(`${session.domain}/conversations/${session.conversationId}/activities`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: "Cos'è Azioni di Rete?", locale: 'it-IT' }),
    });
    expect(posted.status).toBe(200);
    const { id } = (await posted.json()) as { id: string };
    const activities = await pollActivities(session, (all) => all.some((a) => a.replyToId === id));
    const answer = activities.filter((a) => a.replyToId === id).map((a) => a.text ?? '').join('\n');
    expect(answer).toMatch(/crisi/i);
  });

  test('?lang=xx for each of the eight: the page passes the table’s locale, and the chat through Direct Line speaks the language', async () => {
    // the page's own map from ?lang to the locale Web Chat sends (web/app.js) is the table's, for all eight
    const page = fs.readFileSync(`${projectRoot}/web/app.js`, 'utf8');
    const pageLocales = JSON.parse(
      (/var LOCALES = (\{[^}]*\})/.exec(page)?.[1] ?? '{}').replace(/(\w+):/g, '"$1":').replace(/'/g, '"'),
    ) as Record<string, string>;
    expect(pageLocales).toEqual(Object.fromEntries(LANGUAGE_CODES.map((code) => [code, LANGUAGE_TABLE[code].locale])));
    const strings = readLocaleResources();
    // one conversation (the token bucket is shared with the pressure test below): each message carries the locale
    // a page opened with that ?lang sends, and nobody chose a language in the chat, so the locale decides
    const session = await getToken();
    await startConversation(session, 'it-IT');
    for (const code of LANGUAGE_CODES) {
      const prompt = (strings[code].menu as Record<string, string>).prompt;
      expect(prompt).toBeTruthy();
      const posted = await fetch(`${session.domain}/conversations/${session.conversationId}/activities`, {
        method: 'POST',
        headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: 'menu', locale: pageLocales[code] }),
      });
      expect(posted.status).toBe(200);
      const { id } = (await posted.json()) as { id: string };
      const activities = await pollActivities(session, (all) => all.some((a) => a.replyToId === id));
      expect(activities.filter((a) => a.replyToId === id).map((a) => a.text ?? '').join('\n')).toContain(prompt);
    }
  }, 60_000);

  test('a token of another conversation cannot read this one', async () => {
    const mine = await getToken();
    const theirs = await getToken();
    await startConversation(mine, 'it-IT');
    const response = await fetch(`${mine.domain}/conversations/${mine.conversationId}/activities`, { headers: { authorization: `Bearer ${theirs.token}` } });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: 'TOKEN_CONVERSATION_MISMATCH', reason: expect.any(String) } });
  });
});

describe('the token endpoint under pressure (last: it empties the bucket)', () => {
  test('opening chats faster than the limit gets 429 with Retry-After', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 70; i += 1) {
      const response = await fetch(`${bot.url}/api/directline/token`, { method: 'POST' });
      statuses.push(response.status);
      if (response.status === 429) {
        retryAfter = response.headers.get('retry-after');
        expect(await response.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
        break;
      }
      await response.arrayBuffer();
    }
    expect(statuses[statuses.length - 1]).toBe(429);
    // this client's budget (the earlier tests took a few tokens from it too); other clients: test/web/clientRateLimits.test.ts
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(TOKEN_LIMITS.perClient.burst);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(TOKEN_LIMITS.perClient.burst - 10);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
  });
});
