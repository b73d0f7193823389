/**
 * Issue 16's staff and operator surfaces attacked from outside (test/attack/README is this file's own header): the
 * review of translations (GET /api/content/translations, POST .../approve) by anonymous callers, operators and
 * careless staff (unknown locale, kind, id, version; another entry's version; Italian; a withdrawn entry; odd and
 * huge bodies; a double click and concurrent approvals, audited once), the worker's language on referrals (the CSV's
 * `?lang=`, a forged consent language, odd locales), the analytics' language filters, and worker-typed names and
 * firms in any script that a spreadsheet would run as a formula, hidden behind right-to-left overrides or
 * zero-width characters. Through the real server answering in process.
 */
import type { Locale } from '../../models/content';
import type { LanguageReview } from '../../models/publishing/contentPublisher';
import { submission } from '../leads/fixtures';
import { call, injectApiBot, referral, tokenFor, type InjectedApiBot } from './helpers';

const FAQ_ID = 'what-is';
type Review = { source: string; languages: LanguageReview[] };

function statusOf(review: Review, locale: Locale, kind: string, id: string): string | undefined {
  return review.languages.find((l) => l.locale === locale)?.entries.find((e) => e.kind === kind && e.id === id)?.status;
}

describe('attacks on the languages of issue 16 (real server, in process)', () => {
  let api: InjectedApiBot;
  let staff: string;
  let otherStaff: string;
  let operator: string;

  beforeAll(async () => {
    api = await injectApiBot();
    staff = await tokenFor(api, 'staff-attack', 'staff');
    otherStaff = await tokenFor(api, 'staff-other', 'staff');
    operator = await tokenFor(api, 'op-attack', 'operator', ['esempio-bg-metalmeccanico']);
  });
  afterAll(async () => {
    await api.bot.stop();
  });

  async function approvals(target: string): Promise<Array<{ actor: string; action: string }>> {
    const audit = await call<{ items: Array<{ actor: string; action: string }> }>(api, 'GET', `/api/audit?target=${encodeURIComponent(target)}`, staff);
    expect(audit.status).toBe(200);
    return audit.body.items.filter((e) => e.action === 'content.approved').map(({ actor, action }) => ({ actor, action }));
  }

  describe('review of translations', () => {
    test('anonymous callers, forged tokens and operators can neither read the review nor approve; nothing is written', async () => {
      const path = `/api/content/ro/faq/${FAQ_ID}/approve`;
      expect((await call(api, 'GET', '/api/content/translations')).status).toBe(401);
      expect((await call(api, 'GET', '/api/content/translations', 'not-a-token')).status).toBe(401);
      expect((await call(api, 'GET', '/api/content/translations', operator)).status).toBe(403);
      expect((await call(api, 'POST', path, undefined, { version: 1 })).status).toBe(401);
      expect((await call(api, 'POST', path, `${staff}x`, { version: 1 })).status).toBe(401);
      expect((await call(api, 'POST', path, operator, { version: 1 })).status).toBe(403);
      // a cookie without its CSRF token is not a session that may write
      expect((await call(api, 'POST', path, undefined, { version: 1 }, { cookie: 'adr_session=forged' })).status).toBe(401);
      expect(await approvals(`content:ro:faq:${FAQ_ID}`)).toEqual([]);
      const review = await call<Review>(api, 'GET', '/api/content/translations', staff);
      expect(statusOf(review.body, 'ro', 'faq', FAQ_ID)).toBe('toReview');
    });

    test.each([
      ['an unknown locale', '/api/content/xx/faq/what-is/approve', 400, 'unknown_locale'],
      ['a locale with a region', '/api/content/ar-EG/faq/what-is/approve', 400, 'unknown_locale'],
      ['__proto__ as locale', '/api/content/__proto__/faq/what-is/approve', 400, 'unknown_locale'],
      ['an upper-case locale', '/api/content/AR/faq/what-is/approve', 400, 'unknown_locale'],
      ['an unknown kind', '/api/content/ar/recipes/what-is/approve', 400, 'unknown_kind'],
      ['constructor as kind', '/api/content/ar/constructor/what-is/approve', 400, 'unknown_kind'],
      ['a path in the id', '/api/content/ar/faq/..%2F..%2Fit%2Ffaq%2Fwhat-is/approve', 400, 'invalid_id'],
      // the router takes path parameters of at most 100 characters: a longer one matches no route
      ['an id of 101 characters', `/api/content/ar/faq/${'a'.repeat(101)}/approve`, 404, undefined],
      ['an entry that does not exist', '/api/content/ar/faq/no-such-entry/approve', 404, undefined],
    ])('%s: a clear answer, nothing approved', async (_what, path, status, reason) => {
      const answer = await call<{ error: { reason: string } }>(api, 'POST', path, staff, { version: 1 });
      expect(answer.status).toBe(status);
      if (reason) expect(answer.body.error.reason).toBe(reason);
    });

    test.each([
      ['a string', '{"version":"1"}'],
      ['a fraction', '{"version":1.5}'],
      ['zero', '{"version":0}'],
      ['a negative', '{"version":-1}'],
      ['null', '{"version":null}'],
      ['an array body', '[{"version":1}]'],
      ['an array version', '{"version":[1]}'],
      ['an extra field', '{"version":1,"by":"someone-else"}'],
      ['__proto__ carrying the version', '{"__proto__":{"version":1}}'],
      ['constructor', '{"version":1,"constructor":{"prototype":{"polluted":true}}}'],
      ['invalid JSON', '{"version":1'],
      ['an empty body', ''],
    ])('a body with %s is a 400, nothing approved', async (_what, raw) => {
      const answer = await call(api, 'POST', `/api/content/sq/faq/${FAQ_ID}/approve`, staff, raw, { 'content-type': 'application/json' });
      expect(answer.status).toBe(400);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(await approvals(`content:sq:faq:${FAQ_ID}`)).toEqual([]);
    });

    test('a body that is not JSON is a 415; a huge one a 413; the server answers after', async () => {
      expect((await call(api, 'POST', `/api/content/sq/faq/${FAQ_ID}/approve`, staff, 'version=1', { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(415);
      const huge = JSON.stringify({ version: 1, pad: 'ا'.repeat(3_000_000) });
      expect((await call(api, 'POST', `/api/content/sq/faq/${FAQ_ID}/approve`, staff, huge)).status).toBe(413);
      expect(await approvals(`content:sq:faq:${FAQ_ID}`)).toEqual([]);
      expect((await call(api, 'GET', '/api/content/translations', staff)).status).toBe(200);
    });

    test('Italian is the source (409), a version of another entry or language is refused (409), the right one is approved', async () => {
      expect((await call<{ error: { reason: string } }>(api, 'POST', `/api/content/it/faq/${FAQ_ID}/approve`, staff, { version: 1 })).body.error.reason).toBe('source_language');
      // the Spanish entry moves to version 2 in the editor; its version 1, or the French entry's version 2, are not it
      const entry = await call<{ published: { data: unknown } }>(api, 'GET', `/api/content/es/faq/${FAQ_ID}`, staff);
      expect((await call(api, 'PUT', `/api/content/es/faq/${FAQ_ID}/draft`, staff, { data: entry.body.published.data })).status).toBe(200);
      expect((await call<{ version: number }>(api, 'POST', `/api/content/es/faq/${FAQ_ID}/publish`, staff)).body.version).toBe(2);
      expect((await call<{ error: { reason: string } }>(api, 'POST', `/api/content/es/faq/${FAQ_ID}/approve`, staff, { version: 1 })).body.error.reason).toBe('version_changed');
      expect((await call<{ error: { reason: string } }>(api, 'POST', `/api/content/fr/faq/${FAQ_ID}/approve`, staff, { version: 2 })).body.error.reason).toBe('version_changed');
      expect((await call(api, 'POST', `/api/content/fr/faq/${FAQ_ID}/approve`, staff, { version: Number.MAX_SAFE_INTEGER })).status).toBe(409);
      expect(await approvals(`content:fr:faq:${FAQ_ID}`)).toEqual([]);
    });

    test('a withdrawn entry has no live version to approve: 404, and it stays missing', async () => {
      const id = 'how-to-join';
      const found = await call<{ published: { version: number } | null }>(api, 'GET', `/api/content/uk/faq/${id}`, staff);
      expect(found.status).toBe(200);
      const withdrawn = await call<{ version: number }>(api, 'DELETE', `/api/content/uk/faq/${id}`, staff);
      expect(withdrawn.status).toBe(200);
      const answer = await call(api, 'POST', `/api/content/uk/faq/${id}/approve`, staff, { version: withdrawn.body.version });
      expect(answer.status).toBe(404);
      expect(statusOf((await call<Review>(api, 'GET', '/api/content/translations', staff)).body, 'uk', 'faq', id)).toBe('missing');
      expect(await approvals(`content:uk:faq:${id}`)).toEqual([]);
    });

    test('a double click and concurrent approvals by two staff members: one approval, audited once, every answer the same', async () => {
      const path = `/api/content/ar/faq/${FAQ_ID}/approve`;
      const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => call<{ version: number; reviewedBy: string; reviewedAt: string }>(api, 'POST', path, i % 2 ? otherStaff : staff, { version: 1 })));
      expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
      expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
      const first = answers[0].body;
      expect(await approvals(`content:ar:faq:${FAQ_ID}`)).toEqual([{ actor: first.reviewedBy, action: 'content.approved' }]);
      // a click a minute later: the same approval, no second audit row
      api.clock.advance(60_000);
      expect((await call(api, 'POST', path, otherStaff, { version: 1 })).body).toEqual(first);
      expect(await approvals(`content:ar:faq:${FAQ_ID}`)).toHaveLength(1);
      const review = await call<Review>(api, 'GET', '/api/content/translations', staff);
      expect(statusOf(review.body, 'ar', 'faq', FAQ_ID)).toBe('reviewed');
    });

    test('after the Italian entry changes, approving the same version again is a new review (audited again)', async () => {
      const id = 'what-is';
      const path = `/api/content/ro/faq/${id}/approve`;
      expect((await call(api, 'POST', path, staff, { version: 1 })).status).toBe(200);
      api.clock.advance(60_000);
      const italian = await call<{ published: { data: Record<string, unknown> } }>(api, 'GET', `/api/content/it/faq/${id}`, staff);
      const data = { ...italian.body.published.data, answer: `${String(italian.body.published.data.answer)} Aggiornata.` };
      expect((await call(api, 'PUT', `/api/content/it/faq/${id}/draft`, staff, { data })).status).toBe(200);
      expect((await call(api, 'POST', `/api/content/it/faq/${id}/publish`, staff)).status).toBe(200);
      expect(statusOf((await call<Review>(api, 'GET', '/api/content/translations', staff)).body, 'ro', 'faq', id)).toBe('outOfDate');
      api.clock.advance(60_000);
      const again = await call<{ reviewedBy: string; reviewedAt: string }>(api, 'POST', path, otherStaff, { version: 1 });
      expect(again.body).toMatchObject({ reviewedBy: 'staff-other', reviewedAt: api.clock.now().toISOString() });
      expect(statusOf((await call<Review>(api, 'GET', '/api/content/translations', staff)).body, 'ro', 'faq', id)).toBe('reviewed');
      expect((await approvals(`content:ro:faq:${id}`)).map((e) => e.actor)).toEqual(['staff-other', 'staff-attack']);
    });

    test('the review takes no query parameter (an operator object or a language filter is a 400)', async () => {
      for (const query of ['?language=ar', '?locale[$ne]=it', '?__proto__[x]=1']) {
        expect((await call(api, 'GET', `/api/content/translations${query}`, staff)).status).toBe(400);
      }
    });
  });

  describe("the worker's language on referrals", () => {
    test.each([
      ['a worker language is not a staff one', 'lang=ar'],
      ['case matters', 'lang=IT'],
      ['a list', 'lang=it,en'],
      ['empty', 'lang='],
      ['repeated', 'lang=it&lang=en'],
      ['an array', 'lang[]=it'],
      ['an operator', 'lang[$ne]=it'],
      ['an injection', `lang=${encodeURIComponent("it' OR 1=1 --")}`],
      ['a formula', `lang=${encodeURIComponent('=HYPERLINK("http://x")')}`],
      ['very long', `lang=${'x'.repeat(5000)}`],
    ])('the CSV export with ?lang= (%s): a 400, not audited', async (_what, query) => {
      const before = (await call<{ items: unknown[] }>(api, 'GET', '/api/audit?action=lead.exported', staff)).body.items.length;
      const answer = await call<{ error: { field?: string } }>(api, 'GET', `/api/referrals/export.csv?${query}`, staff);
      expect(answer.status).toBe(400);
      expect(String(answer.headers.get('content-type'))).toContain('json');
      expect((await call<{ items: unknown[] }>(api, 'GET', '/api/audit?action=lead.exported', staff)).body.items.length).toBe(before);
    });

    test('names and firms a spreadsheet would run, in any script and behind invisible characters, start with an apostrophe in the CSV', async () => {
      // what a worker may type as their name or firm: a formula right away, after a right-to-left override (U+202E),
      // a right-to-left mark, a zero-width space or joiner, a byte-order mark, an Arabic letter mark, or blanks
      const hidden = ['', '\u202E', '\u200F', '\u200B', '\u200D', '\uFEFF', '\u061C', '\u2066', ' \u202B '];
      const formulas = ['=HYPERLINK("http://x.example","انقر")', '+1+cmd|\' /C calc\'!A0', '-2+3', '@SUM(1+1)*cmd|\' /C calc\'!A0'];
      const typed: string[] = [];
      for (const invisible of hidden) for (const formula of formulas) typed.push(`${invisible}${formula}`);
      const references = new Map<string, string>();
      for (const [i, text] of typed.entries()) {
        const lead = await referral(api, 'unassigned', { name: `محمد ${i}`, employerName: text });
        references.set(lead.reference, text);
      }
      // and a name: Arabic with an override in the middle, then a formula
      const named = await referral(api, 'unassigned', { name: '\u202E=1+1 محمد' });
      const csv = await call<string>(api, 'GET', '/api/referrals/export.csv', staff);
      expect(csv.status).toBe(200);
      const lines = csv.body.replace(/^\uFEFF/, '').split('\r\n');
      const header = lines[0].split(',');
      const cellsOf = (reference: string): string[] => {
        const line = lines.find((l) => l.startsWith(`${reference},`));
        if (!line) throw new Error(`no row for ${reference}`);
        return line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/).map((c) => (c.startsWith('"') ? c.slice(1, -1).replace(/""/g, '"') : c));
      };
      for (const [reference, text] of references) {
        const cell = cellsOf(reference)[header.indexOf('employerName')];
        expect({ text, cell }).toEqual({ text, cell: `'${text.replace(/\s+/g, ' ').trim()}` });
      }
      expect(cellsOf(named.reference)[header.indexOf('name')]).toBe("'\u202E=1+1 محمد");
    });

    test('a forged consent language (unknown, an array, __proto__, an object) is refused and nothing is stored', async () => {
      const base = submission();
      const languages: unknown[] = ['xx', 'AR', ['ar'], '__proto__', 'constructor', { toString: 'ar' }, ''];
      for (const language of languages) {
        const forged = { ...base, contact: { name: 'Forged Language', phone: '333 765 4321' }, consent: { ...base.consent, language }, channelUserId: 'forger' } as unknown as typeof base;
        await expect(api.bot.domain.leads.submit(forged, `forged-${String(languages.indexOf(language))}`)).rejects.toMatchObject({ field: 'consent.language', reason: 'unknown_language' });
      }
      const listed = await call<{ items: Array<{ reference: string }> }>(api, 'GET', '/api/referrals?limit=100', staff);
      expect(listed.status).toBe(200);
      const page = await api.bot.domain.leads.list({ role: 'staff' }, {}, { limit: 100 });
      expect(page.items.some((l) => l.contact?.name === 'Forged Language')).toBe(false);
    });

    test("locales the chat never sends read 'unknown' in the list, the detail and the CSV", async () => {
      const base = submission();
      const { lead } = await api.bot.domain.leads.submit({ ...base, locale: 'zz-ZZ', contact: { name: 'Odd Locale', phone: '333 765 0002' }, channelUserId: 'odd-locale' }, 'odd-locale-1');
      const detail = await call<{ language: { code: string } }>(api, 'GET', `/api/referrals/${lead._id}`, staff);
      expect(detail.body.language.code).toBe('unknown');
      for (const [i, locale] of ['__proto__', '../ar', 'ar'.repeat(40), 'ar EG'].entries()) {
        await expect(api.bot.domain.leads.submit({ ...base, locale, contact: { name: 'Bad Locale', phone: '333 765 0003' }, channelUserId: 'bad-locale' }, `bad-locale-${i}`)).rejects.toMatchObject({ field: 'locale' });
      }
    });
  });

  describe('analytics by language', () => {
    test.each([
      ['/api/analytics/unanswered?language=xx', 400],
      ['/api/analytics/unanswered?language=AR', 400],
      ['/api/analytics/unanswered?language=__proto__', 400],
      ['/api/analytics/unanswered?language[$ne]=ar', 400],
      ['/api/analytics/unanswered?language=ar&language=ro', 400],
      ['/api/analytics/unanswered?language=', 400],
      ['/api/analytics/unanswered?language=unknown', 200],
      ['/api/analytics/unanswered?language=ar', 200],
      ['/api/analytics/funnel?groupBy=Language', 400],
      ['/api/analytics/funnel?groupBy=constructor', 400],
      ['/api/analytics/funnel?groupBy=language%00', 400],
      ['/api/analytics/funnel?groupBy=language&groupBy=week', 400],
      ['/api/analytics/funnel.csv?groupBy=__proto__', 400],
    ])('%s answers %i', async (path, status) => {
      expect((await call(api, 'GET', path, staff)).status).toBe(status);
      expect((await call(api, 'GET', path, operator)).status).toBe(403);
    });

    test('groupBy=language lists the eight languages and unknown, in the JSON and the CSV', async () => {
      const json = await call<{ rows: Array<{ group: string }> }>(api, 'GET', '/api/analytics/funnel?groupBy=language', staff);
      expect(json.status).toBe(200);
      expect(json.body.rows.map((r) => r.group)).toEqual(['it', 'en', 'ro', 'ar', 'sq', 'es', 'uk', 'fr', 'unknown']);
      const csv = await call<string>(api, 'GET', '/api/analytics/funnel.csv?groupBy=language', staff);
      expect(csv.status).toBe(200);
      const groups = csv.body.replace(/^\uFEFF/, '').split('\r\n').slice(1).filter((line) => line !== '').map((line) => line.split(',')[0]);
      expect(groups).toEqual(expect.arrayContaining(['it', 'en', 'ro', 'ar', 'sq', 'es', 'uk', 'fr', 'unknown']));
    });
  });
});
