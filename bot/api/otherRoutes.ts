/**
 * The HTTP routes served outside the operators' API (bot/http, bot/console), described as data for the OpenAPI
 * document: the Bot Framework endpoint, the eligibility check, the web chat's token, the probes, the console's
 * session API and the document itself. Their handlers live beside their own code; test/api/openapi.test.ts checks
 * that every route the server registers is described here or in a route table (or is a page, not an API).
 */
import { z } from 'zod';
import { ELIGIBILITY_REQUEST } from '../../models/eligibility';
import { CONSOLE_SESSION, LOGIN_BODY, SETUP_BODY, SETUP_CHECK_BODY } from '../console/consoleSchemas';
import { eligibilityResponseSchema } from '../http/eligibilityRoute';
import { healthSchema, readinessSchema } from '../http/probesRoute';
import { directLineTokenSchema } from '../http/webChatRoute';
import { PUBLIC, jsonAnswer, responseRef, str } from './apiDocs';
import { errorSchema } from './errors';
import type { ResponseDoc, RouteInfo } from './routeTable';

const setCookie = { 'Set-Cookie': { description: 'adr_session=...; Path=/; HttpOnly; SameSite=Strict[; Secure]', schema: str() } };
const retryAfter = { 'Retry-After': { schema: { type: 'integer' } } };
const linkGone: ResponseDoc = { description: 'The link is used, expired or unknown, or a staff account exists', schema: errorSchema, example: { error: { code: 'GONE', reason: 'setup_link_used' } } };
const consoleSession = (description: string): ResponseDoc => ({ description, headers: setCookie, schema: CONSOLE_SESSION });
const party = z.looseObject({ id: z.string().optional(), name: z.string().optional() });
/** The Bot Framework's activity, as far as the bot reads it (the Bot Framework SDK checks the rest). */
const activitySchema = z
  .looseObject({
    type: z.string().meta({ example: 'message' }),
    text: z.string().optional(),
    locale: z.string().optional(),
    deliveryMode: z.enum(['normal', 'expectReplies']).optional(),
    serviceUrl: z.string(),
    channelId: z.string().optional(),
    conversation: z.looseObject({ id: z.string() }),
    from: party.optional(),
    recipient: party.optional(),
  })
  .meta({ id: 'Activity', description: 'A Bot Framework activity (https://github.com/microsoft/botframework-sdk/blob/main/specs/botframework-activity/botframework-activity.md)' });
const expectedRepliesSchema = z.object({ activities: z.array(activitySchema).optional() }).meta({ id: 'ExpectedReplies' });
const lang = (description: string) => z.object({ lang: z.enum(['it', 'en']).meta({ description }).optional() });

export const CONSOLE_ROUTE_DOCS: readonly RouteInfo[] = [
  {
    method: 'post',
    path: '/console/api/login',
    operationId: 'consoleSignIn',
    summary: 'Console sign-in: sets the session cookie and returns the CSRF token',
    description:
      'Sets `adr_session` (HttpOnly, SameSite=Strict, Path=/, Secure when PUBLIC_URL is https). A wrong password, an ' +
      'unknown name, an account without a password and a disabled one all answer the same 401 ' +
      '`invalid_credentials`. After CONSOLE_LOGIN_MAX_FAILURES failures for a name (default 5; 4 times as many ' +
      'per client address) within 15 minutes, attempts answer 429 with Retry-After; an attempt counts from its ' +
      'arrival, so concurrent attempts beyond the limit are refused unchecked. Passwords are checked a few at a ' +
      'time; when the queue of checks is full the answer is 503 `sign_in_busy` with Retry-After (the attempt does ' +
      'not count). Audited as session.signed_in.',
    tags: ['console'],
    security: PUBLIC,
    body: LOGIN_BODY,
    responses: {
      '200': consoleSession('Signed in'),
      '400': responseRef('BadRequest'),
      '401': responseRef('Unauthorized'),
      '415': responseRef('UnsupportedMediaType'),
      '429': { description: 'Too many failed attempts', headers: retryAfter, schema: errorSchema, example: { error: { code: 'RATE_LIMITED', reason: 'too_many_attempts' } } },
      '500': responseRef('InternalError'),
      '503': { description: 'Too many sign-ins being checked: retry later', headers: retryAfter, schema: errorSchema, example: { error: { code: 'BUSY', reason: 'sign_in_busy' } } },
    },
  },
  {
    method: 'get',
    path: '/console/api/me',
    operationId: 'consoleWhoAmI',
    summary: 'Who is signed in with this session cookie, and the session\'s CSRF token',
    tags: ['console'],
    security: [{ cookieAuth: [] }],
    responses: { '200': jsonAnswer('The session', CONSOLE_SESSION), '400': responseRef('BadRequest'), '401': responseRef('Unauthorized') },
  },
  {
    method: 'post',
    path: '/console/api/logout',
    operationId: 'consoleSignOut',
    summary: 'Ends the session (X-CSRF-Token required) and clears the cookie',
    tags: ['console'],
    security: [{ cookieAuth: [] }],
    parameters: [{ name: 'X-CSRF-Token', in: 'header', required: true, description: 'The csrfToken of the sign-in answer', schema: str() }],
    responses: { '204': { description: 'Signed out (also when the session had already ended)' }, '403': responseRef('Forbidden') },
  },
  {
    method: 'post',
    path: '/console/api/setup/check',
    operationId: 'consoleSetupCheck',
    summary: 'Whether a first-staff setup link still works, and until when',
    description:
      'With no active staff account, the bot prints at start a one-time link `/console/setup#<token>` (valid 1 hour, ' +
      'single use; a new start replaces it). The console page sends the token from the fragment here. 410 `GONE` ' +
      'with `setup_link_used`, `setup_link_expired`, `setup_link_unknown` or `staff_account_exists` otherwise.',
    tags: ['console'],
    security: PUBLIC,
    body: SETUP_CHECK_BODY,
    responses: {
      '200': jsonAnswer('The link works', { type: 'object', required: ['expiresAt'], properties: { expiresAt: { type: 'string', format: 'date-time' } } }),
      '400': responseRef('BadRequest'),
      '410': linkGone,
      '415': responseRef('UnsupportedMediaType'),
    },
  },
  {
    method: 'post',
    path: '/console/api/setup',
    operationId: 'consoleSetupFirstStaff',
    summary: 'Creates the first staff account from a setup link, and signs it in',
    description:
      'Consumes the link (single use, also under concurrent requests: exactly one succeeds) and creates a staff ' +
      'account with this console password (the password rules of the console), then sets the session cookie as a ' +
      'sign-in does. A bad name or password (400) or a name taken by an operator (409) leaves the link working. ' +
      'Audited as account.created with via=first_staff_setup_link.',
    tags: ['console'],
    security: PUBLIC,
    body: SETUP_BODY,
    responses: {
      '201': consoleSession('Created and signed in'),
      '400': responseRef('BadRequest'),
      '409': responseRef('Conflict'),
      '410': linkGone,
      '415': responseRef('UnsupportedMediaType'),
      '500': responseRef('InternalError'),
    },
  },
  {
    method: 'get',
    path: '/console/api/strings',
    operationId: 'consoleStrings',
    summary: 'The console\'s UI strings in one language (the `console`, `consoleContent` and `staffLanguages` trees of content/locales)',
    tags: ['console'],
    security: PUBLIC,
    query: lang('default it'),
    responses: { '200': jsonAnswer('Strings', { type: 'object', additionalProperties: true }), '400': responseRef('BadRequest') },
  },
];

export const CHAT_AND_PROBE_ROUTE_DOCS: readonly RouteInfo[] = [
  {
    method: 'post',
    path: '/api/messages',
    operationId: 'postActivity',
    summary: 'Bot Framework messaging endpoint',
    description:
      'The standard Bot Framework endpoint. With no MicrosoftAppId configured it accepts unauthenticated requests ' +
      '(local/Emulator mode); with one, it requires a Bot Framework (Azure AD) token in `Authorization`. With ' +
      '`deliveryMode: "expectReplies"` the replies come back in the response body.',
    tags: ['chat'],
    security: PUBLIC,
    requestSchema: activitySchema,
    responses: {
      '200': jsonAnswer('Processed; with expectReplies, the replies', expectedRepliesSchema),
      '201': { description: 'Processed (invoke or other activity)' },
      '202': { description: 'Accepted' },
      '400': responseRef('BadRequest'),
      '401': { description: 'Missing or invalid Bot Framework token (when MicrosoftAppId is set)' },
      '413': responseRef('PayloadTooLarge'),
      '415': responseRef('UnsupportedMediaType'),
      '500': responseRef('InternalError'),
    },
  },
  {
    method: 'post',
    path: '/api/eligibility',
    operationId: 'checkEligibility',
    summary: 'The eligibility pre-check, without personal data',
    description: 'The same rules as the chat. Every field is optional (not given = unknown); any other field is refused.',
    tags: ['chat'],
    security: PUBLIC,
    query: lang('language of the reasons\' texts (default it)'),
    requestSchema: ELIGIBILITY_REQUEST,
    requestExample: { workSite: { provinceCode: 'BG' }, crisis: { kind: 'CIGS', redundanciesForeseen: 'yes' }, situation: 'AT_RISK' },
    responses: {
      '200': jsonAnswer('Outcome and reasons', eligibilityResponseSchema),
      '400': responseRef('BadRequest'),
      '413': responseRef('PayloadTooLarge'),
      '415': responseRef('UnsupportedMediaType'),
      '500': responseRef('InternalError'),
    },
  },
  {
    method: 'post',
    path: '/api/directline/token',
    operationId: 'issueDirectLineToken',
    summary: 'A Direct Line token for the web chat page',
    description:
      'With DIRECT_LINE_SECRET set, exchanged with Azure Bot Service; in local mode issued by the bot\'s own ' +
      'Direct Line stand-in, whose base URL is `domain`. Rate limited per client (its address, or the X-Forwarded-For ' +
      'hop a proxy in TRUSTED_PROXIES vouches for), with a process-wide ceiling far above one client\'s share.',
    tags: ['chat'],
    security: PUBLIC,
    responses: {
      '200': jsonAnswer('A token for one conversation', directLineTokenSchema),
      '429': { description: 'Too many chats opened: retry later', headers: retryAfter, schema: errorSchema },
      '502': { description: 'Azure Direct Line unavailable', schema: errorSchema },
      '503': { description: 'Web chat not configured', schema: errorSchema },
    },
  },
  {
    method: 'get',
    path: '/healthz',
    operationId: 'liveness',
    summary: 'Liveness: 200 as soon as the server accepts requests',
    tags: ['probes'],
    security: PUBLIC,
    responses: { '200': jsonAnswer('Alive', healthSchema, { status: 'ok' }) },
  },
  {
    method: 'get',
    path: '/readyz',
    operationId: 'readiness',
    summary: 'Readiness: 200 once the store answers; 503 while stopping or when the store is unavailable',
    description:
      'After a failed write the embedded store probes the disk on each call, so the answer turns 200 again by itself once writes work. Records found damaged at start are listed under `quarantined` (the status stays 200: every other record is served) until staff acknowledge them (POST /api/admin/store/quarantine/ack).',
    tags: ['probes'],
    security: PUBLIC,
    responses: {
      '200': jsonAnswer('Ready', readinessSchema, { status: 'ready', store: 'embedded' }),
      '503': jsonAnswer('Stopping or store unavailable', readinessSchema, { status: 'unavailable', store: 'mongodb' }),
    },
  },
];

/** GET /api/openapi.json (served by openapiRoute.ts, generated by openapi.ts) */
export const OPENAPI_ROUTE_DOC: RouteInfo = {
  method: 'get',
  path: '/api/openapi.json',
  operationId: 'getOpenApiDocument',
  summary: 'This document',
  tags: ['meta'],
  security: PUBLIC,
  responses: { '200': jsonAnswer('OpenAPI 3.0 document', { type: 'object', additionalProperties: true }) },
};
