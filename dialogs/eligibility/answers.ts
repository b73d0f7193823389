import type { EligibilityFacts, Situation } from '../../models/eligibility';
import type { Sector } from '../../models/sectors';
import type { CrisisKind, DateReading, PlaceMatch } from '../understanding';

/** What the pre-check has collected so far; 'unknown' is the worker's "I don't know", a valid answer. */
export interface EligibilityAnswers {
  place?: PlaceMatch | { outsideLombardy: true } | 'unknown';
  crisis?: CrisisKind;
  situation?: Situation;
  leftOn?: DateReading | 'unknown';
  employer?: string | 'unknown';
  sector?: Sector | 'unknown';
}

export type Slot = keyof EligibilityAnswers;

/** The order questions are asked in; leftOn only for workers already out, employer and sector only when useful. */
export function nextSlot(answers: EligibilityAnswers, wantsProjectDetails: boolean): Slot | undefined {
  if (answers.place === undefined) return 'place';
  if (answers.crisis === undefined) return 'crisis';
  if (answers.situation === undefined) return 'situation';
  if (answers.leftOn === undefined && (answers.situation === 'UNEMPLOYED' || answers.situation === 'REEMPLOYED')) return 'leftOn';
  if (!wantsProjectDetails) return undefined;
  if (answers.employer === undefined) return 'employer';
  if (answers.sector === undefined) return 'sector';
  return undefined;
}

export function isPlaceMatch(place: EligibilityAnswers['place']): place is PlaceMatch {
  return typeof place === 'object' && place !== null && 'provinceCode' in place;
}

/** The rules' input: only the facts the measure's conditions are about. */
export function toEligibilityFacts(answers: EligibilityAnswers): EligibilityFacts {
  const place = answers.place;
  const workSite: EligibilityFacts['workSite'] = isPlaceMatch(place)
    ? { provinceCode: place.provinceCode, inLombardy: place.inLombardy ? 'yes' : 'no' }
    : place && place !== 'unknown'
      ? { inLombardy: 'no' }
      : { inLombardy: 'unknown' };
  return {
    workSite,
    crisis: { kind: answers.crisis ?? 'UNKNOWN' },
    situation: answers.situation ?? 'UNKNOWN',
    ...(answers.leftOn && answers.leftOn !== 'unknown' ? { leftOn: answers.leftOn.date } : {}),
  };
}
