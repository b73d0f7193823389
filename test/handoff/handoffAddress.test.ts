/**
 * The worker's chat address is kept no longer, and no fuller, than the relay needs: the handoff stores what a send
 * takes (channel, service URL, conversation id, bot id), not the user's id or display name the channel gave; after
 * the end is told the reference goes, and the sweep's hourly housekeeping rewrites the embedded store's file so no
 * superseded line of the `handoffs` collection keeps it. Through the real server (in process, the Connector stand-in
 * where the relay's messages land).
 */
import { HANDOFFS_COLLECTION } from '../../models/handoff/handoff';
import { call, injectApiBot, tokenFor, type InjectedApiBot } from '../api/helpers';
import { Chat } from '../support/botServer';
import { ConnectorStandIn } from '../teams/connectorStandIn';
import { promises as fs } from 'node:fs';
import path from 'node:path';

const HOUR_MS = 60 * 60 * 1000;
const USER_ID = 'address-worker-29:zq-7731';
const USER_NAME = 'Zenobia Quaglietti';

let api: InjectedApiBot;
let connector: ConnectorStandIn;
let staff: string;

beforeAll(async () => {
  connector = await new ConnectorStandIn().start();
  // the embedded store's file is what this reads, also when the suite runs with MONGODB_URI set (CI): a blank value is unset
  api = await injectApiBot({ MONGODB_URI: '' });
  staff = await tokenFor(api, 'staff-address', 'staff');
}, 60_000);

afterAll(async () => {
  await api?.bot.stop();
  await connector?.stop();
});

async function handoffsFile(): Promise<string> {
  return fs.readFile(path.join(api.bot.config.dataDir, `${HANDOFFS_COLLECTION.name}.db`), 'utf8');
}

test('the handoff keeps the address only, and after an end and the sweep the collection file holds no reference', async () => {
  const service = api.bot.handoffs.service;
  const chat = new Chat(api.bot, { locale: 'it-IT', channelId: 'webchat', userId: USER_ID });
  const say = (text: string) => chat.post({ type: 'message', text, serviceUrl: connector.url, from: { id: USER_ID, name: USER_NAME } });
  expect((await call(api, 'PUT', '/api/handoffs/availability', staff, { available: true })).status).toBe(200);
  await say('voglio parlare con un operatore');
  const open = await service.openFor({ channel: 'webchat', userId: USER_ID });
  if (!open) throw new Error('no request opened');
  // while open: the address, and nothing of who the worker is
  expect(open.reference).toEqual({ channelId: 'webchat', serviceUrl: connector.url, conversation: { id: chat.conversationId, conversationType: 'personal', isGroup: false }, bot: { id: 'bot' } });
  const whileOpen = await handoffsFile();
  expect(whileOpen).toContain(chat.conversationId);
  expect(whileOpen).not.toContain(USER_ID);
  expect(whileOpen).not.toContain(USER_NAME);

  expect((await call(api, 'POST', `/api/handoffs/${open._id}/accept`, staff)).status).toBe(200);
  expect((await call(api, 'POST', `/api/handoffs/${open._id}/messages`, staff, { text: 'Buongiorno, mi dica.' })).status).toBe(201);
  await api.bot.handoffs.relay.runOnce();
  // the relay reached the worker's chat through the address alone
  expect(connector.posts(chat.conversationId).map((p) => p.activity.text ?? '').join('\n')).toContain('Buongiorno, mi dica.');
  expect((await call(api, 'POST', `/api/handoffs/${open._id}/end`, staff, { reason: 'closed' })).status).toBe(200);
  await api.bot.handoffs.relay.runOnce();
  expect((await service.get(open._id)).reference).toBeUndefined();
  // forgotten, but still in the file's superseded lines until the housekeeping
  expect(await handoffsFile()).toContain(chat.conversationId);

  api.clock.advance(HOUR_MS + 1000);
  await api.bot.handoffs.sweep.runOnce();
  const after = await handoffsFile();
  expect(after).toContain(open._id);
  expect(after).not.toContain(chat.conversationId);
  expect(after).not.toContain(connector.url);
  expect(after).not.toContain('"reference"');
}, 60_000);
