import type { Response } from 'restify';
import { AlreadyClaimedError, httpErrorOf, sendApiError, UnsupportedMediaTypeError } from '../../bot/api/errors';
import { ConflictError, ForbiddenError, NotFoundError, UnauthorizedError, ValidationError } from '../../models/errors';
import type { Logger } from '../../models/logger';

describe('API error mapping', () => {
  test.each([
    ['NotFound (a lead is a referral)', new NotFoundError('lead', 'abc'), 404, { code: 'NOT_FOUND', reason: 'referral_not_found' }],
    ['NotFound (other entities keep their name)', new NotFoundError('project', 'p1'), 404, { code: 'NOT_FOUND', reason: 'project_not_found' }],
    ['Validation names the field', new ValidationError('limit', 'out_of_range'), 400, { code: 'VALIDATION', reason: 'out_of_range', field: 'limit' }],
    ['Conflict', new ConflictError('not_new:claimed'), 409, { code: 'CONFLICT', reason: 'not_new:claimed' }],
    ['illegal transition with from/to', new ConflictError('illegal_transition:new->placed'), 409, { code: 'CONFLICT', reason: 'illegal_transition:new->placed', from: 'new', to: 'placed' }],
    ['lost claim names the holder', new AlreadyClaimedError('op-bg-1'), 409, { code: 'CONFLICT', reason: 'already_claimed_by:op-bg-1', claimedBy: 'op-bg-1' }],
    ['Forbidden', new ForbiddenError('staff_only'), 403, { code: 'FORBIDDEN', reason: 'staff_only' }],
    ['Unauthorized', new UnauthorizedError('account_disabled'), 401, { code: 'UNAUTHORIZED', reason: 'account_disabled' }],
    ['not JSON', new UnsupportedMediaTypeError(), 415, { code: 'UNSUPPORTED_MEDIA_TYPE', reason: 'send_application_json' }],
    ['anything else: 500 without details', new TypeError('cannot read x of Maria Rossi +393331234567'), 500, { code: 'INTERNAL', reason: 'internal_error' }],
    ['a thrown string', 'boom', 500, { code: 'INTERNAL', reason: 'internal_error' }],
  ])('%s', (_name, err, status, error) => {
    const mapped = httpErrorOf(err);
    expect(mapped.status).toBe(status);
    expect(mapped.body).toEqual({ error });
  });

  test('401 carries the Bearer challenge; with no token at all, without an error attribute (RFC 6750)', () => {
    expect(httpErrorOf(new UnauthorizedError('invalid_token')).headers).toEqual({ 'WWW-Authenticate': 'Bearer realm="azioni-di-rete-bot", error="invalid_token"' });
    expect(httpErrorOf(new UnauthorizedError('missing_token')).headers).toEqual({ 'WWW-Authenticate': 'Bearer realm="azioni-di-rete-bot"' });
  });

  test('a 500 is logged with the request id and the error kind, never its message', () => {
    const logged: string[] = [];
    const logger: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: (obj, msg) => logged.push(JSON.stringify([obj, msg])), child: () => logger };
    const sent: { status?: number; body?: unknown; headers: Record<string, string> } = { headers: {} };
    const res = {
      header: (name: string, value: string) => (sent.headers[name] = value),
      status: (code: number) => (sent.status = code),
      json: (body: unknown) => (sent.body = body),
    } as unknown as Response;
    sendApiError(res, new Error('duplicate key maria.rossi@example.com'), logger, 'req-1');
    expect(sent.status).toBe(500);
    expect(sent.body).toEqual({ error: { code: 'INTERNAL', reason: 'internal_error' } });
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('req-1');
    expect(logged[0]).not.toContain('maria');
  });
});
