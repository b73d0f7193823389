import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import type { Topic } from '../../models/campaign/types';
import type { Language } from '../../models/i18n';
import { contentDir } from '../../models/paths';
import { startApiBot, type ApiBot } from '../api/helpers';
import { accountWithPassword, PASSWORD } from '../console/helpers';
import { ConnectorStandIn } from '../teams/connectorStandIn';
import { screenshot } from '../support/screenshots';
import { until } from './helpers';

/**
 * A table's body rows, each as its cells' texts joined by a space. Read from the cells' text, not the row's
 * innerText, which runs the cells together ("staff8") when the row is not laid out at that instant (the report
 * re-renders while it refreshes).
 */
async function rowTexts(region: Locator): Promise<string[]> {
  return region.locator('tbody tr').evaluateAll((rows) =>
    rows.map((row) => Array.from((row as HTMLTableRowElement).cells, (cell) => (cell.textContent ?? '').replace(/\s+/g, ' ').trim()).join(' ')),
  );
}

/**
 * The console's announcements page in Debian's Chromium, as campaign staff use it: sign in, open "Annunci", compose
 * (a missing Italian text is refused with a clear error on the field), choose provinces and topics while the audience
 * preview follows, send now and watch the progress reach "inviato" with the delivery report, which the Connector
 * stand-in confirms message by message; then schedule one for later and cancel it. The page's words are read from
 * the Italian locale the server serves. Last, a send to a slow channel is stopped from the page while it runs, so a rewording there does not break the test. No request leaves the bot's
 * origin. With SCREENSHOTS=1, screenshots go to artifacts/console-announcements-*.png.
 */
const CHROMIUM = '/usr/bin/chromium';
const haveChromium = fs.existsSync(CHROMIUM);
const STAFF = 'staff-announcements';
/** the page polls every 2 s and the sender is kicked at once: a send of three is on the page well within this */
const SEND_WITHIN_MS = 20000;
/** how often the page asks how a send is going (web/console/pages/announcements.js) */
const PAGE_POLL_MS = 2000;
/** a signed-out visit asks who is signed in */
const SIGNED_OUT = /^GET 401 \/console\/api\/me$/;

interface PageLabels {
  title: string;
  new: string;
  open: string;
  back: string;
  fieldTitle: string;
  fieldTextIt: string;
  fieldTitleEn: string;
  fieldTextEn: string;
  provinces: string;
  topics: string;
  audience: string;
  save: string;
  saved: string;
  sendNow: string;
  sendAt: string;
  schedule: string;
  scheduled: string;
  cancel: string;
  cancelled: string;
  confirmSend: string;
  status: string;
  scheduledAt: string;
  recipients: string;
  sent: string;
  failed: string;
  skipped: string;
  pending: string;
  progress: string;
  failures: string;
  list: string;
  stop: string;
  confirmStop: string;
  stopped: string;
  languages: string;
  statuses: Record<'draft' | 'scheduled' | 'sending' | 'sent' | 'cancelled', string>;
  reasons: Record<string, string>;
}

interface ItalianWords {
  page: PageLabels;
  topic: Record<Topic, string>;
  nav: string;
  required: string;
}

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(contentDir, 'locales', 'it', file), 'utf8')) as Record<string, unknown>;
}

function italianWords(): ItalianWords {
  const campaign = readJson('campaign.json').campaign as { console: PageLabels; topic: Record<Topic, string> };
  const consoleWords = readJson('console.json').console as { nav: { announcements: string }; errors: { required: string } };
  return { page: campaign.console, topic: campaign.topic, nav: consoleWords.nav.announcements, required: consoleWords.errors.required };
}

/** "{{count}} persone" with the values, as the page fills its strings. */
function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, name: string) => String(vars[name] ?? ''));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface Watch {
  outside: string[];
  problems: string[];
  confirms: string[];
  alerts: string[];
}

/** Requests leaving the bot's origin, failed responses, script errors, CSP violations; confirms are accepted. */
function watch(page: Page, origin: string, expectedFailures: RegExp[]): Watch {
  const seen: Watch = { outside: [], problems: [], confirms: [], alerts: [] };
  page.on('request', (request) => {
    const url = request.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (new URL(url).origin !== origin) seen.outside.push(url);
  });
  page.on('response', (response) => {
    if (response.status() < 400) return;
    const line = `${response.request().method()} ${response.status()} ${new URL(response.url()).pathname}`;
    if (!expectedFailures.some((e) => e.test(line))) seen.problems.push(line);
  });
  page.on('console', (message) => {
    const text = message.text();
    if (/Failed to load resource/.test(text)) return; // judged by URL above
    if (message.type() === 'error' || /Content Security Policy/i.test(text)) seen.problems.push(`console.${message.type()}: ${text}`);
  });
  page.on('pageerror', (error) => seen.problems.push(`page error: ${error.message}`));
  page.on('dialog', (dialog) => {
    if (dialog.type() === 'confirm') {
      seen.confirms.push(dialog.message());
      void dialog.accept();
    } else {
      seen.alerts.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    }
  });
  return seen;
}

function shot(page: Page, name: string): Promise<void> {
  return screenshot(page, `console-announcements-${name}.png`, { fullPage: true });
}

/** A worker subscribed to the news, whose conversation reference points at the Connector stand-in. */
async function subscribed(api: ApiBot, serviceUrl: string, conversationId: string, language: Language, provinces: string[], topics: Topic[]): Promise<void> {
  await api.bot.campaign.subscriptions.subscribe({
    channelId: 'emulator',
    conversationId,
    userId: `user-${conversationId}`,
    reference: { channelId: 'emulator', serviceUrl, conversation: { id: conversationId }, user: { id: `user-${conversationId}` }, bot: { id: 'bot' } },
    language,
    provinces,
    allLombardy: false,
    topics,
    consent: { noticeVersion: 'test', textHash: 'hash', givenAt: new Date() },
  });
}

/** The value of the report table's cell under `header`. */
async function reportCell(report: Locator, header: string): Promise<string> {
  return ((await report.locator(`td[data-label="${header}"]`).first().textContent()) ?? '').trim();
}

if (!haveChromium) {
  process.stderr.write(`\n  announcements page browser test SKIPPED: ${CHROMIUM} is missing (apt-get install -y chromium)\n\n`);
  test.skip(`announcements page in Chromium (skipped: ${CHROMIUM} is missing)`, () => undefined);
} else {
  describe('the announcements page in Chromium', () => {
    const words = italianWords();
    const L = words.page;
    let api: ApiBot;
    let connector: ConnectorStandIn;
    let browser: Browser;

    beforeAll(async () => {
      connector = await new ConnectorStandIn().start();
      // the channel has blocked the bot for this one: 403, so the report shows a failure with its reason
      connector.responder = (call) => (call.conversationId === 'page-bg-blocked' ? { status: 403 } : undefined);
      api = await startApiBot({ ANNOUNCE_POLL_MS: '200', ANNOUNCE_RATE_PER_SECOND: '50', ANNOUNCE_RETRY_BASE_MS: '50' });
      await accountWithPassword(api, STAFF, 'staff');
      // five workers: four in Bergamo (one English, one blocked, one interested only in info sessions), one in Milan
      await subscribed(api, connector.url, 'page-bg-it', 'it', ['BG'], ['projects']);
      await subscribed(api, connector.url, 'page-bg-en', 'en', ['BG'], ['projects', 'news']);
      await subscribed(api, connector.url, 'page-bg-blocked', 'it', ['BG'], ['projects']);
      await subscribed(api, connector.url, 'page-bg-sessions', 'it', ['BG'], ['sessions']);
      await subscribed(api, connector.url, 'page-mi', 'it', ['MI'], ['projects']);
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    }, 60000);
    afterAll(async () => {
      await browser?.close();
      await api?.bot.stop();
      await connector?.stop();
    });

    /**
     * A fresh browser (signed out) whose clock is Italian time: <input type="datetime-local"> is the browser's zone.
     * The clock runs as usual, and afterNextPolls() moves it on to the page's next check.
     */
    async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
      const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, locale: 'it-IT', timezoneId: 'Europe/Rome' });
      await context.clock.install();
      return { context, page: await context.newPage() };
    }

    /** Waits until `shown` is on the page, bringing the page's next poll forward each time it is not there yet. */
    async function afterNextPolls(context: BrowserContext, shown: Locator): Promise<void> {
      await until(
        async () => {
          if (await shown.isVisible()) return true;
          await context.clock.fastForward(PAGE_POLL_MS);
          return false;
        },
        { withinMs: SEND_WITHIN_MS, everyMs: 100, what: 'the page to show it' },
      );
    }

    /** Signs in on the console and opens the announcements page from the menu. */
    async function openAnnouncements(page: Page): Promise<void> {
      await page.goto(`${api.url}/console`);
      await page.getByLabel('Nome utente').fill(STAFF);
      await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: 'Accedi', exact: true }).click();
      await page.locator('#sign-out').waitFor({ state: 'visible', timeout: 10000 });
      await page.getByRole('link', { name: words.nav, exact: true }).click();
      await page.getByRole('heading', { name: L.title, level: 1 }).waitFor({ timeout: 10000 });
    }

    /** The detail's status line ("Stato: inviato — Concluso ...") once it shows `status`. */
    function statusLine(page: Page, status: keyof PageLabels['statuses']): Locator {
      return page.locator('.announcement-header p', { hasText: new RegExp(`^${escapeRegExp(`${L.status}: ${L.statuses[status]}`)}(\\s|$)`) });
    }

    test('staff compose (Italian required), watch the audience preview, send now and follow it to the delivery report', async () => {
      const { context, page } = await newPage();
      const seen = watch(page, api.url, [SIGNED_OUT, /^POST 400 \/api\/announcements$/]);
      await openAnnouncements(page);
      await page.getByRole('button', { name: L.new }).click();

      // the audience preview: everyone at first, then as provinces are ticked
      const audience = page.locator('form p.audience');
      await audience.filter({ hasText: fill(L.audience, { count: 5, it: 4, en: 1 }) }).waitFor();
      await page.getByLabel('Bergamo (BG)', { exact: true }).check();
      await audience.filter({ hasText: fill(L.audience, { count: 4, it: 3, en: 1 }) }).waitFor();

      // no Italian text: refused, the error names the field as the form does, and the focus is on it
      const title = 'Nuovo progetto di rete a Bergamo';
      const italian = 'Apre un nuovo progetto di rete per la metalmeccanica: iscrizioni entro fine mese.';
      const english = 'A new network project for metalworking opens: sign up by the end of the month.';
      const englishTitle = 'New network project in Bergamo';
      await page.getByLabel(L.fieldTitle, { exact: true }).fill(title);
      await page.getByLabel(L.fieldTitleEn, { exact: true }).fill(englishTitle);
      await page.getByLabel(L.fieldTextEn, { exact: true }).fill(english);
      await page.getByRole('button', { name: L.save }).click();
      const error = page.getByRole('alert');
      await error.filter({ hasText: `${L.fieldTextIt}: ${words.required}` }).waitFor({ timeout: 10000 });
      expect(await error.textContent()).not.toContain('text.it');
      const italianField = page.getByLabel(L.fieldTextIt, { exact: true });
      expect(await italianField.getAttribute('aria-invalid')).toBe('true');
      await page.waitForFunction(() => document.activeElement?.getAttribute('name') === 'textIt');
      await shot(page, 'error');

      // no topic either: the next error says so, and the Italian text is no longer marked
      await italianField.fill(italian);
      await page.getByRole('button', { name: L.save }).click();
      await error.filter({ hasText: `${L.topics}: ${words.required}` }).waitFor({ timeout: 10000 });
      expect(await italianField.getAttribute('aria-invalid')).toBeNull();
      expect((await api.bot.campaign.announcements.list(50)).filter((a) => a.title === title)).toEqual([]);

      // topics narrow the audience; Milan adds one and takes it away again
      await page.getByLabel(words.topic.projects, { exact: true }).check();
      await audience.filter({ hasText: fill(L.audience, { count: 3, it: 2, en: 1 }) }).waitFor();
      await page.getByLabel('Milano (MI)', { exact: true }).check();
      await audience.filter({ hasText: fill(L.audience, { count: 4, it: 3, en: 1 }) }).waitFor();
      await page.getByLabel('Milano (MI)', { exact: true }).uncheck();
      await audience.filter({ hasText: fill(L.audience, { count: 3, it: 2, en: 1 }) }).waitFor();

      // now it is saved as a draft, with what was chosen
      await page.getByRole('button', { name: L.save }).click();
      await page.getByRole('heading', { name: title, level: 2 }).waitFor({ timeout: 10000 });
      await page.getByRole('status').filter({ hasText: L.saved }).first().waitFor();
      const created = (await api.bot.campaign.announcements.list(50)).filter((a) => a.title === title);
      expect(created).toHaveLength(1);
      expect(created[0]).toEqual(expect.objectContaining({ title, titleEn: englishTitle, text: { it: italian, en: english }, provinces: ['BG'], topics: ['projects'], status: 'draft' }));
      await statusLine(page, 'draft').waitFor();
      await page.locator('.announcement-header p.audience', { hasText: fill(L.audience, { count: 3, it: 2, en: 1 }) }).waitFor();
      const header = page.locator('.announcement-header');
      await header.getByText(italian, { exact: true }).waitFor();
      await header.getByText(english, { exact: true }).waitFor();
      await header.getByText(englishTitle, { exact: true }).waitFor();
      await header.getByText(`${L.provinces}: BG`, { exact: false }).waitFor();
      await header.getByText(words.topic.projects, { exact: false }).waitFor();
      expect(await header.textContent()).not.toMatch(/\[object|null/);
      expect(connector.attempts).toEqual([]);

      // send now: the page asks first, then follows the send until it is over
      await page.getByRole('button', { name: L.sendNow }).click();
      await afterNextPolls(context, statusLine(page, 'sent'));
      expect(seen.confirms).toEqual([fill(L.confirmSend, { count: 3 })]);
      const report = page.locator('.announcement-report');
      await report.getByRole('heading', { name: L.progress }).waitFor();
      await report.getByText('3 / 3', { exact: true }).waitFor();
      expect(await report.locator('progress').evaluate((p) => [(p as HTMLProgressElement).value, (p as HTMLProgressElement).max])).toEqual([3, 3]);
      expect(await reportCell(report, L.recipients)).toBe('3');
      expect(await reportCell(report, L.sent)).toBe('2');
      expect(await reportCell(report, L.failed)).toBe('1');
      expect(await reportCell(report, L.skipped)).toBe('0');
      expect(await reportCell(report, L.pending)).toBe('0');
      const reasons = report.getByRole('region', { name: L.failures });
      expect(await rowTexts(reasons)).toEqual([`${L.reasons.http_403} 1`]);
      // once sent, nothing is left to do on it
      expect(await page.getByRole('button', { name: L.sendNow }).count()).toBe(0);
      expect(await page.getByRole('button', { name: L.cancel }).count()).toBe(0);
      await report.getByText(fill(L.languages, { it: 1, en: 1 }), { exact: true }).waitFor();
      await header.getByText(english, { exact: true }).waitFor();
      expect(await header.textContent()).not.toMatch(/\[object|null|undefined/);
      await shot(page, 'sent');

      // and the workers really got it: once each, in their language; the others nothing
      const toItalian = connector.posts('page-bg-it');
      const toEnglish = connector.posts('page-bg-en');
      expect(toItalian).toHaveLength(1);
      expect(toItalian[0].activity.text).toContain(title);
      expect(toItalian[0].activity.text).toContain(italian);
      expect(toEnglish).toHaveLength(1);
      expect(toEnglish[0].activity.text).toContain(english);
      expect(toEnglish[0].activity.text).toContain(englishTitle);
      expect(toEnglish[0].activity.text).not.toContain(title);
      expect(toEnglish[0].activity.text).not.toContain(italian);
      expect(connector.attempts.filter((c) => c.conversationId === 'page-bg-blocked')).toHaveLength(1);
      expect(connector.posts('page-bg-blocked')).toHaveLength(0);
      expect(connector.posts('page-bg-sessions')).toHaveLength(0);
      expect(connector.posts('page-mi')).toHaveLength(0);

      // the list shows it as sent, to three
      await page.getByRole('button', { name: L.back }).click();
      const row = page.getByRole('region', { name: L.list }).locator('tbody tr', { hasText: title });
      await row.waitFor();
      expect(await row.locator(`td[data-label="${L.status}"]`).textContent()).toBe(L.statuses.sent);
      expect(await row.locator(`td[data-label="${L.recipients}"]`).textContent()).toBe('3');
      expect(await page.getByRole('region', { name: L.list }).textContent()).not.toMatch(/undefined|null/);

      expect(seen.alerts).toEqual([]);
      expect(seen.outside).toEqual([]);
      expect(seen.problems).toEqual([]);
      await context.close();
    }, 90000);

    test('staff schedule an announcement for later and cancel it before it goes out', async () => {
      const { context, page } = await newPage();
      const seen = watch(page, api.url, [SIGNED_OUT]);
      await openAnnouncements(page);
      await page.getByRole('button', { name: L.new }).click();
      const title = 'Incontro informativo a Milano';
      const italian = 'Giovedì alle 17 incontro informativo sulla misura in Regione.';
      await page.getByLabel(L.fieldTitle, { exact: true }).fill(title);
      await page.getByLabel(L.fieldTextIt, { exact: true }).fill(italian);
      await page.getByLabel('Milano (MI)', { exact: true }).check();
      await page.getByLabel(words.topic.projects, { exact: true }).check();
      await page.locator('form p.audience', { hasText: fill(L.audience, { count: 1, it: 1, en: 0 }) }).waitFor();
      await page.getByRole('button', { name: L.save }).click();
      await page.getByRole('heading', { name: title, level: 2 }).waitFor({ timeout: 10000 });
      await statusLine(page, 'draft').waitFor();

      // two hours from now, typed as staff would, in the browser's (Italian) time
      const later = await page.evaluate(() => {
        const d = new Date(Date.now() + 2 * 3600 * 1000);
        const pad = (n: number): string => String(n).padStart(2, '0');
        const typed = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
        const at = new Date(typed);
        const shown = new Intl.DateTimeFormat('it-IT', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Rome' }).format(at);
        return { typed, iso: at.toISOString(), shown };
      });
      await page.getByLabel(L.sendAt, { exact: true }).fill(later.typed);
      await page.getByRole('button', { name: L.schedule, exact: true }).click();
      await page.getByRole('status').filter({ hasText: fill(L.scheduled, { at: later.shown }) }).first().waitFor({ timeout: 10000 });
      await statusLine(page, 'scheduled').waitFor();
      await page.locator('.announcement-header p', { hasText: `${L.scheduledAt} ${later.shown}` }).waitFor();
      // (the business clock stands still in these tests: found by title, not by being the newest)
      const scheduled = (await api.bot.campaign.announcements.list(50)).find((a) => a.title === title);
      expect(scheduled?.status).toBe('scheduled');
      expect(scheduled?.scheduledAt?.toISOString()).toBe(later.iso);
      expect(await page.getByRole('button', { name: L.sendNow }).count()).toBe(0);
      await shot(page, 'scheduled');

      await page.getByRole('button', { name: L.cancel }).click();
      await page.getByRole('status').filter({ hasText: L.cancelled }).first().waitFor({ timeout: 10000 });
      await statusLine(page, 'cancelled').waitFor();
      expect(await page.getByRole('button', { name: L.cancel }).count()).toBe(0);
      expect(await page.getByRole('button', { name: L.schedule, exact: true }).count()).toBe(0);
      expect((await api.bot.campaign.announcements.get(scheduled?._id ?? '')).status).toBe('cancelled');
      await shot(page, 'cancelled');

      await page.getByRole('button', { name: L.back }).click();
      const row = page.getByRole('region', { name: L.list }).locator('tbody tr', { hasText: title });
      await row.waitFor();
      expect(await row.locator(`td[data-label="${L.status}"]`).textContent()).toBe(L.statuses.cancelled);
      // nothing went to the Milan worker, then or since
      expect(connector.attempts.filter((c) => c.conversationId === 'page-mi')).toEqual([]);

      expect(seen.confirms).toEqual([]);
      expect(seen.alerts).toEqual([]);
      expect(seen.outside).toEqual([]);
      expect(seen.problems).toEqual([]);
      await context.close();
    }, 90000);

    test('staff stop a send that is under way: what is on its way arrives, nobody else gets it, the report says why', async () => {
      // twelve workers in Lecco on a slow channel: the answers are held until the stop has been clicked
      const conversations = Array.from({ length: 12 }, (_, i) => `page-stop-${i}`);
      for (const id of conversations) await subscribed(api, connector.url, id, 'it', ['LC'], ['news']);
      let release: () => void = () => undefined;
      const released = new Promise<void>((resolve) => (release = resolve));
      connector.hold = (call) => (call.conversationId.startsWith('page-stop-') ? released : undefined);
      const title = 'Avviso per Lecco';
      const created = await api.bot.campaign.announcements.create({ title, text: { it: 'Nuove date per gli sportelli di Lecco.' }, provinces: ['LC'], topics: ['news'] }, STAFF);

      const { context, page } = await newPage();
      const seen = watch(page, api.url, [SIGNED_OUT]);
      try {
        await openAnnouncements(page);
        await page.getByRole('region', { name: L.list }).locator('tbody tr', { hasText: title }).getByRole('button', { name: L.open }).click();
        await statusLine(page, 'draft').waitFor({ timeout: 10000 });
        await page.getByRole('button', { name: L.sendNow }).click();
        await afterNextPolls(context, statusLine(page, 'sending'));
        // the sender has its messages in flight (four at once by default), all waiting on the slow channel
        const inFlight = (): number => connector.attempts.filter((c) => c.conversationId.startsWith('page-stop-')).length;
        await until(() => inFlight() === 4);

        await page.getByRole('button', { name: L.stop }).click();
        await page.getByRole('status').filter({ hasText: L.stopped }).first().waitFor({ timeout: 10000 });
        expect(seen.confirms).toEqual([fill(L.confirmSend, { count: 12 }), L.confirmStop]);
        expect((await api.bot.campaign.announcements.get(created._id)).status).toBe('cancelled');
        release();

        // the page follows the stopped send until its report is kept
        const report = page.locator('.announcement-report');
        await afterNextPolls(context, report.getByText('12 / 12', { exact: true }));
        await statusLine(page, 'cancelled').waitFor();
        expect(await reportCell(report, L.sent)).toBe('4');
        expect(await reportCell(report, L.skipped)).toBe('8');
        expect(await reportCell(report, L.pending)).toBe('0');
        const reasons = report.getByRole('region', { name: L.failures });
        expect(await rowTexts(reasons)).toEqual([`${L.reasons.cancelled} 8`]);
        expect(await page.getByRole('button', { name: L.stop }).count()).toBe(0);
        await shot(page, 'stopped');
        // only the four already on their way reached anyone
        expect(inFlight()).toBe(4);
        expect(connector.posts().filter((c) => c.conversationId.startsWith('page-stop-'))).toHaveLength(4);
        expect(seen.alerts).toEqual([]);
        expect(seen.outside).toEqual([]);
        expect(seen.problems).toEqual([]);
      } finally {
        release();
        connector.hold = () => undefined;
        await context.close();
      }
    }, 90000);
  });
}
