/**
 * A network project (progetto di rete): a partnership led by an accredited operator that serves workers of up to
 * three firms in crisis of one sector. Types, vocabularies and row validation (pure).
 */
import { z } from 'zod';
import { normalizeEmail, normalizePhone } from '../leads/contact';
import { problemsOf, reasons } from '../schemaIssues';

/** The twelve provinces of Lombardy, by sigla. */
export const LOMBARDY_PROVINCES = ['BG', 'BS', 'CO', 'CR', 'LC', 'LO', 'MN', 'MI', 'MB', 'PV', 'SO', 'VA'] as const;
export type LombardyProvince = (typeof LOMBARDY_PROVINCES)[number];

export function isLombardyProvince(value: unknown): value is LombardyProvince {
  return typeof value === 'string' && (LOMBARDY_PROVINCES as readonly string[]).includes(value);
}

/**
 * Sector codes shared by projects, leads (employer.sector) and group formation. Labels per locale belong in
 * content/locales; these codes are stable.
 */
export const SECTORS = [
  'metalmeccanico',
  'tessile',
  'chimico',
  'alimentare',
  'commercio',
  'logistica',
  'edilizia',
  'legno-arredo',
  'carta-grafica',
  'ict',
  'servizi',
  'turismo',
] as const;
export type Sector = (typeof SECTORS)[number];

export function isSector(value: unknown): value is Sector {
  return typeof value === 'string' && (SECTORS as readonly string[]).includes(value);
}

/** Public contact of the project, shown to workers. Sample data uses example.org placeholders only. */
export interface ProjectContact {
  email?: string;
  phone?: string;
  website?: string;
}

export type NetworkProject = {
  /** stable id chosen by staff, e.g. "bg-metalmeccanico-2024" */
  _id: string;
  title: string;
  /** the accredited operator leading the partnership */
  leadPartner: string;
  provinces: LombardyProvince[];
  sectors: Sector[];
  /** names of the firms in crisis the project covers, as staff write them */
  firms: string[];
  contact: ProjectContact;
  active: boolean;
  /** true for the bundled [ESEMPIO] projects, which are not real */
  sample: boolean;
  updatedAt: Date;
};

/** A problem with one row of an import file. `row` is the 0-based position in the file. */
export interface RowError {
  row: number;
  id?: string;
  field: string;
  reason: string;
}

const ID = /^[a-z0-9][a-z0-9-]{2,63}$/;
const TEXT_MAX = 200;
const FIRMS_MAX = 50;

/** whitespace runs as one space, trimmed: how staff's text is kept */
const tidy = (value: string): string => value.replace(/\s+/g, ' ').trim();
const isString = (value: unknown): value is string => typeof value === 'string';

function rowText(min: number) {
  return z
    .string(reasons('not_a_string'))
    .overwrite(tidy)
    .min(min, { error: (issue) => (issue.input === '' ? 'required' : 'too_short') })
    .max(TEXT_MAX, { error: 'too_long' });
}

/** A list of strings: not one answers `not_a_list_of_strings` once for the whole list. */
const stringList = () => z.array(z.unknown(), reasons('not_a_list')).transform((items, ctx) => {
  if (items.every(isString)) return items.map(tidy);
  ctx.addIssue({ code: 'custom', message: 'not_a_list_of_strings' });
  return z.NEVER;
});

/** At least one code of `known` (as `toCode` writes it), each once; an unknown one is named in its reason. */
function codeList<T extends string>(known: readonly T[], toCode: (value: string) => string, unknown: string) {
  return stringList()
    .transform((items, ctx) => {
      if (items.length === 0) ctx.addIssue({ code: 'custom', message: 'required' });
      const codes: T[] = [];
      for (const item of items) {
        const code = toCode(item) as T;
        if (!known.includes(code)) ctx.addIssue({ code: 'custom', message: `${unknown}:${item}` });
        else if (!codes.includes(code)) codes.push(code);
      }
      return codes;
    })
    .meta({ type: 'array', items: { type: 'string', enum: [...known] }, minItems: 1 });
}

const firmList = stringList()
  .transform((firms, ctx) => {
    if (firms.length > FIRMS_MAX) ctx.addIssue({ code: 'custom', message: 'too_many' });
    for (const firm of firms) if (firm.length < 2 || firm.length > TEXT_MAX) ctx.addIssue({ code: 'custom', message: 'invalid_firm_name' });
    return firms;
  })
  .meta({ type: 'array', items: { type: 'string', minLength: 2, maxLength: TEXT_MAX }, maxItems: FIRMS_MAX });

/** A contact value put in its canonical form by `normalize` (its failure reason is the answer). */
function normalized(normalize: (raw: string) => { ok: true; value: string } | { ok: false; reason: string }) {
  return z.string({ error: 'not_a_string' }).transform((raw, ctx) => {
    const result = normalize(raw);
    if (result.ok) return result.value;
    ctx.addIssue({ code: 'custom', message: result.reason });
    return z.NEVER;
  });
}

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

const projectContact = z
  .strictObject(
    {
      email: normalized(normalizeEmail).optional(),
      phone: normalized(normalizePhone).optional(),
      website: z.string({ error: 'not_an_https_url' }).refine(isHttpsUrl, { error: 'not_an_https_url' }).meta({ description: 'https only' }).optional(),
    },
    reasons('not_an_object'),
  )
  // asked only of a contact without other problems
  .refine((c) => c.email !== undefined || c.phone !== undefined || c.website !== undefined, { error: 'email_phone_or_website_required', when: (payload) => payload.issues.length === 0 })
  .meta({ description: 'At least one' });

/**
 * One row of an import file, as staff write it (the CLI's import, POST /api/projects and PATCH, whose merged row
 * is checked again): every problem is reported, with today's reasons.
 */
export const PROJECT_ROW = z
  .strictObject(
    {
      id: z.string(reasons('not_a_string')).trim().regex(ID, { error: 'invalid_format' }),
      title: rowText(3),
      leadPartner: rowText(2),
      provinces: codeList(LOMBARDY_PROVINCES, (p) => p.toUpperCase(), 'unknown_province'),
      sectors: codeList(SECTORS, (s) => s.toLowerCase(), 'unknown_sector'),
      firms: firmList,
      contact: projectContact,
      active: z.boolean({ error: 'not_a_boolean' }).default(true),
      sample: z.boolean({ error: 'not_a_boolean' }).default(false),
    },
    { error: 'not_an_object' },
  )
  .meta({ id: 'ProjectInput' });

/**
 * Checks one row of an import file ({ id, title, leadPartner, provinces, sectors, firms, contact, active?,
 * sample? }) and returns the project, or every problem found in it.
 */
export function parseProjectRow(value: unknown, row: number, updatedAt: Date): { ok: true; project: NetworkProject } | { ok: false; errors: RowError[] } {
  const parsed = PROJECT_ROW.safeParse(value);
  if (parsed.success) {
    const { id, ...project } = parsed.data;
    return { ok: true, project: { _id: id, ...project, updatedAt } };
  }
  const raw = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : undefined;
  const id = typeof raw === 'string' ? raw.trim() : '';
  return { ok: false, errors: problemsOf(parsed.error, { whole: '(row)' }).map(({ field, reason }) => ({ row, ...(id ? { id } : {}), field, reason })) };
}
