/**
 * API accounts for network operators and staff.
 *
 *   npm run users -- add --name <name> --role operator|staff [--project <projectId>]...
 *   npm run users -- list
 *   npm run users -- rotate --name <name>       (new token; the old one stops working)
 *   npm run users -- disable --name <name>
 *   npm run users -- enable --name <name>
 *   npm run users -- add ... --teams-id <aadObjectId>   (links the person's Teams user: Entra object id)
 *   npm run users -- teams --name <name> --teams-id <aadObjectId>|none
 *   npm run users -- link-code <name>            (one-time code to type to the bot in Teams: "collega <code>")
 *   npm run users -- add ... --password-stdin     (also a console password, read from standard input)
 *   npm run users -- set-password <name>         (the console password, read from standard input)
 *
 * `add` and `rotate` print the bearer token alone on the last line of standard output (messages go to standard
 * error), so `TOKEN=$(npm run -s users -- add ...)` captures it. The token is shown this once: only its hash is
 * stored. Passwords (for the web console at /console) are read from standard input, never from the command
 * line (it would land in the shell history and the process list): its first line, at least 12 characters.
 * The store is the app's: MONGODB_URI when set, else the embedded store in DATA_DIR (default ./data), which one
 * process owns at a time: while the bot runs on it, this refuses in one line and changes nothing (use the console).
 */
import { AccountService, ROLES, type Role } from '../models/accounts/accountService';
import { isAppError } from '../models/errors';
import { checkPasswordPolicy, PASSWORD_MIN } from '../models/sessions/passwords';
import { ProjectRepository, seedSampleProjects } from '../models/projects/projectRepository';
import { createStore } from '../models/store/createStore';
import { parseCommandLine, runCli, type CliIo } from './cli';
import type { StoreConfig } from '../models/store/store';

export type { CliIo } from './cli';

const USAGE = `usage:
  users add --name <name> --role operator|staff [--project <projectId>]...
  users list
  users rotate --name <name>
  users disable --name <name>
  users enable --name <name>
  users add ... --teams-id <aadObjectId>
  users teams --name <name> --teams-id <aadObjectId>|none
  users link-code <name>
  users add ... --password-stdin
  users set-password <name>        (password on standard input)
`;

const FLAGS = {
  name: { type: 'string' },
  role: { type: 'string' },
  project: { type: 'string', multiple: true },
  'teams-id': { type: 'string' },
  'password-stdin': { type: 'boolean' },
} as const;

interface Parsed {
  command?: string;
  name?: string;
  role?: string;
  teamsId?: string;
  projects: string[];
  passwordStdin: boolean;
  problems: string[];
}

function parse(argv: readonly string[]): Parsed {
  const { values, positionals, problem } = parseCommandLine(argv, FLAGS);
  const [command, ...rest] = positionals;
  // `link-code <name>` and `set-password <name>`: the name may come without --name
  const bareName = command === 'link-code' || command === 'set-password' ? rest.shift() : undefined;
  const problems = problem === undefined ? [] : [problem];
  for (const extra of rest) problems.push(`unexpected argument ${extra}`);
  return {
    command,
    name: values.name ?? bareName,
    role: values.role,
    teamsId: values['teams-id'],
    projects: values.project ?? [],
    passwordStdin: values['password-stdin'] ?? false,
    problems,
  };
}

/** Runs one command against the store described by `config`; returns the exit status. */
export async function runUsers(argv: readonly string[], config: StoreConfig, io: CliIo, now: () => Date = () => new Date()): Promise<number> {
  const args = parse(argv);
  const needsName = ['add', 'rotate', 'disable', 'enable', 'teams', 'link-code', 'set-password'];
  if (!args.command || ![...needsName, 'list'].includes(args.command)) args.problems.push('unknown command');
  if (args.command && needsName.includes(args.command) && !args.name) args.problems.push('--name is required');
  if (args.command === 'add' && !(ROLES as readonly string[]).includes(args.role ?? '')) args.problems.push('--role must be operator or staff');
  if (args.command === 'teams' && !args.teamsId) args.problems.push('--teams-id is required (an Entra object id, or none)');
  if (args.passwordStdin && args.command !== 'add') args.problems.push('--password-stdin goes with add');
  if (args.problems.length > 0) {
    io.err(`${args.problems.join('\n')}\n${USAGE}`);
    return 2;
  }
  let password: string | undefined;
  if (args.passwordStdin || args.command === 'set-password') {
    // the first line of standard input, without its line ending; checked before the store is touched
    password = ((await io.readStdin?.()) ?? '').split(/\r?\n/)[0];
    try {
      checkPasswordPolicy(password);
    } catch (err) {
      io.err(`error: ${(err as Error).message} (the password is read from standard input: at least ${PASSWORD_MIN} characters)\n`);
      return 2;
    }
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
        const { account, token } = await accounts.createAccount({ name, role: args.role as Role, projectIds: args.projects, ...(args.teamsId ? { teamsAadObjectId: args.teamsId } : {}) });
        if (password !== undefined) await accounts.setPassword(account.name, password);
        const scope = account.role === 'operator' ? ` for projects: ${account.projectIds.join(', ') || '(none)'}` : '';
        const signIn = password !== undefined ? ' It can sign in to the console with the password given.' : '';
        io.err(`created ${account.role} account "${account.name}"${scope}.${signIn} The token below is shown only now.\n`);
        io.out(`${token}\n`);
        break;
      }
      case 'rotate': {
        const token = await accounts.rotateToken(name);
        io.err(`new token for "${name}"; the old one no longer works. The token below is shown only now.\n`);
        io.out(`${token}\n`);
        break;
      }
      case 'teams': {
        const account = await accounts.setTeamsUser(name, args.teamsId === 'none' ? null : (args.teamsId as string));
        io.out(`${account.name}\tteams ${account.teamsAadObjectId ?? '(not linked)'}\n`);
        break;
      }
      case 'link-code': {
        const { code, expiresAt } = await accounts.createLinkCode(name);
        io.err(`one-time code for "${name}", valid until ${expiresAt.toISOString()} (15 minutes, single use).\nIn Teams, in a private chat with the bot, type: collega ${code}\n`);
        io.out(`${code}\n`);
        break;
      }
      case 'set-password': {
        await accounts.setPassword(name, password as string);
        io.out(`password set for "${name}"; its console sessions have ended\n`);
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
          io.out(`${a.name}\t${a.role}\t${a.disabled ? 'disabled' : 'active'}\t${a.projectIds.join(',')}${a.teamsAadObjectId ? `\tteams:${a.teamsAadObjectId}` : ''}\n`);
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

/** Standard input to its end (a pipe or a file); on a terminal, one typed line, not echoed back. */
async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) {
    process.stderr.write('password: ');
    process.stdin.setRawMode?.(true);
    return new Promise((resolve) => {
      let typed = '';
      const onData = (chunk: Buffer): void => {
        for (const ch of chunk.toString('utf8')) {
          if (ch === '\r' || ch === '\n' || ch === '\u0004') {
            process.stdin.setRawMode?.(false);
            process.stdin.pause();
            process.stdin.off('data', onData);
            process.stderr.write('\n');
            resolve(typed);
            return;
          }
          if (ch === '\u0003') process.exit(130);
          typed = ch === '\u007f' ? typed.slice(0, -1) : typed + ch;
        }
      };
      process.stdin.on('data', onData);
      process.stdin.resume();
    });
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

if (require.main === module) runCli('users', runUsers, { readStdin });
