import { AccountService, hashToken } from '../../models/accounts/accountService';
import { EmbeddedStore } from '../../models/store/embedded/embeddedStore';
import { runUsers, type CliIo } from '../../scripts/users';
import { tempDir } from '../support/adapters';

const AAD = '6a1f0c52-9d3e-4b7a-8c21-0f5e9d8b7a61';

function capture(): CliIo & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
  return io;
}

describe('scripts/users: Teams linking', () => {
  const now = () => new Date('2026-06-15T10:00:00Z');
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir('users-teams-');
  });
  async function run(...argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
    const io = capture();
    const status = await runUsers(argv, { dataDir: dir }, io, now);
    return { status, stdout: io.stdout, stderr: io.stderr };
  }

  test('add --teams-id links the Teams user; a second account cannot take the same user; a bad id is refused', async () => {
    expect((await run('add', '--name', 'op-anna', '--role', 'operator', '--project', 'esempio-bg-metalmeccanico', '--teams-id', AAD)).status).toBe(0);
    const taken = await run('add', '--name', 'op-altro', '--role', 'operator', '--teams-id', AAD.toUpperCase());
    expect(taken.status).toBe(1);
    expect(taken.stderr).toMatch(/teams_user_already_linked/);
    expect((await run('add', '--name', 'op-bad', '--role', 'operator', '--teams-id', 'nope')).stderr).toMatch(/teamsAadObjectId/);
    expect((await run('list')).stdout).toMatch(new RegExp(`op-anna.*teams:${AAD}`));
    expect((await run('teams', '--name', 'op-anna', '--teams-id', 'none')).stdout).toMatch(/not linked/);
  });

  test('link-code prints a one-time code on the last line; only its hash is stored', async () => {
    await run('add', '--name', 'op-giulia', '--role', 'operator');
    const result = await run('link-code', 'op-giulia');
    expect(result.status).toBe(0);
    const code = result.stdout.trim().split('\n').at(-1) ?? '';
    expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    expect(result.stderr).toMatch(/collega /);
    const store = await EmbeddedStore.open(dir);
    try {
      const raw = await store.collection<{ _id: string; name: string; linkCodeHash?: string }>({ name: 'accounts', indexes: [] });
      const doc = await raw.findOne({ name: 'op-giulia' });
      expect(doc?.linkCodeHash).toBe(hashToken(code.replace('-', '')));
      expect(JSON.stringify(doc)).not.toContain(code);
      const accounts = await AccountService.open(store, { now });
      expect((await accounts.redeemLinkCode(code, { aadObjectId: '11111111-2222-4333-8444-555555555555' })).name).toBe('op-giulia');
      await expect(accounts.redeemLinkCode(code, { aadObjectId: '11111111-2222-4333-8444-666666666666' })).rejects.toThrow(/invalid_link_code/);
    } finally {
      await store.close();
    }
    expect((await run('link-code', 'nobody')).status).toBe(1);
  });
});
