import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { AccountService, hashToken } from '../../models/accounts/accountService';
import { tempStore } from '../leads/fixtures';

describe('AccountService', () => {
  let ctx: Awaited<ReturnType<typeof tempStore>>;
  let accounts: AccountService;
  const now = () => new Date('2025-03-03T09:00:00.000Z');
  const known = new Set(['esempio-bg-metalmeccanico', 'esempio-mi-commercio']);

  beforeAll(async () => {
    ctx = await tempStore('accounts-');
    accounts = await AccountService.open(ctx.store, { now, projects: { exists: async (id) => known.has(id) } });
  });
  afterAll(() => ctx.dispose());

  test('createAccount returns a 32-byte base64url token once and stores only its hash', async () => {
    const { account, token } = await accounts.createAccount({ name: 'op-bergamo', role: 'operator', projectIds: ['esempio-bg-metalmeccanico'] });
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(account).toMatchObject({ name: 'op-bergamo', role: 'operator', projectIds: ['esempio-bg-metalmeccanico'], disabled: false, createdAt: now() });
    expect(account).not.toHaveProperty('tokenHash');
    // close to flush, then read the file: the token itself is nowhere on disk, its sha256 is
    await ctx.store.close();
    const file = await fs.readFile(path.join(ctx.dir, 'accounts.db'), 'utf8');
    expect(file).not.toContain(token);
    expect(file).toContain(hashToken(token));
    const { EmbeddedStore } = await import('../../models/store/embedded/embeddedStore');
    ctx.store = await EmbeddedStore.open(ctx.dir);
    accounts = await AccountService.open(ctx.store, { now, projects: { exists: async (id) => known.has(id) } });
    await expect(accounts.authenticate(token)).resolves.toMatchObject({ name: 'op-bergamo', role: 'operator' });
  });

  test('authenticate: right token, wrong token, malformed token, disabled account, rotated token', async () => {
    const { token } = await accounts.createAccount({ name: 'staff-1', role: 'staff' });
    const who = await accounts.authenticate(token);
    expect(who).toMatchObject({ name: 'staff-1', role: 'staff', projectIds: [] });
    expect(who).not.toHaveProperty('tokenHash');

    const wrong = Buffer.alloc(32, 7).toString('base64url');
    await expect(accounts.authenticate(wrong)).rejects.toMatchObject({ code: 'UNAUTHORIZED', reason: 'invalid_token' });
    await expect(accounts.authenticate('')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(accounts.authenticate(`${token}x`)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(accounts.authenticate(hashToken(token))).rejects.toMatchObject({ code: 'UNAUTHORIZED' });

    await accounts.setDisabled('staff-1', true);
    await expect(accounts.authenticate(token)).rejects.toMatchObject({ code: 'UNAUTHORIZED', reason: 'account_disabled' });
    await accounts.setDisabled('staff-1', false);

    const rotated = await accounts.rotateToken('staff-1');
    await expect(accounts.authenticate(token)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(accounts.authenticate(rotated)).resolves.toMatchObject({ name: 'staff-1' });
    await expect(accounts.rotateToken('nobody')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  test.each([
    [{ name: 'x', role: 'operator' }, 'name'],
    [{ name: 'has space', role: 'operator' }, 'name'],
    [{ name: 'ok-name', role: 'admin' }, 'role'],
    [{ name: 'ok-name', role: 'staff', projectIds: ['esempio-mi-commercio'] }, 'projectIds'],
    [{ name: 'ok-name', role: 'operator', projectIds: ['no-such-project'] }, 'projectIds'],
  ])('%j is a ValidationError on %s', async (input, field) => {
    await expect(accounts.createAccount(input as Parameters<AccountService['createAccount']>[0])).rejects.toMatchObject({ code: 'VALIDATION', field });
  });

  test('names are unique', async () => {
    await accounts.createAccount({ name: 'op-dup', role: 'operator' });
    await expect(accounts.createAccount({ name: 'op-dup', role: 'staff' })).rejects.toMatchObject({ code: 'CONFLICT', reason: 'name_taken' });
    expect((await accounts.list()).filter((a) => a.name === 'op-dup')).toHaveLength(1);
  });
});
