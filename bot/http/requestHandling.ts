import { randomUUID } from 'node:crypto';
import * as restify from 'restify';
import type { Request, Response, Server } from 'restify';
import type { Logger } from '../../models/logger';
import type { Config } from '../config';
import { boundedBodyReader } from './boundedBody';
import { ClientAddresses, rememberClientAddress } from './clientAddress';
import { describeError } from '../../models/errorDescription';

/**
 * What every request goes through: an id, its client address (for per-client limits, see clientAddress.ts), a
 * body read within MAX_BODY_BYTES counted after decoding (too large -> 413, unknown encoding -> 415), a JSON body
 * parser (bad JSON -> 400), an access log line without bodies, and a JSON 500 that hides internal details.
 */
/** The longest reason an error answer (and the access log's path) carries. */
export const REASON_CHARS = 200;

/** restify errors whose message quotes the request's URL, said without it. */
const FIXED_REASONS: Readonly<Record<string, string>> = {
  ResourceNotFoundError: 'no such resource',
  MethodNotAllowedError: 'method not allowed on this resource',
};

function boundedReason(text: string): string {
  return text.length <= REASON_CHARS ? text : `${text.slice(0, REASON_CHARS - 1)}…`;
}

export function installRequestHandling(server: Server, config: Pick<Config, 'maxBodyBytes' | 'trustedProxies'>, logger: Logger): void {
  const clients = new ClientAddresses(config.trustedProxies);
  server.pre((req: Request, res: Response, next) => {
    const id = (req.header('x-request-id') || randomUUID()).slice(0, 64);
    res.header('x-request-id', id);
    (req as Request & { requestId?: string }).requestId = id;
    rememberClientAddress(req, clients);
    return next();
  });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(boundedBodyReader({ maxBytes: config.maxBodyBytes }));
  server.use(restify.plugins.bodyParser({ maxBodySize: config.maxBodyBytes, mapParams: false, mapFiles: false, rejectUnknown: false }));

  server.on('after', (req: Request, res: Response) => {
    const path = req.getPath();
    if (path === '/healthz' || path === '/readyz') return;
    logger.info({ reqId: (req as Request & { requestId?: string }).requestId, method: req.method, path: boundedReason(path), status: res.statusCode, ms: Date.now() - req.time() }, 'request');
  });

  server.on('restifyError', (req: Request, res: Response, err: Error & { statusCode?: number; toJSON?: () => unknown }, callback: () => void) => {
    const status = err.statusCode ?? 500;
    if (status >= 500) logger.error({ reqId: (req as Request & { requestId?: string }).requestId, err: describeError(err) }, 'request failed');
    // restify's own 4xx errors (bad JSON, too large) already say why; 5xx hide details. Not found and wrong method
    // repeat the whole URL in restify's message ("/x... does not exist"): a URL as long as the server takes would come
    // back whole, so those say it in a fixed sentence, and any other reason is cut to REASON_CHARS.
    const reason = status >= 500 ? 'internal error' : (FIXED_REASONS[err.name] ?? boundedReason(err.message));
    err.toJSON = () => ({ error: { code: err.name.replace(/Error$/, '').replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase(), reason } });
    return callback();
  });
}
