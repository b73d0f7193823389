import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { DocumentCollection } from '../store/collection';
import type { Store } from '../store/store';
import { contentDir } from '../paths';
import { NotFoundError } from '../errors';
import { parseProjectRow, type NetworkProject, type RowError } from './project';

export const PROJECTS_COLLECTION = { name: 'projects', indexes: [{ field: 'active' }], sortIndexes: [{ active: 1 as const, _id: 1 as const }] };

export const SAMPLE_PROJECTS_FILE = path.join(contentDir, 'projects', 'sample-projects.json');

/** Network projects. Few (tens), so lists are read whole and sorted by id. */
export class ProjectRepository {
  private constructor(private readonly docs: DocumentCollection<NetworkProject>) {}

  static async open(store: Store): Promise<ProjectRepository> {
    return new ProjectRepository(await store.collection<NetworkProject>(PROJECTS_COLLECTION));
  }

  list(): Promise<NetworkProject[]> {
    return this.docs.find({}, { sort: { _id: 1 } });
  }

  listActive(): Promise<NetworkProject[]> {
    return this.docs.find({ active: true }, { sort: { _id: 1 } });
  }

  async get(id: string): Promise<NetworkProject> {
    const project = await this.docs.findOne({ _id: id });
    if (!project) throw new NotFoundError('project', id);
    return project;
  }

  async exists(id: string): Promise<boolean> {
    return (await this.docs.count({ _id: id })) > 0;
  }

  count(): Promise<number> {
    return this.docs.count({});
  }

  /** Creates or replaces each project by id. */
  async save(projects: readonly NetworkProject[]): Promise<void> {
    for (const project of projects) await this.docs.upsert(project);
  }

  async setActive(id: string, active: boolean, now: Date): Promise<NetworkProject> {
    const updated = await this.docs.updateOne({ _id: id }, { $set: { active, updatedAt: now } });
    if (!updated) throw new NotFoundError('project', id);
    return updated;
  }
}

export type ImportResult = { ok: true; imported: number; ids: string[] } | { ok: false; errors: RowError[] };

/**
 * Validates every row first and writes only when all are good, so a bad file never leaves a half import.
 * Rows are created or replaced by id (importing the same file twice changes nothing). A storage failure in the
 * middle of the writes can still leave a prefix written; running the import again completes it.
 */
export async function importProjects(repository: ProjectRepository, rows: unknown, now: Date): Promise<ImportResult> {
  if (!Array.isArray(rows)) return { ok: false, errors: [{ row: -1, field: '(file)', reason: 'not_a_list_of_projects' }] };
  if (rows.length === 0) return { ok: false, errors: [{ row: -1, field: '(file)', reason: 'empty' }] };
  const errors: RowError[] = [];
  const projects: NetworkProject[] = [];
  const seen = new Map<string, number>();
  (rows as unknown[]).forEach((row, index) => {
    const checked = parseProjectRow(row, index, now);
    if (!checked.ok) {
      errors.push(...checked.errors);
      return;
    }
    const first = seen.get(checked.project._id);
    if (first !== undefined) {
      errors.push({ row: index, id: checked.project._id, field: 'id', reason: `duplicate_of_row:${first}` });
      return;
    }
    seen.set(checked.project._id, index);
    projects.push(checked.project);
  });
  if (errors.length > 0) return { ok: false, errors };
  await repository.save(projects);
  return { ok: true, imported: projects.length, ids: projects.map((p) => p._id) };
}

/** Parses an import file's text; a JSON error becomes a file-level RowError. */
export function parseProjectsFile(text: string): { ok: true; rows: unknown } | { ok: false; errors: RowError[] } {
  try {
    return { ok: true, rows: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, errors: [{ row: -1, field: '(file)', reason: 'invalid_json' }] };
  }
}

export interface SeedOptions {
  /**
   * Write the samples active (a demo or test installation that wants referrals matched end to end). By default they
   * stay as the file says, inactive: no call of the measure is known to be open, so no worker is told a sample
   * project will contact them; staff activate a project when it is real (PATCH /api/projects/:id or an import).
   */
  activate?: boolean;
  file?: string;
}

/**
 * On first start (no project at all), loads the bundled [ESEMPIO] projects so staff can see what a project looks
 * like and try the flow. Returns how many were written (0 when projects already exist). Seeding twice at once is
 * harmless (upserts).
 */
export async function seedSampleProjects(repository: ProjectRepository, now: Date, options: SeedOptions = {}): Promise<number> {
  if ((await repository.count()) > 0) return 0;
  const file = options.file ?? SAMPLE_PROJECTS_FILE;
  const parsed = parseProjectsFile(await fs.readFile(file, 'utf8'));
  const activated = (rows: unknown): unknown => (Array.isArray(rows) ? rows.map((row: unknown) => (typeof row === 'object' && row !== null ? { ...row, active: true } : row)) : rows);
  const result = parsed.ok ? await importProjects(repository, options.activate ? activated(parsed.rows) : parsed.rows, now) : parsed;
  if (!result.ok) {
    const first = result.errors[0];
    throw new Error(`invalid sample projects in ${file}: row ${first.row} ${first.field} ${first.reason}`);
  }
  return result.imported;
}
