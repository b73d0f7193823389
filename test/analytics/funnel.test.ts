/** The campaign funnel: scrubbing, weeks, groupings, CSV, and the counts a real conversation produces. */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { buildFunnel, funnelCsv, isoWeek, type LifecycleStep } from '../../models/analytics/funnel';
import type { CounterDoc } from '../../models/analytics/analyticsRecorder';
import { scrubText } from '../../models/analytics/scrub';
import { call, referral, injectApiBot, tokenFor, type InjectedApiBot } from '../api/helpers';
import { Chat } from '../support/botServer';

describe('scrubText', () => {
  test('a question with a phone number, an e-mail and "mi chiamo Mario Rossi" keeps none of them', () => {
    const scrubbed = scrubText('Buongiorno, mi chiamo Mario Rossi, il mio numero è 333 123 4567 e la mail mario.rossi@example.com: quando riapre il bando?');
    expect(scrubbed).toBe('buongiorno, mi chiamo [nome], il mio numero è [telefono] e la mail [email]: quando riapre il bando?');
  });

  test.each([
    ['Sono Anna Bianchi e sono disoccupata', 'sono [nome] e sono disoccupata'],
    ['sono disoccupato da marzo', 'sono disoccupato da marzo'],
    ['my name is John Smith, call me on +39 02 1234 5678', 'my name is [nome], call me on [telefono]'],
    ['il mio codice fiscale è RSSMRA80A01F205X', 'il mio codice fiscale è [codice]'],
    ['nato il 12/03/1971 a Bergamo', 'nato il [numero] a bergamo'],
    ['Grazie, Luca Verdi', 'grazie, [nome]'],
    ['scrivete a   anna@example.org', 'scrivete a [email]'],
  ])('%s -> %s', (raw, expected) => {
    expect(scrubText(raw)).toBe(expected);
  });
});

describe('isoWeek', () => {
  test.each([
    ['2025-03-03', '2025-W10'],
    ['2025-03-09', '2025-W10'],
    ['2025-03-10', '2025-W11'],
    ['2024-12-30', '2025-W01'],
    ['2021-01-03', '2020-W53'],
  ])('%s -> %s', (day, week) => {
    expect(isoWeek(day)).toBe(week);
  });
});

describe('buildFunnel', () => {
  const counter = (day: string, metric: string, province: string, language: string, channel: string, count: number): CounterDoc => ({
    _id: [day, metric, province, language, channel].join('|'),
    day,
    metric,
    province,
    language,
    channel,
    count,
  });
  const counters = [
    counter('2025-03-03', 'conversations', 'unknown', 'it', 'webchat', 3),
    counter('2025-03-04', 'conversations', 'BG', 'en', 'msteams', 1),
    counter('2025-03-11', 'conversations', 'BG', 'it', 'webchat', 2),
    counter('2025-03-11', 'prechecks_completed_likely_eligible', 'BG', 'it', 'webchat', 1),
  ];
  const steps: LifecycleStep[] = [
    { at: new Date('2025-03-05T10:00:00Z'), step: 'claimed', province: 'BG', locale: 'it', channel: 'webchat' },
    { at: new Date('2025-03-12T10:00:00Z'), step: 'placed', locale: 'en-GB', channel: 'webchat' },
  ];

  test.each([
    ['week', [['2025-W10', 4, 1, 0], ['2025-W11', 2, 0, 1]]],
    ['province', [['BG', 3, 1, 0], ['unknown', 3, 0, 1]]],
    // every language has its row, zeros included, in the languages' order; then `unknown`
    ['language', [['it', 5, 1, 0], ['en', 1, 0, 1], ['ro', 0, 0, 0], ['ar', 0, 0, 0], ['sq', 0, 0, 0], ['es', 0, 0, 0], ['uk', 0, 0, 0], ['fr', 0, 0, 0], ['unknown', 0, 0, 0]]],
    ['channel', [['msteams', 1, 0, 0], ['webchat', 5, 1, 1]]],
  ] as const)('grouped by %s', (groupBy, expected) => {
    const report = buildFunnel(counters, steps, groupBy);
    expect(report.rows.map((r) => [r.group, r.values.conversations, r.values.claimed, r.values.placed])).toEqual(expected);
    expect(report.totals).toMatchObject({ conversations: 6, prechecks_completed_likely_eligible: 1, claimed: 1, placed: 1 });
  });

  test('a range keeps the days from `from` to before `to`, and the CSV has a header, rows and totals', () => {
    const report = buildFunnel(counters, steps, 'week', { fromDay: '2025-03-10', toDay: '2025-03-12' });
    expect(report.rows).toEqual([{ group: '2025-W11', values: expect.objectContaining({ conversations: 2, placed: 0 }) }]);
    const csv = funnelCsv(report);
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0].startsWith('week,conversations,questions_answered')).toBe(true);
    expect(lines[1].startsWith('2025-W11,2,')).toBe(true);
    expect(lines[2].startsWith('total,2,')).toBe(true);
  });

  test("with the live handoff's waits, the CSV ends with each group's median wait (empty where none was accepted)", () => {
    const waits = [
      { day: '2025-03-03', province: 'BG', language: 'it', channel: 'webchat', waitMs: 30_000 },
      { day: '2025-03-04', province: 'BG', language: 'ar', channel: 'webchat', waitMs: 50_000 },
      { day: '2025-03-05', province: 'BS', language: 'it', channel: 'webchat', waitMs: 120_000 },
    ];
    const report = buildFunnel(counters, steps, 'province', {}, waits);
    const lines = funnelCsv(report).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0].endsWith(',handoff_median_wait_seconds')).toBe(true);
    const medianCell = (line: string | undefined): string | undefined => line?.split(',').pop();
    expect(medianCell(lines.find((l) => l.startsWith('BG,')))).toBe('40');
    expect(medianCell(lines.find((l) => l.startsWith('unknown,')))).toBe('');
    expect(medianCell(lines.find((l) => l.startsWith('total,')))).toBe('50');
    // without them (no handoff service), the columns are as before
    expect(funnelCsv(buildFunnel(counters, steps, 'province')).split('\r\n')[0]).not.toContain('handoff_median_wait_seconds');
  });
});

describe('the funnel from real conversations and referrals', () => {
  let api: InjectedApiBot;
  let staff: string;
  const PERSONAL = 'Mi chiamo Giovanni Bianchi, il mio numero è 347 765 4321, scrivete a giovanni.bianchi@example.com: che tempo fa domani?';

  beforeAll(async () => {
    api = await injectApiBot();
    staff = await tokenFor(api, 'staff-funnel', 'staff');
    // week 2025-W10 (the clock starts on Monday 3 March 2025), Italian, emulator
    const it = new Chat(api.bot);
    await it.join();
    expect(await it.sayText("cos'è Azioni di Rete per il lavoro?")).toContain('Regione Lombardia');
    expect(await it.sayText(PERSONAL)).toMatch(/non ho capito/);
    expect(await it.sayText(PERSONAL)).toMatch(/non ho capito/);
    for (const step of ['posso partecipare?', 'Bergamo', 'cassa integrazione straordinaria', 'sono disoccupato', 'a gennaio 2025', 'non lo so', 'Altro']) await it.sayText(step);
    // referrals worked by an operator: claimed, contacted, enrolled, placed
    const lead = await referral(api, 'bg');
    const { account } = await api.bot.domain.accounts.createAccount({ name: 'op-funnel', role: 'operator', projectIds: ['esempio-bg-metalmeccanico'] });
    await api.bot.domain.leads.claim(lead._id, account._id);
    for (const to of ['contacted', 'enrolled', 'placed'] as const) await api.bot.domain.leads.transition(lead._id, to, { by: account._id });
    // a week later, in English, on Web Chat
    api.clock.advance(7 * 24 * 3600 * 1000);
    const en = new Chat(api.bot, { locale: 'en-GB', channelId: 'webchat' });
    await en.join();
    await en.sayText('what is Azioni di Rete per il lavoro?');
  });
  afterAll(async () => {
    await api.bot.stop();
  });

  type Report = { rows: Array<{ group: string; values: Record<string, number> }>; totals: Record<string, number> };

  test('by week', async () => {
    const { status, body } = await call<Report>(api, 'GET', '/api/analytics/funnel?groupBy=week', staff);
    expect(status).toBe(200);
    expect(body.rows.map((r) => r.group)).toEqual(['2025-W10', '2025-W11']);
    expect(body.rows[0].values).toMatchObject({
      conversations: 1,
      questions_answered: 1,
      questions_not_understood: 2,
      prechecks_started: 1,
      prechecks_completed_likely_eligible: 1,
      claimed: 1,
      contacted: 1,
      enrolled: 1,
      placed: 1,
    });
    expect(body.rows[1].values).toMatchObject({ conversations: 1, questions_answered: 1, prechecks_started: 0 });
  });

  test('by province, language and channel, and within dates', async () => {
    const province = await call<Report>(api, 'GET', '/api/analytics/funnel?groupBy=province', staff);
    const bg = province.body.rows.find((r) => r.group === 'BG');
    expect(bg?.values).toMatchObject({ prechecks_completed_likely_eligible: 1, placed: 1 });
    const language = await call<Report>(api, 'GET', '/api/analytics/funnel?groupBy=language', staff);
    expect(Object.fromEntries(language.body.rows.map((r) => [r.group, r.values.conversations]))).toEqual({ it: 1, en: 1, ro: 0, ar: 0, sq: 0, es: 0, uk: 0, fr: 0, unknown: 0 });
    const channel = await call<Report>(api, 'GET', '/api/analytics/funnel?groupBy=channel', staff);
    expect(Object.fromEntries(channel.body.rows.map((r) => [r.group, r.values.questions_answered]))).toEqual({ emulator: 1, webchat: 1 });
    const firstWeek = await call<Report>(api, 'GET', '/api/analytics/funnel?groupBy=week&from=2025-03-03&to=2025-03-09', staff);
    expect(firstWeek.body.rows.map((r) => r.group)).toEqual(['2025-W10']);
    expect((await call(api, 'GET', '/api/analytics/funnel?groupBy=month', staff)).status).toBe(400);
  });

  test('CSV, staff only', async () => {
    const csv = await call<string>(api, 'GET', '/api/analytics/funnel.csv?groupBy=week', staff);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines.map((l) => l.split(',')[0])).toEqual(['week', '2025-W10', '2025-W11', 'total']);
    const operator = await tokenFor(api, 'op-funnel-2', 'operator', ['esempio-bg-metalmeccanico']);
    expect((await call(api, 'GET', '/api/analytics/funnel', operator)).status).toBe(403);
    expect((await call(api, 'GET', '/api/analytics/unanswered', operator)).status).toBe(403);
  });

  test('the unanswered questions are stored scrubbed only: no name, phone or e-mail anywhere in the analytics', async () => {
    const { body } = await call<{ items: Array<{ text: string; count: number; language: string }> }>(api, 'GET', '/api/analytics/unanswered', staff);
    expect(body.items).toEqual([
      { text: 'mi chiamo [nome], il mio numero è [telefono], scrivete a [email]: che tempo fa domani?', count: 2, language: 'it', lastAt: expect.any(String) },
    ]);
    for (const file of ['analytics_unanswered.db', 'analytics_counters.db']) {
      const stored = await fs.readFile(path.join(api.bot.config.dataDir, file), 'utf8');
      for (const secret of ['Giovanni', 'Bianchi', '347', '765 4321', 'example.com']) expect(stored).not.toContain(secret);
    }
  });
});
