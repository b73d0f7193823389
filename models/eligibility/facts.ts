/**
 * Facts the eligibility pre-check works on, and the shape of its result.
 *
 * The pre-check holds no personal data: only the work site's province, the kind of company crisis and the worker's
 * situation. It is a pre-check, never a decision: the best outcome is `likely_eligible`, and an operator of a network
 * project always verifies.
 */

/**
 * The edition of the rules implemented in `rules.ts`: Phase I of "Azioni di Rete per il lavoro" (POR FSE 2014-2020),
 * call reopened on 30/10/2018 under DGR XI/677 of 24.10.2018 and decree n. 15462 of 25.10.2018. Change it whenever
 * the rules change, so that every stored or logged result says which rules produced it.
 *
 * - ar-2018.1: first implementation.
 * - ar-2018.2: follows lett. a of the call more closely. A worker still employed with CIGS/CIGD is likely eligible
 *   only when the agreements foresee redundancies (`crisis.redundanciesForeseen`): 'no' is not eligible, not known
 *   is to verify (ar-2018.1 took CIGS/CIGD alone as enough). Concordato preventivo and the other procedures that are
 *   not bankruptcy are `ARRANGEMENT`, no longer `INSOLVENCY` (art. 72 of the bankruptcy law is about fallimento /
 *   liquidazione giudiziale): a worker still employed there is to verify. CIGO alone gets its own reason. People who
 *   never worked (students, first job seekers) are `NEVER_EMPLOYED`: not eligible, the measure serves workers of
 *   firms in crisis.
 */
export const ELIGIBILITY_RULES_VERSION = 'ar-2018.2';

/** Human-readable name of the edition behind `ELIGIBILITY_RULES_VERSION` (for logs and operator views). */
export const ELIGIBILITY_RULES_EDITION =
  'Azioni di Rete per il lavoro, Phase I call reopened 30/10/2018 (DGR XI/677 of 24.10.2018, decree 15462 of 25.10.2018)';

/** A fact as the person gave it: yes, no, or "I don't know" / not given. */
export type Tri = 'yes' | 'no' | 'unknown';
export const TRI_VALUES: readonly Tri[] = ['yes', 'no', 'unknown'];

/**
 * What the worker's firm is going through.
 *
 * - `CIGS` / `CIGD`: cassa integrazione straordinaria / in deroga (income support while still employed).
 * - `CIGO`: cassa integrazione ordinaria (temporary suspension for transient events).
 * - `COLLECTIVE_DISMISSAL`: a collective dismissal procedure (licenziamento collettivo).
 * - `INSOLVENCY`: bankruptcy (fallimento, since 2022 liquidazione giudiziale); the worker's contract is suspended
 *   under art. 72 of the bankruptcy law until the receiver decides.
 * - `ARRANGEMENT`: a procedure that is not bankruptcy: concordato preventivo, composizione negoziata, debt
 *   restructuring agreements, a liquidation not said to be judicial. The firm usually keeps working, so there is no
 *   art. 72 suspension: a worker still employed is a recipient only through income support with redundancies or a
 *   relocation agreement.
 * - `CLOSURE`: the firm or the unit is closing down (cessazione di attività).
 * - `RELOCATION`: a relocation agreement (accordo di ricollocazione, art. 24-bis D.lgs. 148/2015) was signed. This
 *   is about re-employing the worker elsewhere, NOT the firm moving its production away (delocalizzazione): a firm
 *   moving away is `OTHER_CRISIS` unless one of the other kinds applies.
 * - `OTHER_CRISIS`: a crisis of another kind, or the person knows of a crisis but not its form.
 * - `NO_CRISIS`: the firm is not in crisis.
 * - `UNKNOWN`: the person does not know / did not say.
 *
 * When several apply (e.g. a closure with CIGS), the dialog should record the income-support one (`CIGS`/`CIGD`) or
 * `INSOLVENCY`/`RELOCATION`, since those are what the call names for workers still employed.
 */
export type CrisisKind =
  | 'CIGS'
  | 'CIGD'
  | 'CIGO'
  | 'COLLECTIVE_DISMISSAL'
  | 'INSOLVENCY'
  | 'ARRANGEMENT'
  | 'CLOSURE'
  | 'RELOCATION'
  | 'OTHER_CRISIS'
  | 'NO_CRISIS'
  | 'UNKNOWN';
export const CRISIS_KINDS: readonly CrisisKind[] = [
  'CIGS',
  'CIGD',
  'CIGO',
  'COLLECTIVE_DISMISSAL',
  'INSOLVENCY',
  'ARRANGEMENT',
  'CLOSURE',
  'RELOCATION',
  'OTHER_CRISIS',
  'NO_CRISIS',
  'UNKNOWN',
];

/**
 * The worker's situation today.
 *
 * - `AT_RISK`: still employed at the firm in crisis (in cassa integrazione, suspended, or working).
 * - `UNEMPLOYED`: already out of the firm and unemployed (già fuoriuscito, in stato di disoccupazione), with or
 *   without income support such as NASpI.
 * - `REEMPLOYED`: already out of the firm and working again.
 * - `NEVER_EMPLOYED`: has never had a job to lose: students, people looking for their first job.
 * - `OTHER`: anything else (e.g. retired, self-employed); an operator checks.
 * - `UNKNOWN`: not given.
 */
export type Situation = 'AT_RISK' | 'UNEMPLOYED' | 'REEMPLOYED' | 'NEVER_EMPLOYED' | 'OTHER' | 'UNKNOWN';
export const SITUATIONS: readonly Situation[] = ['AT_RISK', 'UNEMPLOYED', 'REEMPLOYED', 'NEVER_EMPLOYED', 'OTHER', 'UNKNOWN'];

export interface EligibilityFacts {
  /** The production/operational unit (unità produttiva/operativa) the worker comes from. */
  workSite: { provinceCode?: string; inLombardy: Tri };
  crisis: {
    kind: CrisisKind;
    /**
     * Whether the agreements on the income support (CIGS/CIGD) foresee redundancies (esuberi), as the worker says.
     * Only the still-employed case with CIGS/CIGD uses it (the call names "CIGD o CIGS ... dove gli accordi
     * prevedono esuberi"); absent counts as 'unknown'.
     */
    redundanciesForeseen?: Tri;
  };
  situation: Situation;
  /**
   * ISO date (YYYY-MM-DD) the worker left the firm, when already out. Informational only: the measure sets no
   * deadline after leaving, so the rules do not use it.
   */
  leftOn?: string;
}

export type Outcome = 'likely_eligible' | 'to_verify' | 'not_eligible';

/** Stable codes of the conditions the rules consider; the dialogs map them to messages. */
export type ReasonCode =
  // work site
  | 'WORKSITE_IN_LOMBARDY'
  | 'WORKSITE_OUTSIDE_LOMBARDY'
  | 'WORKSITE_UNKNOWN'
  | 'WORKSITE_CONFLICTING'
  // crisis
  | 'CRISIS_CONFIRMED'
  | 'CRISIS_UNKNOWN'
  | 'NO_CRISIS'
  // situation
  | 'AT_RISK_WITH_INCOME_SUPPORT'
  | 'AT_RISK_NO_REDUNDANCIES'
  | 'AT_RISK_REDUNDANCIES_UNKNOWN'
  | 'AT_RISK_ORDINARY_INCOME_SUPPORT'
  | 'AT_RISK_ARRANGEMENT'
  | 'AT_RISK_INSOLVENCY_SUSPENDED'
  | 'AT_RISK_RELOCATION_AGREEMENT'
  | 'AT_RISK_REDUNDANCY_NO_SUPPORT_STATED'
  | 'AT_RISK_OTHER_CRISIS'
  | 'AT_RISK_CRISIS_UNKNOWN'
  | 'AT_RISK_NO_CRISIS'
  | 'UNEMPLOYED_AFTER_CRISIS'
  | 'UNEMPLOYED_CRISIS_UNKNOWN'
  | 'UNEMPLOYED_NO_CRISIS'
  | 'REEMPLOYED'
  | 'NEVER_EMPLOYED'
  | 'SITUATION_OTHER'
  | 'SITUATION_UNKNOWN';

export const REASON_CODES: readonly ReasonCode[] = [
  'WORKSITE_IN_LOMBARDY',
  'WORKSITE_OUTSIDE_LOMBARDY',
  'WORKSITE_UNKNOWN',
  'WORKSITE_CONFLICTING',
  'CRISIS_CONFIRMED',
  'CRISIS_UNKNOWN',
  'NO_CRISIS',
  'AT_RISK_WITH_INCOME_SUPPORT',
  'AT_RISK_NO_REDUNDANCIES',
  'AT_RISK_REDUNDANCIES_UNKNOWN',
  'AT_RISK_ORDINARY_INCOME_SUPPORT',
  'AT_RISK_ARRANGEMENT',
  'AT_RISK_INSOLVENCY_SUSPENDED',
  'AT_RISK_RELOCATION_AGREEMENT',
  'AT_RISK_REDUNDANCY_NO_SUPPORT_STATED',
  'AT_RISK_OTHER_CRISIS',
  'AT_RISK_CRISIS_UNKNOWN',
  'AT_RISK_NO_CRISIS',
  'UNEMPLOYED_AFTER_CRISIS',
  'UNEMPLOYED_CRISIS_UNKNOWN',
  'UNEMPLOYED_NO_CRISIS',
  'REEMPLOYED',
  'NEVER_EMPLOYED',
  'SITUATION_OTHER',
  'SITUATION_UNKNOWN',
];

export interface Reason {
  /** Stable code (see `ReasonCode`). */
  code: ReasonCode;
  /** Whether the condition is met, as far as the given facts tell; `'unknown'` means an operator must check. */
  met: boolean | 'unknown';
  /** The passage of the measure the condition rests on (see `SOURCES` in rules.ts). */
  source: string;
}

export interface EligibilityResult {
  outcome: Outcome;
  /** Every condition considered, in order: work site, crisis, situation. */
  reasons: Reason[];
  rulesVersion: string;
}
