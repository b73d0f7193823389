import * as fs from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { RunningBot } from '../../bot/index';
import { BG_PROJECT, CO_PROJECT, referral, startApiBot, type ApiBot } from '../api/helpers';
import { submission } from '../leads/fixtures';
import { startTestBot } from '../support/botServer';
import { screenshot } from '../support/screenshots';
import { signInAs, watch } from './browser';
import { accountWithPassword, PASSWORD } from './helpers';

/**
 * The console in Debian's Chromium, as operators and staff use it: sign in, the queue with only their project's
 * referrals, a new referral arriving on its own, claim, status, a note with a script in it (shown as text, no
 * dialog), the CSV; staff's audit log, groups, projects and accounts; the keyboard and a 360 px phone. Fails if
 * the page asks for anything outside the bot's own origin or trips its Content-Security-Policy. With SCREENSHOTS=1,
 * screenshots go to artifacts/console-*.png (test/support/screenshots.ts).
 */
const CHROMIUM = '/usr/bin/chromium';
const haveChromium = fs.existsSync(CHROMIUM);
const inCi = process.env.CI === 'true';
/** how often the queue page asks for new referrals (web/console/pages/queue.js) */
const QUEUE_CHECK_MS = 5000;

/** One Chromium for the whole file (each test opens its own context or page), closed after the last test. */
let chromiumOfFile: Promise<Browser> | undefined;
function launch(): Promise<Browser> {
  chromiumOfFile ??= chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  return chromiumOfFile;
}
afterAll(async () => {
  await (await chromiumOfFile)?.close();
});

function shot(page: Page, name: string): Promise<void> {
  return screenshot(page, `console-${name}.png`, { fullPage: true });
}

if (!haveChromium && inCi) {
  test('Chromium is installed for the console browser tests', () => {
    throw new Error(`${CHROMIUM} is missing: CI must install Debian's Chromium (apt-get install -y chromium)`);
  });
} else if (!haveChromium) {
  process.stderr.write(`\n  console browser tests SKIPPED: ${CHROMIUM} is missing (apt-get install -y chromium)\n\n`);
  test.skip(`console in Chromium (skipped: ${CHROMIUM} is missing)`, () => undefined);
} else {
  describe('the console in Chromium', () => {
    let api: ApiBot;
    let browser: Browser;
    const references: Record<'bg1' | 'bg2' | 'co' | 'none', { id: string; reference: string }> = {} as never;

    beforeAll(async () => {
      // Chromium starts (its own processes) while the bot does
      const launching = launch();
      api = await startApiBot();
      await accountWithPassword(api, 'op-bg', 'operator', [BG_PROJECT]);
      await accountWithPassword(api, 'op-co', 'operator', [CO_PROJECT]);
      await accountWithPassword(api, 'staff-1', 'staff');
      for (const [key, where] of [['bg1', 'bg'], ['co', 'co'], ['bg2', 'bg'], ['none', 'unassigned']] as const) {
        const lead = await referral(api, where);
        references[key] = { id: lead._id, reference: lead.reference };
      }
      browser = await launching;
    }, 60000);
    afterAll(async () => {
      await api?.bot.stop();
    });

    test('an operator signs in, sees only their project, gets a new referral live, claims, moves, notes, downloads the CSV', async () => {
      const context: BrowserContext = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'it-IT', acceptDownloads: true });
      // the page's clock runs as usual, and can be moved on to the queue's next check
      await context.clock.install();
      const page = await context.newPage();
      const seen = watch(page, api.url);

      // a wrong password: a generic message, no hint whether the name exists
      await page.goto(`${api.url}/console`);
      expect(await page.getAttribute('html', 'lang')).toBe('it');
      await page.getByLabel('Nome utente').fill('op-bg');
      await page.getByLabel('Password', { exact: true }).fill('not the password');
      await page.getByRole('button', { name: 'Accedi', exact: true }).click();
      await page.getByText('Nome utente o password non corretti.').waitFor({ timeout: 10000 });
      await shot(page, 'signin');

      await signInAs(page, api.url, 'op-bg');
      await page.getByRole('heading', { name: 'La tua coda' }).waitFor();
      const list = page.locator('#referral-list');
      await list.getByText(references.bg1.reference).waitFor();
      const shown = await list.locator('li.card').evaluateAll((items) => items.map((li) => (li as HTMLElement).dataset.id));
      expect(new Set(shown)).toEqual(new Set([references.bg1.id, references.bg2.id]));
      expect(await page.getByText(references.co.reference).count()).toBe(0);
      expect(await page.getByText(references.none.reference).count()).toBe(0);
      // sectors by name, not by code
      expect(await list.locator('li.card').first().textContent()).toMatch(/Metalmeccanico/);
      expect(await list.textContent()).not.toMatch(/metalmeccanico/);
      // the worker's language, named for staff (to call with an interpreter)
      expect(await list.locator(`li[data-id="${references.bg1.id}"] .language`).textContent()).toBe('Italiano (it)');
      // the operator's menu has no staff pages
      expect(await page.locator('#nav a').allInnerTexts()).toEqual(['Coda', 'Conversazioni']);
      await shot(page, 'queue');

      // a new referral arrives without reloading: at the queue's next check (every 5 s), brought forward
      const fresh = await referral(api, 'bg');
      await context.clock.fastForward(QUEUE_CHECK_MS);
      await list.getByText(fresh.reference).waitFor({ timeout: 15000 });
      expect(await list.locator(`li[data-id="${fresh._id}"]`).getAttribute('class')).toContain('is-new');

      // claim: the detail opens with the contact details
      await page.getByRole('button', { name: `Prendi in carico ${references.bg1.reference}` }).click();
      await page.getByRole('heading', { name: `Segnalazione ${references.bg1.reference}` }).waitFor();
      await page.getByText('Contatti del lavoratore').waitFor();
      await page.locator('a[href^="tel:"]').waitFor();
      expect(await page.locator('#referral-language').textContent()).toBe('Italiano (it)');

      // status along the lifecycle
      await page.getByLabel('Nuovo stato').selectOption('contacted');
      await page.getByRole('button', { name: 'Salva lo stato' }).click();
      await page.getByText('Stato aggiornato: Contattata.').waitFor();
      expect((await api.bot.domain.leads.get(references.bg1.id)).status).toBe('contacted');

      // a note with a script in it is shown as text, and nothing runs
      const evil = '<script>alert(1)</script><img src=x onerror=alert(2)>';
      await page.getByLabel('Nuova nota').fill(evil);
      await page.getByRole('button', { name: 'Aggiungi la nota' }).click();
      await page.getByText('Nota aggiunta.').waitFor();
      expect(await page.locator('#notes .note-text').first().textContent()).toBe(evil);
      expect(await page.locator('#notes script, #notes img').count()).toBe(0);
      await shot(page, 'referral');

      // closing needs a reason
      await page.getByLabel('Nuovo stato').selectOption('closed');
      await page.getByLabel('Motivo della chiusura').selectOption('unreachable');
      await page.getByRole('button', { name: 'Salva lo stato' }).click();
      await page.getByText('Stato aggiornato: Chiusa.').waitFor();

      // the CSV of what this operator may see
      await page.getByRole('link', { name: "← Torna all'elenco" }).click();
      await page.getByLabel('Stato').first().selectOption('');
      await page.getByRole('button', { name: 'Applica' }).click();
      await list.getByText(references.bg1.reference).waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Scarica CSV' }).click()]);
      const csv = fs.readFileSync(await download.path(), 'utf8');
      expect(download.suggestedFilename()).toMatch(/^referrals-\d{4}-\d{2}-\d{2}\.csv$/);
      expect(csv).toContain(references.bg1.reference);
      expect(csv).toContain(fresh.reference);
      expect(csv).not.toContain(references.co.reference);
      expect(csv).not.toContain(references.none.reference);

      // a staff page by URL: refused in the page (and by the server, see security.test.ts)
      await page.goto(`${api.url}/console#/audit`);
      await page.getByText('Non hai accesso a questa sezione.').waitFor();

      // sign out: back to the sign-in form, and the session is gone
      await page.getByRole('button', { name: 'Esci' }).click();
      await page.getByRole('heading', { name: 'Accedi alla console' }).waitFor();
      expect(await page.evaluate(() => fetch('/api/referrals').then((r) => r.status))).toBe(401);

      expect(seen.dialogs).toEqual([]);
      expect(seen.outside).toEqual([]);
      expect(seen.problems).toEqual([]);
      await context.close();
    }, 120000);

    test('staff sign in and see every project, the audit log, the groups, the projects and the accounts; English too', async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'it-IT' });
      const page = await context.newPage();
      const seen = watch(page, api.url);
      await signInAs(page, api.url, 'staff-1');
      await page.getByRole('heading', { name: 'Tutte le segnalazioni' }).waitFor();
      for (const key of ['bg2', 'co', 'none'] as const) await page.locator('#referral-list').getByText(references[key].reference).waitFor();
      await shot(page, 'referrals');

      await page.getByRole('link', { name: 'Registro attività' }).click();
      await page.getByRole('heading', { name: 'Registro attività' }).waitFor();
      const audit = page.locator('#audit');
      await audit.getByText('lead.claimed').first().waitFor();
      await audit.getByText('lead.note_added').first().waitFor();
      await audit.getByText('lead.exported').first().waitFor();
      expect(await audit.textContent()).not.toContain('<script>');
      await shot(page, 'audit');

      await page.getByRole('link', { name: 'Nuovi gruppi' }).click();
      await page.getByRole('heading', { name: 'Dove formare nuovi progetti' }).waitFor();
      await page.getByText(/segnalazioni aperte senza progetto considerate/).waitFor();
      await shot(page, 'groups');

      await page.getByRole('link', { name: 'Progetti' }).click();
      await page.getByRole('heading', { name: 'Progetti di rete' }).waitFor();
      await page.getByRole('button', { name: 'Aggiungi un progetto' }).click();
      await page.getByLabel('Codice').fill('mi-logistica-2025');
      await page.getByLabel('Titolo').fill('Logistica Milano <b>nord</b>');
      await page.getByLabel('Capofila').fill('Ente Esempio');
      await page.getByLabel('MI', { exact: true }).check();
      await page.getByLabel('Logistica e trasporti', { exact: true }).check();
      await page.getByLabel('E-mail di contatto').fill('info@example.org');
      await page.getByRole('button', { name: 'Salva il progetto' }).click();
      await page.getByText('Progetto salvato.').waitFor();
      await page.getByRole('heading', { name: 'Logistica Milano <b>nord</b>' }).waitFor();
      await page.getByRole('button', { name: 'Disattiva Logistica Milano <b>nord</b>' }).click();
      await page.getByText('Logistica Milano <b>nord</b> è disattivato.').waitFor();
      expect((await api.bot.domain.projects.get('mi-logistica-2025')).active).toBe(false);
      await shot(page, 'projects');

      await page.getByRole('link', { name: 'Account' }).click();
      await page.getByRole('heading', { name: 'Account', exact: true }).waitFor();
      await page.getByLabel('Nome utente').fill('op-mi');
      await page.getByLabel('Password della console (facoltativa)').fill('a long enough password');
      await page.locator('form').filter({ hasText: 'Nuovo account' }).getByLabel('Logistica Milano <b>nord</b>').check();
      await page.getByRole('button', { name: "Crea l'account" }).click();
      await page.locator('#secret-value').waitFor();
      expect(await page.locator('#secret-value').textContent()).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const created = await api.bot.domain.accounts.getByName('op-mi');
      expect(created.projectIds).toEqual(['mi-logistica-2025']);
      await page.getByRole('button', { name: 'Disattiva op-co' }).click();
      await page.getByText('op-co è disattivato: non può più accedere.').waitFor();
      expect((await api.bot.domain.accounts.getByName('op-co')).disabled).toBe(true);
      await shot(page, 'accounts');

      // English
      await page.getByRole('button', { name: 'Switch the console to English' }).click();
      await page.getByRole('link', { name: 'Audit log' }).waitFor();
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      await page.getByRole('link', { name: 'Audit log' }).click();
      await page.getByRole('heading', { name: 'Audit log' }).waitFor();
      await page.getByRole('button', { name: 'Italiano' }).click();
      await page.getByRole('link', { name: 'Registro attività' }).waitFor();

      expect(seen.dialogs).toEqual([]);
      expect(seen.outside).toEqual([]);
      expect(seen.problems).toEqual([]);

      // the content and funnel pages (the other half of the console, their own modules and tests): the shell loads
      // them, or says they are not available, without leaving the host
      for (const name of ['Contenuti', 'Andamento']) {
        await page.getByRole('link', { name }).click();
        await page.locator('main h1').first().waitFor();
        if (name === 'Contenuti') {
          // per language, the translations against Italian: the six seeded ones are to be reviewed
          const review = page.getByRole('region', { name: 'Stato delle traduzioni per lingua' });
          await review.waitFor();
          const arabic = review.locator('tbody tr', { hasText: 'Arabo' });
          expect(Number(await arabic.locator('td[data-label="Da rivedere"]').textContent())).toBeGreaterThan(0);
          expect(await review.locator('tbody tr').count()).toBe(7);
        }
      }
      // the funnel page's unanswered questions per language: every language by name, zeros included
      const byLanguage = page.getByRole('region', { name: 'Domande non capite per lingua' });
      await byLanguage.getByText('Arabo (ar)').waitFor();
      expect(await byLanguage.locator('tbody tr').count()).toBe(9);
      expect(seen.problems).toEqual([]);
      expect(seen.outside).toEqual([]);
      await context.close();
    }, 120000);

    test('the keyboard reaches everything with a visible focus; the page has a strict CSP', async () => {
      const page = await browser.newPage({ viewport: { width: 1024, height: 800 }, locale: 'it-IT' });
      const seen = watch(page, api.url);
      const response = await page.goto(`${api.url}/console`);
      const csp = response?.headers()['content-security-policy'] ?? '';
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      await page.getByLabel('Nome utente').waitFor();
      // the sign-in form puts the focus on its first field
      await page.waitForFunction(() => document.activeElement?.getAttribute('name') === 'username');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).type)).toBe('password');
      const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
      expect(outline).not.toBe('none');
      await page.keyboard.type(PASSWORD);
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.type('op-bg');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'La tua coda' }).waitFor();
      // from the top of a fresh load (still signed in): the skip link first, and it moves the focus to the content
      await page.reload();
      await page.getByRole('heading', { name: 'La tua coda' }).waitFor();
      await page.locator('#referral-list li.card').first().waitFor();
      await page.waitForFunction(() => document.activeElement === document.body);
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('skip-link');
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
      // and leaves the route alone: a changed hash would queue its hashchange (the router) as a task; a task queued
      // now in the page runs after it, so once it has run, the router had its turn
      await page.evaluate(() => new Promise<void>((resolve) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve();
        channel.port2.postMessage(null);
      }));
      expect(page.url()).toMatch(/#\/queue$/);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
      // every control on the queue is labelled
      const unlabelled = await page.evaluate(() =>
        Array.from(document.querySelectorAll('input, select, textarea')).filter((c) => !(c as HTMLInputElement).labels?.length && !c.getAttribute('aria-label')).length,
      );
      expect(unlabelled).toBe(0);
      expect(seen.outside).toEqual([]);
      expect(seen.problems).toEqual([]);
      await page.close();
    }, 60000);

    test('worker-typed text is text in the queue, the referral, the groups and the CSV; possible duplicates are shown and merged from the referral page', async () => {
      const typed = { link: '[clic qui](http://evil.example/phish)', tag: '<img src=x onerror=alert(1)>', formula: '=HYPERLINK("http://evil.example","y")' };
      // two chats gave the same phone: unassigned (no project works ICT in Bergamo), so the groups page lists their firms
      const submit = async (device: string, contact: { name: string; preferredTime?: string }, firm: string) => {
        const base = submission({ channelUserId: device });
        return (await api.bot.domain.leads.submit({ ...base, contact: { ...contact, phone: '333 888 0001' }, employer: { name: firm, sector: 'ict' } }, `browser-${device}`)).lead;
      };
      const first = await submit('device-a', { name: typed.link, preferredTime: typed.formula }, typed.tag);
      const second = await submit('device-b', { name: typed.tag }, typed.formula);
      expect(first.projectId).toBeNull();

      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'it-IT', acceptDownloads: true });
      const page = await context.newPage();
      const seen = watch(page, api.url, 'accept');
      await signInAs(page, api.url, 'staff-1');
      const list = page.locator('#referral-list');
      await list.getByText(first.reference).waitFor();
      for (const text of [typed.tag, typed.formula]) await list.getByText(text, { exact: true }).first().waitFor();
      expect(await list.locator('img, script').count()).toBe(0);

      // the referral page: every value as typed, nothing rendered, no link to where the worker pointed
      await page.goto(`${api.url}/console#/referral/${first._id}`);
      await page.getByRole('heading', { name: `Segnalazione ${first.reference}` }).waitFor();
      const main = page.locator('main');
      for (const text of [typed.link, typed.tag, typed.formula]) await main.getByText(text, { exact: true }).first().waitFor();
      expect(await main.locator('img, script').count()).toBe(0);
      expect(await page.locator('a[href*="evil.example"]').count()).toBe(0);
      await shot(page, 'duplicates');

      // the possible duplicate, merged after speaking to the person (confirmed in a dialog)
      const duplicates = page.locator('#duplicates');
      await duplicates.getByRole('link', { name: second.reference }).waitFor();
      await duplicates.getByRole('button', { name: `Unisci ${second.reference} a questa segnalazione` }).click();
      await page.getByText(`${second.reference} è stata unita a questa segnalazione.`).waitFor();
      expect(await page.locator('#duplicates').count()).toBe(0);
      expect(await api.bot.domain.leads.get(second._id)).toMatchObject({ status: 'closed', mergedInto: first._id });
      expect((await api.bot.domain.audit.list({ action: 'lead.merged', target: `lead:${first._id}` })).items).toEqual([expect.objectContaining({ actor: 'staff-1' })]);
      // the folded one points to the kept one
      await page.goto(`${api.url}/console#/referral/${second._id}`);
      await page.getByRole('heading', { name: `Segnalazione ${second.reference}` }).waitFor();
      await page.locator('#merged-into').click();
      await page.getByRole('heading', { name: `Segnalazione ${first.reference}` }).waitFor();

      // the groups page names firms as typed
      await page.getByRole('link', { name: 'Nuovi gruppi' }).click();
      await page.getByRole('heading', { name: 'Dove formare nuovi progetti' }).waitFor();
      await page.locator('#groups').getByText(`${typed.tag} (1)`).waitFor();
      expect(await page.locator('#groups img, #groups script').count()).toBe(0);

      // the CSV: text as typed, the formula neutralised
      await page.getByRole('link', { name: 'Segnalazioni', exact: true }).click();
      await list.getByText(first.reference).waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Scarica CSV' }).click()]);
      const csv = fs.readFileSync(await download.path(), 'utf8');
      expect(csv).toContain(`,${typed.link},`);
      expect(csv).toContain(`,${typed.tag},`);
      expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""y"")"`);
      expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);

      expect(seen.dialogs).toEqual([`confirm: Hai parlato con la persona e ${second.reference} è davvero sua? ${second.reference} verrà chiusa e unita a ${first.reference}.`]);
      expect(seen.outside).toEqual([]);
      expect(seen.problems).toEqual([]);
      await context.close();
    }, 120000);

    test('on a 360 px phone nothing scrolls sideways', async () => {
      const page = await browser.newPage({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'it-IT' });
      const seen = watch(page, api.url);
      await page.goto(`${api.url}/console`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await signInAs(page, api.url, 'op-bg');
      await page.locator('#referral-list li.card').first().waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await shot(page, 'phone-queue');
      await page.locator('#referral-list a').first().click();
      await page.locator('h1', { hasText: 'Segnalazione' }).waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await shot(page, 'phone-referral');
      expect(seen.outside).toEqual([]);
      expect(seen.problems).toEqual([]);
      await page.close();
    }, 60000);
  });

  describe('the first staff account in Chromium, from the link the bot prints at start', () => {
    let bot: RunningBot;
    /** what the bot wrote to standard output while starting */
    let printed = '';
    let browser: Browser;
    beforeAll(async () => {
      const launching = launch();
      // the bot on a new store, printing as `npm start` prints (LOG_LEVEL=info): its standard output carries the
      // link. In process: the print is the start's own (that no log entry carries the token is
      // test/console/firstStaffSetup.test.ts's), and that `npm start` runs this start is test/bot/npmStart.test.ts's.
      const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
        printed += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
        return true;
      });
      try {
        bot = await startTestBot({ LOG_LEVEL: 'info', SAMPLE_PROJECTS: 'inactive' });
      } finally {
        spy.mockRestore();
      }
      browser = await launching;
    }, 60000);
    afterAll(async () => {
      await bot?.stop();
    });

    test('a newcomer opens the printed link, creates the first staff account and is in the console; the link is then dead', async () => {
      const LINK = /^ {2}(http:\/\/127\.0\.0\.1:\d+\/console\/setup#([A-Za-z0-9_-]{43}))$/m;
      const found = LINK.exec(printed);
      expect(found).not.toBeNull();
      const [, link, token] = found as RegExpExecArray;
      // one line carries the token, and it is not a log entry
      expect(printed.split('\n').filter((line) => line.includes(token))).toEqual([`  ${link}`]);

      const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'it-IT' });
      const page = await context.newPage();
      const seen = watch(page, bot.url);
      await page.goto(link);
      await page.getByRole('heading', { name: 'Crea il primo account staff' }).waitFor();
      // the token left the address bar (and so the history) as soon as the page read it
      expect(page.url()).toBe(`${bot.url}/console/setup`);
      await page.getByLabel('Nome utente').fill('staff-primo');
      await page.getByLabel('Nome e cognome (facoltativo)').fill('Anna Bianchi');
      await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await page.getByLabel('Ripeti la password').fill('another password typed');
      await page.getByRole('button', { name: "Crea l'account e accedi" }).click();
      await page.getByText('Le due password non coincidono: ripetila.').waitFor();
      await page.getByLabel('Ripeti la password').fill(PASSWORD);
      await shot(page, 'setup');
      await page.getByRole('button', { name: "Crea l'account e accedi" }).click();
      // signed in, on the staff's home page
      await page.getByRole('heading', { name: 'Tutte le segnalazioni' }).waitFor({ timeout: 15000 });
      await page.locator('#sign-out').waitFor({ state: 'visible' });
      expect(await page.locator('#who').textContent()).toContain('staff-primo');
      expect(page.url()).toBe(`${bot.url}/console#/referrals`);
      await page.getByRole('link', { name: 'Account' }).click();
      await page.getByRole('heading', { name: 'Account', exact: true }).waitFor();
      await page.getByText('staff-primo').first().waitFor();
      await shot(page, 'setup-done');
      expect(seen.dialogs).toEqual([]);
      expect(seen.outside).toEqual([]);
      expect(seen.problems).toEqual([]);

      // the same link again, in a fresh browser: dead, said plainly, with the way to sign in
      const other = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'it-IT' });
      const again = await other.newPage();
      const seenAgain = watch(again, bot.url);
      await again.goto(link);
      await again.getByRole('heading', { name: 'Link non più valido' }).waitFor();
      await again.getByText("Questo link è già stato usato: l'account staff esiste.", { exact: false }).waitFor();
      expect(await again.getByLabel('Nome utente').count()).toBe(0);
      await again.getByRole('link', { name: 'Vai alla pagina di accesso' }).click();
      await again.getByRole('heading', { name: 'Accedi alla console' }).waitFor();
      await signInAs(again, bot.url, 'staff-primo');
      await again.getByRole('heading', { name: 'Tutte le segnalazioni' }).waitFor();
      expect(seenAgain.outside).toEqual([]);
      expect(seenAgain.problems).toEqual(['410 /console/api/setup/check']);
      await other.close();
      await context.close();
    }, 120000);
  });
}
