/**
 * A full disk under the running bot (the embedded store's file system is the system edge the test controls): the
 * worker is told their request was not completed and sees no reference; an erasure that cannot be written is not
 * applied; the API answers 503 STORE_UNAVAILABLE and keeps nothing; /readyz is 503 until the disk takes writes
 * again, then 200 by itself; what is confirmed afterwards survives a restart intact. And a damaged line found at
 * start: quarantined, logged, reported by /readyz until staff acknowledge it.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { RunningBot } from '../../bot/index';
import { tempDir } from '../support/adapters';
import { Chat, startTestBot } from '../support/botServer';
import { FailingDisk, recordingLogger } from '../support/failingDisk';
import { BG_PROJECT, call, referral, startApiBot, tokenFor, type ErrorBody } from '../api/helpers';

const NOW = new Date('2026-06-15T10:00:00Z');
const REFERENCE = /AR-[2-9A-HJ-NP-Z]{5}/;

async function readiness(bot: { url: string }): Promise<{ status: number; body: { status: string; quarantined?: unknown } }> {
  const response = await fetch(`${bot.url}/readyz`);
  return { status: response.status, body: (await response.json()) as { status: string; quarantined?: unknown } };
}

/** A worker in Bergamo who passes the pre-check, consents and gives their contacts: the summary is on screen. */
async function upToConfirmation(chat: Chat): Promise<void> {
  await chat.join();
  for (const line of ['Posso partecipare?', 'Treviglio', 'Cassa integrazione straordinaria', 'Lavoro ancora lì, ma rischio di perdere il posto', 'Sì, sono previsti esuberi', 'Rossi Meccanica srl', 'Metalmeccanico']) await chat.say(line);
  expect(await chat.sayText('Voglio essere ricontattato')).toMatch(/Acconsenti/);
  await chat.say('Acconsento');
  await chat.say('Mario Rossi');
  await chat.say('chiamami al 333 123 4567');
  expect(await chat.sayText('Pomeriggio')).toMatch(/Mario Rossi/);
}

describe('a full disk under the running bot (embedded store)', () => {
  const disk = new FailingDisk();
  let dir: string;
  let bot: RunningBot | undefined;

  beforeAll(async () => {
    dir = await tempDir('adr-full-disk-');
  });
  afterAll(async () => {
    await bot?.stop();
    await fs.rm(dir, { recursive: true, force: true });
  });

  const start = async (): Promise<RunningBot> => (bot = await startTestBot({ DATA_DIR: dir }, { clock: () => NOW, storeFiles: disk }));

  test('a referral confirmed while the disk is full: told it was not completed, no reference, 503 readiness; after the disk recovers, the retry is kept across a restart', async () => {
    let running = await start();
    const chat = new Chat(running);
    await upToConfirmation(chat);
    expect((await readiness(running)).status).toBe(200);

    disk.full = true;
    // the worst case: the torn half-line cannot even be cut off
    disk.failTruncate = true;
    const refused = await chat.sayText('Conferma');
    expect(refused).toMatch(/non riesco a salvare i dati[\s\S]*non è stata completata/);
    expect(refused).not.toMatch(REFERENCE);
    expect((await running.domain.leads.list({ role: 'staff' }, {}, { limit: 10 })).items).toHaveLength(0);
    expect(await readiness(running)).toEqual({ status: 503, body: expect.objectContaining({ status: 'unavailable' }) });
    expect((await readiness(running)).status).toBe(503);

    disk.full = false;
    disk.failTruncate = false;
    // nothing else writes in between: readiness comes back through the probe alone
    expect(await readiness(running)).toEqual({ status: 200, body: expect.objectContaining({ status: 'ready' }) });
    const done = await chat.sayText('Conferma');
    const reference = REFERENCE.exec(done)?.[0];
    expect(reference).toBeDefined();

    await running.stop();
    running = await start();
    const lead = await running.domain.leads.getByReference(reference ?? '');
    expect(lead).toMatchObject({ status: 'new', contact: { name: 'Mario Rossi', phone: '+393331234567' } });
    expect((await running.domain.leads.list({ role: 'staff' }, {}, { limit: 10 })).items).toHaveLength(1);
    expect((await readiness(running)).body.quarantined).toBeUndefined();

    // "cancella i miei dati" while the disk is full: told it was not completed, and nothing is erased
    const again = new Chat(running, { userId: chat.userId, conversationId: chat.conversationId });
    expect(await again.sayText('cancella i miei dati')).toMatch(/Vuoi davvero cancellare/);
    disk.full = true;
    const notErased = await again.sayText('Sì, cancella');
    expect(notErased).toMatch(/non è stata completata/);
    expect(notErased).not.toMatch(/ho cancellato/);
    disk.full = false;
    expect((await running.domain.leads.getByReference(reference ?? ''))?.contact).toMatchObject({ name: 'Mario Rossi' });
    await running.stop();
    running = await start();
    expect((await running.domain.leads.getByReference(reference ?? ''))?.contact).toMatchObject({ name: 'Mario Rossi' });
    // and once the disk works, asking again erases
    const third = new Chat(running, { userId: chat.userId, conversationId: chat.conversationId });
    expect(await third.sayText('cancella i miei dati')).toMatch(/Vuoi davvero cancellare/);
    expect(await third.sayText('Sì, cancella')).toMatch(/ho cancellato i tuoi dati personali/);
    expect((await running.domain.leads.getByReference(reference ?? ''))?.status).toBe('erased');
  }, 120000);
});

describe('the operators\' API on a full disk (embedded store)', () => {
  test('a note that cannot be written answers 503 STORE_UNAVAILABLE with Retry-After, and is not there afterwards', async () => {
    const disk = new FailingDisk();
    const api = await startApiBot({}, { storeFiles: disk });
    try {
      const op = await tokenFor(api, 'op-bg-disk', 'operator', [BG_PROJECT]);
      const staff = await tokenFor(api, 'staff-disk', 'staff');
      const lead = await referral(api, 'bg');
      expect((await call(api, 'POST', `/api/referrals/${lead._id}/claim`, op)).status).toBe(200);

      disk.full = true;
      const refused = await call<ErrorBody>(api, 'POST', `/api/referrals/${lead._id}/notes`, op, { text: 'Chiamata: richiamare lunedì' });
      expect(refused.status).toBe(503);
      expect(refused.body).toEqual({ error: { code: 'STORE_UNAVAILABLE', reason: 'store_unavailable' } });
      expect(refused.headers.get('retry-after')).toBe('30');
      disk.full = false;

      const seen = await call<{ notes?: unknown[] }>(api, 'GET', `/api/referrals/${lead._id}`, staff);
      expect(seen.status).toBe(200);
      expect(seen.body.notes ?? []).toEqual([]);
      expect((await call(api, 'POST', `/api/referrals/${lead._id}/notes`, op, { text: 'Chiamata: richiamare lunedì' })).status).toBe(201);
    } finally {
      await api.bot.stop();
    }
  });
});

describe('a damaged line found at start (embedded store, real file)', () => {
  test('is quarantined and logged by collection and count; /readyz reports it (200) until staff acknowledge it', async () => {
    const dir = await tempDir('adr-quarantine-');
    const damaged = '{"_id":"lead-1","contact":{"name":"Maria Rossi","phone":"+39333';
    await fs.writeFile(path.join(dir, 'leads.db'), `${damaged}\n`);
    const logger = recordingLogger();
    const api = await startApiBot({ DATA_DIR: dir }, { logger });
    try {
      const report = [{ collection: 'leads', lines: 1, file: 'leads.db.quarantine' }];
      expect(await readiness(api)).toEqual({ status: 200, body: { status: 'ready', store: 'embedded', quarantined: report } });
      expect(logger.entries).toContainEqual(expect.objectContaining({ level: 'error', obj: expect.objectContaining({ collection: 'leads', lines: 1 }) }));
      expect(JSON.stringify(logger.entries)).not.toMatch(/Maria|\+39333/);
      expect(await fs.readFile(path.join(dir, 'leads.db.quarantine'), 'utf8')).toBe(`${damaged}\n`);

      const op = await tokenFor(api, 'op-q', 'operator', [BG_PROJECT]);
      const staff = await tokenFor(api, 'staff-q', 'staff');
      expect((await call(api, 'POST', '/api/admin/store/quarantine/ack', op)).status).toBe(403);
      expect((await readiness(api)).body.quarantined).toEqual(report);
      const acknowledged = await call<{ acknowledged: unknown }>(api, 'POST', '/api/admin/store/quarantine/ack', staff);
      expect(acknowledged).toMatchObject({ status: 200, body: { acknowledged: report } });
      expect(await readiness(api)).toEqual({ status: 200, body: { status: 'ready', store: 'embedded' } });
      const audit = await call<{ items: Array<{ action: string; actor: string; details: unknown }> }>(api, 'GET', '/api/audit?action=store.quarantine_acknowledged', staff);
      expect(audit.body.items).toEqual([expect.objectContaining({ actor: 'staff-q', details: { collections: 'leads', lines: 1 } })]);
    } finally {
      await api.bot.stop();
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
