import type { Activity } from 'botbuilder';
import { eventually } from './eventually';

/**
 * A worker on Web Chat as the page talks to the bot's own Direct Line (POST /api/directline/token, then the
 * conversation's activities), without a browser: what they send, and everything the bot sends them, read by polling
 * from the last watermark as Web Chat does (test/support/directLinePoll.ts reads one batch; this keeps reading).
 */
export class DirectLineWorker {
  /** every activity of the conversation read so far, in order (the worker's own echoed back included) */
  readonly seen: Partial<Activity>[] = [];
  private watermark = '';

  private constructor(
    readonly domain: string,
    readonly conversationId: string,
    private readonly token: string,
    readonly userId: string,
  ) {}

  static async open(botUrl: string, locale = 'it-IT'): Promise<DirectLineWorker> {
    const issued = await fetch(`${botUrl}/api/directline/token`, { method: 'POST' });
    if (issued.status !== 200) throw new Error(`the token endpoint answered ${issued.status}`);
    const session = (await issued.json()) as { token: string; conversationId: string; domain: string };
    const claims = JSON.parse(Buffer.from(session.token.split('.')[1], 'base64url').toString()) as { user: string };
    const started = await fetch(`${session.domain}/conversations`, { method: 'POST', headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ locale }) });
    if (started.status !== 201) throw new Error(`starting the conversation answered ${started.status}`);
    return new DirectLineWorker(session.domain, session.conversationId, session.token, claims.user);
  }

  /** Sends an activity as Web Chat does (a message by default); its id. */
  async send(activity: Partial<Activity>): Promise<string> {
    const response = await fetch(`${this.domain}/conversations/${this.conversationId}/activities`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', locale: 'it-IT', from: { id: this.userId }, ...activity }),
    });
    if (response.status !== 200) throw new Error(`posting an activity answered ${response.status}`);
    return ((await response.json()) as { id: string }).id;
  }

  say(text: string): Promise<string> {
    return this.send({ type: 'message', text });
  }

  /** Reads what arrived since the last read. */
  async poll(): Promise<Partial<Activity>[]> {
    const response = await fetch(`${this.domain}/conversations/${this.conversationId}/activities?watermark=${this.watermark}`, { headers: { authorization: `Bearer ${this.token}` } });
    if (response.status !== 200) throw new Error(`a poll answered ${response.status}`);
    const body = (await response.json()) as { activities: Partial<Activity>[]; watermark: string };
    this.seen.push(...body.activities);
    this.watermark = body.watermark;
    return body.activities;
  }

  /** The bot's activities read so far. */
  fromBot(): Partial<Activity>[] {
    return this.seen.filter((a) => a.from?.id !== this.userId);
  }

  /** Polls (every 25 ms) until a bot activity satisfies `wanted`; returns it. */
  async waitFor(wanted: (activity: Partial<Activity>) => boolean, what: string, withinMs = 10_000): Promise<Partial<Activity>> {
    try {
      return await eventually(
        async () => {
          const found = this.fromBot().find(wanted);
          if (found) return found;
          await this.poll();
          return this.fromBot().find(wanted);
        },
        { withinMs, everyMs: 25, what },
      );
    } catch (err) {
      throw new Error(`${(err as Error).message}; the worker read: ${JSON.stringify(this.fromBot().map((a) => a.text ?? a.type))}`);
    }
  }
}
