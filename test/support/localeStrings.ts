import { readLocaleResources } from '../../models/i18n';
import type { LanguageCode } from '../../models/languages';

const strings = readLocaleResources();

/**
 * A UI string as the locale files hold it, its `{{placeholders}}` filled: what a test expects the bot to say, read
 * from the same files the bot reads (so a rewording does not break the test). A missing key fails loudly.
 */
export function localeString(language: LanguageCode, key: string, vars: Record<string, string | number> = {}): string {
  const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], strings[language]);
  if (typeof value !== 'string' || value === '') throw new Error(`no ${key} in ${language}`);
  return Object.entries(vars).reduce((text, [name, v]) => text.split(`{{${name}}}`).join(String(v)), value);
}
