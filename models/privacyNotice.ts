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

export function loadPrivacyNotices(dir: string = path.join(contentDir, 'privacy')): Record<Language, PrivacyNotice> {
  const notices = {} as Record<Language, PrivacyNotice>;
  for (const language of LANGUAGES) {
    const file = path.join(dir, `${language}.json`);
    const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<PrivacyNotice>;
    for (const field of ['version', 'title'] as const) {
      if (typeof raw[field] !== 'string' || !raw[field]) throw new Error(`${path.relative(process.cwd(), file)}: field "${field}" must be a non-empty string`);
    }
    if (!Array.isArray(raw.paragraphs) || raw.paragraphs.some((p) => typeof p !== 'string')) {
      throw new Error(`${path.relative(process.cwd(), file)}: field "paragraphs" must be a list of strings`);
    }
    notices[language] = raw as PrivacyNotice;
  }
  return notices;
}
