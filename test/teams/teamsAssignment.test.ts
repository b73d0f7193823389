import { BG_PROJECT, CO_PROJECT, call, referral, startApiBot, tokenFor, type ApiBot } from '../api/helpers';
import { ConnectorStandIn } from './connectorStandIn';
import { aadId, ChannelMember, type TeamsUser } from './teamsChat';

/**
 * A referral staff put in a project by hand (one no project matched, or one moved to another project) reaches that
 * project's Teams channels like a new one; a card already posted elsewhere is kept up to date when it is claimed.
 */
const BG_CHANNEL = '19:bg-channel@thread.tacv2';
const CO_CHANNEL = '19:co-channel@thread.tacv2';
const anna: TeamsUser = { id: '29:anna', name: 'Anna Bianchi', aadObjectId: aadId(2) };
const carla: TeamsUser = { id: '29:carla', name: 'Carla Neri', aadObjectId: aadId(5) };

describe('Teams: referrals staff assign to a project', () => {
  let api: ApiBot;
  let connector: ConnectorStandIn;
  let staffToken: string;
  const mentions = (channel: string, reference: string): number => connector.posts(channel).filter((p) => JSON.stringify(p.activity).includes(reference)).length;

  beforeAll(async () => {
    connector = await new ConnectorStandIn().start();
    api = await startApiBot({ TEAMS_OUTBOX_POLL_MS: '0' });
    staffToken = await tokenFor(api, 'staff-sara', 'staff');
    await api.bot.domain.accounts.createAccount({ name: 'op-anna', role: 'operator', projectIds: [BG_PROJECT], teamsAadObjectId: anna.aadObjectId });
    await api.bot.domain.accounts.createAccount({ name: 'op-carla', role: 'operator', projectIds: [CO_PROJECT], teamsAadObjectId: carla.aadObjectId });
    expect(await new ChannelMember(api.bot, anna, BG_CHANNEL, connector.url).say(`collega progetto ${BG_PROJECT}`)).toMatch(/arriveranno/);
    expect(await new ChannelMember(api.bot, carla, CO_CHANNEL, connector.url).say(`collega progetto ${CO_PROJECT}`)).toMatch(/arriveranno/);
  });
  afterAll(async () => {
    await api.bot.stop();
    await connector.stop();
  });

  async function assign(leadId: string, projectId: string | null): Promise<void> {
    const response = await call(api, 'PATCH', `/api/referrals/${leadId}`, staffToken, { projectId });
    expect(response.status).toBe(200);
    // the assignment's lead event reaches the Teams consumer, which writes the outbox row the dispatcher posts
    await api.bot.leadEvents.consumers.teams.idle();
    await api.bot.teams.dispatcher.idle();
  }

  test('a referral no project matched: assigned by staff, its card reaches that project\'s channel, once', async () => {
    const lead = await referral(api, 'unassigned');
    expect(lead.projectId).toBeNull();
    await api.bot.teams.dispatcher.enqueue(lead); // what the chat does: no project, no card
    await api.bot.teams.dispatcher.idle();
    expect(mentions(BG_CHANNEL, lead.reference) + mentions(CO_CHANNEL, lead.reference)).toBe(0);

    await assign(lead._id, CO_PROJECT);
    expect(mentions(CO_CHANNEL, lead.reference)).toBe(1);
    expect(mentions(BG_CHANNEL, lead.reference)).toBe(0);
    // assigning the same project again posts nothing more; taking it back out posts nothing
    await assign(lead._id, CO_PROJECT);
    await assign(lead._id, null);
    expect(mentions(CO_CHANNEL, lead.reference)).toBe(1);
  });

  test('moved to another project after its card went out: the new project gets it; a claim there updates both cards', async () => {
    const lead = await referral(api, 'bg');
    expect(lead.projectId).toBe(BG_PROJECT);
    await api.bot.teams.dispatcher.enqueue(lead);
    await api.bot.teams.dispatcher.idle();
    expect(mentions(BG_CHANNEL, lead.reference)).toBe(1);

    await assign(lead._id, CO_PROJECT);
    expect(mentions(CO_CHANNEL, lead.reference)).toBe(1);
    // the Bergamo operator can no longer take it; the Como one can
    const refused = await new ChannelMember(api.bot, anna, BG_CHANNEL, connector.url).execute('claim', { leadId: lead._id }, 'bg-card');
    expect(JSON.stringify(refused.value)).toMatch(/progetto che non segui/);
    const updatesBefore = connector.updates().length;
    const claimed = await new ChannelMember(api.bot, carla, CO_CHANNEL, connector.url).execute('claim', { leadId: lead._id }, 'co-card');
    expect(claimed.statusCode).toBe(200);
    expect((await api.bot.domain.leads.get(lead._id)).status).toBe('claimed');
    // the card left in the Bergamo channel now says it was taken, so nobody there wonders about it
    const bgPosted = (await api.bot.teams.outbox.deliveriesForLead(lead._id)).find((d) => d.conversationId === BG_CHANNEL);
    const bgUpdate = connector.updates().slice(updatesBefore).find((u) => u.conversationId === BG_CHANNEL && u.activityId === bgPosted?.activityId);
    expect(JSON.stringify(bgUpdate?.activity)).toMatch(/Preso in carico da Carla N\./);
    expect(JSON.stringify(bgUpdate?.activity)).not.toContain('"verb":"claim"');
  });

  test('moved before its card went out: posted only in the project it is in now', async () => {
    const lead = await referral(api, 'bg');
    await api.bot.teams.outbox.enqueue(lead._id, new Date(), BG_PROJECT); // written, not yet delivered
    await api.bot.domain.leads.assignProject(lead._id, CO_PROJECT, 'staff');
    await api.bot.teams.dispatcher.assigned(await api.bot.domain.leads.get(lead._id));
    await api.bot.teams.dispatcher.idle();
    expect(mentions(BG_CHANNEL, lead.reference)).toBe(0);
    expect(mentions(CO_CHANNEL, lead.reference)).toBe(1);
    expect(await api.bot.teams.outbox.forLead(lead._id)).toMatchObject({ status: 'skipped', lastError: 'reassigned' });
  });
});
