/**
 * The retention phrase the FAQ quotes ("{{retention}}" in the data-retention answer) for every language: a newer
 * language without its own privacy notice quotes the fallback's, as the notice itself is shown, instead of failing
 * the turn.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LANGUAGES } from '../../models/i18n';
import { retentionPhrase } from '../../models/privacyNotice';

test.each([...LANGUAGES])('%s has a retention phrase with the configured days', (language) => {
  expect(retentionPhrase(language, 365)).toContain('365');
});

test('a language with its own notice quotes it; one without quotes Italian', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'retention-'));
  try {
    const notice = (retentionDays: string): string =>
      JSON.stringify({ phrases: { retentionDays, retentionNever: 'never', notConfigured: 'n/a' } });
    fs.writeFileSync(path.join(dir, 'it.json'), notice('{{days}} giorni'));
    fs.writeFileSync(path.join(dir, 'en.json'), notice('{{days}} days'));
    fs.writeFileSync(path.join(dir, 'es.json'), notice('{{days}} días'));
    expect(retentionPhrase('es', 30, dir)).toBe('30 días');
    expect(retentionPhrase('ro', 30, dir)).toBe('30 giorni');
    expect(retentionPhrase('ro', 0, dir)).toBe('never');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
