/**
 * Retention: the personal data of referrals that ended (closed, or placed) more than `days` days ago is erased,
 * leaving the same tombstone as the worker's "cancella i miei dati" (LeadService), by "system" with reason
 * "retention"; every erasure gets an audit entry (actor "system", action "lead.erased_retention", the lead as
 * target, no personal data). Runs at start-up and then once a day; the timer is unref'd and stopped on shutdown.
 *
 * Campaign subscriptions need no pass here: ending one ("stop notizie", "cancella i miei dati", an unreachable
 * conversation) drops its personal data at once (models/campaign/subscriptions.ts), and an active one is still in use.
 */
import type { AuditLog } from '../audit/auditLog';
import type { LeadService } from '../leads/leadService';
import type { Logger } from '../logger';

export const DAY_MS = 24 * 60 * 60 * 1000;

export interface RetentionDeps {
  leads: Pick<LeadService, 'eraseFinishedBefore'>;
  audit: Pick<AuditLog, 'append'>;
  /** 0 = never erase automatically */
  days: number;
  now: () => Date;
  logger: Logger;
  /** how often to look (default once a day) */
  intervalMs?: number;
}

export class RetentionJob {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(private readonly deps: RetentionDeps) {}

  /** The cut-off: referrals that ended before it are erased. */
  cutoff(): Date {
    return new Date(this.deps.now().getTime() - this.deps.days * DAY_MS);
  }

  /** One pass; returns how many referrals were erased. Concurrent calls share the pass. */
  runOnce(): Promise<number> {
    this.running ??= this.pass().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async pass(): Promise<number> {
    if (this.deps.days <= 0) return 0;
    const erased = await this.deps.leads.eraseFinishedBefore(this.cutoff());
    for (const lead of erased) {
      try {
        await this.deps.audit.append({ actor: 'system', action: 'lead.erased_retention', target: `lead:${lead.id}`, details: { reference: lead.reference, retentionDays: this.deps.days } });
      } catch (err) {
        this.deps.logger.error({ leadId: lead.id, err: { name: err instanceof Error ? err.name : typeof err } }, 'audit entry not written');
      }
    }
    if (erased.length > 0) this.deps.logger.info({ erased: erased.length, retentionDays: this.deps.days }, 'retention: referrals erased');
    return erased.length;
  }

  /** A pass now, then one every interval. */
  start(): void {
    if (this.timer || this.deps.days <= 0) return;
    const tick = (): void => {
      this.runOnce().catch((err: unknown) => this.deps.logger.error({ err: { name: err instanceof Error ? err.name : typeof err } }, 'retention pass failed'));
    };
    tick();
    this.timer = setInterval(tick, this.deps.intervalMs ?? DAY_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }
}
