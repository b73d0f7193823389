/** `npm run users` with console passwords (read from standard input), and the password/throttle primitives. */
import { AccountService } from '../../models/accounts/accountService';
import { LoginThrottle } from '../../models/sessions/loginThrottle';
import { defaultConcurrency, PasswordCheckBusyError, PasswordHasher } from '../../models/sessions/passwordHasher';
import { hashPassword, verifyPassword } from '../../models/sessions/passwords';
import { EmbeddedStore } from '../../models/store/embedded/embeddedStore';
import { runUsers, type CliIo } from '../../scripts/users';
import { fixedClock, tempStore, type TempStore } from '../leads/fixtures';

describe('scripts/users with passwords', () => {
  let ctx: TempStore;
  const now = () => new Date('2025-03-03T09:00:00.000Z');
  beforeAll(async () => {
    ctx = await tempStore('users-pw-');
    await ctx.store.close();
  });
  afterAll(async () => {
    ctx.store = await EmbeddedStore.open(ctx.dir);
    await ctx.dispose();
  });

  async function run(stdin: string | undefined, ...argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
    const io: CliIo & { stdout: string; stderr: string } = {
      stdout: '',
      stderr: '',
      out: (t: string) => void (io.stdout += t),
      err: (t: string) => void (io.stderr += t),
      ...(stdin !== undefined ? { readStdin: async () => stdin } : {}),
    };
    const status = await runUsers(argv, { dataDir: ctx.dir }, io, now);
    return { status, stdout: io.stdout, stderr: io.stderr };
  }

  async function withAccounts<T>(use: (accounts: AccountService) => Promise<T>): Promise<T> {
    const store = await EmbeddedStore.open(ctx.dir);
    try {
      return await use(await AccountService.open(store, { now }));
    } finally {
      await store.close();
    }
  }

  test('add --password-stdin: the password from standard input signs in; the token is still the last line', async () => {
    const r = await run('first password ok\n', 'add', '--name', 'op-pw', '--role', 'operator', '--project', 'esempio-bg-metalmeccanico', '--password-stdin');
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[lines.length - 1]).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(r.stdout + r.stderr).not.toContain('first password ok');
    await withAccounts(async (accounts) => {
      await expect(accounts.verifyPassword('op-pw', 'first password ok')).resolves.toMatchObject({ name: 'op-pw' });
      await expect(accounts.verifyPassword('op-pw', 'first password ok\n')).resolves.toBeNull();
      await expect(accounts.authenticate(lines[lines.length - 1])).resolves.toMatchObject({ name: 'op-pw' });
    });
  });

  test('set-password <name> reads standard input; a short one is refused before anything is written', async () => {
    expect((await run('short\n', 'set-password', 'op-pw')).status).toBe(2);
    const r = await run('second password ok\r\n', 'set-password', 'op-pw');
    expect(r.status).toBe(0);
    await withAccounts(async (accounts) => {
      await expect(accounts.verifyPassword('op-pw', 'second password ok')).resolves.toMatchObject({ name: 'op-pw' });
      await expect(accounts.verifyPassword('op-pw', 'first password ok')).resolves.toBeNull();
    });
    expect((await run('third password ok\n', 'set-password', 'nobody-here')).status).toBe(1);
    expect((await run('x', 'list', '--password-stdin')).status).toBe(2);
  });

  test('add without --password-stdin makes an account that cannot sign in to the console', async () => {
    expect((await run(undefined, 'add', '--name', 'api-only', '--role', 'staff')).status).toBe(0);
    await withAccounts(async (accounts) => {
      await expect(accounts.verifyPassword('api-only', '')).resolves.toBeNull();
      expect((await accounts.getByName('api-only')).passwordSetAt).toBeUndefined();
    });
  });
});

describe('password hashing', () => {
  test('scrypt with a random salt: two hashes of one password differ, both verify, nothing else does', async () => {
    const a = await hashPassword('una password lunga');
    const b = await hashPassword('una password lunga');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toContain('una password');
    await expect(verifyPassword('una password lunga', a)).resolves.toBe(true);
    await expect(verifyPassword('una password lunga', b)).resolves.toBe(true);
    await expect(verifyPassword('una password lungA', a)).resolves.toBe(false);
    await expect(verifyPassword('una password lunga', undefined)).resolves.toBe(false);
    await expect(verifyPassword('una password lunga', 'scrypt$garbage')).resolves.toBe(false);
  });
});

describe('LoginThrottle', () => {
  test('limits per key within the window, names the wait, forgets a name on success', () => {
    const clock = fixedClock();
    const throttle = new LoginThrottle({ maxFailures: 3, windowMs: 60_000 }, clock.now);
    for (let i = 0; i < 3; i += 1) {
      expect(throttle.check(['name:a', 'ip:1']).allowed).toBe(true);
      throttle.fail(['name:a', 'ip:1']);
      clock.advance(1000);
    }
    expect(throttle.check(['name:a', 'ip:1'])).toEqual({ allowed: false, retryAfterSeconds: 57 });
    expect(throttle.check(['name:a', 'ip:1'], [3, 10])).toEqual({ allowed: false, retryAfterSeconds: 57 });
    expect(throttle.check(['name:b', 'ip:1'], [3, 10]).allowed).toBe(true);
    clock.advance(57_000);
    expect(throttle.check(['name:a']).allowed).toBe(true);
    throttle.fail(['name:a']);
    throttle.succeed('name:a');
    expect(throttle.check(['name:a']).allowed).toBe(true);
  });
});

describe('LoginThrottle.attempt', () => {
  test('counts the attempt when it is allowed, before any check: the sixth concurrent attempt is refused', () => {
    const clock = fixedClock();
    const throttle = new LoginThrottle({ maxFailures: 5, windowMs: 60_000 }, clock.now);
    const tickets = Array.from({ length: 5 }, () => throttle.attempt(['name:a', 'ip:1'], [5, 20]));
    expect(tickets.every((d) => d.allowed && d.ticket)).toBe(true);
    expect(throttle.attempt(['name:a', 'ip:1'], [5, 20]).allowed).toBe(false);
    // an attempt never checked does not count; a success forgets the name and its own count on the address
    tickets[0].ticket?.cancelled();
    const again = throttle.attempt(['name:a', 'ip:1'], [5, 20]);
    expect(again.allowed).toBe(true);
    again.ticket?.succeeded();
    expect(throttle.attempt(['name:a', 'ip:1'], [5, 20]).allowed).toBe(true);
    // the address still counts the four failures and the attempt just made, not the success
    for (let i = 0; i < 15; i += 1) expect(throttle.attempt([`name:n${i}`, 'ip:1'], [5, 20]).allowed).toBe(true);
    expect(throttle.attempt(['name:other', 'ip:1'], [5, 20]).allowed).toBe(false);
  });
});

describe('PasswordHasher', () => {
  /**
   * The queue, the slots and the rest do not depend on scrypt's cost, only on a run taking a few ms: a cheaper scrypt
   * (2^13, 8 MiB) than production's (2^15) for those two tests, as test/console/signInFlood.test.ts's queue tests do;
   * production's cost is the test after them, "password hashing" above and signInFlood's flood.
   */
  const QUICKER = { N: 2 ** 13, r: 8, p: 1 };

  test('runs at most `concurrency` checks at once, queues up to `maxQueued`, refuses the rest without scrypt', async () => {
    const stored = await new PasswordHasher({ cost: QUICKER }).hash('una password lunga');
    const hasher = new PasswordHasher({ concurrency: 1, maxQueued: 2, busyShare: 1, cost: QUICKER });
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => hasher.verify('una password lunga', stored)));
    expect(results.filter((r) => r.status === 'fulfilled' && r.value === true)).toHaveLength(3);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused).toHaveLength(2);
    for (const r of refused) expect(r.reason).toBeInstanceOf(PasswordCheckBusyError);
    expect(hasher.stats).toEqual({ started: 3, peakRunning: 1, refused: 2 });
    // hashing (staff setting a password) waits however long the queue is
    const hashes = await Promise.all(Array.from({ length: 4 }, () => hasher.hash('una password lunga')));
    expect(hashes).toHaveLength(4);
    expect(hasher.stats.peakRunning).toBe(1);
  });

  test('a slot rests after a run as long as the run took (busyShare 0.5), without delaying that run\'s answer', async () => {
    const stored = await new PasswordHasher({ cost: QUICKER }).hash('una password lunga');
    const hasher = new PasswordHasher({ concurrency: 1, maxQueued: 5, busyShare: 0.5, cost: QUICKER });
    const t0 = performance.now();
    await hasher.verify('una password lunga', stored);
    const first = performance.now() - t0;
    expect(hasher.hasRoom()).toBe(true);
    const t1 = performance.now();
    await hasher.verify('una password lunga', stored);
    // the second waited out the first one's rest (as long as the first took), then ran
    expect(performance.now() - t1).toBeGreaterThan(first);
  });

  test('hashes at its own cost (tests pass a cheaper one), checks any stored cost, and production\'s by default', async () => {
    const cheap = new PasswordHasher({ cost: { N: 2 ** 10, r: 8, p: 1 } });
    const stored = await cheap.hash('una password lunga');
    expect(stored).toMatch(/^scrypt\$1024\$8\$1\$/);
    await expect(cheap.verify('una password lunga', stored)).resolves.toBe(true);
    await expect(new PasswordHasher().verify('una password lunga', stored)).resolves.toBe(true);
    await expect(cheap.verify('una password lunga', undefined)).resolves.toBe(false);
    expect(new PasswordHasher().cost).toEqual({ N: 32768, r: 8, p: 1 });
  });

  test('defaultConcurrency: one scrypt on 2 cores, two from 3 cores on, never more', () => {
    expect([1, 2, 3, 4, 16].map((cores) => defaultConcurrency(cores))).toEqual([1, 1, 2, 2, 2]);
  });
});
