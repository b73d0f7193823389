/**
 * Issue 17's first slice and issue 16's pre-check trigger, attacked as a new user would, through the real server:
 * the offer of a person holds for the very next message only (a language switch, "grazie" or a restart in between
 * end it), a run of misunderstood messages is broken by anything else said, the call-back button pressed inside the
 * referral goes on with it (the answers kept), "can I join the meeting?" is no request for the pre-check, and the
 * operators' days off are one Italian list (a day off published in another language would be silently ignored).
 */
import type { LanguageCode } from '../../models/languages';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfig } from '../../bot/config';
import { ContentValidationError } from '../../models/content';
import { isOpen } from '../../models/handoff/officeHours';
import { contentDir } from '../../models/paths';
import { readContentFolder } from '../../models/publishing/files';
import { call, injectApiBot, tokenFor, type InjectedApiBot } from '../api/helpers';
import { Chat, buttonsOf, textOf } from '../support/botServer';
import { aadId, personalChat } from '../teams/teamsChat';
import { localeString as say } from '../support/localeStrings';

jest.setTimeout(30_000);

let api: InjectedApiBot;
let seq = 0;
async function joined(locale = 'it-IT'): Promise<Chat> {
  seq += 1;
  const chat = new Chat(api.bot, { locale, channelId: 'webchat', userId: `worker-review-${seq}` });
  await chat.join();
  return chat;
}

beforeAll(async () => {
  api = await injectApiBot();
}, 120_000);
afterAll(async () => {
  await api.bot.stop();
});

const MISS_1 = 'xq zzkw brrm tlon';
const MISS_2 = 'qwxv plmz krrt vvsd';

describe('the offer of a person after two misses holds for the next message only', () => {
  test('a language switch in between: "yes" after the menu is no request for a person', async () => {
    const chat = await joined();
    await chat.sayText(MISS_1);
    expect(await chat.sayText(MISS_2)).toContain(say('it', 'fallback.notUnderstoodAgain'));
    await chat.sayText('english');
    expect(await chat.sayText('yes')).not.toContain(say('en', 'handoff.whatAreYou'));
  });

  test('"grazie" in between: a later "sì" is no request for a person', async () => {
    const chat = await joined();
    await chat.sayText(MISS_1);
    await chat.sayText(MISS_2);
    await chat.sayText('grazie');
    expect(await chat.sayText('sì')).not.toContain(say('it', 'handoff.whatAreYou'));
  });

  test('two misses separated by a pre-check and "ricomincia" are not in a row: the first wording again', async () => {
    const chat = await joined();
    expect(await chat.sayText(MISS_1)).toContain(say('it', 'fallback.notUnderstood'));
    expect(await chat.sayText('posso partecipare?')).toContain(say('it', 'eligibility.ask.place'));
    await chat.sayText('ricomincia');
    const second = await chat.sayText(MISS_2);
    expect(second).toContain(say('it', 'fallback.notUnderstood'));
    expect(second).not.toContain(say('it', 'fallback.notUnderstoodAgain'));
  });
});

test('inside the referral, a person asked for and then its call-back button pressed: the referral goes on, the name kept', async () => {
  const chat = await joined();
  expect(await chat.sayText('voglio essere contattato')).toContain(say('it', 'referral.intro'));
  await chat.sayText('sì');
  expect(await chat.sayText('Mario Rossi')).toContain(say('it', 'referral.ask.contact'));
  const asked = await chat.say('voglio parlare con un operatore');
  expect(textOf(asked)).toContain(say('it', 'handoff.liveUnavailable'));
  for (const button of buttonsOf(asked)) if (button !== say('it', 'inform.menu')) {
    const pressed = await chat.sayText(button);
    expect(pressed).not.toContain(say('it', 'referral.intro'));
    expect(pressed).toContain(say('it', 'referral.ask.contact'));
  }
  // the name typed before is still the one the referral holds
  const after = await chat.sayText('mario.rossi@example.org');
  expect(after).not.toContain(say('it', 'referral.ask.name'));
});

describe('"can I take part in X?" about something other than the measure is no request for the pre-check', () => {
  const elsewhere: Array<[string, string]> = [
    ['it-IT', 'posso partecipare alla riunione?'],
    ['it-IT', 'posso entrare in bagno?'],
    ['it-IT', 'posso candidarmi come rappresentante di classe?'],
    ['fr-FR', 'est-ce que je peux participer à la réunion de parents ?'],
    ['en-GB', 'can I apply for a passport?'],
    ['en-GB', 'am I eligible for a mortgage?'],
    ['es-ES', '¿puedo solicitar la ciudadanía?'],
  ];
  test.each(elsewhere)('%s: %s', async (locale, text) => {
    const chat = await joined(locale);
    const language = locale.slice(0, 2) as LanguageCode;
    expect(await chat.sayText(text)).not.toContain(say(language, 'eligibility.intro'));
  });

  const measure: Array<[string, string]> = [
    ['it-IT', 'posso partecipare?'],
    ['it-IT', 'ho diritto a questo sostegno?'],
    ['it-IT', 'posso aderire a questa iniziativa?'],
    ['it-IT', 'posso partecipare ad Azioni di Rete?'],
    ['en-GB', 'can I apply for this programme?'],
    ['es-ES', '¿tengo derecho a este programa?'],
  ];
  test.each(measure)('still the pre-check: %s: %s', async (locale, text) => {
    const chat = await joined(locale);
    const language = locale.slice(0, 2) as LanguageCode;
    expect(await chat.sayText(text)).toContain(say(language, 'eligibility.intro'));
  });
});

describe("the operators' days off are one list, kept in Italian", () => {
  test('a day off drafted in another language is refused, saying where it goes; an operator may not publish one', async () => {
    const staff = await tokenFor(api, 'staff-review', 'staff');
    const english = await call(api, 'PUT', '/api/content/en/holiday/bridge-day/draft', staff, { data: { name: 'Bridge day', rule: '2027-12-24' } });
    expect(english.status).toBe(400);
    expect(JSON.stringify(english.body)).toMatch(/Italian/);
    const operator = await tokenFor(api, 'op-review', 'operator');
    expect((await call(api, 'PUT', '/api/content/it/holiday/bridge-day/draft', operator, { data: { name: 'Ponte', rule: '2027-12-24' } })).status).toBe(403);
    expect((await call(api, 'PUT', '/api/content/it/holiday/bridge-day/draft', staff, { data: { name: 'Ponte', rule: '2027-12-24' } })).status).toBe(200);
  });

  test('an import holding a list of days off in another language is refused, the file named', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holidays-en-'));
    try {
      fs.cpSync(contentDir, dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}places`) });
      fs.writeFileSync(path.join(dir, 'holidays', 'en.json'), JSON.stringify({ locale: 'en', holidays: [{ id: 'christmas', name: 'Christmas', rule: '12-25' }] }));
      expect(() => readContentFolder(dir)).toThrow(ContentValidationError);
      expect(() => readContentFolder(dir)).toThrow(/holidays\/en\.json.*Italian/s);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('on Teams (a personal chat, buttons as a hero card)', () => {
  function dm(n: number): ReturnType<typeof personalChat> {
    return personalChat(api.bot, { id: `29:review-${n}`, name: `Worker ${n}`, aadObjectId: aadId(700 + n) }, 'it-IT');
  }

  test('two misses offer a person; a language switch in between ends the offer, as on Web Chat', async () => {
    const chat = dm(1);
    await chat.say(MISS_1);
    const again = await chat.say(MISS_2);
    expect(textOf(again)).toContain(say('it', 'fallback.notUnderstoodAgain'));
    expect(buttonsOf(again)).toContain(say('it', 'menu.person'));
    expect(textOf(await chat.say('sì'))).toContain(say('it', 'handoff.whatAreYou'));
    const other = dm(2);
    await other.say(MISS_1);
    await other.say(MISS_2);
    await other.say('english');
    expect(textOf(await other.say('yes'))).not.toContain(say('en', 'handoff.whatAreYou'));
  });

  test('asked for a person at the pre-check\'s place step: answered, the step asked again, and the pre-check goes on', async () => {
    const chat = dm(3);
    expect(textOf(await chat.say('posso partecipare?'))).toContain(say('it', 'eligibility.ask.place'));
    const asked = await chat.say('mi passi un operatore');
    expect(textOf(asked)).toContain(say('it', 'handoff.callBack'));
    expect(textOf(asked.slice(-1))).toContain(say('it', 'eligibility.ask.place'));
    expect(textOf(await chat.say('Bergamo'))).toContain(say('it', 'eligibility.ask.crisis'));
  });
});

describe('HANDOFF_HOURS at start, unusual values', () => {
  test('a range crossing midnight is refused, saying how to write it; its two halves are read, the night open across midnight', () => {
    expect(() => loadConfig({ HANDOFF_HOURS: 'Fri 22-02' })).toThrow(/HANDOFF_HOURS.*crossing midnight.*Fri 22:00-24:00; Sat 0:00-02:00/s);
    const hours = loadConfig({ HANDOFF_HOURS: 'Fri 22:00-24:00; Sat 0:00-02:00' }).handoffHours;
    expect(hours[4]).toEqual([{ start: 22 * 60, end: 24 * 60 }]);
    expect(hours[5]).toEqual([{ start: 0, end: 2 * 60 }]);
    // Friday 11 December 2026 23:30 and Saturday 01:30 in Rome (CET, UTC+1) open; Saturday 02:00 closed
    const calendar = { hours, holidays: [] };
    expect(isOpen(new Date('2026-12-11T22:30:00Z'), calendar)).toBe(true);
    expect(isOpen(new Date('2026-12-12T00:30:00Z'), calendar)).toBe(true);
    expect(isOpen(new Date('2026-12-12T01:00:00Z'), calendar)).toBe(false);
  });

  test('blank is the default; overlapping ranges and a range of no length are refused', () => {
    expect(loadConfig({ HANDOFF_HOURS: '  ' }).handoffHours[0]).toEqual([{ start: 540, end: 780 }, { start: 840, end: 1020 }]);
    expect(() => loadConfig({ HANDOFF_HOURS: 'Mon-Fri 9-13; Wed 12-14' })).toThrow(/overlapping hours on wed/);
    expect(() => loadConfig({ HANDOFF_HOURS: 'Sun 9-9' })).toThrow(/end after the start/);
  });
});

describe("a relative's case told without the usual work words still reaches the FAQ", () => {
  const cases: Array<[string, string]> = [
    ['it-IT', 'mio marito ha perso il posto, cosa può fare?'],
    ['it-IT', 'mio figlio ha 17 anni, può iscriversi?'],
    ['en-GB', 'my son is 17, can he sign up?'],
  ];
  test.each(cases)('%s: %s', async (locale, text) => {
    const chat = await joined(locale);
    const language = locale.slice(0, 2) as LanguageCode;
    expect(await chat.sayText(text)).not.toContain(say(language, 'fallback.notUnderstood'));
  });
});
