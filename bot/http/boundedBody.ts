import type { Transform } from 'node:stream';
import * as zlib from 'node:zlib';
import type { Next, Request, Response } from 'restify';
import { sendError } from './errors';

/** The content codings a request body may use; each inflates through a stream that is cut at the limit. */
const DECODERS: Record<string, () => Transform> = {
  gzip: () => zlib.createGunzip(),
  'x-gzip': () => zlib.createGunzip(),
  deflate: () => zlib.createInflate(),
  br: () => zlib.createBrotliDecompress(),
};
export const ACCEPTED_CONTENT_ENCODINGS = 'gzip, deflate, br';

/** restify's bodyReader skips a request whose body was already read (its own guard against reading twice). */
type ReadableRequest = Request & { _readBody?: boolean; body?: unknown };

function isText(contentType: string): boolean {
  return contentType === '' || contentType === 'application/json' || contentType === 'application/x-www-form-urlencoded' || contentType.startsWith('text/');
}

function declaresNoBody(req: Request): boolean {
  return req.headers['transfer-encoding'] === undefined && (req.headers['content-length'] === undefined || req.headers['content-length'] === '0');
}

/**
 * Reads every request body before any route (and so before any authentication) looks at it, bounded by
 * `maxBytes` counted after decoding: a gzip/deflate/br body is inflated through a stream with a byte counter and
 * cut the moment it passes the limit (a 200 KB gzip bomb costs at most `maxBytes` of memory, not 200 MB), then
 * answered 413. The wire bytes are bounded by the same limit. Unknown codings get 415, undecodable bodies 400.
 * restify's bodyParser runs after this only to parse what was read (its own reader counted compressed bytes).
 */
export function boundedBodyReader(options: { maxBytes: number }) {
  const { maxBytes } = options;
  return function readBoundedBody(req: Request, res: Response, next: Next): void {
    const request = req as ReadableRequest;
    if (request._readBody || declaresNoBody(req)) {
      request._readBody = true;
      next();
      return;
    }
    const contentType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    const refuse = (status: number, code: string, reason: string): void => {
      // The rest of the body is left unread: the connection cannot carry another request.
      res.header('Connection', 'close');
      sendError(res, status, code, reason);
      next(false);
    };
    if (contentType === 'multipart/form-data') {
      refuse(415, 'UNSUPPORTED_MEDIA_TYPE', 'multipart bodies are not accepted: send JSON');
      return;
    }
    const coding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
    const decoder = coding === 'identity' || coding === '' ? undefined : DECODERS[coding]?.();
    if (coding !== 'identity' && coding !== '' && !decoder) {
      res.header('Accept-Encoding', ACCEPTED_CONTENT_ENCODINGS);
      refuse(415, 'UNSUPPORTED_CONTENT_ENCODING', `content encoding "${coding.slice(0, 40)}" is not supported: use ${ACCEPTED_CONTENT_ENCODINGS} or none`);
      return;
    }
    const tooLarge = `the request body is larger than ${maxBytes} bytes${decoder ? ' once decoded' : ''}`;
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
      refuse(413, 'PAYLOAD_TOO_LARGE', tooLarge);
      return;
    }

    const chunks: Buffer[] = [];
    let wireBytes = 0;
    let bodyBytes = 0;
    let settled = false;
    const stopReading = (): void => {
      req.removeListener('data', onWire);
      req.removeListener('end', onWireEnd);
      req.removeListener('aborted', onAborted);
      req.removeListener('error', onAborted);
      if (decoder) {
        decoder.removeAllListeners('data');
        decoder.destroy();
      }
      chunks.length = 0;
    };
    const fail = (status: number, code: string, reason: string): void => {
      if (settled) return;
      settled = true;
      stopReading();
      // what is still arriving is discarded unread, never decoded or kept
      req.resume();
      refuse(status, code, reason);
    };
    const onBody = (chunk: Buffer): void => {
      if (settled) return;
      bodyBytes += chunk.length;
      if (bodyBytes > maxBytes) {
        fail(413, 'PAYLOAD_TOO_LARGE', tooLarge);
        return;
      }
      chunks.push(chunk);
    };
    const finish = (): void => {
      if (settled) return;
      settled = true;
      const body = Buffer.concat(chunks);
      stopReading();
      request.body = isText(contentType) ? body.toString('utf8') : body;
      request._readBody = true;
      next();
    };
    function onWire(chunk: Buffer): void {
      wireBytes += chunk.length;
      if (wireBytes > maxBytes) {
        fail(413, 'PAYLOAD_TOO_LARGE', tooLarge);
        return;
      }
      if (decoder) decoder.write(chunk);
      else onBody(chunk);
    }
    function onWireEnd(): void {
      if (decoder) decoder.end();
      else finish();
    }
    function onAborted(): void {
      // the client went away: nobody to answer, nothing to keep
      if (settled) return;
      settled = true;
      stopReading();
      next(false);
    }
    if (decoder) {
      decoder.on('data', onBody);
      decoder.once('end', finish);
      decoder.once('error', () => fail(400, 'INVALID_BODY_ENCODING', `the body is not valid ${coding} data`));
    }
    req.on('data', onWire);
    req.once('end', onWireEnd);
    req.once('aborted', onAborted);
    req.once('error', onAborted);
    req.resume();
  };
}
