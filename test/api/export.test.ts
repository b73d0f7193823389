import { CSV_FIELDS } from '../../models/leads/csv';
import { submission } from '../leads/fixtures';
import { BG_PROJECT, CO_PROJECT, call, referral, injectApiBot, tokenFor, type InjectedApiBot, type ErrorBody } from './helpers';

/** The raw bytes, decoded without dropping the byte-order mark. */
async function download(api: InjectedApiBot, path: string, token: string): Promise<{ status: number; headers: Headers; bytes: Buffer; text: string }> {
  const response = await api.fetch(`${api.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const bytes = Buffer.from(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, bytes, text: bytes.toString('utf8') };
}

/** Rows of a CSV without quoted line breaks (enough for these fixtures). */
function rows(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split('\r\n').filter((line) => line !== '');
}

describe('operators API: CSV export', () => {
  let api: InjectedApiBot;
  let staff: string;
  let operator: string;
  let claimedRef: string;
  let unclaimedRef: string;
  let otherProjectRef: string;

  beforeAll(async () => {
    api = await injectApiBot();
    staff = await tokenFor(api, 'staff-1', 'staff');
    operator = await tokenFor(api, 'op-bg', 'operator', [BG_PROJECT]);
    // a firm name and a worker's name a spreadsheet would run as formulas
    const claimed = await referral(api, 'bg', { name: '@SUM(1+1)', employerName: '=HYPERLINK("http://evil.example","clic")', sector: 'metalmeccanico' });
    const unclaimed = await referral(api, 'bg', { name: 'Nascosto Ancora' });
    const other = await referral(api, 'co', { name: 'Altro Progetto' });
    expect(claimed.projectId).toBe(BG_PROJECT);
    expect(other.projectId).toBe(CO_PROJECT);
    claimedRef = claimed.reference;
    unclaimedRef = unclaimed.reference;
    otherProjectRef = other.reference;
    expect((await call(api, 'POST', `/api/referrals/${claimed._id}/claim`, operator)).status).toBe(200);
    await call(api, 'POST', `/api/referrals/${claimed._id}/notes`, operator, { text: '-2+3 da richiamare' });
  });
  afterAll(async () => {
    await api.bot.stop();
  });

  test('staff: a spreadsheet-safe file with every referral, BOM first, named for the day', async () => {
    const { status, headers, bytes, text } = await download(api, '/api/referrals/export.csv', staff);
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(headers.get('content-disposition')).toBe(`attachment; filename="referrals-${api.clock.now().toISOString().slice(0, 10)}.csv"`);
    expect(headers.get('cache-control')).toBe('no-store');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = rows(text);
    expect(lines[0]).toBe(CSV_FIELDS.join(','));
    expect(lines).toHaveLength(4);
    for (const ref of [claimedRef, unclaimedRef, otherProjectRef]) expect(text).toContain(ref);

    // formulas neutralised with a leading apostrophe (and quoted where they hold quotes or commas)
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""clic"")"`);
    expect(text).toContain(",'@SUM(1+1),");
    // a notes cell starts with the note's time, so a note that looks like a formula cannot start a cell
    expect(text).toContain(': -2+3 da richiamare');
    expect(text).not.toMatch(/(^|,)[=@+-]/m);
    expect(text).toContain('Nascosto Ancora');
    expect(text).toContain('Altro Progetto');
  });

  test('operator: only their projects, contact only on the referral they claimed', async () => {
    const { status, text } = await download(api, '/api/referrals/export.csv', operator);
    expect(status).toBe(200);
    expect(text).toContain(claimedRef);
    expect(text).toContain(unclaimedRef);
    expect(text).not.toContain(otherProjectRef);
    expect(text).not.toContain('Altro Progetto');
    expect(text).not.toContain('Nascosto Ancora');
    expect(text).toContain("'@SUM(1+1)");

    const header = rows(text)[0].split(',');
    const unclaimedRow = rows(text).find((line) => line.startsWith(unclaimedRef)) as string;
    const cells = unclaimedRow.split(',');
    for (const field of ['name', 'phone', 'email', 'preferredTime', 'leftOn', 'notes']) expect(cells[header.indexOf(field)]).toBe('');
    expect(cells[header.indexOf('province')]).toBe('BG');
  });

  test('the same filters as the listing; exports are audited', async () => {
    const claimedOnly = await download(api, '/api/referrals/export.csv?status=claimed', staff);
    expect(rows(claimedOnly.text)).toHaveLength(2);
    expect(claimedOnly.text).toContain(claimedRef);
    const none = await download(api, '/api/referrals/export.csv?to=2025-01-01', staff);
    expect(rows(none.text)).toEqual([CSV_FIELDS.join(',')]);
    const bad = await call<ErrorBody>(api, 'GET', '/api/referrals/export.csv?province[$ne]=XX', staff);
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('province');

    const audit = await call<{ items: Array<{ actor: string; target: string; details: Record<string, unknown> }> }>(api, 'GET', '/api/audit?action=lead.exported', staff);
    expect(audit.body.items.length).toBeGreaterThanOrEqual(4);
    expect(audit.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ actor: 'op-bg', target: 'leads', details: { rows: 2 } })]));
    expect(audit.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ actor: 'staff-1', details: { rows: 1, status: 'claimed' } })]));
  });
});

/**
 * Rows and cells as a spreadsheet reads them with separator `sep`: a quote opens a quoted cell only at the start
 * of a field (elsewhere it is a character), a line break outside quotes ends the row. With "," this is RFC 4180;
 * with ";" it is Excel opening the file in an Italian locale.
 */
function parseCsv(text: string, sep = ','): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let atStart = true;
  const body = text.replace(/^\uFEFF/, '');
  const endCell = (): void => {
    row.push(cell);
    cell = '';
    atStart = true;
  };
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
      continue;
    }
    if (c === '"' && atStart) {
      quoted = true;
      atStart = false;
    } else if (c === sep) endCell();
    else if (c === '\r' || c === '\n') {
      if (c === '\r' && body[i + 1] === '\n') i += 1;
      endCell();
      out.push(row);
      row = [];
    } else {
      cell += c;
      atStart = false;
    }
  }
  return out;
}

describe('CSV export: text a worker typed is written as text', () => {
  test('a markdown link, an HTML tag and formulas (also after a semicolon) reach the spreadsheet as text, in every column they can be typed into', async () => {
    const api = await injectApiBot();
    try {
      const staff = await tokenFor(api, 'staff-csv', 'staff');
      const base = submission();
      const typed = {
        name: '[clic qui](http://evil.example/phish)',
        employer: '<img src=x onerror=alert(1)>',
        preferredTime: '=HYPERLINK("http://evil.example","y")',
        note: 'Acme;=HYPERLINK("http://x","y")',
      };
      // a line break in a note would start a row for a reader splitting on semicolons
      typed.note += '\n=1+1';
      const { lead } = await api.bot.domain.leads.submit(
        { ...base, contact: { name: typed.name, email: 'csv.worker@example.org', preferredTime: typed.preferredTime }, employer: { name: typed.employer, sector: 'metalmeccanico' } },
        'csv-typed-1',
      );
      await api.bot.domain.leads.addNote(lead._id, 'someone', typed.note);
      const { text, headers } = await download(api, '/api/referrals/export.csv', staff);
      expect(headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      const [header, row] = parseCsv(text);
      const cell = (field: string): string => row[header.indexOf(field)];
      expect(cell('name')).toBe(typed.name);
      expect(cell('employerName')).toBe(typed.employer);
      // a leading apostrophe makes the formula a text cell
      expect(cell('preferredTime')).toBe(`'${typed.preferredTime}`);
      expect(cell('notes')).toMatch(/: Acme;'=HYPERLINK\("http:\/\/x","y"\)\n'=1\+1$/);
      // no cell starts a formula, read with commas or with semicolons (Excel in an Italian locale)
      for (const sep of [',', ';']) {
        for (const cells of parseCsv(text, sep)) for (const value of cells) expect(value).not.toMatch(/^[\s\u00a0]*[=+@-]/);
      }
    } finally {
      await api.bot.stop();
    }
  });
});
