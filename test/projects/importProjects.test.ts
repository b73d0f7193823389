import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { LOMBARDY_PROVINCES, SECTORS, parseProjectRow } from '../../models/projects/project';
import { ProjectRepository, SAMPLE_PROJECTS_FILE, importProjects, seedSampleProjects } from '../../models/projects/projectRepository';
import { tempStore } from '../leads/fixtures';

const NOW = new Date('2025-03-03T09:00:00.000Z');

const row = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: 'bg-meccanica',
  title: '[ESEMPIO] Meccanica bergamasca',
  leadPartner: 'Ente di esempio',
  provinces: ['BG'],
  sectors: ['metalmeccanico'],
  firms: ['Officine Esempio S.r.l.'],
  contact: { email: 'contatto-esempio@example.org' },
  ...over,
});

describe('parseProjectRow', () => {
  test('a good row, normalised, with defaults', () => {
    const result = parseProjectRow(row({ provinces: ['bg', 'BG', 'BS'], sectors: ['Metalmeccanico'], contact: { phone: '035 123456' } }), 0, NOW);
    expect(result).toEqual({
      ok: true,
      project: {
        _id: 'bg-meccanica',
        title: '[ESEMPIO] Meccanica bergamasca',
        leadPartner: 'Ente di esempio',
        provinces: ['BG', 'BS'],
        sectors: ['metalmeccanico'],
        firms: ['Officine Esempio S.r.l.'],
        contact: { phone: '+39035123456' },
        active: true,
        sample: false,
        updatedAt: NOW,
      },
    });
  });

  test.each([
    [{ id: undefined }, 'id', 'required'],
    [{ id: 'Has Spaces' }, 'id', 'invalid_format'],
    [{ title: 'ab' }, 'title', 'too_short'],
    [{ title: 42 }, 'title', 'not_a_string'],
    [{ leadPartner: '' }, 'leadPartner', 'required'],
    [{ provinces: [] }, 'provinces', 'required'],
    [{ provinces: ['RM'] }, 'provinces', 'unknown_province:RM'],
    [{ provinces: 'BG' }, 'provinces', 'not_a_list'],
    [{ sectors: ['bancario'] }, 'sectors', 'unknown_sector:bancario'],
    [{ firms: [1] }, 'firms', 'not_a_list_of_strings'],
    [{ firms: ['x'] }, 'firms', 'invalid_firm_name'],
    [{ contact: {} }, 'contact', 'email_phone_or_website_required'],
    [{ contact: { email: 'nope' } }, 'contact.email', 'invalid_syntax'],
    [{ contact: { website: 'http://example.org' } }, 'contact.website', 'not_an_https_url'],
    [{ contact: { fax: '02 123' } }, 'contact.fax', 'unknown_field'],
    [{ active: 'yes' }, 'active', 'not_a_boolean'],
    [{ colour: 'blue' }, 'colour', 'unknown_field'],
  ])('%j -> %s %s', (over, field, reason) => {
    const result = parseProjectRow(row(over), 4, NOW);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toContainEqual(expect.objectContaining({ row: 4, field, reason }));
  });

  test('not an object', () => {
    expect(parseProjectRow('x', 2, NOW)).toEqual({ ok: false, errors: [{ row: 2, field: '(row)', reason: 'not_an_object' }] });
  });
});

describe('importProjects and seedSampleProjects', () => {
  let ctx: Awaited<ReturnType<typeof tempStore>>;
  let repo: ProjectRepository;

  beforeAll(async () => {
    ctx = await tempStore('projects-');
    repo = await ProjectRepository.open(ctx.store);
  });
  afterAll(() => ctx.dispose());

  test('one bad row: every problem reported, nothing written', async () => {
    const result = await importProjects(
      repo,
      [row({ id: 'good-one' }), row({ id: 'bad-one', provinces: ['XX'], contact: {} }), row({ id: 'good-one' })],
      NOW,
    );
    expect(result).toEqual({
      ok: false,
      errors: [
        { row: 1, id: 'bad-one', field: 'provinces', reason: 'unknown_province:XX' },
        { row: 1, id: 'bad-one', field: 'contact', reason: 'email_phone_or_website_required' },
        { row: 2, id: 'good-one', field: 'id', reason: 'duplicate_of_row:0' },
      ],
    });
    expect(await repo.count()).toBe(0);
  });

  test.each([[{}], [[]], ['text']])('a file that is not a list of projects (%j) writes nothing', async (rows) => {
    expect((await importProjects(repo, rows, NOW)).ok).toBe(false);
    expect(await repo.count()).toBe(0);
  });

  test('seeding loads the samples once, only into an empty collection', async () => {
    const seeded = await seedSampleProjects(repo, NOW);
    expect(seeded).toBeGreaterThanOrEqual(12);
    expect(await repo.count()).toBe(seeded);
    expect(await seedSampleProjects(repo, NOW)).toBe(0);
  });

  test('the samples are seeded inactive unless asked to be active (no call is known to be open)', async () => {
    for (const activate of [false, true]) {
      const other = await tempStore('projects-seed-');
      try {
        const projects = await ProjectRepository.open(other.store);
        await seedSampleProjects(projects, NOW, activate ? { activate } : {});
        const all = await projects.list();
        expect(all.length).toBeGreaterThanOrEqual(12);
        expect(all.every((p) => p.sample && p.active === activate)).toBe(true);
        expect(await projects.listActive()).toHaveLength(activate ? all.length : 0);
      } finally {
        await other.dispose();
      }
    }
  });

  test('importing creates or replaces by id; deactivating hides a project from matching', async () => {
    const before = await repo.count();
    const result = await importProjects(repo, [row({ id: 'esempio-bg-metalmeccanico', active: false }), row({ id: 'nuovo-progetto' })], NOW);
    expect(result).toEqual({ ok: true, imported: 2, ids: ['esempio-bg-metalmeccanico', 'nuovo-progetto'] });
    expect(await repo.count()).toBe(before + 1);
    expect((await repo.get('esempio-bg-metalmeccanico')).active).toBe(false);
    expect((await repo.listActive()).map((p) => p._id)).not.toContain('esempio-bg-metalmeccanico');
    await expect(repo.get('missing')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(repo.setActive('esempio-bg-metalmeccanico', true, NOW)).resolves.toMatchObject({ active: true });
  });
});

describe('content/projects/sample-projects.json', () => {
  test('clearly labelled samples covering every province of Lombardy and several sectors', async () => {
    const rows = JSON.parse(await fs.readFile(SAMPLE_PROJECTS_FILE, 'utf8')) as unknown[];
    const projects = rows.map((r, i) => {
      const result = parseProjectRow(r, i, NOW);
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      return result.project;
    });
    for (const p of projects) {
      expect(p.title.startsWith('[ESEMPIO]')).toBe(true);
      expect(p.sample).toBe(true);
      expect(p.contact.email ?? 'x@example.org').toMatch(/@example\.org$/);
      if (p.contact.website) expect(new URL(p.contact.website).hostname).toBe('example.org');
      expect(p.contact.phone).toBeUndefined();
    }
    const provinces = new Set(projects.flatMap((p) => p.provinces));
    expect([...LOMBARDY_PROVINCES].filter((code) => !provinces.has(code))).toEqual([]);
    const sectors = new Set(projects.flatMap((p) => p.sectors));
    for (const s of ['metalmeccanico', 'tessile', 'commercio', 'logistica', 'chimico', 'alimentare']) expect(sectors).toContain(s);
    expect([...sectors].every((s) => (SECTORS as readonly string[]).includes(s))).toBe(true);
    expect(path.basename(SAMPLE_PROJECTS_FILE)).toBe('sample-projects.json');
  });
});
