import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import { sendError } from './errors';

export interface TurnTracker {
  /** turns being processed now; the graceful stop waits for them */
  inFlight: number;
}

/**
 * Checks the parts of an activity the adapter needs before handing the request over, so a malformed request
 * gets a 400 that says what is wrong instead of a bare status.
 */
export function activityProblem(body: unknown): string | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return 'the body must be a JSON object (a Bot Framework activity)';
  const activity = body as Record<string, unknown>;
  if (typeof activity.type !== 'string' || activity.type === '') return 'field "type" is required (e.g. "message")';
  const conversation = activity.conversation as Record<string, unknown> | undefined;
  if (!conversation || typeof conversation !== 'object' || typeof conversation.id !== 'string') return 'field "conversation.id" is required';
  if (typeof activity.serviceUrl !== 'string' || activity.serviceUrl === '') return 'field "serviceUrl" is required';
  if (activity.text !== undefined && typeof activity.text !== 'string') return 'field "text" must be a string';
  return undefined;
}

export function registerMessagesRoute(server: Server, adapter: CloudAdapter, logic: (context: TurnContext) => Promise<void>, tracker: TurnTracker): void {
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
    tracker.inFlight += 1;
    try {
      await adapter.process(req, res, logic);
    } finally {
      tracker.inFlight -= 1;
    }
  });
}
