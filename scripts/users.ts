/**
 * API accounts for network operators and staff.
 *
 *   npm run users -- add --name <name> --role operator|staff [--project <projectId>]...
 *   npm run users -- list
 *   npm run users -- rotate --name <name>       (new token; the old one stops working)
 *   npm run users -- disable --name <name>
 *   npm run users -- enable --name <name>
 *
 * `add` and `rotate` print the bearer token alone on the last line of standard output (messages go to standard
 * error), so `TOKEN=$(npm run -s users -- add ...)` captures it. The token is shown this once: only its hash is
 * stored. The store is the app's: MONGODB_URI when set, else the embedded store in DATA_DIR (default ./data).
 */
import { AccountService, ROLES, type Role } from '../models/accounts/accountService';
import { isAppError } from '../models/errors';
import { ProjectRepository, seedSampleProjects } from '../models/projects/projectRepository';
import { createStore } from '../models/store/createStore';
import type { StoreConfig } from '../models/store/store';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

const USAGE = `usage:
  users add --name <name> --role operator|staff [--project <projectId>]...
  users list
  users rotate --name <name>
  users disable --name <name>
  users enable --name <name>
`;

interface Parsed {
  command?: string;
  name?: string;
  role?: string;
  projects: string[];
  problems: string[];
}

function parse(argv: readonly string[]): Parsed {
  const parsed: Parsed = { projects: [], problems: [] };
  const args = [...argv];
  parsed.command = args.shift();
  while (args.length > 0) {
    const flag = args.shift() as string;
    const value = args.shift();
    if (value === undefined || value.startsWith('--')) {
      parsed.problems.push(`${flag} needs a value`);
      break;
    }
    if (flag === '--name') parsed.name = value;
    else if (flag === '--role') parsed.role = value;
    else if (flag === '--project') parsed.projects.push(value);
    else parsed.problems.push(`unknown option ${flag}`);
  }
  return parsed;
}

/** Runs one command against the store described by `config`; returns the exit status. */
export async function runUsers(argv: readonly string[], config: StoreConfig, io: CliIo, now: () => Date = () => new Date()): Promise<number> {
  const args = parse(argv);
  const needsName = ['add', 'rotate', 'disable', 'enable'];
  if (!args.command || ![...needsName, 'list'].includes(args.command)) args.problems.push('unknown command');
  if (args.command && needsName.includes(args.command) && !args.name) args.problems.push('--name is required');
  if (args.command === 'add' && !(ROLES as readonly string[]).includes(args.role ?? '')) args.problems.push('--role must be operator or staff');
  if (args.problems.length > 0) {
    io.err(`${args.problems.join('\n')}\n${USAGE}`);
    return 2;
  }

  const store = await createStore(config);
  try {
    const projects = await ProjectRepository.open(store);
    // the server seeds the sample projects on its first start; an operator may be created before that
    await seedSampleProjects(projects, now());
    const accounts = await AccountService.open(store, { now, projects });
    const name = args.name as string;
    switch (args.command) {
      case 'add': {
        const { account, token } = await accounts.createAccount({ name, role: args.role as Role, projectIds: args.projects });
        const scope = account.role === 'operator' ? ` for projects: ${account.projectIds.join(', ') || '(none)'}` : '';
        io.err(`created ${account.role} account "${account.name}"${scope}. The token below is shown only now.\n`);
        io.out(`${token}\n`);
        break;
      }
      case 'rotate': {
        const token = await accounts.rotateToken(name);
        io.err(`new token for "${name}"; the old one no longer works. The token below is shown only now.\n`);
        io.out(`${token}\n`);
        break;
      }
      case 'disable':
      case 'enable': {
        const account = await accounts.setDisabled(name, args.command === 'disable');
        io.out(`${account.name} ${account.disabled ? 'disabled' : 'enabled'}\n`);
        break;
      }
      case 'list': {
        for (const a of await accounts.list()) {
          io.out(`${a.name}\t${a.role}\t${a.disabled ? 'disabled' : 'active'}\t${a.projectIds.join(',')}\n`);
        }
        break;
      }
    }
    return 0;
  } catch (err) {
    if (isAppError(err)) {
      io.err(`error: ${err.message}\n`);
      return 1;
    }
    throw err;
  } finally {
    await store.close();
  }
}

async function main(): Promise<void> {
  const config: StoreConfig = {
    dataDir: process.env.DATA_DIR?.trim() || './data',
    ...(process.env.MONGODB_URI?.trim() ? { mongodbUri: process.env.MONGODB_URI.trim() } : {}),
  };
  const io: CliIo = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };
  process.exitCode = await runUsers(process.argv.slice(2), config, io);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`users: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
