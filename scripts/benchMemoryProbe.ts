/**
 * Preloaded into the bot by the broadcast bench only (`node --expose-gc --require .../benchMemoryProbe.js`): on
 * SIGUSR2 it collects garbage and prints the heap in use, so the bench compares live memory rather than RSS, which
 * V8 and the allocator give back to the system only lazily. Nothing of this runs in production.
 */
export const MEMORY_LINE = 'BENCH_MEMORY ';

export interface MemoryReading {
  heapUsedMb: number;
  rssMb: number;
}

if (process.env.BENCH_MEMORY_PROBE === '1') {
  process.on('SIGUSR2', () => {
    (globalThis as { gc?: () => void }).gc?.();
    const { heapUsed, rss } = process.memoryUsage();
    const reading: MemoryReading = { heapUsedMb: heapUsed / 1048576, rssMb: rss / 1048576 };
    process.stderr.write(`${MEMORY_LINE}${JSON.stringify(reading)}\n`);
  });
}
