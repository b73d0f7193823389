/**
 * The shared parts of the OpenAPI document: security schemes and the answers many routes share (errors). No schema
 * is written here: openapi.ts generates every one (requests and answers) from the zod schemas the routes validate
 * with and the views are typed by; `Error` is bot/api/errors.ts `errorSchema`.
 */
import { ref, schemaRef as schema, str } from './apiDocs';
import type { JsonSchema } from './routeTable';

const json = (s: JsonSchema, example?: unknown): Record<string, JsonSchema> => ({ 'application/json': { schema: s, ...(example !== undefined ? { example } : {}) } });

export const COMPONENTS = {
    securitySchemes: {
      bearerAuth: { type: 'http', scheme: 'bearer', description: 'An account token (`npm run users -- add ...`), shown once at creation.' },
      cookieAuth: {
        type: 'apiKey',
        in: 'cookie',
        name: 'adr_session',
        description: 'The console\'s session (POST /console/api/login). Every /api route accepts it instead of a bearer token; changes then need `X-CSRF-Token`.',
      },
    },
    headers: {
      WWWAuthenticate: { description: 'Bearer challenge (RFC 6750)', schema: str(undefined, { example: 'Bearer realm="azioni-di-rete-bot", error="invalid_token"' }) },
    },
    responses: {
      BadRequest: { description: 'Invalid request: `field` names the parameter or body field', content: json(schema('Error'), { error: { code: 'VALIDATION', reason: 'unknown_parameter', field: 'sort' } }) },
      Unauthorized: {
        description: 'No token, an invalid one, or a disabled account',
        headers: { 'WWW-Authenticate': ref('headers', 'WWWAuthenticate') },
        content: json(schema('Error'), { error: { code: 'UNAUTHORIZED', reason: 'invalid_token' } }),
      },
      Forbidden: { description: 'Authenticated but not allowed (e.g. staff-only endpoint, or a cookie request without its X-CSRF-Token)', content: json(schema('Error'), { error: { code: 'FORBIDDEN', reason: 'staff_only' } }) },
      NotFound: { description: 'No such referral, or not one the caller may see', content: json(schema('Error'), { error: { code: 'NOT_FOUND', reason: 'referral_not_found' } }) },
      Conflict: {
        description: 'The referral\'s state does not allow it: already claimed (`claimedBy`), or an illegal transition (`from`, `to`)',
        content: json(schema('Error'), { error: { code: 'CONFLICT', reason: 'already_claimed_by:op-bergamo-1', claimedBy: 'op-bergamo-1' } }),
      },
      PayloadTooLarge: { description: 'The body is larger than the server accepts', content: json(schema('Error')) },
      UnsupportedMediaType: { description: 'The body must be application/json', content: json(schema('Error')) },
      InternalError: { description: 'Something failed on the server (no details)', content: json(schema('Error'), { error: { code: 'INTERNAL', reason: 'internal_error' } }) },
      StoreUnavailable: {
        description: 'The store cannot take writes now (e.g. a full disk): nothing of the request was kept; try again later',
        headers: { 'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer' } } },
        content: json(schema('Error'), { error: { code: 'STORE_UNAVAILABLE', reason: 'store_unavailable' } }),
      },
    },
};
