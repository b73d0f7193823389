import { createHash } from 'node:crypto';
import type { Language, Translate } from '../models/i18n';
import { matchesLabel } from './eligibility/labels';
import { recognizeYesNo } from './understanding';

/** What a consent is recorded with: the notice's version, a hash of the exact text shown, and when. */
export interface ConsentRecord {
  noticeVersion: string;
  textHash: string;
  givenAt: string;
}

/**
 * The answer to a consent question: its own buttons (`<keyPrefix>.yes` / `.no`, in any language) or a plain
 * yes / no in words. Anything else, including "non so", is not an answer: it is never taken as consent.
 */
export function consentAnswer(text: string, translators: Translate[], keyPrefix: string, language: Language): 'yes' | 'no' | undefined {
  if (matchesLabel(text, translators, `${keyPrefix}.no`) || recognizeYesNo(text, language) === false) return 'no';
  if (matchesLabel(text, translators, `${keyPrefix}.yes`) || recognizeYesNo(text, language) === true) return 'yes';
  return undefined;
}

export function consentRecord(noticeVersion: string, textShown: string, givenAt: Date): ConsentRecord {
  return { noticeVersion, textHash: createHash('sha256').update(textShown).digest('hex'), givenAt: givenAt.toISOString() };
}
