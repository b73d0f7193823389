import { csvCell, toCsv, CSV_FIELDS } from '../../models/leads/csv';
import type { Lead } from '../../models/leads/lead';

const at = new Date('2025-03-03T09:00:00.000Z');
const lead = (over: Partial<Lead> = {}): Lead => ({
  _id: 'id-1',
  reference: 'AR-7F3K2',
  submissionId: 's1',
  submissionIds: ['s1'],
  precheck: { answers: { province: 'MI', crisisKind: 'cigs', situation: 'unemployed', leftOn: '2025-01-15' }, outcome: 'eligible', reasons: ['a', 'b'], rulesVersion: 'r1' },
  province: 'MI',
  contact: { name: 'Maria Rossi', phone: '+393331234567', email: 'maria@example.com' },
  employer: { name: 'Officine, "Esempio" srl', sector: 'metalmeccanico' },
  consent: { noticeVersion: 'v1', textHash: 'h', givenAt: at },
  locale: 'it',
  channel: 'webchat',
  status: 'new',
  projectId: null,
  projectTime: `|${at.toISOString()}`,
  statusTime: `new|${at.toISOString()}`,
  notes: [],
  history: [],
  rev: 1,
  createdAt: at,
  updatedAt: at,
  ...over,
});

describe('csvCell', () => {
  test.each([
    ['plain', 'plain'],
    ['', ''],
    [undefined, ''],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rhere', '"cr\rhere"'],
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+39333', "'+39333"],
    ['-2+3', "'-2+3"],
    ['@cmd', "'@cmd"],
    ['\t=x', `"'\t'=x"`],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['Niccolò', 'Niccolò'],
    ['a = b', 'a = b'],
    // after blanks some importers trim
    ['  =1+1', "'  =1+1"],
    ['\n=1+1', `"'\n'=1+1"`],
    ['\u00a0@cmd', "'\u00a0@cmd"],
    // Excel in Italian splits on semicolons: quoted, so no cell can start with "="
    ['Acme;=HYPERLINK("http://x","y")', `"Acme;'=HYPERLINK(""http://x"",""y"")"`],
    ['a; b', '"a; b"'],
    ['a\tb', '"a\tb"'],
    // a line break inside a quoted cell starts a row for a reader that splits on semicolons
    ['ok\n=1+1', `"ok\n'=1+1"`],
    ['ok\r\n @x', `"ok\r\n '@x"`],
    // markup is text in a CSV: as typed
    ['[clic qui](http://evil.example)', '[clic qui](http://evil.example)'],
    ['<img src=x onerror=alert(1)>', '<img src=x onerror=alert(1)>'],
  ])('%j -> %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });
});

describe('toCsv', () => {
  test('BOM, header, CRLF rows, only the visible fields in their order', () => {
    const csv = toCsv([lead(), lead({ reference: 'AR-22222', contact: undefined, employer: undefined })], ['reference', 'name', 'phone', 'employerName', 'createdAt']);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'reference,name,phone,employerName,createdAt',
      `AR-7F3K2,Maria Rossi,'+393331234567,"Officine, ""Esempio"" srl",2025-03-03T09:00:00.000Z`,
      'AR-22222,,,,2025-03-03T09:00:00.000Z',
      '',
    ]);
  });

  test('fields a reader may not see are simply not asked for', () => {
    const csv = toCsv([lead()], ['reference', 'status', 'province']);
    expect(csv).not.toContain('Maria');
    expect(csv).not.toContain('example.com');
  });

  test('a note with newlines and a formula stays one cell', () => {
    const csv = toCsv([lead({ notes: [{ by: 'op-1', at, text: '=cmd|"/c calc"!A1\nsecond line' }] })], ['notes']);
    const body = csv.slice(1).split('\r\n')[1];
    expect(body).toBe(`"2025-03-03T09:00:00.000Z op-1: =cmd|""/c calc""!A1\nsecond line"`);
  });

  test('a formula-looking name is neutralised', () => {
    const csv = toCsv([lead({ contact: { name: '=1+1', email: '@evil.example' } })], ['name', 'email']);
    expect(csv.slice(1).split('\r\n')[1]).toBe("'=1+1,'@evil.example");
  });

  test('every field has an extractor', () => {
    expect(() => toCsv([lead()], CSV_FIELDS)).not.toThrow();
    expect(toCsv([], CSV_FIELDS).slice(1).split('\r\n')[0].split(',')).toEqual(CSV_FIELDS);
  });
});
