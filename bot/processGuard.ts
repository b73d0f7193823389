/**
 * The last line of defence of `npm start`: what the process does with an error nobody handled. Every turn and
 * request has its own error boundary (the adapter's onTurnError, the HTTP error handler); this guard is for what
 * slips past them, and it logs through the JSON logger, never a raw stack on stderr.
 *
 * - An unhandled promise rejection is logged and the bot keeps serving. Node's default (throw, so exit) turned one
 *   un-awaited promise into an outage: a single Teams card click took the bot down (issue 14). Such a promise is
 *   work that has already failed and that nobody was waiting for; the turns and requests around it are unaffected.
 * - An uncaught exception is logged, then the bot stops gracefully (stops accepting, lets turns in flight finish,
 *   closes the store so the embedded files are complete) and exits with 1 for its supervisor to start it again.
 *   A synchronous throw that reached the event loop unwound through code that may have been half-way through
 *   changing shared memory (the embedded store's in-memory collections, a dispatcher's queue), and Node documents
 *   that resuming afterwards is unsafe. Serving from memory that may no longer match the disk is how workers' data
 *   gets lost silently; a restart from the disk takes seconds. The README names the process to supervise.
 *
 * Nothing personal is logged: errors are written by bot/errorDescription.ts (class, code, frames; no message).
 */
import type { Logger } from '../models/logger';
import { describeError } from '../models/errorDescription';

export interface ProcessGuardOptions {
  logger: Logger;
  /** the bot's graceful stop */
  stop: () => Promise<void>;
  /** the exit is forced when the stop takes longer than this */
  stopTimeoutMs: number;
  /** process.exit; tests pass a recorder */
  exit?: (code: number) => void;
}

/** What the guard listens to: the process, or a stand-in in tests. */
export type GuardedProcess = Pick<NodeJS.Process, 'on' | 'off'>;

/** Installs the policy above; returns a function that removes it. */
export function installProcessGuard(target: GuardedProcess, options: ProcessGuardOptions): () => void {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let stopping = false;

  const onRejection = (reason: unknown): void => {
    options.logger.error({ err: describeError(reason) }, 'unhandled promise rejection: logged, still serving');
  };

  const onException = (err: unknown): void => {
    options.logger.error({ err: describeError(err), fatal: true }, 'uncaught exception: stopping for a restart');
    if (stopping) return;
    stopping = true;
    const force = setTimeout(() => exit(1), options.stopTimeoutMs);
    force.unref();
    options.stop().then(
      () => {
        clearTimeout(force);
        exit(1);
      },
      (stopError: unknown) => {
        clearTimeout(force);
        options.logger.error({ err: describeError(stopError) }, 'graceful stop failed');
        exit(1);
      },
    );
  };

  target.on('unhandledRejection', onRejection);
  target.on('uncaughtException', onException);
  return () => {
    target.off('unhandledRejection', onRejection);
    target.off('uncaughtException', onException);
  };
}
