/**
 * The zod schemas of project rows (models/projects/project.ts PROJECT_ROW, shared by the CLI's import and the API)
 * and of announcements (models/campaign/announcements.ts ANNOUNCEMENT_INPUT) answer exactly what the hand-written
 * validators they replaced answered: the same errors, fields, reasons and order, and the same normalized values.
 * fixtures/validators-before.json holds the old validators' outputs for these inputs, captured before the switch.
 */
import { parseAnnouncement } from '../../models/campaign/announcements';
import { ValidationError } from '../../models/errors';
import { parseProjectRow } from '../../models/projects/project';
import before from './fixtures/validators-before.json';

const NOW = new Date('2025-03-03T09:00:00.000Z');

const base = { id: 'bg-meccanica', title: '[ESEMPIO] Meccanica bergamasca', leadPartner: 'Ente di esempio', provinces: ['BG'], sectors: ['metalmeccanico'], firms: ['Officine Esempio S.r.l.'], contact: { email: 'contatto-esempio@example.org' } };
export const PROJECT_CASES: Array<[string, unknown]> = [
  ['valid, normalized', { ...base, id: '  bg-meccanica ', title: '  Titolo   con  spazi ', provinces: ['bg', 'BG', ' bs '], sectors: ['Metalmeccanico', 'tessile'], firms: ['  Ditta   Uno '], contact: { phone: '035 123456', website: 'https://example.org/p' }, active: false, sample: true }],
  ['not an object', 'x'],
  ['null', null],
  ['an array', [1]],
  ['empty object', {}],
  ['unknown fields', { ...base, colour: 'red', owner: 'x' }],
  ['unknown field and bad id', { extra: 1, ...base, id: 'BG' }],
  ['id not a string', { ...base, id: 42 }],
  ['id bad format', { ...base, id: 'Bg_Meccanica' }],
  ['id blank', { ...base, id: '   ' }],
  ['title missing', { ...base, title: undefined }],
  ['title not a string', { ...base, title: 7 }],
  ['title blank', { ...base, title: '   ' }],
  ['title too short', { ...base, title: 'ab' }],
  ['title too long', { ...base, title: 'x'.repeat(201) }],
  ['leadPartner too short', { ...base, leadPartner: 'a' }],
  ['provinces not a list', { ...base, provinces: 'BG' }],
  ['provinces null', { ...base, provinces: null }],
  ['provinces empty', { ...base, provinces: [] }],
  ['provinces with a number', { ...base, provinces: ['BG', 3] }],
  ['provinces unknown', { ...base, provinces: ['bg', 'Roma', ' pc ', 'Roma'] }],
  ['sectors missing', { ...base, sectors: undefined }],
  ['sectors empty', { ...base, sectors: [] }],
  ['sectors unknown', { ...base, sectors: ['Pesca', 'tessile'] }],
  ['firms not a list', { ...base, firms: {} }],
  ['firms with a bad name', { ...base, firms: ['A', 'Ditta', 'x'.repeat(201)] }],
  ['firms too many', { ...base, firms: Array.from({ length: 51 }, (_, i) => `Ditta ${i}`) }],
  ['firms too many and bad', { ...base, firms: [...Array.from({ length: 51 }, (_, i) => `Ditta ${i}`), 'Z'] }],
  ['contact missing', { ...base, contact: undefined }],
  ['contact not an object', { ...base, contact: 'mail' }],
  ['contact an array', { ...base, contact: [] }],
  ['contact empty', { ...base, contact: {} }],
  ['contact unknown field', { ...base, contact: { fax: '1', email: 'a@example.org' } }],
  ['contact only unknown', { ...base, contact: { fax: '1' } }],
  ['contact bad email', { ...base, contact: { email: 'not-an-email' } }],
  ['contact email not a string', { ...base, contact: { email: 5 } }],
  ['contact bad phone', { ...base, contact: { phone: 'abc' } }],
  ['contact phone not a string', { ...base, contact: { phone: true } }],
  ['contact http website', { ...base, contact: { website: 'http://example.org' } }],
  ['contact website not a url', { ...base, contact: { website: 'example' } }],
  ['contact website not a string', { ...base, contact: { website: 1 } }],
  ['contact all bad', { ...base, contact: { email: 'x', phone: 'y', website: 'z', fax: 1 } }],
  ['contact null values', { ...base, contact: { email: null } }],
  ['active not a boolean', { ...base, active: 'yes' }],
  ['active null', { ...base, active: null }],
  ['sample not a boolean', { ...base, sample: 1 }],
  ['everything wrong', { zz: 1, id: 5, title: '', leadPartner: null, provinces: ['XX'], sectors: 'ict', firms: [1], contact: { q: 1 }, active: 0, sample: 'no' }],
];

const valid = { title: 'Nuovo progetto a Bergamo', text: { it: 'Apre un nuovo progetto di rete.', en: 'A new network project opens.' }, provinces: ['BG'], topics: ['projects'] };
export const ANNOUNCEMENT_CASES: Array<[string, Record<string, unknown>]> = [
  ['valid, normalized', { title: '  Titolo ', text: { it: ' Testo ', en: '  ' }, provinces: ['bg', 'BG', 'mi'], topics: ['news', 'news', 'projects'] }],
  ['valid, titles in both languages', { title: { it: 'Titolo', en: 'Title' }, text: { it: 'Testo', en: 'Text' }, topics: ['news'] }],
  ['valid, blank English title', { title: { it: 'Titolo', en: ' ' }, text: { it: 'Testo' }, topics: ['news'] }],
  ['empty', {}],
  ['title missing', { ...valid, title: undefined }],
  ['title a number', { ...valid, title: 5 }],
  ['title null', { ...valid, title: null }],
  ['title an array', { ...valid, title: ['x'] }],
  ['title blank', { ...valid, title: '  ' }],
  ['title too long', { ...valid, title: 'x'.repeat(121) }],
  ['title object without it', { ...valid, title: { en: 'English only' } }],
  ['title object, it not a string', { ...valid, title: { it: 3 } }],
  ['title object, en too long', { ...valid, title: { it: 'x', en: 'y'.repeat(121) } }],
  ['title object, en a number', { ...valid, title: { it: 'x', en: 4 } }],
  ['title object, unknown language', { ...valid, title: { it: 'x', de: 'y' } }],
  ['title object, unknown language and no it', { ...valid, title: { de: 'y' } }],
  ['title object, long unknown key', { ...valid, title: { it: 'x', abcdefghijklmnopqrstuvwxyz: 'y' } }],
  ['text missing', { ...valid, text: undefined }],
  ['text a string', { ...valid, text: 'testo' }],
  ['text null', { ...valid, text: null }],
  ['text an array', { ...valid, text: [] }],
  ['text without it', { ...valid, text: { en: 'only English' } }],
  ['text it blank', { ...valid, text: { it: '   ' } }],
  ['text it too long', { ...valid, text: { it: 'x'.repeat(2001) } }],
  ['text en a number', { ...valid, text: { it: 'x', en: 1 } }],
  ['text en too long', { ...valid, text: { it: 'x', en: 'y'.repeat(2001) } }],
  ['text unknown language', { ...valid, text: { it: 'x', fr: 'y' } }],
  ['text unknown language, it missing', { ...valid, text: { fr: 'y' } }],
  ['provinces a string', { ...valid, provinces: 'BG' }],
  ['provinces null', { ...valid, provinces: null }],
  ['provinces unknown', { ...valid, provinces: ['BG', 'PC'] }],
  ['provinces a number', { ...valid, provinces: [1] }],
  ['topics missing', { ...valid, topics: undefined }],
  ['topics null', { ...valid, topics: null }],
  ['topics a string', { ...valid, topics: 'news' }],
  ['topics empty', { ...valid, topics: [] }],
  ['topics unknown', { ...valid, topics: ['projects', 'weather'] }],
  ['topics a number', { ...valid, topics: [1] }],
  ['English title over an Italian-only text', { ...valid, title: { it: 'x', en: 'y' }, text: { it: 'z' } }],
  ['bad title and bad topics', { ...valid, title: '', topics: [] }],
  ['bad text and bad provinces', { ...valid, text: { it: '' }, provinces: ['XX'] }],
];

type Captured = Record<'projects' | 'announcements', Array<[string, unknown]>>;
const captured = before as unknown as Captured;
const expected = (kind: keyof Captured, name: string): unknown => {
  const found = captured[kind].find(([n]) => n === name);
  if (!found) throw new Error(`no captured output for ${kind}: ${name}`);
  return found[1];
};
/** as the fixture holds it (dates as strings) */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;

describe('project rows: the schema answers as the hand-written validator did', () => {
  test('every captured case has an input here', () => {
    expect(PROJECT_CASES.map(([name]) => name)).toEqual(captured.projects.map(([name]) => name));
  });
  test.each(PROJECT_CASES)('%s', (name, input) => {
    expect(asJson(parseProjectRow(input, 3, NOW))).toEqual(expected('projects', name));
  });
});

describe('announcements: the schema answers as the hand-written validator did', () => {
  test('every captured case has an input here', () => {
    expect(ANNOUNCEMENT_CASES.map(([name]) => name)).toEqual(captured.announcements.map(([name]) => name));
  });
  test.each(ANNOUNCEMENT_CASES)('%s', (name, input) => {
    let answer: unknown;
    try {
      answer = { ok: true, value: parseAnnouncement(input) };
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      answer = { ok: false, field: err.field, reason: err.reason };
    }
    expect(answer).toEqual(expected('announcements', name));
  });
});
