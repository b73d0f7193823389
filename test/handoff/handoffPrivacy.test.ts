/**
 * A handoff's transcript and "i miei dati" / "cancella i miei dati" through the server as built, its adapter in
 * process (test/support/inProcessBot.ts: no socket or background job is part of what is shown), on each store (MongoDB
 * when MONGODB_URI is set): a transcript kept with the worker's consent is listed, then erased with the rest, and no
 * copy of its text is left in what the store holds (the embedded store's append log included).
 */
import { readLocaleResources } from '../../models/i18n';
import { Chat, textOf } from '../support/botServer';
import { startInProcessBot, type InProcessBot } from '../support/inProcessBot';
import { botStores, dropBotDatabase, storedText } from '../support/storedData';

const strings = readLocaleResources();
const it = (key: string, vars: Record<string, string | number> = {}): string => {
  const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], strings.it) as string;
  return Object.entries(vars).reduce((s, [name, v]) => s.replace(`{{${name}}}`, String(v)), value);
};

const anna = { accountId: 'acc-anna', name: 'anna', role: 'operator' as const, projectIds: ['esempio-bg-metalmeccanico'], provinces: ['BG'] };

describe.each(botStores())('a handoff transcript in "i miei dati" and its erasure, on the $name store', (storeKind) => {
  // one server for the file's cases (each its own worker, and what it looks for in the store its own text)
  let bot: InProcessBot;
  beforeAll(async () => {
    bot = await startInProcessBot(storeKind.env(), { clock: () => new Date('2026-06-15T08:00:00Z') });
  });
  afterAll(async () => {
    await dropBotDatabase(bot);
    await bot.stop();
  });

  test('kept with consent, listed, erased on request with no copy left', async () => {
    const userId = 'worker-transcript-1';
    const identity = { channel: 'webchat', userId };
    const chat = new Chat(bot, { locale: 'it-IT', channelId: 'webchat', userId });
    await chat.join();
    const service = bot.handoffs.service;
    const { handoff } = await service.request({ identity, language: 'it', province: 'BG' });
    await service.recordConsent(identity, { noticeVersion: 'handoff-transcript-v1', textHash: 'b'.repeat(64) });
    await service.accept(handoff._id, anna);
    await service.postWorkerMessage(identity, 'Lavoravo alla Officine Zanzibar fino a marzo');
    await service.postOperatorMessage(handoff._id, anna, 'Grazie, verifico subito');
    await service.end(handoff._id, anna, 'closed');
    expect((await storedText(bot)).includes('Zanzibar')).toBe(true);

    const mine = textOf(await chat.say('i miei dati'));
    expect(mine).toContain(it('referral.myData.handoffs', { count: 1, messages: 2 }));

    const asked = textOf(await chat.say('cancella i miei dati'));
    expect(asked).toContain(it('referral.erase.confirmHandoffs'));
    const done = textOf(await chat.say('sì'));
    expect(done).toContain(it('referral.erase.doneHandoffs', { count: 1 }));
    expect((await service.messagesSince(handoff._id, 0)).items).toEqual([]);
    expect(await service.summaryFor(identity)).toEqual([]);
    const stored = await storedText(bot);
    expect(stored.includes('Zanzibar')).toBe(false);
    expect(stored.includes('verifico subito')).toBe(false);
  }, 60_000);

  test('an open conversation ends when the worker erases their data', async () => {
    const userId = 'worker-transcript-2';
    const identity = { channel: 'webchat', userId };
    const chat = new Chat(bot, { locale: 'it-IT', channelId: 'webchat', userId });
    await chat.join();
    const service = bot.handoffs.service;
    const { handoff } = await service.request({ identity, language: 'it', province: 'BG' });
    await service.accept(handoff._id, anna);
    await service.postWorkerMessage(identity, 'Il mio numero è 333 7654321');
    await chat.say('cancella i miei dati');
    expect(textOf(await chat.say('sì'))).toContain(it('referral.erase.doneHandoffs', { count: 1 }));
    expect(await service.get(handoff._id)).toMatchObject({ status: 'ended', endReason: 'worker_left' });
    expect(await service.openFor(identity)).toBeNull();
    expect((await storedText(bot)).includes('7654321')).toBe(false);
  }, 60_000);
});
