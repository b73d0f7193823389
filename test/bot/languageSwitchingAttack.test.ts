/**
 * Issue 16's language switching attacked the way workers and odd clients would, through the real server: a first
 * message of 30 KB in Arabic, Cyrillic or mixed scripts (answered promptly, the long-message notice in the language
 * the chat switches to), a language's name sent 50 times in a row, channel locales no channel should send (Web Chat
 * `?lang=`, Teams `locale`: `ar-XX`, `xx`, `../`, 5,000 characters), Teams cards of odd shapes for an Arabic worker
 * (an invoke without expectReplies, an empty card, 100 buttons, a button or attachment that is null), and the logs
 * of an Arabic referral at LOG_LEVEL=debug, which must hold no name, phone, e-mail or text the worker typed (nor
 * may the unanswered questions staff read: a name after Arabic's "my name is", a phone in Arabic-Indic digits);
 * the worker's phone typed in Arabic-Indic digits is read as a phone.
 */
import { performance } from 'node:perf_hooks';
import { TestAdapter, type Activity, type Attachment } from 'botbuilder';
import { RightToLeftCardsMiddleware } from '../../bot/teams/rightToLeftCards';
import { setTurnLanguage } from '../../dialogs/turnLanguage';
import type { RunningBot } from '../../bot/index';
import type { Logger } from '../../models/logger';
import { buttonsCardFromHero } from '../../models/teams/workerCards';
import { Chat, buttonsOf, startTestBot, textOf } from '../support/botServer';
import { startInProcessBot, type InProcessBot } from '../support/inProcessBot';
import { injectTestBot, type InjectedBot } from '../support/injectServer';
import { ConnectorStandIn } from '../teams/connectorStandIn';
import { aadId, ChannelMember, executeValue, personalChat, type TeamsUser } from '../teams/teamsChat';

const ARABIC = 'أعمل في مصنع في بيرغامو سيغلق قريبا وأريد أن أعرف إذا كان بإمكاني المشاركة في البرنامج. ';
const UKRAINIAN = 'Я працюю на заводі в Бергамо, який скоро закривається, і хочу дізнатися, чи можу я взяти участь. ';
const ARABIC_SCRIPT = /[\u0600-\u06ff]/;
const CYRILLIC = /[\u0400-\u04ff]/;
const CUT_IT = /molto lungo/;
/** A turn of the in-process bot, on a loaded machine: generous, yet far below a stalled event loop's seconds. */
const PROMPT_MS = 5000;

function repeatTo(unit: string, length: number): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

describe('language switching under attack (the bot in process)', () => {
  let bot: InProcessBot;
  beforeAll(async () => {
    bot = await startInProcessBot();
    // the first turn loads the language identifier's n-grams (npm start preloads them before listening)
    await new Chat(bot).say('bună ziua, lucrez într-o fabrică din Bergamo care se închide');
  });
  afterAll(async () => {
    await bot.stop();
  });

  test.each([
    ['Arabic', ARABIC, ARABIC_SCRIPT],
    ['Ukrainian', UKRAINIAN, CYRILLIC],
    ['mixed scripts, Arabic first', `${ARABIC}${UKRAINIAN}lavoro a Bergamo e la ditta chiude `, undefined],
  ])('a first message of 30 KB in %s is answered promptly, the notice first and in the language the chat speaks after', async (_what, unit, script) => {
    const chat = new Chat(bot, { locale: 'it-IT' });
    await chat.join();
    const started = performance.now();
    const replies = await chat.say(repeatTo(unit, 30_000));
    expect(performance.now() - started).toBeLessThan(PROMPT_MS);
    expect(replies.length).toBeGreaterThanOrEqual(2);
    const [notice, ...rest] = replies;
    expect(notice.text).toMatch(/2[.,\u066c\u00a0\u202f ]?000|٢[٬.,]?٠٠٠/);
    if (script) {
      // the chat switched: the notice says so in that language too, not in Italian
      expect(textOf(rest)).toMatch(script);
      expect(notice.text).toMatch(script);
      expect(notice.text).not.toMatch(CUT_IT);
    }
    // and the chat goes on: the menu answers
    expect(textOf(await chat.say('menu')).length).toBeGreaterThan(0);
  });

  test('the long-message notice stays Italian on an Italian chat, once, before the answer', async () => {
    const chat = new Chat(bot, { locale: 'it-IT' });
    await chat.join();
    const replies = await chat.say(repeatTo('Lavoro a Treviglio in una fabbrica metalmeccanica che chiude. ', 30_000));
    expect(replies[0].text).toMatch(CUT_IT);
    expect(replies.filter((r) => CUT_IT.test(r.text ?? ''))).toHaveLength(1);
  });

  test("a language's name 50 times in a row: every one answered, the last one holds, quickly", async () => {
    const chat = new Chat(bot, { locale: 'it-IT' });
    await chat.join();
    const names = ['română', 'العربية', 'shqip', 'español', 'українська', 'français', 'italiano', 'English'];
    const started = performance.now();
    for (let i = 0; i < 50; i += 1) expect(textOf(await chat.say(names[i % names.length])).length).toBeGreaterThan(0);
    expect(performance.now() - started).toBeLessThan(50 * PROMPT_MS * 0.2);
    // the 50th was names[1]: Arabic, and the menu comes in Arabic
    expect(textOf(await chat.say('menu'))).toMatch(ARABIC_SCRIPT);
  });

  test('the day a worker left work, typed in Arabic-Indic digits, is read whole (it was read as its year alone)', async () => {
    for (const typed of ['١٥/٠٣/٢٠٢٦', '15/03/2026']) {
      const chat = new Chat(bot, { locale: 'ar-EG' });
      let last = await chat.join();
      const press = async (index: number): Promise<void> => {
        last = await chat.say(buttonsOf(last)[index]);
      };
      await press(1); // can I take part?
      last = await chat.say('Treviglio');
      await press(0); // cassa integrazione straordinaria
      await press(1); // no longer employed: when did you leave?
      const understood = textOf(await chat.say(typed));
      expect({ typed, understood }).toEqual({ typed, understood: expect.stringContaining('15/03/2026') });
    }
  });

  test.each([
    ['ar-XX', ARABIC_SCRIPT],
    ['AR', ARABIC_SCRIPT],
    ['uk_UA', CYRILLIC],
    ['xx', /Ciao!/],
    ['../', /Ciao!/],
    ['../../ar', /Ciao!/],
    ['__proto__', /Ciao!/],
    ['constructor', /Ciao!/],
    ['', /Ciao!/],
    ['a'.repeat(5000), /Ciao!/],
    ['ar-\u202Eeg', ARABIC_SCRIPT],
  ])('a Web Chat or Teams locale (case %#) is welcomed in the language it names, else Italian', async (locale, expected) => {
    for (const channelId of ['directline', 'msteams']) {
      const chat = new Chat(bot, { locale, channelId });
      const welcome = await chat.join();
      expect({ channelId, text: textOf(welcome) }).toEqual({ channelId, text: expect.stringMatching(expected) });
      expect(textOf(await chat.say('menu')).length).toBeGreaterThan(0);
    }
  });
});

describe('a locale that is not a string, through POST /api/messages', () => {
  let bot: InjectedBot;
  beforeAll(async () => {
    bot = await injectTestBot();
  });
  afterAll(async () => {
    await bot.stop();
  });

  test.each([[123], [{}], [['ar']], [true]])('locale %j: a 400 that says so, and the Arabic worker\'s referral goes on where it was', async (locale) => {
    const chat = new Chat(bot, { locale: 'ar-EG' });
    await chat.join();
    // the referral's consent question (the Italian label of the menu entry works in every language)
    const consent = textOf(await chat.say('Voglio essere ricontattato'));
    expect(consent).toMatch(ARABIC_SCRIPT);
    const response = await bot.fetch('/api/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'مرحبا', locale, channelId: 'emulator', serviceUrl: 'http://127.0.0.1:1', conversation: { id: chat.conversationId }, from: { id: chat.userId }, recipient: { id: 'bot' }, deliveryMode: 'expectReplies' }),
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toMatch(/locale/);
    // still at the consent question, in Arabic: "yes" goes on to the name
    const next = await chat.say('نعم');
    expect(textOf(next)).toMatch(ARABIC_SCRIPT);
    expect(textOf(next)).not.toMatch(/Mi dispiace|qualcosa è andato storto/);
    expect(textOf(next)).not.toBe(consent);
    expect(textOf(next)).toMatch(/اسم/); // the name question
  });
});

describe("Web Chat's page and the privacy notice with odd ?lang= values", () => {
  let bot: InjectedBot;
  beforeAll(async () => {
    bot = await injectTestBot();
  });
  afterAll(async () => {
    await bot.stop();
  });

  test.each(['ar-XX', 'xx', '../', '__proto__', '<script>alert(1)</script>', '"><img src=x>', 'x'.repeat(5000), 'ar&lang=ro'])('?lang= (case %#): the page and the notice answer, nothing of it echoed', async (lang) => {
    for (const path of ['/', '/privacy']) {
      const response = await bot.fetch(`${path}?lang=${encodeURIComponent(lang)}`);
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
      const page = await response.text();
      if (lang.length > 3) expect(page).not.toContain(lang);
      expect(page).toMatch(/<html lang="[a-z]{2}"/);
    }
  });

  test('?lang[]=ar and a repeated lang: the notice in the header language or Italian, never an error', async () => {
    expect((await bot.fetch('/privacy?lang[]=ar')).status).toBe(200);
    const repeated = await (await bot.fetch('/privacy?lang=ar&lang=ro')).text();
    expect(repeated).toMatch(/<html lang="[a-z]{2}"/);
  });
});

describe('Teams cards for a worker in Arabic, odd cards', () => {
  test('an empty hero card, 100 buttons, a null button, a non-string value, another kind of card', () => {
    expect(buttonsCardFromHero({ text: '', buttons: [] }, 'rtl')).toMatchObject({ type: 'AdaptiveCard', version: '1.5', rtl: true, body: [] });
    const hundred = Array.from({ length: 100 }, (_, i) => ({ type: 'imBack', title: `زر ${i}`, value: `زر ${i}` }));
    const card = buttonsCardFromHero({ text: 'اختر', buttons: hundred }, 'rtl') as unknown as { body: Array<{ type: string; actions?: Array<{ title: string }> }> };
    const titles = card.body.filter((b) => b.type === 'ActionSet').flatMap((b) => (b.actions ?? []).map((a) => a.title));
    expect(titles).toEqual(hundred.map((b) => b.title));
    // what is not a hero card of text and imBack buttons stays as it is (undefined: left untouched)
    expect(buttonsCardFromHero({ text: 'x', buttons: [null] }, 'rtl')).toBeUndefined();
    expect(buttonsCardFromHero({ text: 'x', buttons: [{ type: 'imBack', title: 'a', value: { not: 'text' } }] }, 'rtl')).toBeUndefined();
    expect(buttonsCardFromHero({ text: 'x', buttons: [{ type: 'openUrl', title: 'a', value: 'https://x' }] }, 'rtl')).toBeUndefined();
    expect(buttonsCardFromHero({ type: 'AdaptiveCard', body: [] }, 'rtl')).toBeUndefined();
    expect(buttonsCardFromHero(null, 'rtl')).toBeUndefined();
    expect(buttonsCardFromHero('text', 'rtl')).toBeUndefined();
  });

  test('the middleware on a Teams turn in Arabic: a null attachment, an Adaptive Card, a hero card of 100 buttons, an invoke response', async () => {
    const hero = { contentType: 'application/vnd.microsoft.card.hero', content: { text: 'اختر', buttons: Array.from({ length: 100 }, (_, i) => ({ type: 'imBack', title: `${i}`, value: `${i}` })) } };
    const adaptive = { contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'AR-ABCDE' }] } };
    const adapter = new TestAdapter(
      async (context) => {
        setTurnLanguage(context, 'ar');
        await context.sendActivity({ type: 'message', attachments: [null as unknown as Attachment, adaptive, hero] });
        await context.sendActivity({ type: 'invokeResponse', value: { status: 200, body: { statusCode: 200 } } });
        await context.sendActivity({ type: 'message', text: 'نص', attachments: [] });
      },
      { channelId: 'msteams' },
    ).use(new RightToLeftCardsMiddleware());
    await adapter
      .send('مرحبا')
      .assertReply((reply) => {
        const [none, kept, converted] = reply.attachments ?? [];
        expect(none).toBeNull();
        expect(kept).toEqual(adaptive);
        expect(converted.contentType).toBe('application/vnd.microsoft.card.adaptive');
        expect(converted.content).toMatchObject({ rtl: true, version: '1.5' });
      })
      .assertReply((reply) => expect(reply.type).toBe('invokeResponse'))
      .assertReply((reply) => expect(reply.text).toBe('نص'));
  });

  describe('through the real server (Teams invokes come without expectReplies)', () => {
    let bot: RunningBot;
    let connector: ConnectorStandIn;
    const worker: TeamsUser = { id: '29:worker-ar-attack', name: 'عامل', aadObjectId: aadId(61) };

    beforeAll(async () => {
      connector = await new ConnectorStandIn().start();
      bot = await startTestBot({ TEAMS_OUTBOX_POLL_MS: '0' });
    });
    afterAll(async () => {
      await bot.stop();
      await connector.stop();
    });

    test('invokes from an Arabic worker (card action, submit, unknown, none, huge verb) get clean answers; the chat goes on in Arabic', async () => {
      const member = new ChannelMember(bot, worker, '19:unused@thread.tacv2', connector.url);
      const personal: Partial<Activity> = { conversation: { id: `a:personal-${worker.id}`, isGroup: false, conversationType: 'personal', name: '', tenantId: 'tenant-1' }, locale: 'ar-EG', channelData: { tenant: { id: 'tenant-1' } } };
      const dm = personalChat(bot, worker, 'ar-EG');
      expect(textOf(await dm.say('مرحبا'))).toMatch(ARABIC_SCRIPT);
      const invokes: Array<[string | undefined, unknown]> = [
        ['adaptiveCard/action', executeValue('claim', { leadId: 'no-such-lead' })],
        ['adaptiveCard/action', { action: { type: 'Action.Submit', data: {} } }],
        ['adaptiveCard/action', executeValue('x'.repeat(10_000), [])],
        ['adaptiveCard/action', null],
        [undefined, null],
        ['composeExtension/query', {}],
        ['task/fetch', { data: { msteams: { type: 'imBack', value: 'القائمة' } } }],
      ];
      for (const [name, value] of invokes) {
        const { status } = await member.invoke(name, value, undefined, personal);
        // answered (a card, a 400 for what is malformed, a clean 501 for what the bot does not implement), never a 500
        expect({ name, status: [200, 400, 501].includes(status) }).toEqual({ name, status: true });
      }
      // nothing was posted to the worker's chat behind the invokes' backs, and the chat still answers in Arabic with cards that read right to left
      expect(connector.calls.filter((c) => c.conversationId.includes(worker.id))).toEqual([]);
      const menu = await dm.say('القائمة');
      expect(textOf(menu)).toMatch(ARABIC_SCRIPT);
      const cards = menu.flatMap((a) => (a.attachments ?? []) as Attachment[]);
      expect(cards.length).toBeGreaterThan(0);
      for (const card of cards) expect(card.content).toMatchObject({ rtl: true });
      expect(buttonsOf(menu).length).toBeGreaterThan(2);
    });
  });
});

/** Every log call as one JSON line: what the code hands the logger, before pino's redaction (its second line of defence). */
function capturingLogger(lines: string[], bindings: Record<string, unknown> = {}): Logger {
  const write = (level: string) => (obj: object, msg?: string) => {
    lines.push(JSON.stringify({ level, ...bindings, ...obj, msg }));
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error'), child: (more) => capturingLogger(lines, { ...bindings, ...more }) };
}

describe('privacy: the logs of a referral in Arabic (LOG_LEVEL=debug)', () => {
  test('hold no name, phone, e-mail or text the worker typed', async () => {
    const lines: string[] = [];
    const bot = await startTestBot({ LOG_LEVEL: 'debug' }, { logger: capturingLogger(lines) });
    try {
      const chat = new Chat(bot, { locale: 'ar-EG', channelId: 'directline' });
      let last = await chat.join();
      const press = async (index: number): Promise<void> => {
        const label = buttonsOf(last)[index];
        if (label === undefined) throw new Error(`no button ${index} in: ${textOf(last)}`);
        last = await chat.say(label);
      };
      const say = async (text: string): Promise<void> => {
        last = await chat.say(text);
      };
      // a question the FAQ cannot answer, with personal data in it
      await say('اسمي سلمى الحداد وهاتفي 347 555 1212 وبريدي salma.haddad@example.com هل تدفعون الإيجار؟');
      await say('القائمة');
      await press(1); // can I take part?
      await say('Treviglio');
      await press(0); // cassa integrazione straordinaria
      await press(0); // still employed
      await press(0); // redundancies: yes
      await say('مطبعة الحداد');
      await press(0); // printing: likely eligible, or whatever the first answer is
      await press(0); // I want to be contacted
      await press(0); // I agree
      await say('سلمى الحداد');
      // the phone as an Arabic keyboard types it: read like 347 555 1212
      await say('٣٤٧ ٥٥٥ ١٢١٢');
      await press(0); // morning
      await press(0); // confirm
      const reference = /AR-[2-9A-HJ-NP-Z]{5}/.exec(textOf(last))?.[0];
      expect(reference).toBeDefined();
      const lead = await bot.domain.leads.getByReference(reference as string);
      expect(lead.contact).toMatchObject({ name: 'سلمى الحداد', phone: '+393475551212' });
      expect(lead.consent.language).toBe('ar');
      await say('بياناتي');
      // a question the bot cannot answer, with a name after its cue and a phone in Arabic-Indic digits: the
      // unanswered questions staff read keep the question, not the person
      await say('القائمة');
      await say('اسمي سلمى الحداد ورقمي ٣٤٧٥٥٥١٢١٢، ما هو لون السماء فوق المريخ؟');
      const { token } = await bot.domain.accounts.createAccount({ name: 'staff-privacy', role: 'staff' });
      const unanswered = await (await fetch(`${bot.url}/api/analytics/unanswered?language=ar`, { headers: { authorization: `Bearer ${token}` } })).json() as { items: Array<{ text: string }> };
      const kept = unanswered.items.map((u) => u.text).join('\n');
      expect(kept).toContain('المريخ');
      for (const secret of ['سلمى', 'الحداد', '٣٤٧', '347555']) expect({ secret, kept: kept.includes(secret) }).toEqual({ secret, kept: false });
      await bot.stop();
      const log = lines.join('\n');
      expect(lines.length).toBeGreaterThan(0);
      for (const secret of ['سلمى', 'الحداد', 'Haddad', '5551212', '555 1212', '٣٤٧', 'salma', 'مطبعة', 'الإيجار', 'المريخ', 'بياناتي', 'Treviglio']) {
        expect({ secret, found: log.includes(secret) }).toEqual({ secret, found: false });
      }
    } finally {
      await bot.stop().catch(() => undefined);
    }
  }, 60_000);
});
