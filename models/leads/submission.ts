/**
 * A worker's referral request as the chat hands it to LeadService.submit, described once as a zod schema: codes,
 * the pre-check, the employer, the consent, the conversation reference; the contact is checked and put in its
 * canonical form by contact.ts. A refused submission names its first problem as a ValidationError (field, reason).
 */
import { z } from 'zod';
import { ValidationError } from '../errors';
import { problemsOf, type FieldProblem } from '../schemaIssues';
import { normalizeContact, type ContactInput } from './contact';
import { LANGUAGE_CODES } from '../languages';
import type { ConversationRef } from './lead';

const CONVERSATION_REF_MAX = 8 * 1024;
const CODE = /^[a-z0-9][a-z0-9_.:-]{0,63}$/i;
const LOCALE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A code of the eligibility rules, a channel, a sector: letters, digits and _.:- , at most 64. */
const code = z.string({ error: 'invalid_code' }).regex(CODE, { error: 'invalid_code' });

/** Trimmed, not blank, at most `max` characters. */
const text = (max: number) => z.string({ error: 'required' }).trim().min(1, { error: 'required' }).max(max, { error: 'too_long' });

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** A key neither database accepts in a document: an operator ($...) or a path (a.b). */
function hasForbiddenKey(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(hasForbiddenKey);
  if (!isObject(node)) return false;
  return Object.entries(node).some(([key, child]) => key.startsWith('$') || key.includes('.') || hasForbiddenKey(child));
}

const PRECHECK_FIELDS = z
  .object({
    answers: z.object({
      // The worker may not know where the work site is ("non lo so"): then there is no province, never a made-up one.
      province: z
        .string({ error: 'invalid_province' })
        .overwrite((province) => province.trim().toUpperCase())
        .refine((province) => province === '' || /^[A-Z]{2}$/.test(province), { error: 'invalid_province' })
        .optional(),
      crisisKind: code,
      situation: code,
      leftOn: z
        .string({ error: 'not_an_iso_date' })
        .refine((day) => ISO_DAY.test(day) && !Number.isNaN(Date.parse(day)), { error: 'not_an_iso_date' })
        .optional(),
    }),
    outcome: code,
    reasons: z.array(code, { error: 'invalid' }).max(20, { error: 'invalid' }),
    rulesVersion: code,
  })
  .transform(({ answers: { province, crisisKind, situation, leftOn }, outcome, reasons, rulesVersion }) => ({
    answers: { ...(province ? { province } : {}), crisisKind, situation, ...(leftOn !== undefined ? { leftOn } : {}) },
    outcome,
    reasons,
    rulesVersion,
  }));

/** The eligibility pre-check as the chat ran it: codes only, extra answers dropped. */
const PRECHECK = z.custom<z.input<typeof PRECHECK_FIELDS>>((value) => isObject(value) && isObject(value.answers), { error: 'required' }).pipe(PRECHECK_FIELDS);

/** What the worker said of the employer; blank parts are left out, and an employer with none is no employer. */
const EMPLOYER = z
  .object({
    name: z
      .string({ error: 'not_a_string' })
      .overwrite((name) => name.replace(/\s+/g, ' ').trim())
      .max(200, { error: 'too_long' })
      .optional(),
    sector: z
      .string({ error: 'invalid_code' })
      .refine((sector) => sector === '' || CODE.test(sector), { error: 'invalid_code' })
      .overwrite((sector) => sector.toLowerCase())
      .optional(),
  })
  .transform(({ name, sector }) => (name || sector ? { ...(name ? { name } : {}), ...(sector ? { sector } : {}) } : undefined))
  .optional();

/** The Bot Framework conversation reference, opaque: a JSON object of at most 8 KB that either database can store. */
const CONVERSATION_REF = z
  .unknown()
  .transform((value, ctx) => {
    try {
      return JSON.stringify(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not_serialisable' });
      return z.NEVER;
    }
  })
  .refine((json) => json.length <= CONVERSATION_REF_MAX, { error: 'too_large' })
  .transform((json) => JSON.parse(json) as unknown)
  .refine((copy) => !hasForbiddenKey(copy), { error: 'invalid_key' })
  .pipe(z.custom<ConversationRef>((copy) => isObject(copy) && !Array.isArray(copy), { error: 'not_an_object' }))
  .optional();

/** Checked and canonical by contact.ts (its first problem, e.g. contact.phone too_short, as an issue here). */
const CONTACT = z.unknown().transform((input, ctx) => {
  try {
    return normalizeContact((input ?? { name: '' }) as ContactInput);
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    ctx.addIssue({ code: 'custom', message: err.reason, path: err.field.split('.').slice(1) });
    return z.NEVER;
  }
});

export const LEAD_SUBMISSION = z.object(
  {
    precheck: PRECHECK,
    contact: CONTACT,
    employer: EMPLOYER,
    consent: z.object(
      {
        /** absent: given now */
        givenAt: z.date({ error: 'invalid_date' }).nullish(),
        noticeVersion: text(64),
        textHash: text(128),
        /** the language the consent text was shown in: one of the eight (models/languages.ts); absent on old callers */
        language: z.enum(LANGUAGE_CODES, { error: 'unknown_language' }).optional(),
      },
      { error: 'required' },
    ),
    locale: z.string({ error: 'invalid' }).trim().regex(LOCALE, { error: 'invalid' }),
    channel: code,
    channelUserId: z.string({ error: 'invalid' }).min(1, { error: 'invalid' }).optional(),
    conversationRef: CONVERSATION_REF,
  },
  { error: 'required' },
);

export type ParsedSubmission = z.output<typeof LEAD_SUBMISSION>;

/**
 * The order in which a submission's problems are reported (the first is the answer), as it always was: a field
 * ranks by the longest entry that is it or contains it (`precheck.reasons.3` ranks as `precheck.reasons`).
 */
const REPORT_ORDER = [
  'submission',
  'contact',
  'consent',
  'consent.givenAt',
  'locale',
  'employer',
  'conversationRef',
  'channelUserId',
  'precheck',
  'precheck.answers.province',
  'precheck.answers.crisisKind',
  'precheck.answers.situation',
  'precheck.outcome',
  'precheck.rulesVersion',
  'precheck.answers.leftOn',
  'precheck.reasons',
  'consent.noticeVersion',
  'consent.textHash',
  'consent.language',
  'channel',
];

function rankOf(problem: FieldProblem): number {
  let rank = -1;
  REPORT_ORDER.forEach((field, i) => {
    if ((problem.field === field || problem.field.startsWith(`${field}.`)) && (rank < 0 || field.length > REPORT_ORDER[rank].length)) rank = i;
  });
  return rank < 0 ? REPORT_ORDER.length : rank;
}

/** The submission checked, or a ValidationError naming its first problem. */
export function parseLeadSubmission(input: unknown): ParsedSubmission {
  return readValidSubmission(input) ?? parseWithSchema(input);
}

/** The submission checked by the schema alone, or a ValidationError naming its first problem. */
export function parseWithSchema(input: unknown): ParsedSubmission {
  const parsed = LEAD_SUBMISSION.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = problemsOf(parsed.error, { whole: 'submission' });
  const [first] = problems.map((problem, i) => ({ problem, rank: rankOf(problem), i })).sort((a, b) => a.rank - b.rank || a.i - b.i);
  throw new ValidationError(first.problem.field, first.problem.reason);
}

/*
 * The chat's own submission, read without the schema. Every confirmation sends one, plain and valid; zod's parse of
 * it was the largest piece of JavaScript left in the confirming turn. readValidSubmission applies the schema's rules
 * above in one pass and answers only for a submission that passes all of them, with what the schema answers
 * (test/leads/submissionFastPath.test.ts compares the two on hostile input); anything else, of a wrong type, out of
 * bounds, or an object of an odd kind, is undefined and goes through the schema, so a refusal and its first problem
 * are always the schema's.
 */

const isRecord = (value: unknown): value is Record<string, unknown> => isObject(value) && !Array.isArray(value);
const codeOf = (value: unknown): string | undefined => (typeof value === 'string' && CODE.test(value) ? value : undefined);

/** text(max): trimmed, not blank, at most `max` characters */
function textOf(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed.length >= 1 && trimmed.length <= max ? trimmed : undefined;
}

function precheckOf(value: unknown): ParsedSubmission['precheck'] | undefined {
  if (!isRecord(value) || !isRecord(value.answers)) return undefined;
  const { answers, reasons: reasonsIn } = value;
  let province: string | undefined;
  if (answers.province !== undefined) {
    if (typeof answers.province !== 'string') return undefined;
    province = answers.province.trim().toUpperCase();
    if (province !== '' && !/^[A-Z]{2}$/.test(province)) return undefined;
  }
  const crisisKind = codeOf(answers.crisisKind);
  const situation = codeOf(answers.situation);
  const leftOn = answers.leftOn;
  if (leftOn !== undefined && (typeof leftOn !== 'string' || !ISO_DAY.test(leftOn) || Number.isNaN(Date.parse(leftOn)))) return undefined;
  const outcome = codeOf(value.outcome);
  const rulesVersion = codeOf(value.rulesVersion);
  if (crisisKind === undefined || situation === undefined || outcome === undefined || rulesVersion === undefined) return undefined;
  if (!Array.isArray(reasonsIn) || reasonsIn.length > 20) return undefined;
  const reasons: string[] = [];
  for (let i = 0; i < reasonsIn.length; i++) {
    const reason = codeOf(reasonsIn[i]);
    if (reason === undefined) return undefined;
    reasons.push(reason);
  }
  return { answers: { ...(province ? { province } : {}), crisisKind, situation, ...(leftOn !== undefined ? { leftOn } : {}) }, outcome, reasons, rulesVersion };
}

/** undefined: not accepted here; { employer: undefined }: none (absent, or nothing in it) */
function employerOf(value: unknown): { employer: ParsedSubmission['employer'] } | undefined {
  if (value === undefined) return { employer: undefined };
  if (!isRecord(value)) return undefined;
  let name: string | undefined;
  if (value.name !== undefined) {
    if (typeof value.name !== 'string') return undefined;
    name = value.name.replace(/\s+/g, ' ').trim();
    if (name.length > 200) return undefined;
  }
  let sector: string | undefined;
  if (value.sector !== undefined) {
    if (typeof value.sector !== 'string' || (value.sector !== '' && !CODE.test(value.sector))) return undefined;
    sector = value.sector.toLowerCase();
  }
  return { employer: name || sector ? { ...(name ? { name } : {}), ...(sector ? { sector } : {}) } : undefined };
}

function consentOf(value: unknown): ParsedSubmission['consent'] | undefined {
  if (!isRecord(value)) return undefined;
  const { givenAt, language } = value;
  if (givenAt !== undefined && givenAt !== null && !(givenAt instanceof Date && !Number.isNaN(givenAt.getTime()))) return undefined;
  const noticeVersion = textOf(value.noticeVersion, 64);
  const textHash = textOf(value.textHash, 128);
  if (noticeVersion === undefined || textHash === undefined) return undefined;
  if (language !== undefined && !(LANGUAGE_CODES as readonly unknown[]).includes(language)) return undefined;
  return { givenAt, noticeVersion, textHash, language: language as ParsedSubmission['consent']['language'] };
}

/** undefined: not accepted here; { ref: undefined }: absent */
function conversationRefOf(value: unknown): { ref: ConversationRef | undefined } | undefined {
  if (value === undefined) return { ref: undefined };
  if (!isRecord(value)) return undefined;
  let json: unknown;
  try {
    json = JSON.stringify(value);
  } catch {
    return undefined;
  }
  if (typeof json !== 'string' || json.length > CONVERSATION_REF_MAX) return undefined;
  const copy = JSON.parse(json) as unknown;
  return isRecord(copy) && !hasForbiddenKey(copy) ? { ref: copy as ConversationRef } : undefined;
}

/** The submission as the schema answers it, when it passes every rule; undefined otherwise (see above). */
export function readValidSubmission(input: unknown): ParsedSubmission | undefined {
  if (!isRecord(input)) return undefined;
  const precheck = precheckOf(input.precheck);
  if (precheck === undefined) return undefined;
  let contact: ParsedSubmission['contact'];
  try {
    contact = normalizeContact((input.contact ?? { name: '' }) as ContactInput);
  } catch {
    return undefined;
  }
  const employer = employerOf(input.employer);
  const consent = consentOf(input.consent);
  if (employer === undefined || consent === undefined) return undefined;
  const locale = typeof input.locale === 'string' ? input.locale.trim() : undefined;
  if (locale === undefined || !LOCALE.test(locale)) return undefined;
  const channel = codeOf(input.channel);
  if (channel === undefined) return undefined;
  const { channelUserId } = input;
  if (channelUserId !== undefined && (typeof channelUserId !== 'string' || channelUserId.length < 1)) return undefined;
  const ref = conversationRefOf(input.conversationRef);
  if (ref === undefined) return undefined;
  return { precheck, contact, employer: employer.employer, consent, locale, channel, channelUserId, conversationRef: ref.ref };
}
