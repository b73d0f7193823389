/**
 * Everything Teams-specific the bot does, kept at the edge: channel commands ("collega progetto <id>",
 * "scollega", "stato"), the one-time link code in a personal chat, the bot's arrival in a team, and the
 * `adaptiveCard/action` invokes of referral cards (one handler per verb). Workers' personal chats go on to the
 * main dialog untouched.
 */
import { TurnContext, type AdaptiveCardInvokeResponse, type AdaptiveCardInvokeValue } from 'botbuilder';
import type { AccountView } from '../../models/accounts/accountService';
import { normalizeLinkCode } from '../../models/accounts/accountService';
import type { Domain } from '../../models/domain';
import { ConflictError, ForbiddenError, NotFoundError, UnauthorizedError, ValidationError } from '../../models/errors';
import type { Translate, Translator } from '../../models/i18n';
import type { Lead, LeadStatus } from '../../models/leads/lead';
import type { Logger } from '../../models/logger';
import { ADAPTIVE_CARD_CONTENT_TYPE, isCardVerb, noticeCard, shortName, type AdaptiveCard, type CardVerb } from '../../models/teams/cards';
import { channelConversationId, type ChannelLinkStore, type StoredReference } from '../../models/teams/channelLinks';
import type { Outbox } from '../../models/teams/outbox';
import { turnLanguage } from '../../dialogs/turnLanguage';
import { describeError } from '../../models/errorDescription';
import { cardActivity, type TeamsConnector } from './connector';
import type { ReferralCards } from './referralCards';
import { TeamsHandoff } from './handoffTeams';
import { HANDOFF_ACCEPT_VERB, isHandoffEndVerb } from '../../models/teams/handoffCards';

export interface TeamsHandlerDeps {
  domain: Domain;
  links: ChannelLinkStore;
  outbox: Outbox;
  cards: ReferralCards;
  connector: TeamsConnector;
  translator: Translator;
  logger: Logger;
  /** the live handoff's cards and availability command (bot/teams/handoffTeams.ts) */
  handoff?: TeamsHandoff;
}

const LINK_CODE_COMMAND = /^(?:collega|link)\s+([A-Za-z0-9]{4}[\s-]?[A-Za-z0-9]{4})$/i;
const LINK_PROJECT = /^(?:collega|link)(?:\s+(?:progetto|project))?(?:\s+(\S+))?$/i;
const UNLINK = /^(?:scollega|unlink)(?:\s+(?:progetto|project)\s+(\S+))?$/i;
const STATUS = /^(?:stato|status)$/i;
const INVOKE_ERROR_CONTENT_TYPE = 'application/vnd.microsoft.error';
const TRANSITIONS: Partial<Record<CardVerb, LeadStatus>> = { contacted: 'contacted', enrolled: 'enrolled', close: 'closed' };

/**
 * The turn comes from Microsoft Teams, so `from.aadObjectId` is Teams' word for who clicked or typed. On any other
 * channel (Direct Line, Web Chat, the Emulator) the client writes `from` itself, so an AAD id there proves nothing.
 * With an app id the channel id is vouched for by the Bot Framework: botframework-connector's JwtTokenExtractor
 * accepts a channel token only if its signing key is endorsed for the activity's channelId, so a Direct Line
 * client cannot send as `msteams`. Without one (local mode) nothing is authenticated: that mode is for one machine.
 */
function isTeams(context: TurnContext): boolean {
  return context.activity.channelId === 'msteams';
}

/** A team channel (or a group chat): operators' ground, never the worker journey. */
function isShared(context: TurnContext): boolean {
  const type = context.activity.conversation?.conversationType;
  return type === 'channel' || type === 'groupChat' || (type === undefined && context.activity.conversation?.isGroup === true);
}

function commandText(context: TurnContext): string {
  return (context.activity.text ?? '').replace(/\s+/g, ' ').trim().replace(/[.!]+$/, '');
}

/** The reference the bot posts to later: the channel itself (not a reply thread), no user, no activity. */
function channelReference(context: TurnContext): StoredReference {
  const reference = TurnContext.getConversationReference(context.activity);
  const conversation = { ...reference.conversation, id: channelConversationId(reference.conversation?.id ?? '') };
  const { activityId: _activity, user: _user, ...rest } = reference;
  return JSON.parse(JSON.stringify({ ...rest, conversation })) as StoredReference;
}

function cardResponse(card: AdaptiveCard): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: card };
}

/** An error as Universal Actions define it: the status, and `{ code, message }` the client may show. */
export function errorResponse(statusCode: number, code: string, message: string): AdaptiveCardInvokeResponse {
  return { statusCode, type: INVOKE_ERROR_CONTENT_TYPE, value: { code, message } };
}

export class TeamsHandler {
  constructor(private readonly deps: TeamsHandlerDeps) {}

  private t(context: TurnContext): Translate {
    return this.deps.translator.forLanguage(turnLanguage(context));
  }

  /** The linked, enabled account of the Teams user of this turn (remembering their name and id), or null. */
  private async account(context: TurnContext): Promise<AccountView | null> {
    const from = context.activity.from;
    const account = await this.deps.domain.accounts.findByTeamsUser(from?.aadObjectId);
    if (account && (account.displayName !== from?.name || account.teamsUserId !== from?.id)) {
      await this.deps.domain.accounts.noteTeamsUser(account._id, { displayName: from?.name, userId: from?.id });
    }
    return account;
  }

  /** Teams' typing in an operator's personal chat holding a conversation: the worker sees them typing. True when so. */
  async onTyping(context: TurnContext): Promise<boolean> {
    if (!isTeams(context) || isShared(context) || !this.deps.handoff?.chat) return false;
    return this.deps.handoff.chat.typing(context, () => this.account(context));
  }

  /** true when the bot arrived in a team channel (or someone joined it): no worker welcome there. */
  async onMembersAdded(context: TurnContext): Promise<boolean> {
    if (!isTeams(context) || !isShared(context)) return false;
    const botId = context.activity.recipient?.id;
    if ((context.activity.membersAdded ?? []).some((m) => m.id === botId)) {
      await context.sendActivity(this.t(context)('teams.channel.installed', { bot: context.activity.recipient?.name ?? 'bot' }));
    }
    return true;
  }

  /** true when the message was a Teams command (or anything in a channel); false = the worker journey goes on. */
  async onMessage(context: TurnContext): Promise<boolean> {
    if (!isTeams(context)) return false;
    const text = commandText(context);
    const code = LINK_CODE_COMMAND.exec(text);
    const shared = isShared(context);
    if (code && normalizeLinkCode(code[1]) && !/^(?:collega|link)\s+(?:progetto|project)$/i.test(text)) {
      if (shared) await context.sendActivity(this.t(context)('teams.link.onlyPersonal'));
      else await this.redeem(context, code[1]);
      return true;
    }
    // an operator's personal chat holding a conversation taken from a card: what they write goes to the worker
    if (!shared && this.deps.handoff?.chat && (await this.deps.handoff.chat.message(context, this.t(context), () => this.account(context)))) return true;
    if (this.deps.handoff && TeamsHandoff.isAvailabilityCommand(text)) {
      const account = await this.account(context);
      // in a personal chat only a linked operator's: a worker typing "disponibile" goes on to the dialogs
      if (!account && !shared) return false;
      // said in their personal chat: the conversations they take from a card go on there
      if (account && !shared) await this.deps.handoff.chat?.remember(context, account);
      const t = this.t(context);
      await context.sendActivity(account ? await this.deps.handoff.availability(t, account, text, turnLanguage(context)) : t('teams.channel.notLinkedUser'));
      return true;
    }
    if (!shared) return false;
    const channelCommand = STATUS.test(text) || LINK_PROJECT.test(text) || UNLINK.test(text);
    if (!channelCommand && this.deps.handoff && (await this.deps.handoff.threadMessage(context, this.t(context)))) return true;
    await this.channelCommand(context, text);
    return true;
  }

  private async redeem(context: TurnContext, code: string): Promise<void> {
    const t = this.t(context);
    const from = context.activity.from;
    try {
      const account = await this.deps.domain.accounts.redeemLinkCode(code, { aadObjectId: from?.aadObjectId ?? '', displayName: from?.name });
      await this.deps.domain.accounts.noteTeamsUser(account._id, { userId: from?.id });
      await this.deps.handoff?.chat?.remember(context, account);
      await this.audit(account, 'account.teams_linked', `account:${account._id}`, {});
      await context.sendActivity(t('teams.link.done', { name: account.name }));
    } catch (err) {
      if (err instanceof ConflictError) await context.sendActivity(t('teams.link.taken'));
      else if (err instanceof UnauthorizedError || err instanceof ValidationError) await context.sendActivity(t('teams.link.invalid'));
      else throw err;
    }
  }

  private async mayWork(account: AccountView, projectId: string): Promise<boolean> {
    if (account.role === 'operator' && !account.projectIds.includes(projectId)) return false;
    return this.deps.domain.projects.exists(projectId);
  }

  private async channelCommand(context: TurnContext, text: string): Promise<void> {
    const t = this.t(context);
    const conversationId = context.activity.conversation.id;
    const linkMatch = LINK_PROJECT.exec(text);
    const unlinkMatch = UNLINK.exec(text);
    if (STATUS.test(text)) {
      const links = (await this.deps.links.forConversation(conversationId)).filter((l) => l.active);
      await context.sendActivity(links.length ? t('teams.channel.status', { projects: links.map((l) => l.projectId).join(', ') }) : t('teams.channel.nothingLinked'));
      return;
    }
    if (!linkMatch && !unlinkMatch) {
      await context.sendActivity(t('teams.channel.help'));
      return;
    }
    const account = await this.account(context);
    if (!account) {
      await context.sendActivity(t('teams.channel.notLinkedUser'));
      return;
    }
    if (linkMatch) {
      const projectId = linkMatch[1];
      if (!projectId) {
        await context.sendActivity(t('teams.channel.projectMissing'));
        return;
      }
      if (!(await this.mayWork(account, projectId))) {
        // echoed to the whole channel, where Teams formats message text as markdown: only an id's own characters
        await context.sendActivity(t('teams.channel.unknownProject', { project: projectId.replace(/[^A-Za-z0-9._-]/g, '').slice(0, 80) }));
        return;
      }
      await this.deps.links.link({ projectId, conversationId, reference: channelReference(context), language: turnLanguage(context), linkedBy: account._id });
      await this.audit(account, 'teams.channel_linked', `project:${projectId}`, { projectId });
      const project = await this.deps.domain.projects.get(projectId);
      await context.sendActivity(t('teams.channel.linked', { project: project.title }));
      return;
    }
    const only = unlinkMatch?.[1];
    const current = await this.deps.links.forConversation(conversationId);
    const allowed = current.filter((l) => (only === undefined || l.projectId === only) && (account.role === 'staff' || account.projectIds.includes(l.projectId)));
    if (allowed.length === 0) {
      await context.sendActivity(t('teams.channel.nothingLinked'));
      return;
    }
    for (const link of allowed) {
      await this.deps.links.unlink(conversationId, link.projectId);
      await this.audit(account, 'teams.channel_unlinked', `project:${link.projectId}`, { projectId: link.projectId });
    }
    await context.sendActivity(t('teams.channel.unlinked', { projects: allowed.map((l) => l.projectId).join(', ') }));
  }

  private async audit(account: AccountView, action: string, target: string, details: Record<string, string>): Promise<void> {
    try {
      await this.deps.domain.audit.append({ actor: account.name, action, target, details: { ...details, via: 'teams' } });
    } catch (err) {
      this.deps.logger.error({ action, err: { name: err instanceof Error ? err.name : typeof err } }, 'audit entry not written');
    }
  }

  /**
   * `adaptiveCard/action`: refused (403, nothing read or changed) off Teams; else one branch per verb, where
   * refusals answer a card and change nothing. A failure answers 500 in the invoke response, inside the turn.
   */
  async onCardAction(context: TurnContext, value: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const t = this.t(context);
    if (!isTeams(context)) {
      this.deps.logger.warn({ channelId: String(context.activity.channelId ?? '').slice(0, 40), verb: typeof value.action?.verb === 'string' ? value.action.verb.slice(0, 40) : null }, 'teams: card action refused off Teams');
      return errorResponse(403, 'Forbidden', t('teams.reply.onlyTeams'));
    }
    try {
      return await this.cardAction(context, value);
    } catch (err) {
      this.deps.logger.error({ conversationId: context.activity.conversation?.id, activityId: context.activity.id, err: describeError(err) }, 'teams: card action failed');
      return errorResponse(500, 'InternalError', t('teams.reply.failed'));
    }
  }

  private async cardAction(context: TurnContext, value: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const t = this.t(context);
    const verb = value.action?.verb;
    const data = (value.action?.data ?? {}) as Record<string, unknown>;
    if (verb === HANDOFF_ACCEPT_VERB && this.deps.handoff) return this.deps.handoff.accept(context, t, await this.account(context), data);
    if (isHandoffEndVerb(verb) && this.deps.handoff?.chat) return this.deps.handoff.chat.endByCard(context, t, await this.account(context), verb, data);
    const leadId = typeof data.leadId === 'string' ? data.leadId : '';
    if (!isCardVerb(verb) || !leadId) return cardResponse(noticeCard(t('teams.reply.unknownAction')));
    const account = await this.account(context);
    let lead: Lead;
    try {
      lead = await this.deps.domain.leads.get(leadId);
    } catch (err) {
      if (err instanceof NotFoundError) return cardResponse(noticeCard(t('teams.reply.gone')));
      throw err;
    }
    const locale = context.activity.locale;
    if (!account) {
      // a refresh from someone not linked just gets the shared card back
      return cardResponse(verb === 'refresh' ? await this.deps.cards.shared(lead, locale) : noticeCard(t('teams.reply.notLinked')));
    }
    if (lead.projectId === null || (account.role === 'operator' && !account.projectIds.includes(lead.projectId))) {
      return cardResponse(verb === 'refresh' ? await this.deps.cards.shared(lead, locale) : noticeCard(t('teams.reply.notYourProject')));
    }
    if (lead.status === 'erased') return cardResponse(noticeCard(t('teams.reply.gone')));
    switch (verb) {
      case 'refresh':
        return cardResponse(lead.operatorId === account._id ? await this.deps.cards.forClaimer(lead, locale) : await this.deps.cards.shared(lead, locale));
      case 'claim':
        return this.claim(context, account, lead);
      default:
        return this.move(context, account, lead, TRANSITIONS[verb] as LeadStatus, typeof data.reason === 'string' ? data.reason : undefined);
    }
  }

  private async claim(context: TurnContext, account: AccountView, lead: Lead): Promise<AdaptiveCardInvokeResponse> {
    const t = this.t(context);
    let claimed: Lead;
    try {
      claimed = await this.deps.domain.leads.claim(lead._id, account._id, account.role === 'operator' ? { projectIds: account.projectIds } : {});
    } catch (err) {
      if (err instanceof ForbiddenError) return cardResponse(noticeCard(t('teams.reply.notYourProject')));
      if (!(err instanceof ConflictError)) throw err;
      const now = await this.deps.domain.leads.get(lead._id);
      if (now.operatorId === account._id) return cardResponse(await this.deps.cards.forClaimer(now, context.activity.locale));
      const name = now.operatorId ? (await this.deps.domain.accounts.displayNamesByIds([now.operatorId])).get(now.operatorId) : undefined;
      return cardResponse(noticeCard(name ? t('teams.reply.alreadyClaimed', { name: shortName(name) }) : t('teams.reply.illegal', { status: t(`teams.status.${now.status}`) }), now.reference));
    }
    await this.audit(account, 'lead.claimed', `lead:${claimed._id}`, { reference: claimed.reference, from: 'new', to: 'claimed', projectId: claimed.projectId ?? '' });
    await this.updateEverywhere(context, claimed);
    return cardResponse(await this.deps.cards.forClaimer(claimed, context.activity.locale, t('teams.reply.claimed', { reference: claimed.reference })));
  }

  private async move(context: TurnContext, account: AccountView, lead: Lead, to: LeadStatus, reason: string | undefined): Promise<AdaptiveCardInvokeResponse> {
    const t = this.t(context);
    if (account.role === 'operator' && lead.operatorId !== account._id) return cardResponse(noticeCard(t('teams.reply.notYours')));
    let moved: Lead;
    try {
      moved = await this.deps.domain.leads.transition(lead._id, to, { by: account._id, ...(to === 'closed' ? { reason } : {}), requireClaimedBy: account.role === 'operator' });
    } catch (err) {
      if (err instanceof ForbiddenError) return cardResponse(noticeCard(t('teams.reply.notYours')));
      const current = await this.deps.domain.leads.get(lead._id);
      if (err instanceof ValidationError) return cardResponse(await this.deps.cards.forClaimer(current, context.activity.locale, t('teams.reply.reasonRequired')));
      if (err instanceof ConflictError) return cardResponse(await this.deps.cards.forClaimer(current, context.activity.locale, t('teams.reply.illegal', { status: t(`teams.status.${current.status}`) })));
      throw err;
    }
    await this.audit(account, 'lead.status_changed', `lead:${moved._id}`, { reference: moved.reference, from: lead.status, to: moved.status, ...(reason && to === 'closed' ? { reason } : {}) });
    await this.updateEverywhere(context, moved);
    return cardResponse(await this.deps.cards.forClaimer(moved, context.activity.locale, t('teams.reply.moved', { status: t(`teams.status.${moved.status}`) })));
  }

  /** Everyone sees the new state: the card clicked on, and its copies in the project's other channels. */
  private async updateEverywhere(context: TurnContext, lead: Lead): Promise<void> {
    const here = context.activity.replyToId;
    if (here) {
      try {
        await context.updateActivity(cardActivity(await this.deps.cards.shared(lead, context.activity.locale), here));
      } catch (err) {
        this.deps.logger.warn({ leadId: lead._id, err: describeError(err) }, 'teams: cannot update the card');
      }
    }
    for (const delivery of await this.deps.outbox.deliveriesForLead(lead._id)) {
      if (delivery.activityId === here) continue;
      const link = await this.deps.links.get(delivery.linkId);
      if (!link) continue;
      try {
        await this.deps.connector.updateCard(link.reference, delivery.activityId, await this.deps.cards.shared(lead, link.language));
      } catch (err) {
        this.deps.logger.warn({ leadId: lead._id, linkId: link._id, err: describeError(err) }, 'teams: cannot update a card copy');
      }
    }
  }
}
