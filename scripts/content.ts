/**
 * Published content to and from files, so it can live in git.
 *
 *   npm run content -- export <dir>    writes every published entry (layout: models/publishing/files.ts, the same as
 *                                      content/, which seeds a new installation)
 *   npm run content -- import <dir>    validates every file first; with any problem it prints each one (file, entry,
 *                                      field) and exits with status 1 having changed nothing; otherwise publishes the
 *                                      folder's content in one commit (changed entries get a new version, entries
 *                                      missing from the folder are withdrawn; history and rollback keep the old ones)
 *
 * The store is the app's: MONGODB_URI when set, else the embedded store in DATA_DIR (default ./data; stop the bot
 * first, the embedded store is single-process). Running bots on MongoDB pick an import up within seconds.
 */
import * as path from 'node:path';
import { AuditLog } from '../models/audit/auditLog';
import { ContentValidationError, formatIssue } from '../models/content';
import { contentDir } from '../models/paths';
import { ContentPublisher } from '../models/publishing/contentPublisher';
import { readContentFolder, writeContentFolder } from '../models/publishing/files';
import type { ContentBundle } from '../models/publishing/types';
import { createStore } from '../models/store/createStore';
import type { StoreConfig } from '../models/store/store';
import { parseCommandLine, runCli, type CliIo } from './cli';

const USAGE = `usage:
  content export <dir>
  content import <dir>
`;

export async function runContent(argv: readonly string[], config: StoreConfig, io: CliIo, now: () => Date = () => new Date()): Promise<number> {
  // no flags: a dash-led word is refused (it is not a folder anyone meant)
  const { positionals, problem } = parseCommandLine(argv, {});
  const [command, dir, ...extra] = positionals;
  if (problem !== undefined || !((command === 'export' || command === 'import') && dir && extra.length === 0)) {
    io.err(`${problem === undefined ? '' : `${problem}\n`}${USAGE}`);
    return 2;
  }
  const folder = path.resolve(dir);

  let bundle: ContentBundle | undefined;
  if (command === 'import') {
    try {
      bundle = readContentFolder(folder);
    } catch (err) {
      if (!(err instanceof ContentValidationError)) throw err;
      for (const issue of err.issues) io.out(`${formatIssue(issue)}\n`);
      io.err(`${err.issues.length} problem(s); nothing imported\n`);
      return 1;
    }
  }

  const store = await createStore(config);
  try {
    const publisher = await ContentPublisher.open(store, { now });
    await publisher.ensureSeeded(() => readContentFolder(contentDir));
    if (command === 'export') {
      const { revision, bundle: published } = await publisher.published();
      writeContentFolder(folder, published);
      io.out(`exported revision ${revision} to ${folder}\n`);
      return 0;
    }
    if (!bundle) return 1;
    const result = await publisher.importBundle(bundle, 'import');
    const audit = await AuditLog.open(store, { now });
    await audit.append({ actor: 'cli', action: 'content.imported', target: 'content', details: { changed: result.changed, revision: result.revision } });
    io.out(`imported: ${result.changed} entr${result.changed === 1 ? 'y' : 'ies'} changed, revision ${result.revision}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

if (require.main === module) runCli('content', runContent);
