import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import type { RunningBot } from '../../bot/index';
import { LeadService } from '../../models/leads/leadService';
import { LeadRepository } from '../../models/leads/leadRepository';
import { ProjectRepository, seedSampleProjects } from '../../models/projects/projectRepository';
import { EmbeddedStore } from '../../models/store/embedded/embeddedStore';
import { Outbox } from '../../models/teams/outbox';
import { startTestBot, textOf } from '../support/botServer';
import { ConnectorStandIn } from './connectorStandIn';
import { aadId, BOT, ChannelMember, type TeamsUser } from './teamsChat';
import { Chat } from '../support/botServer';
import { eventually } from '../support/eventually';

const NOW = new Date('2026-06-15T10:00:00Z');
const PROJECT = 'esempio-bg-metalmeccanico';
const CHANNEL = '19:referrals@thread.tacv2';
const anna: TeamsUser = { id: '29:anna', name: 'Anna Bianchi', aadObjectId: aadId(2) };
const worker: TeamsUser = { id: '29:worker-teams-id', name: 'Mario Rossi', aadObjectId: aadId(42) };

/** The worker's personal chat in Teams: the personal conversation, the worker's Teams identity. */
class PersonalChat {
  private readonly chat: Chat;
  private readonly conversation = { id: `a:personal-${randomUUID()}`, isGroup: false, conversationType: 'personal', name: '', tenantId: 'tenant-1' };
  constructor(bot: RunningBot) {
    this.chat = new Chat(bot, { channelId: 'msteams', userId: worker.id });
  }
  post(activity: Partial<Activity>): Promise<Activity[]> {
    return this.chat.post({ from: worker, recipient: BOT, conversation: this.conversation, ...activity });
  }
  async say(text: string): Promise<string> {
    return textOf(await this.post({ type: 'message', text }));
  }
}

describe('Teams: the worker journey in a personal chat', () => {
  let bot: RunningBot;
  let connector: ConnectorStandIn;

  beforeAll(async () => {
    connector = await new ConnectorStandIn().start();
    bot = await startTestBot({ TEAMS_OUTBOX_POLL_MS: '0' }, { clock: () => NOW });
    await bot.domain.accounts.createAccount({ name: 'op-anna', role: 'operator', projectIds: [PROJECT], teamsAadObjectId: anna.aadObjectId });
    await new ChannelMember(bot, anna, CHANNEL, connector.url).say(`collega progetto ${PROJECT}`);
  });
  afterAll(async () => {
    await bot.stop();
    await connector.stop();
  });

  test('welcome on install with the menu as a card, pre-check, referral, "i miei dati"; the channel card carries no worker identity', async () => {
    const dm = new PersonalChat(bot);
    const welcome = await dm.post({ type: 'conversationUpdate', membersAdded: [worker, BOT] });
    expect(welcome[0].attachments?.[0].contentType).toBe('application/vnd.microsoft.card.hero');
    expect(welcome[0].suggestedActions).toBeUndefined();
    expect(textOf(welcome)).toMatch(/Posso partecipare\?/);
    // a mention in a personal chat is stripped too
    expect(await dm.say(`<at>${BOT.name}</at> menu`)).toMatch(/Posso partecipare/);
    for (const line of ['Posso partecipare?', 'Treviglio', 'Cassa integrazione straordinaria', 'Lavoro ancora lì, ma rischio di perdere il posto', 'Sì, sono previsti esuberi', 'Rossi Meccanica srl']) await dm.say(line);
    expect(await dm.say('Metalmeccanico')).toMatch(/probabilmente puoi partecipare/);
    expect(await dm.say('Voglio essere ricontattato')).toMatch(/Acconsenti/);
    await dm.say('Acconsento');
    await dm.say('Mario Rossi');
    await dm.say('chiamami al 333 987 6543');
    expect(await dm.say('Pomeriggio')).toMatch(/Mario Rossi/);
    const done = await dm.say('Conferma');
    const reference = /AR-[2-9A-HJ-NP-Z]{5}/.exec(done)?.[0] ?? '';
    expect(reference).not.toBe('');
    expect(await dm.say('i miei dati')).toMatch(/\+393339876543/);

    await bot.teams.dispatcher.idle();
    const posted = await eventually(() => connector.posts(CHANNEL).find((p) => JSON.stringify(p.activity).includes(reference)), { withinMs: 5000, what: 'the referral posted in the channel' });
    const json = JSON.stringify(posted?.activity);
    expect(json).toContain('Rossi Meccanica srl'); // the firm, not the person
    // whole phone forms, not bare digit runs: a random lead id may contain "987"
    expect(json).not.toMatch(/Mario|333 ?987 ?6543|3339876543|worker-teams-id|000000000042/);
    // the operator's personal view shows the contacts the worker gave, never their Teams identity
    const lead = await bot.domain.leads.getByReference(reference);
    const claimed = await new ChannelMember(bot, anna, CHANNEL, connector.url).execute('claim', { leadId: lead._id }, posted?.activityId ?? 'x');
    const personal = JSON.stringify(claimed.value);
    expect(personal).toContain('+393339876543');
    expect(personal).not.toMatch(/worker-teams-id|000000000042/);
  });
});

describe('Teams outbox: a crash between the lead and the delivery is replayed exactly once', () => {
  test('rows written but never dispatched -> restart -> each card posted once; another restart posts nothing more', async () => {
    const connector = await new ConnectorStandIn().start();
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'adr-teams-outbox-'));
    const env = { DATA_DIR: dataDir, TEAMS_OUTBOX_POLL_MS: '0' };

    // first life: the channel is linked
    let bot = await startTestBot(env, { clock: () => NOW });
    await bot.domain.accounts.createAccount({ name: 'op-anna', role: 'operator', projectIds: [PROJECT], teamsAadObjectId: anna.aadObjectId });
    await new ChannelMember(bot, anna, CHANNEL, connector.url).say(`collega progetto ${PROJECT}`);
    await bot.stop();

    // the "crash": leads and their outbox rows are on disk, but no dispatcher ran
    const store = await EmbeddedStore.open(dataDir);
    const projects = await ProjectRepository.open(store);
    await seedSampleProjects(projects, NOW, { activate: true });
    const leads = new LeadService(await LeadRepository.open(store), { now: () => NOW, projects });
    const outbox = await Outbox.open(store);
    const references: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { lead } = await leads.submit(
        {
          precheck: { answers: { province: 'BG', crisisKind: 'CIGS', situation: 'AT_RISK' }, outcome: 'likely_eligible', reasons: [], rulesVersion: 'ar-2018.1' },
          contact: { name: 'Mario Rossi', phone: `333 555 00${i}${i}` },
          employer: { name: 'Officine Esempio S.r.l.', sector: 'metalmeccanico' },
          consent: { noticeVersion: 'privacy-test', textHash: 'b'.repeat(64) },
          locale: 'it',
          channel: 'msteams',
        },
        `crash-${i}`,
      );
      // the third crashed even before its outbox row: the start-up reconciliation writes it
      if (i < 2) await outbox.enqueue(lead._id, new Date());
      references.push(lead.reference);
    }
    await store.close();
    expect(connector.posts(CHANNEL)).toHaveLength(0);

    // restart: every undelivered referral is posted, once
    bot = await startTestBot(env, { clock: () => NOW });
    await bot.teams.dispatcher.idle();
    await eventually(() => connector.posts(CHANNEL).length >= 3, { withinMs: 5000, what: 'the three undelivered referrals posted' });
    const posted = connector.posts(CHANNEL).map((p) => /AR-[2-9A-HJ-NP-Z]{5}/.exec(JSON.stringify(p.activity))?.[0]);
    expect(posted.sort()).toEqual([...references].sort());
    await bot.stop();

    // and again: nothing is posted twice
    bot = await startTestBot(env, { clock: () => NOW });
    await bot.teams.dispatcher.idle();
    // one more pass (an explicit signal, not a wait) posts nothing again
    bot.teams.dispatcher.kick();
    await bot.teams.dispatcher.idle();
    expect(connector.posts(CHANNEL)).toHaveLength(3);

    // two dispatchers racing for the same row: the lease gives it to one
    const lead = await bot.domain.leads.getByReference(references[0]);
    const row = await bot.teams.outbox.forLead(lead._id);
    expect(row?.status).toBe('delivered');
    const racing = await Outbox.open(bot.store);
    await racing.enqueue('race-lead', new Date(0));
    const [first, second] = await Promise.all([racing.lease('referral.new:race-lead', 'one', new Date(), 60000), racing.lease('referral.new:race-lead', 'two', new Date(), 60000)]);
    expect([first, second].filter((r) => r !== null)).toHaveLength(1);
    await bot.stop();
    await connector.stop();
  });
});
