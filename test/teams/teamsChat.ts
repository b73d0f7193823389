import { randomUUID } from 'node:crypto';
import type { Activity, AdaptiveCardInvokeResponse } from 'botbuilder';
import { Chat } from '../../scripts/chatClient';

export type RunningBotLike = { url: string };

export interface TeamsUser {
  id: string;
  name: string;
  aadObjectId: string;
}

export const BOT = { id: '28:bot-id', name: 'Azioni di Rete' };

export function aadId(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

/** A person in a team channel: messages @mention the bot, as Teams sends them. */
export class ChannelMember {
  constructor(private readonly bot: RunningBotLike, readonly user: TeamsUser, readonly channelId: string, private readonly serviceUrl: string) {}

  private base(): Partial<Activity> {
    return {
      channelId: 'msteams',
      serviceUrl: this.serviceUrl,
      conversation: { id: `${this.channelId};messageid=${Date.now()}`, isGroup: true, conversationType: 'channel', name: '', tenantId: 'tenant-1' },
      from: this.user,
      recipient: BOT,
      locale: 'it-IT',
      channelData: { team: { id: '19:team@thread.tacv2' }, channel: { id: this.channelId }, tenant: { id: 'tenant-1' } },
      timestamp: new Date(),
    };
  }

  /** "@Azioni di Rete <text>" with the mention entity, answered in the response (expectReplies). */
  async say(text: string): Promise<string> {
    const mention = `<at>${BOT.name}</at>`;
    const chat = new Chat(this.bot, { channelId: 'msteams' });
    const replies = await chat.post({
      ...this.base(),
      type: 'message',
      text: `${mention} ${text}`,
      entities: [{ type: 'mention', mentioned: BOT, text: mention }],
      deliveryMode: 'expectReplies',
    });
    return replies.map((r) => r.text ?? '').join('\n');
  }

  /** Clicks an Action.Execute button of a card posted as `replyToId`. */
  async execute(verb: string, data: Record<string, unknown>, replyToId: string): Promise<AdaptiveCardInvokeResponse> {
    const { status, body } = await this.invoke('adaptiveCard/action', executeValue(verb, data), replyToId);
    if (status !== 200) throw new Error(`invoke answered ${status}: ${JSON.stringify(body)}`);
    return body as AdaptiveCardInvokeResponse;
  }

  /**
   * Any invoke exactly as Teams sends it: no `deliveryMode`, so the adapter ends the turn with the invoke
   * response alone (the shape that once crashed the process). `overrides` changes any field, e.g. the channel.
   */
  async invoke(name: string | undefined, value: unknown, replyToId?: string, overrides: Partial<Activity> = {}): Promise<{ status: number; body: unknown }> {
    const activity: Partial<Activity> = { ...this.base(), id: randomUUID(), type: 'invoke', ...(name === undefined ? {} : { name }), ...(replyToId ? { replyToId } : {}), value, ...overrides };
    const response = await fetch(`${this.bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  }
}

/** The `value` of an `adaptiveCard/action` invoke for an Action.Execute button. */
export function executeValue(verb: unknown, data: unknown): Record<string, unknown> {
  return { action: { type: 'Action.Execute', id: 'a', verb, data }, trigger: 'manual' };
}

/** A person in a personal chat with the bot in Teams, with Teams' locale for their client (default it-IT). */
export function personalChat(bot: RunningBotLike, user: TeamsUser, locale?: string): { chat: Chat; say(text: string): Promise<Activity[]> } {
  const chat = new Chat(bot, { channelId: 'msteams', userId: user.id, locale });
  const overrides: Partial<Activity> = {
    from: user,
    recipient: BOT,
    conversation: { id: `a:personal-${user.id}`, isGroup: false, conversationType: 'personal', name: '', tenantId: 'tenant-1' },
  };
  return { chat, say: (text) => chat.post({ ...overrides, type: 'message', text }) };
}

/**
 * A person in their personal (1:1) chat with the bot, sending exactly as Teams does: no `deliveryMode` (the bot
 * answers through the Connector, here the stand-in at `serviceUrl`), `conversationType: 'personal'`, the tenant in
 * `channelData` and on the conversation, the user's `aadObjectId`. `conversationId` is Teams' id of that chat (the
 * one the bot opened with POST /v3/conversations, when it did).
 */
export class TeamsPersonalChat {
  readonly conversationId: string;
  private readonly locale: string;
  private readonly tenantId: string;

  constructor(
    private readonly bot: RunningBotLike,
    readonly user: TeamsUser,
    private readonly serviceUrl: string,
    options: { conversationId?: string; locale?: string; tenantId?: string } = {},
  ) {
    this.conversationId = options.conversationId ?? `a:personal-${user.id}`;
    this.locale = options.locale ?? 'it-IT';
    this.tenantId = options.tenantId ?? 'tenant-1';
  }

  private base(): Partial<Activity> {
    return {
      id: randomUUID(),
      channelId: 'msteams',
      serviceUrl: this.serviceUrl,
      conversation: { id: this.conversationId, conversationType: 'personal', tenantId: this.tenantId, isGroup: false, name: '' },
      from: this.user,
      recipient: BOT,
      locale: this.locale,
      channelData: { tenant: { id: this.tenantId } },
      timestamp: new Date(),
    };
  }

  private async post(activity: Partial<Activity>): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${this.bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...this.base(), ...activity }) });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  }

  /** A message; resolves once the bot has handled it (its answers, if any, are on the Connector stand-in). */
  async say(text: string): Promise<void> {
    const { status } = await this.post({ type: 'message', text, textFormat: 'plain' });
    if (status !== 200 && status !== 201) throw new Error(`a message answered ${status}`);
  }

  /** Teams' typing activity, sent while the person types in the chat's box. */
  async typing(): Promise<void> {
    const { status } = await this.post({ type: 'typing' });
    if (status !== 200 && status !== 201) throw new Error(`a typing activity answered ${status}`);
  }

  /** A click on an Action.Execute button of a card posted in this chat as `replyToId` (the invoke response). */
  async execute(verb: string, data: Record<string, unknown>, replyToId?: string): Promise<{ status: number; body: unknown }> {
    return this.post({ type: 'invoke', name: 'adaptiveCard/action', value: executeValue(verb, data), ...(replyToId ? { replyToId } : {}) });
  }
}

export { Chat };
