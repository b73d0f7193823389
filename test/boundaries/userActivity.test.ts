/**
 * What a Direct Line client posts is checked by a zod schema (bot/channels/directline/userActivity.ts) that answers
 * exactly what the hand-written checks it replaced answered: the same reason for each refused body (the first
 * problem, in the same order), the same fields kept for an accepted one. fixtures/userActivity-before.json holds the
 * old validator's answers to userActivityCases.ts, captured before the switch.
 */
import { validateUserActivity } from '../../bot/channels/directline/userActivity';
import before from './fixtures/userActivity-before.json';
import { USER_ACTIVITY_CASES } from './userActivityCases';

const captured = before as unknown as Array<[string, unknown]>;
const expected = (name: string): unknown => {
  const found = captured.find(([n]) => n === name);
  if (!found) throw new Error(`no captured answer for: ${name}`);
  return found[1];
};

describe('what a Direct Line client may post: the schema answers as the hand-written checks did', () => {
  test('every captured case has an input here', () => {
    expect(USER_ACTIVITY_CASES.map(([name]) => name)).toEqual(captured.map(([name]) => name));
  });
  test.each(USER_ACTIVITY_CASES)('%s', (name, input) => {
    // as JSON would carry it: fields left undefined are absent
    expect(JSON.parse(JSON.stringify(validateUserActivity(input))) as unknown).toEqual(expected(name));
  });
});
