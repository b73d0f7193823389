/**
 * Screenshots of the browser tests, for a person to look at: written to artifacts/ (git-ignored) only when
 * SCREENSHOTS=1 (`SCREENSHOTS=1 npx jest test/console/consoleBrowser.test.ts`). No test reads them, and a full-page
 * screenshot is painted in software (Chromium runs with --disable-gpu): 0.3-3 s of CPU each on this 2-core machine,
 * 8.7 s of the content pages' suite alone (measured 2026-12-07), so `npm test` does without them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';

export const ARTIFACTS = path.join(__dirname, '..', '..', 'artifacts');
const wanted = process.env.SCREENSHOTS === '1';

/** `artifacts/<file>` of the page (the whole page with fullPage) or of one element, when SCREENSHOTS=1. */
export async function screenshot(target: Page | Locator, file: string, options: { fullPage?: boolean } = {}): Promise<void> {
  if (!wanted) return;
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const to = path.join(ARTIFACTS, file);
  if ('goto' in target) await target.screenshot({ path: to, fullPage: options.fullPage ?? false });
  else await target.screenshot({ path: to });
}
