import {
  CRISIS_KINDS,
  ELIGIBILITY_RULES_VERSION,
  REASON_CODES,
  SITUATIONS,
  SOURCES,
  TRI_VALUES,
  assessEligibility,
  type CrisisKind,
  type EligibilityFacts,
  type Outcome,
  type ReasonCode,
  type Situation,
  type Tri,
} from '../../models/eligibility';

function facts(situation: Situation, kind: CrisisKind, inLombardy: Tri = 'yes', provinceCode?: string): EligibilityFacts {
  const workSite = provinceCode === undefined ? { inLombardy } : { inLombardy, provinceCode };
  return { workSite, crisis: { kind }, situation };
}

describe('assessEligibility: situation x crisis, work site in Lombardy', () => {
  // [situation, crisis kind, expected outcome, crisis reason, situation reason]
  const table: Array<[Situation, CrisisKind, Outcome, ReasonCode, ReasonCode]> = [
    ['AT_RISK', 'CIGS', 'likely_eligible', 'CRISIS_CONFIRMED', 'AT_RISK_WITH_INCOME_SUPPORT'],
    ['AT_RISK', 'CIGD', 'likely_eligible', 'CRISIS_CONFIRMED', 'AT_RISK_WITH_INCOME_SUPPORT'],
    ['AT_RISK', 'INSOLVENCY', 'likely_eligible', 'CRISIS_CONFIRMED', 'AT_RISK_INSOLVENCY_SUSPENDED'],
    ['AT_RISK', 'RELOCATION', 'likely_eligible', 'CRISIS_CONFIRMED', 'AT_RISK_RELOCATION_AGREEMENT'],
    ['AT_RISK', 'COLLECTIVE_DISMISSAL', 'to_verify', 'CRISIS_CONFIRMED', 'AT_RISK_REDUNDANCY_NO_SUPPORT_STATED'],
    ['AT_RISK', 'CLOSURE', 'to_verify', 'CRISIS_CONFIRMED', 'AT_RISK_REDUNDANCY_NO_SUPPORT_STATED'],
    ['AT_RISK', 'CIGO', 'to_verify', 'CRISIS_CONFIRMED', 'AT_RISK_OTHER_CRISIS'],
    ['AT_RISK', 'OTHER_CRISIS', 'to_verify', 'CRISIS_CONFIRMED', 'AT_RISK_OTHER_CRISIS'],
    ['AT_RISK', 'UNKNOWN', 'to_verify', 'CRISIS_UNKNOWN', 'AT_RISK_CRISIS_UNKNOWN'],
    ['AT_RISK', 'NO_CRISIS', 'not_eligible', 'NO_CRISIS', 'AT_RISK_NO_CRISIS'],

    ['UNEMPLOYED', 'CIGS', 'likely_eligible', 'CRISIS_CONFIRMED', 'UNEMPLOYED_AFTER_CRISIS'],
    ['UNEMPLOYED', 'CIGD', 'likely_eligible', 'CRISIS_CONFIRMED', 'UNEMPLOYED_AFTER_CRISIS'],
    ['UNEMPLOYED', 'CIGO', 'likely_eligible', 'CRISIS_CONFIRMED', 'UNEMPLOYED_AFTER_CRISIS'],
    ['UNEMPLOYED', 'COLLECTIVE_DISMISSAL', 'likely_eligible', 'CRISIS_CONFIRMED', 'UNEMPLOYED_AFTER_CRISIS'],
    ['UNEMPLOYED', 'INSOLVENCY', 'likely_eligible', 'CRISIS_CONFIRMED', 'UNEMPLOYED_AFTER_CRISIS'],
    ['UNEMPLOYED', 'CLOSURE', 'likely_eligible', 'CRISIS_CONFIRMED', 'UNEMPLOYED_AFTER_CRISIS'],
    ['UNEMPLOYED', 'RELOCATION', 'likely_eligible', 'CRISIS_CONFIRMED', 'UNEMPLOYED_AFTER_CRISIS'],
    ['UNEMPLOYED', 'OTHER_CRISIS', 'likely_eligible', 'CRISIS_CONFIRMED', 'UNEMPLOYED_AFTER_CRISIS'],
    ['UNEMPLOYED', 'UNKNOWN', 'to_verify', 'CRISIS_UNKNOWN', 'UNEMPLOYED_CRISIS_UNKNOWN'],
    ['UNEMPLOYED', 'NO_CRISIS', 'not_eligible', 'NO_CRISIS', 'UNEMPLOYED_NO_CRISIS'],

    ['REEMPLOYED', 'CIGS', 'not_eligible', 'CRISIS_CONFIRMED', 'REEMPLOYED'],
    ['REEMPLOYED', 'CLOSURE', 'not_eligible', 'CRISIS_CONFIRMED', 'REEMPLOYED'],
    ['REEMPLOYED', 'UNKNOWN', 'not_eligible', 'CRISIS_UNKNOWN', 'REEMPLOYED'],
    ['REEMPLOYED', 'NO_CRISIS', 'not_eligible', 'NO_CRISIS', 'REEMPLOYED'],

    ['OTHER', 'CIGS', 'to_verify', 'CRISIS_CONFIRMED', 'SITUATION_OTHER'],
    ['OTHER', 'UNKNOWN', 'to_verify', 'CRISIS_UNKNOWN', 'SITUATION_OTHER'],
    ['OTHER', 'NO_CRISIS', 'not_eligible', 'NO_CRISIS', 'SITUATION_OTHER'],

    ['UNKNOWN', 'CIGS', 'to_verify', 'CRISIS_CONFIRMED', 'SITUATION_UNKNOWN'],
    ['UNKNOWN', 'INSOLVENCY', 'to_verify', 'CRISIS_CONFIRMED', 'SITUATION_UNKNOWN'],
    ['UNKNOWN', 'UNKNOWN', 'to_verify', 'CRISIS_UNKNOWN', 'SITUATION_UNKNOWN'],
    ['UNKNOWN', 'NO_CRISIS', 'not_eligible', 'NO_CRISIS', 'SITUATION_UNKNOWN'],
  ];

  test.each(table)('%s + %s -> %s', (situation, kind, outcome, crisisCode, situationCode) => {
    const result = assessEligibility(facts(situation, kind));
    expect(result.outcome).toBe(outcome);
    expect(result.rulesVersion).toBe(ELIGIBILITY_RULES_VERSION);
    expect(result.reasons.map((r) => r.code)).toEqual(['WORKSITE_IN_LOMBARDY', crisisCode, situationCode]);
  });
});

describe('assessEligibility: work site', () => {
  // [inLombardy, provinceCode, situation, kind, outcome, work-site reason code, met]
  const table: Array<[Tri, string | undefined, Situation, CrisisKind, Outcome, ReasonCode, boolean | 'unknown']> = [
    ['yes', undefined, 'AT_RISK', 'CIGS', 'likely_eligible', 'WORKSITE_IN_LOMBARDY', true],
    ['no', undefined, 'AT_RISK', 'CIGS', 'not_eligible', 'WORKSITE_OUTSIDE_LOMBARDY', false],
    ['unknown', undefined, 'AT_RISK', 'CIGS', 'to_verify', 'WORKSITE_UNKNOWN', 'unknown'],
    ['no', undefined, 'UNEMPLOYED', 'CLOSURE', 'not_eligible', 'WORKSITE_OUTSIDE_LOMBARDY', false],
    ['unknown', undefined, 'UNEMPLOYED', 'CLOSURE', 'to_verify', 'WORKSITE_UNKNOWN', 'unknown'],
    ['no', undefined, 'UNKNOWN', 'UNKNOWN', 'not_eligible', 'WORKSITE_OUTSIDE_LOMBARDY', false],
    ['unknown', undefined, 'UNKNOWN', 'UNKNOWN', 'to_verify', 'WORKSITE_UNKNOWN', 'unknown'],
    // a known province decides when inLombardy is unknown
    ['unknown', 'BG', 'AT_RISK', 'CIGS', 'likely_eligible', 'WORKSITE_IN_LOMBARDY', true],
    ['unknown', 'mb', 'UNEMPLOYED', 'OTHER_CRISIS', 'likely_eligible', 'WORKSITE_IN_LOMBARDY', true],
    ['unknown', 'TO', 'AT_RISK', 'CIGS', 'not_eligible', 'WORKSITE_OUTSIDE_LOMBARDY', false],
    ['yes', 'MI', 'AT_RISK', 'CIGD', 'likely_eligible', 'WORKSITE_IN_LOMBARDY', true],
    ['no', 'RM', 'UNEMPLOYED', 'CIGS', 'not_eligible', 'WORKSITE_OUTSIDE_LOMBARDY', false],
    // an unrecognised province falls back to inLombardy
    ['yes', 'XX', 'AT_RISK', 'CIGS', 'likely_eligible', 'WORKSITE_IN_LOMBARDY', true],
    ['unknown', 'XX', 'AT_RISK', 'CIGS', 'to_verify', 'WORKSITE_UNKNOWN', 'unknown'],
    // contradictions (only reachable without parseEligibilityRequest) are left to an operator
    ['no', 'BG', 'AT_RISK', 'CIGS', 'to_verify', 'WORKSITE_CONFLICTING', 'unknown'],
    ['yes', 'NA', 'UNEMPLOYED', 'CIGS', 'to_verify', 'WORKSITE_CONFLICTING', 'unknown'],
  ];

  test.each(table)('inLombardy=%s province=%s %s %s -> %s (%s)', (inLombardy, province, situation, kind, outcome, code, met) => {
    const result = assessEligibility(facts(situation, kind, inLombardy, province));
    expect(result.outcome).toBe(outcome);
    expect(result.reasons[0]).toEqual({ code, met, source: SOURCES.SCHEDA_DESTINATARI });
  });
});

describe('assessEligibility: reason details', () => {
  // [situation, kind, index of reason, code, met, source]
  const table: Array<[Situation, CrisisKind, number, ReasonCode, boolean | 'unknown', string]> = [
    ['AT_RISK', 'CIGS', 1, 'CRISIS_CONFIRMED', true, 'scheda: DESTINATARI'],
    ['AT_RISK', 'UNKNOWN', 1, 'CRISIS_UNKNOWN', 'unknown', 'scheda: DESTINATARI'],
    ['AT_RISK', 'NO_CRISIS', 1, 'NO_CRISIS', false, 'scheda: DESTINATARI'],
    ['AT_RISK', 'CIGS', 2, 'AT_RISK_WITH_INCOME_SUPPORT', true, SOURCES.BANDO_2018_A],
    ['AT_RISK', 'INSOLVENCY', 2, 'AT_RISK_INSOLVENCY_SUSPENDED', true, SOURCES.BANDO_2018_A],
    ['AT_RISK', 'RELOCATION', 2, 'AT_RISK_RELOCATION_AGREEMENT', true, SOURCES.BANDO_2018_A],
    ['AT_RISK', 'CLOSURE', 2, 'AT_RISK_REDUNDANCY_NO_SUPPORT_STATED', 'unknown', SOURCES.BANDO_2018_A],
    ['AT_RISK', 'CIGO', 2, 'AT_RISK_OTHER_CRISIS', 'unknown', SOURCES.BANDO_2018_A],
    ['AT_RISK', 'UNKNOWN', 2, 'AT_RISK_CRISIS_UNKNOWN', 'unknown', SOURCES.BANDO_2018_A],
    ['AT_RISK', 'NO_CRISIS', 2, 'AT_RISK_NO_CRISIS', false, 'scheda: DESTINATARI'],
    ['UNEMPLOYED', 'CIGO', 2, 'UNEMPLOYED_AFTER_CRISIS', true, `scheda: DESTINATARI; ${SOURCES.BANDO_2018_B}`],
    ['UNEMPLOYED', 'UNKNOWN', 2, 'UNEMPLOYED_CRISIS_UNKNOWN', 'unknown', `scheda: DESTINATARI; ${SOURCES.BANDO_2018_B}`],
    ['UNEMPLOYED', 'NO_CRISIS', 2, 'UNEMPLOYED_NO_CRISIS', false, `scheda: DESTINATARI; ${SOURCES.BANDO_2018_B}`],
    ['REEMPLOYED', 'CIGS', 2, 'REEMPLOYED', false, `scheda: DESTINATARI; ${SOURCES.BANDO_2018_B}`],
    ['OTHER', 'CIGS', 2, 'SITUATION_OTHER', 'unknown', 'scheda: DESTINATARI'],
    ['UNKNOWN', 'CIGS', 2, 'SITUATION_UNKNOWN', 'unknown', 'scheda: DESTINATARI'],
  ];

  test.each(table)('%s + %s: reason %i is %s (met=%s)', (situation, kind, index, code, met, source) => {
    expect(assessEligibility(facts(situation, kind)).reasons[index]).toEqual({ code, met, source });
  });
});

describe('assessEligibility: invariants over every combination', () => {
  const all: Array<[Tri, CrisisKind, Situation]> = [];
  for (const site of TRI_VALUES) for (const kind of CRISIS_KINDS) for (const situation of SITUATIONS) all.push([site, kind, situation]);

  test('covers 3 x 10 x 5 combinations', () => {
    expect(all).toHaveLength(150);
  });

  test.each(all)('site=%s crisis=%s situation=%s', (site, kind, situation) => {
    const result = assessEligibility(facts(situation, kind, site));
    expect(['likely_eligible', 'to_verify', 'not_eligible']).toContain(result.outcome);
    expect(result.rulesVersion).toBe('ar-2018.1');
    expect(result.reasons).toHaveLength(3);
    expect(result.reasons[0].code).toMatch(/^WORKSITE_/);
    expect(['CRISIS_CONFIRMED', 'CRISIS_UNKNOWN', 'NO_CRISIS']).toContain(result.reasons[1].code);
    for (const reason of result.reasons) {
      expect(REASON_CODES).toContain(reason.code);
      expect(reason.source.length).toBeGreaterThan(0);
    }
    const mets = result.reasons.map((r) => r.met);
    const expected: Outcome = mets.includes(false) ? 'not_eligible' : mets.includes('unknown') ? 'to_verify' : 'likely_eligible';
    expect(result.outcome).toBe(expected);
    if (site === 'no' || kind === 'NO_CRISIS' || situation === 'REEMPLOYED') expect(result.outcome).toBe('not_eligible');
    if (result.outcome === 'likely_eligible') {
      expect(site).toBe('yes');
      expect(['AT_RISK', 'UNEMPLOYED']).toContain(situation);
    }
  });

  test('every reason code is produced by some combination', () => {
    const seen = new Set<string>();
    for (const [site, kind, situation] of all) {
      for (const r of assessEligibility(facts(situation, kind, site)).reasons) seen.add(r.code);
    }
    seen.add(assessEligibility(facts('AT_RISK', 'CIGS', 'no', 'BG')).reasons[0].code);
    expect([...seen].sort()).toEqual([...REASON_CODES].sort());
  });

  test('is pure: same facts, same result, facts untouched', () => {
    const input = facts('UNEMPLOYED', 'CLOSURE', 'unknown', 'LC');
    const snapshot = JSON.stringify(input);
    expect(assessEligibility(input)).toEqual(assessEligibility(input));
    expect(JSON.stringify(input)).toBe(snapshot);
  });

  test('leftOn is informational: no deadline, same result for old and recent dates', () => {
    const recent = assessEligibility({ ...facts('UNEMPLOYED', 'CIGS'), leftOn: '2024-05-01' });
    const old = assessEligibility({ ...facts('UNEMPLOYED', 'CIGS'), leftOn: '2001-01-01' });
    expect(old).toEqual(recent);
    expect(old.outcome).toBe('likely_eligible');
  });

  test('values outside the declared unions (JavaScript callers) count as unknown', () => {
    const bogus = JSON.parse('{"workSite":{"inLombardy":"maybe"},"crisis":{"kind":"BOGUS"},"situation":"BOGUS"}') as EligibilityFacts;
    const result = assessEligibility(bogus);
    expect(result.outcome).toBe('to_verify');
    expect(result.reasons.map((r) => r.code)).toEqual(['WORKSITE_UNKNOWN', 'CRISIS_UNKNOWN', 'SITUATION_UNKNOWN']);
  });

  test('missing objects (JavaScript callers) count as unknown', () => {
    const result = assessEligibility(JSON.parse('{}') as EligibilityFacts);
    expect(result.outcome).toBe('to_verify');
    expect(result.reasons.map((r) => r.met)).toEqual(['unknown', 'unknown', 'unknown']);
  });
});
