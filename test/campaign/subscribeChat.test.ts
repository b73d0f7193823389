import { buttonsOf } from '../support/botServer';
import { injectTestBot, type InjectedBot } from '../support/injectServer';
import { WorkerChat } from './helpers';

async function subscriptionsOf(bot: InjectedBot, conversationId: string): Promise<Array<Record<string, unknown>>> {
  const all = await bot.campaign.subscriptions.activeFor('emulator', undefined, conversationId);
  return all as unknown as Array<Record<string, unknown>>;
}

describe('campaign: subscribe, list and unsubscribe in the chat', () => {
  let bot: InjectedBot;
  beforeAll(async () => {
    bot = await injectTestBot({ ANNOUNCE_POLL_MS: '0' });
  });
  afterAll(async () => {
    await bot.stop();
  });

  test('it: the menu entry "Ricevi novità" starts the subscription', async () => {
    const worker = new WorkerChat(bot);
    expect(await worker.say('Ricevi novità')).toMatch(/Acconsenti a ricevere le notizie/);
  });

  test('it: consent refused stores nothing', async () => {
    const worker = new WorkerChat(bot);
    const consent = await worker.say('voglio ricevere novità');
    expect(consent).toMatch(/Acconsenti a ricevere le notizie/);
    expect(consent).toMatch(/versione campaign-/);
    expect(buttonsOf(await worker.post('boh'))).toEqual(['Sì, iscrivimi', 'No, grazie']);
    expect(await worker.say('No, grazie')).toMatch(/non ho salvato nulla/);
    expect(await subscriptionsOf(bot, worker.chat.conversationId)).toEqual([]);
    expect(await worker.say('le mie iscrizioni')).toMatch(/Non hai iscrizioni attive/);
  });

  test('it: subscribe with several provinces in free text, topics, list, then "stop notizie" ends it and is confirmed', async () => {
    const worker = new WorkerChat(bot);
    expect(await worker.say('avvisami')).toMatch(/Acconsenti/);
    const provinces = await worker.post('Sì, iscrivimi');
    expect(provinces.map((a) => a.text).join('\n')).toMatch(/Per quali province/);
    expect(buttonsOf(provinces)).toEqual(expect.arrayContaining(['Tutta la Lombardia', 'Bergamo (BG)', 'Milano (MI)']));
    expect(await worker.say('Piacenza')).toMatch(/non è in Lombardia|Non ho riconosciuto/);
    const topics = await worker.say('Treviglio e Milano');
    expect(topics).toMatch(/Province: Bergamo, Milano/);
    expect(topics).toMatch(/Quali notizie ti interessano/);
    const done = await worker.say('progetti e incontri');
    expect(done).toMatch(/sei iscritto/);
    expect(done).toMatch(/Nuovi progetti nella mia zona, Incontri informativi/);
    const [stored] = await subscriptionsOf(bot, worker.chat.conversationId);
    expect(stored).toEqual(expect.objectContaining({ provinces: ['BG', 'MI'], topics: ['projects', 'sessions'], language: 'it', status: 'active', allLombardy: false }));
    expect((stored.reference as { conversation: { id: string } }).conversation.id).toBe(worker.chat.conversationId);
    expect((stored.consent as { noticeVersion: string; textHash: string }).noticeVersion).toMatch(/^campaign-/);
    expect((stored.consent as { textHash: string }).textHash).toMatch(/^[0-9a-f]{64}$/);

    const list = await worker.say('le mie iscrizioni');
    expect(list).toMatch(/Le tue iscrizioni attive/);
    expect(list).toMatch(/Bergamo, Milano/);

    expect(await worker.say('stop notizie')).toMatch(/Non riceverai più notizie/);
    expect(await subscriptionsOf(bot, worker.chat.conversationId)).toEqual([]);
    const ended = await bot.campaign.subscriptions.get(String(stored._id));
    expect(ended).toEqual(expect.objectContaining({ status: 'ended', endedReason: 'unsubscribed' }));
    expect(ended?.reference).toBeUndefined();
    expect(ended?.userId).toBeUndefined();
    expect(await worker.say('disiscrivimi')).toMatch(/Non hai iscrizioni attive/);
  });

  test('it: "stop notizie" works from inside another dialog and ends it', async () => {
    const worker = new WorkerChat(bot);
    await worker.say('avvisami');
    await worker.say('Sì, iscrivimi');
    await worker.say('Tutta la Lombardia');
    await worker.say('Tutte');
    const [stored] = await subscriptionsOf(bot, worker.chat.conversationId);
    expect(stored).toEqual(expect.objectContaining({ allLombardy: true, topics: ['projects', 'sessions', 'news'] }));
    expect((stored.provinces as string[]).length).toBe(12);
    expect(await worker.say('Posso partecipare?')).toMatch(/verifica preliminare/);
    expect(await worker.say('stop notizie')).toMatch(/Non riceverai più notizie/);
    // the pre-check is over: the next message is not taken as its answer
    expect(buttonsOf(await worker.post('menu'))).toContain('Posso partecipare?');
    expect(await subscriptionsOf(bot, worker.chat.conversationId)).toEqual([]);
  });

  test('it: "stop notizie" in the middle of the subscription dialog stores nothing', async () => {
    const worker = new WorkerChat(bot);
    await worker.say('avvisami');
    await worker.say('Sì, iscrivimi');
    expect(await worker.say('stop notizie')).toMatch(/Non hai iscrizioni attive/);
    expect(await subscriptionsOf(bot, worker.chat.conversationId)).toEqual([]);
  });

  test('en: subscribe with buttons, list, unsubscribe', async () => {
    const worker = new WorkerChat(bot, { locale: 'en-GB' });
    expect(await worker.say('subscribe')).toMatch(/Do you agree to receive the campaign's news/);
    expect(await worker.say('Yes, subscribe me')).toMatch(/For which provinces/);
    expect(await worker.say('Bergamo (BG)')).toMatch(/Provinces: Bergamo/);
    expect(await worker.say('Info sessions')).toMatch(/you are subscribed. You will receive: Info sessions. Area: Bergamo/);
    const [stored] = await subscriptionsOf(bot, worker.chat.conversationId);
    expect(stored).toEqual(expect.objectContaining({ language: 'en', provinces: ['BG'], topics: ['sessions'] }));
    expect(await worker.say('my subscriptions')).toMatch(/Your active subscriptions:[\s\S]*Info sessions — area: Bergamo/);
    expect(await worker.say('unsubscribe')).toMatch(/You will not receive any more news/);
    expect(await subscriptionsOf(bot, worker.chat.conversationId)).toEqual([]);
  });

  test('en: refusing consent stores nothing', async () => {
    const worker = new WorkerChat(bot, { locale: 'en-GB' });
    await worker.say('notify me');
    expect(await worker.say('No, thanks')).toMatch(/I have stored nothing/);
    expect(await subscriptionsOf(bot, worker.chat.conversationId)).toEqual([]);
  });

  test('web chat users are told that news arrives only while the page stays open', async () => {
    const worker = new WorkerChat(bot, { channelId: 'directline' });
    expect(await worker.say('voglio ricevere novità')).toMatch(/solo finché la pagina della chat resta aperta/);
  });
});
