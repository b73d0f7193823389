/**
 * Adaptive Cards (1.5) for referrals in a Teams channel: pure builders over a card model, no Bot Framework import.
 *
 * The shared card, seen by everyone in the channel, carries no personal data: outcome of the pre-check, province,
 * sector, firm, time, status, and who took it. The claimer's own view (Universal Actions `refresh.userIds`) adds
 * the worker's contact details and the lifecycle buttons. Every button is an `Action.Execute` with a verb.
 *
 * No text in these cards is read as markdown. Teams renders a TextBlock's text and a FactSet's titles and values as
 * markdown, so a firm name typed as `[Clicca](https://...)` became a link in the whole project channel, and `**`,
 * `# `, `- ` or `1. ` changed the layout. Backslash escapes are not a fix: Teams clients disagree on them (desktop,
 * web and mobile show or drop the backslashes differently: microsoft/AdaptiveCards#5590, #4677). So every string,
 * ours or a worker's, goes in a RichTextBlock's TextRun, which the Adaptive Cards schema (1.2+) defines as
 * "Text to display. Markdown is not supported."; label and value pairs are columns of those instead of a FactSet.
 */
import type { Translate } from '../i18n';
import type { Contact } from '../leads/contact';
import { CLOSE_REASONS, type LeadStatus } from '../leads/lead';
import { formatDate } from '../text/dates';

export const CARD_VERBS = ['claim', 'contacted', 'enrolled', 'close', 'refresh'] as const;
export type CardVerb = (typeof CARD_VERBS)[number];

export function isCardVerb(value: unknown): value is CardVerb {
  return typeof value === 'string' && (CARD_VERBS as readonly string[]).includes(value);
}

/** What every button sends back (Action.Execute data; inputs such as `reason` are merged in by Teams). */
export interface CardActionData {
  leadId: string;
  reason?: string;
}

export interface ReferralCardModel {
  leadId: string;
  reference: string;
  projectTitle: string;
  outcome: string;
  /** the language the worker used in the chat, named for the operator ("Arabo (ar)"): to call with an interpreter */
  language: string;
  province?: string;
  sector?: string;
  firm?: string;
  createdAt: Date;
  status: LeadStatus;
  /** display name of who took it */
  claimedBy?: string;
  claimedAt?: Date;
  /** Teams user id of the claimer: their client fetches the personal view (refresh.userIds) */
  claimerUserId?: string;
}

export type AdaptiveCard = Record<string, unknown> & { type: 'AdaptiveCard'; version: string };

const SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/** "Anna Bianchi" -> "Anna B."; one word or a login name stays as it is. */
export function shortName(displayName: string): string {
  const words = displayName.trim().split(/\s+/);
  if (words.length < 2) return displayName.trim();
  return `${words[0]} ${words[words.length - 1].charAt(0).toUpperCase()}.`;
}

function card(body: unknown[], actions: unknown[] = [], extra: Record<string, unknown> = {}): AdaptiveCard {
  return { type: 'AdaptiveCard', $schema: SCHEMA, version: '1.5', body, ...(actions.length > 0 ? { actions } : {}), ...extra };
}

/** How a run of text looks (TextRun properties). */
export interface RunStyle {
  weight?: 'Default' | 'Lighter' | 'Bolder';
  size?: 'Small' | 'Default' | 'Medium' | 'Large' | 'ExtraLarge';
  color?: 'Default' | 'Dark' | 'Light' | 'Accent' | 'Good' | 'Warning' | 'Attention';
  isSubtle?: boolean;
}

/** Where a block sits (element properties). */
export interface BlockLayout {
  spacing?: 'None' | 'Small' | 'Default' | 'Medium' | 'Large';
  separator?: boolean;
}

/** A paragraph shown exactly as written: a RichTextBlock with one TextRun, which no host reads as markdown. */
export function plainText(value: string, style: RunStyle = {}, layout: BlockLayout = {}): Record<string, unknown> {
  return { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: value, ...style }], ...layout };
}

/** Label and value pairs, FactSet-like (the label column a fixed share of the width), both shown as written. */
function factTable(facts: Array<{ title: string; value: string }>, layout: BlockLayout = {}): Record<string, unknown> {
  return {
    type: 'Container',
    ...layout,
    items: facts.map((fact, index) => ({
      type: 'ColumnSet',
      spacing: index === 0 ? 'Default' : 'Small',
      columns: [
        { type: 'Column', width: 2, items: [plainText(fact.title, { weight: 'Bolder' })] },
        { type: 'Column', width: 3, items: [plainText(fact.value)] },
      ],
    })),
  };
}

function execute(title: string, verb: CardVerb, data: CardActionData, style?: 'positive' | 'destructive'): Record<string, unknown> {
  return { type: 'Action.Execute', title, verb, data, ...(style ? { style } : {}) };
}

function statusLine(t: Translate, model: ReferralCardModel, language: string): string {
  if (model.status === 'new') return t('teams.card.waiting');
  const who = model.claimedBy ? shortName(model.claimedBy) : t('teams.card.someone');
  const taken = model.claimedAt ? t('teams.card.claimedBy', { name: who, time: formatDate(model.claimedAt, language, 'clock') }) : t('teams.card.claimedByNoTime', { name: who });
  return model.status === 'claimed' ? taken : `${taken} · ${t(`teams.status.${model.status}`)}`;
}

function facts(t: Translate, model: ReferralCardModel, language: string): Record<string, unknown> {
  const unknown = t('teams.card.unknown');
  return factTable([
    { title: t('teams.card.outcome'), value: model.outcome },
    { title: t('staffLanguages.field'), value: model.language },
    { title: t('teams.card.province'), value: model.province ?? unknown },
    { title: t('teams.card.sector'), value: model.sector ?? unknown },
    { title: t('teams.card.firm'), value: model.firm ?? unknown },
    { title: t('teams.card.received'), value: formatDate(model.createdAt, language, 'dateTime') },
  ]);
}

function header(t: Translate, model: ReferralCardModel): unknown[] {
  return [plainText(t('teams.card.title', { reference: model.reference }), { weight: 'Bolder', size: 'Medium' }), plainText(model.projectTitle, { isSubtle: true }, { spacing: 'None' })];
}

function refreshFor(t: Translate, model: ReferralCardModel): Record<string, unknown> {
  if (!model.claimerUserId || model.status === 'new') return {};
  return { refresh: { action: execute(t('teams.card.refresh'), 'refresh', { leadId: model.leadId }), userIds: [model.claimerUserId] } };
}

/** The card everyone in the channel sees: no name, phone or e-mail. */
export function sharedReferralCard(t: Translate, model: ReferralCardModel, language: string): AdaptiveCard {
  const body = [...header(t, model), facts(t, model, language), plainText(statusLine(t, model, language), { weight: model.status === 'new' ? 'Default' : 'Bolder', color: model.status === 'new' ? 'Accent' : 'Good' })];
  const actions = model.status === 'new' ? [execute(t('teams.card.claim'), 'claim', { leadId: model.leadId }, 'positive')] : [];
  return card(body, actions, refreshFor(t, model));
}

/** The claimer's own view: the shared card plus the worker's contact details and the next steps. */
export function claimerReferralCard(t: Translate, model: ReferralCardModel, contact: Contact | undefined, language: string, notice?: string): AdaptiveCard {
  const body: unknown[] = [...header(t, model), facts(t, model, language), plainText(statusLine(t, model, language), { weight: 'Bolder', color: 'Good' })];
  if (notice) body.push(plainText(notice, { color: 'Accent' }));
  if (contact) {
    const contactFacts = [
      { title: t('teams.card.name'), value: contact.name },
      ...(contact.phone ? [{ title: t('teams.card.phone'), value: contact.phone }] : []),
      ...(contact.email ? [{ title: t('teams.card.email'), value: contact.email }] : []),
      ...(contact.preferredTime ? [{ title: t('teams.card.preferredTime'), value: contact.preferredTime }] : []),
    ];
    body.push(plainText(t('teams.card.contactTitle'), { weight: 'Bolder' }, { separator: true }), factTable(contactFacts));
  }
  const data = { leadId: model.leadId };
  const actions: unknown[] = [];
  if (model.status === 'claimed') actions.push(execute(t('teams.card.contacted'), 'contacted', data, 'positive'));
  if (model.status === 'contacted') actions.push(execute(t('teams.card.enrolled'), 'enrolled', data, 'positive'));
  if (model.status === 'claimed' || model.status === 'contacted' || model.status === 'enrolled') {
    body.push({
      type: 'Input.ChoiceSet',
      id: 'reason',
      label: t('teams.card.closeReason'),
      style: 'compact',
      choices: CLOSE_REASONS.map((reason) => ({ title: t(`teams.closeReason.${reason}`), value: reason })),
    });
    actions.push(execute(t('teams.card.close'), 'close', data, 'destructive'));
  }
  return card(body, actions, refreshFor(t, model));
}

/** A one-message card: refusals, errors, "già preso in carico da ...". */
export function noticeCard(message: string, title?: string): AdaptiveCard {
  return card([...(title ? [plainText(title, { weight: 'Bolder' })] : []), plainText(message)]);
}
