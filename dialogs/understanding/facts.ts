/**
 * Everything a single free-text message already says, so the eligibility dialog can skip questions:
 * "lavoravo a Treviglio in una fabbrica in cassa integrazione" -> place Treviglio (BG), crisis, status.
 *
 * Stricter than the per-question recognisers: the message answers no particular question, so a bare "no" is not
 * "no crisis", a bare word is not a place unless the sentence marks it ("a Treviglio", a capital, "(BG)"), and a
 * date counts as the day the person left work only when the message says they are out of work.
 */
import { recognizeCrisisCues } from './crisis';
import { recognizePastDate } from './dates';
import { recognizeStatus } from './status';
import type { Gazetteer, Lang, UtteranceFacts } from './types';

export function extractFacts(text: string, lang: Lang, now: Date, gazetteer: Gazetteer): UtteranceFacts {
  const facts: UtteranceFacts = {};
  const place = gazetteer.recognizePlace(text, lang, { context: 'sentence' });
  if (place.kind !== 'none') facts.place = place;
  const status = recognizeStatus(text, lang);
  if (status) facts.status = status;
  const crisis = recognizeCrisisCues(text, lang);
  if (crisis && crisis !== 'UNKNOWN') facts.crisis = crisis;
  if (status === 'UNEMPLOYED') {
    const leftOn = recognizePastDate(text, lang, now);
    if (leftOn) facts.leftOn = leftOn;
  }
  return facts;
}
