/**
 * What the relay needs of the worker's conversation reference to send them operator messages and the end, from any
 * instance: the channel, the service's URL, the conversation's id (with Teams' tenant and conversation type) and the
 * bot's id. The rest a channel puts in a reference (the user's id and display name, the bot's name, the activity it
 * came from, the locale) is not kept: the relay sends to the conversation, with the bot standing in as the user
 * (bot/teams/connector.ts continueWith).
 */
export type WorkerAddress = {
  channelId?: string;
  serviceUrl?: string;
  conversation: { id: string; tenantId?: string; conversationType?: string; isGroup?: boolean };
  bot?: { id: string };
};

const str = (value: unknown, max = 2048): string | undefined => (typeof value === 'string' && value !== '' && value.length <= max ? value : undefined);

/**
 * The address in a conversation reference, or undefined when it names no conversation (one with no service URL is
 * kept: a send through it fails as a chat that is gone, and the relay lets it go as it would the chat).
 */
export function workerAddressOf(reference: Record<string, unknown> | undefined): WorkerAddress | undefined {
  if (!reference) return undefined;
  const conversation = (reference.conversation ?? {}) as Record<string, unknown>;
  const bot = (reference.bot ?? {}) as Record<string, unknown>;
  const channelId = str(reference.channelId, 100);
  const serviceUrl = str(reference.serviceUrl);
  const conversationId = str(conversation.id);
  if (!conversationId) return undefined;
  const tenantId = str(conversation.tenantId, 200);
  const conversationType = str(conversation.conversationType, 50);
  const botId = str(bot.id, 200);
  return {
    ...(channelId ? { channelId } : {}),
    ...(serviceUrl ? { serviceUrl } : {}),
    conversation: {
      id: conversationId,
      ...(tenantId ? { tenantId } : {}),
      ...(conversationType ? { conversationType } : {}),
      ...(typeof conversation.isGroup === 'boolean' ? { isGroup: conversation.isGroup } : {}),
    },
    ...(botId ? { bot: { id: botId } } : {}),
  };
}
