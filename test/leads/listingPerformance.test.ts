/**
 * Listing a large embedded store: the page an operator or staff member gets is right (their scope, newest first,
 * full pages, cursors that continue without overlap). How fast it is, is measured by `npm run bench` at 100k leads
 * (scripts/bench-listing.ts), not asserted here.
 */
import * as path from 'node:path';
import { LeadRepository, LEADS_COLLECTION } from '../../models/leads/leadRepository';
import { LeadService, type LeadFilters, type LeadScope } from '../../models/leads/leadService';
import { LEAD_STATUSES } from '../../models/leads/lead';
import { SYNTHETIC_NOW, writeSyntheticLeads } from '../../scripts/syntheticLeads';
import { tempStore } from './fixtures';

jest.setTimeout(120_000);

const TOTAL = 10_000;
const PROJECTS = ['proj-00', 'proj-01', 'proj-02'];

describe(`listing ${TOTAL} leads on the embedded store`, () => {
  let ctx: Awaited<ReturnType<typeof tempStore>>;
  let service: LeadService;

  beforeAll(async () => {
    ctx = await tempStore('leads-perf-');
    writeSyntheticLeads(path.join(ctx.dir, `${LEADS_COLLECTION.name}.db`), TOTAL, PROJECTS);
    service = new LeadService(await LeadRepository.open(ctx.store), { now: () => new Date(SYNTHETIC_NOW) });
  });
  afterAll(async () => {
    await ctx.dispose();
  });

  const CASES: Array<[string, LeadScope, LeadFilters]> = [
    ['operator, one project', { role: 'operator', projectIds: ['proj-01'] }, {}],
    ['operator, one project, status new', { role: 'operator', projectIds: ['proj-01'] }, { status: 'new' }],
    ['operator, two projects', { role: 'operator', projectIds: ['proj-00', 'proj-02'] }, {}],
    ['staff, first page', { role: 'staff' }, {}],
    ['staff, province SO, status placed', { role: 'staff' }, { province: 'SO', status: 'placed' }],
    ['staff, unassigned', { role: 'staff' }, { projectId: null }],
  ];

  test.each(CASES)('%s: three full pages, newest first, in scope, no overlap', async (_name, scope, filters) => {
    const seen = new Set<string>();
    let cursor: string | undefined;
    let previous = Number.POSITIVE_INFINITY;
    for (let page = 0; page < 3; page++) {
      const result = await service.list(scope, filters, { limit: 20, cursor });
      expect(result.items).toHaveLength(20);
      for (const lead of result.items) {
        expect(seen.has(lead._id)).toBe(false);
        seen.add(lead._id);
        expect(lead.createdAt.getTime()).toBeLessThanOrEqual(previous);
        previous = lead.createdAt.getTime();
        if (scope.role === 'operator') expect(scope.projectIds).toContain(lead.projectId);
        if (filters.status) expect(lead.status).toBe(filters.status);
        if (filters.province) expect(lead.province).toBe(filters.province);
        if (filters.projectId === null) expect(lead.projectId).toBeNull();
      }
      cursor = result.nextCursor;
      expect(cursor).toBeDefined();
    }
  });

  test('statuses are all represented (sanity of the data set)', async () => {
    const page = await service.list({ role: 'staff' }, { status: [...LEAD_STATUSES] }, { limit: 100 });
    expect(page.items).toHaveLength(100);
  });
});
