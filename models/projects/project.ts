/**
 * A network project (progetto di rete): a partnership led by an accredited operator that serves workers of up to
 * three firms in crisis of one sector. Types, vocabularies and row validation (pure).
 */
import { normalizeEmail, normalizePhone } from '../leads/contact';

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

type Row = Record<string, unknown>;

function text(row: Row, field: string, errors: string[][], min = 1): string {
  const value = row[field];
  if (typeof value !== 'string') {
    errors.push([field, value === undefined ? 'required' : 'not_a_string']);
    return '';
  }
  const trimmed = value.replace(/\s+/g, ' ').trim();
  if (trimmed.length < min) errors.push([field, trimmed.length === 0 ? 'required' : 'too_short']);
  else if (trimmed.length > TEXT_MAX) errors.push([field, 'too_long']);
  return trimmed;
}

function stringList(row: Row, field: string, errors: string[][]): string[] | undefined {
  const value = row[field];
  if (!Array.isArray(value)) {
    errors.push([field, value === undefined ? 'required' : 'not_a_list']);
    return undefined;
  }
  if (!value.every((item): item is string => typeof item === 'string')) {
    errors.push([field, 'not_a_list_of_strings']);
    return undefined;
  }
  return value.map((item) => item.replace(/\s+/g, ' ').trim());
}

function contactOf(value: unknown, errors: string[][]): ProjectContact {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    errors.push(['contact', value === undefined ? 'required' : 'not_an_object']);
    return {};
  }
  const raw = value as Row;
  const contact: ProjectContact = {};
  for (const key of Object.keys(raw)) {
    if (!['email', 'phone', 'website'].includes(key)) errors.push([`contact.${key}`, 'unknown_field']);
  }
  if (raw.email !== undefined) {
    const email = typeof raw.email === 'string' ? normalizeEmail(raw.email) : { ok: false as const, reason: 'not_a_string' };
    if (email.ok) contact.email = email.value;
    else errors.push(['contact.email', email.reason]);
  }
  if (raw.phone !== undefined) {
    const phone = typeof raw.phone === 'string' ? normalizePhone(raw.phone) : { ok: false as const, reason: 'not_a_string' };
    if (phone.ok) contact.phone = phone.value;
    else errors.push(['contact.phone', phone.reason]);
  }
  if (raw.website !== undefined) {
    let ok = false;
    if (typeof raw.website === 'string') {
      try {
        ok = new URL(raw.website).protocol === 'https:';
      } catch {
        ok = false;
      }
    }
    if (ok) contact.website = raw.website as string;
    else errors.push(['contact.website', 'not_an_https_url']);
  }
  if (!contact.email && !contact.phone && !contact.website && errors.every(([field]) => !field.startsWith('contact'))) {
    errors.push(['contact', 'email_phone_or_website_required']);
  }
  return contact;
}

const FIELDS = ['id', 'title', 'leadPartner', 'provinces', 'sectors', 'firms', 'contact', 'active', 'sample'];

/**
 * Checks one row of an import file ({ id, title, leadPartner, provinces, sectors, firms, contact, active?,
 * sample? }) and returns the project, or every problem found in it.
 */
export function validateProjectRow(
  value: unknown,
  row: number,
  updatedAt: Date,
): { ok: true; project: NetworkProject } | { ok: false; errors: RowError[] } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, errors: [{ row, field: '(row)', reason: 'not_an_object' }] };
  }
  const input = value as Row;
  const problems: string[][] = [];
  for (const key of Object.keys(input)) if (!FIELDS.includes(key)) problems.push([key, 'unknown_field']);

  const id = typeof input.id === 'string' ? input.id.trim() : '';
  if (typeof input.id !== 'string') problems.push(['id', input.id === undefined ? 'required' : 'not_a_string']);
  else if (!ID.test(id)) problems.push(['id', 'invalid_format']);
  const title = text(input, 'title', problems, 3);
  const leadPartner = text(input, 'leadPartner', problems, 2);

  const provincesRaw = stringList(input, 'provinces', problems);
  const provinces: LombardyProvince[] = [];
  if (provincesRaw) {
    if (provincesRaw.length === 0) problems.push(['provinces', 'required']);
    for (const p of provincesRaw) {
      const code = p.toUpperCase();
      if (isLombardyProvince(code)) {
        if (!provinces.includes(code)) provinces.push(code);
      } else problems.push(['provinces', `unknown_province:${p}`]);
    }
  }
  const sectorsRaw = stringList(input, 'sectors', problems);
  const sectors: Sector[] = [];
  if (sectorsRaw) {
    if (sectorsRaw.length === 0) problems.push(['sectors', 'required']);
    for (const s of sectorsRaw) {
      const code = s.toLowerCase();
      if (isSector(code)) {
        if (!sectors.includes(code)) sectors.push(code);
      } else problems.push(['sectors', `unknown_sector:${s}`]);
    }
  }
  const firmsRaw = stringList(input, 'firms', problems);
  const firms: string[] = [];
  if (firmsRaw) {
    if (firmsRaw.length > FIRMS_MAX) problems.push(['firms', 'too_many']);
    for (const f of firmsRaw) {
      if (f.length < 2 || f.length > TEXT_MAX) problems.push(['firms', 'invalid_firm_name']);
      else firms.push(f);
    }
  }
  const contact = contactOf(input.contact, problems);
  if (input.active !== undefined && typeof input.active !== 'boolean') problems.push(['active', 'not_a_boolean']);
  if (input.sample !== undefined && typeof input.sample !== 'boolean') problems.push(['sample', 'not_a_boolean']);

  if (problems.length > 0) {
    return {
      ok: false,
      errors: problems.map(([field, reason]) => ({ row, ...(id ? { id } : {}), field, reason })),
    };
  }
  return {
    ok: true,
    project: {
      _id: id,
      title,
      leadPartner,
      provinces,
      sectors,
      firms,
      contact,
      active: input.active === undefined ? true : (input.active as boolean),
      sample: input.sample === true,
      updatedAt,
    },
  };
}
