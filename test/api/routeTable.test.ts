/** The route table's side of validation: a zod issue becomes today's `{ code, reason, field }` (the HTTP side is in validation.test.ts). */
import { z } from 'zod';
import { ValidationError } from '../../models/errors';
import { openApiPath } from '../../bot/api/openapi';
import { validationErrorOf } from '../../bot/api/routeTable';
import { intQueryOr, reasons } from '../../bot/api/schemas';

function errorOf(schema: z.ZodType, value: unknown): ValidationError {
  const result = schema.safeParse(value);
  if (result.success) throw new Error('expected a failure');
  return validationErrorOf(result.error, '(body)');
}

describe('validationErrorOf', () => {
  const body = z.strictObject({
    name: z.string(reasons('not_a_string')),
    tags: z.array(z.enum(['a', 'b'], { error: 'unknown_tag' })).optional(),
    age: z.number().optional(),
  });

  test('the first issue: its path is the field, its message the reason; a missing field is required', () => {
    expect(errorOf(body, {})).toMatchObject({ field: 'name', reason: 'required' });
    expect(errorOf(body, { name: 3 })).toMatchObject({ field: 'name', reason: 'not_a_string' });
    expect(errorOf(body, { name: 'x', tags: ['a', 'c'] })).toMatchObject({ field: 'tags.1', reason: 'unknown_tag' });
  });

  test('an issue of the whole object names it; a message that is not a code gives way to the zod code', () => {
    expect(errorOf(body.refine(() => false, { error: 'nothing_to_change' }), { name: 'x' })).toMatchObject({ field: '(body)', reason: 'nothing_to_change' });
    expect(errorOf(body, { name: 'x', age: 'old' })).toMatchObject({ field: 'age', reason: 'invalid_type' });
  });

  test('query integers: digits only, in range, else out_of_range; absent is the default', () => {
    const query = z.object({ limit: intQueryOr(1, 100, 3, 20) });
    expect(query.parse({})).toEqual({ limit: 20 });
    expect(query.parse({ limit: '7' })).toEqual({ limit: 7 });
    for (const bad of ['0', '101', '-5', '2.5', 'ten', '0100']) expect(errorOf(query, { limit: bad })).toMatchObject({ field: 'limit', reason: 'out_of_range' });
  });
});

test("restify's path parameters in OpenAPI's syntax", () => {
  expect(openApiPath('/api/content/:locale/:kind/:id/draft')).toBe('/api/content/{locale}/{kind}/{id}/draft');
  expect(openApiPath('/api/referrals/export.csv')).toBe('/api/referrals/export.csv');
});
