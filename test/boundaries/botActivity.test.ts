/**
 * POST /api/messages checks an activity with a zod schema (bot/http/messagesRoute.ts BOT_ACTIVITY) that answers
 * what the hand-written checks it replaced answered: the same first problem, or none. fixtures/botActivity-before.json
 * holds the old checks' answers to botActivityCases.ts (null: accepted), captured before the switch.
 */
import { activityProblem } from '../../bot/http/messagesRoute';
import before from './fixtures/botActivity-before.json';
import { BOT_ACTIVITY_CASES } from './botActivityCases';

const captured = before as Array<[string, string | null]>;

describe('Bot Framework activities: the schema answers as the hand-written checks did', () => {
  test('every captured case has an input here', () => {
    expect(BOT_ACTIVITY_CASES.map(([name]) => name)).toEqual(captured.map(([name]) => name));
  });
  test.each(BOT_ACTIVITY_CASES)('%s', (name, input) => {
    expect(activityProblem(input) ?? null).toBe(captured.find(([n]) => n === name)?.[1]);
  });
});
