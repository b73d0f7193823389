import { AccountService } from '../../models/accounts/accountService';
import { EmbeddedStore } from '../../models/store/embedded/embeddedStore';
import { runUsers, type CliIo } from '../../scripts/users';
import { tempStore, type TempStore } from '../leads/fixtures';

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
});
