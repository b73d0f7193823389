import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError, loadStoreLocation } from '../bot/config';
import { StoreLockedError } from '../models/store/embedded/dataDirLock';
import { isStoreUnavailable } from '../models/store/collection';
import type { Logger } from '../models/logger';
import type { StoreConfig } from '../models/store/store';

/** How a CLI talks to the terminal; tests pass their own. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** all of standard input (passwords); absent = nothing to read */
  readStdin?(): Promise<string>;
}

/** The flags a CLI takes, as node:util parseArgs describes them. */
export type CliFlags = NonNullable<ParseArgsConfig['options']>;
type Strict<O extends CliFlags> = ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>>;

export interface CommandLine<O extends CliFlags> {
  /** the flags given; none when the command line could not be read */
  readonly values: Partial<Strict<O>['values']>;
  /** the command and its bare arguments, in order */
  readonly positionals: readonly string[];
  /** why the command line could not be read ("--name needs a value", "unknown option --x"), for the usage text */
  readonly problem?: string;
}

/**
 * Reads argv with node:util parseArgs (strict: an unknown flag or a flag without its value is refused). A refusal is
 * returned as one line for the CLI to print with its usage; the command word is still read, so the CLI can say what
 * else is missing in the same go.
 */
export function parseCommandLine<const O extends CliFlags>(argv: readonly string[], options: O): CommandLine<O> {
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
    return { values, positionals };
  } catch (err) {
    const { positionals } = parseArgs({ args: [...argv], options, allowPositionals: true, strict: false });
    return { values: {}, positionals, problem: problemOf(err) };
  }
}

/** parseArgs's error in the CLIs' words; the flag is the first quoted one in its message ("Option '--name <value>' ..."). */
function problemOf(err: unknown): string {
  const code = (err as { code?: unknown }).code;
  const message = err instanceof Error ? err.message : String(err);
  const flag = /'(-[^'\s]*)/.exec(message)?.[1] ?? message;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${flag}`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return /does not take an argument/.test(message) ? `${flag} takes no value` : `${flag} needs a value`;
  return message;
}

export type CliCommand = (argv: readonly string[], config: StoreConfig, io: CliIo) => Promise<number>;

/**
 * What to do instead while the bot holds the embedded store. The CLIs refuse rather than talk to the running bot:
 * the console and the staff API already do all of this, signed in and audited, and a second, unauthenticated way
 * in through a local endpoint would be one more door to guard.
 */
const WHILE_THE_BOT_RUNS: Record<string, string> = {
  users: 'add or change accounts in the console (/console, as staff; with no staff account yet, open the one-time link the bot printed at start)',
  projects: 'add or import projects in the console (/console, as staff)',
  content: 'publish content in the console (/console, as staff)',
};

/** One line explaining why nothing was done, for the errors a user can act on; undefined for the others. */
export function explainCliError(name: string, err: unknown): string | undefined {
  if (err instanceof StoreLockedError) {
    const instead = err.holder.owner === 'the bot' ? `${WHILE_THE_BOT_RUNS[name] ?? 'use the console'}, or stop the bot first` : 'wait for it to finish, then try again';
    return `${name}: ${err.message}: ${instead}. Nothing was changed.`;
  }
  if (isStoreUnavailable(err)) {
    return `${name}: ${(err as Error).message}; nothing of it was kept. Free some space in the data folder (or fix the disk) and try again.`;
  }
  return undefined;
}

/** The store's reports (damaged records set aside) as one line each on standard error. */
function stderrLogger(name: string, err: (text: string) => void): Logger {
  const line = (obj: object, msg?: string): void => err(`${name}: ${msg ?? ''} ${JSON.stringify(obj)}\n`);
  const logger: Logger = { debug: () => undefined, info: () => undefined, warn: line, error: line, child: () => logger };
  return logger;
}

/**
 * Runs a CLI from `npm run <name> -- ...`: the store from DATA_DIR / MONGODB_URI (the only environment a CLI reads),
 * the process's streams, the exit code from the command; an unexpected error is one line on stderr and exit 1.
 */
export function runCli(name: string, command: CliCommand, extra: Partial<CliIo> = {}): void {
  const io: CliIo = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t), ...extra };
  let location: ReturnType<typeof loadStoreLocation>;
  try {
    location = loadStoreLocation();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    io.err(`${name}: ${err.problems.join('; ')}\n`);
    process.exitCode = 1;
    return;
  }
  const config: StoreConfig = {
    dataDir: location.dataDir,
    ...(location.mongodbUri ? { mongodbUri: location.mongodbUri } : {}),
    owner: `npm run ${name}`,
    logger: stderrLogger(name, io.err),
  };
  command(process.argv.slice(2), config, io).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`${explainCliError(name, err) ?? `${name}: ${err instanceof Error ? err.message : String(err)}`}\n`);
      process.exitCode = 1;
    },
  );
}
