import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LeadRepository, LEADS_COLLECTION } from '../models/leads/leadRepository';
import { LeadService, type LeadFilters, type LeadScope } from '../models/leads/leadService';
import { EmbeddedStore } from '../models/store/embedded/embeddedStore';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { buildFunnel } from '../models/analytics/funnel';
import { groupFormation } from '../models/projects/groupFormation';
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

export interface ReadFigure {
  name: string;
  /** median and worst time of the request itself */
  p50Ms: number;
  maxMs: number;
  /** the worst event-loop delay while it ran: how long a menu turn arriving meanwhile waits before it starts */
  turnWaitMs: number;
}

const DAY_MS = 86_400_000;

/**
 * The staff reads that used to walk every lead, at 100k leads in the embedded store: the funnel, group formation,
 * and the staff's first page when the newest lead is 524 days old (the campaign paused). Each is timed with the
 * event loop's worst delay meanwhile, which is what a worker's turn sent during it waits.
 */
export async function benchReads(total = Number(process.env.BENCH_LEADS ?? 100_000), runs = Number(process.env.BENCH_RUNS ?? 5)): Promise<{ total: number; openMs: number; recountMs: number; figures: ReadFigure[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'adr-bench-reads-'));
  const projects = Array.from({ length: Math.max(3, Math.round(total / 3_333)) }, (_, i) => `proj-${String(i).padStart(2, '0')}`);
  writeSyntheticLeads(path.join(dir, `${LEADS_COLLECTION.name}.db`), total, projects);
  const t0 = process.hrtime.bigint();
  const store = await EmbeddedStore.open(dir);
  const repository = await LeadRepository.open(store);
  const service = new LeadService(repository, { now: () => new Date(SYNTHETIC_NOW) });
  const paused = new LeadService(repository, { now: () => new Date(SYNTHETIC_NOW + 524 * DAY_MS) });
  const openMs = Number(process.hrtime.bigint() - t0) / 1e6;
  // as at start (openDomain): an installation without lifecycle counters is recounted once, before serving
  const t1 = process.hrtime.bigint();
  const ensure = (service as unknown as { ensureCounters?: () => Promise<boolean> }).ensureCounters;
  if (ensure) await ensure.call(service);
  const recountMs = Number(process.hrtime.bigint() - t1) / 1e6;
  const groups = async (): Promise<unknown> => {
    const maintained = (service as unknown as { groupCandidates?: (o: object) => Promise<unknown> }).groupCandidates;
    if (maintained) return maintained.call(service, { minWorkers: 10, maxFirms: 3 });
    return groupFormation(await service.listOpenUnassigned(), { minWorkers: 10, maxFirms: 3 });
  };
  const cases: Array<[string, () => Promise<unknown>]> = [
    ['funnel (lifecycle steps, by week)', async () => buildFunnel([], await service.lifecycleSteps(), 'week')],
    ['group formation (/api/groups)', groups],
    ['staff, first page, newest lead 524 days old', () => paused.list({ role: 'staff' }, {}, { limit: 20 })],
    ['staff, status new, first page, newest lead 524 days old', () => paused.list({ role: 'staff' }, { status: 'new' }, { limit: 20 })],
    ['operator, one project, first page, newest lead 524 days old', () => paused.list({ role: 'operator', projectIds: ['proj-07'] }, {}, { limit: 20 })],
  ];
  const figures: ReadFigure[] = [];
  try {
    for (const [name, run] of cases) {
      await run();
      const times: number[] = [];
      const delay = monitorEventLoopDelay({ resolution: 1 });
      delay.enable();
      for (let i = 0; i < runs; i++) {
        const start = process.hrtime.bigint();
        await run();
        times.push(Number(process.hrtime.bigint() - start) / 1e6);
        // let the histogram's timer tick between runs, so a run's block is recorded as itself
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      delay.disable();
      times.sort((a, b) => a - b);
      figures.push({ name, p50Ms: round(percentile(times, 50)), maxMs: round(times[times.length - 1]), turnWaitMs: round(delay.max / 1e6) });
    }
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return { total, openMs: round(openMs), recountMs: round(recountMs), figures };
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

if (require.main === module && process.argv[2] === 'reads') {
  benchReads().then(
    (r) => process.stdout.write(`${JSON.stringify(r, null, 2)}\n`),
    (err: Error) => {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    },
  );
} else if (require.main === module) {
  benchListing().then(
    (r) => process.stdout.write(`${JSON.stringify(r, null, 2)}\n`),
    (err: Error) => {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    },
  );
}
