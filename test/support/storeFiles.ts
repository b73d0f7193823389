import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs/promises';

/** The non-empty lines of an embedded store's collection file, as written. */
export async function linesOf(file: string): Promise<string[]> {
  return (await fs.readFile(file, 'utf8')).split('\n').filter((l) => l !== '');
}

export async function fileExists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}

/** MONGODB_URI with a database of its own for one suite (`<prefix>_<pid>_<random>`), so suites never share data. */
export function freshMongoUri(prefix: string): string {
  const uri = new URL(process.env.MONGODB_URI ?? '');
  uri.pathname = `/${prefix}_${process.pid}_${randomUUID().slice(0, 8)}`;
  return uri.toString();
}
