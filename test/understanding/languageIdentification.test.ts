/**
 * Language identification of a worker's first free-text message (models/languageIdentification.ts): the project's
 * development set (eval/lang.dev.jsonl, the same `npm run eval:lang` reports), and the guard that matters most:
 * Italian messages never switch an Italian conversation to another language, short ones included.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { identifyLanguageSwitch, readLanguage } from '../../models/languageIdentification';
import { LANGUAGE_CODES, type LanguageCode } from '../../models/languages';
import { projectRoot } from '../../models/paths';
import { readJsonLines } from '../../scripts/evalCases';

const devSet = readJsonLines<{ text: string; expect: LanguageCode }>(path.join(projectRoot, 'eval', 'lang.dev.jsonl'));

describe('the development set', () => {
  test('at least 20 messages of 3-15 words per language', () => {
    for (const language of LANGUAGE_CODES) {
      const mine = devSet.filter((c) => c.expect === language);
      expect({ language, enough: mine.length >= 20 }).toEqual({ language, enough: true });
      for (const c of mine) expect(c.text.split(/\s+/).length).toBeGreaterThanOrEqual(3);
    }
  });

  test.each(LANGUAGE_CODES.map((l) => [l]))('%s: at least 90%% identified in an Italian conversation, Italian always', (language) => {
    const mine = devSet.filter((c) => c.expect === language);
    const right = mine.filter((c) => {
      const reading = readLanguage(c.text, 'it');
      return (reading.kind === 'language' ? reading.language : 'it') === language;
    });
    expect(right.length / mine.length).toBeGreaterThanOrEqual(language === 'it' ? 1 : 0.9);
  });
});

describe('Italian stays Italian', () => {
  /** every message a worker types in the project's Italian conversation tables */
  function italianMessages(): string[] {
    const dir = path.join(projectRoot, 'test', 'conversations');
    const texts: string[] = [];
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') {
        for (const [key, v] of Object.entries(value)) {
          if (key === 'say' && typeof v === 'string') texts.push(v);
          else walk(v);
        }
      }
    };
    // the English tables and the newer languages' own (which open in Italian and must switch) are not Italian
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.conversations.json') && !f.includes('-en') && !f.startsWith('newer-languages'))) walk(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
    return texts;
  }

  test('no message of the Italian conversation tables switches language', () => {
    const messages = italianMessages();
    expect(messages.length).toBeGreaterThan(100);
    expect(messages.filter((text) => identifyLanguageSwitch(text, 'it') !== undefined)).toEqual([]);
  });

  test.each(['sì', 'ok grazie', 'ciao', 'menu', 'no', 'Bergamo', 'Desenzano del Garda', 'non ce l’ho', 'called Salumificio Demo', 'sono in NASpI'])(
    '%p keeps Italian',
    (text) => {
      expect(identifyLanguageSwitch(text, 'it')).toBeUndefined();
    },
  );

  test('Italian and English never switch to each other by themselves; the six newer languages do', () => {
    expect(identifyLanguageSwitch('What is Azioni di Rete and who can take part?', 'it')).toBeUndefined();
    expect(identifyLanguageSwitch('come funziona la misura per i lavoratori?', 'en')).toBeUndefined();
    expect(identifyLanguageSwitch('bună ziua, lucrez într-o fabrică din Bergamo care se închide, pot participa?', 'it')).toBe('ro');
    expect(identifyLanguageSwitch('أنا عاطل عن العمل منذ ثلاثة أشهر', 'en')).toBe('ar');
    // a message already in the current language is no switch
    expect(identifyLanguageSwitch('hola, trabajo en una fábrica de Bergamo que va a cerrar', 'es')).toBeUndefined();
  });
});
