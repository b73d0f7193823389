/**
 * The first staff account from a one-time link (models/accounts/firstStaffSetup.ts), so nobody has to stop the bot
 * to run the users CLI on its embedded store:
 *   GET  /console/setup              the console page (registered with the page); the token rides in the fragment
 *                                    (#<token>), which browsers never send, so it stays out of access logs
 *   POST /console/api/setup/check    { token } -> { expiresAt }, or 410 when the link is used, expired or unknown
 *   POST /console/api/setup          { token, name, displayName?, password } -> 201 and signed in (session cookie,
 *                                    as after a sign-in); 410 as above; 400 for a bad name or password
 * At start, `offer()` prints the link when the store has no active staff account.
 */
import type { Request, Response, Server } from 'restify';
import type { Domain } from '../../models/domain';
import { FirstStaffSetup, SetupLinkGoneError } from '../../models/accounts/firstStaffSetup';
import type { Logger } from '../../models/logger';
import type { SessionStore } from '../../models/sessions/sessionStore';
import type { Store } from '../../models/store/store';
import { sendApiError } from '../api/errors';
import { parseQuery } from '../api/request';
import { checkedBody } from '../api/routeTable';
import { sessionCookie } from './cookies';
import { SETUP_BODY, SETUP_CHECK_BODY, type ConsoleSession } from './consoleSchemas';

export interface SetupDeps {
  store: Store;
  domain: Domain;
  sessions: SessionStore;
  logger: Logger;
  now: () => Date;
  cookieFlags: { secure: boolean };
  /** where the link line goes: the process's own standard output */
  print: (text: string) => void;
}

export interface FirstStaffSetupRoutes {
  /** On start: with no active staff account, prints the one-time link under `baseUrl`; never throws. */
  offer(baseUrl: string): Promise<void>;
}

function requestIdOf(req: Request): string | undefined {
  return (req as Request & { requestId?: string }).requestId;
}

function sendGone(res: Response, err: SetupLinkGoneError): void {
  res.status(410);
  res.json({ error: { code: 'GONE', reason: err.reason } });
}

export function registerFirstStaffSetup(server: Server, deps: SetupDeps): FirstStaffSetupRoutes {
  const { domain, sessions, logger } = deps;
  const setup = new FirstStaffSetup(deps.store, { accounts: domain.accounts, now: deps.now });

  server.post('/console/api/setup/check', async (req: Request, res: Response) => {
    res.header('Cache-Control', 'no-store');
    try {
      parseQuery(req.url, []);
      const { token } = checkedBody(req, SETUP_CHECK_BODY);
      const { expiresAt } = await setup.check(token);
      res.json({ expiresAt: expiresAt.toISOString() });
    } catch (err) {
      if (err instanceof SetupLinkGoneError) sendGone(res, err);
      else sendApiError(res, err, logger, requestIdOf(req));
    }
  });

  server.post('/console/api/setup', async (req: Request, res: Response) => {
    res.header('Cache-Control', 'no-store');
    try {
      parseQuery(req.url, []);
      const { token, name, displayName, password } = checkedBody(req, SETUP_BODY);
      const account = await setup.createFirstStaff(token, { name, displayName, password });
      try {
        await domain.audit.append({ actor: account.name, action: 'account.created', target: `account:${account.name}`, details: { role: account.role, via: 'first_staff_setup_link', consoleSignIn: true } });
      } catch (err) {
        logger.error({ action: 'account.created', err: { name: err instanceof Error ? err.name : typeof err } }, 'audit entry not written');
      }
      logger.info({ reqId: requestIdOf(req) }, 'first staff account created from the setup link');
      const { id, session } = await sessions.create(account._id);
      res.header('Set-Cookie', sessionCookie(id, deps.cookieFlags));
      res.status(201);
      res.json({ name: account.name, role: account.role, projectIds: [], csrfToken: session.csrfToken } satisfies ConsoleSession);
    } catch (err) {
      if (err instanceof SetupLinkGoneError) sendGone(res, err);
      else sendApiError(res, err, logger, requestIdOf(req));
    }
  });

  return {
    async offer(baseUrl: string): Promise<void> {
      try {
        const offered = await setup.offer();
        if (!offered) return;
        const minutes = Math.round((offered.expiresAt.getTime() - deps.now().getTime()) / 60000);
        // The logger gets no token: its lines may be shipped and kept elsewhere.
        logger.warn({ expiresAt: offered.expiresAt.toISOString() }, 'no active staff account: open the one-time setup link printed on standard output to create the first one');
        // The only place the token ever appears outside the store (which keeps its hash): this one line, on the
        // process's own standard output, for the person who started the bot.
        deps.print(`\nNo staff account yet. Create the first one in the console: open this link within ${minutes} minutes (it works once)\n  ${baseUrl.replace(/\/+$/, '')}/console/setup#${offered.token}\n\n`);
      } catch (err) {
        logger.error({ err: { name: err instanceof Error ? err.name : typeof err } }, 'first staff setup link not issued');
      }
    },
  };
}
