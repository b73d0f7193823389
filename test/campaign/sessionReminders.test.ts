/**
 * The day-before reminder of an info session: which events, when (Italian time, summer time included), what it says,
 * written once whatever the number of passes or instances, and delivered by the ordinary sender.
 */
import { ConfigError, loadConfig, VARIABLES } from '../../bot/config';
import { createTranslator, type Translator } from '../../models/i18n';
import type { Logger } from '../../models/logger';
import { silentLogger } from '../../models/logger';
import { NoticeBoard } from '../../models/publishing/notices';
import type { InfoEvent } from '../../models/publishing/types';
import {
  composeReminder,
  italianDayAndHour,
  nextDay,
  REMINDER_AUTHOR,
  reminderId,
  remindersDue,
  SessionReminders,
  uuidV5,
} from '../../models/campaign/sessionReminders';
import { call, startApiBot, tokenFor, type ApiBot } from '../api/helpers';
import { ConnectorStandIn } from '../teams/connectorStandIn';
import { openStores, RecordingPoster, sender, subscriber, until, WorkerChat, type CampaignStores } from './helpers';

const event = (overrides: Partial<InfoEvent> = {}): InfoEvent => ({
  id: 'bg-incontro',
  title: 'Incontro informativo a Treviglio',
  date: '2026-03-10',
  time: '17:30',
  place: 'Biblioteca civica, Treviglio',
  province: 'BG',
  ...overrides,
});

const ids = (candidates: Array<{ it: InfoEvent }>): string[] => candidates.map((c) => c.it.id).sort();

/** A logger that keeps what was logged, to check the lines and that they carry no personal data. */
class RecordingLogger implements Logger {
  readonly lines: Array<{ level: string; obj: object; msg?: string }> = [];
  debug(obj: object, msg?: string): void {
    this.lines.push({ level: 'debug', obj, msg });
  }
  info(obj: object, msg?: string): void {
    this.lines.push({ level: 'info', obj, msg });
  }
  warn(obj: object, msg?: string): void {
    this.lines.push({ level: 'warn', obj, msg });
  }
  error(obj: object, msg?: string): void {
    this.lines.push({ level: 'error', obj, msg });
  }
  child(): Logger {
    return this;
  }
}

function board(it: InfoEvent[], en: InfoEvent[] = []): NoticeBoard {
  return new NoticeBoard({ news: { it: [], en: [] }, announcements: { it: [], en: [] }, events: { it, en } });
}

describe('session reminders: configuration', () => {
  test('on at 10 by default; ANNOUNCE_SESSION_REMINDERS=off turns them off; ANNOUNCE_REMINDER_HOUR 0-23', () => {
    expect(loadConfig({})).toMatchObject({ announceSessionReminders: true, announceReminderHour: 10 });
    expect(loadConfig({ ANNOUNCE_SESSION_REMINDERS: 'off', ANNOUNCE_REMINDER_HOUR: '0' })).toMatchObject({ announceSessionReminders: false, announceReminderHour: 0 });
    expect(loadConfig({ ANNOUNCE_REMINDER_HOUR: '23' }).announceReminderHour).toBe(23);
    for (const env of [{ ANNOUNCE_REMINDER_HOUR: '24' }, { ANNOUNCE_REMINDER_HOUR: '9.5' }, { ANNOUNCE_SESSION_REMINDERS: 'maybe' }]) expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(Object.keys(VARIABLES)).toEqual(expect.arrayContaining(['ANNOUNCE_SESSION_REMINDERS', 'ANNOUNCE_REMINDER_HOUR']));
  });
});

describe('session reminders: the dates', () => {
  test('Italian day and hour of an instant, across both summer-time changes', () => {
    expect(italianDayAndHour(new Date('2026-01-15T09:00:00Z'))).toEqual({ date: '2026-01-15', hour: 10 });
    expect(italianDayAndHour(new Date('2026-07-15T09:00:00Z'))).toEqual({ date: '2026-07-15', hour: 11 });
    // 23:30 UTC is already the next day in Italy, in winter and in summer
    expect(italianDayAndHour(new Date('2026-03-28T23:30:00Z'))).toEqual({ date: '2026-03-29', hour: 0 });
    expect(italianDayAndHour(new Date('2026-07-10T22:30:00Z'))).toEqual({ date: '2026-07-11', hour: 0 });
    // the night the clocks go forward (29 March 2026, 02:00 -> 03:00) and back (25 October 2026, 03:00 -> 02:00)
    expect(italianDayAndHour(new Date('2026-03-29T01:30:00Z'))).toEqual({ date: '2026-03-29', hour: 3 });
    expect(italianDayAndHour(new Date('2026-10-25T00:30:00Z'))).toEqual({ date: '2026-10-25', hour: 2 });
    expect(italianDayAndHour(new Date('2026-10-25T01:30:00Z'))).toEqual({ date: '2026-10-25', hour: 2 });
  });

  test.each([
    ['2026-03-10', '2026-03-11'],
    ['2026-03-28', '2026-03-29'],
    ['2026-03-31', '2026-04-01'],
    ['2026-10-24', '2026-10-25'],
    ['2026-12-31', '2027-01-01'],
    ['2028-02-28', '2028-02-29'],
  ])('the day after %s is %s', (day, after) => {
    expect(nextDay(day)).toBe(after);
  });
});

describe('session reminders: which events, and from when', () => {
  const events = [
    event({ id: 'today', date: '2026-03-10', time: '18:00' }),
    event({ id: 'tomorrow-early', date: '2026-03-11', time: '08:00' }),
    event({ id: 'tomorrow-late', date: '2026-03-11', time: '23:30' }),
    event({ id: 'in-two-days', date: '2026-03-12', time: '09:00' }),
    event({ id: 'past', date: '2026-03-09', time: '10:00' }),
  ];

  test('tomorrow only (not today, not in two days, not past), once the Italian hour is reached', () => {
    // 10 March 2026 is winter time: 09:00 UTC = 10:00 in Italy
    expect(ids(remindersDue({ it: events, en: [] }, new Date('2026-03-10T08:59:00Z'), 10))).toEqual([]);
    expect(ids(remindersDue({ it: events, en: [] }, new Date('2026-03-10T09:00:00Z'), 10))).toEqual(['tomorrow-early', 'tomorrow-late']);
    expect(ids(remindersDue({ it: events, en: [] }, new Date('2026-03-10T19:59:00Z'), 10))).toEqual(['tomorrow-early', 'tomorrow-late']);
    // from 21:00 in Italy nobody is reminded any more that day (a late publication, a bot down all day)
    expect(ids(remindersDue({ it: events, en: [] }, new Date('2026-03-10T20:00:00Z'), 10))).toEqual([]);
    expect(ids(remindersDue({ it: events, en: [] }, new Date('2026-03-10T22:59:00Z'), 10))).toEqual([]);
    // unless staff chose a later hour themselves: then that hour is the window
    expect(ids(remindersDue({ it: events, en: [] }, new Date('2026-03-10T21:00:00Z'), 22))).toEqual(['tomorrow-early', 'tomorrow-late']);
    expect(ids(remindersDue({ it: events, en: [] }, new Date('2026-03-10T22:00:00Z'), 22))).toEqual([]);
    // 23:00 UTC is midnight in Italy: "tomorrow" is now the 12th, and hour 0 is before 10
    expect(ids(remindersDue({ it: events, en: [] }, new Date('2026-03-10T23:00:00Z'), 10))).toEqual([]);
    expect(ids(remindersDue({ it: events, en: [] }, new Date('2026-03-10T23:00:00Z'), 0))).toEqual(['in-two-days']);
  });

  test('late March: the day before the clocks go forward, and the day they do', () => {
    const march = [event({ id: 'sun-29', date: '2026-03-29', time: '10:00' }), event({ id: 'mon-30', date: '2026-03-30', time: '10:00' })];
    // Saturday 28, winter time (UTC+1)
    expect(ids(remindersDue({ it: march, en: [] }, new Date('2026-03-28T08:59:00Z'), 10))).toEqual([]);
    expect(ids(remindersDue({ it: march, en: [] }, new Date('2026-03-28T09:00:00Z'), 10))).toEqual(['sun-29']);
    // 23:30 UTC on the 28th is 00:30 on Sunday 29 in Italy: not "the 28th" as a UTC calendar would say
    expect(ids(remindersDue({ it: march, en: [] }, new Date('2026-03-28T23:30:00Z'), 0))).toEqual(['mon-30']);
    // Sunday 29, summer time (UTC+2): 08:00 UTC is already 10:00
    expect(ids(remindersDue({ it: march, en: [] }, new Date('2026-03-29T07:59:00Z'), 10))).toEqual([]);
    expect(ids(remindersDue({ it: march, en: [] }, new Date('2026-03-29T08:00:00Z'), 10))).toEqual(['mon-30']);
  });

  test('late October: the day before the clocks go back, and the day they do', () => {
    const october = [event({ id: 'sun-25', date: '2026-10-25', time: '10:00' }), event({ id: 'mon-26', date: '2026-10-26', time: '10:00' })];
    // Saturday 24, summer time (UTC+2)
    expect(ids(remindersDue({ it: october, en: [] }, new Date('2026-10-24T07:59:00Z'), 10))).toEqual([]);
    expect(ids(remindersDue({ it: october, en: [] }, new Date('2026-10-24T08:00:00Z'), 10))).toEqual(['sun-25']);
    // Sunday 25, winter time again (UTC+1): 08:30 UTC is 09:30, not yet 10
    expect(ids(remindersDue({ it: october, en: [] }, new Date('2026-10-25T08:30:00Z'), 10))).toEqual([]);
    expect(ids(remindersDue({ it: october, en: [] }, new Date('2026-10-25T09:00:00Z'), 10))).toEqual(['mon-26']);
  });

  test('the English version joins only when it is the same event (same id, date, time and province)', () => {
    const it = [event({ id: 'a', date: '2026-03-11' }), event({ id: 'b', date: '2026-03-11' }), event({ id: 'c', date: '2026-03-11' })];
    const en = [event({ id: 'a', date: '2026-03-11', title: 'Information session' }), event({ id: 'b', date: '2026-03-12' }), event({ id: 'only-en', date: '2026-03-11' })];
    const due = remindersDue({ it, en }, new Date('2026-03-10T12:00:00Z'), 10);
    expect(due.map((c) => ({ id: c.it.id, en: c.en?.title, mismatch: c.enMismatch === true }))).toEqual([
      { id: 'a', en: 'Information session', mismatch: false },
      { id: 'b', en: undefined, mismatch: true },
      { id: 'c', en: undefined, mismatch: false },
    ]);
  });
});

describe('session reminders: the announcement', () => {
  let translator: Translator;
  beforeAll(async () => {
    translator = await createTranslator();
  });

  test('ids are UUIDs (the API and the console can open and cancel them), stable per event and date', () => {
    // the RFC 4122 example of a version 5 UUID
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
    const id = reminderId('bg-incontro', '2026-03-11');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(reminderId('bg-incontro', '2026-03-11')).toBe(id);
    expect(reminderId('bg-incontro', '2026-03-12')).not.toBe(id);
    expect(reminderId('bg-incontro-2', '2026-03-11')).not.toBe(id);
  });

  test('Italian and English texts from the event\'s own fields only; province and topic "sessions"', () => {
    const it = event({ date: '2026-03-11', link: 'https://example.org/treviglio', description: 'Presentazione della misura per lavoratori in cassa integrazione.' });
    const en = event({ date: '2026-03-11', title: 'Information session in Treviglio', place: 'Town library, Treviglio', link: 'https://example.org/treviglio-en' });
    const input = composeReminder({ date: '2026-03-11', it, en }, translator);
    expect(input).toEqual({
      title: 'Incontro informativo a Treviglio',
      titleEn: 'Information session in Treviglio',
      text: {
        it:
          "Promemoria: domani, mercoledì 11 marzo, alle 17:30 c'è l'incontro informativo «Incontro informativo a Treviglio».\n\n" +
          'Dove: Biblioteca civica, Treviglio (BG)\n\n' +
          'Presentazione della misura per lavoratori in cassa integrazione.\n\n' +
          'Per saperne di più: https://example.org/treviglio',
        en:
          'Reminder: tomorrow, Wednesday 11 March, at 17:30 there is the information session "Information session in Treviglio".\n\n' +
          'Where: Town library, Treviglio (BG)\n\n' +
          'More information: https://example.org/treviglio-en',
      },
      provinces: ['BG'],
      topics: ['sessions'],
    });
  });

  test('no English event: Italian text only (English readers get the Italian)', () => {
    const input = composeReminder({ date: '2026-03-11', it: event({ date: '2026-03-11' }) }, translator);
    expect(input?.text).toEqual({ it: expect.stringContaining('Promemoria: domani') });
    expect(input?.text.en).toBeUndefined();
  });
});

describe('session reminders: written once, by one pass or many, one instance or several', () => {
  let stores: CampaignStores;
  let translator: Translator;
  let current: Date;
  const now = (): Date => current;

  beforeAll(async () => {
    translator = await createTranslator();
  });
  beforeEach(async () => {
    stores = await openStores();
    current = new Date('2026-03-10T09:30:00Z'); // 10:30 in Italy
  });
  afterEach(async () => {
    await stores.store.close();
  });

  const reminders = (events: NoticeBoard, logger: Logger = silentLogger, hour = 10): SessionReminders =>
    new SessionReminders({ announcements: stores.announcements, notices: events, translator, logger, now }, { hour, pollMs: 0 });

  test('before the hour nothing; after it one scheduled announcement per event, due now, by the system author', async () => {
    const events = board([event({ id: 'bg', date: '2026-03-11' }), event({ id: 'mi', date: '2026-03-11', province: 'MI' }), event({ id: 'later', date: '2026-03-12' })], [event({ id: 'bg', date: '2026-03-11', title: 'Session in Treviglio' })]);
    current = new Date('2026-03-10T08:59:00Z');
    const r = reminders(events);
    expect(await r.runOnce()).toEqual({ created: [], existing: 0, skipped: 0 });
    current = new Date('2026-03-10T09:00:00Z');
    const before = Date.now();
    const pass = await r.runOnce();
    expect(pass.created.sort()).toEqual([reminderId('bg', '2026-03-11'), reminderId('mi', '2026-03-11')].sort());
    const bg = await stores.announcements.get(reminderId('bg', '2026-03-11'));
    expect(bg).toEqual(expect.objectContaining({ status: 'scheduled', createdBy: REMINDER_AUTHOR, provinces: ['BG'], topics: ['sessions'], title: 'Incontro informativo a Treviglio' }));
    expect(bg.text.en).toContain('"Session in Treviglio"');
    expect(bg.scheduledAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(bg.scheduledAt!.getTime()).toBeLessThanOrEqual(Date.now());
    expect((await stores.announcements.get(reminderId('mi', '2026-03-11'))).text.en).toBeUndefined();
    expect(await stores.announcements.list(10)).toHaveLength(2);
  });

  test('two passes, and two instances at once: one announcement per event', async () => {
    const events = board([event({ id: 'bg', date: '2026-03-11' })]);
    const first = reminders(events);
    const second = reminders(events);
    const [a, b] = await Promise.all([first.runOnce(), second.runOnce()]);
    expect(a.created.length + b.created.length).toBe(1);
    expect(a.existing + b.existing).toBe(1);
    expect(await first.runOnce()).toEqual({ created: [], existing: 1, skipped: 0 });
    // a third instance started later finds it in the store
    expect(await reminders(events).runOnce()).toEqual({ created: [], existing: 1, skipped: 0 });
    expect(await stores.announcements.list(10)).toHaveLength(1);
  });

  test('a reminder staff cancelled is not written again', async () => {
    const events = board([event({ id: 'bg', date: '2026-03-11' })]);
    const [id] = (await reminders(events).runOnce()).created;
    expect((await stores.announcements.cancel(id)).status).toBe('cancelled');
    expect((await reminders(events).runOnce()).created).toEqual([]);
    expect((await stores.announcements.get(id)).status).toBe('cancelled');
  });

  test('an event removed before the hour, or moved to another day, gets no reminder for its old date', async () => {
    current = new Date('2026-03-10T08:00:00Z'); // 09:00 in Italy
    let events = board([event({ id: 'removed', date: '2026-03-11' }), event({ id: 'moved', date: '2026-03-11' })]);
    const live = { upcomingEvents: (...args: Parameters<NoticeBoard['upcomingEvents']>) => events.upcomingEvents(...args) };
    const r = new SessionReminders({ announcements: stores.announcements, notices: live, translator, logger: silentLogger, now }, { hour: 10, pollMs: 0 });
    expect((await r.runOnce()).created).toEqual([]);
    events = board([event({ id: 'moved', date: '2026-03-13' })]);
    current = new Date('2026-03-10T09:00:00Z');
    expect((await r.runOnce()).created).toEqual([]);
    // the day before its new date it is reminded
    current = new Date('2026-03-12T09:00:00Z');
    expect((await r.runOnce()).created).toEqual([reminderId('moved', '2026-03-13')]);
    expect(await stores.announcements.list(10)).toHaveLength(1);
  });

  test('an event outside the campaign\'s provinces is skipped with a warning that names only the event', async () => {
    const logger = new RecordingLogger();
    const events = board([event({ id: 'to', date: '2026-03-11', province: 'TO', place: 'Via Roma 1, Torino' }), event({ id: 'bg', date: '2026-03-11' })]);
    const r = reminders(events, logger);
    const pass = await r.runOnce();
    expect(pass).toEqual({ created: [reminderId('bg', '2026-03-11')], existing: 0, skipped: 1 });
    const warnings = logger.lines.filter((l) => l.level === 'warn');
    expect(warnings).toEqual([{ level: 'warn', obj: { eventId: 'to', reason: 'unknown_province' }, msg: 'session reminders: event skipped' }]);
    // warned once, not at every pass
    await r.runOnce();
    expect(logger.lines.filter((l) => l.level === 'warn')).toHaveLength(1);
  });

  test('off: the loop never writes anything', async () => {
    const r = new SessionReminders({ announcements: stores.announcements, notices: board([event({ date: '2026-03-11' })]), translator, logger: silentLogger, now }, { enabled: false, pollMs: 0 });
    r.start();
    r.kick();
    await r.idle();
    await r.stop();
    expect(await stores.announcements.list(10)).toHaveLength(0);
  });

  test('an hour outside 0-23 is refused', () => {
    expect(() => reminders(board([]), silentLogger, 24)).toThrow(RangeError);
  });
});

describe('session reminders: delivered by the ordinary sender', () => {
  let stores: CampaignStores;
  let translator: Translator;
  beforeAll(async () => {
    translator = await createTranslator();
  });
  beforeEach(async () => {
    stores = await openStores();
  });
  afterEach(async () => {
    await stores.store.close();
  });

  test('subscribers to "sessions" in the province get it once, in their language; others get nothing', async () => {
    const conv = (sub: { reference?: Record<string, unknown> }): string => (sub.reference?.conversation as { id: string }).id;
    const bgIt = await subscriber(stores, { provinces: ['BG'], topics: ['sessions'], language: 'it' });
    const bgEn = await subscriber(stores, { provinces: ['BG', 'MI'], topics: ['sessions', 'news'], language: 'en' });
    const allLombardy = await subscriber(stores, { provinces: ['BG', 'BS', 'CO', 'CR', 'LC', 'LO', 'MN', 'MI', 'MB', 'PV', 'SO', 'VA'], topics: ['sessions'], language: 'it' });
    const bgNews = await subscriber(stores, { provinces: ['BG'], topics: ['news', 'projects'] });
    const miSessions = await subscriber(stores, { provinces: ['MI'], topics: ['sessions'] });
    const gone = await subscriber(stores, { provinces: ['BG'], topics: ['sessions'] });
    await stores.subscriptions.end(gone._id, 'unsubscribed');

    const poster = new RecordingPoster();
    const s = sender(stores, poster);
    let current = new Date('2026-03-10T09:15:00Z');
    const events = board([event({ id: 'bg', date: '2026-03-11' })], [event({ id: 'bg', date: '2026-03-11', title: 'Information session in Treviglio', place: 'Town library, Treviglio' })]);
    const r = new SessionReminders({ announcements: stores.announcements, notices: events, translator, logger: silentLogger, now: () => current, onScheduled: () => s.kick() }, { hour: 10, pollMs: 0 });
    s.start();
    r.start();
    const id = reminderId('bg', '2026-03-11');
    await until(async () => (await stores.announcements.list(10)).some((a) => a._id === id && a.status === 'sent'));
    // a later pass the same day, and the next day, send nothing more
    current = new Date('2026-03-10T15:00:00Z');
    r.kick();
    await r.idle();
    current = new Date('2026-03-11T09:15:00Z');
    r.kick();
    await r.idle();
    s.kick();
    await s.idle();
    await r.stop();
    await s.stop();

    expect(poster.received.map((m) => m.conversationId).sort()).toEqual([conv(bgIt), conv(bgEn), conv(allLombardy)].sort());
    expect(poster.countFor(conv(bgNews))).toBe(0);
    expect(poster.countFor(conv(miSessions))).toBe(0);
    expect(poster.countFor(conv(gone))).toBe(0);
    const toIt = poster.received.find((m) => m.conversationId === conv(bgIt))!.text;
    const toEn = poster.received.find((m) => m.conversationId === conv(bgEn))!.text;
    expect(toIt).toContain('Promemoria: domani, mercoledì 11 marzo, alle 17:30');
    expect(toIt).toContain('Biblioteca civica, Treviglio (BG)');
    expect(toEn).toContain('Reminder: tomorrow, Wednesday 11 March, at 17:30');
    expect(toEn).toContain('Town library, Treviglio (BG)');
    expect((await stores.announcements.get(id)).recipients).toBe(3);
    expect(await stores.announcements.list(10)).toHaveLength(1);
  });
});

describe('session reminders in the running bot: staff see them in the announcements API, workers receive them', () => {
  let api: ApiBot;
  let connector: ConnectorStandIn;
  let staff: string;

  beforeAll(async () => {
    connector = await new ConnectorStandIn().start();
    // the API bot's clock: 3 March 2025, 10:00 in Italy (the default reminder hour)
    api = await startApiBot({ ANNOUNCE_POLL_MS: '200', ANNOUNCE_RATE_PER_SECOND: '50' });
    staff = await tokenFor(api, 'staff-reminders', 'staff');
  });
  afterAll(async () => {
    await api.bot.stop();
    await connector.stop();
  });

  test('GET /api/announcements lists the reminder (system author, scheduled then sent); the workers of the province get it', async () => {
    const bgIt = new WorkerChat(api.bot, { serviceUrl: connector.url });
    const bgEn = new WorkerChat(api.bot, { serviceUrl: connector.url, locale: 'en-GB' });
    const bgNews = new WorkerChat(api.bot, { serviceUrl: connector.url });
    const mi = new WorkerChat(api.bot, { serviceUrl: connector.url });
    for (const [worker, lines] of [
      [bgIt, ['avvisami', 'Sì, iscrivimi', 'Bergamo', 'Incontri informativi']],
      [bgEn, ['subscribe', 'Yes, subscribe me', 'Bergamo', 'Info sessions']],
      [bgNews, ['avvisami', 'Sì, iscrivimi', 'Bergamo', 'Novità sulla misura']],
      [mi, ['avvisami', 'Sì, iscrivimi', 'Milano', 'Incontri informativi']],
    ] as const) {
      for (const line of lines) await worker.say(line);
    }
    const publish = async (locale: 'it' | 'en', data: Record<string, string>): Promise<void> => {
      expect((await call(api, 'PUT', `/api/content/${locale}/event/bg-domani/draft`, staff, { data })).status).toBe(200);
      expect((await call(api, 'POST', `/api/content/${locale}/event/bg-domani/publish`, staff)).status).toBe(200);
    };
    await publish('it', { title: 'Incontro informativo a Bergamo', date: '2025-03-04', time: '17:30', place: 'Sala civica, Bergamo', province: 'BG', link: 'https://example.org/bergamo' });
    await publish('en', { title: 'Information session in Bergamo', date: '2025-03-04', time: '17:30', place: 'Town hall, Bergamo', province: 'BG', link: 'https://example.org/bergamo' });
    api.bot.campaign.reminders.kick();

    const id = reminderId('bg-domani', '2025-03-04');
    type Item = { id: string; status: string; createdBy: string; title: string; provinces: string[]; topics: string[]; text: { it: string; en?: string } };
    let item: Item | undefined;
    await until(async () => {
      const list = await call<{ items: Item[] }>(api, 'GET', '/api/announcements', staff);
      item = list.body.items.find((i) => i.id === id);
      return item !== undefined;
    });
    expect(item).toEqual(expect.objectContaining({ createdBy: REMINDER_AUTHOR, title: 'Incontro informativo a Bergamo', provinces: ['BG'], topics: ['sessions'] }));
    expect(item?.text.en).toContain('Information session in Bergamo');
    await until(async () => (await call<{ status: string }>(api, 'GET', `/api/announcements/${id}`, staff)).body.status === 'sent');
    const report = await call<{ status: string; recipients: number; sent: number }>(api, 'GET', `/api/announcements/${id}`, staff);
    expect(report.body).toEqual(expect.objectContaining({ status: 'sent', recipients: 2, sent: 2 }));

    const toIt = connector.posts(bgIt.chat.conversationId);
    const toEn = connector.posts(bgEn.chat.conversationId);
    expect(toIt).toHaveLength(1);
    expect(toEn).toHaveLength(1);
    expect(toIt[0].activity.text).toMatch(/Promemoria: domani, martedì 4 marzo, alle 17:30[\s\S]*Sala civica, Bergamo \(BG\)[\s\S]*stop notizie/);
    expect(toEn[0].activity.text).toMatch(/Reminder: tomorrow, Tuesday 4 March, at 17:30[\s\S]*Town hall, Bergamo \(BG\)[\s\S]*unsubscribe/);
    expect(connector.posts(bgNews.chat.conversationId)).toHaveLength(0);
    expect(connector.posts(mi.chat.conversationId)).toHaveLength(0);

    // another pass writes nothing new
    api.bot.campaign.reminders.kick();
    await api.bot.campaign.reminders.idle();
    const list = await call<{ items: Item[] }>(api, 'GET', '/api/announcements', staff);
    expect(list.body.items.filter((i) => i.createdBy === REMINDER_AUTHOR)).toHaveLength(1);
  });
});
