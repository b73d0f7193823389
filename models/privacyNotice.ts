import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { LANGUAGES, type Language } from './i18n';
import { FALLBACK_CHAIN } from './languages';
import { contentDir } from './paths';

/**
 * The privacy notice is staff-owned content with a version id, recorded with every consent. Each of the eight
 * languages has a version of its own (see loadPrivacyNotices), so a consent names the text its worker was shown.
 */
export interface PrivacyNotice {
  /** "<file version>+<digest of what this language shows>": differs between languages, changes with any of their texts */
  version: string;
  title: string;
  paragraphs: string[];
  /** the language the text is written in: a language without its own notice file shows the fallback's (Italian) */
  language?: Language;
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

const nonEmpty = z.string({ error: 'must be a non-empty string' }).min(1, 'must be a non-empty string');

/** The phrases a notice file gives for the configured details, in its own language. */
const phrasesSchema = z.object(
  {
    /** "{{days}} giorni dopo ...": the automatic erasure after RETENTION_DAYS days */
    retentionDays: nonEmpty,
    /** RETENTION_DAYS=0: no automatic erasure */
    retentionNever: nonEmpty,
    /** a detail not set (development only) */
    notConfigured: nonEmpty,
  },
  { error: 'must be an object with retentionDays, retentionNever and notConfigured' },
);

/** A notice file, `content/privacy/<language>.json` (and `content/privacy/campaign/`). */
const noticeFileSchema = z.object({
  version: nonEmpty,
  title: nonEmpty,
  /** may hold {{controller}}, {{dpoContact}} and {{retention}}, filled from configuration */
  paragraphs: z.array(z.string({ error: 'must be a list of strings' }), { error: 'must be a list of strings' }),
  phrases: phrasesSchema,
});

const PLACEHOLDER = /\{\{\s*(controller|dpoContact|retention)\s*\}\}/g;
/** What a notice must never show a worker: a template left unfilled. */
const UNFINISHED = /\[(DA COMPLETARE|TO BE COMPLETED)|\{\{/i;

function fail(file: string, message: string): never {
  throw new Error(`${path.relative(process.cwd(), file)}: ${message}`);
}

/** Reads a notice file with `schema`; the first problem stops the start, naming the file and the field. */
function readNoticeFile<S extends z.ZodType>(file: string, schema: S): z.output<S> {
  const parsed = schema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (parsed.success) return parsed.data;
  const [issue] = parsed.error.issues;
  // a wrong paragraph is reported as the list's problem: "paragraphs", not "paragraphs.3"
  fail(file, `field "${issue.path.filter((part) => typeof part === 'string').join('.')}" ${issue.message}`);
}

/**
 * The consent texts a language's chat shows with a notice (its templates, e.g. `referral.consent` and
 * `referral.consentShort`), folded into that language's version: a changed translation is a new version.
 */
export type ConsentTexts = (language: Language) => readonly string[];

/** The short digest a version carries: what `language` shows, in its own language and the notice's. */
function versionDigest(language: Language, title: string, paragraphs: readonly string[], consentTexts: readonly string[]): string {
  return createHash('sha256').update(JSON.stringify([language, title, paragraphs, consentTexts])).digest('hex').slice(0, 8);
}

/**
 * Loads the notices of a folder (one file per language) and fills in the installation's details. The version gets
 * a short digest of the filled text, of the language and of that language's consent texts (`consentTexts`), so a
 * consent records exactly which text was shown even when only the configuration or one translation changed, and
 * no two languages share a version. A language without a notice file of its own shows the fallback's (Italian)
 * text under a version of its own. A notice still showing "[DA COMPLETARE]" or an unknown placeholder stops the start.
 */
export function loadPrivacyNotices(
  dir: string = path.join(contentDir, 'privacy'),
  details: PrivacyDetails = { retentionDays: 0 },
  consentTexts: ConsentTexts = () => [],
): Record<Language, PrivacyNotice> {
  const notices = {} as Record<Language, PrivacyNotice>;
  const fileVersions = new Map<Language, string>();
  for (const language of LANGUAGES) {
    const file = path.join(dir, `${language}.json`);
    // Italian and English must exist; a newer language without its own notice shows the fallback's, marked as such
    if (!fs.existsSync(file) && !FALLBACK_CHAIN.includes(language)) continue;
    const { version, title, paragraphs, phrases } = readNoticeFile(file, noticeFileSchema);
    const retention =
      details.retentionDays > 0 ? phrases.retentionDays.replace(/\{\{\s*days\s*\}\}/g, String(details.retentionDays)) : phrases.retentionNever;
    const values = { controller: details.controller ?? phrases.notConfigured, dpoContact: details.dpoContact ?? phrases.notConfigured, retention };
    const filled = paragraphs.map((p) => p.replace(PLACEHOLDER, (_m, key: keyof typeof values) => values[key]));
    const unfinished = filled.findIndex((p) => UNFINISHED.test(p));
    if (unfinished >= 0) fail(file, `paragraph ${unfinished + 1} is unfinished (a "[DA COMPLETARE]" or an unknown {{placeholder}}): the notice must be complete`);
    fileVersions.set(language, version);
    notices[language] = { version: `${version}+${versionDigest(language, title, filled, consentTexts(language))}`, title, paragraphs: filled, language };
  }
  for (const language of LANGUAGES) {
    if (notices[language] !== undefined) continue;
    const fallback = FALLBACK_CHAIN.map((l) => notices[l]).find((n) => n !== undefined);
    if (!fallback?.language) continue;
    const digest = versionDigest(language, fallback.title, fallback.paragraphs, consentTexts(language));
    notices[language] = { ...fallback, version: `${fileVersions.get(fallback.language)}+${digest}` };
  }
  return notices;
}

/**
 * How long a referral's personal data is kept, in the words of the notice of `language` ("30 giorni dopo che la
 * segnalazione è stata chiusa ..."): the same phrase the notice shows, for answers that quote it (the FAQ). A newer
 * language without its own notice quotes the fallback's, as loadPrivacyNotices shows it.
 */
export function retentionPhrase(language: Language, retentionDays: number, dir: string = path.join(contentDir, 'privacy')): string {
  const file = [language, ...FALLBACK_CHAIN].map((l) => path.join(dir, `${l}.json`)).find((f) => fs.existsSync(f)) ?? path.join(dir, `${language}.json`);
  const { phrases } = readNoticeFile(file, z.object({ phrases: phrasesSchema }));
  return retentionDays > 0 ? phrases.retentionDays.replace(/\{\{\s*days\s*\}\}/g, String(retentionDays)) : phrases.retentionNever;
}

/**
 * The link to the full notice for a worker chatting in `language`. The site's own page (a path such as '/privacy')
 * gets `?lang=xx`, so it opens in the language of the consent just shown rather than the browser's (GET /privacy
 * otherwise follows Accept-Language: an Albanian chat on an Italian phone read the Italian notice). An absolute URL
 * (PRIVACY_NOTICE_URL set to the controller's own page) and a link that names its language already are kept.
 */
export function privacyNoticeLink(url: string, language: Language): string {
  if (!url.startsWith('/') || url.startsWith('//')) return url;
  const hashAt = url.indexOf('#');
  const address = hashAt === -1 ? url : url.slice(0, hashAt);
  const hash = hashAt === -1 ? '' : url.slice(hashAt);
  if (/[?&]lang=/.test(address)) return url;
  return `${address}${address.includes('?') ? '&' : '?'}lang=${language}${hash}`;
}
