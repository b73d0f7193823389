/**
 * A worker's submission is checked by a zod schema (models/leads/submission.ts) that answers what the hand-written
 * checks in LeadService answered: the same field and reason for a refused submission (the first problem, in the
 * same order), the same checked submission otherwise. fixtures/leadSubmission-before.json holds the old checks'
 * answers to leadSubmissionCases.ts, captured before the switch.
 */
import { ValidationError } from '../../models/errors';
import { checkSubmission, type LeadSubmission } from '../../models/leads/leadService';
import before from './fixtures/leadSubmission-before.json';
import { LEAD_SUBMISSION_CASES } from './leadSubmissionCases';

const NOW = new Date('2025-03-03T09:00:00.000Z');

const captured = before as unknown as Array<[string, unknown]>;
/**
 * The one answer changed on purpose: an array was read as an object with no fields (so its first problem was the
 * contact's missing name); the schema refuses it as a whole, as it does null or a string.
 */
const CHANGED: Record<string, unknown> = { 'an array': { ok: false, field: 'submission', reason: 'required' } };
const expected = (name: string): unknown => {
  if (name in CHANGED) return CHANGED[name];
  const found = captured.find(([n]) => n === name);
  if (!found) throw new Error(`no captured answer for: ${name}`);
  return found[1];
};

function answer(input: unknown): unknown {
  try {
    // as the fixture holds it (dates as strings, no undefined fields)
    return JSON.parse(JSON.stringify({ ok: true, value: checkSubmission(input as LeadSubmission, () => NOW) })) as unknown;
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    return { ok: false, field: err.field, reason: err.reason };
  }
}

describe('lead submissions: the schema answers as the hand-written checks did', () => {
  test('every captured case has an input here', () => {
    expect(LEAD_SUBMISSION_CASES.map(([name]) => name)).toEqual(captured.map(([name]) => name));
  });
  test.each(LEAD_SUBMISSION_CASES)('%s', (name, input) => {
    expect(answer(input)).toEqual(expected(name));
  });
});
