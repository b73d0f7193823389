import { benchTurns, turnsReport } from './bench-turns';

/**
 * `npm run bench`: the same load, on the same machine, in the same run, against a bare echo bot and this bot,
 * so the figures are read as ratios to the baseline rather than as absolute times (scripts/bench-turns.ts: menu,
 * FAQ, pre-check and referral turns, on the embedded store and on MongoDB when MONGODB_URI is set); then long
 * messages, FAQ retrieval, the gazetteer, the referral listing and the broadcast.
 */

function out(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function main(): Promise<void> {
  for (const line of turnsReport(await benchTurns())) out(line);
  // long messages (16/28/64 KB) among normal turns: the worst event-loop delay in the bot's process
  const { benchLongText, longTextReport } = await import('./bench-longtext');
  for (const line of longTextReport(await benchLongText())) out(line);
  const { benchRetrieval } = await import('./bench-retrieval');
  const retrieval = await benchRetrieval();
  out(`\n== FAQ retrieval: ${retrieval.entries} entries, ${retrieval.questions} questions: p50 ${retrieval.p50Ms.toFixed(3)} ms, p99 ${retrieval.p99Ms.toFixed(3)} ms (target p99 < 1 ms)`);

  const { loadGazetteer } = await import('../dialogs/understanding');
  const started = process.hrtime.bigint();
  loadGazetteer();
  out(`\n== Place gazetteer (ISTAT comuni + aliases): loaded in ${(Number(process.hrtime.bigint() - started) / 1e6).toFixed(0)} ms`);

  const { benchListing } = await import('./bench-listing');
  const listing = await benchListing();
  out(`\n== Referral listing, embedded store, ${listing.total} leads (loaded in ${(listing.loadMs / 1000).toFixed(1)} s), page of 20:`);
  for (const f of listing.figures) out(`${f.name.padEnd(40)} p50 ${f.p50Ms.toFixed(1).padStart(6)} ms   p95 ${f.p95Ms.toFixed(1).padStart(6)} ms${f.name.startsWith('operator') ? '   (target p95 < 50 ms)' : ''}`);

  const { benchBroadcast, broadcastReport, benchInstances, instancesReport } = await import('./bench-broadcast');
  for (const line of broadcastReport(await benchBroadcast())) out(line);
  if (process.env.MONGODB_URI) for (const line of instancesReport(await benchInstances(process.env.MONGODB_URI))) out(line);
}

main().catch((err: Error) => {
  process.stderr.write(`bench failed: ${err.stack ?? err.message}\n`);
  process.exit(1);
});
