import type { StoreConfig } from '../models/store/store';

/** How a CLI talks to the terminal; tests pass their own. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** all of standard input (passwords); absent = nothing to read */
  readStdin?(): Promise<string>;
}

export type CliCommand = (argv: readonly string[], config: StoreConfig, io: CliIo) => Promise<number>;

/**
 * Runs a CLI from `npm run <name> -- ...`: the store from DATA_DIR / MONGODB_URI (the only environment a CLI reads),
 * the process's streams, the exit code from the command; an unexpected error is one line on stderr and exit 1.
 */
export function runCli(name: string, command: CliCommand, extra: Partial<CliIo> = {}): void {
  const config: StoreConfig = {
    dataDir: process.env.DATA_DIR?.trim() || './data',
    ...(process.env.MONGODB_URI?.trim() ? { mongodbUri: process.env.MONGODB_URI.trim() } : {}),
  };
  const io: CliIo = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t), ...extra };
  command(process.argv.slice(2), config, io).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`${name}: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
