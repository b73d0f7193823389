/**
 * Contact details typed by a worker, checked and put in one canonical form (pure functions, no I/O).
 * Italian numbers come out in E.164 (`+39...`); the canonical forms are what duplicate detection compares.
 */
import { createHash } from 'node:crypto';
import { ValidationError } from '../errors';

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

const NAME_MAX = 100;
const PREFERRED_TIME_MAX = 100;
const EMAIL_MAX = 254;

/** Italian numbers without the country code: mobiles start with 3, landlines with 0 (area code kept). */
const NATIONAL = {
  mobile: { min: 9, max: 10 },
  landline: { min: 6, max: 11 },
};
/** E.164 allows at most 15 digits after '+'; below 8 no real number exists. */
const INTERNATIONAL = { min: 8, max: 15 };

/**
 * "333 123 4567", "+39 333-1234567", "0039 333 1234567", "(02) 1234567", "393331234567" -> "+393331234567" /
 * "+39021234567". Other countries' numbers are accepted only with their + or 00 prefix, kept as E.164.
 */
export function normalizePhone(raw: string): Checked<string> {
  const trimmed = raw.trim();
  if (trimmed === '') return { ok: false, reason: 'empty' };
  if (!/^[+\d\s().\-/]+$/.test(trimmed)) return { ok: false, reason: 'invalid_characters' };
  if (trimmed.indexOf('+') > 0 || (trimmed.match(/\+/g) ?? []).length > 1) return { ok: false, reason: 'invalid_characters' };
  let digits = trimmed.replace(/\D/g, '');
  let international = trimmed.startsWith('+');
  if (!international && digits.startsWith('00')) {
    digits = digits.slice(2);
    international = true;
  }
  let national: string;
  if (international) {
    if (!digits.startsWith('39')) {
      if (digits.length < INTERNATIONAL.min) return { ok: false, reason: 'too_short' };
      if (digits.length > INTERNATIONAL.max) return { ok: false, reason: 'too_long' };
      return { ok: true, value: `+${digits}` };
    }
    national = digits.slice(2);
  } else if (digits.startsWith('39') && digits.length > NATIONAL.mobile.max && /^[03]/.test(digits.slice(2))) {
    // "39 333 1234567" typed without the +: longer than any national number, so 39 is the country code
    national = digits.slice(2);
  } else {
    national = digits;
  }
  const kind = national.startsWith('3') ? NATIONAL.mobile : national.startsWith('0') ? NATIONAL.landline : undefined;
  if (!kind) return { ok: false, reason: 'not_a_phone_number' };
  if (national.length < kind.min) return { ok: false, reason: 'too_short' };
  if (national.length > kind.max) return { ok: false, reason: 'too_long' };
  return { ok: true, value: `+39${national}` };
}

// One @, no spaces, a dotted domain of letters/digits/hyphens with a TLD of 2+ letters (IDN punycode included).
const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$/;

/** Syntax check only (no DNS). The domain is lower-cased; the local part keeps its case, as RFC 5321 says. */
export function normalizeEmail(raw: string): Checked<string> {
  const trimmed = raw.trim();
  if (trimmed === '') return { ok: false, reason: 'empty' };
  if (trimmed.length > EMAIL_MAX) return { ok: false, reason: 'too_long' };
  if (!EMAIL.test(trimmed)) return { ok: false, reason: 'invalid_syntax' };
  const at = trimmed.lastIndexOf('@');
  const local = trimmed.slice(0, at);
  if (local.length > 64 || local.startsWith('.') || local.endsWith('.') || local.includes('..')) {
    return { ok: false, reason: 'invalid_syntax' };
  }
  return { ok: true, value: `${local}@${trimmed.slice(at + 1).toLowerCase()}` };
}

/** Trims and collapses inner spaces; 1-100 characters, no control characters. */
export function normalizeName(raw: string): Checked<string> {
  const value = raw.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (value === '') return { ok: false, reason: 'empty' };
  if ([...value].length > NAME_MAX) return { ok: false, reason: 'too_long' };
  if (/[\u0000-\u001f\u007f]/.test(value)) return { ok: false, reason: 'invalid_characters' };
  return { ok: true, value };
}

export interface ContactInput {
  name: string;
  phone?: string;
  email?: string;
  preferredTime?: string;
}

export interface Contact {
  name: string;
  phone?: string;
  email?: string;
  preferredTime?: string;
}

export interface NormalizedContact {
  contact: Contact;
  /** keys of the canonical phone/e-mail, for duplicate lookups (hashed: listings and indexes show no numbers) */
  phoneKey?: string;
  emailKey?: string;
}

function blankToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/**
 * Checks a whole contact; throws ValidationError naming the first bad field. At least a phone number or an
 * e-mail address is required, or nobody could call the worker back.
 */
export function normalizeContact(input: ContactInput): NormalizedContact {
  const name = normalizeName(input.name ?? '');
  if (!name.ok) throw new ValidationError('contact.name', name.reason);
  const contact: Contact = { name: name.value };
  const result: NormalizedContact = { contact };
  const phoneRaw = blankToUndefined(input.phone);
  if (phoneRaw !== undefined) {
    const phone = normalizePhone(phoneRaw);
    if (!phone.ok) throw new ValidationError('contact.phone', phone.reason);
    contact.phone = phone.value;
    result.phoneKey = contactKey('tel', phone.value);
  }
  const emailRaw = blankToUndefined(input.email);
  if (emailRaw !== undefined) {
    const email = normalizeEmail(emailRaw);
    if (!email.ok) throw new ValidationError('contact.email', email.reason);
    contact.email = email.value;
    result.emailKey = contactKey('mailto', email.value.toLowerCase());
  }
  if (!contact.phone && !contact.email) throw new ValidationError('contact', 'phone_or_email_required');
  const preferredRaw = blankToUndefined(input.preferredTime);
  if (preferredRaw !== undefined) {
    const preferred = preferredRaw.replace(/\s+/g, ' ').trim();
    if ([...preferred].length > PREFERRED_TIME_MAX) throw new ValidationError('contact.preferredTime', 'too_long');
    contact.preferredTime = preferred;
  }
  return result;
}

/** sha256 of a canonical contact value: equal for the same person's number or address, unreadable in a listing. */
export function contactKey(kind: 'tel' | 'mailto', canonical: string): string {
  return createHash('sha256').update(`${kind}:${canonical}`).digest('hex');
}
