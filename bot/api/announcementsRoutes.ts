/**
 * The campaign's announcements, for staff (bearer token or console session; operators get 403). Every change is
 * audited (actor, action, target, codes only):
 *
 *   GET  /api/announcements                      newest first (?limit 1-100, default 50)
 *   POST /api/announcements                      { title, text: { it, en? }, provinces: [...], topics: [...] } -> 201 { id }
 *   GET  /api/announcements/options              provinces, topics (labels in ?lang), the configured rate
 *   GET  /api/announcements/audience             ?provinces=BG,MI&topics=news: how many subscribers would receive it
 *   GET  /api/announcements/:id                  status, recipients, sent, failed, skipped, pending, failure reasons
 *   GET  /api/announcements/:id/audience         the audience size now (and the recipients once the send started)
 *   POST /api/announcements/:id/send             optional { at: ISO date-time } -> 202 (scheduled; now when no `at`)
 *   POST /api/announcements/:id/cancel           before the send starts, or to stop it while sending -> 200; 409 once ended
 */
import { z } from 'zod';
import type { Announcement, AnnouncementStore } from '../../models/campaign/announcements';
import { ANNOUNCEMENT_FIELDS, ANNOUNCEMENT_STATUSES, parseAnnouncement } from '../../models/campaign/announcements';
import type { DeliveryOutbox } from '../../models/campaign/deliveries';
import type { AudienceFilter, SubscriptionStore } from '../../models/campaign/subscriptions';
import { CAMPAIGN_PROVINCES, TOPICS, isCampaignProvince, isTopic, type Topic } from '../../models/campaign/types';
import { ValidationError } from '../../models/errors';
import { LANGUAGES, type Translator } from '../../models/i18n';
import { STAFF_ERRORS, jsonAnswer, responseRef } from './apiDocs';
import { errorSchema } from './errors';
import type { ApiDeps } from './request';
import { route, type ApiRoute, type ResponseDoc } from './routeTable';
import { count, intQueryOr, isoDateTime } from './schemas';

export interface AnnouncementsApiDeps extends ApiDeps {
  announcements: AnnouncementStore;
  deliveries: DeliveryOutbox;
  subscriptions: SubscriptionStore;
  /** wakes the sender after a send is scheduled */
  kick: () => void;
  translator: Translator;
  provinces: ReadonlyArray<{ code: string; name: string }>;
  ratePerSecond: number;
  /** real time: when "now" is for sending (not the business clock) */
  clock?: () => Date;
}

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
/** a time a little in the past (a clock a bit behind, a slow click) still means now */
const PAST_TOLERANCE_MS = 5 * 60 * 1000;
const MAX_AHEAD_MS = 366 * 24 * 3600 * 1000;
const MAX_LIST = 100;
/** the console page's strings: a subtree of content/locales/<lng>/campaign.json */
const CONSOLE_STRINGS = 'campaign.console';

// ---- schemas ----------------------------------------------------------------------------------------------------

/** A comma-separated list of a query parameter, each item checked (`provinces.1` names the bad one). */
function listQuery<T extends string>(check: (item: string) => T | undefined, reason: string): z.ZodType<T[], string> {
  return z.string().transform((raw, ctx) => {
    const items = raw.trim() === '' ? [] : raw.split(',').map((v) => v.trim()).filter(Boolean);
    const checked: T[] = [];
    for (const [i, item] of items.entries()) {
      const value = check(item);
      if (value === undefined) {
        ctx.addIssue({ code: 'custom', message: reason, path: [i] });
        return z.NEVER;
      }
      checked.push(value);
    }
    return checked;
  });
}

/** ?provinces=BG,MI&topics=news,sessions (topics default: all) */
const audienceQuery = z.object({
  provinces: listQuery((p) => (isCampaignProvince(p.toUpperCase()) ? p.toUpperCase() : undefined), 'unknown_province')
    .meta({ description: 'comma-separated codes; none = every province', example: 'BG,MI' })
    .optional(),
  topics: listQuery((t): Topic | undefined => (isTopic(t) ? t : undefined), 'unknown_topic')
    .meta({ description: 'comma-separated; none = every topic', example: 'projects,sessions' })
    .optional(),
});

function audienceOf(query: z.output<typeof audienceQuery>): AudienceFilter {
  const topics = query.topics ?? [];
  return { provinces: query.provinces ?? [], topics: topics.length === 0 ? [...TOPICS] : topics };
}

const idParams = z.object({ id: z.string().regex(ID).meta({ description: 'The announcement\'s id', format: 'uuid' }) });
const sendBody = z.strictObject({
  at: z
    .string({ error: 'not_an_iso_date_time' })
    .regex(ISO_DATE_TIME, { error: 'not_an_iso_date_time' })
    .refine((v) => !Number.isNaN(Date.parse(v)), { error: 'not_an_iso_date_time' })
    .transform((v) => new Date(v))
    .meta({ format: 'date-time', description: 'with its zone; omitted = now; up to 5 minutes in the past means now' })
    .optional(),
});
const noBody = z.strictObject({});

// ---- the routes -------------------------------------------------------------------------------------------------

async function audienceSize(subscriptions: SubscriptionStore, audience: AudienceFilter): Promise<AudienceSize> {
  const subscribers = await subscriptions.count(audience);
  const byLanguage: Record<string, number> = {};
  // Italian and English always; the other languages only when someone reads in one (counted only then)
  const always = ['it', 'en'] as const;
  for (const language of always) byLanguage[language] = await subscriptions.countIn(audience, language);
  if (subscribers > byLanguage.it + byLanguage.en) {
    for (const language of LANGUAGES.filter((l) => !(always as readonly string[]).includes(l))) {
      const n = await subscriptions.countIn(audience, language);
      if (n > 0) byLanguage[language] = n;
    }
  }
  return { subscribers, byLanguage };
}

function view(a: Announcement): AnnouncementView {
  return {
    id: a._id,
    title: a.title,
    ...(a.titleEn ? { titleEn: a.titleEn } : {}),
    text: a.text,
    provinces: a.provinces,
    topics: a.topics,
    status: a.status,
    createdBy: a.createdBy,
    createdAt: a.createdAt.toISOString(),
    ...(a.scheduledAt ? { scheduledAt: a.scheduledAt.toISOString() } : {}),
    ...(a.startedAt ? { startedAt: a.startedAt.toISOString() } : {}),
    ...(a.finishedAt ? { finishedAt: a.finishedAt.toISOString() } : {}),
    ...(a.cancelledAt ? { cancelledAt: a.cancelledAt.toISOString() } : {}),
  };
}


/** A change happened: record it. The change stands even if the audit write fails (logged, without data). */
async function audit(deps: AnnouncementsApiDeps, actor: string, action: string, id: string, details: Record<string, string | number> = {}): Promise<void> {
  try {
    await deps.domain.audit.append({ actor, action, target: `announcement:${id}`, details });
  } catch (err) {
    deps.logger.error({ action, err: { name: err instanceof Error ? err.name : typeof err } }, 'audit entry not written');
  }
}

// ---- what the routes answer (the OpenAPI document is generated from these; the views are typed by them) ------------

const announcementViewSchema = z.object({
  id: z.string().meta({ format: 'uuid' }),
  title: z.string().meta({ description: 'the Italian title' }),
  titleEn: z.string().meta({ description: 'the English title, when there is one' }).optional(),
  text: z.object({ it: z.string(), en: z.string().optional() }),
  provinces: z.array(z.string().meta({ enum: [...CAMPAIGN_PROVINCES] })),
  topics: z.array(z.enum(TOPICS)),
  status: z.enum(ANNOUNCEMENT_STATUSES),
  createdBy: z.string(),
  createdAt: isoDateTime(),
  scheduledAt: isoDateTime().optional(),
  startedAt: isoDateTime().optional(),
  finishedAt: isoDateTime().optional(),
  cancelledAt: isoDateTime().optional(),
});
type AnnouncementView = z.infer<typeof announcementViewSchema>;
const listSchema = z.object({ items: z.array(announcementViewSchema.extend({ recipients: count('delivery rows written when the send started').optional() })) });
const createdSchema = z.object({ id: z.string().meta({ format: 'uuid' }) });
const byReason = (description: string) => z.record(z.string(), z.int()).meta({ description });
const reportSchema = announcementViewSchema.extend({
  recipients: count('delivery rows written when the send started (0 before)'),
  sent: count('accepted by the channel'),
  failed: count('refused for good: 403/404 (the subscription then ends), other 4xx, or retries exhausted'),
  skipped: count('unsubscribed before their turn came, or the send was stopped'),
  pending: count(),
  failures: byReason('failed and skipped rows by reason code (http_403, http_404, unsubscribed, cancelled, ...)'),
  languages: byReason('messages sent per language (it, en)'),
});
const audienceSchema = z.object({
  subscribers: count('active subscribers matching the provinces and topics now'),
  byLanguage: z.record(z.string(), z.int()),
  recipients: count('once the send started: the recipients fixed then').optional(),
});
type AudienceSize = z.infer<typeof audienceSchema>;
const optionsSchema = z.object({
  provinces: z.array(z.object({ code: z.string(), name: z.string() })),
  topics: z.array(z.object({ id: z.enum(TOPICS), label: z.string() })),
  ratePerSecond: z.number(),
  labels: z.unknown().meta({ type: 'object', additionalProperties: true, description: 'the console page\'s strings (content/locales/<lng>/campaign.json, campaign.console)' }),
});
const scheduledSchema = z.object({ id: z.string(), status: z.enum(ANNOUNCEMENT_STATUSES).meta({ enum: ['scheduled'] }), scheduledAt: isoDateTime() });
const cancelledSchema = z.object({ id: z.string(), status: z.enum(ANNOUNCEMENT_STATUSES).meta({ enum: ['cancelled'] }) });

const tags = ['announcements'];
const notFound: ResponseDoc = { description: 'No such announcement', schema: errorSchema, example: { error: { code: 'NOT_FOUND', reason: 'announcement_not_found' } } };
const byId = { staffOnly: true, tags, params: idParams, notFoundAs: 'announcement' } as const;

export const ANNOUNCEMENTS_ROUTES: ReadonlyArray<ApiRoute<AnnouncementsApiDeps>> = [
  route({
    staffOnly: true,
    method: 'get',
    path: '/api/announcements',
    operationId: 'listAnnouncements',
    summary: 'Staff: announcements, newest first',
    tags,
    query: z.object({ limit: intQueryOr(1, MAX_LIST, 3, 50) }),
    responses: { '200': jsonAnswer('Announcements', listSchema), ...STAFF_ERRORS },
    handler: async ({ res, query: { limit } }, deps) => {
      const items = await deps.announcements.list(limit);
      res.json({ items: items.map((a) => ({ ...view(a), ...(a.recipients !== undefined ? { recipients: a.recipients } : {}) })) } satisfies z.infer<typeof listSchema>);
    },
  }),
  route({
    staffOnly: true,
    method: 'post',
    path: '/api/announcements',
    operationId: 'createAnnouncement',
    summary: 'Staff: compose an announcement (a draft until it is sent). Audited as announcement.created',
    tags,
    rawBody: ANNOUNCEMENT_FIELDS,
    requestExample: { title: 'Nuovo progetto a Bergamo', text: { it: 'Apre un nuovo progetto di rete...', en: 'A new network project opens...' }, provinces: ['BG'], topics: ['projects'] },
    responses: {
      '201': jsonAnswer('Created', createdSchema),
      ...STAFF_ERRORS,
      '415': responseRef('UnsupportedMediaType'),
    },
    handler: async ({ res, principal, body }, deps) => {
      const input = parseAnnouncement(body);
      const created = await deps.announcements.create(input, principal.name);
      await audit(deps, principal.name, 'announcement.created', created._id, { provinces: input.provinces.join(',') || 'all', topics: input.topics.join(','), english: input.text.en ? 'yes' : 'no' });
      res.status(201);
      res.json({ id: created._id } satisfies z.infer<typeof createdSchema>);
    },
  }),
  route({
    staffOnly: true,
    method: 'get',
    path: '/api/announcements/options',
    operationId: 'announcementOptions',
    summary: 'Staff: the provinces and topics an announcement can address (labels in `lang`), the configured send rate, the console page\'s strings',
    tags,
    query: z.object({ lang: z.enum(LANGUAGES, { error: 'unknown_language' }).default('it') }),
    responses: {
      '200': jsonAnswer('Options', optionsSchema),
      ...STAFF_ERRORS,
    },
    handler: async ({ res, query: { lang } }, deps) => {
      const t = deps.translator.forLanguage(lang);
      res.json({
        provinces: deps.provinces.filter((p) => CAMPAIGN_PROVINCES.includes(p.code)),
        topics: TOPICS.map((id) => ({ id, label: t(`campaign.topic.${id}`) })),
        ratePerSecond: deps.ratePerSecond,
        labels: t(CONSOLE_STRINGS, { returnObjects: true }) as unknown,
      } satisfies z.infer<typeof optionsSchema>);
    },
  }),
  route({
    staffOnly: true,
    method: 'get',
    path: '/api/announcements/audience',
    operationId: 'previewAudience',
    summary: 'Staff: how many subscribers an audience would reach now (while composing)',
    tags,
    query: audienceQuery,
    responses: { '200': jsonAnswer('The audience size', audienceSchema), ...STAFF_ERRORS },
    handler: async ({ res, query }, deps) => {
      res.json(await audienceSize(deps.subscriptions, audienceOf(query)));
    },
  }),
  route({
    ...byId,
    method: 'get',
    path: '/api/announcements/:id',
    operationId: 'getAnnouncement',
    summary: 'Staff: an announcement with its progress and delivery report',
    responses: { '200': jsonAnswer('The announcement and its counts', reportSchema), ...STAFF_ERRORS, '404': notFound },
    handler: async ({ res, params: { id } }, deps) => {
      const announcement = await deps.announcements.get(id);
      // an ended send's report is kept on the announcement (its rows are purged); a running one is counted live
      const counts = announcement.report ?? (await deps.deliveries.report(announcement._id));
      res.json({ ...view(announcement), ...counts } satisfies z.infer<typeof reportSchema>);
    },
  }),
  route({
    ...byId,
    method: 'get',
    path: '/api/announcements/:id/audience',
    operationId: 'getAnnouncementAudience',
    summary: 'Staff: the audience size of an announcement (a preview before sending)',
    responses: { '200': jsonAnswer('The audience size', audienceSchema), ...STAFF_ERRORS, '404': notFound },
    handler: async ({ res, params: { id } }, deps) => {
      const announcement = await deps.announcements.get(id);
      const size = await audienceSize(deps.subscriptions, announcement);
      res.json({ ...size, ...(announcement.recipients !== undefined ? { recipients: announcement.recipients } : {}) } satisfies AudienceSize);
    },
  }),
  route({
    ...byId,
    method: 'post',
    path: '/api/announcements/:id/send',
    operationId: 'sendAnnouncement',
    summary: 'Staff: send a draft now, or at `at`. Audited as announcement.scheduled',
    description:
      'The audience is fixed when the send starts (one delivery row per subscriber). Messages go out at ANNOUNCE_RATE_PER_SECOND per instance; ' +
      '429 is retried after Retry-After; 403/404 end that subscription; a worker who unsubscribes before their turn gets nothing. ' +
      'A send interrupted by a crash resumes on restart without sending a recipient twice (see the README for the one at-least-once window).',
    body: sendBody,
    bodyOptional: true,
    responses: {
      '202': jsonAnswer('Accepted: the send is scheduled', scheduledSchema),
      ...STAFF_ERRORS,
      '404': notFound,
      '409': { description: 'Not a draft (already scheduled, sent or cancelled)', schema: errorSchema, example: { error: { code: 'CONFLICT', reason: 'illegal_transition:sent->scheduled', from: 'sent', to: 'scheduled' } } },
      '415': responseRef('UnsupportedMediaType'),
    },
    handler: async ({ res, principal, params: { id }, body }, deps) => {
      const now = (deps.clock ?? (() => new Date()))();
      let at = now;
      if (body.at !== undefined) {
        at = body.at;
        if (at.getTime() < now.getTime() - PAST_TOLERANCE_MS) throw new ValidationError('at', 'in_the_past');
        if (at.getTime() > now.getTime() + MAX_AHEAD_MS) throw new ValidationError('at', 'too_far_ahead');
        if (at.getTime() < now.getTime()) at = now;
      }
      await deps.announcements.get(id); // 404 before 409
      const scheduled = await deps.announcements.schedule(id, at);
      await audit(deps, principal.name, 'announcement.scheduled', id, { at: at.toISOString(), audience: await deps.subscriptions.count(scheduled) });
      deps.kick();
      res.status(202);
      res.json({ id, status: scheduled.status, scheduledAt: at.toISOString() } satisfies z.infer<typeof scheduledSchema>);
    },
  }),
  route({
    ...byId,
    method: 'post',
    path: '/api/announcements/:id/cancel',
    operationId: 'cancelAnnouncement',
    summary: 'Staff: cancel a draft or a scheduled send, or stop a send in progress. Audited as announcement.cancelled',
    description: 'Stopping a send in progress: messages already on their way arrive; within a second no new one starts, and the recipients left are counted as skipped (reason `cancelled`).',
    body: noBody,
    bodyOptional: true,
    responses: {
      '200': jsonAnswer('Cancelled', cancelledSchema),
      ...STAFF_ERRORS,
      '404': notFound,
      '409': { description: 'The send has ended (sent) or was cancelled already', schema: errorSchema },
    },
    handler: async ({ res, principal, params: { id } }, deps) => {
      const cancelled = await deps.announcements.cancel(id);
      const stopped = cancelled.startedAt !== undefined;
      await audit(deps, principal.name, 'announcement.cancelled', id, { whileSending: stopped ? 'yes' : 'no' });
      if (stopped) deps.kick(); // the sender skips the recipients left now rather than at its next poll
      res.json({ id, status: cancelled.status } satisfies z.infer<typeof cancelledSchema>);
    },
  }),
];
