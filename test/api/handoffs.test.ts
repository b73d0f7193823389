/**
 * The operators' handoff API (bot/api/handoffRoutes.ts) through the real server: availability, the lists, acceptance
 * raced by several operators (exactly one wins, the others learn who), messages both ways with a cursor and a long
 * poll, the end, the error shapes, the console's cookie and CSRF token, and the OpenAPI document. On the embedded
 * store; on MongoDB (when MONGODB_URI is set: CI's FerretDB; skipped otherwise) only the race, which is what the
 * store decides at this level: the service's contract runs whole on both stores (test/handoff/handoffService.test.ts).
 */
import type { MongoStore } from '../../models/store/mongo/mongoStore';
import { botStoreEnvs } from '../support/adapters';
import { accountWithPassword, signIn, withSession } from '../console/helpers';
import { BG_PROJECT, CO_PROJECT, call, injectApiBot, startApiBot, tokenFor, type ErrorBody, type InjectedApiBot } from './helpers';

type HandoffBody = { id: string; status: string; province?: string; language: string; lastExchange: string[]; operator?: { name: string; role: string }; endReason?: string; transcriptKept: boolean };
type MessagesBody = { items: Array<{ seq: number; from: string; text: string; operator?: { name: string; role: string } }>; cursor: number; typing: { worker: boolean; operator: boolean }; status: string };

const envs = botStoreEnvs('handoffs');
const cases: Array<[string, (() => Record<string, string>) | undefined]> = [
  ['embedded', envs[0].env],
  ['mongodb', envs.find((e) => e.name === 'mongodb')?.env],
];

let workers = 0;

for (const [name, env] of cases) {
  (env ? describe : describe.skip)(`the handoff API on the ${name} store${env ? '' : ' (MONGODB_URI not set)'}`, () => {
    let api: InjectedApiBot;
    let anna: string;
    let bruno: string;
    let carla: string;
    let staff: string;

    beforeAll(async () => {
      api = await injectApiBot((env as () => Record<string, string>)());
      anna = await tokenFor(api, `anna-${name}`, 'operator', [BG_PROJECT]);
      bruno = await tokenFor(api, `bruno-${name}`, 'operator', [BG_PROJECT]);
      carla = await tokenFor(api, `carla-${name}`, 'operator', [CO_PROJECT]);
      staff = await tokenFor(api, `staff-${name}`, 'staff');
    });
    afterAll(async () => {
      if (name === 'mongodb') await (api.bot.store as MongoStore).dropDatabase();
      await api.bot.stop();
    });

    const newRequest = async (province = 'BG', projectId?: string) => {
      const identity = { channel: 'webchat', userId: `api-worker-${name}-${++workers}` };
      const { handoff } = await api.bot.handoffs.service.request({ identity, language: 'it', province, ...(projectId ? { projectId } : {}), lastExchange: ['faq:naspi'] });
      return { identity, handoff };
    };

    /** what the route adds over the service, which runs on both stores in its own contract test */
    const routeTest = name === 'embedded' ? test : undefined;

    routeTest?.('availability, the waiting list, acceptance, messages both ways with a cursor, the end; audited', async () => {
      const { identity, handoff } = await newRequest('BG', BG_PROJECT);
      // not available: nothing waiting for this operator (staff see it regardless)
      expect((await call<{ items: HandoffBody[] }>(api, 'GET', '/api/handoffs', anna)).body.items).toEqual([]);
      expect((await call<{ items: HandoffBody[] }>(api, 'GET', '/api/handoffs', staff)).body.items.map((h) => h.id)).toContain(handoff._id);
      const set = await call<{ available: boolean; provinces: string[] }>(api, 'PUT', '/api/handoffs/availability', anna, { available: true });
      expect(set.status).toBe(200);
      expect(set.body).toMatchObject({ available: true, provinces: expect.arrayContaining(['BG']) });
      expect((await call(api, 'GET', '/api/handoffs/availability', anna)).body).toMatchObject({ available: true });
      expect(await api.bot.handoffs.service.anyoneAvailableFor({ province: 'BG', projectId: BG_PROJECT })).toBe(true);

      const waiting = await call<{ items: HandoffBody[] }>(api, 'GET', '/api/handoffs?view=waiting', anna);
      const listed = waiting.body.items.find((h) => h.id === handoff._id);
      expect(listed).toMatchObject({ status: 'waiting', province: 'BG', language: 'it', lastExchange: ['faq:naspi'], transcriptKept: false });
      expect(JSON.stringify(waiting.body)).not.toContain(identity.userId);

      await api.bot.handoffs.service.postWorkerMessage(identity, 'Buongiorno');
      const accepted = await call<HandoffBody>(api, 'POST', `/api/handoffs/${handoff._id}/accept`, anna);
      expect(accepted.status).toBe(200);
      expect(accepted.body).toMatchObject({ status: 'accepted', operator: { name: `anna-${name}`, role: 'operator' } });
      expect((await call<{ items: HandoffBody[] }>(api, 'GET', '/api/handoffs?view=mine', anna)).body.items.map((h) => h.id)).toEqual([handoff._id]);

      const posted = await call<{ seq: number; from: string }>(api, 'POST', `/api/handoffs/${handoff._id}/messages`, anna, { text: 'Buongiorno, sono Anna' });
      expect(posted.status).toBe(201);
      expect(posted.body).toMatchObject({ seq: 2, from: 'operator' });
      const typing = await call(api, 'POST', `/api/handoffs/${handoff._id}/typing`, anna);
      expect(typing.status).toBe(204);
      const read = await call<MessagesBody>(api, 'GET', `/api/handoffs/${handoff._id}/messages?after=0`, anna);
      expect(read.body.items.map((m) => [m.seq, m.from, m.text])).toEqual([
        [1, 'worker', 'Buongiorno'],
        [2, 'operator', 'Buongiorno, sono Anna'],
      ]);
      expect(read.body.items[1].operator).toEqual({ name: `anna-${name}`, role: 'operator' });
      expect(read.body).toMatchObject({ cursor: 2, typing: { operator: true }, status: 'accepted' });

      // a long poll answers as soon as the worker writes (from whichever instance: the store is the meeting point)
      const started = Date.now();
      const poll = call<MessagesBody>(api, 'GET', `/api/handoffs/${handoff._id}/messages?after=2&waitSeconds=20`, anna);
      setTimeout(() => void api.bot.handoffs.service.postWorkerMessage(identity, 'Sono stato licenziato'), 300);
      const polled = await poll;
      expect(polled.body.items.map((m) => [m.seq, m.text])).toEqual([[3, 'Sono stato licenziato']]);
      expect(Date.now() - started).toBeLessThan(15_000);

      // another operator of the project may not write in it (nor read it: test/handoff/handoffAttack.test.ts)
      const intruder = await call<ErrorBody>(api, 'POST', `/api/handoffs/${handoff._id}/messages`, bruno, { text: 'ciao' });
      expect(intruder.status).toBe(403);
      expect(intruder.body.error).toEqual({ code: 'FORBIDDEN', reason: 'not_your_handoff' });
      // an operator of another project does not even see it
      expect((await call<ErrorBody>(api, 'GET', `/api/handoffs/${handoff._id}`, carla)).body.error).toEqual({ code: 'NOT_FOUND', reason: 'handoff_not_found' });

      const ended = await call<HandoffBody>(api, 'POST', `/api/handoffs/${handoff._id}/end`, anna, { reason: 'referral' });
      expect(ended.status).toBe(200);
      expect(ended.body).toMatchObject({ status: 'ended', endReason: 'referral', transcriptKept: false });
      // no consent: the transcript is gone
      expect((await call<MessagesBody>(api, 'GET', `/api/handoffs/${handoff._id}/messages`, anna)).body).toMatchObject({ items: [], status: 'ended' });
      expect((await call<{ items: HandoffBody[] }>(api, 'GET', '/api/handoffs?view=closed', anna)).body.items.map((h) => h.id)).toContain(handoff._id);
      const again = await call<ErrorBody>(api, 'POST', `/api/handoffs/${handoff._id}/end`, anna, { reason: 'closed' });
      expect(again.status).toBe(409);
      expect(again.body.error).toMatchObject({ code: 'CONFLICT', reason: 'illegal_transition:ended->ended' });

      const audit = await api.bot.domain.audit.list({ target: `handoff:${handoff._id}` });
      expect(audit.items.map((e) => e.action).sort()).toEqual(['handoff.accepted', 'handoff.ended']);
      expect(JSON.stringify(audit.items)).not.toContain('Buongiorno');
    }, 60_000);

    test.each([2, 6])('%i operators accept at once: exactly one 200, the others 409 naming the winner', async (n) => {
      const racers: Array<{ name: string; token: string }> = [];
      for (let i = 0; i < n; i++) racers.push({ name: `racer-${name}-${n}-${i}`, token: await tokenFor(api, `racer-${name}-${n}-${i}`, 'operator', [BG_PROJECT]) });
      for (let round = 0; round < 3; round++) {
        const { handoff } = await newRequest('BG', BG_PROJECT);
        const answers = await Promise.all(racers.map((r) => call<HandoffBody & ErrorBody>(api, 'POST', `/api/handoffs/${handoff._id}/accept`, r.token)));
        const won = answers.filter((a) => a.status === 200);
        const lost = answers.filter((a) => a.status === 409);
        expect({ won: won.length, lost: lost.length }).toEqual({ won: 1, lost: n - 1 });
        const winner = won[0].body.operator?.name as string;
        expect(racers.map((r) => r.name)).toContain(winner);
        for (const l of lost) expect(l.body.error).toEqual({ code: 'CONFLICT', reason: `already_claimed_by:${winner}`, claimedBy: winner });
        const audit = await api.bot.domain.audit.list({ action: 'handoff.accepted', target: `handoff:${handoff._id}` });
        expect(audit.items.map((e) => e.actor)).toEqual([winner]);
      }
    }, 60_000);

    routeTest?.('bad input answers {error:{code,reason,field}}; unknown ids 404; no token 401; stats are staff only', async () => {
      const { handoff } = await newRequest('BG', BG_PROJECT);
      const cases: Array<[string, string, unknown, number, Record<string, string>]> = [
        ['PUT', '/api/handoffs/availability', { available: 'yes' }, 400, { code: 'VALIDATION', reason: 'not_a_boolean', field: 'available' }],
        ['PUT', '/api/handoffs/availability', { available: true, provinces: ['MI'] }, 400, { code: 'VALIDATION', reason: 'not_your_province', field: 'provinces.0' }],
        ['PUT', '/api/handoffs/availability', { available: true, extra: 1 }, 400, { code: 'VALIDATION', field: 'extra' }],
        ['GET', '/api/handoffs?view=everything', undefined, 400, { code: 'VALIDATION', reason: 'unknown_view', field: 'view' }],
        ['GET', `/api/handoffs/${handoff._id}/messages?waitSeconds=99`, undefined, 400, { code: 'VALIDATION', reason: 'out_of_range', field: 'waitSeconds' }],
        ['POST', `/api/handoffs/${handoff._id}/end`, { reason: 'vanished' }, 400, { code: 'VALIDATION', reason: 'unknown_end_reason', field: 'reason' }],
        ['POST', `/api/handoffs/${handoff._id}/end`, { reason: 'closed' }, 409, { code: 'CONFLICT', reason: 'illegal_transition:waiting->ended' }],
        ['POST', `/api/handoffs/${handoff._id}/messages`, { text: '   ' }, 400, { code: 'VALIDATION', reason: 'empty', field: 'text' }],
        ['POST', `/api/handoffs/${handoff._id}/messages`, { text: 'x'.repeat(2001) }, 400, { code: 'VALIDATION', reason: 'too_long', field: 'text' }],
        ['POST', '/api/handoffs/not-an-id/accept', undefined, 404, { code: 'NOT_FOUND', reason: 'handoff_not_found' }],
        ['POST', '/api/handoffs/00000000-0000-4000-8000-000000000000/accept', undefined, 404, { code: 'NOT_FOUND', reason: 'handoff_not_found' }],
        ['GET', '/api/handoffs/stats', undefined, 403, { code: 'FORBIDDEN', reason: 'staff_only' }],
      ];
      for (const [method, path, body, status, error] of cases) {
        const r = await call<ErrorBody>(api, method, path, anna, body);
        expect({ path, status: r.status, error: r.body.error }).toEqual({ path, status, error: expect.objectContaining(error) });
      }
      expect((await call<ErrorBody>(api, 'GET', '/api/handoffs')).status).toBe(401);
      const stats = await call<{ groupBy: string; rows: unknown[]; total: { accepted: number } }>(api, 'GET', '/api/handoffs/stats?groupBy=language', staff);
      expect(stats.status).toBe(200);
      expect(stats.body.groupBy).toBe('language');
    });

    routeTest?.('the console calls it with its session cookie, and a change needs the CSRF token', async () => {
      await accountWithPassword(api, `console-op-${name}`, 'operator', [BG_PROJECT]);
      const session = await signIn(api, `console-op-${name}`);
      const refused = await withSession<ErrorBody>(api, session, 'PUT', '/api/handoffs/availability', { available: true }, false);
      expect(refused.status).toBe(403);
      expect(refused.body.error.reason).toBe('csrf_token_missing_or_invalid');
      expect((await withSession(api, session, 'PUT', '/api/handoffs/availability', { available: true })).status).toBe(200);
      expect((await withSession(api, session, 'GET', '/api/handoffs?view=waiting', undefined, false)).status).toBe(200);
    });

    // on this file's embedded server (a server of its own cost as much as the test)
    routeTest?.('the OpenAPI document: every handoff route is documented, with its schemas', async () => {
      const doc = (await call<{ paths: Record<string, Record<string, { operationId: string }>>; components: { schemas: Record<string, unknown> } }>(api, 'GET', '/api/openapi.json')).body;
      expect(Object.keys(doc.paths).filter((p) => p.startsWith('/api/handoffs')).sort()).toEqual(
        ['/api/handoffs', '/api/handoffs/availability', '/api/handoffs/stats', '/api/handoffs/{id}', '/api/handoffs/{id}/accept', '/api/handoffs/{id}/end', '/api/handoffs/{id}/messages', '/api/handoffs/{id}/typing'].sort(),
      );
      expect(doc.paths['/api/handoffs/{id}/accept'].post.operationId).toBe('acceptHandoff');
      expect(doc.components.schemas).toHaveProperty('Handoff');
      expect(doc.components.schemas).toHaveProperty('HandoffMessage');
    });
  });
}

describe('the long poll over a real socket', () => {
  test('waits for a message (and answers with it), or for waitSeconds when none comes', async () => {
    const api = await startApiBot();
    try {
      const token = await tokenFor(api, 'staff-poll', 'staff');
      const identity = { channel: 'webchat', userId: 'poll-worker' };
      const { handoff } = await api.bot.handoffs.service.request({ identity, language: 'it' });
      let started = Date.now();
      const poll = call<MessagesBody>(api, 'GET', `/api/handoffs/${handoff._id}/messages?after=0&waitSeconds=10`, token);
      setTimeout(() => void api.bot.handoffs.service.postWorkerMessage(identity, 'ciao'), 300);
      const answered = await poll;
      // not before the message (a timer never fires early; the margin is for the clocks' granularity)
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
      expect(answered.body.items.map((m) => m.text)).toEqual(['ciao']);
      started = Date.now();
      const empty = await call<MessagesBody>(api, 'GET', `/api/handoffs/${handoff._id}/messages?after=1&waitSeconds=1`, token);
      expect(empty.body).toMatchObject({ items: [], cursor: 1, status: 'waiting' });
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    } finally {
      await api.bot.stop();
    }
  }, 60_000);
});
