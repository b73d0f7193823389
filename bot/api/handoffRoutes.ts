/**
 * The live handoff, for operators and staff (bearer token or console session with its CSRF token, as every /api
 * route). An operator sees the requests of their projects (or, without a project, of their projects' provinces)
 * while they are available; staff see all. Accepting, ending and availability changes are audited (names, ids,
 * codes); message text is never logged or audited.
 *
 *   GET  /api/handoffs?view=waiting|mine|closed    the lists of the "Conversazioni" panel
 *   GET  /api/handoffs/availability                 the caller's availability
 *   PUT  /api/handoffs/availability                 { available, provinces? } -> the availability
 *   GET  /api/handoffs/stats?groupBy=province|language   staff: median wait and acceptances
 *   GET  /api/handoffs/:id                          one request (and who is typing)
 *   POST /api/handoffs/:id/accept                   atomic: of concurrent acceptances exactly one wins, the others 409 naming it
 *   GET  /api/handoffs/:id/messages?after=N&waitSeconds=S   messages after the cursor N; waits up to S seconds for one (long poll);
 *                                                   the holder and staff only (others: an empty page)
 *   POST /api/handoffs/:id/messages                 { text } -> 201 the message (the holder only)
 *   POST /api/handoffs/:id/typing                   -> 204 (the holder only; lasts a few seconds)
 *   POST /api/handoffs/:id/end                      { reason: closed | returned_to_bot | referral } (the holder, or staff)
 *   GET  /api/referrals/:id/transcript              the conversations kept with a referral (the worker consented), for
 *                                                   whoever may see the referral's personal data (its holder, staff)
 *
 * Every call of an operator to these routes keeps their availability live (a closed console stops counting after
 * handoffService.PRESENCE_MS).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { operatorNow } from '../../models/handoff/operatorNow';
import { END_REASONS, HANDOFF_STATUSES, OPERATOR_END_REASONS, isFinal, type Handoff, type HandoffMessage, type OperatorRef } from '../../models/handoff/handoff';
import { HandoffTakenError, MESSAGE_MAX, type HandoffService } from '../../models/handoff/handoffService';
import { AUTH_ERRORS, STAFF_ERRORS, jsonAnswer, responseRef } from './apiDocs';
import type { Principal } from './auth';
import { AlreadyClaimedError, errorSchema } from './errors';
import type { ApiDeps } from './request';
import { route, type ApiRoute, type ResponseDoc } from './routeTable';
import { count, intQueryOr, isoDateTime } from './schemas';
import { referralId, visibleLead } from './referralsRoutes';
import { seesPersonalData } from './views';
import { ForbiddenError } from '../../models/errors';

export interface HandoffApiDeps extends ApiDeps {
  handoffs: HandoffService;
}

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** a long poll waits at most this long (below common proxies' 30 s idle timeouts) */
const MAX_WAIT_SECONDS = 25;
/** how often a long poll looks at the store */
const POLL_MS = 400;

// ---- views (the OpenAPI document is generated from these schemas) -----------------------------------------------

const operatorSchema = z.object({ name: z.string(), role: z.enum(['operator', 'staff']) });
const handoffSchema = z
  .object({
    id: z.string().meta({ format: 'uuid' }),
    status: z.enum(HANDOFF_STATUSES),
    channel: z.string().meta({ description: 'webchat, msteams, ...' }),
    language: z.string().meta({ description: 'the worker\'s language (it, en, ...)' }),
    province: z.string().optional(),
    sector: z.string().optional(),
    projectId: z.string().optional(),
    lastExchange: z.array(z.string()).meta({ description: 'codes of the last exchange with the bot (faq:<id>, precheck:<outcome>, ...): never text' }),
    createdAt: isoDateTime(),
    operator: operatorSchema.meta({ description: 'who holds (or held) the conversation' }).optional(),
    acceptedAt: isoDateTime().optional(),
    endedAt: isoDateTime().optional(),
    endReason: z.enum(END_REASONS).optional(),
    transcriptKept: z.boolean().meta({ description: 'the worker consented to keeping the transcript after the end' }),
  })
  .meta({ id: 'Handoff' });
type HandoffViewBody = z.infer<typeof handoffSchema>;
const typingSchema = z.object({ worker: z.boolean(), operator: z.boolean() });
const detailSchema = handoffSchema.extend({ typing: typingSchema });
const listSchema = z.object({ items: z.array(handoffSchema) });
const messageSchema = z
  .object({
    seq: count('the cursor: messages are numbered 1, 2, 3... per handoff, in order'),
    from: z.enum(['worker', 'operator']),
    text: z.string(),
    at: isoDateTime(),
    operator: operatorSchema.optional(),
  })
  .meta({ id: 'HandoffMessage' });
const messagesSchema = z.object({ items: z.array(messageSchema), cursor: count('pass as `after` next time'), typing: typingSchema, status: z.enum(HANDOFF_STATUSES) });
const availabilitySchema = z.object({
  available: z.boolean(),
  provinces: z.array(z.string()).meta({ description: 'the provinces whose requests without a project the caller takes' }),
  projectIds: z.array(z.string()),
});
const transcriptsSchema = z.object({
  items: z.array(
    z.object({
      handoffId: z.string().meta({ format: 'uuid' }),
      endedAt: isoDateTime().optional(),
      consent: z.object({ noticeVersion: z.string(), language: z.string().optional(), givenAt: isoDateTime() }).meta({ description: 'the worker\'s consent to keeping it: the text\'s version and language' }),
      messages: z.array(messageSchema),
    }),
  ),
});
const statsRow = z.object({ group: z.string(), accepted: count(), medianWaitSeconds: z.number().nullable() });
const statsSchema = z.object({ groupBy: z.enum(['province', 'language']), rows: z.array(statsRow), total: statsRow });

function view(h: Handoff): HandoffViewBody {
  return {
    id: h._id,
    status: h.status,
    channel: h.channel,
    language: h.language,
    ...(h.province ? { province: h.province } : {}),
    ...(h.sector ? { sector: h.sector } : {}),
    ...(h.projectId ? { projectId: h.projectId } : {}),
    lastExchange: h.lastExchange,
    createdAt: h.createdAt.toISOString(),
    ...(h.operatorName && h.operatorRole ? { operator: { name: h.operatorName, role: h.operatorRole } } : {}),
    ...(h.acceptedAt ? { acceptedAt: h.acceptedAt.toISOString() } : {}),
    ...(h.endedAt ? { endedAt: h.endedAt.toISOString() } : {}),
    ...(h.endReason ? { endReason: h.endReason } : {}),
    transcriptKept: h.transcriptKept === true,
  };
}

function messageView(m: HandoffMessage): z.infer<typeof messageSchema> {
  return { seq: m.seq, from: m.from, text: m.text, at: m.at.toISOString(), ...(m.operatorName && m.operatorRole ? { operator: { name: m.operatorName, role: m.operatorRole } } : {}) };
}

/** The caller as an operator of handoffs: their projects, and those projects' provinces. */
async function operatorOf(principal: Principal, deps: HandoffApiDeps): Promise<OperatorRef> {
  // its active projects only (operatorNow.ts): a disabled project's requests are no longer theirs to see or take
  const projects = principal.role === 'staff' ? [] : await deps.domain.projects.listActive();
  const operator: OperatorRef = operatorNow({ _id: principal.accountId, name: principal.name, role: principal.role, projectIds: principal.projectIds }, projects);
  await deps.handoffs.seen(principal.accountId);
  return operator;
}

async function audit(deps: HandoffApiDeps, actor: string, action: string, id: string, details: Record<string, string | number> = {}): Promise<void> {
  try {
    await deps.domain.audit.append({ actor, action, target: `handoff:${id}`, details });
  } catch (err) {
    deps.logger.error({ action, err: { name: err instanceof Error ? err.name : typeof err } }, 'audit entry not written');
  }
}

// ---- schemas of the requests -------------------------------------------------------------------------------------

const idParams = z.object({ id: z.string().regex(ID).meta({ description: 'The handoff\'s id', format: 'uuid' }) });
const listQuery = z.object({
  view: z.enum(['waiting', 'mine', 'closed'], { error: 'unknown_view' }).default('waiting').meta({ description: 'waiting (default): requests the caller may accept; mine: held by the caller; closed: ended (the caller\'s; staff: all)' }),
  limit: intQueryOr(1, 100, 3, 50),
});
const availabilityBody = z.strictObject({
  available: z.boolean({ error: 'not_a_boolean' }),
  provinces: z
    .array(z.string({ error: 'not_a_string' }).regex(/^[A-Za-z]{2}$/, { error: 'invalid_province' }), { error: 'not_a_list' })
    .max(12, { error: 'too_many' })
    .meta({ description: 'a subset of the provinces of the caller\'s projects (default: all of them; staff: any)' })
    .optional(),
});
const messagesQuery = z.object({
  after: intQueryOr(0, 1_000_000_000, 10, 0, 'the cursor of the last message read (0: from the start)'),
  waitSeconds: intQueryOr(0, MAX_WAIT_SECONDS, 2, 0, `with nothing new, wait up to this many seconds for a message (long poll, at most ${MAX_WAIT_SECONDS})`),
  limit: intQueryOr(1, 500, 3, 100),
});
const messageBody = z.strictObject({
  text: z.string({ error: 'not_a_string' }).trim().min(1, { error: 'empty' }).max(MESSAGE_MAX, { error: 'too_long' }),
});
const endBody = z.strictObject({ reason: z.enum(OPERATOR_END_REASONS, { error: (issue) => (typeof issue.input === 'string' ? 'unknown_end_reason' : 'not_a_string') }) });
const noBody = z.strictObject({});

const tags = ['handoffs'];
const notFound: ResponseDoc = { description: 'No such handoff, or not one the caller may see', schema: errorSchema, example: { error: { code: 'NOT_FOUND', reason: 'handoff_not_found' } } };
const conflict: ResponseDoc = {
  description: 'Taken by someone else (`claimedBy` names them), or not in a state that allows this',
  schema: errorSchema,
  example: { error: { code: 'CONFLICT', reason: 'already_claimed_by:op-bg-1', claimedBy: 'op-bg-1' } },
};
const byId = { tags, params: idParams, notFoundAs: 'handoff' } as const;
const ERRORS = { ...AUTH_ERRORS, '403': responseRef('Forbidden') };

export const HANDOFF_ROUTES: ReadonlyArray<ApiRoute<HandoffApiDeps>> = [
  route({
    method: 'get',
    path: '/api/handoffs',
    operationId: 'listHandoffs',
    summary: 'Requests for a person: waiting (those the caller may accept, while available), mine, closed',
    tags,
    query: listQuery,
    responses: { '200': jsonAnswer('Requests', listSchema), ...ERRORS },
    handler: async ({ res, principal, query }, deps) => {
      const operator = await operatorOf(principal, deps);
      const items = await deps.handoffs.list(query.view, operator, query.limit);
      res.json({ items: items.map(view) } satisfies z.infer<typeof listSchema>);
    },
  }),
  route({
    method: 'get',
    path: '/api/handoffs/availability',
    operationId: 'getHandoffAvailability',
    summary: 'Whether the caller is available for requests, and for which provinces',
    tags,
    responses: { '200': jsonAnswer('Availability', availabilitySchema), ...ERRORS },
    handler: async ({ res, principal }, deps) => {
      const presence = await deps.handoffs.availabilityOf(await operatorOf(principal, deps));
      res.json({ available: presence.available, provinces: presence.provinces, projectIds: presence.projectIds } satisfies z.infer<typeof availabilitySchema>);
    },
  }),
  route({
    method: 'put',
    path: '/api/handoffs/availability',
    operationId: 'setHandoffAvailability',
    summary: 'The caller becomes available (or not) for requests of their projects and provinces. Audited as handoff.availability',
    tags,
    body: availabilityBody,
    requestExample: { available: true, provinces: ['BG'] },
    responses: { '200': jsonAnswer('Availability', availabilitySchema), ...ERRORS, '415': responseRef('UnsupportedMediaType') },
    handler: async ({ res, principal, body }, deps) => {
      const presence = await deps.handoffs.setAvailability(await operatorOf(principal, deps), { available: body.available, ...(body.provinces ? { provinces: body.provinces } : {}) });
      try {
        await deps.domain.audit.append({ actor: principal.name, action: 'handoff.availability', target: `account:${principal.accountId}`, details: { available: presence.available ? 'yes' : 'no', provinces: presence.provinces.join(',') || 'none' } });
      } catch (err) {
        deps.logger.error({ err: { name: err instanceof Error ? err.name : typeof err } }, 'audit entry not written');
      }
      res.json({ available: presence.available, provinces: presence.provinces, projectIds: presence.projectIds } satisfies z.infer<typeof availabilitySchema>);
    },
  }),
  route({
    staffOnly: true,
    method: 'get',
    path: '/api/handoffs/stats',
    operationId: 'handoffStats',
    summary: 'Staff: acceptances and median wait (seconds) by province or language; the other counts (asked, accepted, unanswered, abandoned, turned into referral) are in the funnel',
    tags: ['handoffs', 'analytics'],
    query: z.object({ groupBy: z.enum(['province', 'language'], { error: 'unknown_group' }).default('province') }),
    responses: { '200': jsonAnswer('Waits', statsSchema), ...STAFF_ERRORS },
    handler: async ({ res, query }, deps) => {
      const stats = await deps.handoffs.waitStats(query.groupBy);
      res.json({ groupBy: query.groupBy, ...stats } satisfies z.infer<typeof statsSchema>);
    },
  }),
  route({
    method: 'get',
    path: '/api/referrals/:id/transcript',
    operationId: 'getReferralTranscript',
    summary: 'The live-handoff conversations the worker agreed to attach to this referral (its holder and staff: personal data)',
    tags: ['handoffs', 'referrals'],
    parameters: referralId,
    responses: { '200': jsonAnswer('The kept conversations, oldest first (none: an empty list)', transcriptsSchema), ...ERRORS, '404': responseRef('NotFound') },
    handler: async ({ req, res, principal }, deps) => {
      const lead = await visibleLead(deps, req.params?.id, principal);
      // what the worker wrote is personal data: shown as the contact details are (the holder, staff)
      if (!seesPersonalData(principal, lead)) throw new ForbiddenError('personal_data_of_holder_only');
      const kept = await deps.handoffs.transcriptsOfLead(lead._id);
      res.json({
        items: kept.map((k) => ({
          handoffId: k.handoffId,
          ...(k.endedAt ? { endedAt: k.endedAt.toISOString() } : {}),
          consent: { noticeVersion: k.consent.noticeVersion, ...(k.consent.language ? { language: k.consent.language } : {}), givenAt: k.consent.givenAt.toISOString() },
          messages: k.messages.map(messageView),
        })),
      } satisfies z.infer<typeof transcriptsSchema>);
    },
  }),
  route({
    ...byId,
    method: 'get',
    path: '/api/handoffs/:id',
    operationId: 'getHandoff',
    summary: 'One request and who is typing',
    responses: { '200': jsonAnswer('The request', detailSchema), ...ERRORS, '404': notFound },
    handler: async ({ res, principal, params }, deps) => {
      const handoff = await deps.handoffs.getFor(params.id, await operatorOf(principal, deps));
      res.json({ ...view(handoff), typing: await deps.handoffs.typingNow(handoff._id) } satisfies z.infer<typeof detailSchema>);
    },
  }),
  route({
    ...byId,
    method: 'post',
    path: '/api/handoffs/:id/accept',
    operationId: 'acceptHandoff',
    summary: 'Take the conversation: of concurrent acceptances exactly one wins, the others get 409 naming the winner. Audited as handoff.accepted',
    body: noBody,
    bodyOptional: true,
    responses: { '200': jsonAnswer('Accepted: the caller holds the conversation', handoffSchema), ...ERRORS, '404': notFound, '409': conflict },
    handler: async ({ res, principal, params }, deps) => {
      let accepted: { handoff: Handoff; taken: boolean };
      try {
        accepted = await deps.handoffs.acceptOnce(params.id, await operatorOf(principal, deps));
      } catch (err) {
        if (err instanceof HandoffTakenError) throw new AlreadyClaimedError(err.takenBy);
        throw err;
      }
      const { handoff } = accepted;
      // a second tab or a double click answers the same, and is not a second acceptance
      if (accepted.taken) await audit(deps, principal.name, 'handoff.accepted', handoff._id, { province: handoff.province ?? 'unknown', language: handoff.language });
      res.json(view(handoff));
    },
  }),
  route({
    ...byId,
    method: 'get',
    path: '/api/handoffs/:id/messages',
    operationId: 'handoffMessages',
    summary: 'Messages after a cursor, both directions, oldest first, for the operator holding the conversation and staff (other operators who may see the request: an empty page); with waitSeconds, waits for one (long poll)',
    query: messagesQuery,
    responses: { '200': jsonAnswer('Messages', messagesSchema), ...ERRORS, '404': notFound },
    handler: async ({ res, principal, params, query }, deps) => {
      const operator = await operatorOf(principal, deps);
      const deadline = Date.now() + query.waitSeconds * 1000;
      let page = await deps.handoffs.messagesFor(params.id, operator, query.after, query.limit);
      // the caller went away (a closed console): stop waiting. The response's 'close', not the request's, which
      // Node emits as soon as the request's body has been read
      let closed = false;
      res.once('close', () => (closed = true));
      // real time, not the business clock: this is how long the HTTP request is held
      while (page.items.length === 0 && Date.now() < deadline && !closed) {
        await sleep(Math.min(POLL_MS, Math.max(0, deadline - Date.now())));
        // read as this caller may read them, each time: one who does not hold the conversation gets none of it
        page = await deps.handoffs.messagesFor(params.id, operator, query.after, query.limit);
        if (page.items.length === 0 && isFinal((await deps.handoffs.get(params.id)).status)) break;
      }
      const handoff = await deps.handoffs.get(params.id);
      res.json({ items: page.items.map(messageView), cursor: page.cursor, typing: await deps.handoffs.typingNow(params.id), status: handoff.status } satisfies z.infer<typeof messagesSchema>);
    },
  }),
  route({
    ...byId,
    method: 'post',
    path: '/api/handoffs/:id/messages',
    operationId: 'postHandoffMessage',
    summary: 'Reply to the worker (the holder only): shown in the worker\'s chat with the caller\'s name and role',
    body: messageBody,
    requestExample: { text: 'Buongiorno, sono Anna del progetto. Come posso aiutarla?' },
    responses: { '201': jsonAnswer('Stored for delivery', messageSchema), ...ERRORS, '404': notFound, '409': conflict, '415': responseRef('UnsupportedMediaType') },
    handler: async ({ res, principal, params, body }, deps) => {
      const message = await deps.handoffs.postOperatorMessage(params.id, await operatorOf(principal, deps), body.text);
      res.status(201);
      res.json(messageView(message));
    },
  }),
  route({
    ...byId,
    method: 'post',
    path: '/api/handoffs/:id/typing',
    operationId: 'handoffTyping',
    summary: 'The caller is typing (the holder only): the worker sees it for a few seconds; repeat while typing',
    body: noBody,
    bodyOptional: true,
    responses: { '204': { description: 'Noted' }, ...ERRORS, '404': notFound, '409': conflict },
    handler: async ({ res, principal, params }, deps) => {
      await deps.handoffs.operatorTyping(params.id, await operatorOf(principal, deps));
      res.status(204);
      res.end();
    },
  }),
  route({
    ...byId,
    method: 'post',
    path: '/api/handoffs/:id/end',
    operationId: 'endHandoff',
    summary: 'End the conversation: closed, returned to the bot, or turned into a referral (the bot then asks the worker for contact details, the pre-check pre-filled). Audited as handoff.ended',
    body: endBody,
    requestExample: { reason: 'referral' },
    responses: { '200': jsonAnswer('Ended', handoffSchema), ...ERRORS, '404': notFound, '409': conflict, '415': responseRef('UnsupportedMediaType') },
    handler: async ({ res, principal, params, body }, deps) => {
      const ended = await deps.handoffs.end(params.id, await operatorOf(principal, deps), body.reason);
      await audit(deps, principal.name, 'handoff.ended', ended._id, { reason: body.reason });
      res.json(view(ended));
    },
  }),
];
