/**
 * The information campaign's shared vocabulary: what a worker can subscribe to, and the provinces an announcement
 * can target. Pure data, used by the dialogs, the API and the sender alike, so the lists cannot drift.
 */
import type { LanguageCode } from '../languages';
import { LOMBARDY_PROVINCES, isLombardyProvince } from '../projects/project';

/** new network projects in my area, info sessions, news about the measure */
export const TOPICS = ['projects', 'sessions', 'news'] as const;
export type Topic = (typeof TOPICS)[number];

export function isTopic(value: unknown): value is Topic {
  return typeof value === 'string' && (TOPICS as readonly string[]).includes(value);
}

export const CAMPAIGN_PROVINCES: readonly string[] = LOMBARDY_PROVINCES;

export function isCampaignProvince(value: unknown): value is string {
  return isLombardyProvince(value);
}

/**
 * The consent a subscription rests on: the notice version, the hash of the exact text the worker accepted and the
 * language it was shown in (absent on consents recorded before; the subscription's own `language` may change later).
 */
export interface SubscriptionConsent {
  noticeVersion: string;
  textHash: string;
  language?: LanguageCode;
  givenAt: Date;
}
