/**
 * The submission read without the schema (readValidSubmission) against the schema itself (parseWithSchema), on the
 * chat's own submissions and on hostile ones: whatever the input, parseLeadSubmission answers exactly what the
 * schema answers (the same value, key for key and in the same order, or the same first problem), and the fast
 * reading answers only for input the schema accepts.
 */
import { parseLeadSubmission, parseWithSchema, readValidSubmission } from '../../models/leads/submission';

/** A value's shape, key order kept: Dates tagged, keys holding undefined left out (nothing stores them). */
function canonical(value: unknown): unknown {
  if (value instanceof Date) return { $date: Number.isNaN(value.getTime()) ? 'invalid' : value.toISOString() };
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, canonical(v)]);
  }
  return value;
}

function outcome(run: () => unknown): unknown {
  try {
    return { ok: canonical(run()) };
  } catch (err) {
    const e = err as { name?: string; field?: string; reason?: string; message?: string };
    return { refused: { name: e.name, field: e.field, reason: e.reason, message: e.message } };
  }
}

/** A small deterministic generator, so a failure can be replayed. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** A submission as the referral dialog sends it (dialogs/referral/referralDialog.ts), with its own values. */
function chatSubmission(): Record<string, unknown> {
  return {
    precheck: { answers: { province: 'LC', crisisKind: 'company_crisis', situation: 'at_risk' }, outcome: 'to_verify', reasons: ['crisis_declared'], rulesVersion: '2024-03' },
    contact: { name: 'Giulia Ferrari', phone: '347 889 1020', email: undefined, preferredTime: 'Pomeriggio' },
    employer: { name: 'Tessitura  Lariana', sector: 'tessile' },
    consent: { noticeVersion: '3+9f2c', textHash: 'c'.repeat(64), language: 'it', givenAt: new Date('2026-11-30T09:15:00Z') },
    locale: 'it',
    channel: 'webchat',
    channelUserId: 'dl-7f3a',
    conversationRef: { activityId: 'a-1', user: { id: 'dl-7f3a', role: 'user' }, bot: { id: 'bot', name: 'Azioni di Rete' }, conversation: { id: 'c-99' }, channelId: 'webchat', locale: 'it-IT', serviceUrl: 'https://example.org/' },
  };
}

const cyclic: Record<string, unknown> = { id: 'x' };
cyclic.self = cyclic;
const sparse = ['crisis_declared', , 'other']; // a hole: the schema reads it as undefined

/** Values a caller could send anywhere: wrong types, blanks, bounds, keys no database accepts, odd objects. */
const HOSTILE: unknown[] = [
  undefined, null, '', ' ', '\t\n', '  tessile  ', 'MI', ' mi ', 'Milano', 'ß', 'ss', 'Xy', 'non lo so',
  'ok_code-1.2:3', 'with space', 'à', 'a'.repeat(64), 'a'.repeat(65), 'b'.repeat(129), 'c'.repeat(201), 'd'.repeat(9000),
  0, 1, -1, NaN, true, false, 10n, Symbol('s'), () => 'f',
  [], ['x'], [1], sparse, Array.from({ length: 21 }, () => 'r'), Array.from({ length: 20 }, () => 'r'),
  {}, { a: 1 }, { $where: 'x' }, { 'a.b': 1 }, { deep: [{ $set: 1 }] }, cyclic, { toJSON: () => undefined }, { toJSON: () => [1] },
  Object.create(null), new Date('2026-01-02T03:04:05Z'), new Date('nope'), new String('it'),
  '2025-01-15', '2025-02-30', '2025-13-01', '15/01/2025', 'it', 'en', 'uk', 'xx', 'IT', ' it ', 'it-IT', 'it_IT',
  '333 123 4567', '+39 02 1234 5678', '12345', 'mario@example.org', 'not an email', 'Mario', 'M',
];

const PATHS = [
  [], ['precheck'], ['precheck', 'answers'], ['precheck', 'answers', 'province'], ['precheck', 'answers', 'crisisKind'],
  ['precheck', 'answers', 'situation'], ['precheck', 'answers', 'leftOn'], ['precheck', 'outcome'], ['precheck', 'reasons'],
  ['precheck', 'reasons', '0'], ['precheck', 'rulesVersion'], ['precheck', 'extra'], ['contact'], ['contact', 'name'],
  ['contact', 'phone'], ['contact', 'email'], ['contact', 'preferredTime'], ['employer'], ['employer', 'name'], ['employer', 'sector'],
  ['consent'], ['consent', 'givenAt'], ['consent', 'noticeVersion'], ['consent', 'textHash'], ['consent', 'language'],
  ['locale'], ['channel'], ['channelUserId'], ['conversationRef'], ['conversationRef', 'user'], ['conversationRef', 'user', 'id'],
  ['conversationRef', '$x'], ['conversationRef', 'a.b'], ['conversationRef', 'padding'], ['unknownTopLevel'],
];

/** `root` with the value at `path` replaced (or removed), on copies: the base is never changed. */
function withValue(root: unknown, path: string[], value: unknown, remove: boolean): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const node = typeof root === 'object' && root !== null ? root : {};
  const copy = (Array.isArray(node) ? [...(node as unknown[])] : { ...(node as Record<string, unknown>) }) as Record<string, unknown>;
  if (remove && rest.length === 0) delete copy[head];
  else copy[head] = withValue(copy[head], rest, value, remove);
  return copy;
}

describe('the submission read without the schema answers as the schema does', () => {
  test('the chat\'s submissions, and valid variants of them, are read without the schema, to the same value', () => {
    const variants: Array<Record<string, unknown>> = [
      chatSubmission(),
      { ...chatSubmission(), employer: undefined, conversationRef: undefined, channelUserId: undefined },
      { ...chatSubmission(), contact: { name: 'Luca Bianchi', email: 'Luca.Bianchi@Example.org' } },
      { ...chatSubmission(), precheck: { answers: { province: ' bg ', crisisKind: 'cigs', situation: 'unemployed', leftOn: '2025-06-30' }, outcome: 'eligible', reasons: [], rulesVersion: '2018-10' } },
      { ...chatSubmission(), precheck: { answers: { province: '', crisisKind: 'cigs', situation: 'unemployed' }, outcome: 'eligible', reasons: ['a'], rulesVersion: 'r' } },
      { ...chatSubmission(), employer: { name: '   ', sector: '' }, consent: { noticeVersion: ' v2 ', textHash: 'h' } },
      { ...chatSubmission(), employer: { sector: 'Commercio' }, consent: { noticeVersion: 'v2', textHash: 'h', givenAt: null }, locale: ' en-GB ' },
    ];
    for (const input of variants) {
      const fast = readValidSubmission(input);
      expect(fast).toBeDefined();
      expect(canonical(fast)).toEqual(canonical(parseWithSchema(input)));
    }
  });

  test('each hostile value at each field, one at a time (or the field removed): the same answer as the schema', () => {
    for (const path of PATHS) {
      for (const [v, value] of [...HOSTILE, 'removed'].entries()) {
        const input = withValue(chatSubmission(), path, value, value === 'removed');
        const expected = outcome(() => parseWithSchema(input));
        const fast = outcome(() => readValidSubmission(input));
        if ((fast as { ok?: unknown }).ok !== undefined) expect({ path, v, fast }).toEqual({ path, v, fast: expected });
        expect({ path, v, answer: outcome(() => parseLeadSubmission(input)) }).toEqual({ path, v, answer: expected });
      }
    }
  });

  test('hostile values at several fields at once: the same value or the same first problem, and no fast answer for what the schema refuses', () => {
    const random = generator(20261208);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
    let fastAnswers = 0;
    let refusals = 0;
    for (let i = 0; i < 6000; i++) {
      let input: unknown = chatSubmission();
      const changes = 1 + Math.floor(random() * 3);
      for (let c = 0; c < changes; c++) input = withValue(input, pick(PATHS), pick(HOSTILE), random() < 0.15);
      const expected = outcome(() => parseWithSchema(input));
      const fast = outcome(() => readValidSubmission(input));
      if ((fast as { ok?: unknown }).ok !== undefined) {
        fastAnswers += 1;
        expect({ input: i, fast }).toEqual({ input: i, fast: expected });
      }
      if ('refused' in (expected as object)) refusals += 1;
      expect({ input: i, answer: outcome(() => parseLeadSubmission(input)) }).toEqual({ input: i, answer: expected });
    }
    // both kinds were really tried: many answered without the schema, many refused
    expect(fastAnswers).toBeGreaterThan(500);
    expect(refusals).toBeGreaterThan(2000);
  });
});
