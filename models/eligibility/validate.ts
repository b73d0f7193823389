/**
 * Validation of the JSON body of `POST /api/eligibility`.
 *
 * Accepted shape (every field optional; what is not given counts as "don't know"):
 *   {
 *     "workSite": { "provinceCode": "BG", "inLombardy": "yes" | "no" | "unknown" },
 *     "crisis": { "kind": "CIGS" | ... | "UNKNOWN", "redundanciesForeseen": "yes" | "no" | "unknown" },
 *     "situation": "AT_RISK" | "UNEMPLOYED" | "REEMPLOYED" | "OTHER" | "UNKNOWN",
 *     "leftOn": "YYYY-MM-DD"
 *   }
 * No personal data is accepted: any other field (e.g. "name") is rejected, at every level. Values must have the
 * exact JSON type (no null, no objects where strings are expected, so `{"$gt": ""}` never gets through). Error
 * reasons never echo the submitted values.
 */
import {
  CRISIS_KINDS,
  SITUATIONS,
  TRI_VALUES,
  type CrisisKind,
  type EligibilityFacts,
  type Situation,
  type Tri,
} from './facts';
import { lookupProvince } from './provinces';

export type ParseResult = { ok: true; facts: EligibilityFacts } | { ok: false; field: string; reason: string };
type Failure = Extract<ParseResult, { ok: false }>;

/** The field name used when the body itself is wrong. */
export const BODY_FIELD = '(body)';

const TOP_LEVEL_FIELDS = ['workSite', 'crisis', 'situation', 'leftOn'] as const;
const WORKSITE_FIELDS = ['provinceCode', 'inLombardy'] as const;
const CRISIS_FIELDS = ['kind', 'redundanciesForeseen'] as const;
const MAX_FIELD_NAME_IN_ERROR = 64;

type JsonObject = Record<string, unknown>;

function fail(field: string, reason: string): Failure {
  return { ok: false, field, reason };
}

/** A plain JSON object (not null, not an array, not a class instance). */
function isPlainObject(value: unknown): value is JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

function fieldPath(parent: string, key: string): string {
  const shown = key.length > MAX_FIELD_NAME_IN_ERROR ? `${key.slice(0, MAX_FIELD_NAME_IN_ERROR)}…` : key;
  return parent ? `${parent}.${shown}` : shown;
}

/** The first key of `obj` not in `allowed`, if any. */
function unknownField(obj: JsonObject, allowed: readonly string[], parent: string): Failure | undefined {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) {
      return fail(fieldPath(parent, key), `unknown field; allowed: ${allowed.join(', ')} (no personal data)`);
    }
  }
  return undefined;
}

function has(obj: JsonObject, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

function oneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  field: string,
): { ok: true; value: T } | Failure {
  if (typeof value === 'string') {
    const match = allowed.find((a) => a === value);
    if (match !== undefined) return { ok: true, value: match };
  }
  return fail(field, `must be one of ${allowed.join(', ')}`);
}

function parseObject(value: unknown, field: string): { ok: true; value: JsonObject } | Failure {
  if (!isPlainObject(value)) return fail(field, `must be a JSON object, got ${describeType(value)}`);
  return { ok: true, value };
}

function parseWorkSite(value: unknown): { ok: true; value: EligibilityFacts['workSite'] } | Failure {
  const obj = parseObject(value, 'workSite');
  if (!obj.ok) return obj;
  const extra = unknownField(obj.value, WORKSITE_FIELDS, 'workSite');
  if (extra) return extra;

  let declared: Tri = 'unknown';
  if (has(obj.value, 'inLombardy')) {
    const tri = oneOf(obj.value.inLombardy, TRI_VALUES, 'workSite.inLombardy');
    if (!tri.ok) return tri;
    declared = tri.value;
  }
  if (!has(obj.value, 'provinceCode')) return { ok: true, value: { inLombardy: declared } };

  const code: unknown = obj.value.provinceCode;
  if (typeof code !== 'string') {
    return fail('workSite.provinceCode', `must be a string (Italian province sigla), got ${describeType(code)}`);
  }
  const province = /^[A-Za-z]{2}$/.test(code) ? lookupProvince(code) : undefined;
  if (province === undefined) {
    return fail('workSite.provinceCode', 'must be a known Italian province sigla, e.g. BG, MI, RM');
  }
  const derived: Tri = province.inLombardy ? 'yes' : 'no';
  if (declared !== 'unknown' && declared !== derived) {
    return fail('workSite.inLombardy', 'contradicts workSite.provinceCode');
  }
  return { ok: true, value: { provinceCode: code.toUpperCase(), inLombardy: derived } };
}

function parseCrisis(value: unknown): { ok: true; value: EligibilityFacts['crisis'] } | Failure {
  const obj = parseObject(value, 'crisis');
  if (!obj.ok) return obj;
  const extra = unknownField(obj.value, CRISIS_FIELDS, 'crisis');
  if (extra) return extra;
  const crisis: EligibilityFacts['crisis'] = { kind: 'UNKNOWN' };
  if (has(obj.value, 'kind')) {
    const kind = oneOf<CrisisKind>(obj.value.kind, CRISIS_KINDS, 'crisis.kind');
    if (!kind.ok) return kind;
    crisis.kind = kind.value;
  }
  // accepted with any kind (a client may ask it up front); the rules use it for CIGS/CIGD only
  if (has(obj.value, 'redundanciesForeseen')) {
    const tri = oneOf(obj.value.redundanciesForeseen, TRI_VALUES, 'crisis.redundanciesForeseen');
    if (!tri.ok) return tri;
    crisis.redundanciesForeseen = tri.value;
  }
  return { ok: true, value: crisis };
}

/** A real calendar date written as YYYY-MM-DD. */
function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Validates the body of `POST /api/eligibility` and turns it into facts for `assessEligibility`. */
export function parseEligibilityRequest(body: unknown): ParseResult {
  const obj = parseObject(body, BODY_FIELD);
  if (!obj.ok) return obj;
  const extra = unknownField(obj.value, TOP_LEVEL_FIELDS, '');
  if (extra) return extra;

  let workSite: EligibilityFacts['workSite'] = { inLombardy: 'unknown' };
  if (has(obj.value, 'workSite')) {
    const parsed = parseWorkSite(obj.value.workSite);
    if (!parsed.ok) return parsed;
    workSite = parsed.value;
  }

  let crisis: EligibilityFacts['crisis'] = { kind: 'UNKNOWN' };
  if (has(obj.value, 'crisis')) {
    const parsed = parseCrisis(obj.value.crisis);
    if (!parsed.ok) return parsed;
    crisis = parsed.value;
  }

  let situation: Situation = 'UNKNOWN';
  if (has(obj.value, 'situation')) {
    const parsed = oneOf<Situation>(obj.value.situation, SITUATIONS, 'situation');
    if (!parsed.ok) return parsed;
    situation = parsed.value;
  }

  const facts: EligibilityFacts = { workSite, crisis, situation };
  if (has(obj.value, 'leftOn')) {
    const leftOn: unknown = obj.value.leftOn;
    if (typeof leftOn !== 'string' || !isIsoDate(leftOn)) {
      return fail('leftOn', 'must be a date written as YYYY-MM-DD');
    }
    facts.leftOn = leftOn;
  }
  return { ok: true, facts };
}
