/**
 * The handoff's clock, every few seconds on every instance, worked by one at a time (the holder of the job lease,
 * models/store/jobLease.ts, as the retention pass): requests nobody accepted within HANDOFF_WAIT_SECONDS become
 * unanswered, conversations whose operator was silent for HANDOFF_IDLE_MINUTES end, and, when a retention period
 * is set, the transcripts kept with consent after a handoff that ended before it are deleted. A sweep that loses a
 * race to an operator (an acceptance at the last second) changes nothing: each step is decided once
 * (handoffService.ts).
 */
import { describeError } from '../errorDescription';
import type { Logger } from '../logger';
import type { JobLease } from '../store/jobLease';
import type { HandoffService } from './handoffService';

const DAY_MS = 24 * 60 * 60 * 1000;
/** how often to look: a worker waits at most this long past HANDOFF_WAIT_SECONDS to hear nobody answered */
export const SWEEP_INTERVAL_MS = 5000;
/** the sweep's lease: longer than any sweep, so a holder that died is replaced within it */
export const SWEEP_LEASE_MS = 60_000;

export interface HandoffSweepReport {
  unanswered: number;
  idle: number;
  transcriptsErased: number;
  /** another instance holds the lease */
  skipped?: true;
}

export interface HandoffSweepDeps {
  handoffs: Pick<HandoffService, 'sweep' | 'eraseTranscriptsEndedBefore'>;
  lease?: Pick<JobLease, 'acquire' | 'release'>;
  /** RETENTION_DAYS: kept transcripts go this many days after their handoff ended (0 = never) */
  retentionDays: number;
  now: () => Date;
  logger: Logger;
  intervalMs?: number;
}

export class HandoffSweep {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<HandoffSweepReport> | undefined;

  constructor(private readonly deps: HandoffSweepDeps) {}

  /** One sweep; concurrent calls share it. */
  runOnce(): Promise<HandoffSweepReport> {
    this.running ??= this.pass().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async pass(): Promise<HandoffSweepReport> {
    const { lease } = this.deps;
    if (lease && !(await lease.acquire(this.deps.now()))) return { unanswered: 0, idle: 0, transcriptsErased: 0, skipped: true };
    try {
      const { unanswered, idle } = await this.deps.handoffs.sweep();
      const days = this.deps.retentionDays;
      const transcriptsErased = days > 0 ? await this.deps.handoffs.eraseTranscriptsEndedBefore(new Date(this.deps.now().getTime() - days * DAY_MS)) : 0;
      if (unanswered + idle + transcriptsErased > 0) this.deps.logger.info({ unanswered, idle, transcriptsErased }, 'handoff sweep');
      return { unanswered, idle, transcriptsErased };
    } finally {
      await lease?.release(this.deps.now()).catch(() => undefined);
    }
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.runOnce().catch((err: unknown) => this.deps.logger.warn({ err: describeError(err) }, 'handoff sweep failed'));
    }, this.deps.intervalMs ?? SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }
}
