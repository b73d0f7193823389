/**
 * The live handoff in Teams, through the real server with the Connector stand-in (where the bot posts and updates
 * cards, and where the worker's chat gets its notices): operators set their availability with a command; a worker
 * asking for a person gets a card in the linked channel (once, with two dispatchers at work), showing codes as
 * labels and no personal data; "Rispondi" (an `adaptiveCard/action` invoke as Teams sends it) accepts for the
 * clicking user's linked account, exactly one of two racing operators wins and the other is told who; malformed or
 * unknown ids get a clear answer; a request nobody takes ends with its card saying so. On the embedded store; on
 * MongoDB (MONGODB_URI set: CI's FerretDB) availability by command and the two races the store decides, the one card
 * of two dispatchers and the one winner of two clicks (the service's own contract runs whole on both stores).
 */
import type { Activity } from 'botbuilder';
import { silentLogger } from '../../models/logger';
import { ChannelLinkStore } from '../../models/teams/channelLinks';
import { HandoffCardDispatcher } from '../../models/teams/handoffCardDispatcher';
import { HANDOFF_ACCEPT_VERB } from '../../models/teams/handoffCards';
import { TEAMS_AVAILABILITY_MS, TeamsHandoffPoster } from '../../bot/teams/handoffTeams';
import { createAdapter } from '../../bot/adapter';
import { createTranslator } from '../../models/i18n';
import type { MongoStore } from '../../models/store/mongo/mongoStore';
import { BG_PROJECT, CO_PROJECT, startApiBot, type ApiBot } from '../api/helpers';
import { Chat, textOf } from '../support/botServer';
import { cardTexts } from './cardText';
import { ConnectorStandIn } from './connectorStandIn';
import { aadId, BOT, ChannelMember, executeValue, personalChat, type TeamsUser } from './teamsChat';

const CHANNEL = '19:handoff@thread.tacv2';
const anna: TeamsUser = { id: '29:anna-h', name: 'Anna Bianchi', aadObjectId: aadId(301) };
const bea: TeamsUser = { id: '29:bea-h', name: 'Beatrice Verdi', aadObjectId: aadId(302) };
const carlo: TeamsUser = { id: '29:carlo-h', name: 'Carlo Neri', aadObjectId: aadId(303) };
const stranger: TeamsUser = { id: '29:nobody-h', name: 'Nessuno', aadObjectId: aadId(304) };

const mongoUri = process.env.MONGODB_URI;
const STORES = [
  { name: 'embedded store', describe, env: (): Record<string, string> => ({}) },
  {
    name: 'MongoDB',
    // chosen at definition time: without MONGODB_URI these cases report as skipped
    describe: mongoUri ? describe : describe.skip,
    env: (): Record<string, string> => {
      const url = new URL(mongoUri ?? 'mongodb://127.0.0.1');
      url.pathname = `/adr_teams_handoff_${process.pid}_${Date.now()}`;
      return { MONGODB_URI: url.toString() };
    },
  },
];

function texts(activity: Partial<Activity> | unknown): string {
  const attachments = (activity as Partial<Activity>).attachments ?? [];
  return cardTexts(attachments.map((a) => a.content)).map((t) => t.text).join('\n');
}

for (const store of STORES) {
  store.describe(`live handoff cards in Teams (${store.name})`, () => {
    let api: ApiBot;
    let connector: ConnectorStandIn;
    let workers = 0;
    const inChannel = (user: TeamsUser): ChannelMember => new ChannelMember(api.bot, user, CHANNEL, connector.url);

    /** A worker on Web Chat whose chat's proactive messages land on the stand-in. */
    function worker(): { chat: Chat; say: (text: string) => Promise<Activity[]> } {
      const chat = new Chat(api.bot, { locale: 'it-IT', channelId: 'webchat', userId: `teams-handoff-worker-${++workers}-${store.name.length}` });
      return { chat, say: (text) => chat.post({ type: 'message', text, serviceUrl: connector.url }) };
    }

    /** The handoff cards posted to the channel so far, with the request each names. */
    function handoffCards(): Array<{ activityId: string; handoffId: string; text: string }> {
      return connector
        .posts(CHANNEL)
        .filter((p) => JSON.stringify(p.activity).includes(HANDOFF_ACCEPT_VERB))
        .map((p) => {
          const match = /"handoffId":"([^"]+)"/.exec(JSON.stringify(p.activity));
          return { activityId: '', handoffId: match?.[1] ?? '', text: texts(p.activity) };
        });
    }

    async function postedCard(handoffId: string): Promise<{ activityId: string; text: string }> {
      await api.bot.handoffs.cards.idle();
      api.bot.handoffs.cards.kick();
      await api.bot.handoffs.cards.idle();
      const deliveries = await api.bot.handoffs.cards.deliveriesFor(handoffId);
      expect(deliveries).toHaveLength(1);
      const card = handoffCards().find((c) => c.handoffId === handoffId);
      if (!card) throw new Error('no card posted');
      return { activityId: deliveries[0].activityId, text: card.text };
    }

    /** "@bot <text>" written in the thread of the channel post `rootId`, as Teams sends it (expectReplies for the answer). */
    async function inThread(user: TeamsUser, rootId: string, text: string): Promise<string> {
      const mention = `<at>${BOT.name}</at>`;
      const replies = await new Chat(api.bot, { channelId: 'msteams' }).post({
        channelId: 'msteams',
        serviceUrl: connector.url,
        conversation: { id: `${CHANNEL};messageid=${rootId}`, isGroup: true, conversationType: 'channel', name: '', tenantId: 'tenant-1' },
        from: user,
        recipient: BOT,
        locale: 'it-IT',
        channelData: { team: { id: '19:team@thread.tacv2' }, channel: { id: CHANNEL }, tenant: { id: 'tenant-1' } },
        type: 'message',
        text: `${mention} ${text}`,
        entities: [{ type: 'mention', mentioned: BOT, text: mention }],
        deliveryMode: 'expectReplies',
      });
      return replies.map((r) => r.text ?? '').join('\n');
    }

    async function openRequest(n: number): Promise<string> {
      const { handoff } = await api.bot.handoffs.service.request({
        identity: { channel: 'webchat', userId: `teams-handoff-direct-${n}-${store.name.length}` },
        language: 'ar',
        province: 'BG',
        sector: 'metalmeccanico',
        lastExchange: ['faq:naspi-requisiti', 'precheck:likely_eligible'],
      });
      return handoff._id;
    }

    beforeAll(async () => {
      connector = await new ConnectorStandIn().start();
      api = await startApiBot({ TEAMS_RETRY_BASE_MS: '200', TEAMS_OUTBOX_POLL_MS: '0', PUBLIC_URL: 'http://localhost:3978', ...store.env() });
      await api.bot.domain.accounts.createAccount({ name: 'op-anna', role: 'operator', projectIds: [BG_PROJECT], teamsAadObjectId: anna.aadObjectId });
      await api.bot.domain.accounts.createAccount({ name: 'op-bea', role: 'operator', projectIds: [BG_PROJECT], teamsAadObjectId: bea.aadObjectId });
      await api.bot.domain.accounts.createAccount({ name: 'op-carlo', role: 'operator', projectIds: [CO_PROJECT], teamsAadObjectId: carlo.aadObjectId });
      expect(await inChannel(anna).say(`collega progetto ${BG_PROJECT}`)).toMatch(/arriveranno/);
    }, 60_000);
    afterAll(async () => {
      if (store.name === 'MongoDB') await (api.bot.store as MongoStore).dropDatabase();
      await api.bot.stop();
      await connector.stop();
    });

    /** what Teams adds over the service, whose contract runs on both stores (test/handoff/handoffService.test.ts) */
    const teamsTest = store.name === 'embedded store' ? test : undefined;

    // on both stores: the races below need operators made available by command first
    test('availability by command, in the channel and in a personal chat, Italian and English; refused when not linked', async () => {
      const service = api.bot.handoffs.service;
      expect(await inChannel(stranger).say('disponibile')).toMatch(/Solo un operatore o lo staff con l'utente Teams collegato/);
      expect(await inChannel(bea).say('non disponibile')).toMatch(/non sei più disponibile/);
      const on = await inChannel(bea).say('disponibile');
      expect(on).toMatch(/sei disponibile per le richieste di parlare con un operatore \(BG\) fino alle \d\d:\d\d/);
      const presence = await service.availabilityOf({ accountId: (await api.bot.domain.accounts.findByTeamsUser(bea.aadObjectId))?._id ?? '', name: 'op-bea', role: 'operator', projectIds: [BG_PROJECT], provinces: ['BG'] });
      expect(presence).toMatchObject({ available: true, provinces: ['BG'] });
      // said in Teams, it holds with no console polling: past PRESENCE_MS a request of BG still finds someone
      api.clock.advance(5 * 60_000);
      expect(await service.anyoneAvailableFor({ province: 'BG' })).toBe(true);
      expect(await service.anyoneAvailableFor({ province: 'CO' })).toBe(false);
      // ... for the time the answer named, not for ever
      api.clock.advance(TEAMS_AVAILABILITY_MS);
      expect(await service.anyoneAvailableFor({ province: 'BG' })).toBe(false);
      // the next morning at 10:00 (office hours again) for what follows
      api.clock.advance(24 * 60 * 60_000 - 5 * 60_000 - TEAMS_AVAILABILITY_MS);

      const annaEn = personalChat(api.bot, anna, 'en-US');
      expect(textOf(await annaEn.say('available'))).toMatch(/you are available for requests to talk to an operator \(BG\) until \d\d:\d\d/);
      expect(textOf(await annaEn.say('unavailable'))).toMatch(/no longer available/);
      // a worker in a personal chat (no linked account) typing the word goes on to the dialogs
      const workerInTeams = personalChat(api.bot, stranger);
      expect(textOf(await workerInTeams.say('disponibile'))).not.toMatch(/disponibile per le richieste/);
      expect(await inChannel(anna).say('disponibile')).toMatch(/sei disponibile/);
    });

    test('a worker asks for a person: one card in the channel (two dispatchers), labels only, no personal data', async () => {
      const w = worker();
      const asked = await w.say('voglio parlare con un operatore');
      expect(textOf(asked)).toMatch(/Sto cercando un operatore/);
      const open = await api.bot.handoffs.service.openFor({ channel: 'webchat', userId: w.chat.userId });
      expect(open?.status).toBe('waiting');
      // the worker writes while waiting: kept for the operator, never on the card
      expect(await w.say('Mi chiamo Mario Rossi, 333 1234567')).toEqual([]);

      // a second instance's dispatcher on the same store, racing the bot's own: the card goes out once
      const other = await HandoffCardDispatcher.open(
        { store: api.bot.store, handoffs: api.bot.handoffs.service, links: await ChannelLinkStore.open(api.bot.store, { now: () => new Date() }), projects: api.bot.domain.projects, poster: new TeamsHandoffPoster({ adapter: createAdapter(api.bot.config, silentLogger), appId: '', translator: await createTranslator() }), logger: silentLogger },
        { pollMs: 0 },
      );
      other.kick();
      api.bot.handoffs.cards.kick();
      await Promise.all([other.idle(), api.bot.handoffs.cards.idle()]);
      await other.stop();
      const card = await postedCard(open?._id ?? '');
      expect(handoffCards().filter((c) => c.handoffId === open?._id)).toHaveLength(1);
      expect(card.text).toMatch(/Un lavoratore chiede di parlare con un operatore/);
      expect(card.text).toMatch(/In attesa di un operatore/);
      expect(card.text).toMatch(/Italiano \(it\)/);
      expect(card.text).not.toMatch(/Mario|Rossi|333 ?1234567/);
      const raw = connector.posts(CHANNEL).find((p) => JSON.stringify(p.activity).includes(open?._id ?? '-'));
      expect(JSON.stringify(raw?.activity)).toMatch(/"title":"Rispondi"/);
      // the worker leaves: the card says so
      expect(textOf(await w.say('torna al bot'))).not.toBe('');
      api.bot.handoffs.cards.kick();
      await api.bot.handoffs.cards.idle();
      const update = connector.updates().find((u) => u.activityId === card.activityId);
      expect(update && texts(update.activity)).toMatch(/ha lasciato la richiesta/);
    });

    test('two operators race to "Rispondi": exactly one wins, the other is told who; the card shows it', async () => {
      const id = await openRequest(1);
      const card = await postedCard(id);
      expect(card.text).toMatch(/BG/);
      expect(card.text).toMatch(/Metalmeccanico/);
      expect(card.text).toMatch(/Arabo \(ar\)/);
      expect(card.text).toMatch(/domanda frequente «naspi-requisiti» · pre-verifica: probabilmente ammissibile/);

      const [a, b] = await Promise.all([inChannel(anna), inChannel(bea)].map((m) => m.invoke('adaptiveCard/action', executeValue(HANDOFF_ACCEPT_VERB, { handoffId: id }), card.activityId)));
      for (const answer of [a, b]) {
        expect(answer.status).toBe(200);
        expect(answer.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
      }
      const said = [a, b].map((r) => texts({ attachments: [{ content: (r.body as { value: unknown }).value }] }));
      const winners = said.filter((s) => /Hai preso la conversazione/.test(s));
      const losers = said.filter((s) => /Conversazione già presa da op-(anna|bea)\./.test(s));
      expect({ winners: winners.length, losers: losers.length }).toEqual({ winners: 1, losers: 1 });
      // the conversation goes on in the winner's personal chat with the bot (test/teams/teamsOperatorChat.test.ts)
      expect(winners[0]).toContain('Continua nella tua chat privata con me');

      const handoff = await api.bot.handoffs.service.get(id);
      expect(handoff.status).toBe('accepted');
      const winnerName = handoff.operatorName;
      expect(losers[0]).toContain(`già presa da ${winnerName}.`);
      // a third click, later, by the one who lost: told who has it; the winner clicking again keeps it
      const loser = winnerName === 'op-anna' ? bea : anna;
      const again = await inChannel(loser).execute(HANDOFF_ACCEPT_VERB, { handoffId: id }, card.activityId);
      expect(texts({ attachments: [{ content: again.value }] })).toContain(`già presa da ${winnerName}.`);
      // the winner clicking again (a double click, a second device): still theirs, audited once (below)
      const winnerAgain = await inChannel(winnerName === 'op-anna' ? anna : bea).execute(HANDOFF_ACCEPT_VERB, { handoffId: id }, card.activityId);
      expect(texts({ attachments: [{ content: winnerAgain.value }] })).toMatch(/Hai preso la conversazione/);
      // the clicked card, updated in the channel: taken by the winner, no button
      const updates = connector.updates().filter((u) => u.activityId === card.activityId);
      expect(updates.length).toBeGreaterThan(0);
      const last = updates[updates.length - 1].activity;
      expect(texts(last)).toContain(`Presa da ${winnerName}`);
      expect(JSON.stringify(last)).not.toMatch(/"title":"Rispondi"/);
      // the winner writes in the card's thread (@mentioning the bot, as Teams requires): told it does not reach the
      // worker (a channel is read by the whole team) and where to reply; nothing is posted to the worker
      const winner = winnerName === 'op-anna' ? anna : bea;
      const messagesBefore = (await api.bot.handoffs.service.messagesSince(id, 0)).items.length;
      expect(await inThread(winner, card.activityId, 'Buongiorno, sono qui per aiutarla')).toContain('non arriva al lavoratore: i messaggi nei canali li legge tutto il team, quindi la conversazione si tiene nella chat privata con me');
      expect((await api.bot.handoffs.service.messagesSince(id, 0)).items).toHaveLength(messagesBefore);
      // the channel's own commands, in that thread or another, as before
      expect(await inThread(winner, card.activityId, 'stato')).toMatch(new RegExp(`riceve le segnalazioni di: ${BG_PROJECT}`));
      expect(await inThread(winner, 'some-other-post', 'ciao')).toMatch(/In questo canale capisco/);
      const audit = await api.bot.domain.audit.list({ action: 'handoff.accepted' });
      expect(audit.items.filter((e) => e.target === `handoff:${id}`)).toHaveLength(1);
    });

    teamsTest?.('malformed, unknown or foreign ids and unlinked users: a clear answer, nothing changes, the bot goes on', async () => {
      const id = await openRequest(2);
      const card = await postedCard(id);
      const cases: Array<[TeamsUser, unknown, RegExp]> = [
        [anna, {}, /non esiste o non è dei tuoi progetti/],
        [anna, { handoffId: 42 }, /non esiste o non è dei tuoi progetti/],
        [anna, { handoffId: '../../etc' }, /non esiste o non è dei tuoi progetti/],
        [anna, { handoffId: 'x'.repeat(500) }, /non esiste o non è dei tuoi progetti/],
        [anna, { handoffId: '00000000-0000-4000-8000-000000000000' }, /non esiste o non è dei tuoi progetti/],
        [anna, 'not an object', /non esiste o non è dei tuoi progetti/],
        [carlo, { handoffId: id }, /non esiste o non è dei tuoi progetti/],
        [stranger, { handoffId: id }, /non è collegato a un account operatore/],
      ];
      for (const [user, data, says] of cases) {
        const { status, body } = await inChannel(user).invoke('adaptiveCard/action', executeValue(HANDOFF_ACCEPT_VERB, data), card.activityId);
        expect({ data, status }).toEqual({ data, status: 200 });
        expect(texts({ attachments: [{ content: (body as { value: unknown }).value }] })).toMatch(says);
      }
      // off Teams the clicking user's identity proves nothing: refused (403 in the invoke response), nothing read
      const offTeams = await inChannel(anna).invoke('adaptiveCard/action', executeValue(HANDOFF_ACCEPT_VERB, { handoffId: id }), card.activityId, { channelId: 'webchat' });
      expect(offTeams.body).toMatchObject({ statusCode: 403, type: 'application/vnd.microsoft.error' });
      expect((await api.bot.handoffs.service.get(id)).status).toBe('waiting');
      expect(await inChannel(anna).say('stato')).toMatch(new RegExp(`riceve le segnalazioni di: ${BG_PROJECT}`));
    });

    teamsTest?.('nobody takes it in time: the card says the worker was offered a call-back', async () => {
      const id = await openRequest(3);
      const card = await postedCard(id);
      api.clock.advance(api.bot.config.handoffWaitMs + 1000);
      await api.bot.handoffs.sweep.runOnce();
      expect((await api.bot.handoffs.service.get(id)).status).toBe('unanswered');
      api.bot.handoffs.cards.kick();
      await api.bot.handoffs.cards.idle();
      const updates = connector.updates().filter((u) => u.activityId === card.activityId);
      expect(texts(updates[updates.length - 1].activity)).toMatch(/Nessun operatore ha risposto in tempo/);
      const late = await inChannel(anna).execute(HANDOFF_ACCEPT_VERB, { handoffId: id }, card.activityId);
      expect(texts({ attachments: [{ content: late.value }] })).toMatch(/non è più in attesa/);
    });

    teamsTest?.('the Connector refusing: a 429 is retried and the card still goes out once; a 403 marks that channel inactive', async () => {
      const OTHER = '19:handoff-other@thread.tacv2';
      expect(await new ChannelMember(api.bot, anna, OTHER, connector.url).say(`collega progetto ${BG_PROJECT}`)).toMatch(/arriveranno/);
      let refused = 0;
      connector.responder = (call) => {
        if (call.method !== 'POST' || !JSON.stringify(call.activity).includes(HANDOFF_ACCEPT_VERB)) return undefined;
        if (call.conversationId === OTHER) return { status: 403 };
        if (refused === 0) {
          refused += 1;
          return { status: 429, retryAfter: '0' };
        }
        return undefined;
      };
      try {
        const id = await openRequest(4);
        for (let i = 0; i < 50 && (await api.bot.handoffs.cards.deliveriesFor(id)).length === 0; i++) {
          api.bot.handoffs.cards.kick();
          await api.bot.handoffs.cards.idle();
          await new Promise((r) => setTimeout(r, 50));
        }
        expect(refused).toBe(1);
        expect((await api.bot.handoffs.cards.deliveriesFor(id)).map((d) => d.conversationId)).toEqual([CHANNEL]);
        expect(handoffCards().filter((c) => c.handoffId === id)).toHaveLength(1);
        const other = await api.bot.teams.links.forConversation(OTHER);
        expect(other.map((l) => [l.active, l.inactiveReason])).toEqual([[false, 'connector_403']]);
      } finally {
        connector.responder = () => undefined;
      }
    });
  });
}
