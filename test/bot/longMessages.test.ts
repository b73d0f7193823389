import * as diagnostics from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import type { RunningBot } from '../../bot/index';
import { Chat, buttonsOf, startTestBot, textOf } from '../support/botServer';

/**
 * Long messages through the real server: Teams delivers about 28 KB, and a worker may paste a whole e-mail. The
 * bot reads the first 2,000 characters, says so, answers normally, and keeps answering everyone else meanwhile.
 */
const KB_28 = 28 * 1024;
const CUT_IT = /Il tuo messaggio è molto lungo: ho letto solo i primi 2000 caratteri/;
const CUT_EN = /Your message is very long: I read only the first 2,000 characters/;
/** The worst case of the recognizers suite's phone numbers (seconds per KB before the windows). */
const NUMBERS = 'tel. 333 123 4567 / 02 1234 5678 / 0363 123456 / +39 345 765 4321; ';
const PROSE =
  'Buongiorno, sono Mario Rossi e lavoravo a Treviglio in una fabbrica metalmeccanica in cassa integrazione dal 12 marzo 2023. ' +
  "L'azienda ha annunciato esuberi. Potete chiamarmi al 333 123 4567 oppure scrivere a mario.rossi@example.com. ";

function repeatTo(unit: string, length: number): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

async function atContactStep(bot: RunningBot, locale?: string): Promise<Chat> {
  const chat = new Chat(bot, { locale });
  await chat.join();
  const steps = locale?.startsWith('en') ? ['I want to be contacted', 'I consent', 'Mario Rossi'] : ['Voglio essere ricontattato', 'Acconsento', 'Mario Rossi'];
  for (const line of steps) await chat.say(line);
  return chat;
}

describe('long messages (real server)', () => {
  let bot: RunningBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => {
    await bot.stop();
  });

  test('28 KB at the referral contact step: the notice, the phone read from the first 2,000 characters, the next question', async () => {
    const chat = await atContactStep(bot);
    const replies = await chat.say(repeatTo(PROSE, KB_28));
    expect(replies.length).toBe(2);
    expect(replies[0].text).toMatch(CUT_IT);
    expect(textOf(replies.slice(1))).toMatch(/Quando preferisci essere contattato\?/);
    for (const line of ['Pomeriggio', 'Preferisco non dirlo']) await chat.say(line);
    const summary = await chat.sayText('Non lo so');
    expect(summary).toMatch(/\+393331234567/);
    expect(summary).toMatch(/mario\.rossi@example\.com/);
  });

  test('28 KB at the menu: the notice, then a normal answer to what the first 2,000 characters say', async () => {
    const chat = new Chat(bot);
    await chat.join();
    const replies = await chat.say(repeatTo(PROSE, KB_28));
    expect(replies[0].text).toMatch(CUT_IT);
    // the worker described their case: the pre-check starts with what they said
    const answer = textOf(replies.slice(1));
    expect(answer).toMatch(/verifica preliminare/);
    expect(answer).toMatch(/Treviglio \(BG\)/);
  });

  test('in English, the notice is in English', async () => {
    const chat = await atContactStep(bot, 'en-GB');
    const replies = await chat.say(repeatTo(NUMBERS, KB_28));
    expect(replies[0].text).toMatch(CUT_EN);
    expect(textOf(replies.slice(1))).toMatch(/When do you prefer to be contacted\?/);
  });

  test("while one worker's 28 KB list of numbers is read, another chat's turn is answered", async () => {
    const chat = await atContactStep(bot);
    const other = new Chat(bot);
    await other.join();
    // the other turn is sent once the server has read the whole long one, so it comes in behind it
    let longRead: () => void = () => undefined;
    const longArrived = new Promise<void>((resolve) => (longRead = resolve));
    const onRequest = (message: unknown): void => {
      const request = (message as { request: IncomingMessage }).request;
      if (Number(request.headers['content-length'] ?? 0) >= KB_28) request.once('end', () => longRead());
    };
    diagnostics.subscribe('http.server.request.start', onRequest);
    const long = chat.say(repeatTo(NUMBERS, KB_28));
    await longArrived;
    diagnostics.unsubscribe('http.server.request.start', onRequest);
    const started = Date.now();
    const meanwhile = await other.say('menu');
    const waited = Date.now() - started;
    expect(buttonsOf(meanwhile)).toContain("Cos'è la misura");
    // before the fix this turn waited minutes behind the long one; the margin is for a loaded machine
    expect(waited).toBeLessThan(5000);
    const replies = await long;
    expect(replies[0].text).toMatch(CUT_IT);
    expect(textOf(replies.slice(1))).toMatch(/Quando preferisci essere contattato\?/);
  });

  test('stored free text stays bounded: a 28 KB name is asked again, a 28 KB preferred time is kept short', async () => {
    const chat = new Chat(bot);
    await chat.join();
    for (const line of ['Voglio essere ricontattato', 'Acconsento']) await chat.say(line);
    const name = await chat.say(repeatTo('Mario Rossi ', KB_28));
    expect(name[0].text).toMatch(CUT_IT);
    expect(textOf(name.slice(1))).toMatch(/al massimo 100 caratteri/);
    await chat.say('Mario Rossi');
    await chat.say('333 123 4567');
    const timeTurn = await chat.say(repeatTo('dopo le cinque ', KB_28));
    expect(timeTurn[0].text).toMatch(CUT_IT);
    await chat.say('Preferisco non dirlo');
    const summary = await chat.sayText('Non lo so');
    const time = /Orario preferito: ([^\n]*)/.exec(summary)?.[1] ?? '';
    expect(time).toMatch(/^dopo le cinque/);
    expect(time.length).toBeLessThanOrEqual(80);
  });
});
