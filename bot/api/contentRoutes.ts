/**
 * Content publishing for campaign staff (all staff only, every change audited with actor, action and target):
 *
 *   GET    /api/content/:locale                          entries of a locale, with draft and translation flags
 *   GET    /api/content/:locale/:kind/:id                the published version and the draft of one entry
 *   GET    /api/content/:locale/:kind/:id/draft          the draft (404 when none)
 *   PUT    /api/content/:locale/:kind/:id/draft          { data } -> saves the draft (validated; 400 names fields)
 *   DELETE /api/content/:locale/:kind/:id/draft          discards the draft
 *   POST   /api/content/:locale/:kind/:id/publish        publishes the draft; every instance answers with it in <= 5 s
 *   DELETE /api/content/:locale/:kind/:id                withdraws a published entry (news, events...)
 *   GET    /api/content/:locale/:kind/:id/history        every version, newest first
 *   POST   /api/content/:locale/:kind/:id/rollback       { version } -> publishes that version again
 *   POST   /api/content/preview                          { locale, text } -> the bot's replies with all drafts applied
 *
 * A content validation failure answers 400 `{ error: { code: 'VALIDATION', reason: 'content_invalid', field },
 * issues: [{ entry, field, problem }] }`: the issues name the entry and the field, for the console to show next to
 * each field.
 */
import type { Activity } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import { ContentValidationError, LOCALES, type Locale } from '../../models/content';
import { NotFoundError, ValidationError } from '../../models/errors';
import type { Language, Translator } from '../../models/i18n';
import type { ContentPublisher } from '../../models/publishing/contentPublisher';
import { buildPublishedContent, type LiveContent, type PublishedContent } from '../../models/publishing/liveContent';
import { CONTENT_KINDS, isContentKind, type ContentKind } from '../../models/publishing/types';
import { InformResponder } from '../../dialogs/inform/informResponder';
import { recognizeNoticeRequest } from '../../dialogs/intents';
import type { OperationObject, PathItemObject, ResponseObject, SchemaObject } from './openapi';
import { apiRoute, jsonBody, stringField, type ApiDeps } from './request';

export interface ContentApiDeps extends ApiDeps {
  publisher: ContentPublisher;
  live: LiveContent;
  translator: Translator;
  /** the province a message names ("incontri a Bergamo") */
  placeOf: (text: string, language: Language) => { code: string; name: string } | undefined;
}

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_PREVIEW_CHARS = 500;

function localeParam(value: unknown): Locale {
  const locale = LOCALES.find((l) => l === value);
  if (!locale) throw new ValidationError('locale', 'unknown_locale');
  return locale;
}

function kindParam(value: unknown): ContentKind {
  if (!isContentKind(value)) throw new ValidationError('kind', 'unknown_kind');
  return value;
}

function idParam(value: unknown): string {
  if (typeof value !== 'string' || value.length > 100 || !ID.test(value)) throw new ValidationError('id', 'invalid_id');
  return value;
}

function entryParams(req: Request): { locale: Locale; kind: ContentKind; id: string } {
  const params = (req.params ?? {}) as Record<string, unknown>;
  return { locale: localeParam(params.locale), kind: kindParam(params.kind), id: idParam(params.id) };
}

/** Sends a content validation failure with every issue; anything else goes on to the central mapping. */
function sendContentIssues(res: Response, err: ContentValidationError): void {
  const issues = err.issues.map((i) => ({ ...(i.entry ? { entry: i.entry } : {}), ...(i.field ? { field: i.field } : {}), problem: i.problem }));
  res.status(400);
  res.json({ error: { code: 'VALIDATION', reason: 'content_invalid', field: err.issues.find((i) => i.field)?.field ?? '(entry)' }, issues });
}

async function withContentIssues(res: Response, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (err) {
    if (err instanceof ContentValidationError) sendContentIssues(res, err);
    else throw err;
  }
}

export interface PreviewReply {
  text: string;
  buttons: string[];
}

function replyOf(activity: Partial<Activity>): PreviewReply {
  return { text: activity.text ?? '', buttons: (activity.suggestedActions?.actions ?? []).map((a) => String(a.title)) };
}

/**
 * What the bot would answer to `text` from `content`: the same InformResponder logic as the chat (news and events,
 * a section by its title, the FAQ), or the not-understood fallback. Dialogs (pre-check, referral) are not run.
 */
export function previewAnswer(content: PublishedContent, deps: Pick<ContentApiDeps, 'translator' | 'placeOf' | 'now'>, language: Language, text: string): { outcome: string; replies: PreviewReply[] } {
  const t = deps.translator.forLanguage(language);
  const inform = new InformResponder(content.catalogue, content.faq, { notices: content.notices, now: deps.now });
  const channelId = 'console';
  const notice = recognizeNoticeRequest(text);
  if (notice) {
    const reply = notice === 'news' ? inform.news(language, t, channelId) : inform.events(language, deps.placeOf(text, language), t, channelId);
    return { outcome: reply.outcome, replies: [replyOf(reply.activity)] };
  }
  const sectionId = inform.sectionByTitle(language, text);
  const reply = sectionId ? inform.section(language, sectionId, t, channelId) : inform.answer(language, text, t, channelId);
  if (reply) return { outcome: reply.outcome, replies: [replyOf(reply.activity)] };
  return { outcome: 'not_understood', replies: [{ text: `${t('fallback.notUnderstood')}\n\n${t('menu.prompt')}`, buttons: [] }] };
}

export function registerContentRoutes(server: Server, deps: ContentApiDeps): void {
  const { publisher, live, domain } = deps;
  const staff = { staffOnly: true } as const;

  const audit = async (actor: string, action: string, target: string, details: Record<string, number | string> = {}): Promise<void> => {
    try {
      await domain.audit.append({ actor, action, target, details });
    } catch (err) {
      deps.logger.error({ action, err: { name: err instanceof Error ? err.name : typeof err } }, 'audit entry not written');
    }
  };
  const target = (p: { locale: Locale; kind: ContentKind; id: string }): string => `content:${p.locale}:${p.kind}:${p.id}`;

  server.get(
    '/api/content/:locale',
    apiRoute(deps, staff, async ({ req, res }) => {
      const locale = localeParam((req.params as Record<string, unknown> | undefined)?.locale);
      const { revision, items } = await publisher.list(locale);
      res.json({ locale, revision, kinds: [...CONTENT_KINDS], items });
    }),
  );

  server.get(
    '/api/content/:locale/:kind/:id',
    apiRoute(deps, staff, async ({ req, res }) => {
      const p = entryParams(req);
      res.json(await publisher.entry(p.locale, p.kind, p.id));
    }),
  );

  server.get(
    '/api/content/:locale/:kind/:id/draft',
    apiRoute(deps, staff, async ({ req, res }) => {
      const p = entryParams(req);
      const entry = await publisher.entry(p.locale, p.kind, p.id);
      if (!entry.draft) throw new NotFoundError('draft');
      res.json(entry.draft);
    }),
  );

  server.put(
    '/api/content/:locale/:kind/:id/draft',
    apiRoute(deps, staff, async ({ req, res, principal }) => {
      const p = entryParams(req);
      const body = jsonBody(req, ['data']);
      await withContentIssues(res, async () => {
        const draft = await publisher.saveDraft(p.locale, p.kind, p.id, body.data ?? null, principal.name);
        await audit(principal.name, 'content.draft_saved', target(p));
        res.json({ data: draft.data, updatedAt: draft.updatedAt.toISOString(), by: draft.by });
      });
    }),
  );

  server.del(
    '/api/content/:locale/:kind/:id/draft',
    apiRoute(deps, staff, async ({ req, res, principal }) => {
      const p = entryParams(req);
      const had = await publisher.discardDraft(p.locale, p.kind, p.id);
      if (had) await audit(principal.name, 'content.draft_discarded', target(p));
      res.status(204);
      res.end();
    }),
  );

  server.post(
    '/api/content/:locale/:kind/:id/publish',
    apiRoute(deps, staff, async ({ req, res, principal }) => {
      const p = entryParams(req);
      jsonBody(req, [], true);
      await withContentIssues(res, async () => {
        const result = await publisher.publish(p.locale, p.kind, p.id, principal.name);
        await audit(principal.name, 'content.published', target(p), { version: result.version, revision: result.revision });
        await live.refresh();
        res.json(result);
      });
    }),
  );

  server.del(
    '/api/content/:locale/:kind/:id',
    apiRoute(deps, staff, async ({ req, res, principal }) => {
      const p = entryParams(req);
      await withContentIssues(res, async () => {
        const result = await publisher.unpublish(p.locale, p.kind, p.id, principal.name);
        await audit(principal.name, 'content.unpublished', target(p), { version: result.version, revision: result.revision });
        await live.refresh();
        res.json(result);
      });
    }),
  );

  server.get(
    '/api/content/:locale/:kind/:id/history',
    apiRoute(deps, staff, async ({ req, res }) => {
      const p = entryParams(req);
      res.json({ items: await publisher.history(p.locale, p.kind, p.id) });
    }),
  );

  server.post(
    '/api/content/:locale/:kind/:id/rollback',
    apiRoute(deps, staff, async ({ req, res, principal }) => {
      const p = entryParams(req);
      const body = jsonBody(req, ['version']);
      const version = body.version;
      if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) throw new ValidationError('version', 'not_a_positive_integer');
      await withContentIssues(res, async () => {
        const result = await publisher.rollback(p.locale, p.kind, p.id, version, principal.name);
        await audit(principal.name, 'content.rolled_back', target(p), { fromVersion: version, version: result.version, revision: result.revision });
        await live.refresh();
        res.json(result);
      });
    }),
  );

  server.post(
    '/api/content/preview',
    apiRoute(deps, staff, async ({ req, res }) => {
      const body = jsonBody(req, ['locale', 'text']);
      const locale = localeParam(stringField(body, 'locale') ?? 'it');
      const text = (stringField(body, 'text') ?? '').trim();
      if (text === '') throw new ValidationError('text', 'required');
      if (text.length > MAX_PREVIEW_CHARS) throw new ValidationError('text', 'too_long');
      const content = buildPublishedContent(await publisher.withDrafts(), -1);
      res.json({ locale, ...previewAnswer(content, deps, locale, text) });
    }),
  );
}

// ---- OpenAPI ------------------------------------------------------------------------------------------------------

const r = (name: string): { $ref: string } => ({ $ref: `#/components/responses/${name}` });
const ERRORS = { '400': r('BadRequest'), '401': r('Unauthorized'), '403': r('Forbidden'), '500': r('InternalError') };
const jsonOf = (schema: SchemaObject, description: string): ResponseObject => ({
  description,
  content: { 'application/json': { schema } },
});
const pathParams: OperationObject['parameters'] = [
  { name: 'locale', in: 'path', required: true, schema: { type: 'string', enum: [...LOCALES] } },
  { name: 'kind', in: 'path', required: true, schema: { type: 'string', enum: [...CONTENT_KINDS] } },
  { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: ID.source } },
];
const entryData: SchemaObject = { type: 'object', additionalProperties: true, description: 'The entry, in the format of its file (content/measure/README.md; news, events, announcements in the README)' };
const publishResult: SchemaObject = { type: 'object', required: ['version', 'revision'], properties: { version: { type: 'integer' }, revision: { type: 'integer' } } };
const contentInvalid = jsonOf(
  { type: 'object', properties: { error: { type: 'object' }, issues: { type: 'array', items: { type: 'object', properties: { entry: { type: 'string' }, field: { type: 'string' }, problem: { type: 'string' } } } } } },
  'Invalid content (`issues` names the entry and the field), or an invalid request',
);
const op = (o: Omit<OperationObject, 'tags'>): OperationObject => ({ tags: ['content'], ...o });

export const CONTENT_API_PATHS: Record<string, PathItemObject> = {
  '/api/content/{locale}': {
    get: op({
      operationId: 'listContent',
      summary: 'Staff: every entry of a locale, with draft and "translation out of date" flags',
      parameters: [pathParams[0]],
      responses: { '200': jsonOf({ type: 'object', additionalProperties: true }, 'Entries in publishing order'), ...ERRORS },
    }),
  },
  '/api/content/{locale}/{kind}/{id}': {
    get: op({ operationId: 'getContentEntry', summary: 'Staff: the published version and the draft of an entry', parameters: pathParams, responses: { '200': jsonOf({ type: 'object', additionalProperties: true }, 'The entry'), ...ERRORS, '404': r('NotFound') } }),
    delete: op({ operationId: 'unpublishContentEntry', summary: 'Staff: withdraw a published entry (a new version; rollback restores it)', parameters: pathParams, responses: { '200': jsonOf(publishResult, 'Withdrawn'), ...ERRORS, '400': contentInvalid, '404': r('NotFound') } }),
  },
  '/api/content/{locale}/{kind}/{id}/draft': {
    get: op({ operationId: 'getContentDraft', summary: 'Staff: the draft of an entry', parameters: pathParams, responses: { '200': jsonOf({ type: 'object', additionalProperties: true }, 'The draft'), ...ERRORS, '404': r('NotFound') } }),
    put: op({
      operationId: 'saveContentDraft',
      summary: 'Staff: save the draft of an entry (validated)',
      parameters: pathParams,
      requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['data'], additionalProperties: false, properties: { data: entryData } } } } },
      responses: { '200': jsonOf({ type: 'object', additionalProperties: true }, 'The saved draft'), ...ERRORS, '400': contentInvalid, '415': r('UnsupportedMediaType') },
    }),
    delete: op({ operationId: 'discardContentDraft', summary: 'Staff: discard the draft', parameters: pathParams, responses: { '204': { description: 'Discarded (or there was none)' }, ...ERRORS } }),
  },
  '/api/content/{locale}/{kind}/{id}/publish': {
    post: op({
      operationId: 'publishContentEntry',
      summary: 'Staff: publish the draft; every running instance answers with it within 5 s',
      parameters: pathParams,
      responses: { '200': jsonOf(publishResult, 'Published'), ...ERRORS, '400': contentInvalid, '404': r('NotFound'), '409': r('Conflict') },
    }),
  },
  '/api/content/{locale}/{kind}/{id}/history': {
    get: op({ operationId: 'getContentHistory', summary: 'Staff: every version of an entry, newest first', parameters: pathParams, responses: { '200': jsonOf({ type: 'object', additionalProperties: true }, 'Versions'), ...ERRORS, '404': r('NotFound') } }),
  },
  '/api/content/{locale}/{kind}/{id}/rollback': {
    post: op({
      operationId: 'rollbackContentEntry',
      summary: 'Staff: publish an earlier version again',
      parameters: pathParams,
      requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['version'], additionalProperties: false, properties: { version: { type: 'integer', minimum: 1 } } } } } },
      responses: { '200': jsonOf(publishResult, 'Published again as a new version'), ...ERRORS, '400': contentInvalid, '404': r('NotFound'), '409': r('Conflict') },
    }),
  },
  '/api/content/preview': {
    post: op({
      operationId: 'previewContent',
      summary: "Staff: the bot's replies to a message with every draft applied (for the console's preview only)",
      requestBody: {
        required: true,
        content: { 'application/json': { schema: { type: 'object', required: ['text'], additionalProperties: false, properties: { locale: { type: 'string', enum: [...LOCALES] }, text: { type: 'string', maxLength: MAX_PREVIEW_CHARS } } } } },
      },
      responses: { '200': jsonOf({ type: 'object', additionalProperties: true }, '{ locale, outcome, replies: [{ text, buttons }] }'), ...ERRORS, '415': r('UnsupportedMediaType') },
    }),
  },
};
