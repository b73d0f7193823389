/**
 * The live handoff in Teams, at the edge: the request's card (labels from codes), its posting and updating through
 * the Connector (proactively, as the referral cards), the "Rispondi" action (accept for the clicking Teams user's
 * linked account), and the operators' availability command ("disponibile" / "non disponibile", "available" /
 * "unavailable"). The conversation taken goes on in the operator's personal chat with the bot (./operatorChat.ts);
 * when that chat already holds another of theirs or cannot be opened, in the console, and the accept answer says so
 * and links to it (HandoffService relays the replies to the worker's chat either way).
 */
import type { AdaptiveCardInvokeResponse, CloudAdapter, TurnContext } from 'botbuilder';
import type { AccountView } from '../../models/accounts/accountService';
import { ConflictError, NotFoundError } from '../../models/errors';
import type { Handoff, OperatorRef } from '../../models/handoff/handoff';
import { operatorNow } from '../../models/handoff/operatorNow';
import { HandoffTakenError, type HandoffService } from '../../models/handoff/handoffService';
import type { Language, Translate, Translator } from '../../models/i18n';
import { languageOf } from '../../models/i18n';
import { leadLanguageOf, staffLanguageNames, staffLanguageOf } from '../../models/leads/leadLanguage';
import type { Logger } from '../../models/logger';
import type { NetworkProject } from '../../models/projects/project';
import { ADAPTIVE_CARD_CONTENT_TYPE, noticeCard, shortName, type AdaptiveCard } from '../../models/teams/cards';
import type { ChannelLink } from '../../models/teams/channelLinks';
import type { HandoffCardDispatcher, HandoffCardPoster } from '../../models/teams/handoffCardDispatcher';
import { acceptedCard, handoffCard, type HandoffCardModel } from '../../models/teams/handoffCards';
import { describeError } from '../../models/errorDescription';
import { cardActivity, continueWith } from './connector';
import type { TeamsOperatorChat } from './operatorChat';

/** Availability said in Teams holds this long (nothing polls to keep it live, as the console does) or until revoked. */
export const TEAMS_AVAILABILITY_MS = 8 * 60 * 60 * 1000;

const AVAILABLE = /^(?:sono\s+)?(?:disponibile|available)$/i;
const UNAVAILABLE = /^(?:(?:sono\s+)?non\s+disponibile|not\s+available|unavailable)$/i;
/** a request id as the service makes them (UUID) or tests do: anything else is refused before a read */
const HANDOFF_ID = /^[A-Za-z0-9-]{1,64}$/;

/** The card model of a request, in the reader's language: codes turned into labels, nothing else. */
export function handoffCardModel(translator: Translator, handoff: Handoff, language: Language): HandoffCardModel {
  const t = translator.forLanguage(language);
  const exchange = (code: string): string => {
    const [kind, ...rest] = code.split(':');
    const value = rest.join(':');
    if (kind === 'faq' && value) return t('teams.handoff.exchange.faq', { id: value });
    if (kind === 'precheck' && value) return t('teams.handoff.exchange.precheck', { outcome: t(`teams.outcome.${value}`, { defaultValue: value }) });
    return code;
  };
  return {
    handoffId: handoff._id,
    ...(handoff.province ? { province: handoff.province } : {}),
    ...(handoff.sector ? { sector: t(`eligibility.sector.${handoff.sector}`, { defaultValue: handoff.sector }) } : {}),
    language: staffLanguageNames(translator).label(leadLanguageOf(handoff.language), staffLanguageOf(language)),
    lastExchange: handoff.lastExchange.map(exchange),
    since: handoff.createdAt,
    status: handoff.status,
    ...(handoff.operatorName ? { takenBy: handoff.operatorName } : {}),
    ...(handoff.acceptedAt ? { takenAt: handoff.acceptedAt } : {}),
  };
}

/** Posts and updates handoff cards in linked channels through the Connector (the dispatcher's poster). */
export class TeamsHandoffPoster implements HandoffCardPoster {
  constructor(private readonly deps: { adapter: CloudAdapter; appId: string; translator: Translator }) {}

  private card(link: ChannelLink, handoff: Handoff): AdaptiveCard {
    const language = languageOf(link.language);
    return handoffCard(this.deps.translator.forLanguage(language), handoffCardModel(this.deps.translator, handoff, language), language);
  }

  post(link: ChannelLink, handoff: Handoff): Promise<string> {
    const card = this.card(link, handoff);
    return continueWith(this.deps.adapter, this.deps.appId, link.reference, async (api, conversationId) => (await api.sendToConversation(conversationId, cardActivity(card))).id ?? '');
  }

  async update(link: ChannelLink, activityId: string, handoff: Handoff): Promise<void> {
    const card = this.card(link, handoff);
    await continueWith(this.deps.adapter, this.deps.appId, link.reference, async (api, conversationId) => {
      await api.updateActivity(conversationId, activityId, cardActivity(card, activityId));
    });
  }
}

export interface TeamsHandoffDeps {
  service: HandoffService;
  projects: { listActive(): Promise<NetworkProject[]> };
  dispatcher: HandoffCardDispatcher;
  translator: Translator;
  logger: Logger;
  /** PUBLIC_URL: where the console is, for the link in the accept answer */
  publicUrl?: string;
  /** the operator's personal chat, where a conversation taken from a card goes on */
  chat?: TeamsOperatorChat;
  audit(account: AccountView, action: string, target: string, details: Record<string, string>): Promise<void>;
}

function cardResponse(card: AdaptiveCard): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: card };
}

/** The Teams operator's side of the handoff: the card's "Rispondi" and the availability command. */
export class TeamsHandoff {
  constructor(private readonly deps: TeamsHandoffDeps) {}

  /** The operator's personal chat with the bot, where conversations taken from a card go on (when wired). */
  get chat(): TeamsOperatorChat | undefined {
    return this.deps.chat;
  }

  /** A linked account as an operator of handoffs: their projects, and those projects' provinces (as the API). */
  async operatorOf(account: AccountView): Promise<OperatorRef> {
    // its active projects only: a disabled project's requests are no longer theirs to see or take
    return operatorNow(account, account.role === 'staff' ? [] : await this.deps.projects.listActive());
  }

  /** Whether the text is the availability command (then `command` answers it). */
  static isAvailabilityCommand(text: string): boolean {
    return AVAILABLE.test(text) || UNAVAILABLE.test(text);
  }

  /** "disponibile" / "non disponibile": the account's availability for requests, answered in the chat. */
  async availability(t: Translate, account: AccountView, text: string, language: Language): Promise<string> {
    const available = AVAILABLE.test(text);
    const operator = await this.operatorOf(account);
    if (operator.role === 'operator' && operator.provinces.length === 0 && available) return t('teams.handoff.availability.noProjects');
    const presence = await this.deps.service.setAvailability(operator, { available, ...(available ? { holdMs: TEAMS_AVAILABILITY_MS } : {}) });
    await this.deps.audit(account, 'handoff.availability', `account:${account._id}`, { available: available ? 'yes' : 'no', provinces: presence.provinces.join(',') || 'none' });
    if (!available) return t('teams.handoff.availability.off');
    const until = presence.heldUntil ? new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'it-IT', { timeZone: 'Europe/Rome', hour: '2-digit', minute: '2-digit' }).format(presence.heldUntil) : '';
    const where = operator.role === 'staff' ? t('teams.handoff.availability.everywhere') : presence.provinces.join(', ');
    return t('teams.handoff.availability.on', { provinces: where, until });
  }

  /** "Rispondi": the request goes to the clicking user's account, if they may take it and nobody took it first. */
  async accept(context: TurnContext, t: Translate, account: AccountView | null, data: Record<string, unknown>): Promise<AdaptiveCardInvokeResponse> {
    const handoffId = typeof data.handoffId === 'string' && HANDOFF_ID.test(data.handoffId) ? data.handoffId : undefined;
    if (!handoffId) return cardResponse(noticeCard(t('teams.handoff.reply.unknown')));
    if (!account) return cardResponse(noticeCard(t('teams.handoff.reply.notLinked')));
    const language = languageOf(context.activity.locale);
    const operator = await this.operatorOf(account);
    let handoff: Handoff;
    let taken: boolean;
    try {
      // a second click on the card (or from a second device) is the same acceptance: audited once
      ({ handoff, taken } = await this.deps.service.acceptOnce(handoffId, operator));
    } catch (err) {
      if (err instanceof HandoffTakenError) {
        await this.refreshClicked(context, handoffId, language);
        return cardResponse(noticeCard(t('teams.handoff.reply.taken', { name: shortName(err.takenBy) })));
      }
      // another operator's project, or no such request: the same answer (as the API's 404), nothing changed
      if (err instanceof NotFoundError) return cardResponse(noticeCard(t('teams.handoff.reply.unknown')));
      if (err instanceof ConflictError) {
        await this.refreshClicked(context, handoffId, language);
        return cardResponse(noticeCard(t('teams.handoff.reply.over')));
      }
      throw err;
    }
    if (taken) await this.deps.audit(account, 'handoff.accepted', `handoff:${handoff._id}`, { province: handoff.province ?? 'unknown', language: handoff.language });
    await this.showOnClicked(context, handoff, language);
    // the other channels' copies follow (the dispatcher's final update)
    this.deps.dispatcher.kick();
    const console = this.consoleLink(handoff._id);
    const chat = this.deps.chat ? await this.deps.chat.attach(context, account, operator, handoff) : 'unreachable';
    const inConsole = console ? t('teams.handoff.reply.continueAt', { url: console }) : t('teams.handoff.reply.continueInConsole');
    const next = chat === 'attached' ? t('teams.handoff.reply.continueInChat') : chat === 'busy' ? `${t('teams.handoff.reply.chatBusy')} ${inConsole}` : inConsole;
    return cardResponse(acceptedCard(t, handoffCardModel(this.deps.translator, handoff, language), language, next));
  }

  /**
   * A message in the thread of a handoff card (Teams delivers channel messages that @mention the bot): not relayed to
   * the worker, whose words stay out of a channel the whole team reads; the answer says where to reply (the holder's
   * personal chat with the bot, or the console). False when the thread is not a handoff card's.
   */
  async threadMessage(context: TurnContext, t: Translate): Promise<boolean> {
    const [channel, thread] = (context.activity.conversation?.id ?? '').split(';messageid=');
    if (!thread) return false;
    const handoffId = await this.deps.dispatcher.handoffOfCard(channel, thread);
    if (!handoffId) return false;
    const inChat = await this.deps.service.get(handoffId).then((h) => h.operatorChat !== undefined, () => false);
    const console = this.consoleLink(handoffId);
    await context.sendActivity(inChat ? t('teams.handoff.reply.threadNotRelayedChat') : console ? t('teams.handoff.reply.threadNotRelayedAt', { url: console }) : t('teams.handoff.reply.threadNotRelayed'));
    return true;
  }

  private consoleLink(handoffId: string): string | undefined {
    return this.deps.publicUrl ? `${this.deps.publicUrl.replace(/\/+$/, '')}/console#handoff/${encodeURIComponent(handoffId)}` : undefined;
  }

  /** The card clicked on shows the request as it is now (taken by someone, or over). */
  private async refreshClicked(context: TurnContext, handoffId: string, language: Language): Promise<void> {
    try {
      await this.showOnClicked(context, await this.deps.service.get(handoffId), language);
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
    }
  }

  private async showOnClicked(context: TurnContext, handoff: Handoff, language: Language): Promise<void> {
    const here = context.activity.replyToId;
    if (!here) return;
    try {
      const card = handoffCard(this.deps.translator.forLanguage(language), handoffCardModel(this.deps.translator, handoff, language), language);
      await context.updateActivity(cardActivity(card, here));
    } catch (err) {
      this.deps.logger.warn({ handoffId: handoff._id, err: describeError(err) }, 'teams: cannot update the handoff card');
    }
  }
}
