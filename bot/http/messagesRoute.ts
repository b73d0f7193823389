import type { Activity, TurnContext } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { silentLogger, type Logger } from '../../models/logger';
import { BotAuthenticationRefused, ServiceUrlRefused, type AssistantAdapter } from '../adapter';
import { sendError } from './errors';

export interface TurnTracker {
  /** turns being processed now; the graceful stop waits for them */
  inFlight: number;
}

const TYPE_REQUIRED = 'field "type" is required (e.g. "message")';
const CONVERSATION_REQUIRED = 'field "conversation.id" is required';
const SERVICE_URL_REQUIRED = 'field "serviceUrl" is required';

/**
 * The parts of an activity the adapter needs (any other field is passed on as sent), checked before the request
 * is handed over, so a malformed request gets a 400 that says what is wrong instead of a bare status.
 */
export const BOT_ACTIVITY = z.looseObject(
  {
    type: z.string({ error: TYPE_REQUIRED }).min(1, { error: TYPE_REQUIRED }),
    conversation: z.looseObject({ id: z.string({ error: CONVERSATION_REQUIRED }) }, { error: CONVERSATION_REQUIRED }),
    serviceUrl: z.string({ error: SERVICE_URL_REQUIRED }).min(1, { error: SERVICE_URL_REQUIRED }),
    text: z.string({ error: 'field "text" must be a string' }).optional(),
    // the turn's language is read from it (bot/languageMiddleware.ts): a number or an object failed the turn, and
    // the error handler then cleared the worker's conversation (a referral half done)
    locale: z.string({ error: 'field "locale" must be a string (a language tag such as "it-IT")' }).nullish(),
  },
  { error: 'the body must be a JSON object (a Bot Framework activity)' },
);

/** What is wrong with a posted activity (the first problem), or undefined when the adapter may have it. */
export function activityProblem(body: unknown): string | undefined {
  return BOT_ACTIVITY.safeParse(body).error?.issues[0].message;
}

/** The JSON body as the activity the adapter expects: time fields as Dates, their text kept (as CloudAdapter does). */
export function toActivity(body: Record<string, unknown>): Activity {
  const activity = body as Record<string, unknown> & Partial<Record<'rawTimestamp' | 'rawExpiration' | 'rawLocalTimestamp', string>>;
  for (const [field, raw] of [['timestamp', 'rawTimestamp'], ['expiration', 'rawExpiration'], ['localTimestamp', 'rawLocalTimestamp']] as const) {
    const value = activity[field];
    if (typeof value === 'string') {
      activity[raw] = value;
      activity[field] = new Date(value);
    }
  }
  return activity as unknown as Activity;
}

function firstLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.split('\n')[0].slice(0, 300);
}

export interface MessagesRouteOptions {
  logger?: Logger;
}

/**
 * POST /api/messages, the Bot Framework endpoint. Every answer is the project's: 415/400 for a malformed
 * activity, 403 for a serviceUrl local mode does not reply to (refused before the turn, so nothing is sent there),
 * 401 `UNAUTHORIZED` for a token that is missing, forged or cannot be checked, a JSON 500 without details; the
 * failures go to the JSON log, never to stderr.
 */
export function registerMessagesRoute(server: Server, adapter: AssistantAdapter, logic: (context: TurnContext) => Promise<void>, tracker: TurnTracker, options: MessagesRouteOptions = {}): void {
  const logger = options.logger ?? silentLogger;
  server.post('/api/messages', async (req: Request, res: Response) => {
    if (!req.is('json')) {
      sendError(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'send the activity as application/json');
      return;
    }
    const problem = activityProblem(req.body);
    if (problem) {
      sendError(res, 400, 'INVALID_ACTIVITY', problem);
      return;
    }
    const body = req.body as Record<string, unknown>;
    const reqId = (req as Request & { requestId?: string }).requestId;
    if (!adapter.mayReplyTo(body.serviceUrl as string)) {
      logger.warn({ reqId, channelId: typeof body.channelId === 'string' ? body.channelId.slice(0, 40) : undefined }, 'local mode: activity refused, its serviceUrl is not on this machine');
      sendError(res, 403, 'SERVICE_URL_NOT_ALLOWED', 'without MicrosoftAppId (local mode) the bot replies only to a serviceUrl on this machine (loopback) or the configured Direct Line');
      return;
    }
    tracker.inFlight += 1;
    try {
      const invokeResponse = await adapter.processAuthenticated(req.header('authorization') ?? '', toActivity(body), logic);
      res.status(invokeResponse?.status ?? 200);
      if (invokeResponse?.body !== undefined && invokeResponse.body !== null) res.send(invokeResponse.body);
      else res.end();
    } catch (err) {
      if (res.headersSent) {
        logger.error({ reqId, err: { name: (err as Error).name, message: firstLine(err) } }, 'bot request failed after its answer had started');
      } else if (err instanceof BotAuthenticationRefused) {
        logger.warn({ reqId, reason: firstLine(err.detail) }, 'bot request refused: no valid token');
        res.header('WWW-Authenticate', 'Bearer');
        sendError(res, 401, 'UNAUTHORIZED', 'the request has no valid Bot Framework token');
      } else if (err instanceof ServiceUrlRefused) {
        sendError(res, 403, 'SERVICE_URL_NOT_ALLOWED', err.message);
      } else {
        logger.error({ reqId, err: { name: (err as Error).name, message: firstLine(err), stack: (err as Error).stack } }, 'bot request failed');
        sendError(res, 500, 'INTERNAL', 'internal error');
      }
    } finally {
      tracker.inFlight -= 1;
    }
  });
}
