/**
 * The console in Chromium (playwright-core), shared by the browser tests of its pages: what a page did that it should
 * not (requests leaving the bot's origin, CSP violations, script errors, failed responses, dialogs), and signing in
 * through the form.
 */
import type { Page } from 'playwright-core';
import { PASSWORD } from './helpers';

export interface Watch {
  outside: string[];
  problems: string[];
  dialogs: string[];
}

/** Requests leaving the bot's origin, CSP violations, script errors and dialogs (alert/confirm; confirms accepted on request). */
export function watch(page: Page, origin: string, confirms: 'accept' | 'dismiss' = 'dismiss'): Watch {
  const result: Watch = { outside: [], problems: [], dialogs: [] };
  page.on('request', (request) => {
    const url = request.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    let requestOrigin = url;
    try {
      requestOrigin = new URL(url).origin;
    } catch {
      // keep the raw URL
    }
    if (requestOrigin !== origin) result.outside.push(url);
  });
  page.on('response', (response) => {
    const { pathname } = new URL(response.url());
    const status = response.status();
    if (status < 400) return;
    // expected: a signed-out visit asks who is signed in, a wrong password, a page module the other half of the
    // console has not written yet
    if (status === 401 && (pathname === '/console/api/me' || pathname === '/console/api/login' || pathname === '/api/referrals')) return;
    if (status === 404 && /^\/console\/pages\/(content|funnel)\.js$/.test(pathname)) return;
    result.problems.push(`${status} ${pathname}`);
  });
  page.on('console', (message) => {
    const text = message.text();
    // failed responses are judged above, by URL
    if (/Failed to load resource/.test(text)) return;
    if (message.type() === 'error' || /Content Security Policy/i.test(text)) result.problems.push(`console.${message.type()}: ${text}`);
  });
  page.on('pageerror', (error) => result.problems.push(`page error: ${error.message}`));
  page.on('dialog', (dialog) => {
    result.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void (dialog.type() === 'confirm' && confirms === 'accept' ? dialog.accept() : dialog.dismiss());
  });
  return result;
}

export async function signInAs(page: Page, url: string, name: string, labels = { name: 'Nome utente', password: 'Password', submit: 'Accedi' }): Promise<void> {
  await page.goto(`${url}/console`);
  await page.getByLabel(labels.name).fill(name);
  await page.getByLabel(labels.password, { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: labels.submit, exact: true }).click();
  await page.locator('#sign-out').waitFor({ state: 'visible', timeout: 10000 });
}
