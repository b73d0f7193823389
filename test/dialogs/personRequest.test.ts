/**
 * A person asked for, in the eight languages (issue 17): cases written before the recogniser, a third of them held
 * out of the repository to measure it on wordings it was not tuned on. What merely mentions people or operators is
 * no request.
 */
import { recognizePersonRequest } from '../../dialogs/personRequest';
import { recognizeSmallTalk } from '../../dialogs/smallTalk';
import cases from './personRequest.cases.json';

type Case = { language: string; text: string; expected: 'person' | 'whatAreYou' | null };

test.each((cases as Case[]).map((c) => [c.language, c.text, c.expected] as const))('[%s] %s -> %s', (_language, text, expected) => {
  expect(recognizePersonRequest(text) ?? null).toBe(expected);
  // both are a move the small talk answers (before any FAQ), and inside a step an interruption
  expect(recognizeSmallTalk(text) === 'human').toBe(expected !== null);
});

test('long messages carry a question of their own, even with a person in them', () => {
  expect(recognizePersonRequest('vorrei sapere se per partecipare devo parlare con un operatore del centro per l impiego della mia provincia oppure no')).toBeUndefined();
});
