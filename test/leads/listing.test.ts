import { projectTimeKey, type Lead, type LeadStatus } from '../../models/leads/lead';
import { LeadRepository } from '../../models/leads/leadRepository';
import { LeadService, type LeadFilters, type LeadScope } from '../../models/leads/leadService';
import { decodeCursor, encodeCursor } from '../../models/leads/paging';
import { fixedClock, submission, tempStore } from './fixtures';

const DAY = 86_400_000;
const PROJECTS = ['p-a', 'p-b', 'p-c'];

/** Reference implementation: filter and sort in memory. */
function expected(all: Lead[], scope: LeadScope, f: LeadFilters): Lead[] {
  return all
    .filter((l) => scope.role === 'staff' || (l.projectId !== null && scope.projectIds.includes(l.projectId)))
    .filter((l) => f.status === undefined || (typeof f.status === 'string' ? l.status === f.status : f.status.includes(l.status)))
    .filter((l) => f.province === undefined || l.province === f.province)
    .filter((l) => f.projectId === undefined || l.projectId === f.projectId)
    .filter((l) => !f.from || l.createdAt >= f.from)
    .filter((l) => !f.to || l.createdAt < f.to)
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a._id < b._id ? 1 : -1));
}

describe('LeadService.list', () => {
  let ctx: Awaited<ReturnType<typeof tempStore>>;
  let service: LeadService;
  let all: Lead[] = [];
  const clock = fixedClock('2024-01-01T00:00:00.000Z');
  const provinces = ['BG', 'MI', 'VA'];

  beforeAll(async () => {
    ctx = await tempStore();
    const repo = await LeadRepository.open(ctx.store);
    service = new LeadService(repo, { now: clock.now });
    // 150 leads over ~3 years, in bursts: several share a timestamp (ties), some are years apart
    for (let i = 0; i < 150; i++) {
      if (i % 3 !== 0) clock.advance(i % 7 === 0 ? 40 * DAY : (i % 5) * 3600_000);
      const { lead } = await service.submit(
        submission({
          contact: { name: `Worker ${i}`, email: `w${i}@example.com` },
          precheck: { ...submission().precheck, answers: { province: provinces[i % 3], crisisKind: 'cigs', situation: 'unemployed' } },
        }),
        `list-${i}`,
      );
      // assign a project (or none) and move some along
      const projectId = i % 4 === 3 ? null : PROJECTS[i % 3];
      await repo.updateIf({ _id: lead._id }, { $set: { projectId, projectTime: projectTimeKey(projectId, lead.createdAt) } });
      if (i % 5 === 0) await service.claim(lead._id, 'op');
      if (i % 10 === 0) await service.transition(lead._id, 'contacted', { by: 'op' });
    }
    all = await repo.find({});
  });
  afterAll(() => ctx.dispose());

  async function pages(scope: LeadScope, filters: LeadFilters, limit: number): Promise<Lead[][]> {
    const out: Lead[][] = [];
    let cursor: string | undefined;
    for (let guard = 0; guard < 200; guard++) {
      const page = await service.list(scope, filters, { limit, ...(cursor ? { cursor } : {}) });
      out.push(page.items);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    return out;
  }

  const CASES: Array<[string, LeadScope, LeadFilters]> = [
    ['staff, everything', { role: 'staff' }, {}],
    ['staff, status new', { role: 'staff' }, { status: 'new' }],
    ['staff, two statuses', { role: 'staff' }, { status: ['claimed', 'contacted'] as LeadStatus[] }],
    ['staff, province MI', { role: 'staff' }, { province: 'MI' }],
    ['staff, unassigned', { role: 'staff' }, { projectId: null }],
    ['staff, one project', { role: 'staff' }, { projectId: 'p-b' }],
    ['staff, a time range', { role: 'staff' }, { from: new Date('2024-06-01T00:00:00Z'), to: new Date('2025-06-01T00:00:00Z') }],
    ['operator, one project', { role: 'operator', projectIds: ['p-a'] }, {}],
    ['operator, two projects, status new', { role: 'operator', projectIds: ['p-a', 'p-c'] }, { status: 'new' }],
    ['operator, filter on own project and province', { role: 'operator', projectIds: ['p-a', 'p-b'] }, { projectId: 'p-b', province: 'MI' }],
    ['operator, since a date', { role: 'operator', projectIds: ['p-a', 'p-b', 'p-c'] }, { from: new Date('2025-01-01T00:00:00Z') }],
  ];

  test.each(CASES)('%s: cursor pages give exactly the filtered leads, newest first', async (_name, scope, filters) => {
    const want = expected(all, scope, filters).map((l) => l._id);
    expect(want.length).toBeGreaterThan(0);
    for (const limit of [1, 7, 100]) {
      const got = await pages(scope, filters, limit);
      expect(got.flat().map((l) => l._id)).toEqual(want);
      expect(got.slice(0, -1).every((p) => p.length === limit)).toBe(true);
    }
  });

  test('offset paging agrees with the reference', async () => {
    const want = expected(all, { role: 'staff' }, { status: 'new' }).map((l) => l._id);
    const page = await service.list({ role: 'staff' }, { status: 'new' }, { limit: 10, offset: 5 });
    expect(page.items.map((l) => l._id)).toEqual(want.slice(5, 15));
  });

  test('operators cannot look outside their projects; no projects = nothing', async () => {
    await expect(service.list({ role: 'operator', projectIds: ['p-a'] }, { projectId: 'p-b' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(service.list({ role: 'operator', projectIds: ['p-a'] }, { projectId: null })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(service.list({ role: 'operator', projectIds: [] })).resolves.toEqual({ items: [] });
  });

  test.each([
    [{ limit: 0 }, 'limit'],
    [{ limit: 101 }, 'limit'],
    [{ limit: 2.5 }, 'limit'],
    [{ offset: -1 }, 'offset'],
    [{ cursor: 'garbage' }, 'cursor'],
  ])('page %j is a ValidationError on %s', async (page, field) => {
    await expect(service.list({ role: 'staff' }, {}, page)).rejects.toMatchObject({ code: 'VALIDATION', field });
  });

  test('bad filters are ValidationErrors', async () => {
    await expect(service.list({ role: 'staff' }, { status: 'archived' as LeadStatus })).rejects.toMatchObject({ field: 'status' });
    await expect(service.list({ role: 'staff' }, { province: 'Milano' })).rejects.toMatchObject({ field: 'province' });
    await expect(service.list({ role: 'staff' }, { from: new Date('nope') })).rejects.toMatchObject({ field: 'from' });
  });

  test('cursor round trip', () => {
    const c = { at: new Date('2025-01-02T03:04:05.678Z'), id: 'abc.def' };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
  });
});
