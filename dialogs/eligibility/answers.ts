import type { EligibilityFacts, Situation, Tri } from '../../models/eligibility';
import type { Sector } from '../../models/sectors';
import type { CrisisKind, DateReading, PlaceMatch } from '../understanding';

/** What the pre-check has collected so far; 'unknown' is the worker's "I don't know", a valid answer. */
export interface EligibilityAnswers {
  place?: PlaceMatch | { outsideLombardy: true } | 'unknown';
  crisis?: CrisisKind;
  /** the worker spoke of cassa integrazione without saying which kind (asked when it decides the outcome) */
  incomeSupportUnnamed?: boolean;
  /** the answer to "which cassa integrazione?": the kind, or 'unknown' ("non lo so") */
  incomeSupportKind?: 'CIGS' | 'CIGD' | 'CIGO' | 'unknown';
  /** for a worker still employed with CIGS/CIGD: do the agreements foresee redundancies (esuberi)? */
  redundancies?: Tri;
  situation?: Situation;
  leftOn?: DateReading | 'unknown';
  employer?: string | 'unknown';
  sector?: Sector | 'unknown';
}

export type Slot = keyof EligibilityAnswers;

/**
 * Whether the call's one open question for a worker still employed applies: with CIGS/CIGD, only agreements that
 * foresee redundancies make a recipient (lett. a), so the dialog asks when the worker has not said.
 */
/** Crisis kinds that settle a still-employed worker's case without asking which cassa integrazione it is. */
const SETTLED_KINDS: ReadonlySet<CrisisKind> = new Set(['CIGS', 'CIGD', 'CIGO', 'INSOLVENCY', 'RELOCATION', 'NO_CRISIS']);

/** "Sono in cassa integrazione" while still employed: which kind decides (the call names CIGS and CIGD). */
export function needsIncomeSupportKind(answers: EligibilityAnswers): boolean {
  return answers.situation === 'AT_RISK' && answers.incomeSupportUnnamed === true && answers.incomeSupportKind === undefined && !SETTLED_KINDS.has(answers.crisis ?? 'UNKNOWN');
}

export function needsRedundancyAnswer(answers: EligibilityAnswers): boolean {
  return answers.situation === 'AT_RISK' && (answers.crisis === 'CIGS' || answers.crisis === 'CIGD') && answers.redundancies === undefined;
}

/**
 * The order questions are asked in; the redundancy question only when it decides (see needsRedundancyAnswer),
 * leftOn only for workers already out, employer and sector only when useful. Someone who never worked, or whose
 * work site is outside Lombardy, is not the measure's target whatever the rest: no question is left then.
 */
export function nextSlot(answers: EligibilityAnswers, wantsProjectDetails: boolean): Slot | undefined {
  if (answers.situation === 'NEVER_EMPLOYED') return undefined;
  if (answers.place === undefined) return 'place';
  // a site known to be outside Lombardy (or abroad) settles it: no need to ask the rest
  if (isOutside(answers.place)) return undefined;
  if (answers.crisis === undefined) return 'crisis';
  if (answers.situation === undefined) return 'situation';
  if (needsIncomeSupportKind(answers)) return 'incomeSupportKind';
  if (needsRedundancyAnswer(answers)) return 'redundancies';
  if (answers.leftOn === undefined && (answers.situation === 'UNEMPLOYED' || answers.situation === 'REEMPLOYED')) return 'leftOn';
  if (!wantsProjectDetails) return undefined;
  if (answers.employer === undefined) return 'employer';
  if (answers.sector === undefined) return 'sector';
  return undefined;
}

export function isPlaceMatch(place: EligibilityAnswers['place']): place is PlaceMatch {
  return typeof place === 'object' && place !== null && 'provinceCode' in place;
}

function isOutside(place: EligibilityAnswers['place']): boolean {
  if (isPlaceMatch(place)) return !place.inLombardy;
  return typeof place === 'object' && place !== null && 'outsideLombardy' in place;
}

/** The gazetteer's code for a place abroad ("Lugano", "Svizzera", "Germania"). */
export const ABROAD_CODE = 'EE';

export function isAbroad(place: PlaceMatch): boolean {
  return place.provinceCode === ABROAD_CODE;
}

/** The rules' input: only the facts the measure's conditions are about. */
export function toEligibilityFacts(answers: EligibilityAnswers): EligibilityFacts {
  const place = answers.place;
  // a site abroad has no Italian province: it is simply outside Lombardy
  const workSite: EligibilityFacts['workSite'] = isPlaceMatch(place)
    ? isAbroad(place)
      ? { inLombardy: 'no' }
      : { provinceCode: place.provinceCode, inLombardy: place.inLombardy ? 'yes' : 'no' }
    : place && place !== 'unknown'
      ? { inLombardy: 'no' }
      : { inLombardy: 'unknown' };
  return {
    workSite,
    crisis: { kind: answers.crisis ?? 'UNKNOWN', ...(answers.redundancies ? { redundanciesForeseen: answers.redundancies } : {}) },
    situation: answers.situation ?? 'UNKNOWN',
    ...(answers.leftOn && answers.leftOn !== 'unknown' ? { leftOn: answers.leftOn.date } : {}),
  };
}
