/**
 * Analytics stay flat however many people chat: counters roll up into one document per day (the funnel reads the
 * same counts as before), counters stored one per document before the roll-up still add up, and the unanswered
 * questions are capped, the rarest and oldest going first. On both stores.
 */
import { ANALYTICS_COUNTERS, ANALYTICS_UNANSWERED, AnalyticsRecorder, type CounterDoc } from '../../models/analytics/analyticsRecorder';
import { buildFunnel } from '../../models/analytics/funnel';
import { silentLogger } from '../../models/logger';
import type { Store } from '../../models/store/store';
import { storeFactories } from '../support/adapters';

describe.each(storeFactories().map((f) => [f.name, f] as const))('analytics roll-up on the %s store', (_name, factory) => {
  let store: Store;
  let clock: Date;
  beforeEach(async () => {
    store = await factory.open();
    clock = new Date('2025-03-03T09:00:00Z');
  });
  afterEach(async () => {
    await factory.dispose(store);
  });

  test('1,500 visitors over three days leave three counter documents, and the funnel counts every one of them', async () => {
    const recorder = await AnalyticsRecorder.open(store, { now: () => clock, logger: silentLogger, flushMs: 60_000 });
    const expected = new Map<string, number>();
    for (let day = 0; day < 3; day++) {
      clock = new Date(Date.UTC(2025, 2, 3 + day, 9));
      for (let visitor = 0; visitor < 500; visitor++) {
        const dims = { province: ['BG', 'MI', undefined][visitor % 3], language: visitor % 5 === 0 ? 'en' : 'it', channel: visitor % 2 === 0 ? 'webchat' : 'msteams' };
        for (const event of ['conversation.started', 'question.answered', ...(visitor % 4 === 0 ? ['precheck.started', 'precheck.completed.likely_eligible'] : [])]) {
          await recorder.count(event, dims);
        }
        // flushed now and then, as the timer would
        if (visitor % 97 === 0) await recorder.flush();
      }
    }
    await recorder.flush();
    const counters = await store.collection(ANALYTICS_COUNTERS);
    expect(await counters.count({})).toBe(3);

    const rows = await recorder.countersBetween(undefined, undefined);
    const funnel = buildFunnel(rows, [], 'week');
    expect(funnel.totals).toMatchObject({ conversations: 1500, questions_answered: 1500, prechecks_started: 375, prechecks_completed_likely_eligible: 375 });
    for (const r of rows) expected.set(r._id, r.count);
    // each (day, metric, province, language, channel) once, with its dimensions as before the roll-up
    expect(expected.size).toBe(rows.length);
    expect(rows).toContainEqual({ _id: '2025-03-04|conversations|BG|it|msteams', day: '2025-03-04', metric: 'conversations', province: 'BG', language: 'it', channel: 'msteams', count: expect.any(Number) });
    const byProvince = buildFunnel(rows, [], 'province');
    expect(Object.fromEntries(byProvince.rows.map((r) => [r.group, r.values.conversations]))).toEqual({ BG: 501, MI: 501, unknown: 498 }); // visitor % 3, 500 a day
    const secondDay = buildFunnel(await recorder.countersBetween('2025-03-04', '2025-03-05'), [], 'week');
    expect(secondDay.totals.conversations).toBe(500);
    await recorder.close();
  });

  test('counters stored one per document before the roll-up still count, added to the day\'s roll-up', async () => {
    const counters = await store.collection<CounterDoc>(ANALYTICS_COUNTERS);
    await counters.insert({ _id: '2025-03-03|conversations|BG|it|webchat', day: '2025-03-03', metric: 'conversations', province: 'BG', language: 'it', channel: 'webchat', count: 7 });
    await counters.insert({ _id: '2025-03-02|referrals|MI|it|webchat', day: '2025-03-02', metric: 'referrals', province: 'MI', language: 'it', channel: 'webchat', count: 2 });
    const recorder = await AnalyticsRecorder.open(store, { now: () => clock, logger: silentLogger });
    await recorder.count('conversation.started', { province: 'BG', language: 'it', channel: 'webchat' });
    const rows = await recorder.countersBetween(undefined, undefined);
    expect(rows.sort((a, b) => a._id.localeCompare(b._id))).toEqual([
      { _id: '2025-03-02|referrals|MI|it|webchat', day: '2025-03-02', metric: 'referrals', province: 'MI', language: 'it', channel: 'webchat', count: 2 },
      { _id: '2025-03-03|conversations|BG|it|webchat', day: '2025-03-03', metric: 'conversations', province: 'BG', language: 'it', channel: 'webchat', count: 8 },
    ]);
    await recorder.close();
  });

  test('the unanswered questions are capped: the most asked stay, the rarest and oldest go', async () => {
    const recorder = await AnalyticsRecorder.open(store, { now: () => clock, logger: silentLogger, maxUnanswered: 20 });
    for (let i = 0; i < 3; i++) await recorder.notUnderstood('quando apre il bando di primavera?', 'it');
    for (let i = 0; i < 60; i++) {
      clock = new Date(clock.getTime() + 60_000);
      await recorder.notUnderstood(`domanda numero ${'abcdefghijklmnopqrstuvwxyz'[i % 26]} ${'xyz'[Math.floor(i / 26)]}`, 'it');
    }
    const unanswered = await store.collection(ANALYTICS_UNANSWERED);
    // checked every 20 new questions here (every 100 by default): never more than the cap and one check's worth
    expect(await unanswered.count({})).toBeLessThan(40);
    await recorder.capUnanswered();
    expect(await unanswered.count({})).toBe(20);
    const top = await recorder.topUnanswered(20);
    expect(top[0]).toMatchObject({ text: 'quando apre il bando di primavera?', count: 3 });
    // the last question asked is kept; the first of the single ones went
    expect(top.map((t) => t.text)).toContain('domanda numero h z');
    expect(top.map((t) => t.text)).not.toContain('domanda numero a x');
    await recorder.close();
  });
});
