/**
 * Speaking the worker's language (dialogs/languageChoice.ts, MainDialog), through the bot's adapter in process:
 * a first message in one of the six newer languages is answered in it with one tap back to Italian or English;
 * the menu's language entry lists the eight by their own names; a language's name switches at any point (inside a
 * dialog only as the buttons write it, so "Romana" stays a first name); the Teams and Web Chat locale of every
 * language is honoured. The newer languages' other strings are still being translated: until then they show in
 * Italian (i18next's fallback), so these tests read the strings each language already has (languageChoice.*).
 */
import type { Activity } from 'botbuilder';
import { readLocaleResources } from '../../models/i18n';
import { preloadLanguageIdentification } from '../../models/languageIdentification';
import { STATE_COLLECTION } from '../../models/state/stateRepository';
import { Chat, buttonsOf, textOf } from '../support/botServer';
import { startInProcessBot, type InProcessBot } from '../support/inProcessBot';

const NOW = new Date('2026-06-15T10:00:00Z');
const strings = readLocaleResources();
const say = (language: keyof typeof strings, key: 'prompt' | 'detected' | 'switched'): string => (strings[language].languageChoice as Record<string, string>)[key];
const EIGHT = ['Italiano', 'English', 'Română', 'العربية', 'Shqip', 'Español', 'Українська', 'Français'];
const LANGUAGE_NATIVE = { ro: 'Română', ar: 'العربية', sq: 'Shqip', es: 'Español', uk: 'Українська', fr: 'Français' } as const;
function intro(language: keyof typeof strings): string {
  const text = (strings[language].eligibility as Record<string, unknown> | undefined)?.intro;
  if (typeof text !== 'string' || text === '') throw new Error(`no eligibility.intro in ${language}`);
  return text;
}

function lastText(activities: Partial<Activity>[]): string {
  return textOf(activities.slice(-1));
}

describe('the worker’s language', () => {
  let bot: InProcessBot;

  beforeAll(async () => {
    // npm start loads the language model before listening; here it is loaded up front too, so that its 1-2 s (far
    // more on a loaded machine) are not charged to the first test's timeout
    preloadLanguageIdentification();
    bot = await startInProcessBot({}, { clock: () => NOW });
  }, 120_000);
  afterAll(async () => {
    await bot.stop();
  });

  async function newChat(locale = 'it-IT', channelId?: string): Promise<Chat> {
    const chat = new Chat(bot, { locale, channelId });
    await chat.join();
    return chat;
  }

  test.each([
    ['ro', 'bună ziua, lucrez într-o fabrică din Bergamo care se închide, pot participa?'],
    ['ar', 'مرحبا، أعمل في مصنع في بيرغامو سيغلق، هل يمكنني المشاركة؟'],
    ['sq', 'përshëndetje, punoj në një fabrikë në Bergamo që po mbyllet'],
    ['es', 'hola, trabajo en una fábrica de Bergamo que va a cerrar, ¿puedo participar?'],
    ['uk', 'добрий день, я працюю на заводі в Бергамо, який закривається'],
    ['fr', 'bonjour, je travaille dans une usine à Bergame qui ferme, je peux participer ?'],
  ] as const)('a first message in %s is answered in it, with one tap back to Italian or English', async (language, text) => {
    const chat = await newChat();
    const reply = await chat.say(text);
    // said first, as a card whose two buttons stay in the transcript above the answer
    expect(textOf(reply.slice(0, 1))).toContain(say(language, 'detected'));
    expect(buttonsOf(reply.slice(0, 1))).toEqual(['Italiano', 'English']);
    // then the message itself is answered in that language: the worker's case starts the pre-check
    expect(textOf(reply.slice(1))).toContain(intro(language));
    // the pre-check goes on in the language; one tap back to Italian inside it asks the same question in Italian
    expect(textOf(await chat.say('Italiano'))).toContain('continuiamo in italiano');
    expect(textOf(await chat.say('annulla'))).toContain('ho interrotto');
    await chat.say(LANGUAGE_NATIVE[language]);
    // the choice is remembered: the next message is in that language too
    expect(lastText(await chat.say('menu'))).not.toContain(say(language, 'detected'));
    expect(lastText(await chat.say('Lingua / Language'))).toContain(say(language, 'prompt'));
    // one tap back
    expect(textOf(await chat.say('Italiano'))).toContain('continuiamo in italiano');
    expect(lastText(await chat.say('Lingua / Language'))).toContain(say('it', 'prompt'));
  });

  test('Italian and English first messages change nothing; a short one says too little to tell', async () => {
    const italian = await newChat();
    expect(textOf(await italian.say('ciao, lavoro in una fabbrica di Bergamo che chiude'))).not.toMatch(/Ho visto|Vedo che scrivi/);
    const english = await newChat('en-US');
    expect(textOf(await english.say('hello, I work in a factory in Bergamo that is closing'))).not.toContain(say('en', 'detected'));
    // "salut" alone is too short to tell (Romanian, French, or an Italian's "salute"); the next, longer message decides
    const romanian = await newChat();
    expect(textOf(await romanian.say('salut'))).not.toContain(say('ro', 'detected'));
    expect(textOf(await romanian.say('am rămas fără loc de muncă luna trecută, ce pot face?'))).toContain(say('ro', 'detected'));
  });

  test('two words that only Romanian has ("bună ziua") or a menu title in the worker’s language switch too', async () => {
    const greeting = await newChat();
    expect(textOf(await greeting.say('bună ziua'))).toContain(say('ro', 'detected'));
    // "pot participa?" is also the Romanian menu's button: the language is read first, so the pre-check is in Romanian
    const question = await newChat();
    const reply = textOf(await question.say('pot participa?'));
    expect(reply).toContain(say('ro', 'detected'));
    expect(reply).not.toContain('Facciamo una verifica preliminare');
  });

  test('a worker who never chooses a language leaves no user state (one store write less on a first turn); one who does, has it kept', async () => {
    const state = await bot.store.collection<{ _id: string; json: string }>(STATE_COLLECTION);
    const userKey = (chat: Chat): string => `emulator/users/${chat.userId}/`;
    const italian = await newChat();
    await italian.say('ciao, lavoro in una fabbrica di Bergamo che chiude, posso partecipare?');
    await italian.say('Bergamo');
    expect(await state.findOne({ _id: `emulator/conversations/${italian.conversationId}/` })).not.toBeNull();
    expect(await state.findOne({ _id: userKey(italian) })).toBeNull();
    const spanish = await newChat();
    await spanish.say('hola, trabajo en una fábrica de Bergamo que va a cerrar, ¿puedo participar?');
    expect(JSON.parse((await state.findOne({ _id: userKey(spanish) }))?.json ?? '{}')).toEqual({ userProfile: { language: 'es' } });
  });

  test('only the first message is read: a worker who goes on in Italian is not switched later', async () => {
    const chat = await newChat();
    await chat.say('ho perso il lavoro a marzo, cosa posso fare');
    expect(textOf(await chat.say('hola, trabajo en una fábrica de Bergamo que va a cerrar'))).not.toContain(say('es', 'detected'));
  });

  test('the menu’s language entry lists the eight by their own names; a tap switches', async () => {
    const chat = await newChat();
    const menu = await chat.say('menu');
    expect(buttonsOf(menu)).toContain('Lingua / Language');
    const choice = await chat.say('Lingua / Language');
    expect(lastText(choice)).toContain(say('it', 'prompt'));
    expect(buttonsOf(choice)).toEqual(EIGHT);
    expect(textOf(await chat.say('Shqip'))).toContain(say('sq', 'switched'));
    expect(lastText(await chat.say('Lingua / Language'))).toContain(say('sq', 'prompt'));
    expect(textOf(await chat.say('Français'))).toContain(say('fr', 'switched'));
    expect(textOf(await chat.say('English'))).toContain("let's continue in English");
  });

  test.each([
    ['română', 'ro'],
    ['romana', 'ro'],
    ['العربية', 'ar'],
    ['shqip', 'sq'],
    ['español', 'es'],
    ['in spagnolo', 'es'],
    ['українська', 'uk'],
    ['francais', 'fr'],
  ] as const)('writing %p switches to %s', async (text, language) => {
    const chat = await newChat();
    expect(textOf(await chat.say(text))).toContain(say(language, 'switched'));
  });

  test('every message the bot sends names the chat’s language as its locale, from the message that switches it on', async () => {
    // the web chat page follows this locale (web/app.js): a chat opened in Italian that goes on in Arabic reads right to left
    const localesOf = (activities: Partial<Activity>[]): string[] => [...new Set(activities.filter((a) => a.type === 'message').map((a) => String(a.locale)))];
    const chat = new Chat(bot, { locale: 'it-IT' });
    expect(localesOf(await chat.join())).toEqual(['it-IT']);
    // a first message in Arabic: the notice and the answer, both Arabic, though the page still sends it-IT
    const detected = await chat.say('مرحبا، عملت في مصنع في بريشيا أغلق أبوابه، ماذا يمكنني أن أفعل؟');
    expect(textOf(detected.slice(0, 1))).toContain(say('ar', 'detected'));
    expect(localesOf(detected)).toEqual(['ar-EG']);
    expect(localesOf(await chat.say('menu'))).toEqual(['ar-EG']);
    expect(localesOf(await chat.say('Italiano'))).toEqual(['it-IT']);
    expect(localesOf(await chat.say('Українська'))).toEqual(['uk-UA']);
    // a chat the page opened in Arabic (?lang=ar) that goes back to English
    const fromArabic = new Chat(bot, { locale: 'ar-EG' });
    expect(localesOf(await fromArabic.join())).toEqual(['ar-EG']);
    expect(localesOf(await fromArabic.say('English'))).toEqual(['en-US']);
  });

  test('inside a dialog: the native name switches and the question is asked again; "Romana" stays a first name', async () => {
    const chat = await newChat();
    await chat.say('Voglio essere ricontattato');
    const atName = await chat.say('Acconsento');
    expect(lastText(atName)).toMatch(/Come ti chiami\?/);
    const switched = await chat.say('Română');
    expect(textOf(switched)).toContain(say('ro', 'switched'));
    // asked again, now in Romanian, and still waiting for the name
    expect(lastText(switched)).toMatch(/Cum vă numiți\?/);
    expect(textOf(await chat.say('Italiano'))).toContain('continuiamo in italiano');
    const named = await chat.say('Romana');
    expect(textOf(named)).not.toContain(say('ro', 'switched'));
    expect(lastText(named)).toMatch(/numero di telefono/);
  });

  test.each([
    ['msteams', 'ro-RO', 'ro'],
    ['msteams', 'ar-EG', 'ar'],
    ['msteams', 'uk-UA', 'uk'],
    ['directline', 'sq-AL', 'sq'],
    ['directline', 'es-ES', 'es'],
    ['directline', 'fr-FR', 'fr'],
  ] as const)('%s with locale %s speaks %s; the menu’s language entry, in the language, opens the list', async (channelId, locale, language) => {
    const label = { ro: 'Limbă / Lingua', ar: 'اللغة / Lingua', sq: 'Gjuha / Lingua', es: 'Idioma / Lingua', uk: 'Мова / Lingua', fr: 'Langue / Lingua' }[language];
    const chat = await newChat(locale, channelId);
    expect(buttonsOf(await chat.say('menu'))).toContain(label);
    const list = await chat.say(label);
    expect(textOf(list)).toContain(say(language, 'prompt'));
    expect(buttonsOf(list)).toEqual(EIGHT);
  });
});
