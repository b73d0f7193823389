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
 *   GET    /api/content/translations                     per language: entries missing, out of date, to be reviewed,
 *                                                        reviewed against Italian (models/publishing/translationReview.ts)
 *   POST   /api/content/:locale/:kind/:id/approve        { version } -> staff approve that translated version as it is
 *   GET    /api/content/translations/:locale/:kind/:id   a translation kept in a file (UI strings, privacy notice: kind
 *                                                        strings|privacy) beside its Italian source, key by key
 *   POST   /api/content/translations/:locale/:kind/:id/approve
 *                                                        { digest, sourceDigest } -> staff approve that file translation
 *                                                        as it is (models/publishing/fileTranslationReview.ts)
 *
 * A content validation failure answers 400 `{ error: { code: 'VALIDATION', reason: 'content_invalid', field },
 * issues: [{ entry, field, problem }] }`: the issues name the entry and the field, for the console to show next to
 * each field.
 */
import type { Activity } from 'botbuilder';
import type { Response } from 'restify';
import { z } from 'zod';
import { ContentValidationError, LOCALES, type Locale } from '../../models/content';
import { NotFoundError } from '../../models/errors';
import type { Language, Translator } from '../../models/i18n';
import type { ContentPublisher } from '../../models/publishing/contentPublisher';
import type { FileTranslationReview } from '../../models/publishing/fileTranslationReview';
import { FILE_TRANSLATION_KINDS } from '../../models/publishing/fileTranslations';
import { buildPublishedContent, type LiveContent, type PublishedContent } from '../../models/publishing/liveContent';
import { REVIEW_STATUSES, emptyCounts } from '../../models/publishing/translationReview';
import { CONTENT_KINDS } from '../../models/publishing/types';
import { InformResponder } from '../../dialogs/inform/informResponder';
import { recognizeNoticeRequest } from '../../dialogs/intents';
import { STAFF_ERRORS, jsonAnswer, responseRef } from './apiDocs';
import type { ApiDeps } from './request';
import { errorSchema } from './errors';
import { route, type ApiRoute, type ResponseDoc } from './routeTable';
import { count, reasons } from './schemas';

export interface ContentApiDeps extends ApiDeps {
  publisher: ContentPublisher;
  /** the review of the translations kept in files (UI strings, privacy notices), read at start */
  fileReview: FileTranslationReview;
  live: LiveContent;
  translator: Translator;
  /** the province a message names ("incontri a Bergamo") */
  placeOf: (text: string, language: Language) => { code: string; name: string } | undefined;
}

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** a UI string group ("consentWithdrawal") or a privacy notice ("notice", "campaign") */
const FILE_ITEM_ID = /^[A-Za-z][A-Za-z0-9_-]*$/;
const DIGEST = /^[0-9a-f]{16}$/;
const MAX_PREVIEW_CHARS = 500;

// ---- schemas ----------------------------------------------------------------------------------------------------

const locale = z.enum(LOCALES as readonly Locale[] as [Locale, ...Locale[]], { error: 'unknown_locale' });
const localeParams = z.object({ locale });
const entryParams = z.object({
  locale,
  kind: z.enum(CONTENT_KINDS, { error: 'unknown_kind' }),
  id: z.string({ error: 'invalid_id' }).max(100, { error: 'invalid_id' }).regex(ID, { error: 'invalid_id' }),
});
const draftBody = z.strictObject({ data: z.unknown().meta({ type: 'object', additionalProperties: true, description: 'The entry, in the format of its file (content/measure/README.md; news, events, announcements in the README)' }) });
const rollbackBody = z.strictObject({ version: z.number({ error: 'not_a_positive_integer' }).int({ error: 'not_a_positive_integer' }).min(1, { error: 'not_a_positive_integer' }) });
const previewBody = z.strictObject({
  locale: z.enum(LOCALES as readonly Locale[] as [Locale, ...Locale[]], { error: (issue) => (typeof issue.input === 'string' ? 'unknown_locale' : 'not_a_string') }).default('it'),
  text: z
    .string(reasons('not_a_string'))
    .transform((v) => v.trim())
    .refine((v) => v !== '', { error: 'required' })
    .refine((v) => v.length <= MAX_PREVIEW_CHARS, { error: 'too_long' })
    .meta({ maxLength: MAX_PREVIEW_CHARS }),
});
const noBody = z.strictObject({});
const fileItemParams = z.object({
  locale,
  kind: z.enum(FILE_TRANSLATION_KINDS, { error: 'unknown_kind' }),
  id: z.string({ error: 'invalid_id' }).max(100, { error: 'invalid_id' }).regex(FILE_ITEM_ID, { error: 'invalid_id' }),
});
const digest = (description: string) => z.string({ error: 'invalid_digest' }).regex(DIGEST, { error: 'invalid_digest' }).meta({ description });
const approveFileBody = z.strictObject({
  digest: digest('The digest of the translation the staff member reviewed (409 version_changed when this server reads another)'),
  sourceDigest: digest('The digest of the Italian source they compared it with (409 version_changed when it changed)'),
});
const approveBody = z.strictObject({
  version: z.number({ error: 'not_a_positive_integer' }).int({ error: 'not_a_positive_integer' }).min(1, { error: 'not_a_positive_integer' }).meta({ description: 'The version the staff member reviewed (409 version_changed when another one is live)' }),
});

// ---- what the routes answer (the OpenAPI document is generated from these) -----------------------------------------

const publishResultSchema = z.object({ version: count(), revision: count() });
const approveResultSchema = z.object({ version: count(), reviewedBy: z.string(), reviewedAt: z.string().meta({ format: 'date-time' }) });
const reviewStatusSchema = z.enum(REVIEW_STATUSES);
const reviewCountsSchema = z.object(Object.fromEntries(REVIEW_STATUSES.map((s) => [s, count()])) as Record<(typeof REVIEW_STATUSES)[number], ReturnType<typeof count>>);
const fileReviewItemSchema = z.object({
  kind: z.enum(FILE_TRANSLATION_KINDS),
  id: z.string(),
  title: z.string(),
  file: z.string().meta({ description: 'The file, relative to content/ (edited through git)' }),
  digest: z.string().nullable().meta({ description: 'The translation as this server read it at start (null: none)' }),
  sourceDigest: z.string().meta({ description: 'The Italian source as this server read it at start' }),
  status: reviewStatusSchema,
  missingKeys: z.array(z.string()).meta({ description: 'Keys of the Italian this language lacks' }),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().meta({ format: 'date-time' }).nullable(),
});
const fileReviewDetailSchema = fileReviewItemSchema.extend({
  locale: z.string(),
  sourceFile: z.string(),
  rows: z.array(z.object({ key: z.string(), source: z.string().nullable(), translation: z.string().nullable() })).meta({ description: 'Key by key, the Italian and the translation (null: absent there)' }),
});
const approveFileResultSchema = z.object({ digest: z.string(), sourceDigest: z.string(), reviewedBy: z.string(), reviewedAt: z.string().meta({ format: 'date-time' }) });
const translationReviewSchema = z.object({
  revision: count(),
  source: z.string().meta({ description: 'The language every other one is translated from (it)' }),
  languages: z.array(
    z.object({
      locale: z.string(),
      counts: reviewCountsSchema,
      entries: z.array(z.object({ kind: z.enum(CONTENT_KINDS), id: z.string(), title: z.string(), version: count().nullable(), status: reviewStatusSchema })),
      files: z
        .object({ counts: reviewCountsSchema, items: z.array(fileReviewItemSchema) })
        .meta({ description: 'The translations kept in files read at start: UI string groups and privacy notices' }),
    }),
  ),
});
const contentIssuesSchema = errorSchema.extend({
  issues: z.array(z.object({ entry: z.string().optional(), field: z.string().optional(), problem: z.string() })).meta({ description: 'Invalid content only' }).optional(),
});

/** Sends a content validation failure with every issue; anything else goes on to the central mapping. */
function sendContentIssues(res: Response, err: ContentValidationError): void {
  const issues = err.issues.map((i) => ({ ...(i.entry ? { entry: i.entry } : {}), ...(i.field ? { field: i.field } : {}), problem: i.problem }));
  res.status(400);
  res.json({ error: { code: 'VALIDATION', reason: 'content_invalid', field: err.issues.find((i) => i.field)?.field ?? '(entry)' }, issues } satisfies z.infer<typeof contentIssuesSchema>);
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

/** an entry, or a translation kept in a file (kind strings|privacy) */
type EntryKey = { locale: string; kind: string; id: string };
const target = (p: EntryKey): string => `content:${p.locale}:${p.kind}:${p.id}`;

async function audit(deps: ContentApiDeps, actor: string, action: string, p: EntryKey, details: Record<string, number | string> = {}): Promise<void> {
  try {
    await deps.domain.audit.append({ actor, action, target: target(p), details });
  } catch (err) {
    deps.logger.error({ action, err: { name: err instanceof Error ? err.name : typeof err } }, 'audit entry not written');
  }
}

// ---- the routes -------------------------------------------------------------------------------------------------

const contentInvalid = jsonAnswer('Invalid content (`issues` names the entry and the field), or an invalid request', contentIssuesSchema);
const anyObject = (description: string): ResponseDoc => jsonAnswer(description, { type: 'object', additionalProperties: true });
const entry = { staffOnly: true, tags: ['content'], params: entryParams } as const;

export const CONTENT_ROUTES: ReadonlyArray<ApiRoute<ContentApiDeps>> = [
  route({
    staffOnly: true,
    tags: ['content'],
    params: localeParams,
    method: 'get',
    path: '/api/content/:locale',
    operationId: 'listContent',
    summary: 'Staff: every entry of a locale, with draft and "translation out of date" flags',
    responses: { '200': anyObject('Entries in publishing order'), ...STAFF_ERRORS },
    handler: async ({ res, params }, { publisher }) => {
      const { revision, items } = await publisher.list(params.locale);
      res.json({ locale: params.locale, revision, kinds: [...CONTENT_KINDS], items });
    },
  }),
  route({
    ...entry,
    method: 'get',
    path: '/api/content/:locale/:kind/:id',
    operationId: 'getContentEntry',
    summary: 'Staff: the published version and the draft of an entry',
    responses: { '200': anyObject('The entry'), ...STAFF_ERRORS, '404': responseRef('NotFound') },
    handler: async ({ res, params: p }, { publisher }) => {
      res.json(await publisher.entry(p.locale, p.kind, p.id));
    },
  }),
  route({
    ...entry,
    method: 'get',
    path: '/api/content/:locale/:kind/:id/draft',
    operationId: 'getContentDraft',
    summary: 'Staff: the draft of an entry',
    responses: { '200': anyObject('The draft'), ...STAFF_ERRORS, '404': responseRef('NotFound') },
    handler: async ({ res, params: p }, { publisher }) => {
      const found = await publisher.entry(p.locale, p.kind, p.id);
      if (!found.draft) throw new NotFoundError('draft');
      res.json(found.draft);
    },
  }),
  route({
    ...entry,
    method: 'put',
    path: '/api/content/:locale/:kind/:id/draft',
    operationId: 'saveContentDraft',
    summary: 'Staff: save the draft of an entry (validated)',
    body: draftBody,
    responses: { '200': anyObject('The saved draft'), ...STAFF_ERRORS, '400': contentInvalid, '415': responseRef('UnsupportedMediaType') },
    handler: async ({ res, principal, params: p, body }, deps) => {
      await withContentIssues(res, async () => {
        const draft = await deps.publisher.saveDraft(p.locale, p.kind, p.id, body.data ?? null, principal.name);
        await audit(deps, principal.name, 'content.draft_saved', p);
        res.json({ data: draft.data, updatedAt: draft.updatedAt.toISOString(), by: draft.by });
      });
    },
  }),
  route({
    ...entry,
    method: 'delete',
    path: '/api/content/:locale/:kind/:id/draft',
    operationId: 'discardContentDraft',
    summary: 'Staff: discard the draft',
    responses: { '204': { description: 'Discarded (or there was none)' }, ...STAFF_ERRORS },
    handler: async ({ res, principal, params: p }, deps) => {
      const had = await deps.publisher.discardDraft(p.locale, p.kind, p.id);
      if (had) await audit(deps, principal.name, 'content.draft_discarded', p);
      res.status(204);
      res.end();
    },
  }),
  route({
    ...entry,
    method: 'post',
    path: '/api/content/:locale/:kind/:id/publish',
    operationId: 'publishContentEntry',
    summary: 'Staff: publish the draft; every running instance answers with it within 5 s',
    body: noBody,
    bodyOptional: true,
    responses: { '200': jsonAnswer('Published', publishResultSchema), ...STAFF_ERRORS, '400': contentInvalid, '404': responseRef('NotFound'), '409': responseRef('Conflict') },
    handler: async ({ res, principal, params: p }, deps) => {
      await withContentIssues(res, async () => {
        const result = await deps.publisher.publish(p.locale, p.kind, p.id, principal.name);
        await audit(deps, principal.name, 'content.published', p, { version: result.version, revision: result.revision });
        await deps.live.refresh();
        res.json(result satisfies z.infer<typeof publishResultSchema>);
      });
    },
  }),
  route({
    ...entry,
    method: 'delete',
    path: '/api/content/:locale/:kind/:id',
    operationId: 'unpublishContentEntry',
    summary: 'Staff: withdraw a published entry (a new version; rollback restores it)',
    responses: { '200': jsonAnswer('Withdrawn', publishResultSchema), ...STAFF_ERRORS, '400': contentInvalid, '404': responseRef('NotFound') },
    handler: async ({ res, principal, params: p }, deps) => {
      await withContentIssues(res, async () => {
        const result = await deps.publisher.unpublish(p.locale, p.kind, p.id, principal.name);
        await audit(deps, principal.name, 'content.unpublished', p, { version: result.version, revision: result.revision });
        await deps.live.refresh();
        res.json(result satisfies z.infer<typeof publishResultSchema>);
      });
    },
  }),
  route({
    ...entry,
    method: 'get',
    path: '/api/content/:locale/:kind/:id/history',
    operationId: 'getContentHistory',
    summary: 'Staff: every version of an entry, newest first',
    responses: { '200': anyObject('Versions'), ...STAFF_ERRORS, '404': responseRef('NotFound') },
    handler: async ({ res, params: p }, { publisher }) => {
      res.json({ items: await publisher.history(p.locale, p.kind, p.id) });
    },
  }),
  route({
    ...entry,
    method: 'post',
    path: '/api/content/:locale/:kind/:id/rollback',
    operationId: 'rollbackContentEntry',
    summary: 'Staff: publish an earlier version again',
    body: rollbackBody,
    responses: { '200': jsonAnswer('Published again as a new version', publishResultSchema), ...STAFF_ERRORS, '400': contentInvalid, '404': responseRef('NotFound'), '409': responseRef('Conflict') },
    handler: async ({ res, principal, params: p, body: { version } }, deps) => {
      await withContentIssues(res, async () => {
        const result = await deps.publisher.rollback(p.locale, p.kind, p.id, version, principal.name);
        await audit(deps, principal.name, 'content.rolled_back', p, { fromVersion: version, version: result.version, revision: result.revision });
        await deps.live.refresh();
        res.json(result satisfies z.infer<typeof publishResultSchema>);
      });
    },
  }),
  route({
    staffOnly: true,
    tags: ['content'],
    method: 'get',
    path: '/api/content/translations',
    operationId: 'getTranslationReview',
    summary: 'Staff: per language, the entries and file translations missing, out of date (Italian changed), to be reviewed and reviewed',
    responses: { '200': jsonAnswer('Every language but Italian, against Italian', translationReviewSchema), ...STAFF_ERRORS },
    handler: async ({ res }, { publisher, fileReview }) => {
      const [content, files] = await Promise.all([publisher.translationReview(), fileReview.languages()]);
      const filesOf = new Map(files.map(({ locale: l, ...rest }) => [l as string, rest]));
      const languages = content.languages.map((l) => ({ ...l, files: filesOf.get(l.locale) ?? { counts: emptyCounts(), items: [] } }));
      res.json({ ...content, languages } satisfies z.infer<typeof translationReviewSchema>);
    },
  }),
  route({
    staffOnly: true,
    tags: ['content'],
    params: fileItemParams,
    method: 'get',
    path: '/api/content/translations/:locale/:kind/:id',
    operationId: 'getFileTranslation',
    summary: 'Staff: a translation kept in a file (UI string group, privacy notice) beside its Italian source, key by key (read-only)',
    responses: { '200': jsonAnswer('The item, its review and its rows', fileReviewDetailSchema), ...STAFF_ERRORS, '404': responseRef('NotFound'), '409': responseRef('Conflict') },
    handler: async ({ res, params: p }, { fileReview }) => {
      res.json((await fileReview.detail(p.locale, p.kind, p.id)) satisfies z.infer<typeof fileReviewDetailSchema>);
    },
  }),
  route({
    staffOnly: true,
    tags: ['content'],
    params: fileItemParams,
    method: 'post',
    path: '/api/content/translations/:locale/:kind/:id/approve',
    operationId: 'approveFileTranslation',
    summary: 'Staff: approve a translation kept in a file as it is, by its digest and its Italian source\'s (what workers read does not change)',
    body: approveFileBody,
    responses: { '200': jsonAnswer('Approved', approveFileResultSchema), ...STAFF_ERRORS, '404': responseRef('NotFound'), '409': responseRef('Conflict') },
    handler: async ({ res, principal, params: p, body }, deps) => {
      // a double click or two staff members at once: one approval, audited once, the same answer for all
      const { recorded, ...result } = await deps.fileReview.approve(p.locale, p.kind, p.id, body.digest, body.sourceDigest, principal.name);
      if (recorded) await audit(deps, principal.name, 'content.approved', p, { digest: result.digest, sourceDigest: result.sourceDigest });
      res.json(result satisfies z.infer<typeof approveFileResultSchema>);
    },
  }),
  route({
    ...entry,
    method: 'post',
    path: '/api/content/:locale/:kind/:id/approve',
    operationId: 'approveContentTranslation',
    summary: 'Staff: approve the live version of a translated entry as it is (reviewed; what workers read does not change)',
    body: approveBody,
    responses: { '200': jsonAnswer('Approved', approveResultSchema), ...STAFF_ERRORS, '404': responseRef('NotFound'), '409': responseRef('Conflict') },
    handler: async ({ res, principal, params: p, body: { version } }, deps) => {
      // a double click or two staff members at once: one approval, audited once, the same answer for all
      const { recorded, ...result } = await deps.publisher.approve(p.locale, p.kind, p.id, version, principal.name);
      if (recorded) await audit(deps, principal.name, 'content.approved', p, { version: result.version });
      res.json(result satisfies z.infer<typeof approveResultSchema>);
    },
  }),
  route({
    staffOnly: true,
    tags: ['content'],
    method: 'post',
    path: '/api/content/preview',
    operationId: 'previewContent',
    summary: "Staff: the bot's replies to a message with every draft applied (for the console's preview only)",
    body: previewBody,
    responses: { '200': anyObject('{ locale, outcome, replies: [{ text, buttons }] }'), ...STAFF_ERRORS, '415': responseRef('UnsupportedMediaType') },
    handler: async ({ res, body }, deps) => {
      const content = buildPublishedContent(await deps.publisher.withDrafts(), -1);
      res.json({ locale: body.locale, ...previewAnswer(content, deps, body.locale, body.text) });
    },
  }),
];
