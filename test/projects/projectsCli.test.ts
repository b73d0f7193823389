import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { ProjectRepository } from '../../models/projects/projectRepository';
import { EmbeddedStore } from '../../models/store/embedded/embeddedStore';
import { runProjects } from '../../scripts/projects';
import { tempStore, type TempStore } from '../leads/fixtures';
import { startTestBot } from '../support/botServer';
import { runCliProcess } from '../support/cliProcess';

describe('scripts/projects', () => {
  let ctx: TempStore;
  const now = () => new Date('2025-03-03T09:00:00.000Z');

  beforeAll(async () => {
    ctx = await tempStore('projects-cli-');
    await ctx.store.close();
  });
  afterAll(async () => {
    ctx.store = await EmbeddedStore.open(ctx.dir);
    await ctx.dispose();
  });

  async function run(...argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
    const io = { stdout: '', stderr: '', out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
    const status = await runProjects(argv, { dataDir: ctx.dir }, io, now);
    return { status, stdout: io.stdout, stderr: io.stderr };
  }

  async function count(): Promise<number> {
    const store = await EmbeddedStore.open(ctx.dir);
    try {
      return await (await ProjectRepository.open(store)).count();
    } finally {
      await store.close();
    }
  }

  const good = {
    id: 'lc-meccanica',
    title: 'Meccanica lecchese',
    leadPartner: 'Ente',
    provinces: ['LC'],
    sectors: ['metalmeccanico'],
    firms: [],
    contact: { website: 'https://example.org/lc' },
  };

  test('a file with a bad row: problems on stdout, exit 1, nothing imported', async () => {
    const file = path.join(ctx.dir, 'bad.json');
    await fs.writeFile(file, JSON.stringify([good, { ...good, id: 'lc-2', sectors: ['finanza'] }]));
    const r = await run('import', file);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('row 1 (lc-2): sectors unknown_sector:finanza\n');
    expect(r.stderr).toContain('nothing imported');
    expect(await count()).toBe(0);
  });

  test('invalid JSON and a missing file', async () => {
    const file = path.join(ctx.dir, 'broken.json');
    await fs.writeFile(file, '[{"id": ');
    expect((await run('import', file)).status).toBe(1);
    expect((await run('import', path.join(ctx.dir, 'missing.json'))).status).toBe(1);
    expect((await run('import')).status).toBe(2);
    expect(await count()).toBe(0);
  });

  test('a good file (with a BOM) is imported, then listed', async () => {
    const file = path.join(ctx.dir, 'good.json');
    await fs.writeFile(file, `\uFEFF${JSON.stringify([good])}`);
    const r = await run('import', file);
    expect(r).toMatchObject({ status: 0, stdout: 'imported 1 project(s): lc-meccanica\n' });
    expect((await run('list')).stdout).toBe('lc-meccanica\tactive\tLC\tmetalmeccanico\tMeccanica lecchese\n');
  });

  test('while the bot runs on the folder: refused in one line pointing to the console; nothing imported', async () => {
    const file = path.join(ctx.dir, 'while-running.json');
    await fs.writeFile(file, JSON.stringify([{ ...good, id: 'lc-running' }]));
    const bot = await startTestBot({ DATA_DIR: ctx.dir });
    let r;
    try {
      r = await runCliProcess('projects', ['import', file], { DATA_DIR: ctx.dir });
      expect(await bot.domain.projects.exists('lc-running')).toBe(false);
    } finally {
      await bot.stop();
    }
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`projects: the bot (pid ${process.pid}) is using ${ctx.dir}: add or import projects in the console (/console, as staff), or stop the bot first. Nothing was changed.\n`);
    expect((await run('list')).stdout).not.toContain('lc-running');
  }, 90000);
});
