import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LeadRepository, LEADS_COLLECTION } from '../models/leads/leadRepository';
import { LeadService, type LeadFilters, type LeadScope } from '../models/leads/leadService';
import { EmbeddedStore } from '../models/store/embedded/embeddedStore';
import { SYNTHETIC_NOW, percentile, writeSyntheticLeads } from './syntheticLeads';

export interface ListingFigure {
  name: string;
  p50Ms: number;
  p95Ms: number;
}

/**
 * An operator's referral listing at 100k leads in the embedded store (30 projects, so one project holds about
 * 3,300 leads), first page of 20, plus staff views for comparison. Also how long the store takes to load.
 */
export async function benchListing(total = Number(process.env.BENCH_LEADS ?? 100_000)): Promise<{ total: number; loadMs: number; figures: ListingFigure[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'adr-bench-leads-'));
  const projects = Array.from({ length: Math.max(3, Math.round(total / 3_333)) }, (_, i) => `proj-${String(i).padStart(2, '0')}`);
  writeSyntheticLeads(path.join(dir, `${LEADS_COLLECTION.name}.db`), total, projects);
  const t0 = process.hrtime.bigint();
  const store = await EmbeddedStore.open(dir);
  const service = new LeadService(await LeadRepository.open(store), { now: () => new Date(SYNTHETIC_NOW) });
  const loadMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const cases: Array<[string, LeadScope, LeadFilters]> = [
    ['operator, one project, first page', { role: 'operator', projectIds: ['proj-07'] }, {}],
    ['operator, one project, status new', { role: 'operator', projectIds: ['proj-07'] }, { status: 'new' }],
    ['operator, three projects, first page', { role: 'operator', projectIds: ['proj-01', 'proj-02', 'proj-03'] }, {}],
    ['staff, first page', { role: 'staff' }, {}],
    ['staff, province SO, status placed', { role: 'staff' }, { province: 'SO', status: 'placed' }],
  ];
  const figures: ListingFigure[] = [];
  try {
    for (const [name, scope, filters] of cases) {
      for (let i = 0; i < 5; i++) await service.list(scope, filters, { limit: 20 });
      const times: number[] = [];
      for (let i = 0; i < 100; i++) {
        const start = process.hrtime.bigint();
        await service.list(scope, filters, { limit: 20 });
        times.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
      times.sort((a, b) => a - b);
      figures.push({ name, p50Ms: percentile(times, 50), p95Ms: percentile(times, 95) });
    }
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return { total, loadMs, figures };
}

if (require.main === module) {
  benchListing().then(
    (r) => process.stdout.write(`${JSON.stringify(r, null, 2)}\n`),
    (err: Error) => {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    },
  );
}
