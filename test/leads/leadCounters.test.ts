/**
 * The funnel's lifecycle counters are kept as leads change (models/leads/leadCounters.ts): after any sequence of
 * changes, made concurrently by two instances on one store, they equal a recount of the leads. On the embedded
 * store always; on MongoDB when MONGODB_URI is set (CI: FerretDB, whose `$inc` is not atomic: each instance counts
 * into documents of its own, which is what this proves). On FerretDB the two instances change different leads at
 * once: two writes racing on one lead are not decided atomically there, for the lead itself as much as its counts.
 */
import { isOpen, type Lead, type LeadStatus } from '../../models/leads/lead';
import { LEAD_COUNTERS, countSteps, type StepCount } from '../../models/leads/leadCounters';
import { LeadRepository, LEADS_COLLECTION } from '../../models/leads/leadRepository';
import { LeadService, type LeadSubmission } from '../../models/leads/leadService';
import type { Store } from '../../models/store/store';
import { mongoFerretDbVersion, tempDirsRemovedAfterAll } from '../support/adapters';
import { storePairs, type StorePair, type StorePairKind } from '../support/storePairs';
import { fixedClock, submission } from './fixtures';

const tempDir = tempDirsRemovedAfterAll();


function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const sorted = (counts: Iterable<StepCount>): StepCount[] =>
  [...counts].filter((c) => c.count !== 0).sort((a, b) => [a.day, a.step, a.province, a.language, a.channel].join('|').localeCompare([b.day, b.step, b.province, b.language, b.channel].join('|')));

async function recount(store: Store): Promise<StepCount[]> {
  const totals = new Map<string, StepCount>();
  for (const lead of await (await store.collection<Lead>(LEADS_COLLECTION)).find({})) countSteps(lead, totals);
  return sorted(totals.values());
}

async function counted(service: LeadService): Promise<StepCount[]> {
  return sorted((await service.lifecycleSteps()).map((s) => ({ day: s.day as string, step: s.step, province: s.province ?? 'unknown', language: s.locale, channel: s.channel, count: s.count ?? 1 })));
}

const NEXT: Partial<Record<LeadStatus, LeadStatus>> = { claimed: 'contacted', contacted: 'enrolled', enrolled: 'placed' };
/** an open lead's next step in the lifecycle */
const NEXT_STEP: Record<string, string> = { new: 'claimed', ...NEXT };
const PROVINCES = ['BG', 'MI', 'SO', 'VA'];

/**
 * Whether two writes may race on one lead: on FerretDB v1 they may not, since its conditional updates are not atomic
 * (the lead itself can lose one of them, and the version a write returns need not be the one stored); there the two
 * instances change different leads at once.
 */
const sites = storePairs(tempDir, 'counters').map(([kind, open]): [StorePairKind, () => Promise<StorePair>, boolean] => [kind, open, kind === 'embedded' || !mongoFerretDbVersion()]);

describe.each(sites)('lifecycle counters on the %s store', (_name, open, sameLeadRaces) => {
  let site: StorePair;
  beforeEach(async () => {
    site = await open();
  });
  afterEach(async () => {
    await site.dispose();
  });

  test('equal a recount after a random sequence of changes by two instances at once, and after a rebuild', async () => {
    const clock = fixedClock('2025-03-01T08:00:00.000Z');
    const services = await Promise.all(site.stores.map(async (store) => new LeadService(await LeadRepository.open(store), { now: clock.now })));
    const rand = rng(7);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];
    const precheck = (): LeadSubmission['precheck'] => ({ answers: { province: pick(PROVINCES), crisisKind: 'cigs', situation: 'unemployed' }, outcome: 'eligible', reasons: [], rulesVersion: '2018-10' });
    const people = Array.from({ length: 6 }, (_, i) => `counted-${i}`);
    // contacts of their own: on FerretDB, marking two leads with one phone as possible duplicates would be a write
    // on another person's lead, racing with that lead's own change
    const contact = (i: number): LeadSubmission['contact'] => ({ name: 'Maria Rossi', phone: `333 123 45${10 + i}`, email: `counted-${i}@example.com`, preferredTime: 'mattina' });
    const submitted = (service: LeadService, i: number, precheck: LeadSubmission['precheck'], id: string) => service.submit(submission({ channelUserId: people[i], contact: contact(i), precheck }), id);
    // the people arrive at once, half through each instance
    const ids = (await Promise.all(people.map((_, i) => submitted(services[i % 2], i, precheck(), `s-${i}`)))).map((r) => r.lead._id);
    let submissions = 100;
    /** the kinds of change that took effect: the sequence must have made each of them at least once */
    const made = new Set<string>();
    /** One change, drawn before the round starts (so the sequence does not depend on which await ends first). */
    const plan = (slot: number[]) => ({ slot, service: pick(services), r: rand(), operator: pick(['op-1', 'op-2']), precheck: precheck() });
    const change = async ({ slot, service, r, operator, precheck }: ReturnType<typeof plan>): Promise<void> => {
      const id = ids[slot[0]];
      const lead = await service.get(id);
      if (!isOpen(lead.status) || (r >= 0.55 && r < 0.67)) {
        // the same person again (after an ended lead: a new one, which their later changes reach), maybe from another
        // province: the lead's steps move with it
        submissions += 1;
        ids[slot[0]] = (await submitted(service, slot[0], precheck, `s-${submissions}`)).lead._id;
        made.add('submit');
      } else if (r < 0.55 || (r >= 0.9 && !sameLeadRaces)) {
        // one step on: claimed, contacted, enrolled, placed
        if (lead.status === 'new') await service.claim(id, operator);
        else await service.transition(id, NEXT[lead.status] as LeadStatus, { by: operator });
        made.add(NEXT_STEP[lead.status]);
      } else if (r < 0.75) {
        await service.transition(id, 'closed', { by: operator, reason: 'unreachable' });
        made.add('closed');
      } else if (r < 0.83) {
        if ((await service.withdrawByUser({ channel: 'webchat', userId: people[slot[0]] })).length > 0) made.add('withdrawn');
      } else if (r < 0.9) {
        if ((await service.eraseByUser({ channel: 'webchat', userId: people[slot[0]] })) > 0) made.add('erased');
      } else {
        // a merge gives the kept lead a second owner, whose later changes would reach it: same-lead races only
        await service.merge(ids[slot[1]], id, operator);
        made.add('merged');
      }
    };
    /** the leads (by index) each of a round's changes works on: any, or with FerretDB pairwise distinct */
    const slots = (n: number): number[][] => {
      if (sameLeadRaces) return Array.from({ length: n }, () => [Math.floor(rand() * ids.length), Math.floor(rand() * ids.length)]);
      const order = ids.map((_, i) => i).sort(() => rand() - 0.5);
      return Array.from({ length: n }, (_, i) => [order[i], order[i]]);
    };
    // 50 changes on 6 people's leads: few enough to be quick on a loaded FerretDB, and the seed is one whose sequence
    // makes every kind of change (checked below), some of them racing (on the embedded store)
    for (let round = 0; round < 10; round++) {
      // several changes at once, some on the same lead, by both instances; losers of a race are refused, as in life
      await Promise.allSettled(slots(5).map(plan).map(change));
      clock.advance(Math.floor(rand() * 3 * 24 * 3600 * 1000));
    }
    expect([...made].sort()).toEqual(['claimed', 'closed', 'contacted', 'enrolled', 'erased', ...(sameLeadRaces ? ['merged'] : []), 'placed', 'submit', 'withdrawn']);
    const expected = await recount(site.stores[0]);
    expect(expected.length).toBeGreaterThan(3);
    // the sequence went past claiming (which leads get how far depends on who wins each race)
    expect(expected.some((c) => c.step !== 'claimed')).toBe(true);
    for (const service of services) expect(await counted(service)).toEqual(expected);

    await services[1].recountCounters();
    for (const service of services) expect(await counted(service)).toEqual(expected);
    // and they keep counting after the rebuild
    const open = (await (await site.stores[0].collection<Lead>(LEADS_COLLECTION)).find({ status: 'new' }))[0];
    if (open) await services[0].claim(open._id, 'op-3');
    expect(await counted(services[1])).toEqual(await recount(site.stores[0]));
  });

  test('an installation from before the counters is recounted once at start, and ended leads get their end date', async () => {
    const clock = fixedClock('2025-03-01T08:00:00.000Z');
    const first = new LeadService(await LeadRepository.open(site.stores[0]), { now: clock.now });
    const leadIds: string[] = [];
    for (let i = 0; i < 3; i++) leadIds.push((await first.submit(submission(), `old-${i}`)).lead._id);
    await first.claim(leadIds[0], 'op-1');
    await first.transition(leadIds[0], 'contacted', { by: 'op-1' });
    await first.claim(leadIds[1], 'op-1');
    clock.advance(3600_000);
    await first.transition(leadIds[1], 'closed', { by: 'op-1', reason: 'unreachable' });
    // as an older version left it: no counters, no end date
    await (await site.stores[0].collection(LEAD_COUNTERS)).deleteMany({});
    const leads = await site.stores[0].collection<Lead>(LEADS_COLLECTION);
    await leads.updateOne({ _id: leadIds[1] }, { $unset: { endedAt: true } });

    const second = new LeadService(await LeadRepository.open(site.stores[1]), { now: clock.now });
    expect(await second.ensureCounters()).toBe(true);
    expect(await second.ensureCounters()).toBe(false);
    expect(await counted(second)).toEqual(await recount(site.stores[0]));
    expect((await counted(second)).map((c) => [c.step, c.count])).toEqual([['claimed', 2], ['contacted', 1]]);
    expect((await leads.findOne({ _id: leadIds[1] }))?.endedAt).toBe('2025-03-01T09:00:00.000Z');
  });
});
