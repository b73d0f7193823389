/**
 * A person asked for, through the real server (issue 17, the worker-facing slice): in the eight languages on Web
 * Chat and in a Teams personal chat, from the menu's entry, inside a pre-check step (answered, then the step asked
 * again), after two misunderstood turns (offered; "sì" takes it), and worded from office hours with an injected
 * clock: in hours (winter and summer time), at lunch, on a Saturday, on Milan's 7 December, on Easter Monday 2027,
 * and on a day off staff publish through the content API. Counted in the funnel by language.
 */
import type { Activity } from 'botbuilder';
import type { LanguageCode } from '../../models/languages';
import { call, injectApiBot, tokenFor, type InjectedApiBot } from '../api/helpers';
import { Chat, buttonsOf, textOf } from '../support/botServer';
import { eventually } from '../support/eventually';
import { aadId, personalChat } from '../teams/teamsChat';
import { localeString as say } from '../support/localeStrings';


let api: InjectedApiBot;
let staff: string;
let seq = 0;

/** Moves the bot's clock forward to an instant (the scenarios below run in time order). */
function at(instant: string): void {
  const ms = new Date(instant).getTime() - api.clock.now().getTime();
  if (ms < 0) throw new Error(`the clock only moves forward: ${instant}`);
  api.clock.advance(ms);
}

function webChat(locale = 'it-IT'): Chat {
  seq += 1;
  return new Chat(api.bot, { locale, channelId: 'webchat', userId: `worker-handoff-${seq}` });
}

async function joined(locale = 'it-IT'): Promise<Chat> {
  const chat = webChat(locale);
  await chat.join();
  return chat;
}

beforeAll(async () => {
  api = await injectApiBot();
  staff = await tokenFor(api, 'staff-handoff', 'staff');
}, 120_000);
afterAll(async () => {
  await api.bot.stop();
});

describe('asked for a person (clock moving forward through the scenarios)', () => {
  test("7 December 2026 (Sant'Ambrogio, a Monday) at 10:00: closed; operators are back Wednesday 9 December at 9:00, past the Immacolata", async () => {
    at('2026-12-07T09:00:00Z');
    const chat = await joined();
    const replies = await chat.say('voglio parlare con un operatore');
    const text = textOf(replies);
    expect(text).toContain(say('it', 'handoff.whatAreYou'));
    expect(text).toContain(say('it', 'handoff.closed', { when: 'mercoledì 9 dicembre dalle 9:00' }));
    expect(text).toContain(say('it', 'handoff.callBack'));
    expect(text).not.toMatch(/\b\d{2,4}[ .]?\d{3}[ .]?\d{3,4}\b/); // no phone number invented
    expect(buttonsOf(replies)).toEqual(expect.arrayContaining([say('it', 'menu.contact')]));
    // "sì" right after takes the call-back: the referral starts (its consent first)
    expect(await chat.sayText('sì')).toContain(say('it', 'referral.intro'));
  });

  test('a winter weekday at 10:00 Rome time (09:00 UTC): in hours, said plainly that no operator can join yet; in all eight languages', async () => {
    at('2027-01-13T09:00:00Z');
    const asks: Array<[string, LanguageCode, string]> = [
      ['it-IT', 'it', 'posso parlare con qualcuno?'],
      ['en-GB', 'en', 'operator please'],
      ['ro-RO', 'ro', 'vreau să vorbesc cu un operator'],
      ['ar-EG', 'ar', 'أريد التحدث مع موظف'],
      ['sq-AL', 'sq', 'dua të flas me një person'],
      ['es-ES', 'es', '¿puedo hablar con alguien?'],
      ['uk-UA', 'uk', 'хочу поговорити з людиною'],
      ['fr-FR', 'fr', "je veux parler à un conseiller"],
    ];
    for (const [locale, language, ask] of asks) {
      const chat = await joined(locale);
      const replies = await chat.say(ask);
      const text = textOf(replies);
      expect(text).toContain(say(language, 'handoff.liveUnavailable'));
      expect(text).toContain(say(language, 'handoff.callBack'));
      expect(buttonsOf(replies)).toEqual(expect.arrayContaining([say(language, 'menu.contact')]));
    }
  });

  test('"sei un robot?" gets the honest answer (a virtual assistant) and the same offer; "are you a bot?" too', async () => {
    const it = await joined();
    const text = await it.sayText('sei un robot?');
    expect(text).toContain(say('it', 'handoff.whatAreYou'));
    expect(text).toContain(say('it', 'handoff.liveUnavailable'));
    const en = await joined('en-GB');
    expect(await en.sayText('am I talking to a person?')).toContain(say('en', 'handoff.whatAreYou'));
  });

  test('the menu has the new entry in each language, and pressing it answers as a person asked for', async () => {
    for (const language of ['it', 'en', 'ro', 'ar', 'sq', 'es', 'uk', 'fr'] as const) {
      const chat = await joined(language === 'en' ? 'en-GB' : language);
      const menu = await chat.say('menu');
      expect(buttonsOf(menu)).toContain(say(language, 'menu.person'));
      expect(await chat.sayText(say(language, 'menu.person'))).toContain(say(language, 'handoff.liveUnavailable'));
    }
  });

  test('inside a pre-check step: "voglio parlare con un operatore" and the menu entry are answered, the step asked again, the answers kept', async () => {
    const chat = await joined();
    expect(await chat.sayText('posso partecipare?')).toContain(say('it', 'eligibility.ask.place'));
    const asked = await chat.say('voglio parlare con un operatore');
    expect(textOf(asked)).toContain(say('it', 'handoff.liveUnavailable'));
    // no question of its own at the end: the step's question comes next
    expect(textOf(asked)).not.toContain(say('it', 'handoff.callBackAsk'));
    expect(textOf(asked.slice(-1))).toContain(say('it', 'eligibility.ask.place'));
    expect(await chat.sayText('Bergamo')).toContain(say('it', 'eligibility.ask.crisis'));
    const pressed = await chat.say(say('it', 'menu.person'));
    expect(textOf(pressed)).toContain(say('it', 'handoff.liveUnavailable'));
    expect(textOf(pressed.slice(-1))).toContain(say('it', 'eligibility.ask.crisis'));
  });

  test('two misunderstood turns in a row: the second offers a person, and "sì" right after takes the offer', async () => {
    const chat = await joined();
    const nonsense = 'xq zzkw brrm tlon';
    expect(await chat.sayText(nonsense)).toContain(say('it', 'fallback.notUnderstood'));
    const again = await chat.say('qwxv plmz krrt vvsd');
    expect(textOf(again)).toContain(say('it', 'fallback.notUnderstoodAgain'));
    expect(buttonsOf(again)).toContain(say('it', 'menu.person'));
    expect(await chat.sayText('sì')).toContain(say('it', 'handoff.liveUnavailable'));
  });

  test('two misses with an answer between them are not in a row: no offer yet', async () => {
    const chat = await joined();
    expect(await chat.sayText('xq zzkw brrm tlon')).toContain(say('it', 'fallback.notUnderstood'));
    expect(await chat.sayText("cos'è Azioni di Rete per il lavoro?")).toContain('Regione Lombardia');
    const second = await chat.sayText('qwxv plmz krrt vvsd');
    expect(second).toContain(say('it', 'fallback.notUnderstood'));
    expect(second).not.toContain(say('it', 'fallback.notUnderstoodAgain'));
  });

  test('a sentence that only mentions the network\'s operators is a question, not a person asked for', async () => {
    const chat = await joined();
    expect(await chat.sayText("l'operatore della rete mi ha detto che devo iscrivermi entro marzo")).not.toContain(say('it', 'handoff.whatAreYou'));
  });

  test('a Teams personal chat: the same answer, in the client\'s language', async () => {
    seq += 1;
    const dm = personalChat(api.bot, { id: `29:handoff-${seq}`, name: `Worker ${seq}`, aadObjectId: aadId(900 + seq) }, 'fr-FR');
    const replies: Activity[] = await dm.say('je veux parler à une personne');
    expect(textOf(replies)).toContain(say('fr', 'handoff.liveUnavailable'));
    expect(textOf(replies)).toContain(say('fr', 'handoff.callBack'));
  });

  test('13:30 Rome time: closed for lunch; back at 14:00 the same day', async () => {
    at('2027-01-13T12:30:00Z');
    const chat = await joined();
    expect(await chat.sayText('una persona')).toContain(say('it', 'handoff.closed', { when: 'mercoledì 13 gennaio dalle 14:00' }));
  });

  test('a Saturday: back on Monday at 9:00, in the worker\'s language', async () => {
    at('2027-01-16T09:00:00Z');
    expect(await (await joined()).sayText('c\'è un umano?')).toContain(say('it', 'handoff.closed', { when: 'lunedì 18 gennaio dalle 9:00' }));
    expect(await (await joined('en-GB')).sayText('human')).toContain(say('en', 'handoff.closed', { when: 'on Monday 18 January from 9:00' }));
    expect(await (await joined('es-ES')).sayText('quiero hablar con una persona')).toContain(say('es', 'handoff.closed', { when: 'el lunes, 18 de enero desde las 9:00' }));
  });

  test('a day off staff publish through the content API closes that day; the answer names the next working day', async () => {
    at('2027-01-18T07:00:00Z');
    const draft = await call(api, 'PUT', '/api/content/it/holiday/chiusura-ufficio-2027-01-19/draft', staff, { data: { name: 'Chiusura straordinaria degli uffici', rule: '2027-01-19' } });
    expect(draft.status).toBe(200);
    expect((await call(api, 'POST', '/api/content/it/holiday/chiusura-ufficio-2027-01-19/publish', staff)).status).toBe(200);
    const bad = await call<{ issues: Array<{ field: string; problem: string }> }>(api, 'PUT', '/api/content/it/holiday/sbagliata/draft', staff, { data: { name: 'Sbagliata', rule: '31-12' } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/MM-DD/);
    at('2027-01-19T09:00:00Z');
    await eventually(async () => (await (await joined()).sayText('operatore')).includes(say('it', 'handoff.closed', { when: 'mercoledì 20 gennaio dalle 9:00' })), {
      withinMs: 10_000,
      everyMs: 200,
      what: 'the published day off in the answer',
    });
  });

  test('Easter Monday 2027 at 10:00 summer time: closed, back on Tuesday 30 March at 9:00', async () => {
    at('2027-03-29T08:00:00Z');
    expect(await (await joined()).sayText('mi passi un operatore')).toContain(say('it', 'handoff.closed', { when: 'martedì 30 marzo dalle 9:00' }));
  });

  test('a summer weekday at 10:00 Rome time (08:00 UTC): in hours', async () => {
    at('2027-07-14T08:00:00Z');
    expect(await (await joined()).sayText('voglio parlare con una persona')).toContain(say('it', 'handoff.liveUnavailable'));
  });

  test('the funnel counts a person asked for, by language ("sei un robot?" is not counted)', async () => {
    type Report = { rows: Array<{ group: string; values: Record<string, number> }>; totals: Record<string, number> };
    const report = await eventually(
      async () => {
        const { body } = await call<Report>(api, 'GET', '/api/analytics/funnel?groupBy=language', staff);
        return body.totals.handoffs_asked >= 28 ? body : undefined;
      },
      { withinMs: 10_000, everyMs: 250, what: 'the counters flushed' },
    );
    const byLanguage = Object.fromEntries(report.rows.map((r) => [r.group, r.values.handoffs_asked]));
    expect(byLanguage.fr).toBe(3); // the winter ask, the menu entry, Teams
    expect(byLanguage.en).toBe(3); // operator please, the menu entry, Saturday ("am I talking to a person?" is not counted)
    expect(byLanguage.ro).toBe(2);
    expect(byLanguage.ar).toBe(2);
    expect(byLanguage.sq).toBe(2);
    expect(byLanguage.uk).toBe(2);
    expect(byLanguage.es).toBe(3);
    // 7 December, 10:00, the menu entry, twice in the step, the offer taken, 13:30, Saturday, Easter, summer, and the
    // published day off at least once (the check that waits for it may ask again)
    expect(byLanguage.it).toBeGreaterThanOrEqual(11);
  });
});
