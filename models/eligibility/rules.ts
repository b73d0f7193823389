/**
 * Eligibility pre-check for "Azioni di Rete per il lavoro", edition `ELIGIBILITY_RULES_VERSION` (Phase I call as
 * reopened on 30/10/2018, DGR XI/677). A pure function of the facts: no I/O, no clock, no randomness.
 *
 * Sources (quoted in every `Reason.source`):
 * - The measure's fact sheet, section DESTINATARI: "Lavoratori, provenienti da una o più unità produttive/operative
 *   ubicate in Lombardia, coinvolti in un processo di crisi aziendale" and "Lavoratori già espulsi da aziende in
 *   crisi e che si trovano in stato di disoccupazione".
 * - The Phase I call reopened 30/10/2018 (FACTS.md), recipients in detail: (a) workers from units located in
 *   Lombardy involved in a company crisis process who receive income support such as CIGD or CIGS where agreements
 *   foresee redundancies (esuberi), or where relocation agreements under art. 24-bis D.lgs. 148/2015 were signed,
 *   or who are suspended under art. 72 of the bankruptcy law; (b) workers already expelled from firms in crisis who
 *   are unemployed. FACTS.md adds: "a worker still employed is a recipient only in one of those situations;
 *   otherwise the pre-check says 'to be verified' or 'not eligible' and explains why".
 *
 * How the outcome is reached: each condition (work site, crisis, situation) yields one `Reason` with `met` true,
 * false or 'unknown'. Any false -> `not_eligible`; otherwise any 'unknown' -> `to_verify`; otherwise
 * `likely_eligible`. There is no "eligible": an operator of a network project always verifies.
 *
 * `leftOn` is not used: the measure sets no deadline after leaving the firm, and none is invented here.
 * `crisis.redundanciesForeseen` matters only to a worker still employed with CIGS/CIGD (lett. a); a worker already
 * out and unemployed is a recipient with or without income support (NASpI or none), whatever the crisis's form.
 */
import {
  CRISIS_KINDS,
  ELIGIBILITY_RULES_VERSION,
  SITUATIONS,
  TRI_VALUES,
  type CrisisKind,
  type EligibilityFacts,
  type EligibilityResult,
  type Outcome,
  type Reason,
  type Situation,
  type Tri,
} from './facts';
import { lookupProvince } from './provinces';

/** The passages of the measure the conditions rest on. */
export const SOURCES = {
  SCHEDA_DESTINATARI: 'scheda: DESTINATARI',
  BANDO_2018_A: 'bando Fase I riapertura 30/10/2018 (DGR XI/677): destinatari, lett. a',
  BANDO_2018_B: 'bando Fase I riapertura 30/10/2018 (DGR XI/677): destinatari, lett. b',
} as const;

const UNEMPLOYED_SOURCE = `${SOURCES.SCHEDA_DESTINATARI}; ${SOURCES.BANDO_2018_B}`;

/**
 * Work site. Both recipient groups come from firms with units located in Lombardy: the fact sheet says so of
 * workers in a crisis process, and workers "già espulsi da aziende in crisi" are those of the crises the regional
 * network projects address (each project serves people from at most 3 firms in crisis).
 *
 * A known province decides; `inLombardy` is used when no known province is given. If both are given and disagree
 * (callers that skip `parseEligibilityRequest`), the site is treated as unknown.
 */
function workSiteReason(workSite: EligibilityFacts['workSite']): Reason {
  const source = SOURCES.SCHEDA_DESTINATARI;
  const province = workSite.provinceCode !== undefined ? lookupProvince(workSite.provinceCode) : undefined;
  const fromProvince: Tri = province === undefined ? 'unknown' : province.inLombardy ? 'yes' : 'no';
  const declared: Tri = TRI_VALUES.includes(workSite.inLombardy) ? workSite.inLombardy : 'unknown';
  if (fromProvince !== 'unknown' && declared !== 'unknown' && fromProvince !== declared) {
    return { code: 'WORKSITE_CONFLICTING', met: 'unknown', source };
  }
  const site = fromProvince !== 'unknown' ? fromProvince : declared;
  switch (site) {
    case 'yes':
      return { code: 'WORKSITE_IN_LOMBARDY', met: true, source };
    case 'no':
      return { code: 'WORKSITE_OUTSIDE_LOMBARDY', met: false, source };
    default:
      return { code: 'WORKSITE_UNKNOWN', met: 'unknown', source };
  }
}

/** Normalises values a non-TypeScript caller could pass outside the declared unions to 'UNKNOWN'. */
function crisisKindOf(facts: EligibilityFacts): CrisisKind {
  const kind = facts.crisis?.kind;
  return CRISIS_KINDS.includes(kind) ? kind : 'UNKNOWN';
}

function redundanciesOf(facts: EligibilityFacts): Tri {
  const said = facts.crisis?.redundanciesForeseen;
  return said !== undefined && TRI_VALUES.includes(said) ? said : 'unknown';
}

function situationOf(facts: EligibilityFacts): Situation {
  return SITUATIONS.includes(facts.situation) ? facts.situation : 'UNKNOWN';
}

/** Crisis: both recipient groups require a firm in crisis (scheda: DESTINATARI). Self-declared; operators verify. */
function crisisReason(kind: CrisisKind): Reason {
  const source = SOURCES.SCHEDA_DESTINATARI;
  switch (kind) {
    case 'NO_CRISIS':
      return { code: 'NO_CRISIS', met: false, source };
    case 'UNKNOWN':
      return { code: 'CRISIS_UNKNOWN', met: 'unknown', source };
    default:
      return { code: 'CRISIS_CONFIRMED', met: true, source };
  }
}

/**
 * A worker still employed (AT_RISK) is a recipient only in the situations of the reopened call, lett. a:
 * - CIGS / CIGD "dove gli accordi prevedono esuberi": likely only when the worker says redundancies are foreseen;
 *   "no esuberi" -> not eligible under this call; not known -> to verify (the dialog says what to ask the employer
 *   or the union). The agreement itself is what an operator checks, hence "likely".
 * - suspension under art. 72 of the bankruptcy law (INSOLVENCY: fallimento / liquidazione giudiziale suspends the
 *   contracts until the receiver decides);
 * - a relocation agreement under art. 24-bis D.lgs. 148/2015 (RELOCATION).
 *
 * COLLECTIVE_DISMISSAL and CLOSURE -> to verify, not likely eligible. Redundancies are foreseen there, and the fact
 * sheet's wording ("lavoratori in uscita", "coinvolti in un processo di crisi aziendale") would cover them; but the
 * edition implemented here details lett. a as *income support* with redundancy agreements, a 24-bis agreement or an
 * art. 72 suspension, and FACTS.md states that a worker still employed is a recipient "only in one of those
 * situations; otherwise ... 'to be verified' or 'not eligible'". A dismissal procedure or closure by itself is none
 * of them; in practice it often comes with CIGS (then the dialog records CIGS), so an operator checks rather than
 * the pre-check excluding the worker.
 *
 * ARRANGEMENT (concordato preventivo and the like) is not bankruptcy: no art. 72 suspension, so -> to verify (the
 * worker may still be in CIGS with redundancies or under a relocation agreement without having said so).
 * CIGO (ordinary, for transient events, not named by the call) and OTHER_CRISIS -> to verify: the firm may be in
 * one of the named situations (e.g. moving to CIGS) without the worker knowing the exact form.
 */
function atRiskReason(kind: CrisisKind, redundancies: Tri): Reason {
  const source = SOURCES.BANDO_2018_A;
  switch (kind) {
    case 'CIGS':
    case 'CIGD':
      if (redundancies === 'yes') return { code: 'AT_RISK_WITH_INCOME_SUPPORT', met: true, source };
      if (redundancies === 'no') return { code: 'AT_RISK_NO_REDUNDANCIES', met: false, source };
      return { code: 'AT_RISK_REDUNDANCIES_UNKNOWN', met: 'unknown', source };
    case 'INSOLVENCY':
      return { code: 'AT_RISK_INSOLVENCY_SUSPENDED', met: true, source };
    case 'RELOCATION':
      return { code: 'AT_RISK_RELOCATION_AGREEMENT', met: true, source };
    case 'ARRANGEMENT':
      return { code: 'AT_RISK_ARRANGEMENT', met: 'unknown', source };
    case 'COLLECTIVE_DISMISSAL':
    case 'CLOSURE':
      return { code: 'AT_RISK_REDUNDANCY_NO_SUPPORT_STATED', met: 'unknown', source };
    case 'CIGO':
      return { code: 'AT_RISK_ORDINARY_INCOME_SUPPORT', met: 'unknown', source };
    case 'OTHER_CRISIS':
      return { code: 'AT_RISK_OTHER_CRISIS', met: 'unknown', source };
    case 'UNKNOWN':
      return { code: 'AT_RISK_CRISIS_UNKNOWN', met: 'unknown', source };
    case 'NO_CRISIS':
      return { code: 'AT_RISK_NO_CRISIS', met: false, source: SOURCES.SCHEDA_DESTINATARI };
  }
}

/**
 * A worker already out and unemployed is a recipient when the firm was in crisis, whatever its form (scheda:
 * DESTINATARI; reopened call, lett. b: "già espulsi da aziende in crisi ... in stato di disoccupazione").
 */
function unemployedReason(kind: CrisisKind): Reason {
  switch (kind) {
    case 'NO_CRISIS':
      return { code: 'UNEMPLOYED_NO_CRISIS', met: false, source: UNEMPLOYED_SOURCE };
    case 'UNKNOWN':
      return { code: 'UNEMPLOYED_CRISIS_UNKNOWN', met: 'unknown', source: UNEMPLOYED_SOURCE };
    default:
      return { code: 'UNEMPLOYED_AFTER_CRISIS', met: true, source: UNEMPLOYED_SOURCE };
  }
}

function situationReason(situation: Situation, kind: CrisisKind, redundancies: Tri): Reason {
  switch (situation) {
    case 'AT_RISK':
      return atRiskReason(kind, redundancies);
    case 'UNEMPLOYED':
      return unemployedReason(kind);
    case 'REEMPLOYED':
      // The measure serves workers on the way out or already out *and unemployed*; working again is neither.
      return { code: 'REEMPLOYED', met: false, source: UNEMPLOYED_SOURCE };
    case 'NEVER_EMPLOYED':
      // Both groups of recipients come from firms in crisis ("coinvolti in un processo di crisi aziendale", "già
      // espulsi da aziende in crisi"): someone who never had a job there is not who the measure serves.
      return { code: 'NEVER_EMPLOYED', met: false, source: SOURCES.SCHEDA_DESTINATARI };
    case 'OTHER':
      return { code: 'SITUATION_OTHER', met: 'unknown', source: SOURCES.SCHEDA_DESTINATARI };
    case 'UNKNOWN':
      return { code: 'SITUATION_UNKNOWN', met: 'unknown', source: SOURCES.SCHEDA_DESTINATARI };
  }
}

function outcomeOf(reasons: readonly Reason[]): Outcome {
  if (reasons.some((r) => r.met === false)) return 'not_eligible';
  if (reasons.some((r) => r.met === 'unknown')) return 'to_verify';
  return 'likely_eligible';
}

/** The pre-check. Pure; the reasons list every condition considered, in order: work site, crisis, situation. */
export function assessEligibility(facts: EligibilityFacts): EligibilityResult {
  const kind = crisisKindOf(facts);
  const reasons: Reason[] = [
    workSiteReason(facts.workSite ?? { inLombardy: 'unknown' }),
    crisisReason(kind),
    situationReason(situationOf(facts), kind, redundanciesOf(facts)),
  ];
  return { outcome: outcomeOf(reasons), reasons, rulesVersion: ELIGIBILITY_RULES_VERSION };
}
