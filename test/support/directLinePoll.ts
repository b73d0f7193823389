import type { Activity } from 'botbuilder';
import { eventually } from './eventually';

/** A Direct Line conversation as a client holds it: the service's address (ending in /v3/directline) and its token. */
export interface DirectLineSession {
  domain: string;
  conversationId: string;
  token: string;
}

/**
 * Polls a Direct Line conversation as a client does (GET activities from the last watermark) until `done` holds for
 * everything that arrived, which it returns; fails after `withinMs` with the texts seen. Every poll must answer 200.
 */
export async function pollActivities(session: DirectLineSession, done: (all: Partial<Activity>[]) => boolean, withinMs = 8000): Promise<Partial<Activity>[]> {
  const all: Partial<Activity>[] = [];
  let watermark = '';
  return eventually(
    async () => {
      const response = await fetch(`${session.domain}/conversations/${session.conversationId}/activities?watermark=${watermark}`, { headers: { authorization: `Bearer ${session.token}` } });
      if (response.status !== 200) throw new Error(`a poll answered ${response.status}`);
      const body = (await response.json()) as { activities: Partial<Activity>[]; watermark: string };
      all.push(...body.activities);
      watermark = body.watermark;
      if (!done(all)) throw new Error(`got ${JSON.stringify(all.map((a) => a.text))}`);
      return all;
    },
    { withinMs, everyMs: 100, what: 'the activities awaited' },
  );
}
