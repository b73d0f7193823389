/**
 * The live handoff across two bot instances on one MongoDB (CI: FerretDB; skipped without MONGODB_URI): the worker
 * chats with instance A, the operator works through instance B's API, both instances run their relays at once. The
 * worker is told an operator is being looked for (B's availability, read by A from the store), the operator's
 * messages reach the worker's chat once each and in order, and the worker's reach the operator.
 */
import { randomUUID } from 'node:crypto';
import type { MongoStore } from '../../models/store/mongo/mongoStore';
import { readLocaleResources } from '../../models/i18n';
import { call, injectApiBot, type InjectedApiBot } from '../api/helpers';
import { Chat, textOf } from '../support/botServer';
import { ConnectorStandIn } from '../teams/connectorStandIn';
import { freshMongoUri } from '../support/storeFiles';

const describeMongo = process.env.MONGODB_URI ? describe : describe.skip;
const strings = readLocaleResources();
const it = (key: string, vars: Record<string, string | number> = {}): string =>
  Object.entries(vars).reduce((s, [name, v]) => s.replace(`{{${name}}}`, String(v)), key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], strings.it) as string);

describeMongo('the live handoff across two instances on one MongoDB', () => {
  let a: InjectedApiBot;
  let b: InjectedApiBot;
  let connector: ConnectorStandIn;

  beforeAll(async () => {
    connector = await new ConnectorStandIn().start();
    const uri = freshMongoUri('adr_handoff2');
    a = await injectApiBot({ MONGODB_URI: uri });
    b = await injectApiBot({ MONGODB_URI: uri });
  }, 120_000);
  afterAll(async () => {
    await (a.bot.store as MongoStore).dropDatabase();
    await a.bot.stop();
    await b.bot.stop();
    await connector.stop();
  });

  test('worker on A, operator on B, relays on both: every message once, in order, both ways', async () => {
    const { token } = await a.bot.domain.accounts.createAccount({ name: 'staff-two', role: 'staff', projectIds: [] });
    expect((await call(b, 'PUT', '/api/handoffs/availability', token, { available: true })).status).toBe(200);

    const chat = new Chat(a.bot, { locale: 'it-IT', channelId: 'webchat', userId: `two-worker-${randomUUID()}` });
    const say = (text: string) => chat.post({ type: 'message', text, serviceUrl: connector.url });
    expect(textOf(await say('voglio parlare con un operatore'))).toContain(it('handoff.connecting', { minutes: 2 }));

    const waiting = await call<{ items: Array<{ id: string }> }>(b, 'GET', '/api/handoffs?view=waiting', token);
    expect(waiting.body.items).toHaveLength(1);
    const id = waiting.body.items[0].id;
    expect((await call(b, 'POST', `/api/handoffs/${id}/accept`, token)).status).toBe(200);

    expect(await say('Ho perso il lavoro a febbraio')).toEqual([]);
    const texts = ['Buongiorno, sono dello staff.', 'In che provincia lavorava?', 'Grazie, un momento.'];
    for (const text of texts) expect((await call(b, 'POST', `/api/handoffs/${id}/messages`, token, { text })).status).toBe(201);
    const relays = [a.bot.handoffs.relay, b.bot.handoffs.relay];
    for (let pass = 0; pass < 3; pass++) await Promise.all(relays.map((r) => r.runOnce()));

    const received = connector.posts(chat.conversationId).map((p) => p.activity.text ?? '');
    const line = (text: string): string => it('handoff.operatorSays', { name: 'staff-two', role: it('handoff.roleStaff'), text });
    expect(received).toEqual([it('handoff.joined', { name: 'staff-two', role: it('handoff.roleStaff') }), ...texts.map(line)]);

    const read = await call<{ items: Array<{ from: string; text: string }> }>(b, 'GET', `/api/handoffs/${id}/messages?after=0`, token);
    expect(read.body.items.filter((m) => m.from === 'worker').map((m) => m.text)).toEqual(['Ho perso il lavoro a febbraio']);

    expect((await call(b, 'POST', `/api/handoffs/${id}/end`, token, { reason: 'closed' })).status).toBe(200);
    for (let pass = 0; pass < 2; pass++) await Promise.all(relays.map((r) => r.runOnce()));
    expect(connector.posts(chat.conversationId).map((p) => p.activity.text ?? '').filter((t) => t === it('handoff.ended', { name: 'staff-two' }))).toHaveLength(1);
    // back with the bot on A
    expect(textOf(await say('menu'))).not.toBe('');
  }, 120_000);
});
