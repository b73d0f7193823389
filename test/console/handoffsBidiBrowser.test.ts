import * as fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { BG_PROJECT, startApiBot, type ApiBot } from '../api/helpers';
import { signInAs } from './browser';
import { accountWithPassword } from './helpers';

/**
 * A worker's message with a bidirectional override (U+202E, "right-to-left override") in the console's conversation
 * view, in Debian's Chromium: shown in the order it was typed, the control as a visible mark, not obeyed (else
 * "chiamami al 347 123 4567" after U+202E reads "7654 321 743"); what is stored is the message as written. The order
 * is read from where Chromium draws each character (their left edges increase along the typed text).
 */
const CHROMIUM = '/usr/bin/chromium';
const haveChromium = fs.existsSync(CHROMIUM);
const inCi = process.env.CI === 'true';
const PHONE = '347 123 4567';
const TYPED = `chiamami al \u202E${PHONE} grazie`;

if (!haveChromium && inCi) {
  test('Chromium is installed for the bidi browser test', () => {
    throw new Error(`${CHROMIUM} is missing: CI must install Debian's Chromium (apt-get install -y chromium)`);
  });
} else if (!haveChromium) {
  test.skip(`bidirectional controls in the console, in Chromium (skipped: ${CHROMIUM} is missing)`, () => undefined);
} else {
  describe('a worker message with bidirectional controls in the console', () => {
    let api: ApiBot;
    let browser: Browser;

    beforeAll(async () => {
      const launching = chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
      api = await startApiBot();
      await accountWithPassword(api, 'olga-bidi', 'operator', [BG_PROJECT]);
      browser = await launching;
    }, 60_000);
    afterAll(async () => {
      await browser?.close();
      await api?.bot.stop();
    });

    test('a message with U+202E shows its characters in typed order', async () => {
      const service = api.bot.handoffs.service;
      const worker = { channel: 'webchat', userId: 'bidi-worker' };
      const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, locale: 'it-IT' });
      const page = await context.newPage();
      await signInAs(page, api.url, 'olga-bidi');
      await page.getByRole('link', { name: 'Conversazioni' }).click();
      await page.getByLabel('Disponibile a rispondere').check();
      await page.getByText('Ora sei disponibile').waitFor();
      const { handoff } = await service.request({ identity: worker, language: 'it', province: 'BG' });
      const card = page.locator(`#handoffs-waiting li[data-id="${handoff._id}"]`);
      await card.waitFor({ timeout: 10_000 });
      await card.getByRole('button', { name: /^Accetta la richiesta/ }).click();
      await service.postWorkerMessage(worker, TYPED);
      const log = page.getByRole('log', { name: 'Messaggi della conversazione' });
      const text = log.locator('li.msg-worker .msg-text').first();
      await text.waitFor({ timeout: 15_000 });

      // stored as written
      expect((await service.messagesSince(handoff._id, 0)).items.map((m) => m.text)).toEqual([TYPED]);
      // isolated, its direction its own
      expect(await text.getAttribute('dir')).toBe('auto');
      expect(await text.evaluate((node) => getComputedStyle(node).unicodeBidi)).toBe('isolate');
      // the control shown, not obeyed
      expect(await text.innerText()).toBe(`chiamami al [U+202E]${PHONE} grazie`);
      // where each visible character is drawn: left to right in the order typed
      const lefts = await text.evaluate((node) => {
        const xs: Array<{ ch: string; x: number }> = [];
        const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
        for (let t = walker.nextNode(); t; t = walker.nextNode()) {
          const value = t.nodeValue ?? '';
          for (let i = 0; i < value.length; i++) {
            if (value[i].trim() === '') continue;
            const range = document.createRange();
            range.setStart(t, i);
            range.setEnd(t, i + 1);
            xs.push({ ch: value[i], x: range.getBoundingClientRect().left });
          }
        }
        return xs;
      });
      const typedChars = `chiamami al [U+202E]${PHONE} grazie`.replace(/\s/g, '');
      expect(lefts.map((c) => c.ch).join('')).toBe(typedChars);
      const backwards = lefts.findIndex((c, i) => i > 0 && c.x <= lefts[i - 1].x);
      expect(backwards === -1 ? 'in typed order' : `"${lefts[backwards].ch}" drawn left of "${lefts[backwards - 1].ch}"`).toBe('in typed order');
      await context.close();
    }, 90_000);
  });
}
