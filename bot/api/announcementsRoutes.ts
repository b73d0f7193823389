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
import type { Server } from 'restify';
import type { Announcement, AnnouncementStore } from '../../models/campaign/announcements';
import { ANNOUNCEMENT_STATUSES, TEXT_MAX, TITLE_MAX, validateAnnouncement } from '../../models/campaign/announcements';
import type { DeliveryOutbox } from '../../models/campaign/deliveries';
import type { AudienceFilter, SubscriptionStore } from '../../models/campaign/subscriptions';
import { CAMPAIGN_PROVINCES, TOPICS, isCampaignProvince, isTopic, type Topic } from '../../models/campaign/types';
import { NotFoundError, ValidationError } from '../../models/errors';
import { LANGUAGES, isLanguage, type Translator } from '../../models/i18n';
import type { OperationObject, PathItemObject, ResponseObject, SchemaObject } from './openapi';
import { apiRoute, jsonBody, type ApiDeps } from './request';

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

function idParam(value: unknown): string {
  if (typeof value !== 'string' || !ID.test(value)) throw new NotFoundError('announcement');
  return value;
}

function listParam(raw: string | undefined): string[] {
  if (raw === undefined || raw.trim() === '') return [];
  return raw.split(',').map((v) => v.trim()).filter(Boolean);
}

/** ?provinces=BG,MI&topics=news,sessions (topics default: all) */
function audienceOf(query: ReadonlyMap<string, string>): AudienceFilter {
  const provinces = listParam(query.get('provinces')).map((p, i) => {
    const code = p.toUpperCase();
    if (!isCampaignProvince(code)) throw new ValidationError(`provinces.${i}`, 'unknown_province');
    return code;
  });
  const rawTopics = listParam(query.get('topics'));
  const topics: Topic[] = rawTopics.length === 0 ? [...TOPICS] : rawTopics.map((t, i) => {
    if (!isTopic(t)) throw new ValidationError(`topics.${i}`, 'unknown_topic');
    return t;
  });
  return { provinces, topics };
}

async function audienceSize(subscriptions: SubscriptionStore, audience: AudienceFilter): Promise<{ subscribers: number; byLanguage: Record<string, number> }> {
  const subscribers = await subscriptions.count(audience);
  const byLanguage: Record<string, number> = {};
  for (const language of LANGUAGES) byLanguage[language] = await subscriptions.countIn(audience, language);
  return { subscribers, byLanguage };
}

function view(a: Announcement): Record<string, unknown> {
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

export function registerAnnouncementsRoutes(server: Server, deps: AnnouncementsApiDeps): void {
  const staff = { staffOnly: true } as const;
  const clock = deps.clock ?? (() => new Date());
  const audit = async (actor: string, action: string, id: string, details: Record<string, string | number> = {}): Promise<void> => {
    try {
      await deps.domain.audit.append({ actor, action, target: `announcement:${id}`, details });
    } catch (err) {
      deps.logger.error({ action, err: { name: err instanceof Error ? err.name : typeof err } }, 'audit entry not written');
    }
  };

  server.get(
    '/api/announcements',
    apiRoute(deps, { ...staff, query: ['limit'] }, async ({ res, query }) => {
      const raw = query.get('limit');
      const limit = raw === undefined ? 50 : /^\d{1,3}$/.test(raw) ? Number(raw) : NaN;
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST) throw new ValidationError('limit', 'out_of_range');
      const items = await deps.announcements.list(limit);
      res.json({ items: items.map((a) => ({ ...view(a), ...(a.recipients !== undefined ? { recipients: a.recipients } : {}) })) });
    }),
  );

  server.post(
    '/api/announcements',
    apiRoute(deps, staff, async ({ req, res, principal }) => {
      const input = validateAnnouncement(jsonBody(req, ['title', 'text', 'provinces', 'topics']));
      const created = await deps.announcements.create(input, principal.name);
      await audit(principal.name, 'announcement.created', created._id, { provinces: input.provinces.join(',') || 'all', topics: input.topics.join(','), english: input.text.en ? 'yes' : 'no' });
      res.status(201);
      res.json({ id: created._id });
    }),
  );

  server.get(
    '/api/announcements/options',
    apiRoute(deps, { ...staff, query: ['lang'] }, async ({ res, query }) => {
      const lang = query.get('lang') ?? 'it';
      if (!isLanguage(lang)) throw new ValidationError('lang', 'unknown_language');
      const t = deps.translator.forLanguage(lang);
      res.json({
        provinces: deps.provinces.filter((p) => CAMPAIGN_PROVINCES.includes(p.code)),
        topics: TOPICS.map((id) => ({ id, label: t(`campaign.topic.${id}`) })),
        ratePerSecond: deps.ratePerSecond,
        labels: t(CONSOLE_STRINGS, { returnObjects: true }) as unknown,
      });
    }),
  );

  server.get(
    '/api/announcements/audience',
    apiRoute(deps, { ...staff, query: ['provinces', 'topics'] }, async ({ res, query }) => {
      res.json(await audienceSize(deps.subscriptions, audienceOf(query)));
    }),
  );

  server.get(
    '/api/announcements/:id',
    apiRoute(deps, staff, async ({ req, res }) => {
      const announcement = await deps.announcements.get(idParam(req.params?.id));
      // an ended send's report is kept on the announcement (its rows are purged); a running one is counted live
      const report = announcement.report ?? (await deps.deliveries.report(announcement._id));
      res.json({ ...view(announcement), ...report });
    }),
  );

  server.get(
    '/api/announcements/:id/audience',
    apiRoute(deps, staff, async ({ req, res }) => {
      const announcement = await deps.announcements.get(idParam(req.params?.id));
      const size = await audienceSize(deps.subscriptions, announcement);
      res.json({ ...size, ...(announcement.recipients !== undefined ? { recipients: announcement.recipients } : {}) });
    }),
  );

  server.post(
    '/api/announcements/:id/send',
    apiRoute(deps, staff, async ({ req, res, principal }) => {
      const id = idParam(req.params?.id);
      const body = jsonBody(req, ['at'], true);
      const now = clock();
      let at = now;
      if (body.at !== undefined) {
        if (typeof body.at !== 'string' || !ISO_DATE_TIME.test(body.at) || Number.isNaN(Date.parse(body.at))) throw new ValidationError('at', 'not_an_iso_date_time');
        at = new Date(body.at);
        if (at.getTime() < now.getTime() - PAST_TOLERANCE_MS) throw new ValidationError('at', 'in_the_past');
        if (at.getTime() > now.getTime() + MAX_AHEAD_MS) throw new ValidationError('at', 'too_far_ahead');
        if (at.getTime() < now.getTime()) at = now;
      }
      await deps.announcements.get(id); // 404 before 409
      const scheduled = await deps.announcements.schedule(id, at);
      await audit(principal.name, 'announcement.scheduled', id, { at: at.toISOString(), audience: await deps.subscriptions.count(scheduled) });
      deps.kick();
      res.status(202);
      res.json({ id, status: scheduled.status, scheduledAt: at.toISOString() });
    }),
  );

  server.post(
    '/api/announcements/:id/cancel',
    apiRoute(deps, staff, async ({ req, res, principal }) => {
      const id = idParam(req.params?.id);
      jsonBody(req, [], true);
      const cancelled = await deps.announcements.cancel(id);
      const stopped = cancelled.startedAt !== undefined;
      await audit(principal.name, 'announcement.cancelled', id, { whileSending: stopped ? 'yes' : 'no' });
      if (stopped) deps.kick(); // the sender skips the recipients left now rather than at its next poll
      res.json({ id, status: cancelled.status });
    }),
  );
}

// ---- OpenAPI ------------------------------------------------------------------------------------------------------

const r = (name: string): { $ref: string } => ({ $ref: `#/components/responses/${name}` });
const ERRORS = { '400': r('BadRequest'), '401': r('Unauthorized'), '403': r('Forbidden'), '500': r('InternalError') };
const ok = (schema: SchemaObject, description: string): ResponseObject => ({ description, content: { 'application/json': { schema } } });
const op = (o: Omit<OperationObject, 'tags'>): OperationObject => ({ tags: ['announcements'], ...o });
const idPath = { name: 'id', in: 'path' as const, required: true, description: 'The announcement\'s id', schema: { type: 'string' as const, format: 'uuid' } };
const notFound: ResponseObject = { description: 'No such announcement', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' }, example: { error: { code: 'NOT_FOUND', reason: 'announcement_not_found' } } } } };
const provinceCodes: SchemaObject = { type: 'array', items: { type: 'string', enum: [...CAMPAIGN_PROVINCES] }, description: 'Lombardy province codes; empty = every province' };
const topicList: SchemaObject = { type: 'array', items: { type: 'string', enum: [...TOPICS] }, description: 'projects = new network projects in the area, sessions = info sessions, news = news about the measure' };
const announcementInput: SchemaObject = {
  type: 'object',
  required: ['title', 'text', 'topics'],
  additionalProperties: false,
  properties: {
    title: {
      oneOf: [
        { type: 'string', minLength: 1, maxLength: TITLE_MAX, description: 'the title (in Italian), for everyone' },
        {
          type: 'object',
          required: ['it'],
          additionalProperties: false,
          properties: { it: { type: 'string', minLength: 1, maxLength: TITLE_MAX }, en: { type: 'string', maxLength: TITLE_MAX, description: 'optional; needs text.en: English readers get both' } },
        },
      ],
    },
    text: {
      type: 'object',
      required: ['it'],
      additionalProperties: false,
      properties: { it: { type: 'string', minLength: 1, maxLength: TEXT_MAX }, en: { type: 'string', maxLength: TEXT_MAX, description: 'optional; subscribers who chat in English get it, others the Italian' } },
    },
    provinces: provinceCodes,
    topics: { ...topicList, description: `${topicList.description}; at least one` },
  },
};
const announcementView: SchemaObject = {
  type: 'object',
  required: ['id', 'title', 'text', 'provinces', 'topics', 'status', 'createdBy', 'createdAt'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    title: { type: 'string', description: 'the Italian title' },
    titleEn: { type: 'string', description: 'the English title, when there is one' },
    text: { type: 'object', properties: { it: { type: 'string' }, en: { type: 'string' } } },
    provinces: provinceCodes,
    topics: topicList,
    status: { type: 'string', enum: [...ANNOUNCEMENT_STATUSES] },
    createdBy: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
    scheduledAt: { type: 'string', format: 'date-time' },
    startedAt: { type: 'string', format: 'date-time' },
    finishedAt: { type: 'string', format: 'date-time' },
    cancelledAt: { type: 'string', format: 'date-time' },
  },
};
const report: SchemaObject = {
  allOf: [
    announcementView,
    {
      type: 'object',
      required: ['recipients', 'sent', 'failed', 'skipped', 'pending', 'failures', 'languages'],
      properties: {
        recipients: { type: 'integer', description: 'delivery rows written when the send started (0 before)' },
        sent: { type: 'integer', description: 'accepted by the channel' },
        failed: { type: 'integer', description: 'refused for good: 403/404 (the subscription then ends), other 4xx, or retries exhausted' },
        skipped: { type: 'integer', description: 'unsubscribed before their turn came, or the send was stopped' },
        pending: { type: 'integer' },
        failures: { type: 'object', additionalProperties: { type: 'integer' }, description: 'failed and skipped rows by reason code (http_403, http_404, unsubscribed, cancelled, ...)' },
        languages: { type: 'object', additionalProperties: { type: 'integer' }, description: 'messages sent per language (it, en)' },
      },
    },
  ],
};
const audience: SchemaObject = {
  type: 'object',
  required: ['subscribers', 'byLanguage'],
  properties: {
    subscribers: { type: 'integer', description: 'active subscribers matching the provinces and topics now' },
    byLanguage: { type: 'object', additionalProperties: { type: 'integer' } },
    recipients: { type: 'integer', description: 'once the send started: the recipients fixed then' },
  },
};

export const ANNOUNCEMENTS_API_PATHS: Record<string, PathItemObject> = {
  '/api/announcements': {
    get: op({
      operationId: 'listAnnouncements',
      summary: 'Staff: announcements, newest first',
      parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: MAX_LIST, default: 50 } }],
      responses: { '200': ok({ type: 'object', properties: { items: { type: 'array', items: announcementView } } }, 'Announcements'), ...ERRORS },
    }),
    post: op({
      operationId: 'createAnnouncement',
      summary: 'Staff: compose an announcement (a draft until it is sent). Audited as announcement.created',
      requestBody: { required: true, content: { 'application/json': { schema: announcementInput, example: { title: 'Nuovo progetto a Bergamo', text: { it: 'Apre un nuovo progetto di rete...', en: 'A new network project opens...' }, provinces: ['BG'], topics: ['projects'] } } } },
      responses: {
        '201': ok({ type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } }, 'Created'),
        ...ERRORS,
        '415': r('UnsupportedMediaType'),
      },
    }),
  },
  '/api/announcements/options': {
    get: op({
      operationId: 'announcementOptions',
      summary: 'Staff: the provinces and topics an announcement can address (labels in `lang`), the configured send rate, the console page\'s strings',
      parameters: [{ name: 'lang', in: 'query', schema: { type: 'string', enum: [...LANGUAGES], default: 'it' } }],
      responses: { '200': ok({ type: 'object', properties: { provinces: { type: 'array', items: { type: 'object', properties: { code: { type: 'string' }, name: { type: 'string' } } } }, topics: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, label: { type: 'string' } } } }, ratePerSecond: { type: 'integer' }, labels: { type: 'object', additionalProperties: true } } }, 'Options'), ...ERRORS },
    }),
  },
  '/api/announcements/audience': {
    get: op({
      operationId: 'previewAudience',
      summary: 'Staff: how many subscribers an audience would reach now (while composing)',
      parameters: [
        { name: 'provinces', in: 'query', description: 'comma-separated codes; none = every province', schema: { type: 'string' }, example: 'BG,MI' },
        { name: 'topics', in: 'query', description: 'comma-separated; none = every topic', schema: { type: 'string' }, example: 'projects,sessions' },
      ],
      responses: { '200': ok(audience, 'The audience size'), ...ERRORS },
    }),
  },
  '/api/announcements/{id}': {
    get: op({
      operationId: 'getAnnouncement',
      summary: 'Staff: an announcement with its progress and delivery report',
      parameters: [idPath],
      responses: { '200': ok(report, 'The announcement and its counts'), ...ERRORS, '404': notFound },
    }),
  },
  '/api/announcements/{id}/audience': {
    get: op({
      operationId: 'getAnnouncementAudience',
      summary: 'Staff: the audience size of an announcement (a preview before sending)',
      parameters: [idPath],
      responses: { '200': ok(audience, 'The audience size'), ...ERRORS, '404': notFound },
    }),
  },
  '/api/announcements/{id}/send': {
    post: op({
      operationId: 'sendAnnouncement',
      summary: 'Staff: send a draft now, or at `at`. Audited as announcement.scheduled',
      description:
        'The audience is fixed when the send starts (one delivery row per subscriber). Messages go out at ANNOUNCE_RATE_PER_SECOND per instance; ' +
        '429 is retried after Retry-After; 403/404 end that subscription; a worker who unsubscribes before their turn gets nothing. ' +
        'A send interrupted by a crash resumes on restart without sending a recipient twice (see the README for the one at-least-once window).',
      parameters: [idPath],
      requestBody: { required: false, content: { 'application/json': { schema: { type: 'object', additionalProperties: false, properties: { at: { type: 'string', format: 'date-time', description: 'with its zone; omitted = now; up to 5 minutes in the past means now' } } } } } },
      responses: {
        '202': ok({ type: 'object', properties: { id: { type: 'string' }, status: { type: 'string', enum: ['scheduled'] }, scheduledAt: { type: 'string', format: 'date-time' } } }, 'Accepted: the send is scheduled'),
        ...ERRORS,
        '404': notFound,
        '409': { description: 'Not a draft (already scheduled, sent or cancelled)', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' }, example: { error: { code: 'CONFLICT', reason: 'illegal_transition:sent->scheduled', from: 'sent', to: 'scheduled' } } } } },
        '415': r('UnsupportedMediaType'),
      },
    }),
  },
  '/api/announcements/{id}/cancel': {
    post: op({
      operationId: 'cancelAnnouncement',
      summary: 'Staff: cancel a draft or a scheduled send, or stop a send in progress. Audited as announcement.cancelled',
      description: 'Stopping a send in progress: messages already on their way arrive; within a second no new one starts, and the recipients left are counted as skipped (reason `cancelled`).',
      parameters: [idPath],
      responses: {
        '200': ok({ type: 'object', properties: { id: { type: 'string' }, status: { type: 'string', enum: ['cancelled'] } } }, 'Cancelled'),
        ...ERRORS,
        '404': notFound,
        '409': { description: 'The send has ended (sent) or was cancelled already', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      },
    }),
  },
};
