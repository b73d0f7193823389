/**
 * The handoff service's contract (models/handoff/handoffService.ts) on both stores: the embedded one always, MongoDB
 * when MONGODB_URI is set (CI: FerretDB, whose conditional updates are not atomic: acceptance is decided by a unique
 * insert, so the races run there too), skipped otherwise. Two service instances on one database stand for two bot
 * instances; the clock is injected.
 */
import { createHash } from 'node:crypto';
import { HANDOFF_CHAT_RETRACTIONS_COLLECTION, type ChatRetraction, type OperatorRef } from '../../models/handoff/handoff';
import { HandoffService, HandoffTakenError, PRESENCE_MS, TRANSCRIPT_HOLD_GRACE_MS, TRANSCRIPT_HOLD_MS, type HandoffEvent } from '../../models/handoff/handoffService';
import { HandoffSweep } from '../../models/handoff/handoffSweep';
import { HandoffRelay, type OperatorChatNotice, type WorkerNotice } from '../../models/handoff/handoffRelay';
import { DeliveryError } from '../../models/teams/dispatcher';
import { silentLogger } from '../../models/logger';
import { JobLease } from '../../models/store/jobLease';
import type { Store } from '../../models/store/store';
import { tempDirsRemovedAfterAll } from '../support/adapters';
import { emptiedForEachTest } from '../support/emptiedForEachTest';
import { storePairs, type StorePair } from '../support/storePairs';

const tempDir = tempDirsRemovedAfterAll();
const pairs = storePairs(tempDir, 'handoff');
const cases: Array<[string, (() => Promise<StorePair>) | undefined]> = [
  ['embedded', pairs[0][1]],
  ['mongodb', pairs.find(([kind]) => kind === 'mongodb')?.[1]],
];

const WAIT_MS = 120_000;
const IDLE_MS = 10 * 60_000;

function clock(start = '2025-03-03T09:00:00.000Z'): { now: () => Date; advance: (ms: number) => void } {
  let t = new Date(start).getTime();
  return { now: () => new Date(t), advance: (ms) => (t += ms) };
}

const operator = (name: string, extra: Partial<OperatorRef> = {}): OperatorRef => ({ accountId: `acc-${name}`, name, role: 'operator', projectIds: ['esempio-bg-metalmeccanico'], provinces: ['BG'], ...extra });
const staff: OperatorRef = { accountId: 'acc-staff', name: 'staff-1', role: 'staff', projectIds: [], provinces: [] };
let workers = 0;
const worker = (): { channel: string; userId: string } => ({ channel: 'webchat', userId: `user-${++workers}` });

for (const [kind, open] of cases) {
  (open ? describe : describe.skip)(`the handoff service on the ${kind} store${open ? '' : ' (MONGODB_URI not set)'}`, () => {
    let pair: StorePair;
    let time: ReturnType<typeof clock>;
    let counted: Array<{ event: HandoffEvent; province?: string; language: string }>;
    let services: [HandoffService, HandoffService];
    const openService = (store: Store): Promise<HandoffService> =>
      HandoffService.open(store, { now: () => time.now(), waitMs: WAIT_MS, idleMs: IDLE_MS, count: (event, dims) => counted.push({ event, ...dims }) });

    // on MongoDB one database for the suite, emptied before each test (test/support/emptiedForEachTest.ts)
    const currentPair = emptiedForEachTest(open as () => Promise<StorePair>);
    beforeEach(async () => {
      pair = currentPair();
      time = clock();
      counted = [];
      services = [await openService(pair.stores[0]), await openService(pair.stores[1])];
    });

    test('a request is created waiting, without the identity in clear or any text; one open request per identity', async () => {
      const [a, b] = services;
      const who = worker();
      const results = await Promise.all([
        a.request({ identity: who, language: 'it', province: 'bg', sector: 'metalmeccanico', projectId: 'esempio-bg-metalmeccanico', lastExchange: ['faq:naspi', 'precheck:likely_eligible', 'mi chiamo Mario Rossi'] }),
        b.request({ identity: who, language: 'it', province: 'BG' }),
        a.request({ identity: who, language: 'it', province: 'BG' }),
      ]);
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.handoff._id)).size).toBe(1);
      const created = results.find((r) => r.created)?.handoff;
      expect(created?.status).toBe('waiting');
      const stored = JSON.stringify(await a.get(results[0].handoff._id));
      expect(stored).not.toContain(who.userId);
      expect(stored).not.toContain('Mario');
      expect((await a.openFor(who))?._id).toBe(results[0].handoff._id);
      // another worker gets a request of their own
      expect((await b.request({ identity: worker(), language: 'en' })).created).toBe(true);
    });

    test('two operators racing to accept on two instances: exactly one wins, the other learns who', async () => {
      for (let round = 0; round < 4; round++) {
        const { handoff } = await services[0].request({ identity: worker(), language: 'it', province: 'BG', projectId: 'esempio-bg-metalmeccanico' });
        const racers = [operator(`op-a${round}`), operator(`op-b${round}`), operator(`op-c${round}`)];
        const outcomes = await Promise.allSettled(racers.map((op, i) => services[i % 2].accept(handoff._id, op)));
        const won = outcomes.filter((o) => o.status === 'fulfilled');
        expect(won).toHaveLength(1);
        const winner = (won[0] as PromiseFulfilledResult<Awaited<ReturnType<HandoffService['accept']>>>).value.operatorName;
        for (const lost of outcomes.filter((o) => o.status === 'rejected')) {
          const reason = (lost as PromiseRejectedResult).reason as unknown;
          expect(reason).toBeInstanceOf(HandoffTakenError);
          expect((reason as HandoffTakenError).takenBy).toBe(winner);
        }
        expect((await services[1].get(handoff._id)).operatorName).toBe(winner);
      }
      expect(counted.filter((c) => c.event === 'handoff.accepted')).toHaveLength(4);
    });

    test('an acceptance racing the expiry sweep: one of them decides, never both', async () => {
      const { handoff } = await services[0].request({ identity: worker(), language: 'it', province: 'BG' });
      time.advance(WAIT_MS + 1);
      const [accepted, swept] = await Promise.allSettled([services[0].accept(handoff._id, operator('op-late')), services[1].sweep()]);
      const final = await services[0].get(handoff._id);
      if (accepted.status === 'fulfilled') {
        expect(final.status).toBe('accepted');
        expect(swept.status === 'fulfilled' && swept.value.unanswered).toBe(0);
      } else {
        expect(final.status).toBe('unanswered');
      }
      expect(counted.filter((c) => c.event === 'handoff.accepted' || c.event === 'handoff.unanswered')).toHaveLength(1);
    });

    test('messages both ways with a cursor any instance reads; typing signals expire; an operator who is not the holder cannot write', async () => {
      const [a, b] = services;
      const who = worker();
      const { handoff } = await a.request({ identity: who, language: 'it', province: 'BG' });
      await a.postWorkerMessage(who, 'Buongiorno, ho perso il lavoro');
      const anna = operator('anna');
      await b.accept(handoff._id, anna);
      // concurrent writers on two instances: every message gets its own number, with no gap
      await Promise.all([
        ...Array.from({ length: 5 }, (_, i) => a.postWorkerMessage(who, `worker ${i}`)),
        ...Array.from({ length: 5 }, (_, i) => b.postOperatorMessage(handoff._id, anna, `operator ${i}`)),
      ]);
      const all = await b.messagesSince(handoff._id, 0);
      expect(all.items.map((m) => m.seq)).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));
      expect(all.cursor).toBe(11);
      expect(all.items.filter((m) => m.from === 'operator').every((m) => m.operatorName === 'anna' && m.operatorRole === 'operator')).toBe(true);
      const reply = await a.postOperatorMessage(handoff._id, anna, 'Mi dica');
      expect((await a.messagesSince(handoff._id, all.cursor)).items.map((m) => [m.seq, m.text])).toEqual([[12, 'Mi dica']]);
      expect(reply.seq).toBe(12);
      await expect(b.postOperatorMessage(handoff._id, operator('bruno'), 'ciao')).rejects.toMatchObject({ reason: 'not_your_handoff' });

      await a.typing(handoff._id, 'worker');
      await b.operatorTyping(handoff._id, anna);
      expect(await b.typingNow(handoff._id)).toEqual({ worker: true, operator: true });
      time.advance(10_000);
      expect(await a.typingNow(handoff._id)).toEqual({ worker: false, operator: false });
    });

    test('without consent the transcript is deleted at the end; with consent it is kept until erasure, which reaches it', async () => {
      const [a, b] = services;
      const anna = operator('anna');
      const plain = worker();
      const h1 = (await a.request({ identity: plain, language: 'it', province: 'BG' })).handoff;
      await b.accept(h1._id, anna);
      await a.postWorkerMessage(plain, 'il mio numero è 333 1234567');
      const ended = await b.end(h1._id, anna, 'closed');
      expect(ended).toMatchObject({ status: 'ended', endReason: 'closed' });
      expect((await a.messagesSince(h1._id, 0)).items).toEqual([]);
      expect(await a.openFor(plain)).toBeNull();

      const consenting = worker();
      const h2 = (await a.request({ identity: consenting, language: 'en', province: 'BG' })).handoff;
      await a.recordConsent(consenting, { noticeVersion: 'handoff-transcript-v1', textHash: createHash('sha256').update('text').digest('hex') });
      await b.accept(h2._id, anna);
      await a.postWorkerMessage(consenting, 'I was dismissed in March');
      await b.postOperatorMessage(h2._id, anna, 'Let me check');
      await b.end(h2._id, anna, 'referral');
      expect((await a.get(h2._id)).transcriptKept).toBe(true);
      expect((await a.messagesSince(h2._id, 0)).items).toHaveLength(2);
      expect(counted.filter((c) => c.event === 'handoff.referral')).toEqual([{ event: 'handoff.referral', province: 'BG', language: 'en', channel: 'webchat' }]);
      expect(await a.summaryFor(consenting)).toMatchObject([{ id: h2._id, status: 'ended', endReason: 'referral', transcriptKept: true, messages: 2 }]);

      expect(await b.eraseFor(consenting)).toBe(1);
      expect((await a.messagesSince(h2._id, 0)).items).toEqual([]);
      const erased = await a.get(h2._id);
      expect(erased.userKey).toBeUndefined();
      expect(erased.consent).toBeUndefined();
      expect(erased.transcriptKept).toBe(false);
      expect(await a.summaryFor(consenting)).toEqual([]);
    });

    test('expiry with the injected clock: unanswered after the wait, operator idle after the idle time, under one lease', async () => {
      const [a, b] = services;
      const who = worker();
      const late = (await a.request({ identity: who, language: 'it', province: 'MI' })).handoff;
      const held = (await a.request({ identity: worker(), language: 'it', province: 'BG' })).handoff;
      const anna = operator('anna');
      await b.accept(held._id, anna);
      const sweeps = [a, b].map(
        async (service, i) => new HandoffSweep({ handoffs: service, lease: await JobLease.open(pair.stores[i], 'handoff-sweep', 60_000), retentionDays: 30, now: () => time.now(), logger: silentLogger }),
      );
      const [sa, sb] = await Promise.all(sweeps);

      time.advance(WAIT_MS - 1000);
      expect(await sa.runOnce()).toMatchObject({ unanswered: 0, idle: 0 });
      time.advance(2000);
      const reports = await Promise.all([sa.runOnce(), sb.runOnce()]);
      expect(reports.filter((r) => r.skipped)).toHaveLength(1);
      expect(reports.reduce((n, r) => n + r.unanswered, 0)).toBe(1);
      expect((await a.get(late._id)).status).toBe('unanswered');
      expect(await a.openFor(who)).toBeNull();
      // the worker may ask again
      expect((await b.request({ identity: who, language: 'it' })).created).toBe(true);

      await b.postOperatorMessage(held._id, anna, 'Un momento');
      time.advance(IDLE_MS - 1000);
      expect((await sb.runOnce()).idle).toBe(0);
      time.advance(2000);
      expect((await sb.runOnce()).idle).toBe(1);
      expect(await a.get(held._id)).toMatchObject({ status: 'ended', endReason: 'operator_idle' });
      // the second request of the first worker was not accepted either
      expect(counted.map((c) => c.event).sort()).toEqual(['handoff.accepted', 'handoff.unanswered', 'handoff.unanswered']);
    });

    test('retention deletes kept transcripts of handoffs that ended before the cut-off', async () => {
      const [a] = services;
      const who = worker();
      const h = (await a.request({ identity: who, language: 'it', province: 'BG' })).handoff;
      await a.recordConsent(who, { noticeVersion: 'v1', textHash: 'a'.repeat(64) });
      const anna = operator('anna');
      await a.accept(h._id, anna);
      await a.postWorkerMessage(who, 'testo');
      await a.end(h._id, anna, 'closed');
      const sweep = new HandoffSweep({ handoffs: a, retentionDays: 30, now: () => time.now(), logger: silentLogger });
      expect((await sweep.runOnce()).transcriptsErased).toBe(0);
      time.advance(31 * 24 * 3600 * 1000);
      expect((await sweep.runOnce()).transcriptsErased).toBe(1);
      expect((await a.messagesSince(h._id, 0)).items).toEqual([]);
    });

    test('availability: operators see the waiting requests of their projects and provinces while available and seen; staff see all', async () => {
      const [a, b] = services;
      const bg = (await a.request({ identity: worker(), language: 'it', province: 'BG', projectId: 'esempio-bg-metalmeccanico' })).handoff;
      const bgNoProject = (await a.request({ identity: worker(), language: 'it', province: 'BG' })).handoff;
      const co = (await a.request({ identity: worker(), language: 'it', province: 'CO', projectId: 'esempio-co-tessile' })).handoff;
      const anna = operator('anna');
      expect(await b.list('waiting', anna)).toEqual([]);
      expect(await a.anyoneAvailableFor({ province: 'BG', projectId: 'esempio-bg-metalmeccanico' })).toBe(false);
      await b.setAvailability(anna, { available: true });
      expect((await a.list('waiting', anna)).map((h) => h._id)).toEqual([bg._id, bgNoProject._id]);
      expect(await a.anyoneAvailableFor({ province: 'BG' })).toBe(true);
      expect(await a.anyoneAvailableFor({ province: 'CO', projectId: 'esempio-co-tessile' })).toBe(false);
      expect((await a.list('waiting', staff)).map((h) => h._id)).toEqual([bg._id, bgNoProject._id, co._id]);
      await expect(a.getFor(co._id, anna)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(a.setAvailability(anna, { available: true, provinces: ['MI'] })).rejects.toMatchObject({ field: 'provinces.0', reason: 'not_your_province' });
      // a console that stopped calling no longer counts
      time.advance(PRESENCE_MS + 1);
      expect(await a.anyoneAvailableFor({ province: 'BG' })).toBe(false);
      expect(await a.list('waiting', anna)).toEqual([]);
      await a.seen(anna.accountId);
      expect(await a.anyoneAvailableFor({ province: 'BG' })).toBe(true);
    });

    test('a worker who leaves: a waiting request is abandoned, an accepted one ends as worker_left', async () => {
      const [a, b] = services;
      const w1 = worker();
      const h1 = (await a.request({ identity: w1, language: 'it', province: 'BG' })).handoff;
      expect((await b.workerLeft(w1))?.status).toBe('abandoned');
      await expect(a.accept(h1._id, operator('anna'))).rejects.toMatchObject({ reason: 'illegal_transition:abandoned->accepted' });
      const w2 = worker();
      const h2 = (await a.request({ identity: w2, language: 'it', province: 'BG' })).handoff;
      await a.accept(h2._id, operator('anna'));
      expect(await b.workerLeft(w2)).toMatchObject({ status: 'ended', endReason: 'worker_left' });
      await expect(a.postWorkerMessage(w2, 'ancora')).rejects.toMatchObject({ reason: 'no_open_handoff' });
      expect(counted.map((c) => c.event).sort()).toEqual(['handoff.abandoned', 'handoff.accepted']);
    });

    test('two relays on two instances send the worker each notice once, in order; a failed send is retried; the end is told, then the reference and the transcript go', async () => {
      const [a, b] = services;
      const who = worker();
      const reference = { conversation: { id: 'conv-relay' }, serviceUrl: 'http://127.0.0.1:9/', channelId: 'webchat' };
      const { handoff } = await a.request({ identity: who, language: 'en', province: 'BG', reference });
      const sent: WorkerNotice[] = [];
      let failNext = true;
      const poster = {
        send: async (ref: Record<string, unknown>, language: string, notice: WorkerNotice): Promise<void> => {
          expect(ref).toEqual(reference);
          expect(language).toBe('en');
          if (notice.kind === 'message' && failNext) {
            failNext = false;
            throw new Error('connector down');
          }
          sent.push(notice);
        },
      };
      const relays = [a, b].map((service) => new HandoffRelay({ handoffs: service, poster, now: () => time.now(), logger: silentLogger }));
      const both = async (): Promise<void> => {
        await Promise.all(relays.map((r) => r.runOnce()));
      };
      await both();
      expect(sent).toEqual([]); // waiting: nothing to tell yet
      const anna = operator('anna');
      await b.accept(handoff._id, anna);
      await a.postWorkerMessage(who, 'hello');
      await b.postOperatorMessage(handoff._id, anna, 'first');
      await b.postOperatorMessage(handoff._id, anna, 'second');
      await both();
      await both();
      await both();
      expect(sent.map((n) => (n.kind === 'message' ? n.text : n.kind))).toEqual(['joined', 'first', 'second']);
      expect(sent.filter((n) => n.kind === 'message')).toHaveLength(2);
      expect(sent.filter((n) => n.kind === 'joined')).toHaveLength(1);
      expect(sent.find((n) => n.kind === 'message')).toMatchObject({ name: 'anna', role: 'operator' });
      await a.end(handoff._id, anna, 'returned_to_bot');
      // not told yet: the messages wait for the relay
      await both();
      await both();
      expect(sent.filter((n) => n.kind === 'ended')).toEqual([{ kind: 'ended', reason: 'returned_to_bot', name: 'anna' }]);
      const after = await a.get(handoff._id);
      expect(after.reference).toBeUndefined();
      expect((await a.messagesSince(handoff._id, 0)).items).toEqual([]);
      expect(await a.relayCandidates()).toEqual([]);
    });

    test('a conversation taken from a Teams card: one per operator chat (a unique insert on every store; the hold of an ended one taken over); two relays with overlapping slow sends give that chat each worker message once, in order; a chat the Connector says is gone is let go of; the transcript goes once both chats were told', async () => {
      const [a, b] = services;
      const anna = operator('anna');
      const chat = { conversationId: 'a:anna-chat', reference: { conversation: { id: 'a:anna-chat' }, serviceUrl: 'http://127.0.0.1:9/', channelId: 'msteams' }, language: 'it' };
      const whoFirst = worker();
      const whoSecond = worker();
      const first = await a.request({ identity: whoFirst, language: 'it', province: 'BG', reference: { conversation: { id: 'w1' } } });
      const second = await a.request({ identity: whoSecond, language: 'it', province: 'BG', reference: { conversation: { id: 'w2' } } });
      await a.accept(first.handoff._id, anna);
      await b.accept(second.handoff._id, anna);
      // both instances attach a conversation to the same chat at once: one holds it
      const attached = await Promise.all([a.attachOperatorChat(first.handoff._id, anna, chat), b.attachOperatorChat(second.handoff._id, anna, chat)]);
      expect(attached.filter(Boolean)).toHaveLength(1);
      const [held, who] = attached[0] ? [first.handoff._id, whoFirst] : [second.handoff._id, whoSecond];
      expect((await b.heldInOperatorChat('a:anna-chat'))?._id).toBe(held);
      // not the holder's: refused
      expect(await a.attachOperatorChat(attached[0] ? second.handoff._id : first.handoff._id, operator('bea'), { ...chat, conversationId: 'a:bea-chat' })).toBe(false);

      const toChat: OperatorChatNotice[] = [];
      let gone = false;
      const relays = [a, b].map(
        (service) =>
          new HandoffRelay({
            handoffs: service,
            poster: { send: async () => undefined },
            operatorChat: {
              send: async (handoff, notice) => {
                if (handoff._id !== held) return undefined;
                if (gone) throw new DeliveryError(403);
                // a slow Connector: both instances' passes overlap while a send is on its way
                await new Promise((resolve) => setTimeout(resolve, 15));
                toChat.push(notice);
                return undefined;
              },
            },
            now: () => time.now(),
            logger: silentLogger,
          }),
      );
      const both = async (): Promise<void> => {
        await Promise.all(relays.map((r) => r.runOnce()));
      };
      const texts = ['uno', 'due', 'tre', 'quattro', 'cinque'];
      for (const [i, text] of texts.entries()) {
        await services[i % 2].postWorkerMessage(who, text);
        // the operator's own messages are not sent back to their chat
        await services[(i + 1) % 2].postOperatorMessage(held, anna, `risposta ${i}`);
        await both();
      }
      await both();
      expect(toChat.map((n) => (n.kind === 'message' ? n.text : n.kind))).toEqual(['joined', ...texts]);
      // the worker typing is shown there (an ephemeral notice, at most every few seconds per instance)
      await a.typing(held, 'worker');
      await both();
      expect(toChat.filter((n) => n.kind === 'typing').length).toBeGreaterThanOrEqual(1);
      // ended from anywhere: the chat is told how, once, then let go of; with the worker's chat told too, the messages go
      await b.end(held, anna, 'closed');
      // the chat is free at once for her next conversation (the ended one's hold is taken over), the end still told
      const rest = attached[0] ? second.handoff._id : first.handoff._id;
      expect(await b.attachOperatorChat(rest, anna, chat)).toBe(true);
      expect((await a.heldInOperatorChat('a:anna-chat'))?._id).toBe(rest);
      await both();
      await both();
      expect(toChat.filter((n) => n.kind === 'ended')).toEqual([{ kind: 'ended', reason: 'closed' }]);
      const after = await a.get(held);
      expect(after.operatorChat).toBeUndefined();
      expect(after.reference).toBeUndefined();
      expect((await a.messagesSince(held, 0)).items).toEqual([]);
      expect((await b.heldInOperatorChat('a:anna-chat'))?._id).toBe(rest);
      // ... until the Connector says the chat is gone (403): let go of, the conversation stays accepted (the console)
      gone = true;
      await a.postWorkerMessage(attached[0] ? whoSecond : whoFirst, 'ci siete?');
      const restRelays = [a, b].map((service) => new HandoffRelay({ handoffs: service, poster: { send: async () => undefined }, operatorChat: { send: async () => Promise.reject(new DeliveryError(403)) }, now: () => time.now(), logger: silentLogger }));
      await Promise.all(restRelays.map((r) => r.runOnce()));
      const dropped = await a.get(rest);
      expect(dropped.status).toBe('accepted');
      expect(dropped.operatorChat).toBeUndefined();
      expect(await a.heldInOperatorChat('a:anna-chat')).toBeNull();
    });

    test('"cancella i miei dati" while an operator holds the conversation from Teams: their chat is told it ended and gets none of the worker\'s words', async () => {
      const [a, b] = services;
      const anna = operator('anna');
      const who = worker();
      const { handoff } = await a.request({ identity: who, language: 'it', province: 'BG', reference: { conversation: { id: 'w-erase' } } });
      await b.accept(handoff._id, anna);
      expect(await b.attachOperatorChat(handoff._id, anna, { conversationId: 'a:anna-erase', reference: { conversation: { id: 'a:anna-erase' } }, language: 'it' })).toBe(true);
      await a.postWorkerMessage(who, 'il mio numero è 333 1234567');
      await a.eraseFor(who);
      const toChat: OperatorChatNotice[] = [];
      const relay = new HandoffRelay({ handoffs: b, poster: { send: async () => undefined }, operatorChat: { send: async (_h, notice) => void toChat.push(notice) }, now: () => time.now(), logger: silentLogger });
      await relay.runOnce();
      await relay.runOnce();
      expect(toChat).toEqual([{ kind: 'ended', reason: 'worker_left' }]);
      const after = await a.get(handoff._id);
      expect(after.operatorChat).toBeUndefined();
      expect(await a.heldInOperatorChat('a:anna-erase')).toBeNull();
      expect(await a.relayCandidates()).toEqual([]);
    });

    test('a worker message relayed to a Teams chat while the worker erases their data: queued for deletion there by whichever comes second; once per activity, ids only', async () => {
      const [a, b] = services;
      const anna = operator('anna');
      const chat = { conversationId: 'a:anna-chat', reference: { conversation: { id: 'a:anna-chat' }, serviceUrl: 'http://127.0.0.1:9/', channelId: 'msteams' }, language: 'it' };
      const who = worker();
      const { handoff } = await a.request({ identity: who, language: 'it', province: 'BG', reference: { conversation: { id: 'w1' } } });
      await a.accept(handoff._id, anna);
      expect(await a.attachOperatorChat(handoff._id, anna, chat)).toBe(true);
      await a.postWorkerMessage(who, 'Lavoravo alla Fonderie Quarzomatto');
      await a.postWorkerMessage(who, 'Il mio numero è 347 000 1111');
      await a.relayedToOperatorChat(handoff._id, chat, 'act-1');
      expect((await a.get(handoff._id)).relayedActivityIds).toEqual(['act-1']);
      const rows = await pair.stores[0].collection<ChatRetraction>(HANDOFF_CHAT_RETRACTIONS_COLLECTION);
      expect(await rows.find({ handoffId: handoff._id })).toEqual([]);
      // the worker erases their data while the second message is on its way to her chat
      await b.eraseFor(who);
      expect((await a.get(handoff._id)).relayedTo).toBeUndefined();
      await a.relayedToOperatorChat(handoff._id, chat, 'act-2');
      // noted again (a relay working from an older read): nothing more
      await b.relayedToOperatorChat(handoff._id, chat, 'act-1');
      const queued = await rows.find({ handoffId: handoff._id });
      expect(queued.map((r) => [r._id, r.kind, r.activityId, r.status]).sort()).toEqual([
        [`${handoff._id}:act-1`, 'delete', 'act-1', 'pending'],
        [`${handoff._id}:act-2`, 'delete', 'act-2', 'pending'],
      ]);
      expect(queued.every((r) => JSON.stringify(r.reference) === JSON.stringify(chat.reference) && r.language === 'it')).toBe(true);
      expect(JSON.stringify(queued)).not.toMatch(/Quarzomatto|347/);
      expect((await a.get(handoff._id)).relayedActivityIds).toBeUndefined();
    });

    test('median wait by province and language, from the waits recorded at acceptance', async () => {
      const [a] = services;
      const waits = [10_000, 30_000, 50_000];
      for (const w of waits) {
        const h = (await a.request({ identity: worker(), language: 'it', province: 'BG' })).handoff;
        time.advance(w);
        await a.accept(h._id, operator('anna'));
      }
      const byProvince = await a.waitStats('province');
      expect(byProvince.rows).toEqual([{ group: 'BG', accepted: 3, medianWaitSeconds: 30 }]);
      expect((await a.waitStats('language')).total).toEqual({ group: 'total', accepted: 3, medianWaitSeconds: 30 });
    });

    test('the transcript after a call-back offer: held for the answer on either instance, kept with the referral, erased with it; other ends delete it', async () => {
      const [a, b] = services;
      const anna = operator('anna');
      const conversation = async (who: { channel: string; userId: string }) => {
        const { handoff } = await a.request({ identity: who, language: 'it', province: 'BG' });
        await a.accept(handoff._id, anna);
        await b.postWorkerMessage(who, 'Lavoravo a Bergamo');
        return handoff._id;
      };
      const consent = { noticeVersion: '2025-01+abc123', textHash: 'c'.repeat(64), language: 'it', givenAt: time.now() };

      // closed: nothing is offered, the messages go at once
      const closedBy = worker();
      const closed = await conversation(closedBy);
      await a.end(closed, anna, 'closed');
      expect((await b.messagesSince(closed, 0)).items).toEqual([]);
      expect(await b.heldTranscriptFor(closedBy)).toBeNull();

      // turned into a referral: held; the offer is taken once (the notice not sent yet: this turn asks)
      const who = worker();
      const id = await conversation(who);
      await a.end(id, anna, 'referral');
      expect(counted.filter((c) => c.event === 'handoff.referral')).toHaveLength(1);
      const [taken, again] = await Promise.all([a.takeReferralOffer(who), b.takeReferralOffer(who)]);
      expect([taken, again].filter(Boolean)).toHaveLength(1);
      expect(taken ?? again).toEqual({ handoffId: id, consentAsked: false });
      expect(await b.heldTranscriptFor(who)).toMatchObject({ handoffId: id, messages: 1, fromOperator: true });
      // another worker cannot keep or discard it
      expect(await b.keepTranscript(id, worker(), consent, 'lead-x')).toBe(false);
      await b.discardTranscript(id, worker());
      expect((await a.messagesSince(id, 0)).items).toHaveLength(1);
      expect(await b.keepTranscript(id, who, consent, 'lead-1')).toBe(true);
      expect(await a.get(id)).toMatchObject({ transcriptKept: true, leadId: 'lead-1', consent: { noticeVersion: '2025-01+abc123', language: 'it' } });
      expect((await a.transcriptsOfLead('lead-1'))[0].messages.map((m) => m.text)).toEqual(['Lavoravo a Bergamo']);
      // the referral's consent withdrawn: the transcript goes with it
      expect(await b.eraseTranscriptsOfLead('lead-1')).toBe(1);
      expect((await a.messagesSince(id, 0)).items).toEqual([]);
      expect(await a.transcriptsOfLead('lead-1')).toEqual([]);

      // operator idle: held; a yes after the hold is too late, and the sweep deletes it after the grace
      const late = worker();
      const idle = await conversation(late);
      time.advance(IDLE_MS + 1000);
      await a.sweep();
      expect((await b.get(idle)).transcriptHeldUntil).toBeDefined();
      time.advance(TRANSCRIPT_HOLD_MS + 1000);
      expect(await b.keepTranscript(idle, late, consent, 'lead-2')).toBe(false);
      expect(await a.sweepHasWork()).toBe(true);
      await a.sweep();
      expect((await a.messagesSince(idle, 0)).items).toHaveLength(1);
      time.advance(TRANSCRIPT_HOLD_GRACE_MS);
      await b.sweep();
      expect((await a.messagesSince(idle, 0)).items).toEqual([]);
      expect(await a.sweepHasWork()).toBe(false);
    });
  });
}
