import { AccountService } from '../../models/accounts/accountService';
import { EmbeddedStore } from '../../models/store/embedded/embeddedStore';
import { runUsers, type CliIo } from '../../scripts/users';
import { tempStore, type TempStore } from '../leads/fixtures';
import { startTestBot } from '../support/botServer';
import { runCliProcess } from '../support/cliProcess';

function capture(): CliIo & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
  return io;
}

describe('scripts/users', () => {
  let ctx: TempStore;
  const now = () => new Date('2025-03-03T09:00:00.000Z');

  beforeAll(async () => {
    ctx = await tempStore('users-cli-');
    await ctx.store.close(); // the CLI opens the folder itself
  });
  afterAll(async () => {
    ctx.store = await EmbeddedStore.open(ctx.dir);
    await ctx.dispose();
  });

  async function run(...argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
    const io = capture();
    const status = await runUsers(argv, { dataDir: ctx.dir }, io, now);
    return { status, stdout: io.stdout, stderr: io.stderr };
  }

  test('add prints only the token on the last line of stdout; the token authenticates', async () => {
    const r = await run('add', '--name', 'op-bg', '--role', 'operator', '--project', 'esempio-bg-metalmeccanico');
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[lines.length - 1]).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(r.stderr).toContain('created operator account "op-bg"');

    const store = await EmbeddedStore.open(ctx.dir);
    try {
      const accounts = await AccountService.open(store, { now });
      await expect(accounts.authenticate(lines[lines.length - 1])).resolves.toMatchObject({ name: 'op-bg', projectIds: ['esempio-bg-metalmeccanico'] });
    } finally {
      await store.close();
    }
  });

  test('list, rotate, disable', async () => {
    expect((await run('add', '--name', 'staff-a', '--role', 'staff')).status).toBe(0);
    const listed = await run('list');
    expect(listed.stdout).toContain('op-bg\toperator\tactive\tesempio-bg-metalmeccanico');
    expect(listed.stdout).toContain('staff-a\tstaff\tactive');
    const rotated = await run('rotate', '--name', 'staff-a');
    expect(rotated.stdout.trim()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await run('disable', '--name', 'staff-a')).stdout).toBe('staff-a disabled\n');
  });

  test.each([
    [['add', '--name', 'x-y'], 2, '--role must be operator or staff'],
    [['add', '--role', 'staff'], 2, '--name is required'],
    [['frobnicate'], 2, 'unknown command'],
    [['add', '--name'], 2, '--name needs a value'],
    [['add', '--name', 'op-bg', '--role', 'staff'], 1, 'name_taken'],
    [['add', '--name', 'op-x', '--role', 'operator', '--project', 'no-such'], 1, 'unknown_project:no-such'],
    [['disable', '--name', 'ghost'], 1, 'not found'],
  ])('%j -> exit %d (%s), no token printed', async (argv, status, message) => {
    const r = await run(...argv);
    expect(r.status).toBe(status);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
  });

  test('while the bot runs on the folder: one line naming the bot and the console, exit 1, never "created"; nothing lost', async () => {
    const bot = await startTestBot({ DATA_DIR: ctx.dir });
    let r;
    try {
      r = await runCliProcess('users', ['add', '--name', 'late-staff', '--role', 'staff'], { DATA_DIR: ctx.dir });
      // the bot still serves its accounts, and knows nothing of the refused one
      await expect(bot.domain.accounts.list()).resolves.not.toContainEqual(expect.objectContaining({ name: 'late-staff' }));
    } finally {
      await bot.stop();
    }
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`users: the bot (pid ${process.pid}) is using ${ctx.dir}: add or change accounts in the console (/console, as staff; with no staff account yet, open the one-time link the bot printed at start), or stop the bot first. Nothing was changed.\n`);
    expect(r.stderr).not.toMatch(/created/);

    // with the bot stopped the CLI works, and the bot started afterwards accepts the new token
    const added = await run('add', '--name', 'late-staff', '--role', 'staff');
    expect(added.status).toBe(0);
    const token = added.stdout.trim().split('\n').at(-1) ?? '';
    const again = await startTestBot({ DATA_DIR: ctx.dir });
    try {
      const response = await fetch(`${again.url}/api/projects`, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status).toBe(200);
    } finally {
      await again.stop();
    }
  }, 90000);
});
