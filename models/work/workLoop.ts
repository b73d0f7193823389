import type { Logger } from '../logger';
import { describeError } from '../errorDescription';

/** What a background worker does: one pass over the work that is due, and when the next work falls due. */
export interface LoopWork {
  pass(): Promise<void>;
  nextDueAt(): Promise<Date | undefined>;
}

export interface WorkLoopOptions {
  /** also look for work this often (other instances' rows, lost timers); 0 = never */
  pollMs: number;
  clock: () => Date;
  logger: Logger;
  /** names the loop in its log lines */
  name: string;
}

/**
 * The engine shared by the Teams outbox dispatcher and the campaign sender: one pass at a time, a kick during a pass
 * runs one more after it, a timer for the next due row, a poller for rows other instances left behind, and a stop
 * that waits for the pass in flight.
 */
export class WorkLoop {
  private running: Promise<void> | undefined;
  private again = false;
  private stoppedFlag = false;
  private timer: NodeJS.Timeout | undefined;
  private poller: NodeJS.Timeout | undefined;

  constructor(
    private readonly work: LoopWork,
    private readonly options: WorkLoopOptions,
  ) {}

  get stopped(): boolean {
    return this.stoppedFlag;
  }

  start(): void {
    if (this.options.pollMs > 0) {
      this.poller = setInterval(() => this.kick(), this.options.pollMs);
      this.poller.unref();
    }
    this.kick();
  }

  /** Works now, or once more after the pass in progress. */
  kick(): void {
    if (this.stoppedFlag) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop().finally(() => {
      this.running = undefined;
    });
  }

  /** Resolves when no pass is running (tests and shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stoppedFlag = true;
    clearTimeout(this.timer);
    clearInterval(this.poller);
    await this.idle();
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.work.pass();
      } catch (err) {
        this.options.logger.error({ err: describeError(err) }, `${this.options.name}: pass failed`);
      }
    } while (this.again && !this.stoppedFlag);
    await this.scheduleNext();
  }

  private async scheduleNext(): Promise<void> {
    if (this.stoppedFlag) return;
    clearTimeout(this.timer);
    let next: Date | undefined;
    try {
      next = await this.work.nextDueAt();
    } catch {
      return; // the poller tries again
    }
    if (!next) return;
    const delay = Math.max(0, next.getTime() - this.options.clock().getTime());
    this.timer = setTimeout(() => this.kick(), Math.min(delay, 2 ** 31 - 1));
    this.timer.unref();
  }
}

/**
 * A background worker driven by one WorkLoop (the Teams outbox dispatchers, the campaign sender, the chat
 * retractions): start resumes what was left and keeps looking, kick works now (or once more after the pass in
 * progress), idle resolves when no pass runs (tests, shutdown), stop waits for the pass in flight. A worker with more
 * to do at one of these (the sender drains its sends at stop) overrides it.
 */
export abstract class LoopWorker {
  protected abstract readonly loop: WorkLoop;

  start(): void {
    this.loop.start();
  }

  kick(): void {
    this.loop.kick();
  }

  idle(): Promise<void> {
    return this.loop.idle();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }
}
