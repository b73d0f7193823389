import { assessEligibility, type EligibilityResult } from '../../models/eligibility';
import type { Employer, Precheck } from '../../models/leads/lead';
import { isPlaceMatch, toEligibilityFacts, type EligibilityAnswers } from '../eligibility/answers';

/** The pre-check as a lead records it: codes only. Without a pre-check, the rules on "nothing known" (to verify). */
export function precheckRecord(answers: EligibilityAnswers, result: EligibilityResult = assessEligibility(toEligibilityFacts(answers))): Precheck {
  const facts = toEligibilityFacts(answers);
  return {
    answers: {
      ...(isPlaceMatch(answers.place) ? { province: answers.place.provinceCode } : {}),
      crisisKind: facts.crisis.kind,
      situation: facts.situation,
      ...(facts.leftOn ? { leftOn: facts.leftOn } : {}),
    },
    outcome: result.outcome,
    reasons: result.reasons.map((r) => r.code),
    rulesVersion: result.rulesVersion,
  };
}

export function employerRecord(answers: EligibilityAnswers): Employer | undefined {
  const employer: Employer = {};
  if (answers.employer && answers.employer !== 'unknown') employer.name = answers.employer;
  if (answers.sector && answers.sector !== 'unknown') employer.sector = answers.sector;
  return Object.keys(employer).length > 0 ? employer : undefined;
}
