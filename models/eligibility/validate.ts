/**
 * The JSON body of `POST /api/eligibility`, described once with zod: the route validates with it and the OpenAPI
 * document is generated from it.
 *
 * Every field is optional; what is not given counts as "don't know". No personal data is accepted: any other field
 * (e.g. "name") is rejected, at every level. Values must have the exact JSON type (no null, no objects where strings
 * are expected, so `{"$gt": ""}` never gets through). Error reasons never echo the submitted values.
 */
import { z } from 'zod';
import { CRISIS_KINDS, SITUATIONS, TRI_VALUES, type EligibilityFacts } from './facts';
import { lookupProvince } from './provinces';

export type ParseResult = { ok: true; facts: EligibilityFacts } | { ok: false; field: string; reason: string };

/** The field name used when the body itself is wrong. */
export const BODY_FIELD = '(body)';

const MAX_FIELD_NAME_IN_ERROR = 64;
/** What a class instance (e.g. a Date) becomes before the object check: JSON never holds one. */
const NOT_PLAIN = Symbol('not a plain object');

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (value === NOT_PLAIN) return 'a object';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

function isClassInstance(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto !== Object.prototype && proto !== null;
}

/** A plain JSON object with only these fields. */
function jsonObject<Shape extends z.ZodRawShape>(shape: Shape) {
  const allowed = Object.keys(shape).join(', ');
  const object = z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown field; allowed: ${allowed} (no personal data)`
        : `must be a JSON object, got ${describeType(issue.input)}`,
  });
  return z.preprocess((value) => (isClassInstance(value) ? NOT_PLAIN : value), object);
}

function oneOf<T extends string>(values: readonly T[]) {
  return z.enum(values as readonly [T, ...T[]], { error: `must be one of ${values.join(', ')}` });
}

const NOT_A_PROVINCE = 'must be a known Italian province sigla, e.g. BG, MI, RM';
const provinceCode = z
  .string({ error: (issue) => `must be a string (Italian province sigla), got ${describeType(issue.input)}` })
  .regex(/^[A-Za-z]{2}$/, { error: NOT_A_PROVINCE })
  .refine((code) => lookupProvince(code) !== undefined, { error: NOT_A_PROVINCE })
  .meta({ description: 'Italian province sigla' });

const workSite = jsonObject({ provinceCode: provinceCode.exactOptional(), inLombardy: oneOf(TRI_VALUES).exactOptional() })
  .superRefine((site, ctx) => {
    const province = site.provinceCode === undefined ? undefined : lookupProvince(site.provinceCode);
    if (province && site.inLombardy && site.inLombardy !== 'unknown' && site.inLombardy !== (province.inLombardy ? 'yes' : 'no')) {
      ctx.addIssue({ code: 'custom', path: ['inLombardy'], message: 'contradicts workSite.provinceCode' });
    }
  })
  .transform((site): EligibilityFacts['workSite'] => {
    const province = site.provinceCode === undefined ? undefined : lookupProvince(site.provinceCode);
    if (!site.provinceCode || !province) return { inLombardy: site.inLombardy ?? 'unknown' };
    return { provinceCode: site.provinceCode.toUpperCase(), inLombardy: province.inLombardy ? 'yes' : 'no' };
  });

const crisis = jsonObject({
  kind: oneOf(CRISIS_KINDS).exactOptional(),
  // accepted with any kind (a client may ask it up front); the rules use it for CIGS/CIGD only
  redundanciesForeseen: oneOf(TRI_VALUES)
    .meta({
      description:
        'Whether the agreements on CIGS/CIGD foresee redundancies (esuberi). Rules ar-2018.2 and later: a worker still ' +
        'employed (AT_RISK) with CIGS/CIGD is likely eligible only with "yes"; "no" is not eligible; absent or "unknown" is to verify.',
    })
    .exactOptional(),
}).transform((c): EligibilityFacts['crisis'] => ({ kind: c.kind ?? 'UNKNOWN', ...(c.redundanciesForeseen ? { redundanciesForeseen: c.redundanciesForeseen } : {}) }));

/** The body of `POST /api/eligibility`, turned into facts for `assessEligibility`. */
export const ELIGIBILITY_REQUEST = jsonObject({
  workSite: workSite.exactOptional(),
  crisis: crisis.exactOptional(),
  situation: oneOf(SITUATIONS).exactOptional(),
  leftOn: z.iso.date({ error: 'must be a date written as YYYY-MM-DD' }).exactOptional(),
}).transform(
  (body): EligibilityFacts => ({
    workSite: body.workSite ?? { inLombardy: 'unknown' },
    crisis: body.crisis ?? { kind: 'UNKNOWN' },
    situation: body.situation ?? 'UNKNOWN',
    ...(body.leftOn !== undefined ? { leftOn: body.leftOn } : {}),
  }),
).meta({ id: 'EligibilityRequest' });

/** The body as a client writes it. */
export type EligibilityRequest = z.input<typeof ELIGIBILITY_REQUEST>;

// ---- the first problem, as the route reports it ------------------------------------------------------------------

/** Where each problem ranks when several apply: the body, then its fields in this order, each its own checks. */
const ORDER = ['', 'workSite', 'workSite.inLombardy', 'workSite.provinceCode', 'workSite.contradiction', 'crisis', 'crisis.kind', 'crisis.redundanciesForeseen', 'situation', 'leftOn'];

function rankOf(issue: z.core.$ZodIssue): number {
  const path = issue.path.map(String).join('.');
  const key = issue.code === 'custom' && path === 'workSite.inLombardy' ? 'workSite.contradiction' : path;
  // an object's own problems (not an object, unknown fields) come before its fields'
  return ORDER.indexOf(key) * 2 + (issue.code === 'unrecognized_keys' ? 1 : 0);
}

function fieldPath(parent: string, key: string): string {
  const shown = key.length > MAX_FIELD_NAME_IN_ERROR ? `${key.slice(0, MAX_FIELD_NAME_IN_ERROR)}…` : key;
  return parent ? `${parent}.${shown}` : shown;
}

/** Validates the body of `POST /api/eligibility` and turns it into facts for `assessEligibility`. */
export function parseEligibilityRequest(body: unknown): ParseResult {
  const parsed = ELIGIBILITY_REQUEST.safeParse(body);
  if (parsed.success) return { ok: true, facts: parsed.data };
  const [issue] = [...parsed.error.issues].sort((a, b) => rankOf(a) - rankOf(b));
  const path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') return { ok: false, field: fieldPath(path, issue.keys[0]), reason: issue.message };
  return { ok: false, field: path || BODY_FIELD, reason: issue.message };
}
