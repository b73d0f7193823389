/**
 * The handoff's clock, every few seconds on every instance, worked by one at a time (the holder of the job lease,
 * models/store/jobLease.ts, as the retention pass): requests nobody accepted within HANDOFF_WAIT_SECONDS become
 * unanswered, conversations whose operator was silent for HANDOFF_IDLE_MINUTES end, and, when a retention period
 * is set, once an hour the transcripts kept with consent after a handoff that ended before it are deleted (and, every
 * hour, the relay's delivery records older than a day, and the earlier copies of the workers' chat addresses the relay
 * has forgotten since, in the embedded store's file). With no request open and no housekeeping due, a sweep only reads (two
 * counts): it takes no lease. A sweep that loses a
 * race to an operator (an acceptance at the last second) changes nothing: each step is decided once
 * (handoffService.ts).
 */
import type { Logger } from '../logger';
import { PeriodicPass } from '../work/periodicPass';
import type { JobLease } from '../store/jobLease';
import type { HandoffService } from './handoffService';

const DAY_MS = 24 * 60 * 60 * 1000;
/** how often to look: a worker waits at most this long past HANDOFF_WAIT_SECONDS to hear nobody answered */
export const SWEEP_INTERVAL_MS = 5000;
/** the sweep's lease: longer than any sweep, so a holder that died is replaced within it */
export const SWEEP_LEASE_MS = 60_000;
/** kept transcripts past RETENTION_DAYS, and old delivery records, are looked for this often */
const HOUSEKEEPING_EVERY_MS = 60 * 60 * 1000;
/** the relay's delivery records (ids only) are kept this long: far longer than any conversation lasts */
const DELIVERIES_KEPT_MS = DAY_MS;

export interface HandoffSweepReport {
  unanswered: number;
  idle: number;
  transcriptsErased: number;
  /** another instance holds the lease */
  skipped?: true;
}

export interface HandoffSweepDeps {
  handoffs: Pick<HandoffService, 'sweep' | 'eraseTranscriptsEndedBefore' | 'sweepHasWork' | 'purgeDeliveriesBefore' | 'purgeForgottenReferences'>;
  lease?: Pick<JobLease, 'acquire' | 'release'>;
  /** RETENTION_DAYS: kept transcripts go this many days after their handoff ended (0 = never) */
  retentionDays: number;
  now: () => Date;
  logger: Logger;
  intervalMs?: number;
}

export class HandoffSweep {
  private readonly periodic: PeriodicPass<HandoffSweepReport>;
  /** when this instance last did the hourly housekeeping (retention of kept transcripts, old delivery records) */
  private lastHousekeeping: number | undefined;

  constructor(private readonly deps: HandoffSweepDeps) {
    this.periodic = new PeriodicPass(() => this.pass(), { intervalMs: deps.intervalMs ?? SWEEP_INTERVAL_MS, logger: deps.logger, name: 'handoff sweep' });
  }

  /** One sweep; concurrent calls share it. */
  runOnce(): Promise<HandoffSweepReport> {
    return this.periodic.runOnce();
  }

  private async pass(): Promise<HandoffSweepReport> {
    const { lease } = this.deps;
    const now = this.deps.now().getTime();
    const housekeepingDue = this.lastHousekeeping === undefined || now - this.lastHousekeeping >= HOUSEKEEPING_EVERY_MS;
    // nothing open and no housekeeping due: no lease is taken (its rounds are writes), nothing is written
    if (!housekeepingDue && !(await this.deps.handoffs.sweepHasWork())) return { unanswered: 0, idle: 0, transcriptsErased: 0 };
    if (lease && !(await lease.acquire(this.deps.now()))) return { unanswered: 0, idle: 0, transcriptsErased: 0, skipped: true };
    try {
      const { unanswered, idle } = await this.deps.handoffs.sweep();
      let transcriptsErased = 0;
      if (housekeepingDue) {
        if (this.deps.retentionDays > 0) transcriptsErased = await this.deps.handoffs.eraseTranscriptsEndedBefore(new Date(now - this.deps.retentionDays * DAY_MS));
        await this.deps.handoffs.purgeDeliveriesBefore(new Date(now - DELIVERIES_KEPT_MS));
        // the workers' chat addresses forgotten since: no earlier copy left in the embedded store's file
        await this.deps.handoffs.purgeForgottenReferences();
        this.lastHousekeeping = now;
      }
      if (unanswered + idle + transcriptsErased > 0) this.deps.logger.info({ unanswered, idle, transcriptsErased }, 'handoff sweep');
      return { unanswered, idle, transcriptsErased };
    } finally {
      await lease?.release(this.deps.now()).catch(() => undefined);
    }
  }

  start(): void {
    this.periodic.start();
  }

  stop(): Promise<void> {
    return this.periodic.stop();
  }
}
