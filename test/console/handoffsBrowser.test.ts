import * as fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { BG_PROJECT, call, startApiBot, tokenFor, type ApiBot } from '../api/helpers';
import { screenshot } from '../support/screenshots';
import { signInAs, watch, type Watch } from './browser';
import { accountWithPassword } from './helpers';
import { readLocaleResources } from '../../models/i18n';
import type { Handoff, OperatorRef } from '../../models/handoff/handoff';

const staffRef: OperatorRef = { accountId: 'staff-reader', name: 'staff-reader', role: 'staff', projectIds: [], provinces: [] };
/** the latest handoff that was turned into a referral */
function workerHandoffOf(closed: Handoff[]): string {
  const found = closed.find((h) => h.endReason === 'referral');
  if (!found) throw new Error('no handoff turned into a referral');
  return found._id;
}

/**
 * The live handoff through the real server, in Debian's Chromium: a worker on the web chat page and an operator in
 * the console's "Conversazioni" panel (one browser, a context each). The operator becomes available; the worker
 * asks for a person; the request appears in the panel with the title badge (one another operator took first: the
 * panel says who); the operator accepts and they exchange
 * messages both ways (the operator's typing shown to the worker); the operator hands the conversation back to the
 * bot. Measures the latency worker -> operator -> worker (printed, median of a few round trips) and checks the
 * panel with axe-core when it is installed. With SCREENSHOTS=1, screenshots go to artifacts/console-handoffs.png and
 * webchat-handoff.png.
 */
const CHROMIUM = '/usr/bin/chromium';
const haveChromium = fs.existsSync(CHROMIUM);
const inCi = process.env.CI === 'true';
const axePath = ((): string | undefined => {
  try {
    return require.resolve('axe-core');
  } catch {
    return undefined;
  }
})();
const ROUND_TRIPS = 3;

const SEND_BOX = '[data-id="webchat-sendbox-input"]';
const TRANSCRIPT = '.webchat__basic-transcript';

async function workerSays(page: Page, text: string): Promise<void> {
  const box = page.locator(SEND_BOX);
  await box.fill(text);
  await box.press('Enter');
}

/** A worker opens the web chat page (in a context of their own) and asks for a person, once the welcome is there. */
async function workerAsksForAPerson(browser: Browser, api: ApiBot) {
  const workerContext = await browser.newContext({ viewport: { width: 900, height: 900 }, locale: 'it-IT' });
  const workerPage = await workerContext.newPage();
  const workerSeen = watch(workerPage, api.url);
  await workerPage.goto(`${api.url}/`);
  const transcript = workerPage.locator(TRANSCRIPT);
  // connected once the welcome is there (the send box shows before)
  await transcript.getByText(/Sono l.assistente virtuale/).first().waitFor({ timeout: 15_000 });
  await workerSays(workerPage, 'voglio parlare con un operatore');
  return { workerContext, workerPage, workerSeen, transcript };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

if (!haveChromium && inCi) {
  test('Chromium is installed for the handoff browser test', () => {
    throw new Error(`${CHROMIUM} is missing: CI must install Debian's Chromium (apt-get install -y chromium)`);
  });
} else if (!haveChromium) {
  test.skip(`live handoff in Chromium (skipped: ${CHROMIUM} is missing)`, () => undefined);
} else {
  describe('the live handoff in Chromium: a web chat worker and a console operator', () => {
    let api: ApiBot;
    let browser: Browser;
    let operatorPage: Page;
    let operatorSeen: Watch;
    let bruno: string;
    /** the web chat worker's request */
    let workerHandoff = '';
    /** the lost race's answer */
    const expectedOperatorProblems: string[] = [];

    beforeAll(async () => {
      const launching = chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
      api = await startApiBot();
      await accountWithPassword(api, 'anna-bg', 'operator', [BG_PROJECT]);
      bruno = await tokenFor(api, 'bruno-bg', 'operator', [BG_PROJECT]);
      browser = await launching;
    }, 60_000);
    afterAll(async () => {
      await browser?.close();
      await api?.bot.stop();
    });

    test('request, badge, accept, messages both ways with typing, hand back to the bot', async () => {
      // ---- the operator: signs in, opens the panel, becomes available
      const operatorContext = await browser.newContext({ viewport: { width: 1200, height: 900 }, locale: 'it-IT' });
      operatorPage = await operatorContext.newPage();
      operatorSeen = watch(operatorPage, api.url);
      await signInAs(operatorPage, api.url, 'anna-bg');
      expect(await operatorPage.locator('#nav a').allInnerTexts()).toEqual(['Coda', 'Conversazioni']);
      await operatorPage.getByRole('link', { name: 'Conversazioni' }).click();
      await operatorPage.getByRole('heading', { name: 'Conversazioni', level: 1 }).waitFor({ timeout: 10_000 });

      // ---- a request after a pre-check: shown once the operator is available (badge, labels of the last exchange);
      // another operator takes it first: accepting it says who
      const { handoff: raced } = await api.bot.handoffs.service.request({ identity: { channel: 'webchat', userId: 'browser-raced' }, language: 'en', province: 'BG', sector: 'metalmeccanico', lastExchange: ['faq:naspi-requisiti', 'precheck:likely_eligible'] });
      await operatorPage.locator('#handoffs-waiting').getByText('Diventa disponibile').waitFor();
      await operatorPage.getByLabel('Disponibile a rispondere').check();
      await operatorPage.getByText('Ora sei disponibile').waitFor();
      expect((await api.bot.handoffs.service.availabilityOf({ accountId: (await api.bot.domain.accounts.getByName('anna-bg'))._id, name: 'anna-bg', role: 'operator', projectIds: [BG_PROJECT], provinces: ['BG'] })).available).toBe(true);
      const racedCard = operatorPage.locator(`#handoffs-waiting li[data-id="${raced._id}"]`);
      await racedCard.waitFor({ timeout: 10_000 });
      await operatorPage.waitForFunction(() => document.title.startsWith('(1) Conversazioni'));
      expect(await operatorPage.locator('#handoffs-panel').getAttribute('data-alerts')).toBe('1');
      const racedText = await racedCard.innerText();
      for (const shown of ['BG', 'Metalmeccanico', 'Inglese (en)', 'Pre-verifica: Probabilmente ha i requisiti', 'Domanda frequente (naspi-requisiti)']) expect(racedText).toContain(shown);
      expect((await call(api, 'POST', `/api/handoffs/${raced._id}/accept`, bruno)).status).toBe(200);
      expectedOperatorProblems.push(`409 /api/handoffs/${raced._id}/accept`);
      await racedCard.getByRole('button', { name: /^Accetta la richiesta/ }).click();
      await operatorPage.getByText('La richiesta è già stata presa da bruno-bg.').waitFor();
      await racedCard.waitFor({ state: 'detached' });
      await operatorPage.waitForFunction(() => document.title.startsWith('Conversazioni'));

      // ---- the worker: asks for a person on the web chat page
      const { workerContext, workerPage, workerSeen, transcript } = await workerAsksForAPerson(browser, api);
      await transcript
        .getByText('Sto cercando un operatore', { exact: false })
        .first()
        .waitFor({ timeout: 15_000 })
        .catch(async (err: unknown) => {
          throw new Error(`no "looking for an operator" in the worker's chat: ${await transcript.innerText()} (${String(err)})`);
        });
      await workerSays(workerPage, 'Buongiorno, ho perso il lavoro a marzo');

      // ---- the panel: the request arrives on its own, with the title badge; no personal data on the card
      const waiting = operatorPage.locator('#handoffs-waiting li.handoff');
      await waiting.first().waitFor({ timeout: 10_000 });
      await operatorPage.waitForFunction(() => document.title.startsWith('(1) Conversazioni'));
      expect(await operatorPage.locator('#handoffs-panel').getAttribute('data-alerts')).toBe('2');
      const cardText = await waiting.first().innerText();
      workerHandoff = (await waiting.first().getAttribute('data-id')) ?? '';
      expect(cardText).toContain('Italiano (it)');
      expect(cardText).toContain('Non nota');
      expect(cardText).not.toContain('ho perso il lavoro');

      // ---- accept: the conversation opens with the worker's message so far
      await waiting.first().getByRole('button', { name: /^Accetta la richiesta/ }).click();
      const log = operatorPage.getByRole('log', { name: 'Messaggi della conversazione' });
      await log.getByText('Buongiorno, ho perso il lavoro a marzo').waitFor({ timeout: 10_000 });
      await operatorPage.locator('#handoffs-mine li.handoff').first().waitFor();
      expect(await log.getAttribute('aria-live')).toBe('polite');
      await transcript.getByText(/anna-bg \(operatore della rete\) è entrato nella chat/).first().waitFor({ timeout: 10_000 });

      // ---- the operator types: the worker's chat shows the typing indicator
      const reply = operatorPage.getByLabel('La tua risposta');
      await reply.pressSequentially('Buongiorno');
      await workerPage.locator('.webchat__typing-indicator').first().waitFor({ timeout: 10_000 });
      await reply.press('Enter');
      await transcript.getByText(/\(operatore della rete\): Buongiorno$/).first().waitFor({ timeout: 10_000 });

      // ---- the worker types in Web Chat (its typing signal through Direct Line and the bot): the panel shows it
      await workerPage.locator(SEND_BOX).pressSequentially('Sto scrivendo una domanda', { delay: 20 });
      await operatorPage.locator('#worker-typing:not([hidden])').waitFor({ timeout: 10_000 });
      await workerPage.locator(SEND_BOX).fill('');

      // ---- round trips worker -> operator -> worker
      const toOperator: number[] = [];
      const toWorker: number[] = [];
      for (let i = 1; i <= ROUND_TRIPS; i++) {
        const asked = `Domanda numero ${i}`;
        const answered = `Risposta numero ${i}`;
        const t0 = Date.now();
        await workerSays(workerPage, asked);
        await log.getByText(asked, { exact: true }).waitFor({ timeout: 15_000 });
        const t1 = Date.now();
        await reply.fill(answered);
        await reply.press('Enter');
        await transcript.getByText(answered, { exact: false }).first().waitFor({ timeout: 15_000 });
        const t2 = Date.now();
        toOperator.push(t1 - t0);
        toWorker.push(t2 - t1);
      }
      const roundTrips = toOperator.map((ms, i) => ms + toWorker[i]);
      process.stdout.write(
        `\n  handoff latency (ms, median of ${ROUND_TRIPS}): worker->operator ${median(toOperator)}, operator->worker ${median(toWorker)}, round trip ${median(roundTrips)} [${roundTrips.join(', ')}]\n`,
      );
      expect(await operatorPage.locator('#worker-typing').innerText()).toBe('Il lavoratore sta scrivendo…');
      await screenshot(operatorPage, 'console-handoffs.png', { fullPage: true });
      await screenshot(workerPage, 'webchat-handoff.png');
      expect(await operatorPage.locator('main').innerText()).not.toMatch(/\b(null|undefined)\b|\{\{|console\.handoffs\./);
      // the operator's replies show in the worker's chat with name and role
      expect(await transcript.innerText()).toMatch(/anna-bg \(operatore della rete\): Risposta numero 1/);
      // the panel's messages are in order, worker's and operator's
      const texts = await log.locator('li.msg .msg-text').allInnerTexts();
      expect(texts.slice(-2)).toEqual([`Domanda numero ${ROUND_TRIPS}`, `Risposta numero ${ROUND_TRIPS}`]);

      // ---- markup in a reply is shown to the worker as typed: no image fetched, no bold, no title, the line break kept
      const markup = 'Guardi <b>qui</b> <img src="https://tracker.example/p.png"> **non grassetto**\n# non un titolo';
      await reply.fill(markup);
      await reply.press('Enter');
      await transcript.getByText('Guardi <b>qui</b> <img src="https://tracker.example/p.png"> **non grassetto**', { exact: false }).first().waitFor({ timeout: 15_000 });
      await transcript.getByText('# non un titolo', { exact: true }).first().waitFor();
      expect(await transcript.locator('img[src*="tracker.example"], h1').count()).toBe(0);

      // ---- hand back to the bot: the worker is told, the conversation moves to "Concluse"
      await operatorPage.getByRole('button', { name: 'Restituisci al bot' }).click();
      await operatorPage.locator('#conversation-status').getByText('Conclusa: restituita al bot').waitFor();
      await operatorPage.locator('#handoffs-closed li.handoff').first().waitFor();
      expect(await operatorPage.getByLabel('La tua risposta').count()).toBe(0);
      await transcript.getByText(/anna-bg ti ha riaffidato all.assistente virtuale/).first().waitFor({ timeout: 10_000 });
      expect((await api.bot.handoffs.service.list('closed', { accountId: (await api.bot.domain.accounts.getByName('anna-bg'))._id, name: 'anna-bg', role: 'operator', projectIds: [BG_PROJECT], provinces: ['BG'] }))[0]).toMatchObject({ status: 'ended', endReason: 'returned_to_bot' });

      expect(workerSeen.problems).toEqual([]);
      expect(workerSeen.outside).toEqual([]);
      expect(operatorSeen.problems).toEqual(expectedOperatorProblems);
      expect(operatorSeen.outside).toEqual([]);
      expect(operatorSeen.dialogs).toEqual([]);
      await workerContext.close();
    }, 90_000);

    (axePath ? test : test.skip)(`the panel passes axe-core's WCAG 2.1 A/AA rules${axePath ? '' : ' (skipped: axe-core is not installed)'}`, async () => {
      // the panel as the operator left it: lists and the ended conversation
      expect(await operatorPage.locator('#handoffs-closed li.handoff').count()).toBeGreaterThan(0);
      expect(await operatorPage.locator('#conversation').isVisible()).toBe(true);
      const source = fs.readFileSync(axePath as string, 'utf8');
      await operatorPage.evaluate(source);
      const violations = await operatorPage.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown }> }> }> } }).axe;
        const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
        return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(' ')}`);
      });
      expect(violations).toEqual([]);
      expect(operatorSeen.problems).toEqual(expectedOperatorProblems);
    }, 30_000);

    test('the link of the Teams card opens the conversation; on a 360 px phone the panel does not scroll sideways', async () => {
      await operatorPage.setViewportSize({ width: 360, height: 740 });
      await operatorPage.goto(`${api.url}/console#handoff/${workerHandoff}`);
      await operatorPage.locator('#conversation-status').getByText('Conclusa: restituita al bot').waitFor({ timeout: 10_000 });
      await operatorPage.locator('#handoffs-closed li.handoff').first().waitFor();
      expect(await operatorPage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    }, 30_000);

    test('a conversation with no message yet is long-polled, not asked for again and again', async () => {
      const identity = { channel: 'webchat', userId: 'browser-silent' };
      const { handoff } = await api.bot.handoffs.service.request({ identity, language: 'it', province: 'BG', lastExchange: [] });
      const polls: string[] = [];
      const onRequest = (request: { url(): string }): void => {
        if (request.url().includes(`/api/handoffs/${handoff._id}/messages`)) polls.push(request.url());
      };
      operatorPage.on('request', onRequest);
      try {
        await operatorPage.goto(`${api.url}/console#handoff/${handoff._id}`);
        await operatorPage.locator('#accept-open').waitFor({ timeout: 10_000 });
        // not taken yet: what the worker writes is read once accepted (none written here)
        await operatorPage.locator('#handoff-messages .empty').getByText('I messaggi della conversazione li legge solo chi l\'ha presa.').waitFor();
        await operatorPage.waitForTimeout(3000);
      } finally {
        operatorPage.off('request', onRequest);
        // the worker leaves: the request is not the first waiting one of the next test
        await api.bot.handoffs.service.workerLeft(identity);
      }
      // the first read at once, then one long poll (held up to 20 s): not a request after another
      expect(polls.length).toBeLessThanOrEqual(3);
    }, 30_000);

    test('turned into a referral from the panel: the worker consents in the web chat, staff read the conversation on the referral and the handoffs in the funnel', async () => {
      const it = (key: string): string => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], readLocaleResources().it) as string;
      await operatorPage.setViewportSize({ width: 1200, height: 900 });
      await operatorPage.goto(`${api.url}/console#/handoffs`);
      await operatorPage.getByRole('heading', { name: 'Conversazioni', level: 1 }).waitFor({ timeout: 10_000 });
      if (!(await operatorPage.getByLabel('Disponibile a rispondere').isChecked())) await operatorPage.getByLabel('Disponibile a rispondere').check();

      // ---- the worker asks for a person and writes; the operator accepts
      const { workerContext, workerPage, workerSeen, transcript } = await workerAsksForAPerson(browser, api);
      await transcript.getByText('Sto cercando un operatore', { exact: false }).first().waitFor({ timeout: 15_000 });
      await workerSays(workerPage, 'Lavoravo in una vetreria di Dalmine');
      const waiting = operatorPage.locator('#handoffs-waiting li.handoff');
      await waiting.first().waitFor({ timeout: 10_000 });
      await waiting.first().getByRole('button', { name: /^Accetta la richiesta/ }).click();
      const log = operatorPage.getByRole('log', { name: 'Messaggi della conversazione' });
      await log.getByText('Lavoravo in una vetreria di Dalmine').waitFor({ timeout: 10_000 });

      // ---- one click: the worker's chat asks the referral's consent, then whether to attach the conversation
      await operatorPage.getByRole('button', { name: 'Trasforma in segnalazione' }).click();
      await transcript.getByText('Acconsenti al trattamento', { exact: false }).first().waitFor({ timeout: 15_000 });
      // what Web Chat shows of a reply: its start, before any apostrophe (the markdown renderer curls them)
      const shown = (text: string): string => text.split(/['’]/)[0].slice(0, 24);
      const steps: Array<[string, string]> = [
        [it('referral.consentButtons.yes'), 'Posso allegare alla tua richiesta'],
        ['sì', shown(it('referral.ask.name'))],
        ['Mario Rossi', shown(it('referral.ask.contact'))],
        ['347 765 4321', shown(it('referral.ask.time'))],
        [it('referral.timeButtons.morning'), shown(it('eligibility.ask.employer'))],
        [it('eligibility.buttons.preferNotToSay'), shown(it('eligibility.ask.sector'))],
        [it('eligibility.buttons.dontKnow'), 'Mario Rossi'],
        [it('referral.summaryButtons.confirm'), shown(it('referral.transcript.attached'))],
      ];
      for (const [answer, next] of steps) {
        await workerSays(workerPage, answer);
        await transcript.getByText(next, { exact: false }).last().waitFor({ timeout: 15_000 }).catch(async (err: unknown) => {
          throw new Error(`after "${answer}" no "${next}" in the worker's chat: ${(await transcript.innerText()).slice(-600)} (${String(err)})`);
        });
      }
      const worker = await api.bot.handoffs.service.get(workerHandoffOf(await api.bot.handoffs.service.list('closed', staffRef)));
      expect(worker).toMatchObject({ endReason: 'referral', transcriptKept: true });
      expect(workerSeen.outside).toEqual([]);

      // ---- staff open the referral: the conversation is there, as text
      await accountWithPassword(api, 'sara-staff', 'staff');
      const staffContext = await browser.newContext({ viewport: { width: 1200, height: 900 }, locale: 'it-IT' });
      const staffPage = await staffContext.newPage();
      const staffSeen = watch(staffPage, api.url);
      await signInAs(staffPage, api.url, 'sara-staff');
      await staffPage.goto(`${api.url}/console#/referral/${worker.leadId}`);
      const kept = staffPage.getByRole('region', { name: 'Conversazione con l\'operatore' });
      await kept.getByText('Lavoravo in una vetreria di Dalmine').waitFor({ timeout: 10_000 });
      expect(await kept.innerText()).toContain('Lavoratore');

      // ---- the funnel by province: the handoffs' table with the median wait
      await staffPage.goto(`${api.url}/console#/funnel`);
      // the server's clock is in March 2025 (the page's default range ends today)
      await staffPage.getByLabel('Dal giorno').fill('2025-03-01');
      await staffPage.getByLabel('Al giorno (incluso)').fill('2025-03-31');
      await staffPage.getByLabel('Raggruppa per').selectOption('province');
      await staffPage.getByRole('button', { name: 'Mostra' }).click();
      const handoffs = staffPage.getByRole('region', { name: 'Conversazioni con un operatore' });
      await handoffs.getByRole('columnheader', { name: 'Attesa mediana' }).waitFor({ timeout: 10_000 });
      const total = handoffs.locator('tbody tr').last();
      expect(await total.innerText()).toMatch(/Totale[\s\S]*\d+ s/);
      expect(staffSeen.problems).toEqual([]);
      expect(staffSeen.outside).toEqual([]);
      await screenshot(staffPage, 'console-funnel-handoffs.png', { fullPage: true });
      await Promise.all([workerContext.close(), staffContext.close()]);
    }, 120_000);
  });
}
