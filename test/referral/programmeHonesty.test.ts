/**
 * Honest about the programme (issue 15): no call of the measure is known to be open, the bundled [ESEMPIO] projects
 * are inactive unless staff activate them, and the worker is told plainly what a referral leads to. The privacy
 * notice is complete from configuration, covers news subscriptions, and production refuses to start without it.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { ConfigError } from '../../bot/config';
import type { Logger } from '../../models/logger';
import { loadPrivacyNotices } from '../../models/privacyNotice';
import { tempDir } from '../support/adapters';
import { Chat, startTestBot } from '../support/botServer';
import { injectTestBot, type InjectedBot } from '../support/injectServer';

const NOW = new Date('2026-06-15T10:00:00Z');
const PRIVACY = { PRIVACY_CONTROLLER: 'Ente Esempio, via Roma 1, 20100 Milano', PRIVACY_DPO_CONTACT: 'dpo@ente-esempio.example.org', RETENTION_DAYS: '180' };

/** A worker likely eligible in Bergamo (metalworking: the sector of the BG sample project) asks to be contacted. */
async function referral(chat: Chat, phone: string): Promise<string> {
  await chat.join();
  for (const line of ['Posso partecipare?', 'Treviglio', 'la fabbrica ha chiuso', 'sono stato licenziato', 'a marzo', 'Officine Esempio srl', 'Metalmeccanico']) await chat.say(line);
  await chat.say('Voglio essere ricontattato');
  await chat.say('Acconsento');
  await chat.say('Anna Bianchi');
  await chat.say(phone);
  await chat.say('Mattina');
  return chat.sayText('Conferma');
}

describe('a new installation: sample projects inactive, referrals to staff, said plainly (the built server in process)', () => {
  let bot: InjectedBot;
  beforeAll(async () => {
    bot = await injectTestBot({ SAMPLE_PROJECTS: 'inactive', ...PRIVACY }, { clock: () => NOW });
  });
  afterAll(async () => {
    await bot.stop();
  });

  test('the [ESEMPIO] projects are seeded, every one inactive', async () => {
    const all = await bot.domain.projects.list();
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((p) => p.sample && !p.active && p.title.startsWith('[ESEMPIO]'))).toBe(true);
    expect(await bot.domain.projects.listActive()).toEqual([]);
  });

  test('a referral with no active project goes to staff, and the worker is told so, never a bare "ti contatterà"', async () => {
    const done = await referral(new Chat(bot), '333 765 4321');
    expect(done).toMatch(/Codice riferimento: \*\*AR-/);
    expect(done).toMatch(/non ci risulta aperto un bando/);
    expect(done).toMatch(/resta allo staff della campagna/);
    expect(done).toMatch(/ti contatterà un operatore se e quando un progetto di rete è attivo nella tua zona/i);
    expect(done).not.toMatch(/ESEMPIO/);
    const reference = /AR-[2-9A-HJ-NP-Z]{5}/.exec(done)?.[0] ?? '';
    expect((await bot.domain.leads.getByReference(reference))?.projectId).toBeNull();
    // every "contatter..." in the confirmation comes with its condition
    for (const m of done.matchAll(/contatterà[^.]*/g)) expect(m[0]).toMatch(/se e quando/);
  });

  test('once staff activate a project through the API, the next worker is matched to it and told which', async () => {
    const { token } = await bot.domain.accounts.createAccount({ name: 'staff-honesty', role: 'staff', projectIds: [] });
    const response = await bot.fetch(`${bot.url}/api/projects/esempio-bg-metalmeccanico`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ active: true }),
    });
    expect(response.status).toBe(200);
    const done = await referral(new Chat(bot), '333 765 9999');
    expect(done).toMatch(/indirizzata al progetto di rete «\[ESEMPIO\] Reti per la meccanica bergamasca», attivo nella tua zona/);
    expect(done).not.toMatch(/resta allo staff/);
  });

  test('the outcome of a likely pre-check says no call is known to be open', async () => {
    const chat = new Chat(bot);
    await chat.join();
    for (const line of ['Posso partecipare?', 'Lodi', 'fallimento', 'sono disoccupato', 'non ricordo', 'preferisco non dirlo']) await chat.say(line);
    const outcome = await chat.sayText('Commercio');
    expect(outcome).toMatch(/probabilmente puoi partecipare/);
    expect(outcome).toMatch(/Al momento non ci risulta aperto un bando di questa misura: se lasci i tuoi contatti, ti contatterà un operatore se e quando un progetto di rete è attivo nella tua zona/);
    expect(outcome).not.toMatch(/Regole:|ar-2018/);
  });

  test('the privacy notice names the configured controller, DPO and retention, covers news subscriptions, has nothing left to complete', async () => {
    for (const lang of ['it', 'en']) {
      const html = await (await bot.fetch(`${bot.url}/privacy?lang=${lang}`)).text();
      expect(html).toContain('Ente Esempio, via Roma 1, 20100 Milano');
      expect(html).toContain('dpo@ente-esempio.example.org');
      expect(html).toMatch(/180 (giorni|days)/);
      expect(html).toMatch(lang === 'it' ? /Notizie della campagna[\s\S]*stop notizie/ : /Campaign news[\s\S]*unsubscribe/);
      expect(html).not.toMatch(/DA COMPLETARE|TO BE COMPLETED|\{\{|non ancora indicato|not yet given/);
    }
  });

  test('the rules version stays for staff: on every stored referral and in POST /api/eligibility (workers do not see it)', async () => {
    const page = await bot.domain.leads.list({ role: 'staff' }, {}, { limit: 10 });
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((lead) => lead.precheck.rulesVersion === 'ar-2018.2')).toBe(true);
    const response = await bot.fetch(`${bot.url}/api/eligibility`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ situation: 'UNEMPLOYED' }) });
    expect(((await response.json()) as { rulesVersion: string }).rulesVersion).toBe('ar-2018.2');
  });
});

describe('the privacy details come from configuration', () => {
  test('NODE_ENV=production refuses to start without them, one line each', async () => {
    let error: unknown;
    try {
      const bot = await startTestBot({ NODE_ENV: 'production' });
      await bot.stop();
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    for (const name of ['PRIVACY_CONTROLLER', 'PRIVACY_DPO_CONTACT', 'RETENTION_DAYS']) {
      expect(problems.filter((line) => line.startsWith(`${name} is required when NODE_ENV=production`))).toHaveLength(1);
    }
  });

  test('NODE_ENV=production starts with them', async () => {
    const bot = await startTestBot({ NODE_ENV: 'production', ...PRIVACY });
    try {
      expect(bot.config.production).toBe(true);
      expect(bot.config.privacyMissing).toEqual([]);
    } finally {
      await bot.stop();
    }
  });

  test('development warns once at start, naming what is missing (no personal data), and the notice says "not yet given"', async () => {
    const warnings: string[] = [];
    const logger: Logger = { debug: () => undefined, info: () => undefined, warn: (obj, msg) => warnings.push(JSON.stringify([obj, msg])), error: () => undefined, child: () => logger };
    const bot = await injectTestBot({ RETENTION_DAYS: '0' }, { logger });
    try {
      const privacy = warnings.filter((w) => w.includes('privacy notice incomplete'));
      expect(privacy).toHaveLength(1);
      expect(privacy[0]).toContain('PRIVACY_CONTROLLER');
      expect(privacy[0]).toContain('PRIVACY_DPO_CONTACT');
      expect(privacy[0]).not.toContain('RETENTION_DAYS');
      await bot.fetch(`${bot.url}/privacy`);
      expect(warnings.filter((w) => w.includes('privacy notice incomplete'))).toHaveLength(1);
      const html = await (await bot.fetch(`${bot.url}/privacy`)).text();
      expect(html).toMatch(/non ancora indicato in questa installazione/);
      expect(html).toMatch(/non è prevista una cancellazione automatica/);
      expect(html).not.toMatch(/DA COMPLETARE|\{\{/);
    } finally {
      await bot.stop();
    }
  });

  test('a notice left with "[DA COMPLETARE]" or an unknown placeholder stops the start, naming the file', async () => {
    const dir = await tempDir('adr-privacy-');
    const phrases = { retentionDays: '{{days}} giorni', retentionNever: 'mai', notConfigured: 'n.d.' };
    const write = (lang: string, paragraphs: string[]) => fs.writeFile(path.join(dir, `${lang}.json`), JSON.stringify({ version: 'v1', title: 'T', paragraphs, phrases }));
    await write('it', ['Titolare: [DA COMPLETARE].']);
    await write('en', ['Controller: {{controller}}.']);
    expect(() => loadPrivacyNotices(dir, { retentionDays: 30 })).toThrow(/it\.json: paragraph 1 is unfinished/);
    await write('it', ['Titolare: {{titolare}}.']);
    expect(() => loadPrivacyNotices(dir, { retentionDays: 30 })).toThrow(/it\.json: paragraph 1 is unfinished/);
    await write('it', ['Titolare: {{controller}}; conservazione {{retention}}.']);
    const notices = loadPrivacyNotices(dir, { controller: 'Ente X', retentionDays: 30 });
    expect(notices.it.paragraphs).toEqual(['Titolare: Ente X; conservazione 30 giorni.']);
    expect(notices.en.paragraphs).toEqual(['Controller: Ente X.']);
    // the version says which text was shown: another controller, another version
    expect(notices.it.version).toMatch(/^v1\+[0-9a-f]{8}$/);
    expect(loadPrivacyNotices(dir, { controller: 'Ente Y', retentionDays: 30 }).it.version).not.toBe(notices.it.version);
  });
});
