import type { RunningBot } from '../../bot/index';
import { Chat, buttonsOf, startTestBot, textOf } from '../support/botServer';

/** A fixed clock: "a marzo" must mean March 2026 whatever day the tests run. */
const NOW = new Date('2026-06-15T10:00:00Z');

interface Step {
  say: string;
  expect?: RegExp[];
  not?: RegExp[];
}

interface Case {
  name: string;
  locale?: string;
  steps: Step[];
}

const LIKELY = /probabilmente puoi partecipare/;
const VERIFY = /serve una verifica da parte di un operatore/;
const NOT_ELIGIBLE = /non rientri nella misura/;

const cases: Case[] = [
  {
    name: 'eligible: at risk with CIGS in Lombardy, then referral offered',
    steps: [
      { say: 'Posso partecipare?', expect: [/verifica preliminare/, /Dove si trova la sede/] },
      { say: 'Treviglio', expect: [/Treviglio \(BG\), Lombardia/, /crisi/] },
      { say: 'Cassa integrazione straordinaria', expect: [/cassa integrazione straordinaria/, /situazione/] },
      { say: 'Lavoro ancora lì, ma rischio di perdere il posto', expect: [/Come si chiama l'azienda/] },
      { say: 'Rossi Meccanica srl', expect: [/settore/] },
      { say: 'Metalmeccanico', expect: [LIKELY, /unità produttive\/operative ubicate in Lombardia/, /non una garanzia di ammissione/, /ar-2018\.1/] },
    ],
  },
  {
    name: 'eligible: unemployed after a bankruptcy, with the month of leaving',
    steps: [
      { say: 'Posso partecipare?' },
      { say: 'lavoravo a Seriate' , expect: [/Seriate \(BG\)/] },
      { say: "l'azienda è fallita", expect: [/fallimento/] },
      { say: 'sono stato licenziato e non lavoro', expect: [/quando sei uscito/] },
      { say: 'a marzo', expect: [/marzo 2026/] },
      { say: 'preferisco non dirlo' },
      { say: 'non lo so', expect: [LIKELY, /già espulsi da aziende in crisi/] },
    ],
  },
  {
    name: 'not eligible: work site outside Lombardy, with where to turn',
    steps: [
      { say: 'Posso partecipare?' },
      { say: 'Parma', expect: [/Parma \(PR\), Emilia-Romagna, fuori dalla Lombardia/] },
      { say: 'cassa integrazione straordinaria' },
      { say: 'sono in cassa integrazione', expect: [NOT_ELIGIBLE, /solo per lavoratori di unità produttive\/operative ubicate in Lombardia/, /Centro per l'Impiego/], not: [/Come si chiama l'azienda/] },
    ],
  },
  {
    name: 'not eligible: no crisis',
    steps: [
      { say: 'Posso partecipare?' },
      { say: 'Milano' },
      { say: 'no, nessuna crisi' },
      { say: 'lavoro ancora lì', expect: [NOT_ELIGIBLE, /non risulta in crisi/] },
    ],
  },
  {
    name: 'not eligible: already working again',
    steps: [
      { say: 'Posso partecipare?' },
      { say: 'Brescia' },
      { say: 'licenziamenti collettivi' },
      { say: 'ho trovato un nuovo lavoro', expect: [/quando sei uscito/] },
      { say: 'Non ricordo', expect: [NOT_ELIGIBLE, /Hai già un nuovo lavoro/] },
    ],
  },
  {
    name: 'to verify: every answer "non lo so"',
    steps: [
      { say: 'Posso partecipare?' },
      { say: 'non lo so', expect: [/la sede la verificherà un operatore/] },
      { say: 'boh' },
      { say: 'non saprei' },
      { say: 'Preferisco non dirlo' },
      { say: 'Non lo so', expect: [VERIFY, /Non sappiamo ancora dove si trova la sede/, /Vuoi essere ricontattato/] },
    ],
  },
  {
    name: 'free text first: facts in the first message skip their questions',
    steps: [
      { say: 'lavoravo a Treviglio in una fabbrica fallita e ora sono disoccupato, posso partecipare?', expect: [/Treviglio \(BG\), Lombardia/, /fallimento/, /disoccupato/, /quando sei uscito/], not: [/Dove si trova la sede/] },
    ],
  },
  {
    name: 'correction at any point: "no, era Brescia"',
    steps: [
      { say: 'Posso partecipare?' },
      { say: 'Bergamo', expect: [/Bergamo \(BG\)/] },
      { say: 'no, era Brescia', expect: [/correggo/, /Brescia \(BS\), Lombardia/, /crisi/] },
    ],
  },
  {
    name: 'ambiguous place: the bot asks which, and a number picks it',
    steps: [
      { say: 'Posso partecipare?' },
      { say: 'Castelnuovo', expect: [/Quale intendi/] },
      { say: '1', expect: [/Castelnuovo Bocca d'Adda \(LO\), Lombardia/] },
    ],
  },
  {
    name: 're-prompts: a hint first, then the choices as buttons',
    steps: [
      { say: 'Posso partecipare?' },
      { say: 'qwerty zxcv', expect: [/Non ho riconosciuto il luogo/] },
      { say: 'asdfgh jkl', expect: [/Scegli una delle opzioni/] },
    ],
  },
  {
    name: '"annulla" leaves cleanly, and the next message is handled normally',
    steps: [
      { say: 'Posso partecipare?' },
      { say: 'annulla', expect: [/ho interrotto/] },
      { say: 'Milano', not: [/crisi\?/] },
    ],
  },
  {
    name: 'English: the same path in English',
    locale: 'en-US',
    steps: [
      { say: 'Can I take part?', expect: [/pre-check/, /Where is the site/] },
      { say: 'I work in Milan', expect: [/Milano \(MI\), Lombardia/] },
      { say: "I don't know", expect: [/situation today/] },
      { say: "I'm still employed but the company is closing", expect: [/company's name/] },
      { say: 'Prefer not to say' },
      { say: "Don't know", expect: [/an operator needs to check/] },
    ],
  },
];

describe('eligibility pre-check in conversation (real server, fixed clock)', () => {
  let bot: RunningBot;
  beforeAll(async () => {
    bot = await startTestBot({}, { clock: () => NOW });
  });
  afterAll(async () => {
    await bot.stop();
  });

  test.each(cases)('$name', async ({ locale, steps }) => {
    const chat = new Chat(bot, { locale: locale ?? 'it-IT' });
    await chat.join();
    for (const step of steps) {
      const replies = await chat.say(step.say);
      const text = textOf(replies);
      for (const pattern of step.expect ?? []) expect(`${step.say} -> ${text}`).toMatch(pattern);
      for (const pattern of step.not ?? []) expect(`${step.say} -> ${text}`).not.toMatch(pattern);
    }
  });

  test('every question offers buttons for the common answers', async () => {
    const chat = new Chat(bot);
    await chat.join();
    expect(buttonsOf(await chat.say('Posso partecipare?'))).toEqual(expect.arrayContaining(['Fuori Lombardia', 'Non lo so']));
    expect(buttonsOf(await chat.say('Lecco'))).toEqual(expect.arrayContaining(['Cassa integrazione straordinaria', 'Nessuna crisi', 'Non lo so']));
    expect(buttonsOf(await chat.say('chiusura'))).toEqual(expect.arrayContaining(['Sono uscito e sono disoccupato']));
  });

  test('after two failed answers the place question lists every Lombardy province', async () => {
    const chat = new Chat(bot);
    await chat.join();
    await chat.say('Posso partecipare?');
    await chat.say('qwerty');
    const buttons = buttonsOf(await chat.say('zxcvb'));
    expect(buttons).toHaveLength(14);
    expect(buttons).toEqual(expect.arrayContaining(['Monza e della Brianza (MB)', 'Sondrio (SO)', 'Fuori Lombardia']));
  });
});
