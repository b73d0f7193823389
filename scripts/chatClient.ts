import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { silentLogger } from '../models/logger';
import type { RunningBot, StartOptions } from '../bot/index';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';

/** The real server on a free port, with its own empty data folder (tests and the evaluation scripts). */
export async function startLocalBot(env: Record<string, string | undefined> = {}, options: Omit<StartOptions, 'env'> = {}): Promise<RunningBot> {
  // loaded here, not at the top: a chat with a bot in another process (test/instances/, a child bot) needs only Chat
  const { start } = await import('../bot/index');
  return start(await localBotOptions(env, options));
}

/** What startLocalBot starts with: a free port on loopback, a new empty data folder, no logs. */
export async function localBotOptions(env: Record<string, string | undefined> = {}, options: Omit<StartOptions, 'env'> = {}): Promise<StartOptions> {
  return { env: { PORT: '0', HOST: '127.0.0.1', DATA_DIR: await fs.mkdtemp(path.join(os.tmpdir(), 'adr-bot-')), LOG_LEVEL: 'silent', ...env }, logger: silentLogger, ...options };
}

export interface ChatOptions {
  locale?: string;
  channelId?: string;
  userId?: string;
  conversationId?: string;
}

/**
 * Where a chat's activities go: a running server (POST /api/messages), the same through its own fetch (a server that
 * answers HTTP in process, test/support/injectServer.ts), or a bot that takes the activity in process and answers
 * with the replies the response body would carry (tests' in-process harness, test/support/inProcessBot.ts).
 */
export type ChatTarget =
  | (Pick<RunningBot, 'url'> & { fetch?: (input: string, init: RequestInit) => Promise<Response> })
  | { exchange(activity: Partial<Activity>): Promise<Activity[]> };

/**
 * A user talking to the bot through POST /api/messages with deliveryMode "expectReplies": the replies come back in
 * the HTTP response, as the Emulator and test tools receive them.
 */
export class Chat {
  readonly conversationId: string;
  readonly userId: string;

  constructor(private readonly bot: ChatTarget, private readonly options: ChatOptions = {}) {
    this.conversationId = options.conversationId ?? `conv-${randomUUID()}`;
    this.userId = options.userId ?? `user-${randomUUID()}`;
  }

  private base(): Partial<Activity> {
    return {
      channelId: this.options.channelId ?? 'emulator',
      serviceUrl: 'http://127.0.0.1:1', // never called: replies travel in the response body
      conversation: { id: this.conversationId, isGroup: false, conversationType: 'personal', name: '' },
      from: { id: this.userId, name: 'Worker' },
      recipient: { id: 'bot', name: 'Assistant' },
      locale: this.options.locale ?? 'it-IT',
      deliveryMode: 'expectReplies',
      timestamp: new Date(),
    };
  }

  async post(activity: Partial<Activity>): Promise<Activity[]> {
    const full = { ...this.base(), id: randomUUID(), ...activity };
    if ('exchange' in this.bot) return this.bot.exchange(full);
    const send = this.bot.fetch ?? fetch;
    const response = await send(`${this.bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(full),
    });
    if (response.status !== 200) throw new Error(`POST /api/messages answered ${response.status}: ${await response.text()}`);
    const body = (await response.json()) as { activities?: Activity[] };
    return body.activities ?? [];
  }

  async join(): Promise<Activity[]> {
    return this.post({ type: 'conversationUpdate', membersAdded: [{ id: this.userId, name: 'Worker' }, { id: 'bot', name: 'Assistant' }] });
  }

  async say(text: string): Promise<Activity[]> {
    return this.post({ type: 'message', text });
  }

  /** All reply texts of a turn, joined, for assertions on what the user reads. */
  async sayText(text: string): Promise<string> {
    return textOf(await this.say(text));
  }
}

export function textOf(activities: Partial<Activity>[]): string {
  return activities
    .map((a) => [a.text ?? '', ...(a.attachments ?? []).map((att) => JSON.stringify(att.content ?? ''))].join('\n'))
    .join('\n');
}

export function buttonsOf(activities: Partial<Activity>[]): string[] {
  return activities.flatMap((a) => [
    ...(a.suggestedActions?.actions ?? []).map((action) => String(action.title)),
    ...(a.attachments ?? []).flatMap((att) => ((att.content as { buttons?: Array<{ title: string }> })?.buttons ?? []).map((b) => b.title)),
    // an Adaptive Card's buttons (a Teams worker card in a right-to-left language: models/teams/workerCards.ts)
    ...(a.attachments ?? []).flatMap((att) => ((att.content as { body?: Array<{ type?: string; actions?: Array<{ title: string }> }> })?.body ?? []).filter((b) => b.type === 'ActionSet').flatMap((b) => (b.actions ?? []).map((action) => action.title))),
  ]);
}
