/**
 * Group formation reads the open unassigned leads a bounded chunk at a time (openUnassignedChunks.ts): every lead
 * once, oldest first, no query reading more than MAX_CHUNK (except a single millisecond holding more), and the
 * groups equal those formed over all the leads read in one query.
 */
import * as path from 'node:path';
import type { Lead } from '../../models/leads/lead';
import { LeadRepository, LEADS_COLLECTION } from '../../models/leads/leadRepository';
import { LeadService } from '../../models/leads/leadService';
import { inBatches } from '../../models/leads/leadCounters';
import { MAX_CHUNK, allLeadsChunks, openUnassignedChunks } from '../../models/leads/openUnassignedChunks';
import { groupFormation } from '../../models/projects/groupFormation';
import type { Filter } from '../../models/store/collection';
import { SYNTHETIC_NOW, writeSyntheticLeads } from '../../scripts/syntheticLeads';
import { tempStore } from './fixtures';

jest.setTimeout(120_000);

// 20 chunks of MAX_CHUNK for the recount and some 350 sparse open unassigned leads over two years, beside the
// import below: what the walk is about (30,000 proved nothing more and took twice the time: 19.5 s CPU against 10)
const TOTAL = 10_000;

describe('open unassigned leads in chunks', () => {
  let ctx: Awaited<ReturnType<typeof tempStore>>;
  let repo: LeadRepository;
  let service: LeadService;
  const burstAt = new Date(SYNTHETIC_NOW - 10 * 86_400_000);

  beforeAll(async () => {
    ctx = await tempStore('leads-groups-');
    writeSyntheticLeads(path.join(ctx.dir, `${LEADS_COLLECTION.name}.db`), TOTAL, ['proj-00', 'proj-01', 'proj-02']);
    repo = await LeadRepository.open(ctx.store);
    service = new LeadService(repo, { now: () => new Date(SYNTHETIC_NOW) });
    // an import: more open unassigned leads in one hour than a query may read, and more than that in one millisecond
    const docs = await ctx.store.collection<Lead>(LEADS_COLLECTION);
    const template = (await repo.find({ status: 'new', projectId: null }, 1))[0];
    const burst = Array.from({ length: 3 * MAX_CHUNK + 300 }, (_, i): Lead => {
      const createdAt = i <= MAX_CHUNK ? burstAt : new Date(burstAt.getTime() + (i % 3_600) * 1000);
      return {
        ...template,
        _id: `burst-${i}`,
        reference: `AR-B${i}`,
        submissionId: `burst-${i}`,
        submissionIds: [`burst-${i}`],
        employer: { name: `Officina ${i % 7} spa`, sector: 'metalmeccanico' },
        province: 'LO',
        createdAt,
        projectTime: `|${createdAt.toISOString()}`,
      };
    });
    await inBatches(burst, (doc) => docs.insert(doc));
  });
  afterAll(() => ctx.dispose());

  test('every open unassigned lead once, oldest first, each query bounded', async () => {
    const reads: Array<{ limit: number | undefined; got: number; filter: Filter }> = [];
    const find = async (filter: Filter, limit?: number): Promise<Lead[]> => {
      const got = await repo.find(filter, limit);
      reads.push({ limit, got: got.length, filter });
      return got;
    };
    const seen: Lead[] = [];
    for await (const chunk of openUnassignedChunks(find, new Date(SYNTHETIC_NOW))) seen.push(...chunk);

    const all = await service.listOpenUnassigned();
    expect(all.length).toBeGreaterThan(2 * MAX_CHUNK);
    expect(seen.map((l) => l._id).sort()).toEqual(all.map((l) => l._id).sort());
    expect(new Set(seen.map((l) => l._id)).size).toBe(seen.length);
    const keys = seen.map((l) => `${l.projectTime}\u0000${l._id}`);
    expect(keys).toEqual([...keys].sort());
    // every query asked for at most MAX_CHUNK, but for the one millisecond of the import that holds more
    const unbounded = reads.filter((r) => r.limit === undefined);
    expect(unbounded).toHaveLength(1);
    expect(unbounded[0].filter).toMatchObject({ projectTime: { $gte: `|${burstAt.toISOString()}`, $lt: `|${new Date(burstAt.getTime() + 1).toISOString()}` } });
    expect(reads.filter((r) => r.limit !== undefined).every((r) => r.limit === MAX_CHUNK && r.got <= MAX_CHUNK)).toBe(true);
    // not one window per lead, nor per day of the two years (the empty years from the walk's floor in 2000 to the
    // first lead take a window of at most 30 days each: cheap index lookups, none gathering the whole collection)
    expect(reads.length).toBeLessThan(450);
    // no window wider than 30 days was asked (nedb gathers a range's candidates whole before the limit applies)
    // the windows between two times (not the ones before the floor or after the end, open on one side)
    const widths = reads.flatMap((r) => {
      const range = (r.filter as { projectTime?: { $gte?: string; $lt?: string } }).projectTime;
      const width = Date.parse(range?.$lt?.split('|').pop() ?? '') - Date.parse(range?.$gte?.split('|').pop() ?? '');
      return Number.isFinite(width) ? [width] : [];
    });
    expect(widths.length).toBeGreaterThan(100);
    expect(Math.max(...widths)).toBeLessThanOrEqual(30 * 24 * 60 * 60 * 1000);
  });

  test('every lead, for the one-off recount at start: once each, oldest first, each query bounded but the crowded millisecond', async () => {
    const limits: Array<number | undefined> = [];
    const seen: Lead[] = [];
    for await (const chunk of allLeadsChunks(async (filter, limit) => {
      limits.push(limit);
      return repo.find(filter, limit);
    }, new Date(SYNTHETIC_NOW))) seen.push(...chunk);
    expect(seen).toHaveLength(await (await ctx.store.collection<Lead>(LEADS_COLLECTION)).count({}));
    expect(new Set(seen.map((l) => l._id)).size).toBe(seen.length);
    const times = seen.map((l) => l.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(limits.filter((l) => l === undefined)).toHaveLength(1);
  });

  test('the groups equal those formed over all the leads at once', async () => {
    const options = { minWorkers: 10, maxFirms: 3 };
    const all = await service.listOpenUnassigned();
    const chunked = await service.groupCandidates(options);
    expect(chunked.leads).toBe(all.length);
    const sorted = [...all].sort((a, b) => (a.projectTime < b.projectTime ? -1 : a.projectTime > b.projectTime ? 1 : a._id < b._id ? -1 : 1));
    expect(chunked.items).toEqual(groupFormation(sorted, options));
    expect(chunked.items.find((g) => g.province === 'LO')?.canForm).toBe(true);
  });
});
