import type { Language } from '../../models/i18n';
import { normalizeCommandText } from '../commands';
import { extractFacts, type Gazetteer } from '../understanding';

/** Words that ask whether one can take part, inside a longer message. */
const PARTICIPATION_CUE = /\b(posso partecipare|potrei partecipare|posso aderire|rientro|ci rientro|ho diritto|sono idone[oa]|fa per me|can i (take part|join|apply|participate)|am i eligible|do i qualify|eligible)\b/;

/**
 * Does a free-text message describe the worker's own case, so the pre-check should start with what it says
 * ("lavoravo a Treviglio in una fabbrica in cassa integrazione")? Two facts, or one fact and a participation
 * question. A general question about the measure ("cos'è la cassa integrazione?") has at most one fact and no cue.
 */
export function describesOwnCase(text: string, language: Language, now: Date, gazetteer: Gazetteer): boolean {
  const facts = extractFacts(text, language, now, gazetteer);
  const count = [facts.place?.kind === 'found', facts.status !== undefined, facts.crisis !== undefined && facts.crisis !== 'UNKNOWN'].filter(Boolean).length;
  if (count >= 2) return true;
  return count >= 1 && PARTICIPATION_CUE.test(normalizeCommandText(text));
}
