import { CardFactory, type Activity, type CloudAdapter, type ConversationParameters, type ConversationReference, type TurnContext } from 'botbuilder';
import type { Lead } from '../../models/leads/lead';
import type { ChannelLink, StoredReference } from '../../models/teams/channelLinks';
import { DeliveryError, type ChannelPoster } from '../../models/teams/dispatcher';
import type { AdaptiveCard } from '../../models/teams/cards';
import type { ReferralCards } from './referralCards';

/** The part of the Bot Connector client the bot uses proactively. */
export interface ConversationsApi {
  sendToConversation(conversationId: string, activity: Partial<Activity>): Promise<{ id?: string }>;
  updateActivity(conversationId: string, activityId: string, activity: Partial<Activity>): Promise<unknown>;
  /** DELETE /v3/conversations/{id}/activities/{id}: an activity the bot sent */
  deleteActivity(conversationId: string, activityId: string): Promise<unknown>;
  /** POST /v3/conversations: opens (or finds: Teams keeps one per user and bot) a conversation with the members named */
  createConversation(parameters: Partial<ConversationParameters>): Promise<{ id?: string }>;
}

/** The Connector of the turn (the service that sent its activity). */
export function connectorOf(context: TurnContext): ConversationsApi {
  const adapter = context.adapter as CloudAdapter;
  const client = context.turnState.get<{ conversations: ConversationsApi } | undefined>(adapter.ConnectorClientKey);
  if (!client) throw new DeliveryError(undefined);
  return client.conversations;
}

function retryAfterMs(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** A Connector failure (RestError from botframework-connector) as a DeliveryError with status and Retry-After. */
export function deliveryErrorOf(err: unknown): DeliveryError {
  if (err instanceof DeliveryError) return err;
  const e = err as { statusCode?: unknown; response?: { status?: unknown; headers?: { get?(name: string): string | null | undefined } } };
  const status = typeof e?.statusCode === 'number' ? e.statusCode : typeof e?.response?.status === 'number' ? e.response.status : undefined;
  return new DeliveryError(status, retryAfterMs(e?.response?.headers?.get?.('retry-after')));
}

export function cardActivity(card: AdaptiveCard, id?: string): Partial<Activity> {
  return { type: 'message', ...(id ? { id } : {}), attachments: [CardFactory.adaptiveCard(card)] };
}

/**
 * Runs `work` against the Connector of a stored conversation, proactively, through
 * CloudAdapter.continueConversationAsync; any failure comes out as a DeliveryError (status and Retry-After). Shared
 * by the Teams referral cards and the campaign's announcements (bot/campaign/).
 */
export async function continueWith<T>(adapter: CloudAdapter, appId: string, reference: StoredReference, work: (api: ConversationsApi, conversationId: string) => Promise<T>): Promise<T> {
  const ref = reference as Partial<ConversationReference>;
  const conversationId = ref.conversation?.id;
  if (!conversationId || !ref.serviceUrl) throw new DeliveryError(404);
  // The turn runs the adapter's middleware (which keys user state on a user) and its onTurnError swallows what
  // the logic throws: so the bot stands in as the user, and the outcome is carried out of the turn explicitly.
  const box: { outcome: { ok: true; value: T } | { ok: false; error: unknown } } = { outcome: { ok: false, error: new DeliveryError(undefined) } };
  try {
    await adapter.continueConversationAsync(appId, { ...ref, user: ref.user ?? ref.bot }, async (context) => {
      try {
        box.outcome = { ok: true, value: await work(connectorOf(context), conversationId) };
      } catch (err) {
        box.outcome = { ok: false, error: err };
      }
    });
  } catch (err) {
    throw deliveryErrorOf(err);
  }
  const { outcome } = box;
  if (!outcome.ok) throw deliveryErrorOf(outcome.error);
  return outcome.value;
}

/** Posts and updates referral cards in channels, proactively, through CloudAdapter.continueConversationAsync. */
export class TeamsConnector implements ChannelPoster {
  constructor(private readonly deps: { adapter: CloudAdapter; appId: string; cards: ReferralCards }) {}

  private withConversation<T>(reference: StoredReference, work: (api: ConversationsApi, conversationId: string) => Promise<T>): Promise<T> {
    return continueWith(this.deps.adapter, this.deps.appId, reference, work);
  }

  async postNewReferral(link: ChannelLink, lead: Lead): Promise<string> {
    const card = await this.deps.cards.shared(lead, link.language);
    return this.withConversation(link.reference, async (api, conversationId) => {
      const response = await api.sendToConversation(conversationId, cardActivity(card));
      return response.id ?? '';
    });
  }

  /** Replaces a posted card (everyone in that channel sees the new one). */
  async updateCard(reference: StoredReference, activityId: string, card: AdaptiveCard): Promise<void> {
    await this.withConversation(reference, async (api, conversationId) => {
      await api.updateActivity(conversationId, activityId, cardActivity(card, activityId));
    });
  }
}
