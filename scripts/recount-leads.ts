/**
 * `npm run leads:recount`: recounts the funnel's lifecycle counters from every lead (models/leads/leadCounters.ts).
 * The bot recounts by itself at start when they were never built; run this after restoring leads from a backup or
 * editing them by hand, in a quiet moment (a lead changed while it runs may be miscounted until the next recount).
 * On the embedded store, stop the bot first (the data folder has one owner at a time).
 */
import { LeadRepository } from '../models/leads/leadRepository';
import { LeadService } from '../models/leads/leadService';
import { createStore } from '../models/store/createStore';
import type { StoreConfig } from '../models/store/store';
import { runCli, type CliIo } from './cli';

export async function runRecountLeads(_argv: readonly string[], config: StoreConfig, io: CliIo, now: () => Date = () => new Date()): Promise<number> {
  const store = await createStore(config);
  try {
    const counters = await new LeadService(await LeadRepository.open(store), { now }).recountCounters();
    io.out(`lifecycle counters recounted: ${counters} counter(s)\n`);
    return 0;
  } finally {
    await store.close();
  }
}

if (require.main === module) runCli('leads:recount', runRecountLeads);
