import type { Activity, Attachment } from 'botbuilder';
import type { Lead } from '../../models/leads/lead';
import { StateRepository } from '../../models/state/stateRepository';
import type { MongoStore } from '../../models/store/mongo/mongoStore';
import { BG_PROJECT, referral, startApiBot, type ApiBot } from '../api/helpers';
import { Chat } from '../support/botServer';
import { cardTexts, HOSTILE_STRINGS } from './cardText';
import { ConnectorStandIn } from './connectorStandIn';
import { aadId, ChannelMember, executeValue, personalChat, type TeamsUser } from './teamsChat';
import { botStateLifetime } from '../../bot/state/storeStorage';

/**
 * Invokes sent exactly as Teams sends them (no `deliveryMode: expectReplies`; the adapter ends the turn with the
 * invoke response alone), every kind the bot can receive; card actions off Teams; worker-typed text in cards.
 * The process surviving these is checked in a real child process in teamsInvokeChild.test.ts; here, through the real
 * server on each store, the answers, the state written inside the turn, and that nothing changes when refused.
 */
const CHANNEL = '19:invokes@thread.tacv2';
const anna: TeamsUser = { id: '29:anna', name: 'Anna Bianchi', aadObjectId: aadId(21) };
const ERROR_TYPE = 'application/vnd.microsoft.error';

interface StoreUnderTest {
  name: string;
  describe: jest.Describe;
  env: () => Record<string, string>;
}

const mongoUri = process.env.MONGODB_URI;
const STORES: StoreUnderTest[] = [
  { name: 'embedded store', describe, env: () => ({}) },
  {
    name: 'MongoDB',
    // chosen at definition time: without MONGODB_URI these cases report as skipped
    describe: mongoUri ? describe : describe.skip,
    env: () => {
      const url = new URL(mongoUri ?? 'mongodb://127.0.0.1');
      url.pathname = `/adr_invokes_${process.pid}_${Date.now()}`;
      return { MONGODB_URI: url.toString() };
    },
  },
];

for (const store of STORES) {
  store.describe(`Teams invokes as Teams sends them (${store.name})`, () => {
    let api: ApiBot;
    let connector: ConnectorStandIn;
    let state: StateRepository;
    let people = 0;
    const inChannel = (user: TeamsUser): ChannelMember => new ChannelMember(api.bot, user, CHANNEL, connector.url);

    /** An operator of the BG project whose first turn ever is the one under test (so their state is new). */
    async function newOperator(): Promise<TeamsUser> {
      people += 1;
      const user = { id: `29:op-${people}`, name: `Operatore ${people}`, aadObjectId: aadId(100 + people) };
      await api.bot.domain.accounts.createAccount({ name: `op-${people}`, role: 'operator', projectIds: [BG_PROJECT], teamsAadObjectId: user.aadObjectId });
      return user;
    }

    async function userState(user: TeamsUser): Promise<Record<string, unknown> | undefined> {
      const key = `msteams/users/${user.id}/`; // UserState: channel/users/user/namespace
      return (await state.read([key]))[key];
    }

    /** Another turn right after: the bot still answers, and reads what the last turn saved. */
    async function stillAnswers(): Promise<void> {
      expect(await inChannel(anna).say('stato')).toMatch(new RegExp(`riceve le segnalazioni di: ${BG_PROJECT}`));
    }

    async function carded(lead: Lead): Promise<void> {
      await api.bot.teams.dispatcher.enqueue(lead);
      await api.bot.teams.dispatcher.idle();
    }

    beforeAll(async () => {
      connector = await new ConnectorStandIn().start();
      api = await startApiBot({ TEAMS_RETRY_BASE_MS: '200', TEAMS_OUTBOX_POLL_MS: '0', ...store.env() });
      state = await StateRepository.open(api.bot.store, { lifetime: botStateLifetime(24), now: () => new Date() });
      await api.bot.domain.accounts.createAccount({ name: 'op-anna', role: 'operator', projectIds: [BG_PROJECT], teamsAadObjectId: anna.aadObjectId });
      expect(await inChannel(anna).say(`collega progetto ${BG_PROJECT}`)).toMatch(/arriveranno/);
    });
    afterAll(async () => {
      if (store.name === 'MongoDB') await (api.bot.store as MongoStore).dropDatabase();
      await api.bot.stop();
      await connector.stop();
    });

    test('every card verb, no expectReplies: answered inside the turn, its state saved before the response, the bot answers after', async () => {
      const lead = await referral(api, 'bg');
      await carded(lead);
      const bea = await newOperator();
      expect(await userState(bea)).toBeUndefined();

      const steps: Array<[string, Record<string, unknown>, RegExp]> = [
        ['claim', { leadId: lead._id }, /Hai preso in carico/],
        ['refresh', { leadId: lead._id }, /Recapiti/],
        ['contacted', { leadId: lead._id }, /ora è «contattato»/],
        ['enrolled', { leadId: lead._id }, /ora è «iscritto»/],
        ['close', { leadId: lead._id }, /Scegli il motivo/],
        ['close', { leadId: lead._id, reason: 'withdrawn' }, /ora è «chiusa»/],
        ['archive', { leadId: lead._id }, /Azione non riconosciuta/],
        ['claim', { leadId: 'no-such-lead' }, /non esiste più/],
      ];
      for (const [verb, data, says] of steps) {
        const { status, body } = await inChannel(bea).invoke('adaptiveCard/action', executeValue(verb, data), 'card-verbs');
        expect({ verb, status }).toEqual({ verb, status: 200 });
        expect(body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
        expect(JSON.stringify(body)).toMatch(says);
        // today's card actions change no state (reading the language creates none); that whatever an invoke
        // changes is saved inside its turn is shown in test/bot/invokeStateSave.test.ts
        await stillAnswers();
      }
      const final = await api.bot.domain.leads.get(lead._id);
      expect(final.status).toBe('closed');
      const audit = await api.bot.domain.audit.list({ action: 'lead.claimed' });
      expect(audit.items.filter((e) => e.target === `lead:${lead._id}`)).toHaveLength(1);
    });

    test('malformed card actions: 400 or a "not recognised" card, nothing changes', async () => {
      const lead = await referral(api, 'bg');
      await carded(lead);
      const member = inChannel(anna);
      const bad: Array<[unknown, number]> = [
        [undefined, 400],
        [{}, 400],
        [{ action: 'claim' }, 400],
        [{ action: null }, 400],
        ['claim', 400],
        [{ action: { type: 'Action.Submit', verb: 'claim', data: { leadId: lead._id } } }, 400],
        [executeValue(42, { leadId: lead._id }), 200],
        [executeValue('claim', 'not an object'), 200],
        [executeValue('claim', null), 200],
        [executeValue('claim', { leadId: { $ne: null } }), 200],
        [executeValue(['claim'], { leadId: lead._id }), 200],
      ];
      for (const [value, expected] of bad) {
        const { status, body } = await member.invoke('adaptiveCard/action', value, 'card-bad');
        expect({ value, status }).toEqual({ value, status: expected });
        if (expected === 400) expect(body).toMatchObject({ statusCode: 400, type: ERROR_TYPE, value: { code: expect.any(String) } });
        else expect(JSON.stringify(body)).toMatch(/Azione non riconosciuta/);
      }
      expect((await api.bot.domain.leads.get(lead._id)).status).toBe('new');
      await stillAnswers();
    });

    test('invokes the bot does not implement: task/fetch, task/submit, messaging extensions, sign-in, unknown: a clean 501', async () => {
      const lead = await referral(api, 'bg');
      const names: Array<[string | undefined, unknown]> = [
        ['task/fetch', { data: { leadId: lead._id } }],
        ['task/submit', { data: { leadId: lead._id, reason: 'x' } }],
        ['composeExtension/query', { commandId: 'search', parameters: [{ name: 'q', value: 'x' }] }],
        ['composeExtension/fetchTask', { commandId: 'x' }],
        ['signin/verifyState', { state: '123456' }],
        ['signin/tokenExchange', { id: 'x', connectionName: 'c', token: 't' }],
        ['application/search', { kind: 'search', queryText: 'x' }],
        ['config/fetch', {}],
        ['no/such-invoke', { anything: true }],
        [undefined, { leadId: lead._id }],
      ];
      for (const [name, value] of names) {
        const user = await newOperator();
        const { status } = await inChannel(user).invoke(name, value, 'card-x');
        expect({ name, status }).toEqual({ name, status: 501 });
        await stillAnswers();
      }
      expect((await api.bot.domain.leads.get(lead._id)).status).toBe('new');
    });

    test('off Teams (Direct Line, Web Chat, Emulator, no channel) a linked operator\'s AAD id gets 403 and nothing changes', async () => {
      const lead = await referral(api, 'bg');
      await carded(lead);
      const claimed = await referral(api, 'bg');
      await carded(claimed);
      expect((await inChannel(anna).execute('claim', { leadId: claimed._id }, 'card-claimed')).statusCode).toBe(200);
      const updates = connector.updates().length;
      const annaBefore = await api.bot.domain.accounts.findByTeamsUser(anna.aadObjectId);

      for (const channelId of ['directline', 'webchat', 'emulator', 'test', undefined]) {
        for (const [verb, target] of [['claim', lead], ['refresh', claimed], ['contacted', claimed], ['close', claimed]] as const) {
          const { status, body } = await inChannel(anna).invoke('adaptiveCard/action', executeValue(verb, { leadId: target._id, reason: 'withdrawn' }), 'card-off', {
            channelId,
            from: { ...anna, name: 'Qualcun Altro' },
          } as Partial<Activity>);
          expect({ channelId, verb, status }).toEqual({ channelId, verb, status: 403 });
          expect(body).toEqual({ statusCode: 403, type: ERROR_TYPE, value: { code: 'Forbidden', message: expect.stringMatching(/solo in Microsoft Teams/) } });
          // no contact details, no reference, no state of the lead
          expect(JSON.stringify(body)).not.toMatch(/Lavoratore|333|example\.com|AR-/);
        }
      }
      expect((await api.bot.domain.leads.get(lead._id)).status).toBe('new');
      expect((await api.bot.domain.leads.get(claimed._id)).status).toBe('claimed');
      const audit = await api.bot.domain.audit.list({});
      expect(audit.items.filter((e) => e.target === `lead:${lead._id}`)).toEqual([]);
      expect(audit.items.filter((e) => e.target === `lead:${claimed._id}`)).toHaveLength(1);
      expect(connector.updates().length).toBe(updates);
      // the account was not even looked up: its Teams name was not overwritten by the forged one
      expect(await api.bot.domain.accounts.findByTeamsUser(anna.aadObjectId)).toEqual(annaBefore);
    });

    test('account linking and channel commands are Teams-only too: a link code or "collega progetto" elsewhere does nothing', async () => {
      await api.bot.domain.accounts.createAccount({ name: 'op-dora', role: 'operator', projectIds: [BG_PROJECT] });
      const { code } = await api.bot.domain.accounts.createLinkCode('op-dora');
      const dora: TeamsUser = { id: '29:dora', name: 'Dora Viola', aadObjectId: aadId(60) };
      for (const channelId of ['directline', 'webchat', 'emulator']) {
        const chat = new Chat(api.bot, { channelId, userId: dora.id });
        await chat.post({ type: 'message', text: `collega ${code}`, from: dora } as Partial<Activity>);
        await chat.post({
          type: 'message',
          text: `collega progetto ${BG_PROJECT}`,
          from: dora,
          conversation: { id: `${channelId}-group`, isGroup: true, conversationType: 'channel', name: '' },
        } as Partial<Activity>);
        expect(await api.bot.teams.links.forConversation(`${channelId}-group`)).toEqual([]);
      }
      expect(await api.bot.domain.accounts.findByTeamsUser(dora.aadObjectId)).toBeNull();
      // the code was not spent: in Teams it still links
      const replies = await personalChat(api.bot, dora).say(`collega ${code}`);
      expect(replies.map((r) => r.text).join('\n')).toMatch(/collegato all'account «op-dora»/);
    });

    test('an unknown project id typed in the channel is echoed with an id\'s characters only, never as a link', async () => {
      const reply = await inChannel(anna).say('collega progetto [Clicca](https://evil.example/x)<b>x</b>');
      expect(reply).toMatch(/Non trovo il progetto «Clicca/);
      expect(reply).not.toMatch(/\]\(|https:|<b>/);
    });

    test('a firm name and a worker name with a markdown link, HTML and a formula: the posted card and the claimer\'s view show them as text', async () => {
      const firm = `${HOSTILE_STRINGS[0]} ${HOSTILE_STRINGS[1]} ${HOSTILE_STRINGS[2]}`;
      const name = `[Mario](https://evil.example) <i>Rossi</i> =1+1`;
      // counted before the referral: its card may be posted (by the lead-event consumer) as soon as the lead exists
      const before = connector.posts(CHANNEL).length;
      const lead = await referral(api, 'bg', { employerName: firm, name });
      expect(lead.projectId).toBe(BG_PROJECT);
      await carded(lead);
      const post = connector.posts(CHANNEL).slice(before).find((p) => JSON.stringify(p.activity).includes(lead.reference));
      const shared = ((post?.activity.attachments ?? [])[0] as Attachment | undefined)?.content;
      const sharedTexts = cardTexts(shared);
      expect(sharedTexts.filter((x) => x.markdown)).toEqual([]);
      expect(sharedTexts).toContainEqual({ text: firm, markdown: false });
      expect(JSON.stringify(shared)).not.toContain('Mario');

      const mine = await inChannel(anna).execute('claim', { leadId: lead._id }, post?.activity.id ?? 'card-firm');
      const personal = cardTexts(mine.value);
      expect(personal.filter((x) => x.markdown)).toEqual([]);
      expect(personal).toContainEqual({ text: firm, markdown: false });
      expect(personal).toContainEqual({ text: name, markdown: false });
    });
  });
}
