/**
 * The Adaptive Card (1.5) of a live handoff request in a project's Teams channel: pure builder, no Bot Framework
 * import. It carries codes turned into labels only (province, sector, the worker's language, what the last exchange
 * with the bot was about, since when the worker waits): never a name, an identity or anything anyone typed. Like the
 * referral cards (./cards.ts), every string is a RichTextBlock TextRun, which no host reads as markdown.
 */
import type { Translate } from '../i18n';
import type { HandoffStatus, OperatorEndReason } from '../handoff/handoff';
import { formatDate } from '../text/dates';
import { noticeCard, plainText, shortName, type AdaptiveCard } from './cards';

/** The verb of the "Rispondi" button (an Action.Execute; its data names the request). */
export const HANDOFF_ACCEPT_VERB = 'handoff.accept';

/**
 * The buttons of the conversation's card in the operator's personal chat: end it, hand the worker back to the bot,
 * turn it into a referral (the service's three operator ends).
 */
export const HANDOFF_END_VERBS = { 'handoff.close': 'closed', 'handoff.return': 'returned_to_bot', 'handoff.referral': 'referral' } as const satisfies Record<string, OperatorEndReason>;
export type HandoffEndVerb = keyof typeof HANDOFF_END_VERBS;

export function isHandoffEndVerb(value: unknown): value is HandoffEndVerb {
  return typeof value === 'string' && Object.hasOwn(HANDOFF_END_VERBS, value);
}

export interface HandoffCardModel {
  handoffId: string;
  /** labels, already in the reader's language */
  province?: string;
  sector?: string;
  language: string;
  lastExchange: string[];
  since: Date;
  status: HandoffStatus;
  /** the account name of who took it */
  takenBy?: string;
  takenAt?: Date;
}

function facts(t: Translate, model: HandoffCardModel, language: string): Record<string, unknown> {
  const unknown = t('teams.card.unknown');
  const rows = [
    { title: t('teams.card.province'), value: model.province ?? unknown },
    { title: t('teams.card.sector'), value: model.sector ?? unknown },
    { title: t('teams.handoff.card.language'), value: model.language },
    { title: t('teams.handoff.card.lastExchange'), value: model.lastExchange.length > 0 ? model.lastExchange.join(' · ') : t('teams.handoff.card.noExchange') },
    { title: t('teams.handoff.card.since'), value: formatDate(model.since, language, 'dateTime') },
  ];
  return {
    type: 'Container',
    items: rows.map((row, index) => ({
      type: 'ColumnSet',
      spacing: index === 0 ? 'Default' : 'Small',
      columns: [
        { type: 'Column', width: 2, items: [plainText(row.title, { weight: 'Bolder' })] },
        { type: 'Column', width: 3, items: [plainText(row.value)] },
      ],
    })),
  };
}

/** What the card says of the request's state now. */
export function handoffStatusLine(t: Translate, model: HandoffCardModel, language: string): string {
  switch (model.status) {
    case 'waiting':
      return t('teams.handoff.card.waiting');
    case 'accepted':
    case 'ended': {
      const name = model.takenBy ? shortName(model.takenBy) : t('teams.card.someone');
      return model.takenAt ? t('teams.handoff.card.takenBy', { name, time: formatDate(model.takenAt, language, 'clock') }) : t('teams.handoff.card.takenByNoTime', { name });
    }
    case 'unanswered':
      return t('teams.handoff.card.unanswered');
    case 'abandoned':
      return t('teams.handoff.card.abandoned');
  }
}

/** The card everyone in the channel sees; "Rispondi" only while the request waits. */
export function handoffCard(t: Translate, model: HandoffCardModel, language: string): AdaptiveCard {
  const waiting = model.status === 'waiting';
  const body = [
    plainText(t('teams.handoff.card.title'), { weight: 'Bolder', size: 'Medium' }),
    facts(t, model, language),
    plainText(handoffStatusLine(t, model, language), { weight: waiting ? 'Default' : 'Bolder', color: waiting ? 'Accent' : model.status === 'accepted' || model.status === 'ended' ? 'Good' : 'Warning' }),
  ];
  const actions = waiting ? [{ type: 'Action.Execute', title: t('teams.handoff.card.accept'), verb: HANDOFF_ACCEPT_VERB, data: { handoffId: model.handoffId }, style: 'positive' }] : [];
  return { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5', body, ...(actions.length > 0 ? { actions } : {}) };
}

/** The answer to the operator who took it: the card as it is now, and where to go on. */
export function acceptedCard(t: Translate, model: HandoffCardModel, language: string, next: string): AdaptiveCard {
  const card = handoffCard(t, model, language);
  return { ...card, body: [...(card.body as unknown[]), plainText(t('teams.handoff.reply.accepted'), { weight: 'Bolder' }, { separator: true }), plainText(next)] };
}

/**
 * The first thing in the operator's personal chat once they took a conversation from a card: who and what (the same
 * facts as the channel's card), that what they write here goes to the worker as them, the commands, and the three
 * buttons; once the conversation is over (`ended`), the same facts and how it ended, no button.
 */
export function operatorChatCard(t: Translate, model: HandoffCardModel, language: string, ended?: string): AdaptiveCard {
  const body = [
    plainText(t('teams.handoff.chat.title'), { weight: 'Bolder', size: 'Medium' }),
    facts(t, model, language),
    ended ? plainText(ended, { weight: 'Bolder' }, { separator: true }) : plainText(t('teams.handoff.chat.howTo', { name: model.takenBy ?? '' }), {}, { separator: true }),
  ];
  const titles: Record<HandoffEndVerb, string> = { 'handoff.close': t('teams.handoff.chat.close'), 'handoff.return': t('teams.handoff.chat.return'), 'handoff.referral': t('teams.handoff.chat.referral') };
  const actions = ended ? [] : (Object.keys(HANDOFF_END_VERBS) as HandoffEndVerb[]).map((verb) => ({ type: 'Action.Execute', title: titles[verb], verb, data: { handoffId: model.handoffId } }));
  return { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5', body, ...(actions.length > 0 ? { actions } : {}) };
}

export { noticeCard };
