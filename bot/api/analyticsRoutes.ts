/**
 * The campaign funnel for staff (no personal data in any of it):
 *
 *   GET /api/analytics/funnel?from&to&groupBy=week|province|language|channel   JSON rows + totals
 *   GET /api/analytics/funnel.csv?from&to&groupBy=...                          the same as CSV (audited)
 *   GET /api/analytics/unanswered?limit&language                               most frequent questions not
 *                                                                              understood, scrubbed
 */
import type { Server } from 'restify';
import type { AnalyticsRecorder } from '../../models/analytics/analyticsRecorder';
import { buildFunnel, funnelCsv, GROUP_BY, isGroupBy, type FunnelReport } from '../../models/analytics/funnel';
import { romeDay } from '../../models/text/dates';
import { ValidationError } from '../../models/errors';
import { LANGUAGES } from '../../models/i18n';
import type { OperationObject, ParameterObject, PathItemObject, ResponseObject, SchemaObject } from './openapi';
import { apiRoute, dateRange, type ApiDeps } from './request';

export interface AnalyticsApiDeps extends ApiDeps {
  recorder: AnalyticsRecorder;
}

const FUNNEL_PARAMS = ['from', 'to', 'groupBy'] as const;
const UNANSWERED_PARAMS = ['limit', 'language'] as const;
const MAX_UNANSWERED = 100;

async function funnelOf(deps: AnalyticsApiDeps, query: ReadonlyMap<string, string>): Promise<FunnelReport> {
  const groupByRaw = query.get('groupBy') ?? 'week';
  if (!isGroupBy(groupByRaw)) throw new ValidationError('groupBy', 'unknown_grouping');
  const { from, to } = dateRange(query);
  const range = { ...(from ? { fromDay: romeDay(from) } : {}), ...(to ? { toDay: romeDay(to) } : {}) };
  const counters = await deps.recorder.countersBetween(range.fromDay, range.toDay);
  const steps = await deps.domain.leads.lifecycleSteps(from);
  return buildFunnel(counters, steps, groupByRaw, range);
}

export function registerAnalyticsRoutes(server: Server, deps: AnalyticsApiDeps): void {
  server.get(
    '/api/analytics/funnel',
    apiRoute(deps, { staffOnly: true, query: FUNNEL_PARAMS }, async ({ res, query }) => {
      res.json(await funnelOf(deps, query));
    }),
  );

  server.get(
    '/api/analytics/funnel.csv',
    apiRoute(deps, { staffOnly: true, query: FUNNEL_PARAMS }, async ({ res, query, principal }) => {
      const report = await funnelOf(deps, query);
      const body = funnelCsv(report);
      try {
        await deps.domain.audit.append({ actor: principal.name, action: 'analytics.exported', target: 'analytics:funnel', details: { groupBy: report.groupBy, rows: report.rows.length } });
      } catch (err) {
        deps.logger.error({ err: { name: err instanceof Error ? err.name : typeof err } }, 'audit entry not written');
      }
      res.writeHead(200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="funnel-${report.groupBy}-${deps.now().toISOString().slice(0, 10)}.csv"`,
        'Content-Length': Buffer.byteLength(body),
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      });
      res.end(body);
    }),
  );

  server.get(
    '/api/analytics/unanswered',
    apiRoute(deps, { staffOnly: true, query: UNANSWERED_PARAMS }, async ({ res, query }) => {
      const rawLimit = query.get('limit');
      const limit = rawLimit === undefined ? 20 : /^\d{1,3}$/.test(rawLimit) ? Number(rawLimit) : NaN;
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_UNANSWERED) throw new ValidationError('limit', 'out_of_range');
      const language = query.get('language');
      if (language !== undefined && !(LANGUAGES as readonly string[]).includes(language)) throw new ValidationError('language', 'unknown_language');
      const items = await deps.recorder.topUnanswered(limit, language);
      res.json({ items: items.map((u) => ({ text: u.text, language: u.language, count: u.count, lastAt: u.lastAt.toISOString() })) });
    }),
  );
}

// ---- OpenAPI ------------------------------------------------------------------------------------------------------

const r = (name: string): { $ref: string } => ({ $ref: `#/components/responses/${name}` });
const ERRORS = { '400': r('BadRequest'), '401': r('Unauthorized'), '403': r('Forbidden'), '500': r('InternalError') };
const dateParam = (name: 'from' | 'to', description: string): ParameterObject => ({ name, in: 'query', description, schema: { type: 'string', description: 'YYYY-MM-DD or an ISO date-time with its zone' } });
const funnelParams: ParameterObject[] = [
  dateParam('from', 'First day included'),
  dateParam('to', 'Last day included (a bare day includes the whole day)'),
  { name: 'groupBy', in: 'query', schema: { type: 'string', enum: [...GROUP_BY], default: 'week' } },
];
const funnelSchema: SchemaObject = {
  type: 'object',
  required: ['groupBy', 'metrics', 'rows', 'totals'],
  properties: {
    groupBy: { type: 'string', enum: [...GROUP_BY] },
    fromDay: { type: 'string', format: 'date' },
    toDay: { type: 'string', format: 'date', description: 'excluded' },
    metrics: { type: 'array', items: { type: 'string' } },
    rows: { type: 'array', items: { type: 'object', properties: { group: { type: 'string' }, values: { type: 'object', additionalProperties: { type: 'integer' } } } } },
    totals: { type: 'object', additionalProperties: { type: 'integer' } },
  },
};
const ok = (schema: SchemaObject, description: string): ResponseObject => ({ description, content: { 'application/json': { schema } } });
const op = (o: Omit<OperationObject, 'tags'>): OperationObject => ({ tags: ['analytics'], ...o });

export const ANALYTICS_API_PATHS: Record<string, PathItemObject> = {
  '/api/analytics/funnel': {
    get: op({
      operationId: 'getFunnel',
      summary: 'Staff: the campaign funnel (conversations, questions, pre-checks by outcome, referrals, claimed, contacted, enrolled, placed)',
      parameters: funnelParams,
      responses: { '200': ok(funnelSchema, 'Counts per group and in total; no personal data'), ...ERRORS },
    }),
  },
  '/api/analytics/funnel.csv': {
    get: op({
      operationId: 'getFunnelCsv',
      summary: 'Staff: the campaign funnel as CSV',
      parameters: funnelParams,
      responses: { '200': { description: 'RFC 4180 CSV with a BOM', content: { 'text/csv': { schema: { type: 'string' } } } }, ...ERRORS },
    }),
  },
  '/api/analytics/unanswered': {
    get: op({
      operationId: 'getUnansweredQuestions',
      summary: 'Staff: the most frequent questions the bot did not understand, with phone numbers, e-mails and names removed',
      parameters: [
        { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: MAX_UNANSWERED, default: 20 } },
        { name: 'language', in: 'query', schema: { type: 'string', enum: [...LANGUAGES] } },
      ],
      responses: {
        '200': ok(
          { type: 'object', properties: { items: { type: 'array', items: { type: 'object', properties: { text: { type: 'string' }, language: { type: 'string' }, count: { type: 'integer' }, lastAt: { type: 'string', format: 'date-time' } } } } } },
          'Most frequent first',
        ),
        ...ERRORS,
      },
    }),
  },
};
