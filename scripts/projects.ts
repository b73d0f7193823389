/**
 * Network projects.
 *
 *   npm run projects -- import <file.json>    create or replace projects by id (format: content/projects/README.md)
 *   npm run projects -- list
 *
 * `import` checks every row first: with any bad row it prints each problem ("row 3 (bg-meccanica): provinces
 * unknown_province:XX") and exits with status 1 having written nothing. The store is the app's: MONGODB_URI when
 * set, else the embedded store in DATA_DIR (default ./data), which one process owns at a time: while the bot runs on
 * it, this refuses in one line and changes nothing (use the console).
 */
import * as fs from 'node:fs/promises';
import { parseProjectsFile, importProjects, ProjectRepository } from '../models/projects/projectRepository';
import { createStore } from '../models/store/createStore';
import type { StoreConfig } from '../models/store/store';
import { parseCommandLine, runCli, type CliIo } from './cli';

const USAGE = `usage:
  projects import <file.json>
  projects list
`;

export async function runProjects(argv: readonly string[], config: StoreConfig, io: CliIo, now: () => Date = () => new Date()): Promise<number> {
  // no flags: a dash-led word is refused (it is not a file name anyone meant)
  const { positionals, problem } = parseCommandLine(argv, {});
  const [command, file, ...extra] = positionals;
  if (problem !== undefined || !((command === 'import' && file && extra.length === 0) || (command === 'list' && !file))) {
    io.err(`${problem === undefined ? '' : `${problem}\n`}${USAGE}`);
    return 2;
  }

  let rows: unknown;
  if (command === 'import') {
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch {
      io.err(`cannot read ${file}\n`);
      return 1;
    }
    const parsed = parseProjectsFile(text.replace(/^\uFEFF/, ''));
    if (!parsed.ok) {
      io.err(`${file}: not valid JSON; nothing imported\n`);
      return 1;
    }
    rows = parsed.rows;
  }

  const store = await createStore(config);
  try {
    const projects = await ProjectRepository.open(store);
    if (command === 'list') {
      for (const p of await projects.list()) {
        io.out(`${p._id}\t${p.active ? 'active' : 'inactive'}\t${p.provinces.join(',')}\t${p.sectors.join(',')}\t${p.title}\n`);
      }
      return 0;
    }
    const result = await importProjects(projects, rows, now());
    if (!result.ok) {
      for (const e of result.errors) {
        const where = e.row < 0 ? 'file' : `row ${e.row}${e.id ? ` (${e.id})` : ''}`;
        io.out(`${where}: ${e.field} ${e.reason}\n`);
      }
      io.err(`${result.errors.length} problem(s); nothing imported\n`);
      return 1;
    }
    io.out(`imported ${result.imported} project(s): ${result.ids.join(', ')}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

if (require.main === module) runCli('projects', runProjects);
