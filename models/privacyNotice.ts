import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LANGUAGES, type Language } from './i18n';
import { contentDir } from './paths';

/** The privacy notice is staff-owned content with a version id, recorded with every consent. */
export interface PrivacyNotice {
  version: string;
  title: string;
  paragraphs: string[];
}

/**
 * What the notice states that belongs to the installation, not to the text: who the controller is, how to reach the
 * DPO, how long referral data is kept. From configuration (PRIVACY_CONTROLLER, PRIVACY_DPO_CONTACT, RETENTION_DAYS);
 * production refuses to start without them, development shows the notice's "not configured" phrase.
 */
export interface PrivacyDetails {
  controller?: string;
  dpoContact?: string;
  /** days after a referral ends before its personal data is erased; 0 = never */
  retentionDays: number;
}

/** The phrases a notice file gives for the configured details, in its own language. */
interface Phrases {
  /** "{{days}} giorni dopo ...": the automatic erasure after RETENTION_DAYS days */
  retentionDays: string;
  /** RETENTION_DAYS=0: no automatic erasure */
  retentionNever: string;
  /** a detail not set (development only) */
  notConfigured: string;
}

const PLACEHOLDER = /\{\{\s*(controller|dpoContact|retention)\s*\}\}/g;
/** What a notice must never show a worker: a template left unfilled. */
const UNFINISHED = /\[(DA COMPLETARE|TO BE COMPLETED)|\{\{/i;

function fail(file: string, message: string): never {
  throw new Error(`${path.relative(process.cwd(), file)}: ${message}`);
}

function phrasesOf(raw: Record<string, unknown>, file: string): Phrases {
  const phrases = raw.phrases as Partial<Phrases> | undefined;
  for (const key of ['retentionDays', 'retentionNever', 'notConfigured'] as const) {
    if (typeof phrases?.[key] !== 'string' || !phrases[key]) fail(file, `field "phrases.${key}" must be a non-empty string`);
  }
  return phrases as Phrases;
}

/**
 * Loads the notices of a folder (one file per language) and fills in the installation's details. The version gets
 * a short digest of the filled text, so a consent records exactly which text was shown even when only the
 * configuration changed. A notice still showing "[DA COMPLETARE]" or an unknown placeholder stops the start.
 */
export function loadPrivacyNotices(dir: string = path.join(contentDir, 'privacy'), details: PrivacyDetails = { retentionDays: 0 }): Record<Language, PrivacyNotice> {
  const notices = {} as Record<Language, PrivacyNotice>;
  for (const language of LANGUAGES) {
    const file = path.join(dir, `${language}.json`);
    const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    for (const field of ['version', 'title'] as const) {
      if (typeof raw[field] !== 'string' || !raw[field]) fail(file, `field "${field}" must be a non-empty string`);
    }
    const paragraphs = raw.paragraphs;
    if (!Array.isArray(paragraphs) || paragraphs.some((p) => typeof p !== 'string')) fail(file, 'field "paragraphs" must be a list of strings');
    const phrases = phrasesOf(raw, file);
    const retention =
      details.retentionDays > 0 ? phrases.retentionDays.replace(/\{\{\s*days\s*\}\}/g, String(details.retentionDays)) : phrases.retentionNever;
    const values = { controller: details.controller ?? phrases.notConfigured, dpoContact: details.dpoContact ?? phrases.notConfigured, retention };
    const filled = (paragraphs as string[]).map((p) => p.replace(PLACEHOLDER, (_m, key: keyof typeof values) => values[key]));
    const unfinished = filled.findIndex((p) => UNFINISHED.test(p));
    if (unfinished >= 0) fail(file, `paragraph ${unfinished + 1} is unfinished (a "[DA COMPLETARE]" or an unknown {{placeholder}}): the notice must be complete`);
    const digest = createHash('sha256').update(JSON.stringify([raw.title, filled])).digest('hex').slice(0, 8);
    notices[language] = { version: `${raw.version as string}+${digest}`, title: raw.title as string, paragraphs: filled };
  }
  return notices;
}

/**
 * How long a referral's personal data is kept, in the words of the notice of `language` ("30 giorni dopo che la
 * segnalazione è stata chiusa ..."): the same phrase the notice shows, for answers that quote it (the FAQ).
 */
export function retentionPhrase(language: Language, retentionDays: number, dir: string = path.join(contentDir, 'privacy')): string {
  const file = path.join(dir, `${language}.json`);
  const phrases = phrasesOf(JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>, file);
  return retentionDays > 0 ? phrases.retentionDays.replace(/\{\{\s*days\s*\}\}/g, String(retentionDays)) : phrases.retentionNever;
}
