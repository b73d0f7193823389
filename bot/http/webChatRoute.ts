import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { LANGUAGES, readLocaleResources } from '../../models/i18n';
import type { Logger } from '../../models/logger';
import { projectRoot } from '../../models/paths';
import { createAzureTokenExchange } from '../channels/directline/azureTokenExchange';
import type { FetchLike } from '../channels/directline/botForwarder';
import { LocalDirectLine } from '../channels/directline/localDirectLine';
import { PerClientRateLimiter, TokenBucket, type RateLimit } from '../channels/directline/rateLimiter';
import type { Config } from '../config';
import { clientKeyOf } from './clientAddress';
import { sendError } from './errors';

/** What POST /api/directline/token answers (Azure's exchange or the local stand-in). */
export const directLineTokenSchema = z
  .object({
    token: z.string(),
    conversationId: z.string(),
    expires_in: z.int(),
    domain: z.string().meta({ description: 'Direct Line base URL, ending in /v3/directline' }),
  })
  .meta({ id: 'DirectLineToken' });
type DirectLineTokenAnswer = z.infer<typeof directLineTokenSchema>;

const gzipAsync = promisify(gzip);

/** Web chat tokens: per client (a reload or two a minute, with room for an office behind one address), and overall. */
export const TOKEN_LIMITS: { readonly perClient: RateLimit; readonly allClients: RateLimit } = {
  perClient: { burst: 20, perMinute: 60 },
  allClients: { burst: 600, perMinute: 6000 },
};

/** How the page reaches the bot: Azure's Direct Line (secret set), the bot's own (local mode), or not at all. */
export type WebChatMode = 'azure' | 'local' | 'off';

export interface WebChatChannel {
  readonly mode: WebChatMode;
  /** the local Direct Line, in local mode (tests look into it) */
  readonly localDirectLine?: LocalDirectLine;
  /** stops timers; the server's stop calls it */
  close(): void;
}

export interface WebChatDeps {
  config: Config;
  logger: Logger;
  /** the bot's loopback origin, known once the server listens */
  botOrigin: () => string;
  /** outgoing calls to other services (the Direct Line token exchange); tests stub this boundary */
  fetch?: FetchLike;
  /** folder of the page's files (default web/ in the project) */
  webDir?: string;
  /** folder of the UI strings, whose `webPage` group the page shows (default content/locales) */
  localesDir?: string;
}

export function webChatMode(config: Pick<Config, 'directLineSecret' | 'microsoftAppId'>): WebChatMode {
  if (config.directLineSecret) return 'azure';
  if (!config.microsoftAppId) return 'local';
  return 'off';
}

interface StaticFile {
  body: Buffer;
  gzipped?: Buffer;
  etag: string;
  type: string;
  cacheControl: string;
}

function staticFile(body: Buffer, type: string, cacheControl: string): StaticFile {
  return { body, type, cacheControl, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
}

/**
 * The page's own texts (header, notice, loading and failure) in each language that has them, from the `webPage`
 * group of content/locales/<lng>/webPage.json, so they are translated and reviewed with the bot's strings. Put in
 * the page as a JSON data block (not run, so no Content-Security-Policy exception); `<` is escaped so no text can
 * close the element.
 */
export function pageTextsJson(localesDir?: string): string {
  const resources = readLocaleResources(localesDir);
  const texts = Object.fromEntries(LANGUAGES.flatMap((language) => (resources[language].webPage ? [[language, resources[language].webPage]] : [])));
  return JSON.stringify(texts).replace(/</g, '\\u003c');
}

/** The bundle Web Chat publishes for <script> use (UMD, defines window.WebChat), from its npm package. */
export function webChatBundlePath(): string {
  return path.join(path.dirname(require.resolve('botframework-webchat')), '..', 'dist', 'webchat.js');
}

/** Headers of every page file: no sniffing, no referrer leaking, no powerful features. */
function baseHeaders(res: Response): void {
  res.header('X-Content-Type-Options', 'nosniff');
  res.header('Referrer-Policy', 'no-referrer');
  res.header('Cross-Origin-Resource-Policy', 'same-origin');
}

/**
 * Web Chat's CSS-in-JS creates empty <style> elements and fills them through the CSSOM (not subject to CSP). Its
 * own sheet carries the nonce; the one of react-scroll-to-bottom inside it does not (Web Chat 4.18 does not pass
 * the nonce down), so the hash of the empty string admits exactly an empty <style>, and nothing with content.
 */
const EMPTY_STYLE_HASH = `sha256-${createHash('sha256').update('').digest('base64')}`;

/**
 * The page's Content-Security-Policy: scripts only from this server (Web Chat's bundle needs no eval), Web Chat's
 * runtime styles only with the page's nonce, network calls only to this server and, with Azure, Direct Line.
 */
export function contentSecurityPolicy(nonce: string, directLineOrigin: string | undefined): string {
  const connect = ["'self'"];
  if (directLineOrigin) connect.push(directLineOrigin, directLineOrigin.replace(/^http/, 'ws'));
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}' '${EMPTY_STYLE_HASH}'`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "media-src 'self' blob:",
    `connect-src ${connect.join(' ')}`,
    "frame-ancestors 'self'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** The origin the browser used for this page, for the local Direct Line's `domain`. */
function requestOrigin(req: Request, publicUrl: string | undefined, fallback: string): string {
  const host = req.header('host');
  if (host && /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host)) {
    const forwarded = (req.header('x-forwarded-proto') ?? '').split(',')[0].trim();
    let scheme = req.isSecure() || forwarded === 'https' ? 'https' : 'http';
    if (publicUrl && new URL(publicUrl).host === host) scheme = new URL(publicUrl).protocol.replace(':', '');
    return `${scheme}://${host}`;
  }
  return publicUrl ? new URL(publicUrl).origin : fallback;
}

/**
 * The web channel: the chat page (GET /), its files and Web Chat's bundle, all served from here (no CDN); the
 * token endpoint the page calls (POST /api/directline/token); and, in local mode, the bot's own Direct Line.
 */
export function registerWebChat(server: Server, deps: WebChatDeps): WebChatChannel {
  const { config, logger } = deps;
  const mode = webChatMode(config);
  const webDir = deps.webDir ?? path.join(projectRoot, 'web');
  const template = fs.readFileSync(path.join(webDir, 'index.html'), 'utf8');
  for (const placeholder of ['{{NONCE}}', '{{PAGE_TEXTS}}']) {
    if (!template.includes(placeholder)) throw new Error(`${path.join(webDir, 'index.html')} must carry the ${placeholder} placeholder`);
  }
  const page = template.replace('{{PAGE_TEXTS}}', () => pageTextsJson(deps.localesDir));
  const files = new Map<string, StaticFile>([
    ['/app.js', staticFile(fs.readFileSync(path.join(webDir, 'app.js')), 'application/javascript; charset=utf-8', 'no-cache')],
    ['/styles.css', staticFile(fs.readFileSync(path.join(webDir, 'styles.css')), 'text/css; charset=utf-8', 'no-cache')],
  ]);
  const bundlePath = webChatBundlePath();
  if (!fs.existsSync(bundlePath)) throw new Error(`Web Chat's bundle is missing at ${bundlePath}: run npm install`);
  let bundle: Promise<StaticFile> | undefined;
  const loadBundle = (): Promise<StaticFile> =>
    (bundle ??= (async () => {
      const file = staticFile(await fs.promises.readFile(bundlePath), 'application/javascript; charset=utf-8', 'public, max-age=86400');
      file.gzipped = await gzipAsync(file.body);
      return file;
    })());

  const directLineOrigin = mode === 'azure' ? config.directLineEndpoint : undefined;

  server.get('/', (_req: Request, res: Response, next) => {
    const nonce = randomBytes(16).toString('base64');
    const body = page.replace(/\{\{NONCE\}\}/g, nonce);
    baseHeaders(res);
    res.header('Content-Security-Policy', contentSecurityPolicy(nonce, directLineOrigin));
    res.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
    res.header('Cross-Origin-Opener-Policy', 'same-origin');
    res.header('X-Frame-Options', 'SAMEORIGIN');
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' });
    res.end(body);
    next();
  });

  const sendStatic = (req: Request, res: Response, file: StaticFile): void => {
    baseHeaders(res);
    const headers: Record<string, string | number> = { 'Content-Type': file.type, 'Cache-Control': file.cacheControl, ETag: file.etag, Vary: 'Accept-Encoding' };
    if (req.header('if-none-match') === file.etag) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    const useGzip = file.gzipped !== undefined && /\bgzip\b/.test(req.header('accept-encoding') ?? '');
    const body = useGzip && file.gzipped ? file.gzipped : file.body;
    if (useGzip) headers['Content-Encoding'] = 'gzip';
    headers['Content-Length'] = body.length;
    res.writeHead(200, headers);
    res.end(body);
  };

  for (const [route, file] of files) {
    server.get(route, (req: Request, res: Response, next) => {
      sendStatic(req, res, file);
      next();
    });
  }
  server.get('/webchat/webchat.js', async (req: Request, res: Response) => {
    sendStatic(req, res, await loadBundle());
  });

  let localDirectLine: LocalDirectLine | undefined;
  if (mode === 'local') {
    localDirectLine = new LocalDirectLine({ botOrigin: deps.botOrigin, logger, tokenKey: config.directLineTokenKey });
    localDirectLine.register(server);
    logger.info({ webChat: 'local' }, 'web chat: the bot serves its own Direct Line (no DIRECT_LINE_SECRET, no MicrosoftAppId)');
  } else if (mode === 'azure') {
    logger.info({ webChat: 'azure', endpoint: config.directLineEndpoint }, 'web chat: tokens from Azure Bot Service Direct Line');
  } else {
    logger.warn({ webChat: 'off' }, 'web chat: MicrosoftAppId is set but DIRECT_LINE_SECRET is not, so the page cannot connect');
  }

  const exchange =
    mode === 'azure' && config.directLineSecret
      ? createAzureTokenExchange({ secret: config.directLineSecret, endpoint: config.directLineEndpoint, fetch: deps.fetch ?? ((input, init) => fetch(input, init)) })
      : undefined;

  // Each token costs an Azure call or may open a local conversation (memory). Budgets are per client, so one
  // client opening chats in a loop does not lock other visitors out; the process-wide brake is far above what one
  // client may take and only stops a flood from many addresses at once.
  const perClient = new PerClientRateLimiter(TOKEN_LIMITS.perClient);
  const allClients = new TokenBucket(TOKEN_LIMITS.allClients);
  server.post('/api/directline/token', async (req: Request, res: Response) => {
    res.header('Cache-Control', 'no-store');
    const mine = perClient.take(clientKeyOf(req));
    const decision = mine.allowed ? allClients.take() : mine;
    if (!decision.allowed) {
      res.header('Retry-After', String(decision.retryAfterSeconds));
      sendError(res, 429, 'RATE_LIMITED', mine.allowed ? 'too many chats are being opened: try again in a few seconds' : 'you have opened many chats in a short time: try again in a few seconds');
      return;
    }
    if (exchange) {
      const result = await exchange();
      if (!result.ok) {
        logger.warn({ reason: result.reason }, 'web chat: no Direct Line token');
        sendError(res, 502, 'DIRECT_LINE_UNAVAILABLE', result.reason);
        return;
      }
      res.json(result.value satisfies DirectLineTokenAnswer);
      return;
    }
    if (localDirectLine) {
      const issued = localDirectLine.issueToken();
      res.json({ ...issued, domain: `${requestOrigin(req, config.publicUrl, deps.botOrigin())}/v3/directline` } satisfies DirectLineTokenAnswer);
      return;
    }
    sendError(res, 503, 'WEB_CHAT_NOT_CONFIGURED', 'the web chat needs DIRECT_LINE_SECRET when MicrosoftAppId is set');
  });

  return {
    mode,
    localDirectLine,
    close: () => localDirectLine?.close(),
  };
}
