import { randomUUID } from 'node:crypto';
import type { Attachment } from 'botbuilder';
import type { RunningBot } from '../../bot/index';
import type { Lead } from '../../models/leads/lead';
import { Chat, startTestBot, textOf } from '../support/botServer';
import { ConnectorStandIn, type ConnectorCall } from './connectorStandIn';
import { aadId, BOT, ChannelMember, personalChat, type TeamsUser } from './teamsChat';
import { eventually } from '../support/eventually';

const NOW = new Date('2026-06-15T10:00:00Z'); // 12:00 in Italy
const PROJECT = 'esempio-bg-metalmeccanico';
const OTHER_PROJECT = 'esempio-mi-ict';
const CHANNEL_A = '19:channel-a@thread.tacv2';
const CHANNEL_B = '19:channel-b@thread.tacv2';

const anna: TeamsUser = { id: '29:anna', name: 'Anna Bianchi', aadObjectId: aadId(2) };
const marco: TeamsUser = { id: '29:marco', name: 'Marco Verdi', aadObjectId: aadId(3) };
const luca: TeamsUser = { id: '29:luca', name: 'Luca Neri', aadObjectId: aadId(4) };
const staff: TeamsUser = { id: '29:sara', name: 'Sara Gialli', aadObjectId: aadId(1) };
const stranger: TeamsUser = { id: '29:x', name: 'Estraneo Qualunque', aadObjectId: aadId(9) };

let phoneSeq = 1000;

/** A worker's referral for the Bergamo metalworking project, written as the chat writes it. */
async function newLead(bot: RunningBot): Promise<Lead> {
  phoneSeq += 1;
  const { lead } = await bot.domain.leads.submit(
    {
      precheck: { answers: { province: 'BG', crisisKind: 'CIGS', situation: 'AT_RISK' }, outcome: 'likely_eligible', reasons: [], rulesVersion: 'ar-2018.1' },
      contact: { name: 'Mario Rossi', phone: `333 123 ${phoneSeq}`, email: `mario.rossi${phoneSeq}@example.org`, preferredTime: 'Pomeriggio' },
      employer: { name: 'Officine Esempio S.r.l.', sector: 'metalmeccanico' },
      consent: { noticeVersion: 'privacy-test', textHash: 'a'.repeat(64) },
      locale: 'it',
      channel: 'msteams',
      // a worker of their own each time (one open lead per chat identity)
      channelUserId: `29:worker-secret-id-${phoneSeq}`,
    },
    `sub-${randomUUID()}`,
  );
  expect(lead.projectId).toBe(PROJECT);
  return lead;
}

async function notify(bot: RunningBot, lead: Lead): Promise<void> {
  await bot.teams.dispatcher.enqueue(lead);
  await bot.teams.dispatcher.idle();
}

function cardOf(call: ConnectorCall | undefined): Record<string, unknown> {
  const attachment = (call?.activity.attachments ?? [])[0] as Attachment | undefined;
  expect(attachment?.contentType).toBe('application/vnd.microsoft.card.adaptive');
  return attachment?.content as Record<string, unknown>;
}

function expectNoPersonalData(json: string): void {
  // whole phone forms, not a bare "333": a random id may contain any three digits
  expect(json).not.toMatch(/Mario|Rossi|333 ?123|3331\d{6}|example\.org|Pomeriggio|worker-secret-id/);
}

describe('Microsoft Teams: referral channels, cards and claims (real server, Connector stand-in)', () => {
  let bot: RunningBot;
  let connector: ConnectorStandIn;
  let clock = NOW;
  const inChannel = (user: TeamsUser, channel = CHANNEL_A): ChannelMember => new ChannelMember(bot, user, channel, connector.url);

  beforeAll(async () => {
    connector = await new ConnectorStandIn().start();
    bot = await startTestBot({ TEAMS_RETRY_BASE_MS: '200', TEAMS_OUTBOX_POLL_MS: '0' }, { clock: () => clock });
    const accounts = bot.domain.accounts;
    await accounts.createAccount({ name: 'staff-sara', role: 'staff', teamsAadObjectId: staff.aadObjectId });
    await accounts.createAccount({ name: 'op-anna', role: 'operator', projectIds: [PROJECT], teamsAadObjectId: anna.aadObjectId });
    await accounts.createAccount({ name: 'op-marco', role: 'operator', projectIds: [PROJECT], teamsAadObjectId: marco.aadObjectId });
    await accounts.createAccount({ name: 'op-luca', role: 'operator', projectIds: [OTHER_PROJECT], teamsAadObjectId: luca.aadObjectId });
  });
  afterAll(async () => {
    await bot.stop();
    await connector.stop();
  });
  beforeEach(() => {
    connector.responder = () => undefined;
    clock = NOW;
  });

  test('link and unlink a channel: only linked operators and staff, only projects they may see; @mentions are stripped', async () => {
    expect(await inChannel(stranger).say(`collega progetto ${PROJECT}`)).toMatch(/Solo un operatore o lo staff/);
    expect(await inChannel(luca).say(`collega progetto ${PROJECT}`)).toMatch(/Non trovo il progetto/);
    expect(await inChannel(anna).say('collega progetto non-esiste')).toMatch(/Non trovo il progetto/);
    expect(await bot.teams.links.forConversation(CHANNEL_A)).toEqual([]);

    expect(await inChannel(anna).say(`collega progetto ${PROJECT}`)).toMatch(/arriveranno in questo canale/);
    const [link] = await bot.teams.links.forConversation(CHANNEL_A);
    expect(link).toMatchObject({ projectId: PROJECT, conversationId: CHANNEL_A, active: true, language: 'it' });
    // the stored reference points at the channel itself, not at the thread of the command, and names no user
    expect(link.reference).toMatchObject({ channelId: 'msteams', serviceUrl: connector.url, conversation: { id: CHANNEL_A }, bot: BOT });
    expect(link.reference).not.toHaveProperty('user');
    // the mention is gone before understanding: "stato" is understood, not answered with the help
    expect(await inChannel(marco).say('stato')).toMatch(new RegExp(`riceve le segnalazioni di: ${PROJECT}`));

    expect(await inChannel(luca).say('scollega')).toMatch(/non è collegato/);
    expect(await inChannel(anna).say('scollega')).toMatch(/non riceve più le segnalazioni di esempio-bg-metalmeccanico/);
    expect(await bot.teams.links.forConversation(CHANNEL_A)).toEqual([]);
    expect(await inChannel(anna).say('ciao')).toMatch(/collega progetto <id>/);

    expect(await inChannel(anna).say(`collega progetto ${PROJECT}`)).toMatch(/arriveranno/);
    const audit = await bot.domain.audit.list({ action: 'teams.channel_linked' });
    expect(audit.items.length).toBeGreaterThanOrEqual(2);
  });

  test('added to a team: the channel is told how to link it, and no worker welcome appears there', async () => {
    const member = inChannel(anna);
    const replies = await new Chat(bot, { channelId: 'msteams' }).post({
      channelId: 'msteams',
      serviceUrl: connector.url,
      type: 'conversationUpdate',
      conversation: { id: CHANNEL_B, isGroup: true, conversationType: 'channel', name: '' },
      from: member.user,
      recipient: BOT,
      membersAdded: [BOT],
      channelData: { eventType: 'teamMemberAdded', team: { id: '19:team@thread.tacv2' } },
    });
    expect(textOf(replies)).toMatch(/collega progetto <id del progetto>/);
    expect(textOf(replies)).not.toMatch(/Posso partecipare/);
  });

  test('a new referral is posted to the linked channel as an Adaptive Card 1.5 without personal data', async () => {
    const lead = await newLead(bot);
    await notify(bot, lead);
    const posts = connector.posts(CHANNEL_A);
    expect(posts).toHaveLength(1);
    const card = cardOf(posts[0]);
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    const json = JSON.stringify(card);
    expect(json).toContain(lead.reference);
    expect(json).toContain('probabilmente ammissibile');
    expect(json).toContain('"BG"');
    expect(json).toContain('Metalmeccanico');
    expect(json).toContain('Officine Esempio S.r.l.');
    expect(json).toContain('15/06/2026, 12:00');
    expect(card.actions).toEqual([expect.objectContaining({ type: 'Action.Execute', verb: 'claim', title: 'Prendi in carico', data: { leadId: lead._id } })]);
    expectNoPersonalData(json);
    expect((await bot.teams.outbox.forLead(lead._id))?.status).toBe('delivered');
    // a second enqueue of the same referral posts nothing more
    await notify(bot, lead);
    expect(connector.posts(CHANNEL_A)).toHaveLength(1);
  });

  test('two operators click "Prendi in carico" at once: one wins, the other is told who; everyone sees who took it', async () => {
    const lead = await newLead(bot);
    await notify(bot, lead);
    expect(JSON.stringify(connector.posts(CHANNEL_A).at(-1)?.activity)).toContain(lead.reference);
    const before = connector.updates().length;

    const [a, m] = await Promise.all([inChannel(anna).execute('claim', { leadId: lead._id }, 'card-1'), inChannel(marco).execute('claim', { leadId: lead._id }, 'card-1')]);
    const stored = await bot.domain.leads.get(lead._id);
    expect(stored.status).toBe('claimed');
    const annaWon = JSON.stringify(a.value).includes('Mario Rossi');
    const [winner, loser, winnerUser] = annaWon ? [a, m, anna] : [m, a, marco];
    const winnerShort = annaWon ? 'Anna B.' : 'Marco V.';
    expect(JSON.stringify(loser.value)).not.toContain('Mario Rossi');
    expect(JSON.stringify(loser.value)).toContain(`già presa in carico da ${winnerShort}`);
    expect(winner).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    const personal = JSON.stringify(winner.value);
    expect(personal).toContain(`Preso in carico da ${winnerShort}, 12:00`);
    expect(personal).toContain('+39333123');
    expect(personal).toMatch(/"verb":"contacted"/);
    expect(personal).toMatch(/"verb":"close"/);
    expect(winner.value).toMatchObject({ refresh: { userIds: [winnerUser.id], action: { verb: 'refresh' } } });

    // the card clicked on is replaced for everyone: who and when, no contact details, no claim button
    await eventually(() => connector.updates().length > before, { withinMs: 15000, what: 'the card update' });
    const update = connector.updates().find((u) => u.activityId === 'card-1');
    const shared = JSON.stringify(cardOf(update));
    expect(shared).toContain(`Preso in carico da ${winnerShort}, 12:00`);
    expect(shared).not.toContain('"verb":"claim"');
    expectNoPersonalData(shared);
    const audit = await bot.domain.audit.list({ action: 'lead.claimed' });
    expect(audit.items.filter((e) => e.target === `lead:${lead._id}`)).toHaveLength(1);
  });

  test('an unlinked Teams user, or an operator of another project, gets a refusal card and nothing changes', async () => {
    const lead = await newLead(bot);
    await notify(bot, lead);
    const updates = connector.updates().length;
    const refused = await inChannel(stranger).execute('claim', { leadId: lead._id }, 'card-2');
    expect(JSON.stringify(refused.value)).toMatch(/non è collegato a un account operatore/);
    const other = await inChannel(luca).execute('claim', { leadId: lead._id }, 'card-2');
    expect(JSON.stringify(other.value)).toMatch(/progetto che non segui/);
    expect(JSON.stringify(other.value)).not.toContain('Mario');
    expect((await bot.domain.leads.get(lead._id)).status).toBe('new');
    expect(connector.updates().length).toBe(updates);
  });

  test('lifecycle buttons run the same transitions as the API: contattato, iscritto, chiuso with a reason', async () => {
    const lead = await newLead(bot);
    await notify(bot, lead);
    await inChannel(anna).execute('claim', { leadId: lead._id }, 'card-3');
    // only the claimer moves it
    expect(JSON.stringify((await inChannel(marco).execute('contacted', { leadId: lead._id }, 'card-3')).value)).toMatch(/Solo chi ha preso in carico/);
    const contacted = await inChannel(anna).execute('contacted', { leadId: lead._id }, 'card-3');
    expect(JSON.stringify(contacted.value)).toMatch(/ora è «contattato»/);
    expect(JSON.stringify(contacted.value)).toMatch(/"verb":"enrolled"/);
    expect((await bot.domain.leads.get(lead._id)).status).toBe('contacted');
    // a refresh shows the personal view to the claimer only
    expect(JSON.stringify((await inChannel(anna).execute('refresh', { leadId: lead._id }, 'card-3')).value)).toContain('Mario Rossi');
    expect(JSON.stringify((await inChannel(marco).execute('refresh', { leadId: lead._id }, 'card-3')).value)).not.toContain('Mario');

    await inChannel(anna).execute('enrolled', { leadId: lead._id }, 'card-3');
    const noReason = await inChannel(anna).execute('close', { leadId: lead._id }, 'card-3');
    expect(JSON.stringify(noReason.value)).toMatch(/Scegli il motivo/);
    expect((await bot.domain.leads.get(lead._id)).status).toBe('enrolled');
    const closed = await inChannel(anna).execute('close', { leadId: lead._id, reason: 'withdrawn' }, 'card-3');
    expect(JSON.stringify(closed.value)).toMatch(/ora è «chiusa»/);
    const final = await bot.domain.leads.get(lead._id);
    expect(final.status).toBe('closed');
    expect(final.history.at(-1)).toMatchObject({ action: 'status_changed', from: 'enrolled', to: 'closed', reason: 'withdrawn' });
    const shared = JSON.stringify(cardOf(connector.updates().filter((u) => u.activityId === 'card-3').at(-1)));
    expect(shared).toMatch(/chiusa/);
    expectNoPersonalData(shared);
  });

  test('429 from the Connector: retried after Retry-After, delivered exactly once', async () => {
    let refusals = 0;
    // the Connector client retries a 429 three times itself, each after Retry-After: the fourth refusal reaches
    // the outbox, whose own retry (after Retry-After too) is delivered
    connector.responder = (call) => (call.method === 'POST' && call.conversationId === CHANNEL_A && refusals++ < 4 ? { status: 429, retryAfter: '1' } : undefined);
    const before = connector.posts(CHANNEL_A).length;
    const lead = await newLead(bot);
    await bot.teams.dispatcher.enqueue(lead);
    await eventually(() => connector.posts(CHANNEL_A).length > before, { withinMs: 25000, what: 'the post in the channel' });
    await bot.teams.dispatcher.idle();
    expect(connector.posts(CHANNEL_A).length).toBe(before + 1);
    const failures = connector.attempts.filter((c) => c.conversationId === CHANNEL_A && c.method === 'POST' && !connector.calls.includes(c));
    const lastFailure = failures.at(-1)?.at ?? 0;
    const success = connector.posts(CHANNEL_A).at(-1)?.at ?? 0;
    expect(success - lastFailure).toBeGreaterThanOrEqual(900);
    const row = await bot.teams.outbox.forLead(lead._id);
    expect(row).toMatchObject({ status: 'delivered' });
    expect(row?.attempts).toBeGreaterThanOrEqual(2);
    expect(row?.deliveries).toHaveLength(1);
  }, 40000);

  test('403 (bot removed from the team) marks the link inactive; the project\'s other channel still gets the card', async () => {
    expect(await inChannel(staff, CHANNEL_B).say(`collega progetto ${PROJECT}`)).toMatch(/arriveranno/);
    connector.responder = (call) => (call.conversationId === CHANNEL_A ? { status: 403 } : undefined);
    const lead = await newLead(bot);
    await notify(bot, lead);
    expect(connector.posts(CHANNEL_B).map((p) => JSON.stringify(p.activity))).toEqual([expect.stringContaining(lead.reference)]);
    const [linkA] = await bot.teams.links.forConversation(CHANNEL_A);
    expect(linkA).toMatchObject({ active: false, inactiveReason: 'connector_403' });
    expect((await bot.teams.outbox.forLead(lead._id))?.status).toBe('delivered');
    // the next referral goes only to the channel that works; relinking reactivates
    connector.responder = () => undefined;
    const next = await newLead(bot);
    const postsA = connector.posts(CHANNEL_A).length;
    await notify(bot, next);
    expect(connector.posts(CHANNEL_A).length).toBe(postsA);
    await inChannel(anna).say(`collega progetto ${PROJECT}`);
    expect((await bot.teams.links.forConversation(CHANNEL_A))[0].active).toBe(true);
  });

  test('one-time link code: typed in a personal chat, 15 minutes, single use', async () => {
    await bot.domain.accounts.createAccount({ name: 'op-giulia', role: 'operator', projectIds: [PROJECT] });
    const giulia: TeamsUser = { id: '29:giulia', name: 'Giulia Blu', aadObjectId: aadId(7) };
    const { code } = await bot.domain.accounts.createLinkCode('op-giulia');
    expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    expect(await inChannel(giulia).say(`collega ${code}`)).toMatch(/chat privata/);
    const dm = personalChat(bot, giulia);
    expect(textOf(await dm.say(`collega ${code.toLowerCase()}`))).toMatch(/collegato all'account «op-giulia»/);
    expect((await bot.domain.accounts.findByTeamsUser(giulia.aadObjectId))?.name).toBe('op-giulia');
    const other: TeamsUser = { id: '29:o', name: 'Altro', aadObjectId: aadId(8) };
    expect(textOf(await personalChat(bot, other).say(`collega ${code}`))).toMatch(/non è valido o è scaduto/);
    // expired after 15 minutes
    await bot.domain.accounts.createAccount({ name: 'op-tardi', role: 'operator', projectIds: [PROJECT] });
    const late = await bot.domain.accounts.createLinkCode('op-tardi');
    clock = new Date(NOW.getTime() + 16 * 60 * 1000);
    expect(textOf(await personalChat(bot, other).say(`collega ${late.code}`))).toMatch(/non è valido o è scaduto/);
    expect(await bot.domain.accounts.findByTeamsUser(other.aadObjectId)).toBeNull();
    // giulia now works from the channel
    expect(await inChannel(giulia).say('stato')).toMatch(/riceve le segnalazioni/);
  });
});
