import type { Activity } from 'botbuilder';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export type ForwardResult = { ok: true } | { ok: false; reason: string };

/**
 * Hands an activity to the bot the way the Direct Line service does: an HTTP POST to the bot's messaging endpoint.
 * Here that is the bot's own /api/messages over loopback (local mode, no authentication); the bot answers by
 * POSTing to the activity's serviceUrl, which is this same server's Connector routes.
 */
export function createBotForwarder(origin: () => string, fetchImpl: FetchLike, timeoutMs = 20000) {
  return async (activity: Partial<Activity>): Promise<ForwardResult> => {
    try {
      const response = await fetchImpl(`${origin()}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
        signal: AbortSignal.timeout(timeoutMs),
      });
      // Drain the body so the keep-alive socket is reusable.
      await response.arrayBuffer().catch(() => undefined);
      if (response.status >= 200 && response.status < 300) return { ok: true };
      return { ok: false, reason: `the bot answered ${response.status}` };
    } catch (err) {
      return { ok: false, reason: (err as Error).name === 'TimeoutError' ? 'the bot did not answer in time' : 'the bot could not be reached' };
    }
  };
}
