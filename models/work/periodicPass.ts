import type { Logger } from '../logger';
import { describeError } from '../errorDescription';

/**
 * A pass run every `intervalMs` (unref'd: it never keeps the process alive) and on demand, one at a time: a call
 * during a pass shares it, so a timer tick and a test's `runOnce()` never overlap. For jobs that look at the store
 * on a fixed rhythm (the live handoff's relay and sweep); WorkLoop is the engine for queues with due times and kicks.
 */
export class PeriodicPass<T> {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<T> | undefined;
  /** a kick came during a pass (which may have read before what the kick is about): one more pass after it */
  private again = false;
  private stopped = false;

  constructor(
    private readonly pass: () => Promise<T>,
    private readonly options: { intervalMs: number; logger: Logger; name: string },
  ) {}

  /** One pass; concurrent calls share it. */
  runOnce(): Promise<T> {
    this.running ??= this.pass().finally(() => {
      this.running = undefined;
      if (!this.again) return;
      this.again = false;
      this.kick();
    });
    return this.running;
  }

  /** A pass now, or one more right after the pass under way (kicks during it are folded into that one). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.runOnce().catch((err: unknown) => this.options.logger.warn({ err: describeError(err) }, `${this.options.name} failed`));
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.runOnce().catch((err: unknown) => this.options.logger.warn({ err: describeError(err) }, `${this.options.name} failed`));
    }, this.options.intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for the pass in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.again = false;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }
}
