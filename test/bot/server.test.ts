import type { RunningBot } from '../../bot/index';
import { Chat, buttonsOf, startTestBot, textOf } from '../support/botServer';
import { injectTestBot, type InjectedBot } from '../support/injectServer';

describe('the bot over HTTP (the built server in process, expectReplies)', () => {
  let bot: InjectedBot;
  beforeAll(async () => {
    bot = await injectTestBot();
  });
  afterAll(async () => {
    await bot.stop();
  });

  test('health and readiness probes answer 200', async () => {
    expect((await bot.fetch(`${bot.url}/healthz`)).status).toBe(200);
    const ready = await bot.fetch(`${bot.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', store: 'embedded' });
  });

  test('a new conversation is welcomed in Italian with a privacy line and the menu', async () => {
    const replies = await new Chat(bot).join();
    const text = textOf(replies);
    expect(text).toMatch(/Azioni di Rete per il lavoro/);
    // the full notice in the language of the chat, whatever the browser asks for
    expect(text).toMatch(/\[Informativa privacy\]\(\/privacy\?lang=it\)/);
    expect(buttonsOf(replies)).toEqual(expect.arrayContaining(["Cos'è la misura", 'Posso partecipare?', 'Voglio essere ricontattato', 'Ricevi novità', 'Lingua / Language']));
  });

  test('a channel that sends no conversationUpdate still gets the welcome on the first message', async () => {
    const chat = new Chat(bot);
    const first = await chat.sayText('menu');
    expect(first).toMatch(/assistente virtuale/);
    const second = await chat.sayText('menu');
    expect(second).not.toMatch(/assistente virtuale/);
  });

  test('English when activity.locale is English', async () => {
    const replies = await new Chat(bot, { locale: 'en-US' }).join();
    expect(textOf(replies)).toMatch(/I'm the virtual assistant/);
    expect(buttonsOf(replies)).toEqual(expect.arrayContaining(['What is the measure', 'Can I take part?', 'Language / Lingua']));
  });

  test('a language chosen by the user is remembered, also in a new conversation', async () => {
    const chat = new Chat(bot);
    await chat.join();
    expect(await chat.sayText('English')).toMatch(/continue in English/);
    expect(await chat.sayText('menu')).toMatch(/How can I help you/);
    const later = new Chat(bot, { userId: chat.userId, locale: 'it-IT' });
    expect(textOf(await later.join())).toMatch(/I'm the virtual assistant/);
    expect(await later.sayText('italiano')).toMatch(/continuiamo in italiano/);
  });

  test('nonsense gets a short answer and the menu, never silence', async () => {
    const chat = new Chat(bot);
    await chat.join();
    const replies = await chat.say('qwzx plorf');
    expect(textOf(replies)).toMatch(/non ho capito|non posso aiutarti/i);
    expect(buttonsOf(replies)).toContain('Posso partecipare?');
  });

  test('"annulla" with nothing under way says so and shows the menu', async () => {
    const chat = new Chat(bot);
    await chat.join();
    const replies = await chat.say('annulla');
    expect(textOf(replies)).toMatch(/Non c'è nulla da annullare/);
    expect(buttonsOf(replies).length).toBeGreaterThan(0);
  });

  test('the privacy notice page is served in each language, Arabic right to left', async () => {
    const it = await bot.fetch(`${bot.url}/privacy`);
    expect(it.status).toBe(200);
    expect(await it.text()).toMatch(/Informativa sul trattamento/);
    expect(await (await bot.fetch(`${bot.url}/privacy?lang=en`)).text()).toMatch(/Privacy notice/);
    // the newer languages read their own notice (content/privacy/<lng>.json), marked with their language
    const ro = await (await bot.fetch(`${bot.url}/privacy?lang=ro`)).text();
    expect(ro).toMatch(/<html lang="ro" dir="ltr">/);
    expect(ro).toMatch(/Nota de informare privind prelucrarea datelor/);
    expect(ro).not.toMatch(/Informativa sul trattamento/);
    const ar = await (await bot.fetch(`${bot.url}/privacy?lang=ar`)).text();
    expect(ar).toMatch(/<html lang="ar" dir="rtl">/);
    expect(ar).toMatch(/إشعار بشأن معالجة البيانات الشخصية/);
  });
});

describe('malformed requests get a 4xx with a reason and the server keeps serving', () => {
  let bot: RunningBot;
  beforeAll(async () => {
    bot = await startTestBot({ MAX_BODY_BYTES: '2048' });
  });
  afterAll(async () => {
    await bot.stop();
  });

  const post = (body: string, contentType = 'application/json') => fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': contentType }, body });

  test.each([
    ['bad JSON', '{"type": "message",', 'application/json', 400, /json|invalid/i],
    ['wrong content type', 'type=message', 'text/plain', 415, /application\/json/],
    ['not an object', '[1,2]', 'application/json', 400, /JSON object/],
    ['no type', '{"conversation":{"id":"c"},"serviceUrl":"http://x"}', 'application/json', 400, /"type"/],
    ['no conversation', '{"type":"message","serviceUrl":"http://x"}', 'application/json', 400, /conversation\.id/],
    ['no serviceUrl', '{"type":"message","conversation":{"id":"c"}}', 'application/json', 400, /serviceUrl/],
    ['text not a string', '{"type":"message","conversation":{"id":"c"},"serviceUrl":"http://x","text":42}', 'application/json', 400, /"text"/],
  ])('%s', async (_name, body, contentType, status, reason) => {
    const response = await post(body, contentType);
    expect(response.status).toBe(status);
    const answer = (await response.json()) as { error?: { reason?: string }; message?: string };
    expect(answer.error?.reason ?? answer.message ?? '').toMatch(reason);
  });

  test('a body over the size limit -> 413', async () => {
    const response = await post(JSON.stringify({ type: 'message', text: 'x'.repeat(5000), conversation: { id: 'c' }, serviceUrl: 'http://x' }));
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: { code: 'PAYLOAD_TOO_LARGE', reason: expect.stringContaining('2048') } });
  });

  test('an unknown route -> 404 JSON, and the server still answers afterwards', async () => {
    const response = await fetch(`${bot.url}/nope`);
    expect(response.status).toBe(404);
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
  });
});

describe('with a MicrosoftAppId', () => {
  test('a request without a valid token is refused with 401', async () => {
    const bot = await injectTestBot({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'not-a-real-secret' });
    try {
      const chat = new Chat(bot);
      await expect(chat.say('ciao')).rejects.toThrow(/answered 401/);
    } finally {
      await bot.stop();
    }
  });
});

describe('graceful stop', () => {
  test('stop closes the server and the store; a second stop is harmless', async () => {
    const bot = await startTestBot();
    await new Chat(bot).join();
    await bot.stop();
    await bot.stop();
    await expect(fetch(`${bot.url}/healthz`)).rejects.toThrow();
    await expect(bot.store.ping()).rejects.toThrow();
  });
});
