/**
 * Availability does not outlive a change of the operator's projects: who may take a request is decided from the
 * accounts and projects as staff left them, at the time of the decision, not from the projects stored when the
 * operator said "disponibile" (a presence said in Teams lasts hours). Through the real server (on a free port, clock
 * fixed on a Monday at 10:00 Italian time): staff change the membership through the API, then a worker asks for a
 * person; the operator no longer on the project is not counted, does not see the request and cannot accept it (in
 * the console's list, through the API, or by a Teams card's "Rispondi").
 */
import { readLocaleResources } from '../../models/i18n';
import { PRESENCE_MS } from '../../models/handoff/handoffService';
import { BG_PROJECT, call, startApiBot, tokenFor, type ApiBot } from '../api/helpers';
import { Chat, textOf } from '../support/botServer';
import { HANDOFF_ACCEPT_VERB } from '../../models/teams/handoffCards';
import { aadId, ChannelMember, executeValue, personalChat, type TeamsUser } from '../teams/teamsChat';

const strings = readLocaleResources();
function say(key: string, vars: Record<string, string | number> = {}): string {
  const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], strings.it) as string;
  return Object.entries(vars).reduce((s, [name, v]) => s.replace(`{{${name}}}`, String(v)), value);
}

let api: ApiBot;
let staff: string;
let workers = 0;

beforeAll(async () => {
  api = await startApiBot();
  staff = await tokenFor(api, 'staff-membership', 'staff');
}, 60_000);

afterAll(async () => {
  await api?.bot.stop();
});

function worker(): Chat {
  return new Chat(api.bot, { locale: 'it-IT', channelId: 'webchat', userId: `membership-worker-${++workers}` });
}

type Items = { items: Array<{ id: string }> };

test('an operator removed from their project after saying "disponibile" in Teams: the worker is offered the call-back, not a wait for nobody', async () => {
  const service = api.bot.handoffs.service;
  const dario: TeamsUser = { id: '29:dario-membership', name: 'Dario Neri', aadObjectId: aadId(931) };
  await api.bot.domain.accounts.createAccount({ name: 'dario-membership', role: 'operator', projectIds: [BG_PROJECT], teamsAadObjectId: dario.aadObjectId });
  expect(textOf(await personalChat(api.bot, dario).say('disponibile'))).toMatch(/sei disponibile/);
  expect(await service.anyoneAvailableFor({ province: 'BG' })).toBe(true);
  expect(await service.anyoneAvailableFor({})).toBe(true);

  expect((await call(api, 'PATCH', '/api/accounts/dario-membership', staff, { projectIds: [] })).status).toBe(200);
  expect(await service.anyoneAvailableFor({ province: 'BG' })).toBe(false);
  expect(await service.anyoneAvailableFor({ projectId: BG_PROJECT })).toBe(false);
  const w = worker();
  const answer = textOf(await w.post({ type: 'message', text: 'voglio parlare con un operatore' }));
  expect(answer).toContain(say('handoff.liveUnavailable'));
  expect(answer).not.toContain(say('handoff.connecting', { minutes: 2 }));
  expect(await service.openFor({ channel: 'webchat', userId: w.userId })).toBeNull();
  // and said again in Teams with no project: refused there, as before
  expect(textOf(await personalChat(api.bot, dario).say('disponibile'))).toContain(say('teams.handoff.availability.noProjects'));
}, 60_000);

test('a console operator removed from the project: the waiting request leaves their list and their acceptance is refused; a disabled project too', async () => {
  const service = api.bot.handoffs.service;
  // the availability of the test above lapses for the console's PRESENCE_MS; Dario's is held in Teams: say he left
  api.clock.advance(PRESENCE_MS + 1000);
  const ugo = await tokenFor(api, 'ugo-membership', 'operator', [BG_PROJECT]);
  const vera = await tokenFor(api, 'vera-membership', 'operator', [BG_PROJECT]);
  expect((await call(api, 'PUT', '/api/handoffs/availability', ugo, { available: true })).status).toBe(200);
  expect((await call(api, 'PUT', '/api/handoffs/availability', vera, { available: true })).status).toBe(200);
  const w = worker();
  expect(textOf(await w.post({ type: 'message', text: 'voglio parlare con un operatore' }))).toContain(say('handoff.connecting', { minutes: 2 }));
  const open = await service.openFor({ channel: 'webchat', userId: w.userId });
  if (!open) throw new Error('no request opened');
  expect((await call<Items>(api, 'GET', '/api/handoffs?view=waiting', ugo)).body.items.map((h) => h.id)).toContain(open._id);

  // Tea, on Bergamo's project in Teams, removed from it too: her card's "Rispondi" is refused
  const tea: TeamsUser = { id: '29:tea-membership', name: 'Tea Rossi', aadObjectId: aadId(932) };
  await api.bot.domain.accounts.createAccount({ name: 'tea-membership', role: 'operator', projectIds: [BG_PROJECT], teamsAadObjectId: tea.aadObjectId });
  expect((await call(api, 'PATCH', '/api/accounts/tea-membership', staff, { projectIds: [] })).status).toBe(200);
  const rispondi = await new ChannelMember(api.bot, tea, '19:membership@thread.tacv2', 'http://127.0.0.1:1').invoke('adaptiveCard/action', executeValue(HANDOFF_ACCEPT_VERB, { handoffId: open._id }), 'card-1');
  expect(rispondi.status).toBe(200);
  expect(JSON.stringify(rispondi.body)).toMatch(/non esiste o non è dei tuoi progetti/);
  expect((await service.get(open._id)).status).toBe('waiting');

  expect((await call(api, 'PATCH', '/api/accounts/ugo-membership', staff, { projectIds: [] })).status).toBe(200);
  expect((await call<Items>(api, 'GET', '/api/handoffs?view=waiting', ugo)).body.items).toEqual([]);
  expect((await call(api, 'POST', `/api/handoffs/${open._id}/accept`, ugo)).status).toBe(404);
  expect((await service.get(open._id)).status).toBe('waiting');

  // the project disabled: Vera, still on it, no longer counts for it nor sees its requests
  expect((await call(api, 'PATCH', `/api/projects/${BG_PROJECT}`, staff, { active: false })).status).toBe(200);
  try {
    expect(await service.anyoneAvailableFor({ province: 'BG' })).toBe(false);
    expect(await service.anyoneAvailableFor({})).toBe(false);
    expect((await call<Items>(api, 'GET', '/api/handoffs?view=waiting', vera)).body.items).toEqual([]);
    expect((await call(api, 'POST', `/api/handoffs/${open._id}/accept`, vera)).status).toBe(404);
  } finally {
    expect((await call(api, 'PATCH', `/api/projects/${BG_PROJECT}`, staff, { active: true })).status).toBe(200);
  }
  // active again: Vera may take it
  expect((await call(api, 'POST', `/api/handoffs/${open._id}/accept`, vera)).status).toBe(200);
}, 60_000);

test('a project moved to other provinces: its operator no longer counts for the province it left', async () => {
  const service = api.bot.handoffs.service;
  // the console availabilities above lapse
  api.clock.advance(PRESENCE_MS + 1000);
  const wanda = await tokenFor(api, 'wanda-membership', 'operator', [BG_PROJECT]);
  expect((await call(api, 'PUT', '/api/handoffs/availability', wanda, { available: true })).status).toBe(200);
  expect(await service.anyoneAvailableFor({ province: 'BG' })).toBe(true);
  const before = (await api.bot.domain.projects.get(BG_PROJECT)).provinces;
  expect((await call(api, 'PATCH', `/api/projects/${BG_PROJECT}`, staff, { provinces: ['MI'] })).status).toBe(200);
  try {
    expect(await service.anyoneAvailableFor({ province: 'BG' })).toBe(false);
  } finally {
    expect((await call(api, 'PATCH', `/api/projects/${BG_PROJECT}`, staff, { provinces: before })).status).toBe(200);
  }
  expect(await service.anyoneAvailableFor({ province: 'BG' })).toBe(true);
}, 60_000);
