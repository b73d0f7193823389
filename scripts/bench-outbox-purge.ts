/**
 * How the outbox purge (models/retention/finishedRows.ts) behaves on the embedded store at a backlog of N ended lead
 * event deliveries, events and lease tickets (a long pause of the retention job, or its first pass on an old installation):
 * the time each collection's purge takes and the worst event-loop delay meanwhile (monitorEventLoopDelay).
 *
 * `npm run build && node dist/scripts/bench-outbox-purge.js [N]` (default 20000).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { LeadEventLog } from '../models/leads/leadEvents';
import { EmbeddedStore } from '../models/store/embedded/embeddedStore';
import { deleteBefore } from '../models/retention/finishedRows';
const N = Number(process.argv[2] ?? 20000);

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'probe-'));
  const d = (ms: number) => ({ $$date: ms });
  const ev = (i: number) => ({ _id: `lead-${i}:new`, kind: 'new', leadId: `lead-${i}`, projectId: null, at: d(i) });
  fs.writeFileSync(path.join(dir, 'lead_event_deliveries.db'), Array.from({ length: N }, (_, i) => JSON.stringify({ _id: `teams|lead-${i}:new`, consumer: 'teams', event: ev(i), status: 'delivered', attempts: 1, availableAt: d(i), createdAt: d(i), doneAt: d(i + 1000) })).join('\n') + '\n');
  fs.writeFileSync(path.join(dir, 'lead_events.db'), Array.from({ length: N }, (_, i) => JSON.stringify(ev(i))).join('\n') + '\n');
  fs.writeFileSync(path.join(dir, 'lease_tickets.db'), Array.from({ length: N }, (_, i) => JSON.stringify({ _id: `teams|lead-${i}:new:1`, rowId: `teams|lead-${i}:new`, owner: 'x', until: d(i) })).join('\n') + '\n');
  const store = await EmbeddedStore.open(dir);
  const log = await LeadEventLog.open(store, { consumers: ['teams'] });
  const cutoff = new Date(1e12);
  for (const [name, run] of [
    ['deliveries', () => deleteBefore(log.deliveries, 'doneAt', cutoff, { status: { $ne: 'pending' } })],
    ['events', () => deleteBefore(log.events, 'at', cutoff)],
    ['tickets', () => deleteBefore(log.tickets, 'until', cutoff)],
  ] as const) {
    const h = monitorEventLoopDelay({ resolution: 10 });
    h.enable();
    const t = Date.now();
    const n = await run();
    h.disable();
    process.stdout.write(`${name}: ${n} rows purged in ${Date.now() - t} ms, worst event-loop delay ${(h.max / 1e6).toFixed(1)} ms\n`);
  }
  await store.close();
  fs.rmSync(dir, { recursive: true });
}

void main();
