/**
 * A conversation taken from a Teams card is held from the operator's personal (1:1) chat with the bot, at the edge:
 *
 * - where that chat is: remembered when a linked operator writes to the bot in a personal chat, else opened through
 *   the Connector (POST /v3/conversations, which gives the chat the bot already has with that user) at the accept;
 * - what the operator writes there goes to the worker as HandoffService.postOperatorMessage (name and role shown to
 *   the worker, as from the console); "fine"/"chiudi"/"end"/"close", "restituisci al bot"/"hand back" and
 *   "segnalazione"/"referral", or the card's three buttons (`adaptiveCard/action` invokes), end it; Teams' typing
 *   activities there are the operator's typing signal;
 * - what the relay sends there (models/handoff/handoffRelay.ts): the card with who and what, each worker message, the
 *   worker typing, the end (TeamsOperatorChatPoster);
 * - the worker's messages deleted there again when the transcript goes without their consent, and the one line saying
 *   why (TeamsOperatorChatEraser, for models/handoff/operatorChatRetractor.ts).
 *
 * A message reaches the worker only from the chat the conversation was attached to (its conversation id, unique
 * among open conversations) and only from the account holding it: a stranger's chat, or another operator's, holds
 * nothing and goes on to the bot as before.
 */
import { TurnContext, type AdaptiveCardInvokeResponse, type CloudAdapter } from 'botbuilder';
import type { AccountView } from '../../models/accounts/accountService';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../models/errors';
import { describeError } from '../../models/errorDescription';
import type { EndReason, Handoff, OperatorChat, OperatorEndReason, OperatorRef } from '../../models/handoff/handoff';
import type { OperatorChatNotice, OperatorChatPoster } from '../../models/handoff/handoffRelay';
import type { OperatorChatEraser } from '../../models/handoff/operatorChatRetractor';
import { type HandoffService } from '../../models/handoff/handoffService';
import { languageOf, type Translate, type Translator } from '../../models/i18n';
import { staffLanguageOf } from '../../models/leads/leadLanguage';
import type { Logger } from '../../models/logger';
import { ADAPTIVE_CARD_CONTENT_TYPE, noticeCard, type AdaptiveCard } from '../../models/teams/cards';
import type { StoredReference } from '../../models/teams/channelLinks';
import { DeliveryError } from '../../models/teams/dispatcher';
import { HANDOFF_END_VERBS, operatorChatCard, type HandoffEndVerb } from '../../models/teams/handoffCards';
import type { OperatorChatStore } from '../../models/teams/operatorChats';
import { cardActivity, connectorOf, continueWith, deliveryErrorOf } from './connector';
import { handoffCardModel } from './handoffTeams';

/** The chat's commands, Italian and English (as the availability command): the whole message, nothing else. */
const END_COMMANDS: ReadonlyArray<[RegExp, OperatorEndReason]> = [
  [/^(?:fine|chiudi|end|close)$/i, 'closed'],
  [/^(?:restituisci\s+al\s+bot|hand\s+back(?:\s+to\s+the\s+bot)?)$/i, 'returned_to_bot'],
  [/^(?:segnalazione|referral)$/i, 'referral'],
];
const HANDOFF_ID = /^[A-Za-z0-9-]{1,64}$/;

/** A personal chat with the bot in Teams (not a channel or a group chat). */
export function isTeamsPersonalChat(context: TurnContext): boolean {
  return context.activity.channelId === 'msteams' && context.activity.conversation?.conversationType === 'personal';
}

/**
 * The command the whole message is, if any. "fine" ends only in Italian: to an operator writing in English it is a
 * word a reply may be ("Fine."), so it goes to the worker.
 */
function endCommand(text: string, locale: string | undefined): OperatorEndReason | undefined {
  const said = text.replace(/\s+/g, ' ').trim().replace(/[.!]+$/, '');
  if (/^fine$/i.test(said) && staffLanguageOf(locale) === 'en') return undefined;
  return END_COMMANDS.find(([pattern]) => pattern.test(said))?.[1];
}

function cardResponse(card: AdaptiveCard): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: card };
}

/** The turn's conversation as the bot writes to it later: ids only (no activity, no display names). */
function personalReference(context: TurnContext): StoredReference {
  const reference = TurnContext.getConversationReference(context.activity);
  const { activityId: _activity, ...rest } = reference;
  const user = { id: reference.user?.id, ...(reference.user?.aadObjectId ? { aadObjectId: reference.user.aadObjectId } : {}) };
  return JSON.parse(JSON.stringify({ ...rest, user })) as StoredReference;
}

function tenantOf(context: TurnContext): string | undefined {
  const fromChannel = (context.activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  return typeof fromChannel === 'string' ? fromChannel : context.activity.conversation?.tenantId;
}

export interface TeamsOperatorChatDeps {
  service: HandoffService;
  chats: OperatorChatStore;
  translator: Translator;
  logger: Logger;
  /** the account as an operator of handoffs (TeamsHandoff's mapping, as the card's accept) */
  operatorOf(account: AccountView): Promise<OperatorRef>;
  /** the relay: a pass now for what this instance just stored (else within its interval) */
  relay?: { kick(): void };
}

export class TeamsOperatorChat {
  constructor(private readonly deps: TeamsOperatorChatDeps) {}

  /** A linked operator wrote in their personal chat: the bot can write there later. */
  async remember(context: TurnContext, account: AccountView): Promise<void> {
    if (!isTeamsPersonalChat(context) || !context.activity.conversation?.id) return;
    try {
      await this.deps.chats.remember(account._id, { conversationId: context.activity.conversation.id, reference: personalReference(context), language: staffLanguageOf(context.activity.locale) });
    } catch (err) {
      // the chat can still be opened at the next accept; the turn is answered as usual
      this.deps.logger.warn({ accountId: account._id, err: describeError(err) }, 'teams: operator chat not remembered');
    }
  }

  /**
   * The operator took a conversation from a card: it is attached to their personal chat (remembered, or opened now
   * through the Connector). 'attached'; 'busy' when that chat already holds another of their conversations (one at a
   * time: what they write there must have one worker to go to); 'unreachable' when no chat could be had.
   */
  async attach(context: TurnContext, account: AccountView, operator: OperatorRef, handoff: Handoff): Promise<'attached' | 'busy' | 'unreachable'> {
    const chat = await this.chatOf(context, account);
    if (!chat) return 'unreachable';
    if (!(await this.deps.service.attachOperatorChat(handoff._id, operator, chat))) return 'busy';
    this.deps.relay?.kick();
    return 'attached';
  }

  private async chatOf(context: TurnContext, account: AccountView): Promise<OperatorChat | null> {
    const language = staffLanguageOf(context.activity.locale);
    const known = await this.deps.chats.of(account._id);
    if (known) return { conversationId: known.conversationId, reference: known.reference, language };
    const from = context.activity.from;
    const tenantId = tenantOf(context);
    if (!from?.id || !context.activity.serviceUrl) return null;
    try {
      const created = await connectorOf(context).createConversation({
        isGroup: false,
        bot: context.activity.recipient,
        members: [{ id: from.id, name: '' }],
        ...(tenantId ? { tenantId, channelData: { tenant: { id: tenantId } } } : {}),
      });
      if (!created.id) return null;
      const reference: StoredReference = JSON.parse(
        JSON.stringify({
          channelId: context.activity.channelId,
          serviceUrl: context.activity.serviceUrl,
          conversation: { id: created.id, conversationType: 'personal', isGroup: false, ...(tenantId ? { tenantId } : {}) },
          bot: context.activity.recipient,
          user: { id: from.id, ...(from.aadObjectId ? { aadObjectId: from.aadObjectId } : {}) },
        }),
      ) as StoredReference;
      const chat = { conversationId: created.id, reference, language };
      await this.deps.chats.remember(account._id, chat);
      return chat;
    } catch (err) {
      this.deps.logger.warn({ accountId: account._id, status: deliveryErrorOf(err).status ?? null }, 'teams: cannot open the operator chat');
      return null;
    }
  }

  /**
   * A message in a Teams personal chat: when that chat holds a conversation and the writer holds it, it goes to the
   * worker (or ends the conversation: a command) and the bot answers only to say what did not go. False otherwise
   * (the chat goes on to the bot).
   */
  async message(context: TurnContext, t: Translate, accountOf: () => Promise<AccountView | null>): Promise<boolean> {
    const mine = await this.heldHere(context, accountOf);
    if (!mine) return false;
    const { handoff, account } = mine;
    const text = typeof context.activity.text === 'string' ? context.activity.text.trim() : '';
    const operator = await this.deps.operatorOf(account);
    const reason = endCommand(text, context.activity.locale);
    if (reason) {
      const ended = await this.end(handoff._id, operator, reason);
      await context.sendActivity(ended ? t(`teams.handoff.chat.ended.${reason}`) : t('teams.handoff.chat.alreadyOver'));
      return true;
    }
    if (text === '') {
      // a picture, a file, a card: nothing the worker's chat shows
      await context.sendActivity(t('teams.handoff.chat.textOnly'));
      return true;
    }
    try {
      await this.deps.service.postOperatorMessage(handoff._id, operator, text);
      this.deps.relay?.kick();
    } catch (err) {
      if (err instanceof ValidationError) await context.sendActivity(t('teams.handoff.chat.tooLong'));
      else if (err instanceof ConflictError || err instanceof ForbiddenError || err instanceof NotFoundError) await context.sendActivity(t('teams.handoff.chat.over'));
      else throw err;
    }
    return true;
  }

  /** Teams' typing activity in the holder's chat: the worker sees the operator typing. False when not such a chat. */
  async typing(context: TurnContext, accountOf: () => Promise<AccountView | null>): Promise<boolean> {
    const mine = await this.heldHere(context, accountOf);
    if (!mine) return false;
    await this.deps.service.typing(mine.handoff._id, 'operator');
    this.deps.relay?.kick();
    return true;
  }

  /** One of the card's three buttons: the conversation ends so, and the card says how (no buttons left). */
  async endByCard(context: TurnContext, t: Translate, account: AccountView | null, verb: HandoffEndVerb, data: Record<string, unknown>): Promise<AdaptiveCardInvokeResponse> {
    const handoffId = typeof data.handoffId === 'string' && HANDOFF_ID.test(data.handoffId) ? data.handoffId : undefined;
    if (!handoffId) return cardResponse(noticeCard(t('teams.handoff.reply.unknown')));
    if (!account) return cardResponse(noticeCard(t('teams.handoff.reply.notLinked')));
    const operator = await this.deps.operatorOf(account);
    const reason = HANDOFF_END_VERBS[verb];
    let ended: Handoff | null;
    try {
      ended = await this.end(handoffId, operator, reason);
    } catch (err) {
      if (err instanceof NotFoundError || err instanceof ForbiddenError) return cardResponse(noticeCard(t('teams.handoff.chat.notYours')));
      throw err;
    }
    const language = languageOf(context.activity.locale);
    const now = ended ?? (await this.deps.service.get(handoffId));
    const said = ended ? t(`teams.handoff.chat.ended.${reason}`) : t('teams.handoff.chat.alreadyOver');
    return cardResponse(operatorChatCard(t, handoffCardModel(this.deps.translator, now, language), language, said));
  }

  /**
   * Ends the conversation from the operator's chat: this turn's answer is the end's notice there, so the relay does
   * not send another (the same unique record it takes). Null when it was no longer accepted (ended meanwhile).
   * NotFoundError / ForbiddenError when it is not the operator's.
   */
  private async end(handoffId: string, operator: OperatorRef, reason: OperatorEndReason): Promise<Handoff | null> {
    const told = await this.deps.service.claimDelivery(handoffId, 'op:end');
    try {
      const ended = await this.deps.service.end(handoffId, operator, reason);
      if (told) await this.deps.service.completeDelivery(handoffId, 'op:end');
      this.deps.relay?.kick();
      return ended;
    } catch (err) {
      if (told) await this.deps.service.releaseDelivery(handoffId, 'op:end');
      if (err instanceof ConflictError) return null;
      throw err;
    }
  }

  /** The conversation this chat holds, when the writer is the account holding it. */
  private async heldHere(context: TurnContext, accountOf: () => Promise<AccountView | null>): Promise<{ handoff: Handoff; account: AccountView } | null> {
    if (!isTeamsPersonalChat(context)) return null;
    const handoff = await this.deps.service.heldInOperatorChat(context.activity.conversation?.id ?? '');
    if (!handoff || handoff.status !== 'accepted') return null;
    const account = await accountOf();
    if (!account || account._id !== handoff.operatorId) return null;
    return { handoff, account };
  }
}

/**
 * Sends the relay's notices to the operator's personal chat (proactively, as the channel's cards). A chat the
 * Connector says is gone (403/404: the app removed for them) is forgotten, so their next card opens a new one.
 */
export class TeamsOperatorChatPoster implements OperatorChatPoster {
  constructor(private readonly deps: { adapter: CloudAdapter; appId: string; translator: Translator; chats?: Pick<OperatorChatStore, 'forget'> }) {}

  async send(handoff: Handoff, notice: OperatorChatNotice): Promise<string | undefined> {
    const chat = handoff.operatorChat;
    if (!chat) throw new DeliveryError(404);
    const language = languageOf(chat.language);
    const t = this.deps.translator.forLanguage(language);
    const activity = this.activityOf(t, handoff, language, notice);
    try {
      const posted = await continueWith(this.deps.adapter, this.deps.appId, chat.reference, (api, conversationId) => api.sendToConversation(conversationId, activity));
      // the activity's id in that chat: a worker's message there can be deleted again (the relay keeps it)
      return typeof posted?.id === 'string' && posted.id !== '' ? posted.id : undefined;
    } catch (err) {
      if (err instanceof DeliveryError && err.gone && handoff.operatorId) await this.deps.chats?.forget(handoff.operatorId);
      throw err;
    }
  }

  private activityOf(t: Translate, handoff: Handoff, language: ReturnType<typeof languageOf>, notice: OperatorChatNotice): Record<string, unknown> {
    switch (notice.kind) {
      case 'joined':
        return cardActivity(operatorChatCard(t, handoffCardModel(this.deps.translator, handoff, language), language));
      case 'message':
        // the worker's words as they wrote them: plain text, so nothing they type is read as markdown or a mention
        return { type: 'message', text: t('teams.handoff.chat.workerSays', { text: notice.text }), textFormat: 'plain' };
      case 'ended':
        return { type: 'message', text: t(`teams.handoff.chat.endedBy.${notice.reason satisfies EndReason}`, { name: handoff.operatorName ?? '' }) };
      case 'typing':
        return { type: 'typing' };
    }
  }
}

/**
 * Deletes, in an operator's personal chat, the worker's messages the bot relayed there (a bot may delete its own
 * activities), and says once why they went. Failures come out as DeliveryError (status, Retry-After): the retractor
 * decides what is retried.
 */
export class TeamsOperatorChatEraser implements OperatorChatEraser {
  constructor(private readonly deps: { adapter: CloudAdapter; appId: string; translator: Translator }) {}

  async deleteActivity(reference: Record<string, unknown>, activityId: string): Promise<void> {
    await continueWith(this.deps.adapter, this.deps.appId, reference as StoredReference, (api, conversationId) => api.deleteActivity(conversationId, activityId));
  }

  async tellRemoved(reference: Record<string, unknown>, language: string): Promise<void> {
    const t = this.deps.translator.forLanguage(languageOf(language));
    await continueWith(this.deps.adapter, this.deps.appId, reference as StoredReference, (api, conversationId) => api.sendToConversation(conversationId, { type: 'message', text: t('teams.handoff.chat.removed') }));
  }
}
