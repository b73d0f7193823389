/**
 * The console for campaign staff and network operators, served by the bot:
 *   GET  /console                  the single-page console (web/console/index.html) with a strict CSP
 *   GET  /console/<file>.js|.css   its ES modules and styles (web/console/, pages/ included), all local
 *   POST /console/api/login        { name, password } -> session cookie + { name, role, projectIds, csrfToken }
 *   GET  /console/api/me           who is signed in (and the session's CSRF token), or 401
 *   POST /console/api/logout       ends the session (X-CSRF-Token required)
 *   GET  /console/api/strings      ?lang=it|en: the console's UI strings (`console` and `consoleContent` trees, sector labels)
 *   GET  /console/setup, POST /console/api/setup[/check]   the first staff account from a one-time link (setupRoutes.ts)
 * It also attaches the session-cookie resolver every /api route uses (bot/api/auth.ts), so the console calls the
 * same operators' API as scripts do, with the same role checks on the server.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Request, Response, Server } from 'restify';
import type { Domain } from '../../models/domain';
import { UnauthorizedError, ValidationError } from '../../models/errors';
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGES, readLocaleResources, type Language } from '../../models/i18n';
import { FALLBACK_CHAIN } from '../../models/languages';
import type { Logger } from '../../models/logger';
import { projectRoot } from '../../models/paths';
import { StoreLoginThrottle } from '../../models/sessions/storeLoginThrottle';
import { PasswordCheckBusyError } from '../../models/sessions/passwordHasher';
import { sameToken, type SessionStore } from '../../models/sessions/sessionStore';
import type { CookieSession, RequestWithSession } from '../api/auth';
import { sendApiError } from '../api/errors';
import { parseQuery } from '../api/request';
import { checkedBody } from '../api/routeTable';
import { LOGIN_BODY, type ConsoleSession } from './consoleSchemas';
import type { Config } from '../config';
import type { Store } from '../../models/store/store';
import { clearedSessionCookie, readCookie, SESSION_COOKIE, sessionCookie } from './cookies';
import { registerFirstStaffSetup } from './setupRoutes';
import { clientKeyOf } from '../http/clientAddress';

export interface ConsoleDeps {
  config: Config;
  domain: Domain;
  sessions: SessionStore;
  logger: Logger;
  now: () => Date;
  /** folder of the console's files (default web/console in the project) */
  webDir?: string;
  /** folder of the UI strings (default content/locales) */
  localesDir?: string;
  /** the store (the first-staff setup links live in it) */
  store: Store;
  /** the process's own standard output, where the first-staff setup link is printed (default process.stdout, or nowhere with LOG_LEVEL=silent) */
  print?: (text: string) => void;
}

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
/** how many more failures one client address may have than one account name (offices share an address) */
const PER_ADDRESS_FACTOR = 4;
const STRING_TREES = ['console', 'consoleContent', 'staffLanguages'] as const;

function sectorLabels(resource: Record<string, unknown>): Record<string, unknown> {
  const eligibility = resource.eligibility as { sector?: Record<string, unknown> } | undefined;
  return eligibility?.sector ?? {};
}

/** The console page's Content-Security-Policy: everything from this server only, nothing inline. */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

const FILE = /^(?:[a-z0-9-]{1,40}\/)?[a-z0-9-]{1,40}\.(js|css|svg)$/;
const TYPES: Record<string, string> = { js: 'application/javascript; charset=utf-8', css: 'text/css; charset=utf-8', svg: 'image/svg+xml' };

function requestIdOf(req: Request): string | undefined {
  return (req as Request & { requestId?: string }).requestId;
}

function securityHeaders(res: Response): void {
  res.header('X-Content-Type-Options', 'nosniff');
  res.header('Referrer-Policy', 'no-referrer');
  res.header('Cross-Origin-Resource-Policy', 'same-origin');
}

export interface ConsoleRoutes {
  /** the sign-in limiter, kept in the store (shared by every instance) */
  throttle: Promise<StoreLoginThrottle>;
  /** On start, once listening: with no active staff account, prints a one-time link to create the first one. */
  offerFirstStaffSetup(baseUrl: string): Promise<void>;
}

export function registerConsole(server: Server, deps: ConsoleDeps): ConsoleRoutes {
  const { config, domain, sessions, logger } = deps;
  const webDir = deps.webDir ?? path.join(projectRoot, 'web', 'console');
  const cookieFlags = { secure: (config.publicUrl ?? '').startsWith('https:') };
  // in the store, not in memory: several instances behind a balancer count the same attempts
  const throttle = StoreLoginThrottle.open(deps.store, { maxFailures: config.consoleLoginMaxFailures, windowMs: LOGIN_WINDOW_MS }, deps.now);
  throttle.catch(() => undefined); // a store that fails here fails each sign-in with its own error, not the process

  const resources = readLocaleResources(deps.localesDir);
  const strings = new Map<Language, string>(
    LANGUAGES.map((language) => [
      language,
      // sector labels come from the chat's own strings, so the console names a sector as the worker saw it
      // (a language without the console's own strings, e.g. one only workers read, gets Italian's trees)
      JSON.stringify({ ...Object.fromEntries(STRING_TREES.map((tree) => [tree, resources[language][tree] ?? resources[DEFAULT_LANGUAGE][tree] ?? {}])), sectors: sectorLabels(resources[language]) }),
    ]),
  );

  /** The request's session: null without a cookie; 401 for an expired/unknown one or a disabled account. */
  const resolveSession = async (req: Request): Promise<CookieSession | null> => {
    const id = readCookie(req.header('cookie'), SESSION_COOKIE);
    if (id === undefined) return null;
    const session = await sessions.resolve(id);
    if (!session) throw new UnauthorizedError('session_expired');
    const account = await domain.accounts.findById(session.accountId);
    const passwordChanged = account?.passwordSetAt !== undefined && account.passwordSetAt.getTime() > session.createdAt.getTime();
    if (!account || account.disabled || passwordChanged) {
      await sessions.destroy(id);
      throw new UnauthorizedError('session_expired');
    }
    return { account, csrfToken: session.csrfToken };
  };

  // Every request gets a lazy, memoised resolver; only routes that authenticate (and have no bearer) call it.
  server.use((req: Request, _res: Response, next) => {
    let resolved: Promise<CookieSession | null> | undefined;
    (req as RequestWithSession).sessionAuth = () => (resolved ??= resolveSession(req));
    return next();
  });

  const audit = async (actor: string, action: string, name: string): Promise<void> => {
    try {
      await domain.audit.append({ actor, action, target: `account:${name}` });
    } catch (err) {
      logger.error({ action, err: { name: err instanceof Error ? err.name : typeof err } }, 'audit entry not written');
    }
  };

  // ---- the page and its files ----------------------------------------------------------------------------------

  const sendPage = (_req: Request, res: Response): void => {
    let body: Buffer;
    try {
      body = fs.readFileSync(path.join(webDir, 'index.html'));
    } catch {
      sendApiError(res, new Error('console page missing'), logger, undefined);
      return;
    }
    securityHeaders(res);
    res.header('Content-Security-Policy', CONSOLE_CSP);
    res.header('X-Frame-Options', 'DENY');
    res.header('Cross-Origin-Opener-Policy', 'same-origin');
    res.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': body.length, 'Cache-Control': 'no-store' });
    res.end(body);
  };
  server.get('/console', (req: Request, res: Response, next) => {
    sendPage(req, res);
    next();
  });
  server.get('/console/', (req: Request, res: Response, next) => {
    sendPage(req, res);
    next();
  });
  // the page opened from the first-staff setup link (the token is in the fragment, read by the page's script)
  server.get('/console/setup', (req: Request, res: Response, next) => {
    sendPage(req, res);
    next();
  });
  const setup = registerFirstStaffSetup(server, {
    store: deps.store,
    domain,
    sessions,
    logger,
    now: deps.now,
    cookieFlags,
    // LOG_LEVEL=silent asks for no output at all (the tests' bots run so)
    print: deps.print ?? (config.logLevel === 'silent' ? () => undefined : (text) => process.stdout.write(text)),
  });

  // Files are read when asked for (a handful, small), so a page module added to web/console/pages/ is served
  // without a restart and a missing one is a clean 404 the shell turns into "not available".
  server.get('/console/*', async (req: Request, res: Response) => {
    const rel = String((req.params as Record<string, unknown> | undefined)?.['*'] ?? '');
    const match = FILE.exec(rel);
    securityHeaders(res);
    if (!match) {
      res.status(404);
      res.json({ error: { code: 'NOT_FOUND', reason: 'file_not_found' } });
      return;
    }
    let body: Buffer;
    try {
      body = await fs.promises.readFile(path.join(webDir, ...rel.split('/')));
    } catch {
      res.status(404);
      res.json({ error: { code: 'NOT_FOUND', reason: 'file_not_found' } });
      return;
    }
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    const headers: Record<string, string | number> = { 'Content-Type': TYPES[match[1]], 'Cache-Control': 'no-cache', ETag: etag };
    if (req.header('if-none-match') === etag) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Length': body.length });
    res.end(body);
  });

  // ---- the session API -----------------------------------------------------------------------------------------

  server.post('/console/api/login', async (req: Request, res: Response) => {
    res.header('Cache-Control', 'no-store');
    try {
      parseQuery(req.url, []);
      const { name, password } = checkedBody(req, LOGIN_BODY);
      const keys = [`name:${name.toLowerCase().slice(0, 64)}`, `ip:${clientKeyOf(req)}`];
      const limits = [config.consoleLoginMaxFailures, config.consoleLoginMaxFailures * PER_ADDRESS_FACTOR];
      // Counted here, before the password is checked: each attempt takes a slot in the store (a unique insert), so
      // concurrent attempts beyond the limit, on any instance, are refused without running scrypt.
      const decision = await (await throttle).attempt(keys, limits);
      if (!decision.allowed || !decision.ticket) {
        logger.warn({ reqId: requestIdOf(req) }, 'console sign-in refused: too many failed attempts');
        res.header('Retry-After', String(decision.retryAfterSeconds));
        res.status(429);
        res.json({ error: { code: 'RATE_LIMITED', reason: 'too_many_attempts', retryAfterSeconds: decision.retryAfterSeconds } });
        return;
      }
      const { ticket } = decision;
      let account: Awaited<ReturnType<typeof domain.accounts.verifyPassword>>;
      try {
        // a full queue refuses before the account is even looked up: a flood costs the server as little as possible
        if (!domain.accounts.hasher.hasRoom()) throw domain.accounts.hasher.refusal();
        account = await domain.accounts.verifyPassword(name, password);
      } catch (err) {
        // never checked (the queue of checks was full, or the store failed): the attempt does not count
        await ticket.cancelled();
        if (err instanceof PasswordCheckBusyError) {
          logger.warn({ reqId: requestIdOf(req) }, 'console sign-in refused: too many password checks waiting');
          res.header('Retry-After', String(err.retryAfterSeconds));
          res.status(503);
          res.json({ error: { code: 'BUSY', reason: 'sign_in_busy', retryAfterSeconds: err.retryAfterSeconds } });
          return;
        }
        throw err;
      }
      if (!account) {
        // the attempt stays counted
        await ticket.failed();
        // the same answer for an unknown name, a wrong password, no password and a disabled account
        throw new UnauthorizedError('invalid_credentials');
      }
      await ticket.succeeded();
      const { id, session } = await sessions.create(account._id);
      await audit(account.name, 'session.signed_in', account.name);
      res.header('Set-Cookie', sessionCookie(id, cookieFlags));
      res.json({ name: account.name, role: account.role, projectIds: account.role === 'operator' ? [...account.projectIds] : [], csrfToken: session.csrfToken } satisfies ConsoleSession);
    } catch (err) {
      sendApiError(res, err, logger, requestIdOf(req));
    }
  });

  server.get('/console/api/me', async (req: Request, res: Response) => {
    res.header('Cache-Control', 'no-store');
    try {
      parseQuery(req.url, []);
      const session = await resolveSession(req);
      if (!session) throw new UnauthorizedError('missing_token');
      const { account } = session;
      res.json({ name: account.name, role: account.role, projectIds: account.role === 'operator' ? [...account.projectIds] : [], csrfToken: session.csrfToken } satisfies ConsoleSession);
    } catch (err) {
      if (err instanceof UnauthorizedError) res.header('Set-Cookie', clearedSessionCookie(cookieFlags));
      sendApiError(res, err, logger, requestIdOf(req));
    }
  });

  server.post('/console/api/logout', async (req: Request, res: Response) => {
    res.header('Cache-Control', 'no-store');
    try {
      parseQuery(req.url, []);
      const id = readCookie(req.header('cookie'), SESSION_COOKIE);
      let session: CookieSession | null = null;
      try {
        session = await resolveSession(req);
      } catch (err) {
        if (!(err instanceof UnauthorizedError)) throw err;
      }
      if (session) {
        const sent = req.header('x-csrf-token') ?? '';
        if (sent === '' || !sameToken(sent, session.csrfToken)) {
          res.status(403);
          res.json({ error: { code: 'FORBIDDEN', reason: 'csrf_token_missing_or_invalid' } });
          return;
        }
        await sessions.destroy(id);
        await audit(session.account.name, 'session.signed_out', session.account.name);
      }
      res.header('Set-Cookie', clearedSessionCookie(cookieFlags));
      res.status(204);
      res.end();
    } catch (err) {
      sendApiError(res, err, logger, requestIdOf(req));
    }
  });

  server.get('/console/api/strings', async (req: Request, res: Response) => {
    try {
      const query = parseQuery(req.url, ['lang']);
      const lang = query.get('lang') ?? DEFAULT_LANGUAGE;
      // the console is for staff, in Italian or English (its strings exist in those only: STAFF_NAMESPACES)
      if (!isLanguage(lang) || !FALLBACK_CHAIN.includes(lang)) throw new ValidationError('lang', 'unsupported_language');
      const body = strings.get(lang) ?? '{}';
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-cache', 'Content-Language': lang });
      res.end(body);
    } catch (err) {
      sendApiError(res, err, logger, requestIdOf(req));
    }
  });

  return { throttle, offerFirstStaffSetup: (baseUrl) => setup.offer(baseUrl) };
}
