/**
 * The campaign funnel for staff (no personal data in any of it):
 *
 *   GET /api/analytics/funnel?from&to&groupBy=week|province|language|channel   JSON rows + totals
 *   GET /api/analytics/funnel.csv?from&to&groupBy=...                          the same as CSV (audited)
 *   GET /api/analytics/unanswered?limit&language                               most frequent questions not
 *                                                                              understood, scrubbed, and how
 *                                                                              many per language (all eight)
 */
import { z } from 'zod';
import type { AnalyticsRecorder } from '../../models/analytics/analyticsRecorder';
import { buildFunnel, funnelCsv, funnelReportSchema, GROUP_BY, type FunnelReport, type HandoffWait } from '../../models/analytics/funnel';
import { romeDay } from '../../models/text/dates';
import { LEAD_LANGUAGES } from '../../models/leads/leadLanguage';
import { STAFF_ERRORS, jsonAnswer } from './apiDocs';
import type { ApiDeps } from './request';
import { route, type ApiRoute } from './routeTable';
import { DATE_RANGE_QUERY, count, intQueryOr, isoDateTime, toAfterFrom } from './schemas';

export interface AnalyticsApiDeps extends ApiDeps {
  recorder: AnalyticsRecorder;
  /** the live handoff's waits (the funnel's median wait per group) */
  handoffWaits?: { waitsBetween(fromDay?: string, toDay?: string): Promise<HandoffWait[]> };
}

const MAX_UNANSWERED = 100;

const funnelQuery = z
  .object({
    groupBy: z.enum(GROUP_BY, { error: 'unknown_grouping' }).default('week'),
    from: DATE_RANGE_QUERY.from.meta({ description: 'First day included' }),
    to: DATE_RANGE_QUERY.to.meta({ description: 'Last day included (a bare day includes the whole day)' }),
  })
  .superRefine(toAfterFrom);

const unansweredQuery = z.object({
  limit: intQueryOr(1, MAX_UNANSWERED, 3, 20),
  language: z.enum(LEAD_LANGUAGES, { error: 'unknown_language' }).meta({ description: 'One language\'s questions only; `unknown`: those recorded without one' }).optional(),
});

async function funnelOf(deps: AnalyticsApiDeps, query: z.output<typeof funnelQuery>): Promise<FunnelReport> {
  const { from, to, groupBy } = query;
  const range = { ...(from ? { fromDay: romeDay(from) } : {}), ...(to ? { toDay: romeDay(to) } : {}) };
  const counters = await deps.recorder.countersBetween(range.fromDay, range.toDay);
  const steps = await deps.domain.leads.lifecycleSteps(from);
  const waits = deps.handoffWaits ? await deps.handoffWaits.waitsBetween(range.fromDay, range.toDay) : undefined;
  return buildFunnel(counters, steps, groupBy, range, waits);
}

const unansweredSchema = z.object({
  items: z.array(z.object({ text: z.string(), language: z.string(), count: count(), lastAt: isoDateTime() })),
  byLanguage: z
    .array(z.object({ language: z.enum(LEAD_LANGUAGES), distinct: count(), asked: count() }))
    .meta({ description: 'Every language (the eight, then `unknown`), zeros included: the distinct questions kept and how often they were asked' }),
});
const tags = ['analytics'];

export const ANALYTICS_ROUTES: ReadonlyArray<ApiRoute<AnalyticsApiDeps>> = [
  route({
    staffOnly: true,
    method: 'get',
    path: '/api/analytics/funnel',
    operationId: 'getFunnel',
    summary: 'Staff: the campaign funnel (conversations, questions, pre-checks by outcome, referrals, claimed, contacted, enrolled, placed)',
    tags,
    query: funnelQuery,
    responses: { '200': jsonAnswer('Counts per group and in total; no personal data', funnelReportSchema), ...STAFF_ERRORS },
    handler: async ({ res, query }, deps) => {
      res.json(await funnelOf(deps, query));
    },
  }),
  route({
    staffOnly: true,
    method: 'get',
    path: '/api/analytics/funnel.csv',
    operationId: 'getFunnelCsv',
    summary: 'Staff: the campaign funnel as CSV',
    tags,
    query: funnelQuery,
    responses: { '200': { description: 'RFC 4180 CSV with a BOM', contentType: 'text/csv', schema: { type: 'string' } }, ...STAFF_ERRORS },
    handler: async ({ res, query, principal }, deps) => {
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
    },
  }),
  route({
    staffOnly: true,
    method: 'get',
    path: '/api/analytics/unanswered',
    operationId: 'getUnansweredQuestions',
    summary: 'Staff: the most frequent questions the bot did not understand, with phone numbers, e-mails and names removed',
    tags,
    query: unansweredQuery,
    responses: {
      '200': jsonAnswer('Most frequent first', unansweredSchema),
      ...STAFF_ERRORS,
    },
    handler: async ({ res, query: { limit, language } }, deps) => {
      const [items, byLanguage] = await Promise.all([deps.recorder.topUnanswered(limit, language), deps.recorder.unansweredByLanguage()]);
      res.json({
        items: items.map((u) => ({ text: u.text, language: u.language, count: u.count, lastAt: u.lastAt.toISOString() })),
        byLanguage,
      } satisfies z.infer<typeof unansweredSchema>);
    },
  }),
];
