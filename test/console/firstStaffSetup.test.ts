/**
 * The first staff account from the one-time link the bot prints at start, through the real server: on the embedded
 * store always, and on MongoDB (CI: FerretDB) when MONGODB_URI is set. The link is read from what the bot writes to
 * standard output; the bot's clock is injected, so expiry is tested without waiting an hour.
 */
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { MongoClient, type Db } from 'mongodb';
import type { RunningBot } from '../../bot/index';
import type { Logger } from '../../models/logger';
import { call, type ApiBot, type ErrorBody } from '../api/helpers';
import { fixedClock } from '../leads/fixtures';
import { startTestBot } from '../support/botServer';
import { login, PASSWORD } from './helpers';

const LINK = /^ {2}(http:\/\/127\.0\.0\.1:\d+\/console\/setup)#([A-Za-z0-9_-]{43})$/m;

interface LogEntry {
  level: string;
  obj: object;
  msg?: string;
}

/** A logger that keeps what it is given, to show that no token reaches it. */
function recordingLogger(entries: LogEntry[]): Logger {
  const logger: Logger = {
    debug: (obj, msg) => void entries.push({ level: 'debug', obj, msg }),
    info: (obj, msg) => void entries.push({ level: 'info', obj, msg }),
    warn: (obj, msg) => void entries.push({ level: 'warn', obj, msg }),
    error: (obj, msg) => void entries.push({ level: 'error', obj, msg }),
    child: () => logger,
  };
  return logger;
}

interface Started {
  api: ApiBot;
  /** what the bot wrote to standard output while starting */
  printed: string;
  logs: LogEntry[];
  /** the printed link, when there was one */
  link?: { url: string; token: string };
}

type Backend = {
  name: string;
  /** the store of a test's first start */
  env: () => Promise<Record<string, string>>;
  /** after a test, its bots stopped: what the next test starts on holds nothing of it */
  reset: () => Promise<void>;
  /** after the file */
  end: () => Promise<void>;
};

const embedded: Backend = {
  name: 'embedded',
  // a new data folder per test: a new installation
  env: async () => ({ DATA_DIR: await fs.mkdtemp(path.join(os.tmpdir(), 'adr-setup-')) }),
  reset: async () => undefined,
  end: async () => undefined,
};

/** the published content's collections: what a new installation seeds and this file is not about */
const CONTENT = /^content_/;

/**
 * One database for the file: seeding a new database with the bundled content is 441 inserts, seconds on FerretDB,
 * and this file starts the bot ten times. After each test every collection but the content's is emptied (accounts,
 * setup links, sessions, audit, leases...), so each test starts on an installation where everything this file is
 * about is new: no account, no link, no audit entry.
 */
function mongoBackend(): Backend {
  const url = new URL(process.env.MONGODB_URI as string);
  url.pathname = `/adr_setup_${process.pid}_${Date.now()}`;
  const uri = url.toString();
  const withDb = async (work: (db: Db) => Promise<void>): Promise<void> => {
    const client = await MongoClient.connect(uri);
    try {
      await work(client.db());
    } finally {
      await client.close();
    }
  };
  return {
    name: 'mongodb',
    env: async () => ({ MONGODB_URI: uri }),
    reset: () =>
      withDb(async (db) => {
        // emptied, not dropped: FerretDB does not forget a dropped collection's indexes, and refuses to create them again
        for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray()) if (!CONTENT.test(name)) await db.collection(name).deleteMany({});
      }),
    end: () => withDb(async (db) => void (await db.dropDatabase())),
  };
}

const backends: Array<[string, Backend]> = [['embedded', embedded]];
if (process.env.MONGODB_URI) backends.push(['mongodb', mongoBackend()]);
else test.skip('first staff setup on MongoDB (skipped: set MONGODB_URI, e.g. eval "$(bash ../shared/tools/ferretdb start)")', () => undefined);

describe.each(backends)('the first staff account from the printed link (%s store)', (backendName, backend) => {
  // On MongoDB, what its store decides: the hash it keeps, the link used once, the race of five tabs. Input checks,
  // expiry by the injected clock and a new link per start are the same code on either store (the store contract
  // suite shows both adapters alike): run on the embedded one only, which keeps 9 bot starts on FerretDB out of CI.
  const codeDecides = (title: string, fn: () => Promise<void>, timeout?: number): void => {
    if (backendName === 'embedded') test(title, fn, timeout);
  };
  let env: Record<string, string>;
  const clock = fixedClock('2025-03-03T09:00:00.000Z');
  const running: RunningBot[] = [];

  /** Starts the bot on this test's store, catching its standard output (LOG_LEVEL=info: it prints). */
  async function startBot(): Promise<Started> {
    const logs: LogEntry[] = [];
    const chunks: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString());
      return true;
    });
    let bot: RunningBot;
    try {
      bot = await startTestBot({ ...env, LOG_LEVEL: 'info' }, { clock: clock.now, logger: recordingLogger(logs) });
    } finally {
      spy.mockRestore();
    }
    running.push(bot);
    const printed = chunks.join('');
    const match = LINK.exec(printed);
    return { api: { bot, url: bot.url, clock }, printed, logs, ...(match ? { link: { url: `${match[1]}#${match[2]}`, token: match[2] } } : {}) };
  }

  async function stop(started: Started): Promise<void> {
    await started.api.bot.stop();
    running.splice(running.indexOf(started.api.bot), 1);
  }

  const setUp = (api: ApiBot, token: string, name: string, password = PASSWORD, displayName = 'Anna Bianchi') =>
    call<{ name: string; role: string; csrfToken: string } & Partial<ErrorBody>>(api, 'POST', '/console/api/setup', undefined, { token, name, displayName, password });
  const check = (api: ApiBot, token: string) => call<{ expiresAt: string } & Partial<ErrorBody>>(api, 'POST', '/console/api/setup/check', undefined, { token });
  const staffCount = async (api: ApiBot) => (await api.bot.domain.accounts.list()).filter((a) => a.role === 'staff').length;

  beforeEach(async () => {
    env = await backend.env();
  });
  afterEach(async () => {
    for (const bot of running.splice(0)) await bot.stop();
    await backend.reset();
  });
  afterAll(async () => {
    await backend.end();
  });

  test('a first start prints the link once, on standard output only; the store keeps its hash, the logger no token', async () => {
    const started = await startBot();
    expect(started.link).toBeDefined();
    const { token } = started.link!;
    expect(started.printed.split('\n').filter((line) => line.includes(token))).toHaveLength(1);
    expect(started.printed).toMatch(/No staff account yet\. Create the first one in the console: open this link within 60 minutes \(it works once\)/);
    // the logger says a link was printed, and when it expires, without the token
    expect(JSON.stringify(started.logs)).not.toContain(token);
    expect(started.logs).toContainEqual({ level: 'warn', obj: { expiresAt: '2025-03-03T10:00:00.000Z' }, msg: expect.stringMatching(/no active staff account: open the one-time setup link printed on standard output/) });
    const docs = await (await started.api.bot.store.collection<{ _id: string }>({ name: 'setup_links', indexes: [] })).find({});
    expect(docs).toHaveLength(1);
    expect(JSON.stringify(docs)).not.toContain(token);
    expect((await check(started.api, token)).body).toEqual({ expiresAt: '2025-03-03T10:00:00.000Z' });
  }, 60000);

  test('the link works once: it makes a staff account, signs the person in and is audited; a second use is 410', async () => {
    const { api, link } = await startBot();
    const made = await setUp(api, link!.token, 'staff-first');
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ name: 'staff-first', role: 'staff', projectIds: [] });
    const cookie = (made.headers.get('set-cookie') ?? '').split(';')[0];
    expect(cookie).toMatch(/^adr_session=[A-Za-z0-9_-]{43}$/);
    const me = await call<{ name: string; role: string }>(api, 'GET', '/console/api/me', undefined, undefined, { cookie });
    expect(me.body).toMatchObject({ name: 'staff-first', role: 'staff' });
    expect(await api.bot.domain.accounts.getByName('staff-first')).toMatchObject({ role: 'staff', displayName: 'Anna Bianchi', disabled: false });
    // the password set in the form signs in
    expect((await login(api, 'staff-first')).status).toBe(200);
    const audit = await api.bot.domain.audit.list({ action: 'account.created' }, { limit: 10 });
    expect(audit.items).toEqual([expect.objectContaining({ actor: 'staff-first', target: 'account:staff-first', details: { role: 'staff', via: 'first_staff_setup_link', consoleSignIn: true } })]);
    expect(JSON.stringify(audit.items)).not.toContain(link!.token);

    const again = await setUp(api, link!.token, 'staff-second');
    expect(again.status).toBe(410);
    expect(again.body.error).toEqual({ code: 'GONE', reason: 'setup_link_used' });
    expect((await check(api, link!.token)).body.error?.reason).toBe('setup_link_used');
    expect(await staffCount(api)).toBe(1);
  }, 60000);

  codeDecides('a bad name or password leaves the link working; a made-up token is 410', async () => {
    const { api, link } = await startBot();
    const short = await setUp(api, link!.token, 'staff-first', 'too short');
    expect(short.status).toBe(400);
    expect(short.body.error).toMatchObject({ reason: 'too_short:min_12', field: 'password' });
    const badName = await setUp(api, link!.token, 'no spaces allowed');
    expect(badName.status).toBe(400);
    expect(badName.body.error).toMatchObject({ reason: 'invalid_format', field: 'name' });
    // an operator already has the name: 409, and the link still works
    await api.bot.domain.accounts.createAccount({ name: 'op-taken', role: 'operator', projectIds: [] });
    const taken = await setUp(api, link!.token, 'op-taken');
    expect(taken.status).toBe(409);
    expect(taken.body.error?.reason).toBe('name_taken');
    expect((await setUp(api, link!.token, 'staff-first')).status).toBe(201);

    const madeUp = await setUp(api, 'A'.repeat(43), 'staff-other');
    expect(madeUp.status).toBe(410);
    expect(madeUp.body.error?.reason).toBe('setup_link_unknown');
    expect((await check(api, 'not-a-token')).status).toBe(410);
  }, 60000);

  codeDecides('after an hour the link is expired: 410, and no account is made', async () => {
    const { api, link } = await startBot();
    clock.advance(59 * 60 * 1000);
    expect((await check(api, link!.token)).status).toBe(200);
    clock.advance(60 * 1000);
    const late = await setUp(api, link!.token, 'staff-late');
    expect(late.status).toBe(410);
    expect(late.body.error?.reason).toBe('setup_link_expired');
    expect((await check(api, link!.token)).body.error?.reason).toBe('setup_link_expired');
    expect(await staffCount(api)).toBe(0);
  }, 60000);

  test('two (or five) tabs sending the form at once make one account; the others are told the link was used', async () => {
    const { api, link } = await startBot();
    const answers = await Promise.all(['tab-1', 'tab-2', 'tab-3', 'tab-4', 'tab-5'].map((name) => setUp(api, link!.token, `staff-${name}`)));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 410, 410, 410, 410]);
    for (const a of answers.filter((x) => x.status === 410)) expect(a.body.error?.reason).toBe('setup_link_used');
    expect(await staffCount(api)).toBe(1);
    expect((await api.bot.domain.audit.list({ action: 'account.created' }, { limit: 10 })).items).toHaveLength(1);
  }, 60000);

  codeDecides('each start without a staff account prints a new link (the old one stops working); with one, nothing is printed', async () => {
    const first = await startBot();
    await stop(first);
    const second = await startBot();
    expect(second.link).toBeDefined();
    expect(second.link!.token).not.toBe(first.link!.token);
    expect((await setUp(second.api, first.link!.token, 'staff-old-link')).body.error?.reason).toBe('setup_link_unknown');
    expect((await setUp(second.api, second.link!.token, 'staff-first')).status).toBe(201);
    await stop(second);

    const third = await startBot();
    expect(third.link).toBeUndefined();
    expect(third.printed).not.toContain('/console/setup');
    expect(third.logs.filter((entry) => /setup link/.test(entry.msg ?? ''))).toEqual([]);
    expect((await check(third.api, second.link!.token)).body.error?.reason).toBe('setup_link_used');
    // a staff account disabled leaves none active: the next start offers a link again
    await third.api.bot.domain.accounts.setDisabled('staff-first', true);
    await stop(third);
    const fourth = await startBot();
    expect(fourth.link).toBeDefined();
  }, 120000);
});
