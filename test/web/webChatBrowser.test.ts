import * as fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { RunningBot } from '../../bot/index';
import { readLocaleResources, type Language } from '../../models/i18n';
import { startTestBot } from '../support/botServer';
import { eventually } from '../support/eventually';
import { screenshot } from '../support/screenshots';

/**
 * The page in Debian's Chromium, as a person uses it: the welcome, a menu button, a typed question, the English
 * switch, the keyboard, a 360 px phone. It fails if the page asks for anything outside the bot's own origin or
 * trips its Content-Security-Policy. With SCREENSHOTS=1, screenshots go to artifacts/ (test/support/screenshots.ts).
 */
const CHROMIUM = '/usr/bin/chromium';
const haveChromium = fs.existsSync(CHROMIUM);
const inCi = process.env.CI === 'true';

interface Watch {
  outside: string[];
  problems: string[];
}

/** Records requests leaving the bot's origin (blob: and data: URLs stay in the page), CSP violations and errors. */
function watch(page: Page, origin: string): Watch {
  const result: Watch = { outside: [], problems: [] };
  page.on('request', (request) => {
    const url = request.url();
    if (url.startsWith('data:')) return;
    const inner = url.startsWith('blob:') ? url.slice('blob:'.length) : url;
    let requestOrigin = '';
    try {
      requestOrigin = new URL(inner).origin;
    } catch {
      requestOrigin = inner;
    }
    if (requestOrigin !== origin) result.outside.push(url);
  });
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content Security Policy/i.test(message.text())) result.problems.push(`console.${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => result.problems.push(`page error: ${error.message}`));
  return result;
}

const SEND_BOX = '[data-id="webchat-sendbox-input"]';
const LOCALES = readLocaleResources();
/** The page's own text `key` in `language` (content/locales/<lng>/webPage.json); a missing one fails the test. */
function pageText(language: Language, key: string): string {
  const text = (LOCALES[language].webPage as Record<string, unknown> | undefined)?.[key];
  if (typeof text !== 'string' || text === '') throw new Error(`no webPage.${key} in ${language}`);
  return text;
}
/** The visible transcript and suggested actions (Web Chat keeps hidden copies in a live region for screen readers). */
const TRANSCRIPT = '.webchat__basic-transcript';
const SUGGESTED = '.webchat__suggested-actions';

/** Web Chat's Markdown turns ' into ’, so texts with apostrophes are matched as patterns. */
function inTranscript(page: Page, text: string | RegExp) {
  return page.locator(TRANSCRIPT).getByText(text, { exact: false }).first();
}

function menuButton(page: Page, name: string) {
  return page.locator(SUGGESTED).getByRole('button', { name });
}

async function say(page: Page, text: string): Promise<void> {
  const box = page.locator(SEND_BOX);
  await box.click();
  await box.fill(text);
  await page.keyboard.press('Enter');
}

/** The text of the transcript's activities, in order. */
async function transcript(page: Page): Promise<string[]> {
  return page.locator('.webchat__basic-transcript__activity').allInnerTexts();
}

/**
 * How the chat reads on screen: the computed direction of the transcript, of the last bot message's bubble and of
 * the send box, and where that bubble sits (a bot bubble hugs the left of the transcript left to right, the right
 * right to left: the mirrored layout).
 */
async function chatDirection(page: Page): Promise<{ transcript: string; bubble: string; input: string; bubbleSide: string }> {
  return page.evaluate(() => {
    const direction = (element: Element | null): string => (element ? getComputedStyle(element).direction : 'none');
    const transcript = document.querySelector('.webchat__basic-transcript');
    const bubbles = Array.from(document.querySelectorAll('.webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content'));
    const bubble = bubbles[bubbles.length - 1] ?? null;
    let bubbleSide = 'none';
    if (transcript && bubble) {
      const outer = transcript.getBoundingClientRect();
      const inner = bubble.getBoundingClientRect();
      bubbleSide = inner.left - outer.left < outer.right - inner.right ? 'left' : 'right';
    }
    return { transcript: direction(transcript), bubble: direction(bubble), input: direction(document.querySelector('[data-id="webchat-sendbox-input"]')), bubbleSide };
  });
}

/**
 * How the first message whose text contains `fragment` reads inside its bubble: 'ltr' when the full stop ending one
 * of its sentences is drawn right of the sentence's last letter, 'rtl' when left of it (where a right-to-left
 * paragraph puts it), 'none' when no such sentence end is found.
 */
async function textDirection(page: Page, fragment: string): Promise<string> {
  return page.evaluate((wanted) => {
    const bubbles = Array.from(document.querySelectorAll('.webchat__bubble__content'));
    const bubble = bubbles.find((element) => (element.textContent ?? '').includes(wanted));
    if (!bubble) return 'none';
    const walker = document.createTreeWalker(bubble, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const end = /\p{L}[.!?؟]\s*$/u.exec(node.textContent ?? '');
      if (!end) continue;
      const rectOf = (at: number): DOMRect => {
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 1);
        return range.getBoundingClientRect();
      };
      const letter = rectOf(end.index);
      const stop = rectOf(end.index + 1);
      return stop.left >= letter.left ? 'ltr' : 'rtl';
    }
    return 'none';
  }, fragment);
}

/** Waits until `check` holds, or fails naming what did not happen. */
async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}

if (!haveChromium && inCi) {
  test('Chromium is installed for the browser tests', () => {
    throw new Error(`${CHROMIUM} is missing: CI must install Debian's Chromium (apt-get install -y chromium) for the web chat browser tests`);
  });
} else if (!haveChromium) {
  process.stderr.write(`\n  web chat browser tests SKIPPED: ${CHROMIUM} is missing (apt-get install -y chromium)\n\n`);
  test.skip(`web chat in Chromium (skipped: ${CHROMIUM} is missing; apt-get install -y chromium)`, () => undefined);
} else {
  describe('the web chat page in Chromium', () => {
    let bot: RunningBot;
    let browser: Browser;
    beforeAll(async () => {
      bot = await startTestBot();
      browser = await launch();
    }, 60000);
    afterAll(async () => {
      await browser?.close();
      await bot?.stop();
    });

    test('welcome, a menu button, a typed question and the English switch, all from this host', async () => {
      const page = await browser.newPage({ viewport: { width: 1024, height: 900 }, locale: 'it-IT' });
      const seen = watch(page, bot.url);
      await page.goto(`${bot.url}/`);
      expect(await page.getAttribute('html', 'lang')).toBe('it');
      expect(await page.getAttribute('#privacy-link', 'href')).toBe('/privacy');

      // The welcome, with the menu as buttons.
      await inTranscript(page, /Sono l.assistente virtuale/).waitFor({ timeout: 15000 });
      const measure = menuButton(page, "Cos'è la misura");
      await measure.waitFor({ timeout: 10000 });

      // A menu button: the section about the measure appears.
      await measure.click();
      await inTranscript(page, 'è una misura di Regione Lombardia').waitFor({ timeout: 15000 });

      // A typed question gets its answer from the FAQ.
      const before = (await transcript(page)).length;
      await say(page, 'Quali servizi offre la misura?');
      await inTranscript(page, 'Quali servizi offre la misura?').waitFor({ timeout: 10000 });
      await eventually(async () => (await transcript(page)).length > before + 1, { withinMs: 15000, everyMs: 200, what: 'the answer to the typed question' });
      const answer = (await transcript(page)).slice(before + 1).join('\n');
      expect(answer).toMatch(/servizi|formazione|orientamento/i);
      await screenshot(page, 'webchat-it.png');

      // The English switch restarts the chat in English, page texts included.
      await page.getByRole('button', { name: 'Switch the chat to English' }).click();
      await inTranscript(page, /Hello! I.m the virtual assistant/).waitFor({ timeout: 15000 });
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      expect(await page.getAttribute('#privacy-link', 'href')).toBe('/privacy?lang=en');
      expect(await page.textContent('#privacy-link')).toBe('Privacy notice');
      expect(page.url()).toContain('lang=en');
      expect((await transcript(page)).join('\n')).not.toContain('Sono l');
      await menuButton(page, 'What is the measure').waitFor({ timeout: 10000 });
      const english = (await transcript(page)).length;
      await say(page, 'Who can take part?');
      await eventually(async () => (await transcript(page)).length > english + 1, { withinMs: 15000, everyMs: 200, what: 'the answer to the English question' });
      expect((await transcript(page)).slice(english + 1).join('\n')).toMatch(/[a-z]/);
      await screenshot(page, 'webchat.png');

      expect(seen.outside).toEqual([]);
      expect(seen.problems).toEqual([]);
      await page.close();
    }, 120000);

    test('a reload within the token\'s life resumes the same conversation: the pre-check under way goes on', async () => {
      const page = await browser.newPage({ viewport: { width: 1024, height: 900 }, locale: 'it-IT' });
      const seen = watch(page, bot.url);
      await page.goto(`${bot.url}/`);
      await inTranscript(page, /Sono l.assistente virtuale/).waitFor({ timeout: 15000 });
      await say(page, 'Posso partecipare?');
      await inTranscript(page, /Dove si trova la sede/).waitFor({ timeout: 15000 });

      await page.reload();
      // the conversation replayed, and the question on screen is answered where it was left
      await inTranscript(page, /Dove si trova la sede/).waitFor({ timeout: 15000 });
      await say(page, 'Bergamo');
      await inTranscript(page, /Bergamo \(BG\), Lombardia/).waitFor({ timeout: 15000 });
      expect((await transcript(page)).join('\n')).toMatch(/coinvolta in una crisi/);

      // another tab is another conversation: nothing of this one shows there
      const other = await browser.newPage({ viewport: { width: 1024, height: 900 }, locale: 'it-IT' });
      await other.goto(`${bot.url}/`);
      await inTranscript(other, /Sono l.assistente virtuale/).waitFor({ timeout: 15000 });
      expect((await transcript(other)).join('\n')).not.toMatch(/Bergamo \(BG\)/);
      expect(seen.outside).toEqual([]);
      expect(seen.problems).toEqual([]);
      await other.close();
      await page.close();
    }, 120000);

    test('the keyboard reaches the chat and the focus is visible', async () => {
      const page = await browser.newPage({ viewport: { width: 1024, height: 800 } });
      const seen = watch(page, bot.url);
      await page.goto(`${bot.url}/`);
      await page.locator(SEND_BOX).waitFor({ timeout: 15000 });
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip-link');
      expect(await page.evaluate(() => (document.activeElement as HTMLElement).getBoundingClientRect().top)).toBeGreaterThanOrEqual(0);
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('language-switch');
      const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
      expect(outline).not.toBe('none');
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('chat');
      // Typing reaches the send box by keyboard alone.
      for (let i = 0; i < 15; i += 1) {
        if (await page.evaluate(() => document.activeElement?.getAttribute('data-id') === 'webchat-sendbox-input')) break;
        await page.keyboard.press('Tab');
      }
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-id'))).toBe('webchat-sendbox-input');
      expect(await page.locator(SEND_BOX).getAttribute('aria-label')).toBeTruthy();
      expect(seen.outside).toEqual([]);
      expect(seen.problems).toEqual([]);
      await page.close();
    }, 60000);

    test('when no token can be had the page says so, in words, with a retry button', async () => {
      // MicrosoftAppId without DIRECT_LINE_SECRET: the token endpoint answers 503.
      const closed = await startTestBot({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001' });
      const page = await browser.newPage({ viewport: { width: 1024, height: 700 } });
      try {
        const seen = watch(page, closed.url);
        await page.goto(`${closed.url}/`);
        const retry = page.getByRole('button', { name: 'Riprova' });
        await retry.waitFor({ timeout: 15000 });
        expect(await page.textContent('#status-text')).toMatch(/non è disponibile/);
        // in the worker's language, for each of the six newer ones
        for (const language of ['ro', 'ar', 'sq', 'es', 'uk', 'fr'] as const) {
          await page.goto(`${closed.url}/?lang=${language}`);
          await page.getByRole('button', { name: pageText(language, 'retry') }).waitFor({ timeout: 15000 });
          expect(await page.textContent('#status-text')).toBe(pageText(language, 'failed'));
        }
        expect(seen.outside).toEqual([]);
      } finally {
        await page.close();
        await closed.stop();
      }
    }, 60000);

    test('?lang=ar starts the chat in Arabic, right to left, page texts included', async () => {
      const page = await browser.newPage({ viewport: { width: 1024, height: 900 }, locale: 'it-IT' });
      const seen = watch(page, bot.url);
      await page.goto(`${bot.url}/?lang=ar`);
      expect(await page.getAttribute('#webchat', 'lang')).toBe('ar');
      expect(await page.getAttribute('#webchat', 'dir')).toBe('rtl');
      // the whole page in Arabic, mirrored: the switch back to Italian sits on the left of the header
      expect(await page.getAttribute('html', 'lang')).toBe('ar');
      expect(await page.getAttribute('html', 'dir')).toBe('rtl');
      expect(await page.textContent('[data-i18n="notice"]')).toBe(pageText('ar', 'notice'));
      expect(await page.getAttribute('#privacy-link', 'href')).toBe('/privacy?lang=ar');
      expect(await page.textContent('#language-switch')).toBe('Italiano');
      const header = await page.locator('.site-header').boundingBox();
      const switchBox = await page.locator('#language-switch').boundingBox();
      expect(switchBox && header && switchBox.x - header.x < header.x + header.width - (switchBox.x + switchBox.width)).toBe(true);
      // the locale reaches the bot with every activity: the menu is in Arabic, and so is the language menu's question
      await menuButton(page, 'اللغة / Lingua').click();
      await inTranscript(page, 'بأي لغة').waitFor({ timeout: 15000 });
      // the transcript, the bot's bubble and the send box read right to left, the bubble on the right
      expect(await chatDirection(page)).toEqual({ transcript: 'rtl', bubble: 'rtl', input: 'rtl', bubbleSide: 'right' });
      // Web Chat's own texts are Arabic too: what a screen reader says before a message ("Bot said:"), the send box
      const spoken = await page.evaluate(() => document.querySelector('.webchat__basic-transcript')?.textContent ?? '');
      expect(spoken).not.toMatch(/\bBot\b.*\bsaid\b|You said/);
      expect(await page.getAttribute('[data-id="webchat-sendbox-input"]', 'placeholder')).toMatch(/\p{Script=Arabic}/u);
      await screenshot(page, 'webchat-ar.png');
      expect(seen.outside).toEqual([]);
      expect(seen.problems).toEqual([]);
      await page.close();
    }, 60000);

    test('?lang=ro: the page texts and the privacy link are Romanian; the switch offers Italian', async () => {
      const page = await browser.newPage({ viewport: { width: 1024, height: 900 }, locale: 'it-IT' });
      const seen = watch(page, bot.url);
      await page.goto(`${bot.url}/?lang=ro`);
      await menuButton(page, 'Pot participa?').waitFor({ timeout: 15000 });
      expect(await page.getAttribute('html', 'lang')).toBe('ro');
      expect(await page.getAttribute('html', 'dir')).toBe('ltr');
      expect(await page.title()).toBe(pageText('ro', 'pageTitle'));
      expect(await page.textContent('[data-i18n="notice"]')).toBe(pageText('ro', 'notice'));
      expect(await page.textContent('#privacy-link')).toBe(pageText('ro', 'privacy'));
      expect(await page.getAttribute('#privacy-link', 'href')).toBe('/privacy?lang=ro');
      expect(await page.textContent('#language-switch')).toBe('Italiano');
      // the page switch goes to Italian, page and chat
      await page.locator('#language-switch').click();
      await inTranscript(page, /Sono l.assistente virtuale/).waitFor({ timeout: 15000 });
      expect(await page.getAttribute('html', 'lang')).toBe('it');
      expect(await page.textContent('[data-i18n="notice"]')).toBe(pageText('it', 'notice'));
      expect(seen.outside).toEqual([]);
      expect(seen.problems).toEqual([]);
      await page.close();
    }, 60000);

    test('a chat opened in Italian that goes on in Arabic turns right to left, same conversation; back to Italian, left to right', async () => {
      const page = await browser.newPage({ viewport: { width: 1024, height: 900 }, locale: 'it-IT' });
      const seen = watch(page, bot.url);
      await page.goto(`${bot.url}/`);
      await menuButton(page, "Cos'è la misura").waitFor({ timeout: 15000 });
      expect(await chatDirection(page)).toEqual({ transcript: 'ltr', bubble: 'ltr', input: 'ltr', bubbleSide: 'left' });
      // a first message in Arabic: the bot answers in Arabic, and the page follows without a new conversation
      await say(page, 'مرحبا، فقدت عملي في مصنع في بيرغامو، ماذا يمكنني أن أفعل؟');
      await inTranscript(page, 'أرى أنكم تكتبون بالعربية').waitFor({ timeout: 15000 });
      await eventually(async () => (await page.getAttribute('#webchat', 'dir')) === 'rtl', { withinMs: 10000, everyMs: 100, what: 'the chat turning right to left' });
      expect(await chatDirection(page)).toEqual({ transcript: 'rtl', bubble: 'rtl', input: 'rtl', bubbleSide: 'right' });
      expect(await page.getAttribute('#webchat', 'lang')).toBe('ar');
      expect(page.url()).toContain('lang=ar');
      expect((await transcript(page)).join('\n')).toMatch(/Sono l.assistente virtuale/);
      // the earlier Italian message still reads left to right inside its (now right-hand) bubble
      expect(await textDirection(page, 'assistente virtuale di')).toBe('ltr');
      expect(await textDirection(page, 'أرى أنكم تكتبون بالعربية')).toBe('rtl');
      await screenshot(page, 'webchat-switched-ar.png');
      // one tap back to Italian: left to right again, the Arabic still above
      await page.locator(TRANSCRIPT).getByRole('button', { name: 'Italiano' }).first().click();
      await inTranscript(page, 'continuiamo in italiano').waitFor({ timeout: 15000 });
      await eventually(async () => (await page.getAttribute('#webchat', 'dir')) === 'ltr', { withinMs: 10000, everyMs: 100, what: 'the chat turning left to right' });
      expect(await chatDirection(page)).toEqual({ transcript: 'ltr', bubble: 'ltr', input: 'ltr', bubbleSide: 'left' });
      expect((await transcript(page)).join('\n')).toContain('أرى أنكم تكتبون بالعربية');
      expect(await textDirection(page, 'أرى أنكم تكتبون بالعربية')).toBe('rtl');
      expect(await textDirection(page, 'continuiamo in italiano')).toBe('ltr');
      expect(seen.outside).toEqual([]);
      expect(seen.problems).toEqual([]);
      await page.close();
    }, 90000);

    test('on a 360 px phone nothing scrolls sideways and the chat is usable', async () => {
      const page = await browser.newPage({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
      const seen = watch(page, bot.url);
      await page.goto(`${bot.url}/`);
      await menuButton(page, "Cos'è la misura").waitFor({ timeout: 15000 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      for (const selector of ['#language-switch', SEND_BOX, '#privacy-link']) {
        const box = await page.locator(selector).boundingBox();
        expect(box).not.toBeNull();
        if (box) {
          expect(box.x).toBeGreaterThanOrEqual(0);
          expect(box.x + box.width).toBeLessThanOrEqual(360);
          expect(box.y + box.height).toBeLessThanOrEqual(740);
        }
      }
      await screenshot(page, 'webchat-phone.png');
      expect(seen.outside).toEqual([]);
      expect(seen.problems).toEqual([]);
      await page.close();
    }, 60000);
  });
}
