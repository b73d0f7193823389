/**
 * Retention, one pass at start-up and then every hour (the timer is unref'd and stopped on shutdown):
 *
 * - Referrals that ended (closed, or placed) more than `days` days ago lose their personal data, leaving the same
 *   tombstone as the worker's "cancella i miei dati" (LeadService), by "system" with reason "retention"; every
 *   erasure gets an audit entry (actor "system", action "lead.erased_retention", the lead as target, no personal
 *   data).
 * - Bot state past its TTL (DIALOG_STATE_TTL_HOURS: a referral abandoned half-way, with a name and a phone in its
 *   dialog stack; STATE_TTL_DAYS: a user's language, idle that long) is deleted; a pass that deleted any gets one
 *   audit entry ("bot_state.expired", the count only: the state keys carry chat user ids). This sweep is what
 *   expires state on the embedded store and on FerretDB; MongoDB's TTL index does it there too.
 * - Outbox rows that ended (delivered, skipped, failed) more than OUTBOX_RETENTION_DAYS ago, and lease tickets
 *   whose lease ended that long ago, are deleted a chunk at a time (models/retention/finishedRows.ts); pending and leased rows stay whatever
 *   their age. A pass that deleted any gets one audit entry ("outbox.purged", counts per collection only). These rows
 *   hold ids and codes, no personal data, so they need no purge from disk: the embedded store compacts by writes.
 * - Then the superseded copies of what was deleted are purged from disk (models/retention/personalData.ts).
 *
 * Campaign subscriptions need no pass here: ending one ("stop notizie", "cancella i miei dati", an unreachable
 * conversation) drops its personal data at once (models/campaign/subscriptions.ts), and an active one is still in use.
 */
import type { AuditLog } from '../audit/auditLog';
import type { LeadService } from '../leads/leadService';
import type { JobLease } from '../store/jobLease';
import type { Logger } from '../logger';
import type { StateRepository } from '../state/stateRepository';

export const DAY_MS = 24 * 60 * 60 * 1000;
export const HOUR_MS = 60 * 60 * 1000;

/** An outbox whose ended rows the pass purges: how many rows of each of its collections went. */
export interface OutboxPurge {
  purgeFinishedBefore(cutoff: Date, erasedLeadIds: readonly string[]): Promise<Record<string, number>>;
}

export interface RetentionDeps {
  /** `erasedSince`: the outbox purge also drops the rows of referrals their worker erased (optional for tests) */
  leads: Pick<LeadService, 'eraseFinishedBefore'> & Partial<Pick<LeadService, 'erasedSince'>>;
  /** with several instances on one database: only the holder of this lease runs a pass (models/store/jobLease.ts) */
  lease?: Pick<JobLease, 'acquire' | 'release'>;
  audit: Pick<AuditLog, 'append'>;
  /** referrals: 0 = never erase automatically */
  days: number;
  /** bot state whose TTL has run out, and those TTLs (for the audit entry; idleDays: STATE_TTL_DAYS) */
  botState?: { repository: Pick<StateRepository, 'deleteExpired'>; ttlHours: number; idleDays?: number };
  /** leaves no superseded copy of what a pass deleted (SupersededCopies.purge) */
  purge?: () => Promise<void>;
  /** the same for bot state alone, after a pass that deleted only expired state (default: purge) */
  purgeState?: () => Promise<void>;
  /** outboxes whose rows that ended more than `days` days ago are purged (OUTBOX_RETENTION_DAYS; 0 = never) */
  outboxes?: { days: number; purges: readonly OutboxPurge[] };
  now: () => Date;
  logger: Logger;
  /** how often to look (default every hour, so expired state does not wait a day) */
  intervalMs?: number;
}

/** What one pass did. */
export interface RetentionReport {
  leadsErased: number;
  botStateDeleted: number;
  /** outbox rows and lease tickets deleted, all collections together (when the job purges outboxes) */
  outboxRowsPurged?: number;
  /** another instance holds the lease: this one did nothing */
  skipped?: true;
}

export class RetentionJob {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<RetentionReport> | undefined;

  constructor(private readonly deps: RetentionDeps) {}

  /** The cut-off: referrals that ended before it are erased. */
  cutoff(): Date {
    return new Date(this.deps.now().getTime() - this.deps.days * DAY_MS);
  }

  /** One pass. Concurrent calls share the pass. */
  runOnce(): Promise<RetentionReport> {
    this.running ??= this.pass().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private hasWork(): boolean {
    return this.deps.days > 0 || this.deps.botState !== undefined || (this.deps.outboxes?.days ?? 0) > 0;
  }

  private async pass(): Promise<RetentionReport> {
    const { lease } = this.deps;
    if (lease && !(await lease.acquire(this.deps.now()))) return { leadsErased: 0, botStateDeleted: 0, skipped: true };
    try {
      return await this.work();
    } finally {
      await lease?.release(this.deps.now()).catch((err: unknown) => this.deps.logger.warn({ err: { name: err instanceof Error ? err.name : typeof err } }, 'retention lease not released: it ends by itself'));
    }
  }

  private async work(): Promise<RetentionReport> {
    const erased = await this.eraseLeads();
    const report: RetentionReport = { leadsErased: erased.length, botStateDeleted: await this.deleteExpiredState() };
    if (this.deps.outboxes) report.outboxRowsPurged = await this.purgeOutboxes(erased);
    // Only after a pass that removed something: the purge rewrites whole files on the embedded store (in the
    // background, see EmbeddedStore), and only the bot state's when that is all the pass removed.
    if (report.leadsErased > 0 && this.deps.purge) await this.deps.purge();
    else if (report.botStateDeleted > 0) await (this.deps.purgeState ?? this.deps.purge)?.();
    return report;
  }

  /** The ids of the referrals erased. */
  private async eraseLeads(): Promise<string[]> {
    if (this.deps.days <= 0) return [];
    const erased = await this.deps.leads.eraseFinishedBefore(this.cutoff());
    for (const lead of erased) {
      await this.audit('lead.erased_retention', `lead:${lead.id}`, { reference: lead.reference, retentionDays: this.deps.days }, { leadId: lead.id });
    }
    if (erased.length > 0) this.deps.logger.info({ erased: erased.length, retentionDays: this.deps.days }, 'retention: referrals erased');
    return erased.map((lead) => lead.id);
  }

  private async deleteExpiredState(): Promise<number> {
    if (!this.deps.botState) return 0;
    const deleted = await this.deps.botState.repository.deleteExpired();
    if (deleted > 0) {
      const idleDays = this.deps.botState.idleDays;
      await this.audit('bot_state.expired', 'bot_state', { deleted, ttlHours: this.deps.botState.ttlHours, ...(idleDays !== undefined ? { idleDays } : {}) }, {});
      this.deps.logger.info({ deleted, ttlHours: this.deps.botState.ttlHours }, 'retention: expired bot state deleted');
    }
    return deleted;
  }

  private async purgeOutboxes(erasedLeadIds: readonly string[]): Promise<number> {
    const { outboxes } = this.deps;
    if (!outboxes || outboxes.days <= 0) return 0;
    const cutoff = new Date(this.deps.now().getTime() - outboxes.days * DAY_MS);
    // every referral erased within the outbox period, not only by this pass: a worker's "cancella i miei dati"
    // leaves its posted cards' rows too (ids only, but they would stay forever); a pass within the period drops
    // them, and asking again for rows already gone costs an indexed miss
    const erased = new Set(erasedLeadIds);
    try {
      for (const id of (await this.deps.leads.erasedSince?.(cutoff)) ?? []) erased.add(id);
    } catch (err) {
      this.deps.logger.error({ err: { name: err instanceof Error ? err.name : typeof err } }, 'retention: erased referrals not read');
    }
    const erasedIds = [...erased];
    const counts: Record<string, number> = {};
    for (const outbox of outboxes.purges) {
      try {
        for (const [collection, n] of Object.entries(await outbox.purgeFinishedBefore(cutoff, erasedIds))) counts[collection] = (counts[collection] ?? 0) + n;
      } catch (err) {
        // the rest of the pass (the purge of erased personal data from disk) must still run; the next pass retries
        this.deps.logger.error({ err: { name: err instanceof Error ? err.name : typeof err } }, 'retention: outbox purge failed');
      }
    }
    const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
    if (total > 0) {
      const deleted = Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));
      await this.audit('outbox.purged', 'outbox', { ...deleted, retentionDays: outboxes.days }, {});
      this.deps.logger.info({ ...deleted, retentionDays: outboxes.days }, 'retention: ended outbox rows purged');
    }
    return total;
  }

  /** An audit entry that cannot be written is logged, and the pass goes on (the data is gone either way). */
  private async audit(action: string, target: string, details: Record<string, string | number>, logContext: Record<string, string>): Promise<void> {
    try {
      await this.deps.audit.append({ actor: 'system', action, target, details });
    } catch (err) {
      this.deps.logger.error({ ...logContext, action, err: { name: err instanceof Error ? err.name : typeof err } }, 'audit entry not written');
    }
  }

  /** A pass now, then one every interval. */
  start(): void {
    if (this.timer || !this.hasWork()) return;
    const tick = (): void => {
      this.runOnce().catch((err: unknown) => this.deps.logger.error({ err: { name: err instanceof Error ? err.name : typeof err } }, 'retention pass failed'));
    };
    tick();
    this.timer = setInterval(tick, this.deps.intervalMs ?? HOUR_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }
}
