/**
 * The server as the composition root builds it (buildServer(): every route, middleware and error handler), answering
 * HTTP requests in process: each request is handed to the restify server's 'request' listener by light-my-request,
 * as Node's http.Server hands over a parsed request, and the answer comes back as fetch's Response. No socket, no
 * port, no background job (the Teams dispatcher, lead-event consumers, content polling, the campaign's sender and
 * reminders are not running: tests that need them, or what only a socket shows (gzip on the wire, body limits while
 * streaming, timeouts, Direct Line, the client's own address), stay on startTestBot).
 *
 * `bot.fetch(url, init)` takes the same arguments as fetch, with `bot.url` as the origin (or a bare path), so a
 * suite converted from startTestBot changes `fetch(` into `bot.fetch(`. Like Node's fetch it sends accept and
 * accept-language headers taking anything, and a `text/plain;charset=UTF-8` content type for a string body that
 * names none; unlike it,
 * it does not ask for compressed answers (no accept-encoding) and does not follow redirects (it throws on one unless
 * given `redirect: 'manual'`).
 */
import inject from 'light-my-request';
import { IncomingMessage, type ServerResponse } from 'node:http';
import type { BuiltServer, StartOptions } from '../../bot/index';
import { buildTestServer } from './botServer';

/** The origin of an in-process server: nothing listens there, and bot.fetch() never leaves the process. */
export const IN_PROCESS_ORIGIN = 'http://in-process.test';

export type InProcessFetch = (input: string | URL, init?: RequestInit) => Promise<Response>;

export interface InjectedBot extends BuiltServer {
  /** IN_PROCESS_ORIGIN: tests write `${bot.url}/path` as they would for a running bot */
  url: string;
  /** fetch, answered by the server in process */
  fetch: InProcessFetch;
}

/** startTestBot's server (same environment and options), built but not listening, answering bot.fetch() in process. */
export async function injectTestBot(env: Record<string, string | undefined> = {}, options: Omit<StartOptions, 'env'> = {}): Promise<InjectedBot> {
  const built = await buildTestServer(env, options);
  return Object.assign(built, { url: IN_PROCESS_ORIGIN, fetch: inProcessFetch(built.server.server) });
}

/** statuses whose response has no body (the Response constructor refuses one) */
const NULL_BODY = new Set([101, 204, 205, 304]);

/** A fetch whose requests the given http.Server's 'request' listeners answer in process. */
export function inProcessFetch(server: { emit(event: 'request', req: IncomingMessage, res: ServerResponse): boolean }): InProcessFetch {
  const dispatch = (req: IncomingMessage, res: ServerResponse): void => {
    server.emit('request', req, res);
  };
  const once = async (url: URL, method: string, headers: Headers, body: string | Buffer | undefined, signal: AbortSignal | undefined): Promise<Response> => {
    const sent: Record<string, string> = { accept: '*/*', 'accept-language': '*', 'user-agent': 'node' };
    headers.forEach((value, name) => (sent[name] = value));
    const answer = await inject(dispatch, {
      method: method as 'GET',
      url: `${url.pathname}${url.search}`,
      authority: url.host,
      headers: sent,
      ...(body === undefined ? {} : { payload: body }),
      ...(signal ? { signal } : {}),
      // restify adds its request methods (req.header(), req.connectionState()...) to http.IncomingMessage
      Request: IncomingMessage,
    });
    const responseHeaders = new Headers();
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value === undefined) continue;
      for (const one of Array.isArray(value) ? value : [value]) responseHeaders.append(name, String(one));
    }
    const hasBody = method !== 'HEAD' && !NULL_BODY.has(answer.statusCode);
    const response = new Response(hasBody ? new Uint8Array(answer.rawPayload) : null, { status: answer.statusCode, statusText: answer.statusMessage, headers: responseHeaders });
    Object.defineProperty(response, 'url', { value: url.href });
    return response;
  };

  return async (input, init = {}) => {
    const url = new URL(String(input), IN_PROCESS_ORIGIN);
    const headers = new Headers(init.headers);
    const body = bodyOf(init.body, headers);
    const response = await once(url, (init.method ?? 'GET').toUpperCase(), headers, body, init.signal ?? undefined);
    // fetch would follow it; no route of ours redirects today, so a redirect is a surprise a test should see
    if (response.status >= 300 && response.status < 400 && response.headers.has('location') && init.redirect !== 'manual') {
      throw new Error(`${url.pathname} redirects to ${response.headers.get('location')}: bot.fetch does not follow redirects (pass redirect: 'manual')`);
    }
    return response;
  };
}

/** The bytes of a request body as fetch would send them, and the content type it adds when the caller names none. */
function bodyOf(body: RequestInit['body'], headers: Headers): string | Buffer | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') {
    if (!headers.has('content-type')) headers.set('content-type', 'text/plain;charset=UTF-8');
    return body;
  }
  if (body instanceof URLSearchParams) {
    if (!headers.has('content-type')) headers.set('content-type', 'application/x-www-form-urlencoded;charset=UTF-8');
    return body.toString();
  }
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  throw new TypeError('bot.fetch sends string, URLSearchParams and byte bodies (use startTestBot for streams and forms)');
}
