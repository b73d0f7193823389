/** "novità" and "ci sono incontri a Bergamo?" are answered from published content only (past events hidden). */
import { contentDir } from '../../models/paths';
import { readContentFolder } from '../../models/publishing/files';
import { NoticeBoard } from '../../models/publishing/notices';
import { recognizeNoticeRequest } from '../../dialogs/intents';
import { call, type InjectedApiBot } from '../api/helpers';
import { buttonsOf, Chat, textOf } from '../support/botServer';
import { injectTestBot } from '../support/injectServer';
import { fixedClock } from '../leads/fixtures';

const seed = readContentFolder(contentDir);

describe('recognizing news and info-session requests', () => {
  test.each([
    ['novità', 'news'],
    ['ci sono novità?', 'news'],
    ['ultime notizie', 'news'],
    ['news', 'news'],
    ["what's new?", 'news'],
    ['ci sono incontri a Bergamo?', 'events'],
    ["c'è un incontro a Lecco?", 'events'],
    ['incontri informativi', 'events'],
    ['eventi a Brescia', 'events'],
    ['info sessions in Milan?', 'events'],
    ['are there any events near Como?', 'events'],
    ['quanto valgono i servizi?', undefined],
    ["cos'è la misura?", undefined],
    ['sono stato licenziato, posso partecipare?', undefined],
  ])('%s -> %s', (text, expected) => {
    expect(recognizeNoticeRequest(text)).toBe(expected);
  });
});

describe('NoticeBoard', () => {
  const board = new NoticeBoard({
    news: seed.news,
    announcements: { it: [], en: [] },
    events: {
      it: [
        { id: 'a', title: 'A', date: '2026-03-02', time: '09:30', place: 'P', province: 'BG' },
        { id: 'b', title: 'B', date: '2026-03-02', time: '10:30', place: 'P', province: 'BG' },
        { id: 'c', title: 'C', date: '2026-03-01', time: '18:00', place: 'P', province: 'MI' },
      ],
      en: [],
    },
  });

  test('events are compared on Italian wall clocks: 09:30 in Rome is past at 09:00 UTC (10:00 in Rome), 10:30 is not', () => {
    expect(board.upcomingEvents('it', new Date('2026-03-02T09:00:00Z')).map((e) => e.id)).toEqual(['b']);
    expect(board.upcomingEvents('it', new Date('2026-03-01T08:00:00Z')).map((e) => e.id)).toEqual(['c', 'a', 'b']);
    expect(board.upcomingEvents('it', new Date('2026-03-01T08:00:00Z'), 'MI').map((e) => e.id)).toEqual(['c']);
  });

  test('news newest first', () => {
    expect(board.latestNews('it', 2).map((n) => n.date)).toEqual(['2022-03-31', '2020-12-21']);
  });
});

describe('the chat answers news and events from published content', () => {
  let api: InjectedApiBot;
  let staff: string;

  const publishEvent = async (locale: 'it' | 'en', id: string, data: Record<string, string>): Promise<void> => {
    expect((await call(api, 'PUT', `/api/content/${locale}/event/${id}/draft`, staff, { data })).status).toBe(200);
    expect((await call(api, 'POST', `/api/content/${locale}/event/${id}/publish`, staff)).status).toBe(200);
  };

  beforeAll(async () => {
    const clock = fixedClock('2026-03-02T09:00:00.000Z');
    const bot = await injectTestBot({}, { clock: clock.now });
    api = { bot, url: bot.url, clock, fetch: bot.fetch };
    staff = (await bot.domain.accounts.createAccount({ name: 'staff-events', role: 'staff' })).token;
    await publishEvent('it', 'bg-passato', { title: 'Incontro già svolto a Bergamo', date: '2026-02-20', time: '17:00', place: 'Sala civica, Bergamo', province: 'BG' });
    await publishEvent('it', 'bg-marzo', {
      title: 'Incontro informativo a Treviglio',
      date: '2026-03-10',
      time: '17:30',
      place: 'Biblioteca civica, Treviglio',
      province: 'BG',
      link: 'https://example.org/treviglio',
      description: 'Presentazione della misura per lavoratori in cassa integrazione.',
    });
    await publishEvent('it', 'mi-aprile', { title: 'Incontro informativo a Milano', date: '2026-04-02', time: '10:00', place: 'Sala conferenze, Milano', province: 'MI' });
    await publishEvent('en', 'mi-aprile', { title: 'Information session in Milan', date: '2026-04-02', time: '10:00', place: 'Conference hall, Milan', province: 'MI' });
  });
  afterAll(async () => {
    await api.bot.stop();
  });

  test('"ci sono incontri a Bergamo?" lists the upcoming ones of that province only', async () => {
    const chat = new Chat(api.bot);
    const text = await chat.sayText('ci sono incontri a Bergamo?');
    expect(text).toContain('Prossimi incontri informativi in provincia di Bergamo');
    expect(text).toContain('Incontro informativo a Treviglio');
    expect(text).toContain('10 marzo 2026, ore 17:30 - Biblioteca civica, Treviglio (BG)');
    expect(text).toContain('https://example.org/treviglio');
    expect(text).not.toContain('già svolto');
    expect(text).not.toContain('Milano');
  });

  test('none in the province -> says so and offers a referral', async () => {
    const chat = new Chat(api.bot);
    const replies = await chat.say('ci sono incontri a Como?');
    expect(textOf(replies)).toContain('Al momento non ci sono incontri informativi in programma in provincia di Como.');
    expect(buttonsOf(replies)).toContain('Voglio essere ricontattato');
    // the offered button starts the referral
    expect(await chat.sayText('Voglio essere ricontattato')).toMatch(/consenso|privacy|dati/i);
  });

  test('in English, and without a place every upcoming session', async () => {
    const en = new Chat(api.bot, { locale: 'en-GB' });
    const text = await en.sayText('info sessions in Milan?');
    expect(text).toContain('Upcoming information sessions in the province of Milano');
    expect(text).toContain('2 April 2026, 10:00 - Conference hall, Milan (MI)');
    const it = new Chat(api.bot);
    const all = await it.sayText('incontri informativi');
    expect(all.indexOf('Treviglio')).toBeGreaterThan(-1);
    expect(all.indexOf('Treviglio')).toBeLessThan(all.indexOf('Incontro informativo a Milano'));
  });

  test('"novità" lists the latest published news, and a withdrawn one disappears', async () => {
    const chat = new Chat(api.bot);
    const text = await chat.sayText('novità');
    expect(text).toContain(seed.news.it[0].title);
    expect(text.indexOf(seed.news.it[0].title)).toBeLessThan(text.indexOf(seed.news.it[1].title));
    expect((await call(api, 'DELETE', `/api/content/it/news/${seed.news.it[0].id}`, staff)).status).toBe(200);
    expect(await chat.sayText('novità')).not.toContain(seed.news.it[0].title);
    expect(await new Chat(api.bot, { locale: 'en-US' }).sayText("what's new?")).toContain(seed.news.en[0].title);
  });
});
