/**
 * The shared parts of the OpenAPI document: security schemes, the answers many routes share (errors), and the
 * schemas of what the API answers (referrals, projects, accounts...). Request bodies, path parameters and query
 * strings are not here: openapi.ts generates them from the zod schemas the routes validate with. Enums come from
 * the constants the code uses, so they cannot drift.
 */
import { REASON_CODES } from '../../models/eligibility/facts';
import { LEAD_STATUSES } from '../../models/leads/lead';
import { LOMBARDY_PROVINCES, SECTORS } from '../../models/projects/project';
import { ref, schemaRef as schema, str } from './apiDocs';
import type { JsonSchema } from './routeTable';

const json = (s: JsonSchema, example?: unknown): Record<string, JsonSchema> => ({ 'application/json': { schema: s, ...(example !== undefined ? { example } : {}) } });
const dateTime = (description?: string): JsonSchema => str(description, { format: 'date-time' });
const nullableStr = (description: string): JsonSchema => ({ type: 'string', nullable: true, description });
const enumOf = (values: readonly string[], description?: string): JsonSchema => ({ type: 'string', enum: [...values], ...(description ? { description } : {}) });

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
      ReferralPage: {
        type: 'object',
        required: ['items'],
        properties: { items: { type: 'array', items: schema('ReferralSummary') }, nextCursor: str('Present when there are more: pass as `cursor`') },
      },
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
      AccountCreated: { type: 'object', required: ['account', 'token'], properties: { account: schema('Account'), token: str('Bearer token, shown only now') } },
      AccountToken: { type: 'object', required: ['name', 'token'], properties: { name: str(), token: str('Shown only now') } },
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
};
