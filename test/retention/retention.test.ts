/** Retention: referrals that ended more than RETENTION_DAYS ago become tombstones, audited; open ones untouched. */
import { AuditLog } from '../../models/audit/auditLog';
import type { Lead } from '../../models/leads/lead';
import { LeadRepository } from '../../models/leads/leadRepository';
import { LeadService } from '../../models/leads/leadService';
import { silentLogger } from '../../models/logger';
import { DAY_MS, HOUR_MS, RetentionJob } from '../../models/retention/retentionJob';
import { StateRepository } from '../../models/state/stateRepository';
import { botStateLifetime } from '../../bot/state/storeStorage';
import { loadConfig } from '../../bot/config';
import { fixedClock, submission, tempStore, type TempStore } from '../leads/fixtures';
import { startTestBot } from '../support/botServer';
import { eventually } from '../support/eventually';

const PERSONAL_FIELDS = ['contact', 'employer', 'conversationRef', 'phoneKey', 'emailKey', 'userKeys'] as const;

describe('RetentionJob', () => {
  let ctx: TempStore;
  let clock: ReturnType<typeof fixedClock>;
  let leads: LeadService;
  let audit: AuditLog;
  let people = 0;

  const newLead = async (): Promise<Lead> => {
    people += 1;
    clock.advance(1000);
    const { lead } = await leads.submit(
      submission({ contact: { name: `Persona ${people}`, phone: `333 ${String(2000000 + people)}`, email: `persona.${people}@example.com` }, channelUserId: `user-${people}` }),
      `retention-${people}`,
    );
    return lead;
  };
  const close = async (lead: Lead): Promise<void> => {
    await leads.claim(lead._id, 'op-1');
    await leads.transition(lead._id, 'closed', { by: 'op-1', reason: 'withdrawn' });
  };
  const place = async (lead: Lead): Promise<void> => {
    await leads.claim(lead._id, 'op-1');
    for (const to of ['contacted', 'enrolled', 'placed'] as const) await leads.transition(lead._id, to, { by: 'op-1' });
  };

  beforeEach(async () => {
    ctx = await tempStore('retention-');
    clock = fixedClock('2025-01-10T09:00:00.000Z');
    leads = new LeadService(await LeadRepository.open(ctx.store), { now: clock.now });
    audit = await AuditLog.open(ctx.store, { now: clock.now });
  });
  afterEach(async () => {
    await ctx.dispose();
  });

  test('closed and placed longer than the period -> the same tombstone as "cancella i miei dati", each audited; the rest untouched', async () => {
    const closedLongAgo = await newLead();
    await close(closedLongAgo);
    const placedLongAgo = await newLead();
    await place(placedLongAgo);
    const stillOpen = await newLead();
    await leads.claim(stillOpen._id, 'op-1');
    const untouchedNew = await newLead();
    const erasedByWorker = await newLead();
    await leads.eraseByUser({ channel: 'webchat', userId: `user-${people}` });
    clock.advance(300 * DAY_MS);
    const closedRecently = await newLead();
    await close(closedRecently);
    await leads.addNote(closedRecently._id, 'op-1', 'nota interna');
    clock.advance(70 * DAY_MS); // the first ones ended 370 days ago, the recent one 70

    const job = new RetentionJob({ leads, audit, days: 365, now: clock.now, logger: silentLogger });
    expect(await job.runOnce()).toEqual({ leadsErased: 2, botStateDeleted: 0 });

    for (const lead of [closedLongAgo, placedLongAgo]) {
      const after = await leads.get(lead._id);
      expect(after.status).toBe('erased');
      expect(after.erasedAt).toEqual(clock.now());
      for (const field of PERSONAL_FIELDS) expect(after[field]).toBeUndefined();
      expect(after.notes).toEqual([]);
      expect(after.precheck.answers.leftOn).toBeUndefined();
      expect(after.history[after.history.length - 1]).toEqual({ at: clock.now(), by: 'system', action: 'erased', from: lead === closedLongAgo ? 'closed' : 'placed', to: 'erased', reason: 'retention' });
      // what is left is what the worker's own erasure leaves (the statistics stay honest)
      const byWorker = await leads.get(erasedByWorker._id);
      // (operatorId, an account id, stays on any claimed lead, erased by the worker or by retention)
      expect(Object.keys(after).filter((k) => k !== 'operatorId').sort()).toEqual(Object.keys(byWorker).sort());
      expect(after.province).toBe('BG');
    }
    expect((await leads.get(stillOpen._id)).status).toBe('claimed');
    expect((await leads.get(stillOpen._id)).contact?.name).toBe(stillOpen.contact?.name);
    expect((await leads.get(untouchedNew._id)).status).toBe('new');
    const recent = await leads.get(closedRecently._id);
    expect(recent.status).toBe('closed');
    expect(recent.contact).toBeDefined();
    expect(recent.notes).toHaveLength(1);

    const entries = (await audit.list({ action: 'lead.erased_retention' })).items;
    expect(entries.map((e) => e.target).sort()).toEqual([`lead:${closedLongAgo._id}`, `lead:${placedLongAgo._id}`].sort());
    for (const e of entries) {
      expect(e.actor).toBe('system');
      expect(e.details).toEqual({ reference: expect.stringMatching(/^AR-/), retentionDays: 365 });
    }
    // a second pass finds nothing more
    expect(await job.runOnce()).toEqual({ leadsErased: 0, botStateDeleted: 0 });
    expect((await audit.list({ action: 'lead.erased_retention' })).items).toHaveLength(2);
  });

  test('RETENTION_DAYS=0 never erases', async () => {
    const lead = await newLead();
    await close(lead);
    clock.advance(5000 * DAY_MS);
    expect((await new RetentionJob({ leads, audit, days: 0, now: clock.now, logger: silentLogger }).runOnce()).leadsErased).toBe(0);
    expect((await leads.get(lead._id)).status).toBe('closed');
  });

  test('expired dialog state: deleted, one audit entry with the count (no keys: they carry user ids), then the purge; RETENTION_DAYS=0 does not stop it', async () => {
    const state = await StateRepository.open(ctx.store, { lifetime: botStateLifetime(24), now: clock.now });
    await state.write({ 'webchat/conversations/a/': { dialogState: { name: 'Mario Rossi' } }, 'webchat/users/u1/': { userProfile: { language: 'en' } } });
    clock.advance(12 * HOUR_MS);
    await state.write({ 'webchat/conversations/b/': { dialogState: { name: 'Anna Bianchi' } } });
    let purges = 0;
    const job = new RetentionJob({ leads, audit, days: 0, botState: { repository: state, ttlHours: 24 }, purge: async () => void (purges += 1), now: clock.now, logger: silentLogger });
    expect(await job.runOnce()).toEqual({ leadsErased: 0, botStateDeleted: 0 });
    expect(purges).toBe(0);
    clock.advance(12 * HOUR_MS);
    expect(await job.runOnce()).toEqual({ leadsErased: 0, botStateDeleted: 1 });
    expect(purges).toBe(1);
    const entries = (await audit.list({ action: 'bot_state.expired' })).items;
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: 'system', target: 'bot_state', details: { deleted: 1, ttlHours: 24 } });
    expect(Object.keys(await state.read(['webchat/conversations/a/', 'webchat/conversations/b/', 'webchat/users/u1/'])).sort()).toEqual(['webchat/conversations/b/', 'webchat/users/u1/']);
  });

  test('STATE_TTL_DAYS: a user idle that long loses their state, a recent one keeps it; only the bot state file is purged', async () => {
    const state = await StateRepository.open(ctx.store, { lifetime: botStateLifetime(24, 30), now: clock.now });
    await state.write({ 'webchat/users/idle/': { userProfile: { language: 'en' } } });
    clock.advance(20 * DAY_MS);
    await state.write({ 'webchat/users/recent/': { userProfile: { language: 'it' } } });
    const purged: string[] = [];
    const job = new RetentionJob({
      leads,
      audit,
      days: 0,
      botState: { repository: state, ttlHours: 24, idleDays: 30 },
      purge: async () => void purged.push('all'),
      purgeState: async () => void purged.push('state'),
      now: clock.now,
      logger: silentLogger,
    });
    expect(await job.runOnce()).toEqual({ leadsErased: 0, botStateDeleted: 0 });
    clock.advance(10 * DAY_MS);
    expect(await job.runOnce()).toEqual({ leadsErased: 0, botStateDeleted: 1 });
    expect(purged).toEqual(['state']);
    expect(Object.keys(await state.read(['webchat/users/idle/', 'webchat/users/recent/']))).toEqual(['webchat/users/recent/']);
    const entries = (await audit.list({ action: 'bot_state.expired' })).items;
    expect(entries[entries.length - 1]).toMatchObject({ details: { deleted: 1, ttlHours: 24, idleDays: 30 } });
  });
});

describe('retention in the running bot', () => {
  test('a pass runs at start-up with the configured period', async () => {
    const clock = fixedClock('2025-01-10T09:00:00.000Z');
    const first = await startTestBot({ RETENTION_DAYS: '30' }, { clock: clock.now });
    const { lead } = await first.domain.leads.submit(submission(), 'retention-bot-1');
    await first.domain.leads.claim(lead._id, 'op-1');
    await first.domain.leads.transition(lead._id, 'closed', { by: 'op-1', reason: 'unreachable' });
    await first.stop();

    clock.advance(31 * DAY_MS);
    const second = await startTestBot({ RETENTION_DAYS: '30', DATA_DIR: first.config.dataDir }, { clock: clock.now });
    try {
      // the pass erases the lead, then audits it: both are awaited
      const audited = async (): Promise<string[]> => (await second.domain.audit.list({ action: 'lead.erased_retention' })).items.map((e) => e.target);
      await eventually(async () => (await second.domain.leads.get(lead._id)).status === 'erased' && (await audited()).length > 0, { withinMs: 5000, what: 'the retention pass on start' });
      expect(await audited()).toEqual([`lead:${lead._id}`]);
    } finally {
      await second.stop();
    }
  });

  test('DIALOG_STATE_TTL_HOURS: 24 by default, 1 to 720 hours', () => {
    expect(loadConfig({}).dialogStateTtlHours).toBe(24);
    expect(loadConfig({ DIALOG_STATE_TTL_HOURS: '2' }).dialogStateTtlHours).toBe(2);
    expect(() => loadConfig({ DIALOG_STATE_TTL_HOURS: '0' })).toThrow(/DIALOG_STATE_TTL_HOURS must be a whole number from 1 to 720/);
    expect(() => loadConfig({ DIALOG_STATE_TTL_HOURS: 'forever' })).toThrow(/DIALOG_STATE_TTL_HOURS/);
  });

  test('RETENTION_DAYS is validated', async () => {
    await expect(startTestBot({ RETENTION_DAYS: '-1' })).rejects.toThrow(/RETENTION_DAYS must be a whole number from 0 to 3650/);
  });
});
