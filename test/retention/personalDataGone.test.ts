/**
 * Nothing of a person is left anywhere once they erase their data, or once an abandoned dialog's state expires:
 * searched for the way an auditor would, in the embedded store's files as they are on disk (superseded lines of
 * the append log included) and in every document of every MongoDB collection. The chats go through the server as
 * built, its adapter in process (test/support/inProcessBot.ts); the retention pass at start-up, through a server
 * started on the same data.
 */
import type { RunningBot } from '../../bot/index';
import { Chat, startTestBot } from '../support/botServer';
import { startInProcessBot } from '../support/inProcessBot';
import { botStores, dropBotDatabase, storedText } from '../support/storedData';
import { eventually } from '../support/eventually';

const HOUR_MS = 60 * 60 * 1000;
const NAME = 'Ottavio Brambillasca';
/** how the person's data could appear: as typed, normalised, lowercased by the scrubber */
const TRACES = ['brambillasca', '8891234', '889 1234', 'ottavio.bramb'];

async function tracesIn(bot: Pick<RunningBot, 'config'>): Promise<string[]> {
  const text = (await storedText(bot)).toLowerCase();
  return TRACES.filter((trace) => text.includes(trace));
}

/** Polls until the store holds no trace of the person (a pass running in the background), or the deadline. */
async function tracesAfter(bot: RunningBot, ms: number): Promise<string[]> {
  // past the deadline, what is still there is returned for the assertion to show
  await eventually(async () => (await tracesIn(bot)).length === 0, { withinMs: ms, everyMs: 100 }).catch(() => undefined);
  return tracesIn(bot);
}

describe.each(botStores())('personal data leaves no trace, on the $name store', (storeKind) => {
  test('"cancella i miei dati" half-way through a second referral: referral, subscription, dialog state, pre-check, unanswered question, all gone before the confirmation', async () => {
    const bot = await startInProcessBot(storeKind.env(), { clock: () => new Date('2026-06-15T10:00:00Z') });
    try {
      const chat = new Chat(bot);
      await chat.join();
      for (const line of ['Posso partecipare?', 'Treviglio', 'Cassa integrazione straordinaria', 'Lavoro ancora lì, ma rischio di perdere il posto', 'Sì, sono previsti esuberi', 'Brambillasca Meccanica srl', 'Metalmeccanico']) await chat.say(line);
      expect(await chat.sayText('Voglio essere ricontattato')).toMatch(/Acconsenti/);
      for (const line of ['Acconsento', NAME, '347 889 1234 oppure ottavio.bramb@example.org', 'Pomeriggio']) await chat.say(line);
      const reference = /AR-[2-9A-HJ-NP-Z]{5}/.exec(await chat.sayText('Conferma'))?.[0] ?? '';
      expect(reference).not.toBe('');
      for (const line of ['Voglio ricevere novità', 'Sì, iscrivimi', 'Bergamo']) await chat.say(line);
      expect(await chat.sayText('Tutte')).toMatch(/sei iscritto/);
      // a question the bot does not understand, with the person's name and number in it
      await chat.say(`mi chiamo ${NAME}, il mio cane si chiama Fufi e il mio numero è 347 889 1234`);
      // a second referral, abandoned half-way with the name and the phone in the dialog
      for (const line of ['Voglio essere ricontattato', 'Acconsento', NAME]) await chat.say(line);
      expect(await chat.sayText('347 889 1234')).toMatch(/Quando preferisci essere contattato/);
      expect(await tracesIn(bot)).toEqual(expect.arrayContaining(['brambillasca', '8891234', 'ottavio.bramb']));

      expect(await chat.sayText('cancella i miei dati')).toMatch(/Vuoi davvero cancellare/);
      const done = await chat.sayText('Sì, cancella');
      expect(done).toMatch(/Richieste di contatto cancellate: 1/);
      expect(done).toMatch(/Iscrizioni alle notizie chiuse: 1/);
      expect(done).toMatch(/Risposte di questa conversazione: cancellate/);
      // the confirmation came back: by now nothing of the person is left, on disk or in any collection
      expect(await tracesIn(bot)).toEqual([]);
      expect((await bot.domain.leads.getByReference(reference))?.status).toBe('erased');
      // and the conversation goes on from nothing: the abandoned referral's next answer is not taken as one
      expect(await chat.sayText('Pomeriggio')).not.toMatch(/Come si chiama l'azienda/);
    } finally {
      await dropBotDatabase(bot);
      await bot.stop();
    }
  }, 60000);

  test(`an abandoned referral's state expires after DIALOG_STATE_TTL_HOURS; the retention pass deletes it, audits the count, and leaves no copy on disk; the chosen language lives on`, async () => {
    let now = new Date('2026-06-15T10:00:00Z');
    const env = storeKind.env();
    const first = await startInProcessBot({ ...env, DIALOG_STATE_TTL_HOURS: '24' }, { clock: () => now });
    let second: RunningBot | undefined;
    try {
      // A: abandoned, then back after a day; B: abandoned for good, having chosen English first
      const a = new Chat(first);
      const b = new Chat(first);
      await a.join();
      await b.join();
      await b.say('english');
      for (const chat of [a, b]) {
        for (const line of ['Voglio essere ricontattato', chat === a ? 'Acconsento' : 'I consent', NAME]) await chat.say(line);
        expect(await chat.sayText('347 889 1234')).toMatch(/Quando preferisci essere contattato|When do you prefer to be contacted/);
      }
      expect(await tracesIn(first)).toEqual(expect.arrayContaining(['brambillasca', '8891234']));

      now = new Date(now.getTime() + 23 * HOUR_MS);
      // within the TTL the dialog is still there
      expect(await a.sayText('aiuto')).toMatch(/Quando preferisci essere contattato/);
      now = new Date(now.getTime() + 25 * HOUR_MS);
      // past it, A's referral is gone: its next answer is not taken as one
      expect(await a.sayText('Pomeriggio')).not.toMatch(/Come si chiama l'azienda/);
      await first.stop();

      // the retention pass at start-up: B's state is deleted, audited and purged from disk
      second = await startTestBot({ ...env, DATA_DIR: first.config.dataDir, DIALOG_STATE_TTL_HOURS: '24' }, { clock: () => now });
      const started = second;
      // the pass audits what it deleted, then purges the superseded copies (on the embedded store, in the
      // background): the store is searched from the audit entry on, not polled whole while the pass runs
      await eventually(async () => (await started.domain.audit.list({ action: 'bot_state.expired' })).items.length > 0, { what: 'the retention pass at start-up' });
      expect(await tracesAfter(second, 10000)).toEqual([]);
      const audit = (await second.domain.audit.list({ action: 'bot_state.expired' })).items;
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actor: 'system', target: 'bot_state', details: { deleted: 1, ttlHours: 24 } });
      // B's language choice (user state, nothing else in it) outlives the dialog state
      expect(await new Chat(second, { userId: b.userId }).sayText('menu')).toMatch(/How can I help you\?/);
    } finally {
      if (second) {
        await dropBotDatabase(second);
        await second.stop();
      } else {
        await dropBotDatabase(first);
        await first.stop();
      }
    }
  }, 60000);
});
