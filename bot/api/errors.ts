/**
 * The one place where the operators' API turns a thrown value into an HTTP answer. Domain errors (models/errors.ts)
 * map by kind: NotFound 404, Conflict 409, Validation 400, Forbidden 403, Unauthorized 401 (with
 * `WWW-Authenticate: Bearer`), a store that cannot write 503 (`Retry-After`); anything else is a 500 that says nothing about its cause. Every body has the shape
 * `{ "error": { "code", "reason", "field"? } }`, plus `claimedBy` or `from`/`to` on the conflicts that have them.
 * Reasons are stable codes, never echoes of what the client sent.
 */
import type { Response } from 'restify';
import { z } from 'zod';
import { ConflictError, ForbiddenError, NotFoundError, UnauthorizedError, ValidationError } from '../../models/errors';
import type { Logger } from '../../models/logger';
import { isStoreUnavailable } from '../../models/store/collection';

export const AUTH_REALM = 'azioni-di-rete-bot';

export type ApiErrorCode = 'NOT_FOUND' | 'CONFLICT' | 'VALIDATION' | 'FORBIDDEN' | 'UNAUTHORIZED' | 'UNSUPPORTED_MEDIA_TYPE' | 'INTERNAL' | 'STORE_UNAVAILABLE';

/** Every error body (the OpenAPI component `Error` is generated from it). */
export const errorSchema = z
  .object({
    // loose: a route may add what its error needs (the console's `retryAfterSeconds`)
    error: z.looseObject({
      code: z.string().meta({ description: 'VALIDATION, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CONFLICT, UNSUPPORTED_MEDIA_TYPE, INTERNAL, STORE_UNAVAILABLE, or the server\'s own (e.g. PAYLOAD_TOO_LARGE)' }),
      reason: z.string().meta({ description: 'A stable code (e.g. unknown_parameter, illegal_transition:new->placed); never echoes the input' }),
      field: z.string().meta({ description: 'The query parameter or body field at fault' }).optional(),
      claimedBy: z.string().meta({ description: 'Account name of the holder, on a lost claim' }).optional(),
      from: z.string().meta({ description: 'Current status, on an illegal transition' }).optional(),
      to: z.string().meta({ description: 'Requested status, on an illegal transition' }).optional(),
      retryAfterSeconds: z.int().meta({ description: 'On a refused sign-in (429, 503): seconds to wait' }).optional(),
    }),
  })
  .meta({ id: 'Error' });

/**
 * The API's error bodies: `reason` a stable machine code (`unknown_parameter`, `already_claimed_by:op-bg-1`,
 * `illegal_transition:new->placed`), `field` the query parameter or body field at fault (400), `claimedBy` the name
 * of the account that holds the referral (409 on a lost claim), `from`/`to` the statuses of an illegal transition.
 */
export type ApiErrorBody = z.infer<typeof errorSchema> & { error: { code: ApiErrorCode } };

/** A claim lost to someone else: the reason names the winner's account name (never the account id). */
export class AlreadyClaimedError extends ConflictError {
  constructor(readonly claimedBy: string) {
    super(`already_claimed_by:${claimedBy}`);
  }
}

/** A request body that is not JSON where JSON is required (415). */
export class UnsupportedMediaTypeError extends Error {
  constructor() {
    super('unsupported media type');
    this.name = 'UnsupportedMediaTypeError';
  }
}

export interface HttpError {
  status: number;
  body: ApiErrorBody;
  headers: Record<string, string>;
}

const ILLEGAL_TRANSITION = /^illegal_transition:([a-z_]+)->([a-z_]+)$/;

/** AppError (or anything else) -> status, headers and body. Pure. */
export function httpErrorOf(err: unknown): HttpError {
  if (err instanceof ValidationError) {
    return { status: 400, headers: {}, body: { error: { code: 'VALIDATION', reason: err.reason, field: err.field } } };
  }
  if (err instanceof NotFoundError) {
    // the API calls leads "referrals"; the same answer whether the id is unknown or belongs to another project
    const entity = err.entity === 'lead' ? 'referral' : err.entity;
    return { status: 404, headers: {}, body: { error: { code: 'NOT_FOUND', reason: `${entity}_not_found` } } };
  }
  if (err instanceof AlreadyClaimedError) {
    return { status: 409, headers: {}, body: { error: { code: 'CONFLICT', reason: err.reason, claimedBy: err.claimedBy } } };
  }
  if (err instanceof ConflictError) {
    const move = ILLEGAL_TRANSITION.exec(err.reason);
    return { status: 409, headers: {}, body: { error: { code: 'CONFLICT', reason: err.reason, ...(move ? { from: move[1], to: move[2] } : {}) } } };
  }
  if (err instanceof ForbiddenError) {
    return { status: 403, headers: {}, body: { error: { code: 'FORBIDDEN', reason: err.reason } } };
  }
  if (err instanceof UnauthorizedError) {
    // RFC 6750: no error attribute when no credentials were sent at all
    const challenge = err.reason === 'missing_token' ? `Bearer realm="${AUTH_REALM}"` : `Bearer realm="${AUTH_REALM}", error="invalid_token"`;
    return { status: 401, headers: { 'WWW-Authenticate': challenge }, body: { error: { code: 'UNAUTHORIZED', reason: err.reason } } };
  }
  if (err instanceof UnsupportedMediaTypeError) {
    return { status: 415, headers: {}, body: { error: { code: 'UNSUPPORTED_MEDIA_TYPE', reason: 'send_application_json' } } };
  }
  if (isStoreUnavailable(err)) {
    // a full disk or an unreachable database: nothing of the request was kept, and trying later may work
    return { status: 503, headers: { 'Retry-After': '30' }, body: { error: { code: 'STORE_UNAVAILABLE', reason: 'store_unavailable' } } };
  }
  return { status: 500, headers: {}, body: { error: { code: 'INTERNAL', reason: 'internal_error' } } };
}

/** Sends the mapped error; 5xx are logged with the request id and the error's kind only. */
export function sendApiError(res: Response, err: unknown, logger: Logger, reqId: string | undefined): void {
  const mapped = httpErrorOf(err);
  if (mapped.status >= 500) {
    // the name and the stack frames, not the message: a message may quote data (a key, a value)
    const kind = err instanceof Error ? { name: err.name, frames: (err.stack ?? '').split('\n').slice(1, 8).map((l) => l.trim()) } : { name: typeof err };
    logger.error({ reqId, err: kind }, 'api request failed');
  }
  for (const [name, value] of Object.entries(mapped.headers)) res.header(name, value);
  res.status(mapped.status);
  res.json(mapped.body);
}
