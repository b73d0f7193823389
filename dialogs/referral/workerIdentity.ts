import type { TurnContext } from 'botbuilder';
import type { WorkerIdentity } from '../../models/leads/leadService';

/**
 * The chat user as their leads know them: the channel and its id of the user (stored only hashed). On Teams the
 * AAD object id, which is the person's across devices and Teams clients; the per-bot `29:` id, which leads were
 * keyed by before, stays a former id so those leads remain theirs in "i miei dati". Elsewhere `from.id`.
 */
export function workerIdentity(context: TurnContext): WorkerIdentity {
  const { channelId, from } = context.activity;
  const id = from?.id ?? '';
  const aad = channelId === 'msteams' && typeof from?.aadObjectId === 'string' ? from.aadObjectId.trim() : '';
  if (aad !== '') return { channel: channelId, userId: aad, ...(id !== '' && id !== aad ? { formerUserIds: [id] } : {}) };
  return { channel: channelId, userId: id };
}
