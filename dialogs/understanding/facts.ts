/**
 * Everything a single free-text message already says, so the eligibility dialog can skip questions:
 * "lavoravo a Treviglio in una fabbrica in cassa integrazione" -> place Treviglio (BG), crisis, status.
 *
 * Stricter than the per-question recognisers: the message answers no particular question, so a bare "no" is not
 * "no crisis", a bare word is not a place unless the sentence marks it ("a Treviglio", a capital, "(BG)"), and a
 * date counts as the day the person left work only when the message says they are out of work, and the status is
 * what the person says of themselves ("l'azienda chiude" alone says nothing about whether they still work there).
 */
import { recognizeCrisisCues, recognizeRedundancies } from './crisis';
import { recognizePastDate } from './dates';
import { recognizeNoWorkHistory, recognizeOwnStatus } from './status';
import type { Gazetteer, Lang, UtteranceFacts } from './types';

export function extractFacts(text: string, lang: Lang, now: Date, gazetteer: Gazetteer): UtteranceFacts {
  const facts: UtteranceFacts = {};
  const place = gazetteer.recognizePlace(text, lang, { context: 'sentence' });
  // a place named only as the home or the registered office is kept too, so the dialog can say why it is not taken
  if (place.kind !== 'none' || place.excluded) facts.place = place;
  const status = recognizeOwnStatus(text, lang);
  if (status) facts.status = status;
  const noWorkHistory = recognizeNoWorkHistory(text);
  if (noWorkHistory) facts.noWorkHistory = noWorkHistory;
  const crisis = recognizeCrisisCues(text, lang);
  if (crisis && crisis !== 'UNKNOWN') facts.crisis = crisis;
  const redundancies = recognizeRedundancies(text, lang);
  if (redundancies && redundancies !== 'unknown') facts.redundancies = redundancies;
  if (status === 'UNEMPLOYED') {
    const leftOn = recognizePastDate(text, lang, now);
    if (leftOn) facts.leftOn = leftOn;
  }
  return facts;
}
