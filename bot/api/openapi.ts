/**
 * The OpenAPI 3.0 description of every HTTP API the bot serves (GET /api/openapi.json): the operators' and staff
 * REST API, the Bot Framework endpoint, the eligibility check, the web chat's token endpoint and the probes.
 * Written as a typed object so the compiler keeps its shape honest; enums come from the same constants the code
 * validates against, so they cannot drift. The Direct Line 3.0 stand-in (/v3/...) and the static page are
 * protocol and UI, not API, and are left out.
 */
import type { Server } from 'restify';
import { CRISIS_KINDS, REASON_CODES, SITUATIONS, TRI_VALUES } from '../../models/eligibility/facts';
import { CLOSE_REASONS, LEAD_STATUSES } from '../../models/leads/lead';
import { NOTE_MAX } from '../../models/leads/leadService';
import { MAX_PAGE } from '../../models/leads/paging';
import { LOMBARDY_PROVINCES, SECTORS } from '../../models/projects/project';
import type { Logger } from '../../models/logger';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../models/sessions/passwords';
import { MAX_IMPORT_ROWS } from './adminRoutes';
import { PATCH_STATUSES, MAX_EXPORT_ROWS } from './referralsRoutes';
import { publicRoute } from './request';
import { ANALYTICS_API_PATHS } from './analyticsRoutes';
import { CONTENT_API_PATHS } from './contentRoutes';
import { ANNOUNCEMENTS_API_PATHS } from './announcementsRoutes';

// ---- the subset of OpenAPI 3.0 this document uses -------------------------------------------------------------

export interface Reference {
  $ref: string;
}

export interface SchemaObject {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  description?: string;
  properties?: Record<string, SchemaOrRef>;
  required?: string[];
  additionalProperties?: boolean | SchemaOrRef;
  items?: SchemaOrRef;
  enum?: Array<string | number | boolean>;
  oneOf?: SchemaOrRef[];
  allOf?: SchemaOrRef[];
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  nullable?: boolean;
  default?: string | number | boolean;
  example?: unknown;
}

export type SchemaOrRef = SchemaObject | Reference;

export interface ParameterObject {
  name: string;
  in: 'query' | 'path' | 'header';
  description?: string;
  required?: boolean;
  schema: SchemaOrRef;
  example?: unknown;
}

export interface MediaTypeObject {
  schema: SchemaOrRef;
  example?: unknown;
}

export interface HeaderObject {
  description?: string;
  schema: SchemaOrRef;
}

export interface ResponseObject {
  description: string;
  headers?: Record<string, HeaderObject | Reference>;
  content?: Record<string, MediaTypeObject>;
}

export interface RequestBodyObject {
  description?: string;
  required?: boolean;
  content: Record<string, MediaTypeObject>;
}

export interface OperationObject {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  /** [] = public; absent = the document's default (bearer) */
  security?: Array<Record<string, string[]>>;
  parameters?: Array<ParameterObject | Reference>;
  requestBody?: RequestBodyObject;
  responses: Record<string, ResponseObject | Reference>;
}

export type HttpMethod = 'get' | 'post' | 'patch' | 'put' | 'delete';
export type PathItemObject = Partial<Record<HttpMethod, OperationObject>>;

export interface SecuritySchemeObject {
  type: 'http' | 'apiKey';
  scheme?: 'bearer';
  /** apiKey schemes: where the key travels, and its name */
  in?: 'header' | 'query' | 'cookie';
  name?: string;
  description?: string;
}

export interface OpenApiDocument {
  openapi: '3.0.3';
  info: { title: string; version: string; description: string };
  tags: Array<{ name: string; description: string }>;
  security: Array<Record<string, string[]>>;
  paths: Record<string, PathItemObject>;
  components: {
    securitySchemes: Record<string, SecuritySchemeObject>;
    schemas: Record<string, SchemaObject>;
    parameters: Record<string, ParameterObject>;
    responses: Record<string, ResponseObject>;
    headers: Record<string, HeaderObject>;
  };
}

// ---- helpers ----------------------------------------------------------------------------------------------------

const ref = (kind: 'schemas' | 'parameters' | 'responses' | 'headers', name: string): Reference => ({ $ref: `#/components/${kind}/${name}` });
const schema = (name: string): Reference => ref('schemas', name);
const param = (name: string): Reference => ref('parameters', name);
const response = (name: string): Reference => ref('responses', name);
const json = (s: SchemaOrRef, example?: unknown): Record<string, MediaTypeObject> => ({ 'application/json': { schema: s, ...(example !== undefined ? { example } : {}) } });
const str = (description?: string, extra: SchemaObject = {}): SchemaObject => ({ type: 'string', ...(description ? { description } : {}), ...extra });
const dateTime = (description?: string): SchemaObject => str(description, { format: 'date-time' });
const nullableStr = (description: string): SchemaObject => ({ type: 'string', nullable: true, description });
const enumOf = (values: readonly string[], description?: string): SchemaObject => ({ type: 'string', enum: [...values], ...(description ? { description } : {}) });
const PUBLIC: Array<Record<string, string[]>> = [];

/** The errors any authenticated API route may answer. */
const AUTH_ERRORS = { '400': response('BadRequest'), '401': response('Unauthorized'), '500': response('InternalError'), '503': response('StoreUnavailable') };

// ---- the document ------------------------------------------------------------------------------------------------

export const openApiDocument: OpenApiDocument = {
  openapi: '3.0.3',
  info: {
    title: 'azioni-di-rete-bot HTTP API',
    version: '1.0.0',
    description:
      'The chatbot of the measure "Azioni di Rete per il lavoro" (Regione Lombardia). Operators of network projects ' +
      'and campaign staff work the referrals ("Refer workers to a network project") through /api/referrals and the ' +
      'staff tools; the chat and the web page use /api/messages, /api/eligibility and /api/directline/token.\n\n' +
      'Authentication: `Authorization: Bearer <token>`; tokens come from `npm run users -- add --name <n> --role ' +
      'operator|staff [--project <projectId>]`. Staff see everything; an operator sees only the referrals of the ' +
      'projects assigned to them (another project\'s referral answers 404, as an unknown one), and a referral\'s ' +
      'contact details, leaving date and notes only once they have claimed it.\n\n' +
      'Errors are JSON: `{ "error": { "code", "reason", "field"? } }`. Unknown query parameters or body fields, ' +
      'objects or operators where a value is expected (`?status[$gt]=`), repeated parameters, bad dates, limits ' +
      'or cursors answer 400 naming the field; bodies over the server\'s limit (MAX_BODY_BYTES, counted after ' +
      'gzip/deflate/br decoding) answer 413, other content encodings 415.\n\n' +
      'The web console (/console) calls the same API with its session cookie `adr_session` instead of a bearer token ' +
      '(POST /console/api/login with a user name and password). With the cookie, every request other than ' +
      'GET/HEAD/OPTIONS must carry the session\'s CSRF token in `X-CSRF-Token` (403 `csrf_token_missing_or_invalid` ' +
      'otherwise); an `Authorization` header, when present, always wins over the cookie.',
  },
  tags: [
    { name: 'referrals', description: 'Referrals of workers to network projects (operators and staff)' },
    { name: 'staff', description: 'Staff tools: group formation, audit log' },
    { name: 'projects', description: 'Network projects' },
    { name: 'accounts', description: 'Staff: accounts of operators and staff' },
    { name: 'console', description: 'Sign-in, session and strings of the web console' },
    { name: 'chat', description: 'The bot and its web channel' },
    { name: 'probes', description: 'Liveness and readiness' },
    { name: 'meta', description: 'This document' },
    { name: 'content', description: 'Staff: content publishing (draft, preview, publish, history, rollback)' },
    { name: 'analytics', description: 'Staff: the campaign funnel and the questions not understood' },
    { name: 'announcements', description: 'Staff: announcements to the workers subscribed to the campaign\'s news (compose, audience, send, progress)' },
  ],
  security: [{ bearerAuth: [] }],
  paths: {
    ...CONTENT_API_PATHS,
    ...ANALYTICS_API_PATHS,
    ...ANNOUNCEMENTS_API_PATHS,
    '/api/referrals': {
      get: {
        operationId: 'listReferrals',
        summary: 'Referrals the caller may see, newest first',
        description:
          'Staff see all referrals; an operator those of their projects. Contact details appear only on referrals ' +
          'the operator has claimed (staff: always). Pass `nextCursor` back as `cursor` for the next page.',
        tags: ['referrals'],
        parameters: [param('status'), param('province'), param('project'), param('from'), param('to'), param('limit'), param('cursor')],
        responses: {
          '200': { description: 'A page of referrals', content: json(schema('ReferralPage')) },
          ...AUTH_ERRORS,
          '403': response('Forbidden'),
        },
      },
    },
    '/api/referrals/export.csv': {
      get: {
        operationId: 'exportReferrals',
        summary: 'Every referral the caller may see, as CSV',
        description:
          'The same filters as the listing, without paging (at most ' +
          `${MAX_EXPORT_ROWS} rows: narrow with from/to beyond that). UTF-8 with a byte-order mark, CRLF, RFC 4180 ` +
          'quoting; cells a spreadsheet would run as a formula (= + - @ tab CR) start with an apostrophe. Operators ' +
          'get empty contact, leftOn and notes cells on referrals they have not claimed. Each export is audited.',
        tags: ['referrals'],
        parameters: [param('status'), param('province'), param('project'), param('from'), param('to')],
        responses: {
          '200': {
            description: 'The CSV file',
            headers: { 'Content-Disposition': { description: 'attachment; filename="referrals-YYYY-MM-DD.csv"', schema: str() } },
            content: { 'text/csv; charset=utf-8': { schema: str('header row and one row per referral') } },
          },
          ...AUTH_ERRORS,
          '403': response('Forbidden'),
        },
      },
    },
    '/api/referrals/{id}': {
      get: {
        operationId: 'getReferral',
        summary: 'One referral with its history (and notes, when the caller may see personal data)',
        tags: ['referrals'],
        parameters: [param('referralId')],
        responses: { '200': { description: 'The referral', content: json(schema('ReferralDetail')) }, ...AUTH_ERRORS, '404': response('NotFound') },
      },
      patch: {
        operationId: 'updateReferral',
        summary: 'Move a referral along its lifecycle, add a note, or (staff) assign it to a project',
        description:
          'Lifecycle: new -> claimed (POST .../claim) -> contacted -> enrolled -> placed; any open status -> closed ' +
          '(with a reason). Operators may change only referrals they claimed. Changes apply in the order project, ' +
          'status, note, each audited; an illegal move answers 409 with `from` and `to`.',
        tags: ['referrals'],
        parameters: [param('referralId')],
        requestBody: { required: true, content: json(schema('ReferralPatch'), { status: 'closed', reason: 'unreachable', note: 'Tre tentativi senza risposta' }) },
        responses: {
          '200': { description: 'The referral after the change', content: json(schema('ReferralDetail')) },
          ...AUTH_ERRORS,
          '403': response('Forbidden'),
          '404': response('NotFound'),
          '409': response('Conflict'),
          '413': response('PayloadTooLarge'),
          '415': response('UnsupportedMediaType'),
        },
      },
    },
    '/api/referrals/{id}/claim': {
      post: {
        operationId: 'claimReferral',
        summary: 'Take a new referral (atomic)',
        description:
          'Of concurrent claims exactly one succeeds; the others answer 409 with `reason` `already_claimed_by:<name>` ' +
          'and `claimedBy` (the account name of the holder). No body, or an empty JSON object.',
        tags: ['referrals'],
        parameters: [param('referralId')],
        responses: {
          '200': { description: 'Claimed: the referral, now with contact details', content: json(schema('ReferralDetail')) },
          ...AUTH_ERRORS,
          '404': response('NotFound'),
          '409': response('Conflict'),
          '415': response('UnsupportedMediaType'),
        },
      },
    },
    '/api/referrals/{id}/notes': {
      post: {
        operationId: 'addReferralNote',
        summary: 'Add an internal note (operators: on referrals they claimed)',
        tags: ['referrals'],
        parameters: [param('referralId')],
        requestBody: { required: true, content: json(schema('NoteRequest'), { text: 'Richiamare lunedì mattina' }) },
        responses: {
          '201': { description: 'The referral with the note', content: json(schema('ReferralDetail')) },
          ...AUTH_ERRORS,
          '403': response('Forbidden'),
          '404': response('NotFound'),
          '409': response('Conflict'),
          '413': response('PayloadTooLarge'),
          '415': response('UnsupportedMediaType'),
        },
      },
    },
    '/api/referrals/{id}/merge': {
      post: {
        operationId: 'mergeReferrals',
        summary: 'Fold a duplicate referral of the same person into this one (after speaking to the person)',
        description:
          'A referral belongs to the chat identity that created it; the same person on a second device, or someone ' +
          'using another\'s phone or e-mail, makes a second referral, listed in `possibleDuplicates` of both. Once ' +
          'the operator has spoken to the person, this folds `duplicate` into the referral of the path: the ' +
          'duplicate is closed with reason `merged` and `mergedInto` pointing here; this referral gains its chat ' +
          'identities, so the worker sees it from both. Both must be open and distinct (409 `not_open:<status>`, ' +
          '400 `same_referral`). Operators: both referrals of their projects (404 otherwise), this one claimed by ' +
          'them (403 `not_your_referral`), the duplicate unclaimed or theirs (403 `duplicate_held_by_another`). ' +
          'Audited as `lead.merged`.',
        tags: ['referrals'],
        parameters: [param('referralId')],
        requestBody: { required: true, content: json(schema('MergeRequest'), { duplicate: 'AR-9K4MZ' }) },
        responses: {
          '200': { description: 'The kept referral', content: json(schema('ReferralDetail')) },
          ...AUTH_ERRORS,
          '403': response('Forbidden'),
          '404': response('NotFound'),
          '409': response('Conflict'),
          '413': response('PayloadTooLarge'),
          '415': response('UnsupportedMediaType'),
        },
      },
    },
    '/api/groups': {
      get: {
        operationId: 'listGroupCandidates',
        summary: 'Staff: where new network projects could be formed',
        description:
          'Open referrals no project has taken, per sector and province, grouped by firm: the best combination of ' +
          'up to `maxFirms` firms and whether it reaches `minWorkers` (fact sheet: at least 10 workers from at ' +
          'most 3 firms of one sector).',
        tags: ['staff'],
        parameters: [param('minWorkers'), param('maxFirms')],
        responses: { '200': { description: 'Group candidates, formable first', content: json(schema('GroupFormation')) }, ...AUTH_ERRORS, '403': response('Forbidden') },
      },
    },
    '/api/audit': {
      get: {
        operationId: 'listAuditEntries',
        summary: 'Staff: the audit log, newest first',
        tags: ['staff'],
        parameters: [param('actor'), param('action'), param('target'), param('from'), param('to'), param('limit'), param('cursor')],
        responses: { '200': { description: 'A page of audit entries', content: json(schema('AuditPage')) }, ...AUTH_ERRORS, '403': response('Forbidden') },
      },
    },
    '/api/projects': {
      get: {
        operationId: 'listProjects',
        summary: 'Network projects (staff: all; operators: their own)',
        tags: ['projects'],
        responses: { '200': { description: 'Projects by id', content: json(schema('ProjectList')) }, ...AUTH_ERRORS },
      },
      post: {
        operationId: 'createProject',
        summary: 'Staff: add a network project',
        description: 'The row format of `npm run projects -- import`. Audited as project.created.',
        tags: ['projects'],
        requestBody: { required: true, content: json(schema('ProjectInput')) },
        responses: {
          '201': { description: 'The project', content: json(schema('Project')) },
          ...AUTH_ERRORS,
          '403': response('Forbidden'),
          '409': response('Conflict'),
          '415': response('UnsupportedMediaType'),
        },
      },
    },
    '/api/projects/{id}': {
      patch: {
        operationId: 'updateProject',
        summary: 'Staff: edit a project; `active: false` deactivates it (no new referrals)',
        description: 'Any fields but `id`; the whole project is checked again. Audited as project.updated, project.deactivated or project.activated.',
        tags: ['projects'],
        parameters: [param('projectId')],
        requestBody: { required: true, content: json(schema('ProjectPatch'), { active: false }) },
        responses: {
          '200': { description: 'The project after the change', content: json(schema('Project')) },
          ...AUTH_ERRORS,
          '403': response('Forbidden'),
          '404': response('NotFound'),
          '415': response('UnsupportedMediaType'),
        },
      },
    },
    '/api/projects/import': {
      post: {
        operationId: 'importProjects',
        summary: 'Staff: create or replace projects by id from import rows',
        description: `Every row is checked first; with any problem the answer is 400 listing them all (\`rows\`) and nothing is written. At most ${MAX_IMPORT_ROWS} rows. Audited as project.imported.`,
        tags: ['projects'],
        requestBody: { required: true, content: json(schema('ProjectImport')) },
        responses: {
          '200': { description: 'Imported', content: json(schema('ProjectImportResult')) },
          '400': { description: 'Invalid rows (nothing written), or an invalid request', content: json(schema('ProjectImportErrors')) },
          '401': response('Unauthorized'),
          '403': response('Forbidden'),
          '415': response('UnsupportedMediaType'),
          '500': response('InternalError'),
        },
      },
    },
    '/api/accounts': {
      get: {
        operationId: 'listAccounts',
        summary: 'Staff: every account (never a token or password hash)',
        tags: ['accounts'],
        responses: { '200': { description: 'Accounts by name', content: json(schema('AccountList')) }, ...AUTH_ERRORS, '403': response('Forbidden') },
      },
      post: {
        operationId: 'createAccount',
        summary: 'Staff: add an account; its bearer token is in the answer, this once',
        description: 'With `password` (at least 12 characters) the account can also sign in to the console. Audited as account.created.',
        tags: ['accounts'],
        requestBody: { required: true, content: json(schema('NewAccount'), { name: 'op-bergamo-2', role: 'operator', projectIds: ['esempio-bg-metalmeccanico'] }) },
        responses: {
          '201': { description: 'Created', content: json(schema('AccountCreated')) },
          ...AUTH_ERRORS,
          '403': response('Forbidden'),
          '409': response('Conflict'),
          '415': response('UnsupportedMediaType'),
        },
      },
    },
    '/api/accounts/{name}': {
      patch: {
        operationId: 'updateAccount',
        summary: 'Staff: disable or enable an account, or set the projects an operator works',
        description: 'A disabled account\'s token and console sessions stop working at once. Staff cannot disable their own account (409). Audited as account.disabled, account.enabled, account.projects_assigned.',
        tags: ['accounts'],
        parameters: [param('accountName')],
        requestBody: { required: true, content: json(schema('AccountPatch'), { disabled: true }) },
        responses: {
          '200': { description: 'The account after the change', content: json(schema('Account')) },
          ...AUTH_ERRORS,
          '403': response('Forbidden'),
          '404': response('NotFound'),
          '409': response('Conflict'),
          '415': response('UnsupportedMediaType'),
        },
      },
    },
    '/api/accounts/{name}/token': {
      post: {
        operationId: 'resetAccountToken',
        summary: 'Staff: a new bearer token for the account (shown this once); the old one stops working',
        tags: ['accounts'],
        parameters: [param('accountName')],
        responses: { '200': { description: 'The new token', content: json(schema('AccountToken')) }, ...AUTH_ERRORS, '403': response('Forbidden'), '404': response('NotFound') },
      },
    },
    '/api/admin/store/quarantine/ack': {
      post: {
        operationId: 'acknowledgeQuarantine',
        summary: 'Staff: acknowledge the records the embedded store set aside as damaged; /readyz stops reporting them',
        description:
          'Each quarantine file is renamed `<file>.acknowledged-<time>` and kept in the data folder for inspection (it may hold personal data: delete it once looked at). Audited as store.quarantine_acknowledged. Nothing to acknowledge answers an empty list.',
        tags: ['staff'],
        responses: { '200': { description: 'What was acknowledged', content: json(schema('QuarantineAcknowledged')) }, ...AUTH_ERRORS, '403': response('Forbidden') },
      },
    },
    '/api/accounts/{name}/password': {
      post: {
        operationId: 'setAccountPassword',
        summary: 'Staff: set the account\'s console password; its open console sessions end',
        tags: ['accounts'],
        parameters: [param('accountName')],
        requestBody: { required: true, content: json(schema('PasswordRequest')) },
        responses: { '204': { description: 'Set' }, ...AUTH_ERRORS, '403': response('Forbidden'), '404': response('NotFound'), '415': response('UnsupportedMediaType') },
      },
    },
    '/console/api/login': {
      post: {
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
        requestBody: { required: true, content: json(schema('LoginRequest')) },
        responses: {
          '200': { description: 'Signed in', headers: { 'Set-Cookie': { description: 'adr_session=...; Path=/; HttpOnly; SameSite=Strict[; Secure]', schema: str() } }, content: json(schema('ConsoleSession')) },
          '400': response('BadRequest'),
          '401': response('Unauthorized'),
          '415': response('UnsupportedMediaType'),
          '429': { description: 'Too many failed attempts', headers: { 'Retry-After': { schema: { type: 'integer' } } }, content: json(schema('Error'), { error: { code: 'RATE_LIMITED', reason: 'too_many_attempts' } }) },
          '500': response('InternalError'),
          '503': { description: 'Too many sign-ins being checked: retry later', headers: { 'Retry-After': { schema: { type: 'integer' } } }, content: json(schema('Error'), { error: { code: 'BUSY', reason: 'sign_in_busy' } }) },
        },
      },
    },
    '/console/api/me': {
      get: {
        operationId: 'consoleWhoAmI',
        summary: 'Who is signed in with this session cookie, and the session\'s CSRF token',
        tags: ['console'],
        security: [{ cookieAuth: [] }],
        responses: { '200': { description: 'The session', content: json(schema('ConsoleSession')) }, '400': response('BadRequest'), '401': response('Unauthorized') },
      },
    },
    '/console/api/logout': {
      post: {
        operationId: 'consoleSignOut',
        summary: 'Ends the session (X-CSRF-Token required) and clears the cookie',
        tags: ['console'],
        security: [{ cookieAuth: [] }],
        parameters: [{ name: 'X-CSRF-Token', in: 'header', required: true, description: 'The csrfToken of the sign-in answer', schema: str() }],
        responses: { '204': { description: 'Signed out (also when the session had already ended)' }, '403': response('Forbidden') },
      },
    },
    '/console/api/setup/check': {
      post: {
        operationId: 'consoleSetupCheck',
        summary: 'Whether a first-staff setup link still works, and until when',
        description:
          'With no active staff account, the bot prints at start a one-time link `/console/setup#<token>` (valid 1 hour, ' +
          'single use; a new start replaces it). The console page sends the token from the fragment here. 410 `GONE` ' +
          'with `setup_link_used`, `setup_link_expired`, `setup_link_unknown` or `staff_account_exists` otherwise.',
        tags: ['console'],
        security: PUBLIC,
        requestBody: { required: true, content: json({ type: 'object', additionalProperties: false, required: ['token'], properties: { token: str() } }) },
        responses: {
          '200': { description: 'The link works', content: json({ type: 'object', required: ['expiresAt'], properties: { expiresAt: { type: 'string', format: 'date-time' } } }) },
          '400': response('BadRequest'),
          '410': { description: 'The link is used, expired or unknown, or a staff account exists', content: json(schema('Error'), { error: { code: 'GONE', reason: 'setup_link_used' } }) },
          '415': response('UnsupportedMediaType'),
        },
      },
    },
    '/console/api/setup': {
      post: {
        operationId: 'consoleSetupFirstStaff',
        summary: 'Creates the first staff account from a setup link, and signs it in',
        description:
          'Consumes the link (single use, also under concurrent requests: exactly one succeeds) and creates a staff ' +
          'account with this console password (the password rules of the console), then sets the session cookie as a ' +
          'sign-in does. A bad name or password (400) or a name taken by an operator (409) leaves the link working. ' +
          'Audited as account.created with via=first_staff_setup_link.',
        tags: ['console'],
        security: PUBLIC,
        requestBody: {
          required: true,
          content: json({ type: 'object', additionalProperties: false, required: ['token', 'name', 'password'], properties: { token: str(), name: str('login name: 2-64 of A-Z a-z 0-9 . _ -'), displayName: str('how the console names the person'), password: str('at least 12 characters') } }),
        },
        responses: {
          '201': { description: 'Created and signed in', headers: { 'Set-Cookie': { description: 'adr_session=...; Path=/; HttpOnly; SameSite=Strict[; Secure]', schema: str() } }, content: json(schema('ConsoleSession')) },
          '400': response('BadRequest'),
          '409': response('Conflict'),
          '410': { description: 'The link is used, expired or unknown, or a staff account exists', content: json(schema('Error'), { error: { code: 'GONE', reason: 'setup_link_used' } }) },
          '415': response('UnsupportedMediaType'),
          '500': response('InternalError'),
        },
      },
    },
    '/console/api/strings': {
      get: {
        operationId: 'consoleStrings',
        summary: 'The console\'s UI strings in one language (the `console` and `consoleContent` trees of content/locales)',
        tags: ['console'],
        security: PUBLIC,
        parameters: [{ name: 'lang', in: 'query', description: 'default it', schema: enumOf(['it', 'en']) }],
        responses: { '200': { description: 'Strings', content: json({ type: 'object', additionalProperties: true }) }, '400': response('BadRequest') },
      },
    },
    '/api/openapi.json': {
      get: {
        operationId: 'getOpenApiDocument',
        summary: 'This document',
        tags: ['meta'],
        security: PUBLIC,
        responses: { '200': { description: 'OpenAPI 3.0 document', content: json({ type: 'object', additionalProperties: true }) } },
      },
    },
    '/api/messages': {
      post: {
        operationId: 'postActivity',
        summary: 'Bot Framework messaging endpoint',
        description:
          'The standard Bot Framework endpoint. With no MicrosoftAppId configured it accepts unauthenticated requests ' +
          '(local/Emulator mode); with one, it requires a Bot Framework (Azure AD) token in `Authorization`. With ' +
          '`deliveryMode: "expectReplies"` the replies come back in the response body.',
        tags: ['chat'],
        security: PUBLIC,
        requestBody: { required: true, content: json(schema('Activity')) },
        responses: {
          '200': { description: 'Processed; with expectReplies, the replies', content: json(schema('ExpectedReplies')) },
          '201': { description: 'Processed (invoke or other activity)' },
          '202': { description: 'Accepted' },
          '400': response('BadRequest'),
          '401': { description: 'Missing or invalid Bot Framework token (when MicrosoftAppId is set)' },
          '413': response('PayloadTooLarge'),
          '415': response('UnsupportedMediaType'),
          '500': response('InternalError'),
        },
      },
    },
    '/api/eligibility': {
      post: {
        operationId: 'checkEligibility',
        summary: 'The eligibility pre-check, without personal data',
        description: 'The same rules as the chat. Every field is optional (not given = unknown); any other field is refused.',
        tags: ['chat'],
        security: PUBLIC,
        parameters: [{ name: 'lang', in: 'query', description: 'language of the reasons\' texts (default it)', schema: enumOf(['it', 'en']) }],
        requestBody: { required: true, content: json(schema('EligibilityRequest'), { workSite: { provinceCode: 'BG' }, crisis: { kind: 'CIGS', redundanciesForeseen: 'yes' }, situation: 'AT_RISK' }) },
        responses: {
          '200': { description: 'Outcome and reasons', content: json(schema('EligibilityResponse')) },
          '400': response('BadRequest'),
          '413': response('PayloadTooLarge'),
          '415': response('UnsupportedMediaType'),
          '500': response('InternalError'),
        },
      },
    },
    '/api/directline/token': {
      post: {
        operationId: 'issueDirectLineToken',
        summary: 'A Direct Line token for the web chat page',
        description:
          'With DIRECT_LINE_SECRET set, exchanged with Azure Bot Service; in local mode issued by the bot\'s own ' +
          'Direct Line stand-in, whose base URL is `domain`. Rate limited per client (its address, or the X-Forwarded-For ' +
          'hop a proxy in TRUSTED_PROXIES vouches for), with a process-wide ceiling far above one client\'s share.',
        tags: ['chat'],
        security: PUBLIC,
        responses: {
          '200': { description: 'A token for one conversation', content: json(schema('DirectLineToken')) },
          '429': { description: 'Too many chats opened: retry later', headers: { 'Retry-After': { schema: { type: 'integer' } } }, content: json(schema('Error')) },
          '502': { description: 'Azure Direct Line unavailable', content: json(schema('Error')) },
          '503': { description: 'Web chat not configured', content: json(schema('Error')) },
        },
      },
    },
    '/healthz': {
      get: {
        operationId: 'liveness',
        summary: 'Liveness: 200 as soon as the server accepts requests',
        tags: ['probes'],
        security: PUBLIC,
        responses: { '200': { description: 'Alive', content: json(schema('Health'), { status: 'ok' }) } },
      },
    },
    '/readyz': {
      get: {
        operationId: 'readiness',
        summary: 'Readiness: 200 once the store answers; 503 while stopping or when the store is unavailable',
        description:
          'After a failed write the embedded store probes the disk on each call, so the answer turns 200 again by itself once writes work. Records found damaged at start are listed under `quarantined` (the status stays 200: every other record is served) until staff acknowledge them (POST /api/admin/store/quarantine/ack).',
        tags: ['probes'],
        security: PUBLIC,
        responses: {
          '200': { description: 'Ready', content: json(schema('Readiness'), { status: 'ready', store: 'embedded' }) },
          '503': { description: 'Stopping or store unavailable', content: json(schema('Readiness'), { status: 'unavailable', store: 'mongodb' }) },
        },
      },
    },
  },
  components: {
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
    parameters: {
      projectId: { name: 'id', in: 'path', required: true, description: 'The project\'s id', schema: str(undefined, { pattern: '^[a-z0-9][a-z0-9-]{2,63}$' }) },
      accountName: { name: 'name', in: 'path', required: true, description: 'The account\'s login name', schema: str(undefined, { pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$' }) },
      referralId: { name: 'id', in: 'path', required: true, description: 'The referral\'s id, or its reference (AR-XXXXX)', schema: str(undefined, { pattern: '^[A-Za-z0-9_-]{1,64}$' }) },
      status: {
        name: 'status',
        in: 'query',
        description: `One status or a comma-separated list: ${LEAD_STATUSES.join(', ')}`,
        schema: str(undefined, { pattern: `^(${LEAD_STATUSES.join('|')})(,(${LEAD_STATUSES.join('|')}))*$` }),
        example: 'new,claimed',
      },
      province: { name: 'province', in: 'query', description: 'Province sigla of the work site', schema: str(undefined, { pattern: '^[A-Za-z]{2}$' }), example: 'BG' },
      project: {
        name: 'project',
        in: 'query',
        description: 'A project id, or `none` for referrals no project has yet (staff only; operators: one of their projects)',
        schema: str(undefined, { pattern: '^(none|[a-z0-9][a-z0-9-]{2,63})$' }),
        example: 'esempio-bg-metalmeccanico',
      },
      from: { name: 'from', in: 'query', description: 'Created at or after: YYYY-MM-DD (UTC) or an ISO date-time with zone', schema: str(), example: '2025-03-01' },
      to: { name: 'to', in: 'query', description: 'Created before: an ISO date-time with zone, or YYYY-MM-DD meaning the end of that (UTC) day', schema: str(), example: '2025-03-31' },
      limit: { name: 'limit', in: 'query', description: 'Page size', schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 20 } },
      cursor: { name: 'cursor', in: 'query', description: 'Opaque: the `nextCursor` of the previous page', schema: str(undefined, { pattern: '^[A-Za-z0-9_-]{1,200}$' }) },
      actor: { name: 'actor', in: 'query', description: 'Account name (or worker/system)', schema: str(undefined, { pattern: '^[A-Za-z0-9_.:@-]{1,200}$' }) },
      action: { name: 'action', in: 'query', description: 'e.g. lead.claimed, lead.status_changed, lead.note_added, lead.project_assigned, lead.exported', schema: str(undefined, { pattern: '^[A-Za-z0-9_.:@-]{1,200}$' }) },
      target: { name: 'target', in: 'query', description: 'e.g. lead:<id>', schema: str(undefined, { pattern: '^[A-Za-z0-9_.:@-]{1,200}$' }) },
      minWorkers: { name: 'minWorkers', in: 'query', description: 'Workers a project needs', schema: { type: 'integer', minimum: 1, maximum: 1000, default: 10 } },
      maxFirms: { name: 'maxFirms', in: 'query', description: 'Firms a project may cover', schema: { type: 'integer', minimum: 1, maximum: 20, default: 3 } },
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
    schemas: {
      Error: {
        type: 'object',
        required: ['error'],
        properties: {
          error: {
            type: 'object',
            required: ['code', 'reason'],
            properties: {
              code: str('VALIDATION, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CONFLICT, UNSUPPORTED_MEDIA_TYPE, INTERNAL, STORE_UNAVAILABLE, or the server\'s own (e.g. PAYLOAD_TOO_LARGE)'),
              reason: str('A stable code (e.g. unknown_parameter, illegal_transition:new->placed); never echoes the input'),
              field: str('The query parameter or body field at fault'),
              claimedBy: str('Account name of the holder, on a lost claim'),
              from: str('Current status, on an illegal transition'),
              to: str('Requested status, on an illegal transition'),
            },
          },
        },
      },
      Contact: {
        type: 'object',
        description: 'Personal data: shown only to staff and to the operator who claimed the referral',
        required: ['name'],
        properties: { name: str(), phone: str('E.164', { example: '+393331234567' }), email: str(undefined, { format: 'email' }), preferredTime: str() },
      },
      ReferralSummary: {
        type: 'object',
        required: ['id', 'reference', 'status', 'createdAt', 'updatedAt', 'province', 'sector', 'firm', 'outcome', 'reasons', 'crisisKind', 'situation', 'projectId', 'claimedBy', 'locale', 'channel', 'contactVisible'],
        properties: {
          id: str(),
          reference: str('The code the worker quotes', { pattern: '^AR-[2-9A-HJ-NP-Z]{5}$', example: 'AR-7F3K2' }),
          status: enumOf(LEAD_STATUSES),
          createdAt: dateTime(),
          updatedAt: dateTime(),
          province: nullableStr('Province sigla of the work site; null when the worker did not know'),
          sector: { ...enumOf(SECTORS), nullable: true },
          firm: nullableStr('The employer as the worker named it'),
          outcome: str('Pre-check outcome code'),
          reasons: { type: 'array', items: str() },
          crisisKind: str(),
          situation: str(),
          projectId: nullableStr('null: not assigned to a project yet'),
          claimedBy: nullableStr('Account name of the operator who claimed it'),
          locale: str(),
          channel: str(),
          contactVisible: { type: 'boolean', description: 'Whether contact, leftOn (and notes) are included for this caller' },
          contact: schema('Contact'),
          leftOn: str('When the worker left the firm (YYYY-MM-DD)', { format: 'date' }),
        },
      },
      HistoryEntry: {
        type: 'object',
        required: ['at', 'by', 'action'],
        properties: {
          at: dateTime(),
          by: str('Account name, "worker" or "system"'),
          action: enumOf(['submitted', 'resubmitted', 'project_assigned', 'claimed', 'status_changed', 'note_added', 'erased', 'merged']),
          from: str('Status, project id (project_assigned), or the id of the referral folded in (merged)'),
          to: str('Status, or project id (project_assigned)'),
          reason: str('Close reason (`merged` when folded into another referral), or how the project was chosen'),
        },
      },
      Note: { type: 'object', required: ['at', 'by', 'text'], properties: { at: dateTime(), by: str('Account name'), text: str() } },
      ReferralDetail: {
        allOf: [
          schema('ReferralSummary'),
          {
            type: 'object',
            required: ['history', 'possibleDuplicates'],
            properties: {
              history: { type: 'array', items: schema('HistoryEntry') },
              notes: { type: 'array', items: schema('Note'), description: 'Present when contactVisible' },
              possibleDuplicates: {
                type: 'array',
                items: schema('PossibleDuplicate'),
                description:
                  'Open referrals of other chat identities with the same phone or e-mail that the caller may see: perhaps the same ' +
                  'person on a second device (merge after speaking to them), perhaps someone using another\'s contacts. The worker is never told.',
              },
              mergedInto: str('On a referral folded into another (closed, reason merged): the id of the kept referral'),
            },
          },
        ],
      },
      PossibleDuplicate: {
        type: 'object',
        required: ['id', 'reference', 'status', 'createdAt', 'projectId', 'claimedBy'],
        properties: {
          id: str(),
          reference: str(undefined, { pattern: '^AR-[2-9A-HJ-NP-Z]{5}$' }),
          status: enumOf(LEAD_STATUSES),
          createdAt: dateTime(),
          projectId: nullableStr('null: not assigned to a project yet'),
          claimedBy: nullableStr('Account name of the operator who claimed it'),
        },
      },
      MergeRequest: {
        type: 'object',
        additionalProperties: false,
        required: ['duplicate'],
        properties: { duplicate: str('Id or reference of the referral to fold into this one', { minLength: 1 }) },
      },
      ReferralPage: {
        type: 'object',
        required: ['items'],
        properties: { items: { type: 'array', items: schema('ReferralSummary') }, nextCursor: str('Present when there are more: pass as `cursor`') },
      },
      ReferralPatch: {
        type: 'object',
        additionalProperties: false,
        description: 'At least one field. `reason` is required with status closed, and refused otherwise.',
        properties: {
          status: enumOf(PATCH_STATUSES),
          reason: enumOf(CLOSE_REASONS),
          note: str(undefined, { minLength: 1, maxLength: NOTE_MAX }),
          projectId: nullableStr('Staff only: assign a new (unclaimed) referral to an active project; null puts it back in the unassigned queue'),
        },
      },
      NoteRequest: { type: 'object', additionalProperties: false, required: ['text'], properties: { text: str(undefined, { minLength: 1, maxLength: NOTE_MAX }) } },
      FirmCount: { type: 'object', required: ['firm', 'workers'], properties: { firm: str(), workers: { type: 'integer' } } },
      GroupCandidate: {
        type: 'object',
        required: ['sector', 'province', 'firms', 'workers', 'canForm', 'otherFirms', 'withoutFirm'],
        properties: {
          sector: str(),
          province: str(),
          firms: { type: 'array', items: schema('FirmCount'), description: 'The best combination of up to maxFirms firms' },
          workers: { type: 'integer' },
          canForm: { type: 'boolean' },
          otherFirms: { type: 'array', items: schema('FirmCount') },
          withoutFirm: { type: 'integer', description: 'Open referrals of this sector and province that named no firm' },
        },
      },
      GroupFormation: {
        type: 'object',
        required: ['minWorkers', 'maxFirms', 'leads', 'items'],
        properties: {
          minWorkers: { type: 'integer' },
          maxFirms: { type: 'integer' },
          leads: { type: 'integer', description: 'Open unassigned referrals considered' },
          items: { type: 'array', items: schema('GroupCandidate') },
        },
      },
      AuditEntry: {
        type: 'object',
        required: ['id', 'at', 'actor', 'action', 'target', 'details'],
        properties: {
          id: str(),
          at: dateTime(),
          actor: str('Account name, "worker" or "system"'),
          action: str(undefined, { example: 'lead.claimed' }),
          target: str(undefined, { example: 'lead:6f1c...' }),
          details: { type: 'object', description: 'Codes and ids only, never personal data', additionalProperties: true },
        },
      },
      AuditPage: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: schema('AuditEntry') }, nextCursor: str() } },
      Project: {
        type: 'object',
        required: ['id', 'title', 'leadPartner', 'provinces', 'sectors', 'firms', 'contact', 'active', 'sample', 'updatedAt'],
        properties: {
          id: str(),
          title: str(),
          leadPartner: str(),
          provinces: { type: 'array', items: enumOf(LOMBARDY_PROVINCES) },
          sectors: { type: 'array', items: enumOf(SECTORS) },
          firms: { type: 'array', items: str() },
          contact: { type: 'object', properties: { email: str(), phone: str(), website: str() } },
          active: { type: 'boolean' },
          sample: { type: 'boolean', description: 'true for the bundled [ESEMPIO] projects' },
          updatedAt: dateTime(),
        },
      },
      ProjectList: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: schema('Project') } } },
      ProjectInput: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'title', 'leadPartner', 'provinces', 'sectors', 'firms', 'contact'],
        properties: {
          id: str(undefined, { pattern: '^[a-z0-9][a-z0-9-]{2,63}$' }),
          title: str(undefined, { minLength: 3, maxLength: 200 }),
          leadPartner: str(undefined, { minLength: 2, maxLength: 200 }),
          provinces: { type: 'array', items: enumOf(LOMBARDY_PROVINCES) },
          sectors: { type: 'array', items: enumOf(SECTORS) },
          firms: { type: 'array', items: str() },
          contact: { type: 'object', additionalProperties: false, description: 'At least one', properties: { email: str(), phone: str(), website: str('https only') } },
          active: { type: 'boolean', default: true },
          sample: { type: 'boolean', default: false },
        },
      },
      ProjectPatch: {
        type: 'object',
        additionalProperties: false,
        description: 'Any fields of ProjectInput but id',
        properties: {
          title: str(),
          leadPartner: str(),
          provinces: { type: 'array', items: enumOf(LOMBARDY_PROVINCES) },
          sectors: { type: 'array', items: enumOf(SECTORS) },
          firms: { type: 'array', items: str() },
          contact: { type: 'object', properties: { email: str(), phone: str(), website: str() } },
          active: { type: 'boolean' },
          sample: { type: 'boolean' },
        },
      },
      ProjectImport: { type: 'object', additionalProperties: false, required: ['projects'], properties: { projects: { type: 'array', items: schema('ProjectInput') } } },
      ProjectImportResult: { type: 'object', required: ['imported', 'ids'], properties: { imported: { type: 'integer' }, ids: { type: 'array', items: str() } } },
      ProjectImportErrors: {
        allOf: [
          schema('Error'),
          {
            type: 'object',
            properties: {
              rows: {
                type: 'array',
                items: { type: 'object', required: ['row', 'field', 'reason'], properties: { row: { type: 'integer', description: '0-based; -1 for the whole file' }, id: str(), field: str(), reason: str() } },
              },
            },
          },
        ],
      },
      Account: {
        type: 'object',
        required: ['id', 'name', 'role', 'projectIds', 'disabled', 'createdAt', 'hasPassword', 'teamsLinked'],
        properties: {
          id: str(),
          name: str(),
          role: enumOf(['operator', 'staff']),
          projectIds: { type: 'array', items: str() },
          disabled: { type: 'boolean' },
          createdAt: dateTime(),
          hasPassword: { type: 'boolean', description: 'Can sign in to the console' },
          teamsLinked: { type: 'boolean' },
        },
      },
      AccountList: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: schema('Account') } } },
      NewAccount: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'role'],
        properties: {
          name: str(undefined, { pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$' }),
          role: enumOf(['operator', 'staff']),
          projectIds: { type: 'array', items: str(), description: 'Operators only' },
          password: str('Console password', { minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX }),
        },
      },
      AccountCreated: { type: 'object', required: ['account', 'token'], properties: { account: schema('Account'), token: str('Bearer token, shown only now') } },
      AccountPatch: { type: 'object', additionalProperties: false, properties: { disabled: { type: 'boolean' }, projectIds: { type: 'array', items: str() } } },
      AccountToken: { type: 'object', required: ['name', 'token'], properties: { name: str(), token: str('Shown only now') } },
      PasswordRequest: { type: 'object', additionalProperties: false, required: ['password'], properties: { password: str(undefined, { minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX }) } },
      LoginRequest: { type: 'object', additionalProperties: false, required: ['name', 'password'], properties: { name: str(), password: str() } },
      ConsoleSession: {
        type: 'object',
        required: ['name', 'role', 'projectIds', 'csrfToken'],
        properties: { name: str(), role: enumOf(['operator', 'staff']), projectIds: { type: 'array', items: str() }, csrfToken: str('Send as X-CSRF-Token on every change') },
      },
      Activity: {
        type: 'object',
        description: 'A Bot Framework activity (https://github.com/microsoft/botframework-sdk/blob/main/specs/botframework-activity/botframework-activity.md)',
        required: ['type', 'conversation', 'serviceUrl'],
        additionalProperties: true,
        properties: {
          type: str(undefined, { example: 'message' }),
          text: str(),
          locale: str(),
          deliveryMode: enumOf(['normal', 'expectReplies']),
          serviceUrl: str(),
          channelId: str(),
          conversation: { type: 'object', required: ['id'], additionalProperties: true, properties: { id: str() } },
          from: { type: 'object', additionalProperties: true, properties: { id: str(), name: str() } },
          recipient: { type: 'object', additionalProperties: true, properties: { id: str(), name: str() } },
        },
      },
      ExpectedReplies: { type: 'object', properties: { activities: { type: 'array', items: schema('Activity') } } },
      EligibilityRequest: {
        type: 'object',
        additionalProperties: false,
        properties: {
          workSite: {
            type: 'object',
            additionalProperties: false,
            properties: { provinceCode: str('Italian province sigla', { pattern: '^[A-Za-z]{2}$' }), inLombardy: enumOf(TRI_VALUES) },
          },
          crisis: {
            type: 'object',
            additionalProperties: false,
            properties: {
              kind: enumOf(CRISIS_KINDS),
              redundanciesForeseen: {
                ...enumOf(TRI_VALUES),
                description:
                  'Whether the agreements on CIGS/CIGD foresee redundancies (esuberi). Rules ar-2018.2 and later: a worker still ' +
                  'employed (AT_RISK) with CIGS/CIGD is likely eligible only with "yes"; "no" is not eligible; absent or "unknown" is to verify.',
              },
            },
          },
          situation: enumOf(SITUATIONS),
          leftOn: str(undefined, { format: 'date' }),
        },
      },
      EligibilityResponse: {
        type: 'object',
        required: ['outcome', 'rulesVersion', 'reasons'],
        properties: {
          outcome: enumOf(['likely_eligible', 'to_verify', 'not_eligible']),
          rulesVersion: str(),
          reasons: {
            type: 'array',
            items: {
              type: 'object',
              required: ['code', 'met', 'source', 'text'],
              properties: {
                code: enumOf(REASON_CODES),
                met: { oneOf: [{ type: 'boolean' }, enumOf(['unknown'])] },
                source: str('The passage of the measure the condition rests on'),
                text: str('In the requested language'),
              },
            },
          },
        },
      },
      DirectLineToken: {
        type: 'object',
        required: ['token', 'conversationId', 'expires_in', 'domain'],
        properties: { token: str(), conversationId: str(), expires_in: { type: 'integer' }, domain: str('Direct Line base URL, ending in /v3/directline') },
      },
      Health: { type: 'object', required: ['status'], properties: { status: enumOf(['ok']) } },
      Readiness: {
        type: 'object',
        required: ['status', 'store'],
        properties: { status: enumOf(['ready', 'stopping', 'unavailable']), store: str(), quarantined: { type: 'array', items: schema('QuarantineReport') } },
      },
      QuarantineReport: {
        type: 'object',
        required: ['collection', 'lines', 'file'],
        properties: {
          collection: str('The collection whose data file held damaged lines'),
          lines: { type: 'integer', description: 'How many lines were set aside' },
          file: str('The quarantine file in the data folder, e.g. leads.db.quarantine'),
        },
      },
      QuarantineAcknowledged: { type: 'object', required: ['acknowledged'], properties: { acknowledged: { type: 'array', items: schema('QuarantineReport') } } },
    },
  },
};

export function registerOpenApiRoute(server: Server, deps: { logger: Logger }): void {
  const body = JSON.stringify(openApiDocument);
  server.get(
    '/api/openapi.json',
    publicRoute(deps, async (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-cache' });
      res.end(body);
    }),
  );
}
