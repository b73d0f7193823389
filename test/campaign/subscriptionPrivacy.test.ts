/**
 * The worker's own data and their subscriptions to the news: "i miei dati" shows them, "cancella i miei dati" ends
 * and erases them (no announcement after that, also through the real sender), and a language switch carries over to
 * them (the next announcement arrives in the new language). Never another person's subscription.
 */
import type { RunningBot } from '../../bot/index';
import type { Subscriber, Subscription, SubscriptionInput } from '../../models/campaign/subscriptions';
import { buttonsOf, Chat, startTestBot } from '../support/botServer';
import { ConnectorStandIn } from '../teams/connectorStandIn';
import { announcementInput, openStores, RecordingPoster, sender, subscriber, until, WorkerChat, type CampaignStores } from './helpers';

const NOW = new Date('2026-06-15T10:00:00Z');

function whoOf(subscription: { channelId: string; userId?: string; reference?: Record<string, unknown> }): Subscriber {
  return { channelId: subscription.channelId, userId: subscription.userId, conversationId: (subscription.reference?.conversation as { id: string }).id };
}

describe('subscriptions: the person\'s own, erased, following the language (store and real sender)', () => {
  let stores: CampaignStores;
  beforeEach(async () => {
    stores = await openStores();
  });
  afterEach(async () => {
    await stores.store.close();
  });

  async function send(poster: RecordingPoster, input = announcementInput()): Promise<string> {
    const announcement = await stores.announcements.create(input, 'staff-1');
    await stores.announcements.schedule(announcement._id, new Date());
    const s = sender(stores, poster);
    s.start();
    await until(async () => (await stores.announcements.get(announcement._id)).status === 'sent');
    await s.stop();
    return announcement._id;
  }

  test('heldBy: the person\'s subscriptions on this channel, across their conversations; not another member\'s of the same conversation, not another channel\'s', async () => {
    const mine = await subscriber(stores);
    const who = whoOf(mine);
    const elsewhere = (channelId: string, conversationId: string): SubscriptionInput => ({
      channelId,
      conversationId,
      userId: who.userId,
      reference: { conversation: { id: conversationId } },
      language: 'it',
      provinces: ['BG'],
      allLombardy: false,
      topics: ['news'],
      consent: mine.consent,
    });
    // the same person in a second conversation on the same channel
    const { subscription: second } = await stores.subscriptions.subscribe(elsewhere('emulator', 'second-conv'));
    const other = await subscriber(stores);
    // the same user id on another channel is another person
    await stores.subscriptions.subscribe(elsewhere('msteams', 'teams-conv'));

    expect((await stores.subscriptions.heldBy(who)).map((s) => s._id).sort()).toEqual([mine._id, second._id].sort());
    // someone else writing in my conversation: the conversation's subscription is mine, not theirs
    const intruder: Subscriber = { channelId: 'emulator', userId: 'someone-else', conversationId: who.conversationId };
    expect(await stores.subscriptions.activeFor(intruder.channelId, intruder.userId, intruder.conversationId)).toHaveLength(1);
    expect(await stores.subscriptions.heldBy(intruder)).toEqual([]);
    expect(await stores.subscriptions.eraseFor(intruder)).toBe(0);
    expect(await stores.subscriptions.setLanguage(intruder, 'en')).toBe(0);
    expect((await stores.subscriptions.get(mine._id))?.language).toBe('it');
    expect((await stores.subscriptions.heldBy(whoOf(other))).map((s) => s._id)).toEqual([other._id]);
  });

  test('eraseFor ends the person\'s subscriptions and removes the personal fields; the sender sends them nothing more', async () => {
    const erased = await subscriber(stores, { provinces: ['BG', 'MI'], topics: ['news', 'sessions'] });
    const kept = await subscriber(stores);
    const who = whoOf(erased);

    expect(await stores.subscriptions.eraseFor(who)).toBe(1);
    const row = await stores.subscriptions.get(erased._id);
    expect(row).toEqual(expect.objectContaining({ status: 'ended', endedReason: 'erased' }));
    expect(row?.reference).toBeUndefined();
    expect(row?.userId).toBeUndefined();
    expect(row?.activeKey).toBeUndefined();
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(who.userId);
    expect(stored).not.toContain(who.conversationId);
    // what is left are codes for counts, like a lead's tombstone
    expect(row).toEqual(expect.objectContaining({ provinces: ['BG', 'MI'], topics: ['news', 'sessions'], language: 'it' }));
    expect(await stores.subscriptions.heldBy(who)).toEqual([]);
    expect(await stores.subscriptions.eraseFor(who)).toBe(0);

    const poster = new RecordingPoster();
    const id = await send(poster);
    expect(poster.countFor(who.conversationId)).toBe(0);
    expect(poster.countFor(whoOf(kept).conversationId)).toBe(1);
    expect((await stores.announcements.get(id)).report).toEqual(expect.objectContaining({ recipients: 1, sent: 1, failed: 0, skipped: 0 }));
  });

  test('a worker who erases their data during a send gets nothing from then on', async () => {
    const subs: Subscription[] = [];
    for (let i = 0; i < 20; i++) subs.push(await subscriber(stores));
    const poster = new RecordingPoster();
    // during the first send, someone not yet sent to erases their data
    let late: Subscriber | undefined;
    poster.behaviour = async (conversationId) => {
      if (!late) {
        late = subs.map(whoOf).find((who) => who.conversationId !== conversationId)!;
        await stores.subscriptions.eraseFor(late);
      }
    };
    const announcement = await stores.announcements.create(announcementInput(), 'staff-1');
    await stores.announcements.schedule(announcement._id, new Date());
    const s = sender(stores, poster, { ratePerSecond: 200, concurrency: 1 });
    s.start();
    await until(async () => (await stores.announcements.get(announcement._id)).status === 'sent');
    await s.stop();
    expect(poster.countFor(late!.conversationId)).toBe(0);
    expect((await stores.announcements.get(announcement._id)).report).toEqual(expect.objectContaining({ recipients: 20, sent: 19, failed: 0, skipped: 1 }));
  });

  test('setLanguage: the person\'s active subscriptions follow, and the next announcement arrives in the new language', async () => {
    const switching = await subscriber(stores, { language: 'it' });
    const staying = await subscriber(stores, { language: 'it' });
    const who = whoOf(switching);
    expect(await stores.subscriptions.setLanguage(who, 'en')).toBe(1);
    expect(await stores.subscriptions.setLanguage(who, 'en')).toBe(0);
    expect((await stores.subscriptions.get(switching._id))?.language).toBe('en');
    expect((await stores.subscriptions.get(staying._id))?.language).toBe('it');

    const poster = new RecordingPoster();
    await send(poster);
    expect(poster.received.find((r) => r.conversationId === who.conversationId)?.text).toBe('Nuovo progetto|English text');
    expect(poster.received.find((r) => r.conversationId === whoOf(staying).conversationId)?.text).toBe('Nuovo progetto|Testo italiano');

    expect(await stores.subscriptions.setLanguage(who, 'it')).toBe(1);
    const back = new RecordingPoster();
    await send(back);
    expect(back.received.find((r) => r.conversationId === who.conversationId)?.text).toBe('Nuovo progetto|Testo italiano');
  });
});

describe('subscriptions in "i miei dati", "cancella i miei dati" and the language switch (chat, real server and sender)', () => {
  let bot: RunningBot;
  let connector: ConnectorStandIn;
  beforeAll(async () => {
    connector = await new ConnectorStandIn().start();
    bot = await startTestBot({ ANNOUNCE_POLL_MS: '0', ANNOUNCE_RATE_PER_SECOND: '50' }, { clock: () => NOW });
  });
  afterAll(async () => {
    await bot.stop();
    await connector.stop();
  });

  async function subscribe(worker: WorkerChat, lines: readonly string[] = ['avvisami', 'Sì, iscrivimi', 'Bergamo e Milano', 'progetti e incontri']): Promise<void> {
    for (const line of lines) await worker.say(line);
    expect(await bot.campaign.subscriptions.activeFor('emulator', worker.chat.userId, worker.chat.conversationId)).toHaveLength(1);
  }

  /** Sends an announcement to every subscriber through the bot's own sender and adapter (to the Connector stand-in). */
  async function announce(text: { it: string; en: string }): Promise<void> {
    const announcement = await bot.campaign.announcements.create(announcementInput({ title: 'Azioni di Rete', text, topics: ['projects', 'sessions', 'news'] }), 'staff-1');
    await bot.campaign.announcements.schedule(announcement._id, new Date());
    bot.campaign.sender.kick();
    await until(async () => (await bot.campaign.announcements.get(announcement._id)).status === 'sent');
  }

  test('it: "i miei dati" shows the subscription; "english" moves it to English (said, and the next announcement is in English); "delete my data" erases it and says so; no more announcements', async () => {
    const worker = new WorkerChat(bot, { serviceUrl: connector.url });
    await subscribe(worker);

    const mine = await worker.say('i miei dati');
    expect(mine).toMatch(/Ecco cosa è conservato su di te/);
    expect(mine).toMatch(/Richieste di contatto: nessuna/);
    expect(mine).toMatch(/Iscrizione alle notizie dal 15\/06\/26: Nuovi progetti nella mia zona, Incontri informativi/);
    expect(mine).toMatch(/Zona: Bergamo, Milano; lingua: italiano/);
    expect(mine).toMatch(/Consenso dato il 15\/06\/26 \(informativa campaign-[^)]+\)/);
    expect(mine).toMatch(/cancella i miei dati/);

    expect(await worker.say('english')).toMatch(/continue in English[\s\S]*The news you subscribed to will also reach you in English/);
    const [stored] = await bot.campaign.subscriptions.activeFor('emulator', worker.chat.userId, worker.chat.conversationId);
    expect(stored.language).toBe('en');
    expect(await worker.say('my data')).toMatch(/News subscription since 15\/06\/2026: New projects in my area, Info sessions[\s\S]*Area: Bergamo, Milan[o]?; language: English/);

    await announce({ it: 'Primo annuncio', en: 'First announcement' });
    const first = connector.posts(worker.chat.conversationId);
    expect(first).toHaveLength(1);
    expect(first[0].activity.text).toMatch(/First announcement/);
    expect(first[0].activity.text).not.toMatch(/Primo annuncio/);

    const ask = await worker.post('delete my data');
    expect(ask.map((a) => a.text).join('\n')).toMatch(/Do you really want to erase your data\? Your news subscription will be closed/);
    expect(ask.map((a) => a.text).join('\n')).not.toMatch(/contact request/);
    expect(buttonsOf(ask)).toEqual(['Yes, erase', 'No, keep it']);
    const done = await worker.say('Yes, erase');
    expect(done).toMatch(/Done: I erased your personal data/);
    expect(done).toMatch(/News subscriptions closed: 1\. I erased the chat identifier/);
    expect(done).not.toMatch(/Contact requests/);

    const erased = await bot.campaign.subscriptions.get(stored._id);
    expect(erased).toEqual(expect.objectContaining({ status: 'ended', endedReason: 'erased' }));
    expect(JSON.stringify(erased)).not.toContain(worker.chat.userId);
    expect(JSON.stringify(erased)).not.toContain(worker.chat.conversationId);
    expect(await worker.say('my data')).toMatch(/I hold no personal data about you/);
    expect(await worker.say('my subscriptions')).toMatch(/no active subscriptions|You have no active/i);

    await announce({ it: 'Secondo annuncio', en: 'Second announcement' });
    expect(connector.posts(worker.chat.conversationId)).toHaveLength(1);
  });

  test('en -> it from inside another dialog: the subscription follows and the dialog goes on; the announcement arrives in Italian', async () => {
    const worker = new WorkerChat(bot, { serviceUrl: connector.url, locale: 'en-GB' });
    await subscribe(worker, ['subscribe', 'Yes, subscribe me', 'Bergamo (BG)', 'All']);
    expect(await worker.say('Can I take part?')).toMatch(/Where is the site/);
    // the switch is said, the news follows, and the pre-check asks its question again, now in Italian
    expect(await worker.say('italiano')).toMatch(/continuiamo in italiano[\s\S]*Anche le notizie a cui sei iscritto ti arriveranno in italiano[\s\S]*Dove si trova la sede/);
    const [stored] = await bot.campaign.subscriptions.activeFor('emulator', worker.chat.userId, worker.chat.conversationId);
    expect(stored.language).toBe('it');
    await announce({ it: 'Annuncio in italiano', en: 'Announcement in English' });
    const received = connector.posts(worker.chat.conversationId);
    expect(received).toHaveLength(1);
    expect(received[0].activity.text).toMatch(/Annuncio in italiano/);
    expect(await worker.say('stop notizie')).toMatch(/Non riceverai più notizie/);
  });

  test('a switch without a subscription says nothing about news; "i miei dati" with a referral and no subscription says there is none', async () => {
    const worker = new WorkerChat(bot);
    const switched = await worker.say('english');
    expect(switched).toMatch(/continue in English/);
    expect(switched).not.toMatch(/news/i);
    for (const line of ['I want to be contacted', 'I consent', 'John Smith', 'john.smith@example.org', 'Morning', 'Prefer not to say', "Don't know", 'Confirm']) await worker.say(line);
    const mine = await worker.say('my data');
    expect(mine).toMatch(/john\.smith@example\.org/);
    expect(mine).toMatch(/News subscriptions: none active/);
    const ask = await worker.say('delete my data');
    expect(ask).toMatch(/The contact request will be cancelled/);
    expect(ask).not.toMatch(/news subscription/);
    const done = await worker.say('Yes, erase');
    expect(done).toMatch(/Contact requests erased: 1\./);
    expect(done).not.toMatch(/News subscriptions/);
  });

  test('a referral and a subscription: both shown, both erased, the confirmation names both', async () => {
    const worker = new WorkerChat(bot, { serviceUrl: connector.url });
    for (const line of ['Voglio essere ricontattato', 'Acconsento', 'Giulia Neri', 'giulia.neri@example.org', 'Mattina', 'Preferisco non dirlo', 'Non lo so', 'Conferma']) await worker.say(line);
    await subscribe(worker, ['avvisami', 'Sì, iscrivimi', 'Tutta la Lombardia', 'Tutte']);
    const mine = await worker.say('i miei dati');
    expect(mine).toMatch(/giulia\.neri@example\.org/);
    expect(mine).toMatch(/Iscrizione alle notizie dal [\s\S]*Zona: tutta la Lombardia/);
    expect(await worker.say('cancella i miei dati')).toMatch(/La richiesta di contatto verrà annullata[\s\S]*L'iscrizione alle notizie verrà chiusa/);
    const done = await worker.say('Sì, cancella');
    expect(done).toMatch(/Fatto: ho cancellato i tuoi dati personali[\s\S]*Richieste di contatto cancellate: 1\.[\s\S]*Iscrizioni alle notizie chiuse: 1\./);
    expect(await worker.say('i miei dati')).toMatch(/Non ho dati personali su di te/);
    expect(await bot.campaign.subscriptions.activeFor('emulator', worker.chat.userId, worker.chat.conversationId)).toEqual([]);
  });

  test('another person in the same conversation neither sees ("i miei dati", "le mie iscrizioni"), erases nor re-languages the subscription', async () => {
    const owner = new WorkerChat(bot, { serviceUrl: connector.url });
    await subscribe(owner);
    // the same conversation (a shared chat), another user
    const other = new Chat(bot, { conversationId: owner.chat.conversationId });
    const seen = await other.sayText('i miei dati');
    expect(seen).toMatch(/Non ho dati personali su di te/);
    expect(seen).not.toMatch(/Bergamo/);
    expect(await other.sayText('le mie iscrizioni')).toMatch(/Non hai iscrizioni attive/);
    expect(await other.sayText('cancella i miei dati')).toMatch(/Non ho dati personali su di te da cancellare/);
    const switched = await other.sayText('english');
    expect(switched).not.toMatch(/news/i);
    const [stored] = await bot.campaign.subscriptions.activeFor('emulator', owner.chat.userId, owner.chat.conversationId);
    expect(stored).toEqual(expect.objectContaining({ status: 'active', language: 'it', userId: owner.chat.userId }));
  });
});
