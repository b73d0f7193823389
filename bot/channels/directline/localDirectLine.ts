import type { Activity } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { Logger } from '../../../models/logger';
import { clientKeyOf } from '../../http/clientAddress';
import { sendError } from '../../http/errors';
import { createBotForwarder, type FetchLike } from './botForwarder';
import { ConversationStore, DEFAULT_LIMITS, type ConversationLimits, type DirectLineConversation } from './conversationStore';
import { isSameHostCaller } from './loopback';
import { bearerToken, newConversationId, newUserId, TokenSigner, type TokenClaims } from './tokens';
import { toBotActivity, validateUserActivity } from './userActivity';

/** What the bot posts to the Connector routes: an activity, passed on as sent; only its type is required here. */
const BOT_ACTIVITY = z.looseObject({ type: z.string() });

export interface LocalDirectLineOptions {
  /** the bot's own origin over loopback, known only once the server listens: resolved at each use */
  botOrigin: () => string;
  logger: Logger;
  /** signs tokens; unset = a random key per process (tokens die with the process, which is fine locally) */
  tokenKey?: string;
  /** how the bot is reached (tests may observe it); the global fetch by default */
  fetch?: FetchLike;
  limits?: ConversationLimits;
  now?: () => number;
  sweepIntervalMs?: number;
  tokenTtlSeconds?: number;
  /** the channel id the bot sees; 'directline' as with Azure's service */
  channelId?: string;
}

export interface IssuedToken {
  token: string;
  conversationId: string;
  expires_in: number;
}

const BOT_ACCOUNT = { id: 'azioni-di-rete-bot', name: 'Azioni di Rete' };
const PREFIX = '/v3/directline';

/** What a client sees of an activity: no serviceUrl (the bot's loopback address is none of its business). */
function forClient(activity: Partial<Activity>): Partial<Activity> {
  const { serviceUrl: _hidden, ...visible } = activity;
  return visible;
}

/**
 * A Direct Line 3.0-compatible subset served by the bot itself, as the Bot Framework Emulator does, for the web
 * page offline and in tests: token-bound conversations, activities with watermark polling, token refresh; and the
 * Connector routes the bot replies to. Enabled only in local mode (no MicrosoftAppId, no Direct Line secret).
 */
export class LocalDirectLine {
  readonly signer: TokenSigner;
  readonly store: ConversationStore;
  private readonly forward: ReturnType<typeof createBotForwarder>;
  private readonly sweeper: NodeJS.Timeout;
  private readonly channelId: string;
  private readonly now: () => number;

  constructor(private readonly options: LocalDirectLineOptions) {
    this.now = options.now ?? Date.now;
    this.signer = new TokenSigner(options.tokenKey, this.now, options.tokenTtlSeconds);
    const limits = options.limits ?? DEFAULT_LIMITS;
    this.store = new ConversationStore(limits, this.now);
    this.forward = createBotForwarder(options.botOrigin, options.fetch ?? ((input, init) => fetch(input, init)));
    this.channelId = options.channelId ?? 'directline';
    const every = options.sweepIntervalMs ?? Math.min(5 * 60 * 1000, Math.max(1000, Math.floor(limits.idleMs / 4)));
    this.sweeper = setInterval(() => {
      const removed = this.store.sweep();
      if (removed > 0) options.logger.debug({ removed, left: this.store.size }, 'direct line: idle conversations forgotten');
    }, every);
    this.sweeper.unref();
  }

  /** A token for a new conversation and a new user; the conversation starts when the client opens it. */
  issueToken(): IssuedToken {
    const { token, claims } = this.signer.mint(newConversationId(), newUserId());
    return { token, conversationId: claims.conv, expires_in: this.signer.secondsLeft(claims) };
  }

  /** Stops the sweep and forgets every conversation; idempotent. */
  close(): void {
    clearInterval(this.sweeper);
    this.store.clear();
  }

  register(server: Server): void {
    server.post(`${PREFIX}/conversations`, async (req: Request, res: Response) => {
      await this.startConversation(req, res);
    });
    server.get(`${PREFIX}/conversations/:conversationId`, (req: Request, res: Response, next) => {
      this.reconnect(req, res);
      next();
    });
    server.post(`${PREFIX}/conversations/:conversationId/activities`, async (req: Request, res: Response) => {
      await this.postActivity(req, res);
    });
    server.get(`${PREFIX}/conversations/:conversationId/activities`, (req: Request, res: Response, next) => {
      this.getActivities(req, res);
      next();
    });
    server.get(`${PREFIX}/conversations/:conversationId/stream`, (_req: Request, res: Response, next) => {
      sendError(res, 501, 'NOT_IMPLEMENTED', 'WebSocket streaming is not available on the local Direct Line: use polling (webSocket: false)');
      next();
    });
    server.post(`${PREFIX}/conversations/:conversationId/upload`, (_req: Request, res: Response, next) => {
      sendError(res, 501, 'NOT_IMPLEMENTED', 'file uploads are not available on the local Direct Line');
      next();
    });
    server.post(`${PREFIX}/tokens/refresh`, (req: Request, res: Response, next) => {
      this.refresh(req, res);
      next();
    });

    // The Connector API subset the bot calls back on (serviceUrl = this server).
    server.post('/v3/conversations/:conversationId/activities', (req: Request, res: Response, next) => {
      this.fromBot(req, res, undefined);
      next();
    });
    server.post('/v3/conversations/:conversationId/activities/:activityId', (req: Request, res: Response, next) => {
      this.fromBot(req, res, req.params.activityId as string);
      next();
    });
    server.put('/v3/conversations/:conversationId/activities/:activityId', (req: Request, res: Response, next) => {
      this.updateFromBot(req, res);
      next();
    });
    server.del('/v3/conversations/:conversationId/activities/:activityId', (req: Request, res: Response, next) => {
      this.deleteFromBot(req, res);
      next();
    });
  }

  /** The token's claims, or a refusal already sent: 401 missing/invalid, 403 expired or another conversation's. */
  private authorize(req: Request, res: Response, conversationId: string | undefined): TokenClaims | undefined {
    res.header('Cache-Control', 'no-store');
    const check = this.signer.verify(bearerToken(req.header('authorization')));
    if (!check.ok) {
      if (check.status === 401) res.header('WWW-Authenticate', 'Bearer');
      sendError(res, check.status, check.code, check.reason);
      return undefined;
    }
    if (conversationId !== undefined && check.claims.conv !== conversationId) {
      sendError(res, 403, 'TOKEN_CONVERSATION_MISMATCH', 'the token belongs to another conversation');
      return undefined;
    }
    return check.claims;
  }

  private conversationFor(res: Response, claims: TokenClaims): DirectLineConversation | undefined {
    const conversation = this.store.get(claims.conv);
    if (!conversation) sendError(res, 404, 'CONVERSATION_NOT_FOUND', 'the conversation does not exist or has expired: start a new one');
    return conversation;
  }

  private conversationBody(claims: TokenClaims): IssuedToken {
    return { conversationId: claims.conv, token: this.signer.mint(claims.conv, claims.user).token, expires_in: this.signer.ttlSeconds };
  }

  private async startConversation(req: Request, res: Response): Promise<void> {
    const claims = this.authorize(req, res, undefined);
    if (!claims) return;
    const existing = this.store.get(claims.conv);
    if (existing) {
      res.status(200);
      res.json(this.conversationBody(claims));
      return;
    }
    const body = (req.body ?? {}) as Record<string, unknown>;
    const locale = typeof body.locale === 'string' && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$/.test(body.locale) ? body.locale : undefined;
    const client = clientKeyOf(req);
    const conversation = this.store.create(claims.conv, claims.user, locale, client);
    if (!conversation) {
      res.header('Retry-After', '60');
      if (this.store.heldBy(client) >= this.store.limits.maxConversationsPerClient) {
        sendError(res, 429, 'TOO_MANY_CONVERSATIONS', 'this address holds as many open conversations as it may: continue one, or try again later');
      } else {
        sendError(res, 503, 'TOO_MANY_CONVERSATIONS', 'the server holds as many conversations as it can: try again later');
      }
      return;
    }
    this.options.logger.debug({ conversationId: conversation.id }, 'direct line: conversation started');
    // The bot hears the user and itself join, so it greets first (as with Azure's Direct Line).
    const result = await this.forward({
      type: 'conversationUpdate',
      id: `${conversation.id}|start`,
      channelId: this.channelId,
      serviceUrl: this.options.botOrigin(),
      timestamp: new Date(this.now()),
      from: { id: conversation.userId, name: '', role: 'user' },
      recipient: { id: BOT_ACCOUNT.id, name: BOT_ACCOUNT.name, role: 'bot' },
      conversation: { id: conversation.id, isGroup: false, conversationType: 'personal', name: '' },
      locale,
      membersAdded: [{ id: conversation.userId, name: '' }, { id: BOT_ACCOUNT.id, name: BOT_ACCOUNT.name }],
    });
    if (!result.ok) this.options.logger.warn({ conversationId: conversation.id, reason: result.reason }, 'direct line: the bot did not take the conversation start');
    res.status(201);
    res.json(this.conversationBody(claims));
  }

  private reconnect(req: Request, res: Response): void {
    const claims = this.authorize(req, res, req.params.conversationId as string);
    if (!claims || !this.conversationFor(res, claims)) return;
    res.json(this.conversationBody(claims));
  }

  private async postActivity(req: Request, res: Response): Promise<void> {
    const claims = this.authorize(req, res, req.params.conversationId as string);
    if (!claims) return;
    const conversation = this.conversationFor(res, claims);
    if (!conversation) return;
    // A typing signal (Web Chat sends one every few seconds while the worker types, for an operator's live view) has
    // an allowance of its own; one over it is dropped, not refused: it is advisory, and a refusal would show in the
    // client as a failed send
    const typing = (req.body as { type?: unknown } | undefined)?.type === 'typing';
    const decision = (typing ? conversation.typingLimiter : conversation.postLimiter).take();
    if (!decision.allowed && typing) {
      res.json({ id: `${conversation.id}|typing` });
      return;
    }
    if (!decision.allowed) {
      res.header('Retry-After', String(decision.retryAfterSeconds));
      sendError(res, 429, 'RATE_LIMITED', `too many activities: wait ${decision.retryAfterSeconds} s`);
      return;
    }
    const validation = validateUserActivity(req.body);
    if (!validation.ok) {
      sendError(res, 400, 'INVALID_ACTIVITY', validation.reason);
      return;
    }
    const activity = toBotActivity(validation.input, {
      conversationId: conversation.id,
      userId: conversation.userId,
      locale: conversation.locale,
      serviceUrl: this.options.botOrigin(),
      bot: BOT_ACCOUNT,
      channelId: this.channelId,
      timestamp: new Date(this.now()),
    });
    // The echo goes in first, so a client sees its own message before the answers. A typing signal is not kept: it
    // would take the place of messages in the history a reloaded page reads back
    const stored = typing ? { id: `${conversation.id}|typing` } : this.store.append(conversation, forClient(activity));
    const result = await this.forward({ ...activity, id: stored.id });
    if (!result.ok) {
      this.options.logger.warn({ conversationId: conversation.id, reason: result.reason }, 'direct line: the bot did not take an activity');
      sendError(res, 502, 'BOT_UNAVAILABLE', result.reason);
      return;
    }
    res.json({ id: stored.id });
  }

  private getActivities(req: Request, res: Response): void {
    const claims = this.authorize(req, res, req.params.conversationId as string);
    if (!claims) return;
    const conversation = this.conversationFor(res, claims);
    if (!conversation) return;
    const decision = conversation.pollLimiter.take();
    if (!decision.allowed) {
      res.header('Retry-After', String(decision.retryAfterSeconds));
      sendError(res, 429, 'RATE_LIMITED', `polling too often: wait ${decision.retryAfterSeconds} s`);
      return;
    }
    const raw = req.query?.watermark;
    let watermark: number | undefined;
    if (typeof raw === 'string' && raw !== '') {
      if (!/^\d{1,15}$/.test(raw)) {
        sendError(res, 400, 'INVALID_WATERMARK', 'the watermark must be the number a previous answer returned');
        return;
      }
      watermark = Number(raw);
    }
    res.json(this.store.since(conversation, watermark));
  }

  private refresh(req: Request, res: Response): void {
    const claims = this.authorize(req, res, undefined);
    if (!claims) return;
    res.json(this.conversationBody(claims));
  }

  /** The bot's side: only this machine may call, and only about conversations that exist. */
  private botConversation(req: Request, res: Response): DirectLineConversation | undefined {
    if (!isSameHostCaller(req.socket)) {
      sendError(res, 403, 'LOOPBACK_ONLY', 'the Connector routes of the local Direct Line accept only the bot on this machine');
      return undefined;
    }
    const conversation = this.store.get(req.params.conversationId as string);
    if (!conversation) {
      sendError(res, 404, 'CONVERSATION_NOT_FOUND', 'no such conversation on the local Direct Line');
      return undefined;
    }
    if (!BOT_ACTIVITY.safeParse(req.body).success) {
      sendError(res, 400, 'INVALID_ACTIVITY', 'the body must be an activity with a "type"');
      return undefined;
    }
    return conversation;
  }

  private botActivity(conversation: DirectLineConversation, body: Partial<Activity>): Partial<Activity> {
    return forClient({
      ...body,
      channelId: this.channelId,
      conversation: { id: conversation.id, isGroup: false, conversationType: 'personal', name: '' },
      from: { id: body.from?.id ?? BOT_ACCOUNT.id, name: body.from?.name ?? BOT_ACCOUNT.name, role: 'bot' },
      recipient: { id: conversation.userId, name: '', role: 'user' },
      timestamp: new Date(this.now()),
    });
  }

  private fromBot(req: Request, res: Response, replyToId: string | undefined): void {
    const conversation = this.botConversation(req, res);
    if (!conversation) return;
    const body = req.body as Partial<Activity>;
    const stored = this.store.append(conversation, { ...this.botActivity(conversation, body), ...(replyToId ? { replyToId } : {}) });
    res.json({ id: stored.id });
  }

  private updateFromBot(req: Request, res: Response): void {
    const conversation = this.botConversation(req, res);
    if (!conversation) return;
    const activityId = req.params.activityId as string;
    if (!this.store.find(conversation, activityId)) {
      sendError(res, 404, 'ACTIVITY_NOT_FOUND', 'no such activity in this conversation');
      return;
    }
    // Appended again under the same id: a polling client gets it past its watermark and replaces its copy.
    this.store.append(conversation, { ...this.botActivity(conversation, req.body as Partial<Activity>), id: activityId }, true);
    res.json({ id: activityId });
  }

  private deleteFromBot(req: Request, res: Response): void {
    if (!isSameHostCaller(req.socket)) {
      sendError(res, 403, 'LOOPBACK_ONLY', 'the Connector routes of the local Direct Line accept only the bot on this machine');
      return;
    }
    const conversation = this.store.get(req.params.conversationId as string);
    if (!conversation || !this.store.remove(conversation, req.params.activityId as string)) {
      sendError(res, 404, 'ACTIVITY_NOT_FOUND', 'no such activity in this conversation');
      return;
    }
    res.status(200);
    res.end();
  }
}
