import { openDomain } from '../../models/domain';
import { StateRepository } from '../../models/state/stateRepository';
import { createStore } from '../../models/store/createStore';
import type { MongoStore } from '../../models/store/mongo/mongoStore';
import type { Store } from '../../models/store/store';
import { tempDir } from '../support/adapters';
import { CHILD_START_TIMEOUT_MS, startChildBot, type ChildBot } from '../support/childBot';
import { submission } from '../leads/fixtures';
import { ConnectorStandIn } from './connectorStandIn';
import { aadId, ChannelMember, executeValue, type TeamsUser } from './teamsChat';
import { botStateLifetime } from '../../bot/state/storeStorage';

/**
 * The bot as `npm start` runs it, in its own process: a card click sent as Teams sends it (no expectReplies) used
 * to be answered 200 and then end the process (botbuilder saved state after the turn, on a revoked context). Here
 * a real child process takes every kind of click and is still up, still answering, with its state on disk.
 */
const PROJECT = 'esempio-bg-metalmeccanico';
const CHANNEL = '19:child@thread.tacv2';
const anna: TeamsUser = { id: '29:anna-child', name: 'Anna Bianchi', aadObjectId: aadId(31) };
// an operator whose first turn ever is a card click: the turn that changes user state, the save that crashed
const marco: TeamsUser = { id: '29:marco-child', name: 'Marco Verdi', aadObjectId: aadId(32) };
let strangers = 0;
/** Someone in the channel who never wrote to the bot (a first turn, so new state to save). */
function stranger(): TeamsUser {
  strangers += 1;
  return { id: `29:stranger-${strangers}-${Date.now()}`, name: `Persona ${strangers}`, aadObjectId: aadId(400 + strangers) };
}

interface Where {
  name: string;
  describe: jest.Describe;
  config: () => Promise<{ env: Record<string, string>; open: () => Promise<Store> }>;
}

const mongoUri = process.env.MONGODB_URI;
const WHERE: Where[] = [
  {
    name: 'embedded store',
    describe,
    config: async () => {
      const dataDir = await tempDir('adr-child-invoke-');
      return { env: { DATA_DIR: dataDir }, open: () => createStore({ dataDir }) };
    },
  },
  {
    name: 'MongoDB',
    describe: mongoUri ? describe : describe.skip,
    config: async () => {
      const url = new URL(mongoUri ?? 'mongodb://127.0.0.1');
      url.pathname = `/adr_child_invokes_${process.pid}_${Date.now()}`;
      const uri = url.toString();
      return { env: { MONGODB_URI: uri }, open: () => createStore({ mongodbUri: uri, dataDir: '' }) };
    },
  },
];

for (const where of WHERE) {
  where.describe(`a real bot process takes Teams clicks and stays up (${where.name})`, () => {
    let connector: ConnectorStandIn;
    let bot: ChildBot | undefined;
    let open: () => Promise<Store>;
    let leadId = '';
    let out = '';
    let err = '';

    beforeAll(async () => {
      connector = await new ConnectorStandIn().start();
      const config = await where.config();
      open = config.open;
      // the account and a referral exist before the process starts (one process owns an embedded store)
      const store = await open();
      const domain = await openDomain(store, { now: () => new Date(), sampleProjects: 'active' });
      await domain.accounts.createAccount({ name: 'op-anna', role: 'operator', projectIds: [PROJECT], teamsAadObjectId: anna.aadObjectId });
      await domain.accounts.createAccount({ name: 'op-marco', role: 'operator', projectIds: [PROJECT], teamsAadObjectId: marco.aadObjectId });
      leadId = (await domain.leads.submit(submission({ channelUserId: 'worker-child' }), 'child-submission-1')).lead._id;
      await store.close();
      bot = await startChildBot({ ...config.env, TEAMS_OUTBOX_POLL_MS: '0', SAMPLE_PROJECTS: 'active' });
      bot.child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
      bot.child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    }, CHILD_START_TIMEOUT_MS + 30000);

    afterAll(async () => {
      if (bot && bot.child.exitCode === null) {
        bot.child.kill('SIGKILL');
        await bot.exited;
      }
      await connector.stop();
    });

    test('claim, other verbs, unknown lead, task/fetch, malformed and off-Teams clicks: answered, process alive, state on disk', async () => {
      const running = bot as ChildBot;
      const member = new ChannelMember(running, anna, CHANNEL, connector.url);
      expect(await member.say(`collega progetto ${PROJECT}`)).toMatch(/arriveranno/);
      const lead = { _id: leadId };

      const clicks: Array<[TeamsUser, string | undefined, unknown, number, Record<string, unknown>?]> = [
        [marco, 'adaptiveCard/action', executeValue('claim', { leadId: lead._id }), 200],
        [stranger(), 'adaptiveCard/action', executeValue('claim', { leadId: 'no-such-lead' }), 200],
        [stranger(), 'task/fetch', { data: { leadId: lead._id } }, 501],
        [stranger(), 'task/submit', { data: { leadId: lead._id } }, 501],
        [stranger(), 'adaptiveCard/action', executeValue('archive', { leadId: lead._id }), 200],
        [stranger(), 'adaptiveCard/action', {}, 400],
        [stranger(), 'signin/verifyState', { state: '1' }, 501],
        [stranger(), 'no/such-invoke', {}, 501],
        [marco, 'adaptiveCard/action', executeValue('contacted', { leadId: lead._id }), 200],
        [marco, 'adaptiveCard/action', executeValue('close', { leadId: lead._id, reason: 'withdrawn' }), 403, { channelId: 'directline' }],
      ];
      for (const [user, name, value, status, overrides] of clicks) {
        const response = await new ChannelMember(running, user, CHANNEL, connector.url).invoke(name, value, 'card-child', overrides);
        expect({ name, value, status: response.status }).toEqual({ name, value, status });
        // what used to end the process ran just after the response: a readiness request answered after it (the
        // store ping queues behind the turn's writes) shows the process got past that point alive, then look
        expect({ name, ready: (await fetch(`${running.url}/readyz`)).status }).toEqual({ name, ready: 200 });
        expect({ name, exitCode: running.child.exitCode }).toEqual({ name, exitCode: null });
        // alive, and not only thanks to the process guard: no rejection reached it
        expect(out).not.toMatch(/unhandled promise rejection|uncaught exception/);
      }
      expect(await member.say('stato')).toMatch(new RegExp(`riceve le segnalazioni di: ${PROJECT}`));
      expect(running.child.exitCode).toBeNull();
      expect(out).not.toMatch(/revoked|unhandled promise rejection/);
      expect(err).not.toMatch(/TypeError|Error:|\n\s+at /);

      // a graceful stop, then what the process left in the store
      running.child.kill('SIGTERM');
      expect(await running.exited).toBe(0);
      const store = await open();
      try {
        const domain = await openDomain(store, { now: () => new Date() });
        const stored = await domain.leads.get(lead._id);
        expect(stored.status).toBe('contacted');
        const account = await domain.accounts.findByTeamsUser(marco.aadObjectId);
        expect(stored.operatorId).toBe(account?._id);
        const audit = await domain.audit.list({});
        expect(audit.items.filter((e) => e.target === `lead:${lead._id}`).map((e) => e.action).sort()).toEqual(['lead.claimed', 'lead.status_changed']);
        // no user-state document for people who chose nothing (privacy); the save of what an invoke changes is
        // shown in test/bot/invokeStateSave.test.ts
        const state = await StateRepository.open(store, { lifetime: botStateLifetime(24), now: () => new Date() });
        const keys = [...new Set(clicks.map(([user]) => `msteams/users/${user.id}/`))];
        expect(Object.keys(await state.read(keys))).toEqual([]);
      } finally {
        if (where.name === 'MongoDB') await (store as MongoStore).dropDatabase();
        await store.close();
      }
    }, 120000);
  });
}
