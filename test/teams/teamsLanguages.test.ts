/**
 * The eight languages through Teams' own activity shape (a personal chat, the Teams client's locale on every
 * activity, including regional ones such as es-419 and fr-CA) against the real server: the menu comes in the
 * locale's language, and inside the pre-check a question, a command said as a wish, a language's own name and a
 * negated situation are understood in that language.
 */
import type { RunningBot } from '../../bot/index';
import { startTestBot, textOf } from '../support/botServer';
import { aadId, personalChat, type TeamsUser } from './teamsChat';
import { localeString as say } from '../support/localeStrings';


/** A string of content/locales/<language>, by its dotted key; a missing one fails the test rather than match ''. */
let seq = 0;
function worker(): TeamsUser {
  seq += 1;
  return { id: `29:worker-${seq}`, name: `Worker ${seq}`, aadObjectId: aadId(100 + seq) };
}

let bot: RunningBot;
beforeAll(async () => {
  bot = await startTestBot();
}, 120_000);
afterAll(async () => {
  await bot.stop();
});

describe('Teams in eight languages', () => {
  test.each([
    ['it-IT', 'it'],
    ['en-US', 'en'],
    ['ro-RO', 'ro'],
    ['ar-EG', 'ar'],
    ['sq-AL', 'sq'],
    ['es-419', 'es'],
    ['uk-UA', 'uk'],
    ['fr-CA', 'fr'],
  ] as const)('the client locale %s gets the menu in %s', async (locale, language) => {
    const dm = personalChat(bot, worker(), locale);
    expect(textOf(await dm.say('menu'))).toContain(say(language, 'menu.prompt'));
  });

  test('es-419: "¿puedo participar?" starts the pre-check; a question at its step is answered and the step asked again; a wish for the menu ends it', async () => {
    const dm = personalChat(bot, worker(), 'es-419');
    const started = textOf(await dm.say('¿puedo participar?'));
    expect(started).toContain(say('es', 'eligibility.intro'));
    expect(started).toContain(say('es', 'eligibility.ask.place'));
    const asked = await dm.say('¿cuánto dura el curso?');
    expect(textOf(asked)).toMatch(new RegExp(`${say('es', 'dialog.questionThenStep')}|Volvamos a la pregunta anterior`));
    expect(textOf(asked.slice(-1))).toContain(say('es', 'eligibility.ask.place'));
    // the step goes on: a place inside a Spanish sentence is its answer
    expect(textOf(await dm.say('trabajo en una fábrica de Bergamo'))).toContain(say('es', 'eligibility.ask.crisis'));
    expect(textOf(await dm.say('quiero volver al menú'))).toContain(say('es', 'menu.prompt'));
  });

  test('uk-UA: "чи можу я взяти участь?" starts it; "Français" inside the step switches and asks again; the place in the new language', async () => {
    const dm = personalChat(bot, worker(), 'uk-UA');
    expect(textOf(await dm.say('чи можу я взяти участь?'))).toContain(say('uk', 'eligibility.ask.place'));
    const switched = await dm.say('Français');
    expect(textOf(switched)).toContain(say('fr', 'languageChoice.switched'));
    expect(textOf(switched.slice(-1))).toContain(say('fr', 'eligibility.ask.place'));
    expect(textOf(await dm.say('je travaille à Brescia'))).toContain(say('fr', 'eligibility.ask.crisis'));
    expect(textOf(await dm.say("annuler s'il vous plaît"))).toContain(say('fr', 'cancel.done'));
  });

  test('ar-EG: a comune written in Arabic script is read, and "عربي" inside a step keeps the dialog waiting', async () => {
    const dm = personalChat(bot, worker(), 'ar-EG');
    expect(textOf(await dm.say('هل يمكنني المشاركة؟'))).toContain(say('ar', 'eligibility.ask.place'));
    const named = await dm.say('عربي');
    expect(textOf(named)).toContain(say('ar', 'languageChoice.switched'));
    expect(textOf(named.slice(-1))).toContain(say('ar', 'eligibility.ask.place'));
    expect(textOf(await dm.say('أعمل في مصنع في ميلانو'))).toContain(say('ar', 'eligibility.ask.crisis'));
    expect(textOf(await dm.say('أريد الإلغاء'))).toContain(say('ar', 'cancel.done'));
  });

  test('ro-RO: a negated situation ("nu lucrez de două luni") is out of work, and the pre-check asks when they left', async () => {
    const dm = personalChat(bot, worker(), 'ro-RO');
    expect(textOf(await dm.say('pot participa?'))).toContain(say('ro', 'eligibility.ask.place'));
    expect(textOf(await dm.say('lucrez într-o fabrică din Bergamo'))).toContain(say('ro', 'eligibility.ask.crisis'));
    expect(textOf(await dm.say('firma s-a închis'))).toContain(say('ro', 'eligibility.ask.situation'));
    expect(textOf(await dm.say('nu lucrez de două luni'))).toContain(say('ro', 'eligibility.ask.leftOn'));
  });
});
