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

function facts(situation: Situation, kind: CrisisKind, inLombardy: Tri = 'yes', provinceCode?: string, redundanciesForeseen?: Tri): EligibilityFacts {
  const workSite = provinceCode === undefined ? { inLombardy } : { inLombardy, provinceCode };
  const crisis = redundanciesForeseen === undefined ? { kind } : { kind, redundanciesForeseen };
  return { workSite, crisis, situation };
}

/**
 * One row per recipient case of the call, named with the call's own words: the fact sheet's DESTINATARI (Italian)
 * and the reopened Phase I call, lett. a and b (FACTS.md, bandi.regione.lombardia.it 30/10/2018).
 */
describe('assessEligibility: the recipients of the call, case by case (work site in Lombardy)', () => {
  // [the call's words, situation, crisis kind, redundancies foreseen, expected outcome, situation reason]
  const table: Array<[string, Situation, CrisisKind, Tri | undefined, Outcome, ReasonCode]> = [
    ['lett. a: "CIGS ... where agreements foresee redundancies (esuberi)"', 'AT_RISK', 'CIGS', 'yes', 'likely_eligible', 'AT_RISK_WITH_INCOME_SUPPORT'],
    ['lett. a: "CIGD ... where agreements foresee redundancies (esuberi)"', 'AT_RISK', 'CIGD', 'yes', 'likely_eligible', 'AT_RISK_WITH_INCOME_SUPPORT'],
    ['lett. a, not met: CIGS where the agreements foresee no redundancies ("non sono previsti esuberi")', 'AT_RISK', 'CIGS', 'no', 'not_eligible', 'AT_RISK_NO_REDUNDANCIES'],
    ['lett. a, not met: CIGD where the agreements foresee no redundancies', 'AT_RISK', 'CIGD', 'no', 'not_eligible', 'AT_RISK_NO_REDUNDANCIES'],
    ['lett. a, not known: CIGS, "non lo so" about redundancies -> ask the employer or union', 'AT_RISK', 'CIGS', 'unknown', 'to_verify', 'AT_RISK_REDUNDANCIES_UNKNOWN'],
    ['lett. a, not said: CIGS with nothing said about redundancies', 'AT_RISK', 'CIGS', undefined, 'to_verify', 'AT_RISK_REDUNDANCIES_UNKNOWN'],
    ['lett. a: "relocation agreements under art. 24-bis of D.lgs. 148/2015 were signed"', 'AT_RISK', 'RELOCATION', undefined, 'likely_eligible', 'AT_RISK_RELOCATION_AGREEMENT'],
    ['lett. a: "suspended under art. 72 of the bankruptcy law (legge fallimentare)"', 'AT_RISK', 'INSOLVENCY', undefined, 'likely_eligible', 'AT_RISK_INSOLVENCY_SUSPENDED'],
    ['lett. a, not met as such: concordato preventivo is not bankruptcy (no art. 72 suspension)', 'AT_RISK', 'ARRANGEMENT', undefined, 'to_verify', 'AT_RISK_ARRANGEMENT'],
    ['lett. a, not met as such: CIGO alone is not "CIGD or CIGS"', 'AT_RISK', 'CIGO', undefined, 'to_verify', 'AT_RISK_ORDINARY_INCOME_SUPPORT'],
    ['lett. a, not met as such: CIGO even with redundancies said', 'AT_RISK', 'CIGO', 'yes', 'to_verify', 'AT_RISK_ORDINARY_INCOME_SUPPORT'],
    ['DESTINATARI: "coinvolti in un processo di crisi aziendale", but not a case of lett. a (collective dismissal)', 'AT_RISK', 'COLLECTIVE_DISMISSAL', undefined, 'to_verify', 'AT_RISK_REDUNDANCY_NO_SUPPORT_STATED'],
    ['DESTINATARI: "coinvolti in un processo di crisi aziendale", but not a case of lett. a (closure)', 'AT_RISK', 'CLOSURE', undefined, 'to_verify', 'AT_RISK_REDUNDANCY_NO_SUPPORT_STATED'],
    ['lett. b: "già espulsi da aziende in crisi ... in stato di disoccupazione" (after CIGS)', 'UNEMPLOYED', 'CIGS', undefined, 'likely_eligible', 'UNEMPLOYED_AFTER_CRISIS'],
    ['lett. b: "with or without income support" (NASpI): no redundancy question for the unemployed', 'UNEMPLOYED', 'CIGS', 'no', 'likely_eligible', 'UNEMPLOYED_AFTER_CRISIS'],
    ['lett. b: "già espulsi da aziende in crisi" (after a concordato preventivo)', 'UNEMPLOYED', 'ARRANGEMENT', undefined, 'likely_eligible', 'UNEMPLOYED_AFTER_CRISIS'],
    ['lett. b: "già espulsi da aziende in crisi" (after a bankruptcy)', 'UNEMPLOYED', 'INSOLVENCY', undefined, 'likely_eligible', 'UNEMPLOYED_AFTER_CRISIS'],
    ['lett. b, not met: "in stato di disoccupazione" is not working again', 'REEMPLOYED', 'CIGS', 'yes', 'not_eligible', 'REEMPLOYED'],
    ['DESTINATARI, not met: "lavoratori ... coinvolti in un processo di crisi aziendale": never employed', 'NEVER_EMPLOYED', 'UNKNOWN', undefined, 'not_eligible', 'NEVER_EMPLOYED'],
    ['DESTINATARI, not met: "crisi aziendale" with no crisis', 'UNEMPLOYED', 'NO_CRISIS', undefined, 'not_eligible', 'UNEMPLOYED_NO_CRISIS'],
  ];

  test.each(table)('%s', (_words, situation, kind, redundancies, outcome, code) => {
    const result = assessEligibility(facts(situation, kind, 'yes', undefined, redundancies));
    expect(result.outcome).toBe(outcome);
    expect(result.reasons[2].code).toBe(code);
  });

  test('DESTINATARI: "unità produttive/operative ubicate in Lombardia": the same case outside Lombardy is not eligible', () => {
    expect(assessEligibility(facts('AT_RISK', 'CIGS', 'no', undefined, 'yes')).outcome).toBe('not_eligible');
    expect(assessEligibility(facts('UNEMPLOYED', 'CLOSURE', 'no')).outcome).toBe('not_eligible');
  });
});

describe('assessEligibility: situation x crisis, work site in Lombardy', () => {
  // [situation, crisis kind, expected outcome, crisis reason, situation reason]; no redundancies said
  const table: Array<[Situation, CrisisKind, Outcome, ReasonCode, ReasonCode]> = [
    ['AT_RISK', 'CIGS', 'to_verify', 'CRISIS_CONFIRMED', 'AT_RISK_REDUNDANCIES_UNKNOWN'],
    ['AT_RISK', 'CIGD', 'to_verify', 'CRISIS_CONFIRMED', 'AT_RISK_REDUNDANCIES_UNKNOWN'],
    ['AT_RISK', 'INSOLVENCY', 'likely_eligible', 'CRISIS_CONFIRMED', 'AT_RISK_INSOLVENCY_SUSPENDED'],
    ['AT_RISK', 'ARRANGEMENT', 'to_verify', 'CRISIS_CONFIRMED', 'AT_RISK_ARRANGEMENT'],
    ['AT_RISK', 'RELOCATION', 'likely_eligible', 'CRISIS_CONFIRMED', 'AT_RISK_RELOCATION_AGREEMENT'],
    ['AT_RISK', 'COLLECTIVE_DISMISSAL', 'to_verify', 'CRISIS_CONFIRMED', 'AT_RISK_REDUNDANCY_NO_SUPPORT_STATED'],
    ['AT_RISK', 'CLOSURE', 'to_verify', 'CRISIS_CONFIRMED', 'AT_RISK_REDUNDANCY_NO_SUPPORT_STATED'],
    ['AT_RISK', 'CIGO', 'to_verify', 'CRISIS_CONFIRMED', 'AT_RISK_ORDINARY_INCOME_SUPPORT'],
    ['AT_RISK', 'OTHER_CRISIS', 'to_verify', 'CRISIS_CONFIRMED', 'AT_RISK_OTHER_CRISIS'],
    ['AT_RISK', 'UNKNOWN', 'to_verify', 'CRISIS_UNKNOWN', 'AT_RISK_CRISIS_UNKNOWN'],
    ['AT_RISK', 'NO_CRISIS', 'not_eligible', 'NO_CRISIS', 'AT_RISK_NO_CRISIS'],

    ['UNEMPLOYED', 'CIGS', 'likely_eligible', 'CRISIS_CONFIRMED', 'UNEMPLOYED_AFTER_CRISIS'],
    ['UNEMPLOYED', 'CIGD', 'likely_eligible', 'CRISIS_CONFIRMED', 'UNEMPLOYED_AFTER_CRISIS'],
    ['UNEMPLOYED', 'CIGO', 'likely_eligible', 'CRISIS_CONFIRMED', 'UNEMPLOYED_AFTER_CRISIS'],
    ['UNEMPLOYED', 'COLLECTIVE_DISMISSAL', 'likely_eligible', 'CRISIS_CONFIRMED', 'UNEMPLOYED_AFTER_CRISIS'],
    ['UNEMPLOYED', 'INSOLVENCY', 'likely_eligible', 'CRISIS_CONFIRMED', 'UNEMPLOYED_AFTER_CRISIS'],
    ['UNEMPLOYED', 'ARRANGEMENT', 'likely_eligible', 'CRISIS_CONFIRMED', 'UNEMPLOYED_AFTER_CRISIS'],
    ['UNEMPLOYED', 'CLOSURE', 'likely_eligible', 'CRISIS_CONFIRMED', 'UNEMPLOYED_AFTER_CRISIS'],
    ['UNEMPLOYED', 'RELOCATION', 'likely_eligible', 'CRISIS_CONFIRMED', 'UNEMPLOYED_AFTER_CRISIS'],
    ['UNEMPLOYED', 'OTHER_CRISIS', 'likely_eligible', 'CRISIS_CONFIRMED', 'UNEMPLOYED_AFTER_CRISIS'],
    ['UNEMPLOYED', 'UNKNOWN', 'to_verify', 'CRISIS_UNKNOWN', 'UNEMPLOYED_CRISIS_UNKNOWN'],
    ['UNEMPLOYED', 'NO_CRISIS', 'not_eligible', 'NO_CRISIS', 'UNEMPLOYED_NO_CRISIS'],

    ['REEMPLOYED', 'CIGS', 'not_eligible', 'CRISIS_CONFIRMED', 'REEMPLOYED'],
    ['REEMPLOYED', 'CLOSURE', 'not_eligible', 'CRISIS_CONFIRMED', 'REEMPLOYED'],
    ['REEMPLOYED', 'UNKNOWN', 'not_eligible', 'CRISIS_UNKNOWN', 'REEMPLOYED'],
    ['REEMPLOYED', 'NO_CRISIS', 'not_eligible', 'NO_CRISIS', 'REEMPLOYED'],

    ['NEVER_EMPLOYED', 'UNKNOWN', 'not_eligible', 'CRISIS_UNKNOWN', 'NEVER_EMPLOYED'],
    ['NEVER_EMPLOYED', 'CIGS', 'not_eligible', 'CRISIS_CONFIRMED', 'NEVER_EMPLOYED'],

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
    ['yes', undefined, 'AT_RISK', 'RELOCATION', 'likely_eligible', 'WORKSITE_IN_LOMBARDY', true],
    ['no', undefined, 'AT_RISK', 'RELOCATION', 'not_eligible', 'WORKSITE_OUTSIDE_LOMBARDY', false],
    ['unknown', undefined, 'AT_RISK', 'RELOCATION', 'to_verify', 'WORKSITE_UNKNOWN', 'unknown'],
    ['no', undefined, 'UNEMPLOYED', 'CLOSURE', 'not_eligible', 'WORKSITE_OUTSIDE_LOMBARDY', false],
    ['unknown', undefined, 'UNEMPLOYED', 'CLOSURE', 'to_verify', 'WORKSITE_UNKNOWN', 'unknown'],
    ['no', undefined, 'UNKNOWN', 'UNKNOWN', 'not_eligible', 'WORKSITE_OUTSIDE_LOMBARDY', false],
    ['unknown', undefined, 'UNKNOWN', 'UNKNOWN', 'to_verify', 'WORKSITE_UNKNOWN', 'unknown'],
    // a known province decides when inLombardy is unknown
    ['unknown', 'BG', 'AT_RISK', 'INSOLVENCY', 'likely_eligible', 'WORKSITE_IN_LOMBARDY', true],
    ['unknown', 'mb', 'UNEMPLOYED', 'OTHER_CRISIS', 'likely_eligible', 'WORKSITE_IN_LOMBARDY', true],
    ['unknown', 'TO', 'AT_RISK', 'CIGS', 'not_eligible', 'WORKSITE_OUTSIDE_LOMBARDY', false],
    ['yes', 'MI', 'AT_RISK', 'RELOCATION', 'likely_eligible', 'WORKSITE_IN_LOMBARDY', true],
    ['no', 'RM', 'UNEMPLOYED', 'CIGS', 'not_eligible', 'WORKSITE_OUTSIDE_LOMBARDY', false],
    // an unrecognised province falls back to inLombardy
    ['yes', 'XX', 'AT_RISK', 'INSOLVENCY', 'likely_eligible', 'WORKSITE_IN_LOMBARDY', true],
    ['unknown', 'XX', 'AT_RISK', 'INSOLVENCY', 'to_verify', 'WORKSITE_UNKNOWN', 'unknown'],
    // "Estero" (EE): the gazetteer's code for a site abroad is no Italian province; the site is outside
    ['no', 'EE', 'UNEMPLOYED', 'CLOSURE', 'not_eligible', 'WORKSITE_OUTSIDE_LOMBARDY', false],
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
    ['AT_RISK', 'CIGS', 2, 'AT_RISK_REDUNDANCIES_UNKNOWN', 'unknown', SOURCES.BANDO_2018_A],
    ['AT_RISK', 'ARRANGEMENT', 2, 'AT_RISK_ARRANGEMENT', 'unknown', SOURCES.BANDO_2018_A],
    ['AT_RISK', 'INSOLVENCY', 2, 'AT_RISK_INSOLVENCY_SUSPENDED', true, SOURCES.BANDO_2018_A],
    ['AT_RISK', 'RELOCATION', 2, 'AT_RISK_RELOCATION_AGREEMENT', true, SOURCES.BANDO_2018_A],
    ['AT_RISK', 'CLOSURE', 2, 'AT_RISK_REDUNDANCY_NO_SUPPORT_STATED', 'unknown', SOURCES.BANDO_2018_A],
    ['AT_RISK', 'CIGO', 2, 'AT_RISK_ORDINARY_INCOME_SUPPORT', 'unknown', SOURCES.BANDO_2018_A],
    ['AT_RISK', 'OTHER_CRISIS', 2, 'AT_RISK_OTHER_CRISIS', 'unknown', SOURCES.BANDO_2018_A],
    ['NEVER_EMPLOYED', 'UNKNOWN', 2, 'NEVER_EMPLOYED', false, 'scheda: DESTINATARI'],
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

  test.each([
    ['yes', 'AT_RISK_WITH_INCOME_SUPPORT', true],
    ['no', 'AT_RISK_NO_REDUNDANCIES', false],
    ['unknown', 'AT_RISK_REDUNDANCIES_UNKNOWN', 'unknown'],
  ] as Array<[Tri, ReasonCode, boolean | 'unknown']>)('AT_RISK + CIGS, redundancies foreseen %s: %s (met=%s), source lett. a', (redundancies, code, met) => {
    expect(assessEligibility(facts('AT_RISK', 'CIGS', 'yes', undefined, redundancies)).reasons[2]).toEqual({ code, met, source: SOURCES.BANDO_2018_A });
  });
});

describe('assessEligibility: invariants over every combination', () => {
  const REDUNDANCIES: Array<Tri | undefined> = [undefined, ...TRI_VALUES];
  const all: Array<[Tri, CrisisKind, Situation, Tri | undefined]> = [];
  for (const site of TRI_VALUES) {
    for (const kind of CRISIS_KINDS) for (const situation of SITUATIONS) for (const r of REDUNDANCIES) all.push([site, kind, situation, r]);
  }

  test('covers 3 sites x 11 kinds x 6 situations x 4 redundancy answers', () => {
    expect(all).toHaveLength(3 * 11 * 6 * 4);
  });

  test.each(all)('site=%s crisis=%s situation=%s redundancies=%s', (site, kind, situation, redundancies) => {
    const result = assessEligibility(facts(situation, kind, site, undefined, redundancies));
    expect(['likely_eligible', 'to_verify', 'not_eligible']).toContain(result.outcome);
    expect(result.rulesVersion).toBe('ar-2018.2');
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
    if (site === 'no' || kind === 'NO_CRISIS' || situation === 'REEMPLOYED' || situation === 'NEVER_EMPLOYED') expect(result.outcome).toBe('not_eligible');
    if (result.outcome === 'likely_eligible') {
      expect(site).toBe('yes');
      expect(['AT_RISK', 'UNEMPLOYED']).toContain(situation);
    }
    // still employed: likely only in the three cases of lett. a
    if (result.outcome === 'likely_eligible' && situation === 'AT_RISK') {
      const lettA = ((kind === 'CIGS' || kind === 'CIGD') && redundancies === 'yes') || kind === 'RELOCATION' || kind === 'INSOLVENCY';
      expect(lettA).toBe(true);
    }
    // the redundancy answer only matters to a worker still employed with CIGS/CIGD
    if (situation !== 'AT_RISK' || (kind !== 'CIGS' && kind !== 'CIGD')) {
      expect(result).toEqual(assessEligibility(facts(situation, kind, site)));
    }
  });

  test('every reason code is produced by some combination', () => {
    const seen = new Set<string>();
    for (const [site, kind, situation, redundancies] of all) {
      for (const r of assessEligibility(facts(situation, kind, site, undefined, redundancies)).reasons) seen.add(r.code);
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
