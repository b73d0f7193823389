import { injectTestBot, type InjectedBot } from '../support/injectServer';

describe('POST /api/eligibility', () => {
  let bot: InjectedBot;
  beforeAll(async () => {
    bot = await injectTestBot();
  });
  afterAll(async () => {
    await bot.stop();
  });

  const post = (body: unknown, query = '') =>
    bot.fetch(`${bot.url}/api/eligibility${query}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  test('facts in, outcome and reasons with their sources out', async () => {
    const response = await post({ workSite: { provinceCode: 'BG' }, crisis: { kind: 'CIGS', redundanciesForeseen: 'yes' }, situation: 'AT_RISK' });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { outcome: string; rulesVersion: string; reasons: Array<{ code: string; met: unknown; source: string; text: string }> };
    expect(body.outcome).toBe('likely_eligible');
    expect(body.rulesVersion).toBe('ar-2018.2');
    expect(body.reasons.map((r) => r.code)).toEqual(['WORKSITE_IN_LOMBARDY', 'CRISIS_CONFIRMED', 'AT_RISK_WITH_INCOME_SUPPORT']);
    expect(body.reasons[0].text).toMatch(/Lombardia/);
    expect(body.reasons[0].source).toMatch(/DESTINATARI/);
  });

  test.each([
    ['no', 'not_eligible', 'AT_RISK_NO_REDUNDANCIES', /non prevedono esuberi/],
    ['unknown', 'to_verify', 'AT_RISK_REDUNDANCIES_UNKNOWN', /Chiedi all'azienda o al sindacato/],
  ])('CIGS while still employed, redundancies foreseen "%s" -> %s', async (redundanciesForeseen, outcome, code, text) => {
    const body = (await (await post({ workSite: { provinceCode: 'MI' }, crisis: { kind: 'CIGS', redundanciesForeseen }, situation: 'AT_RISK' })).json()) as { outcome: string; reasons: Array<{ code: string; text: string }> };
    expect(body.outcome).toBe(outcome);
    expect(body.reasons[2].code).toBe(code);
    expect(body.reasons[2].text).toMatch(text);
  });

  test('concordato preventivo (ARRANGEMENT) and a person who never worked are accepted kinds', async () => {
    const arrangement = (await (await post({ workSite: { provinceCode: 'BG' }, crisis: { kind: 'ARRANGEMENT' }, situation: 'AT_RISK' })).json()) as { outcome: string };
    expect(arrangement.outcome).toBe('to_verify');
    const never = (await (await post({ situation: 'NEVER_EMPLOYED' })).json()) as { outcome: string };
    expect(never.outcome).toBe('not_eligible');
  });

  test('reasons in English with ?lang=en; a site outside Lombardy is not eligible', async () => {
    const body = (await (await post({ workSite: { provinceCode: 'PR' }, crisis: { kind: 'CLOSURE' }, situation: 'UNEMPLOYED' }, '?lang=en')).json()) as { outcome: string; reasons: Array<{ text: string }> };
    expect(body.outcome).toBe('not_eligible');
    expect(body.reasons[0].text).toMatch(/outside Lombardy/);
  });

  test.each([
    ['personal data field', { name: 'Mario', situation: 'AT_RISK' }, 'name'],
    ['unknown province', { workSite: { provinceCode: 'XX' } }, 'workSite.provinceCode'],
    ['bad crisis kind', { crisis: { kind: 'MAYBE' } }, 'crisis.kind'],
    ['bad redundancy answer', { crisis: { kind: 'CIGS', redundanciesForeseen: true } }, 'crisis.redundanciesForeseen'],
    ['operator injection', { situation: { $gt: '' } }, 'situation'],
  ])('%s -> 400 naming the field', async (_name, body, field) => {
    const response = await post(body);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { field: string } }).error.field).toBe(field);
  });
});
