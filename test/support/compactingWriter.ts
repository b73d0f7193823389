/**
 * A child process for the kill -9 test (test/store/embeddedCompaction.test.ts): fills a collection, then updates
 * it without end, printing `confirmed <id> <n>` once each update is confirmed and `rewriting` when a compaction
 * starts writing its new file (slowed down, so the parent can kill the process in the middle of it).
 * Usage: node -r test/support/tsRegister.js test/support/compactingWriter.ts <dataDir>
 */
import { EmbeddedStore } from '../../models/store/embedded/embeddedStore';
import { GatedDisk } from './gatedDisk';

export const WRITER_DOCS = 1000;
export const WRITER_SPEC = { name: 'items', indexes: [{ field: 'n' }] };

async function main(dir: string): Promise<void> {
  const disk = new GatedDisk(300, (count) => {
    if (count === 1) process.stdout.write('rewriting\n');
  });
  const store = await EmbeddedStore.open(dir, { files: disk, compactMinSuperseded: 100 });
  const items = await store.collection<{ _id: string; n: number; pad: string }>(WRITER_SPEC);
  const pad = 'x'.repeat(300);
  await Promise.all(Array.from({ length: WRITER_DOCS }, (_, i) => items.insert({ _id: `d${i}`, n: 0, pad })));
  process.stdout.write('filled\n');
  for (let n = 1; ; n++) {
    const id = `d${n % WRITER_DOCS}`;
    await items.updateOne({ _id: id }, { $set: { n } });
    process.stdout.write(`confirmed ${id} ${n}\n`);
  }
}

if (require.main === module) {
  main(process.argv[2]).catch((err: Error) => {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  });
}
