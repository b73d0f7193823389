/**
 * The shared development sets (../shared/eval/*.dev.jsonl), when present: the same check as
 * `npm run eval:understanding`, kept in the test suite so a regression shows up in `npm test`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadGazetteer, recognizeStatus, recognizeYesNo, type Lang, type PlaceReading } from '../../dialogs/understanding';
import { projectRoot } from '../../models/paths';

interface EvalCase {
  text: string;
  expect: unknown;
  locale?: string;
}

const dir = path.join(projectRoot, '..', 'shared', 'eval');
const load = (name: string): EvalCase[] => {
  const file = path.join(dir, `${name}.dev.jsonl`);
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as EvalCase);
};
const langOf = (c: EvalCase): Lang => (c.locale?.startsWith('en') ? 'en' : 'it');
const verdict = (r: PlaceReading): string => (r.kind === 'ambiguous' ? 'ASK' : r.kind === 'none' ? 'NONE' : r.place.inLombardy ? r.place.provinceCode : 'OUT');
const withCases = (cases: EvalCase[]): Array<[string, EvalCase]> => (cases.length > 0 ? cases.map((c) => [c.text, c]) : []);

const places = load('places');
const status = load('status');
const yesno = load('yesno');
const describeIf = places.length + status.length + yesno.length > 0 ? describe : describe.skip;

test('dev set lines have a text and an expected answer', () => {
  for (const c of [...places, ...status, ...yesno]) {
    expect(typeof c.text).toBe('string');
    expect(c.expect).toBeDefined();
  }
});

describeIf('shared dev sets', () => {
  const gazetteer = loadGazetteer();
  if (places.length > 0) {
    test.each(withCases(places))('place: %s', (_text, c) => {
      expect(verdict(gazetteer.recognizePlace(c.text, langOf(c)))).toBe(c.expect);
    });
  }
  if (status.length > 0) {
    test.each(withCases(status))('status: %s', (_text, c) => {
      expect(recognizeStatus(c.text, langOf(c))).toBe(c.expect);
    });
  }
  if (yesno.length > 0) {
    test.each(withCases(yesno))('yes/no: %s', (_text, c) => {
      expect(recognizeYesNo(c.text, langOf(c))).toBe(c.expect);
    });
  }
});
