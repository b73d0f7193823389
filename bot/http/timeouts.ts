import type { Server } from 'node:http';

/** How long the HTTP server waits for a client; every value is in milliseconds. */
export interface HttpTimeouts {
  /** the request line and headers must arrive within this (slow-header clients are cut with 408) */
  readonly headersTimeoutMs: number;
  /** the whole request, body included, must arrive within this: the slow-body guard (408, then the socket closes) */
  readonly requestTimeoutMs: number;
  /** an idle keep-alive connection is closed after this */
  readonly keepAliveTimeoutMs: number;
  /** how often Node checks the two timeouts above; a slow client is cut at most this long after its deadline */
  readonly checkIntervalMs: number;
}

/**
 * A slow-body socket is closed within requestTimeoutMs + checkIntervalMs = 21 s (under 30 s with room for a busy
 * machine). Node's defaults (300 s for the request, checked every 30 s) let one client hold sockets and parsers for
 * minutes. 20 s for a full 256 KB body still allows a 13 KB/s upload.
 */
export const DEFAULT_HTTP_TIMEOUTS: HttpTimeouts = {
  headersTimeoutMs: 15_000,
  requestTimeoutMs: 20_000,
  keepAliveTimeoutMs: 5_000,
  checkIntervalMs: 1_000,
};

/** Sets the timeouts on the Node server under restify; call it before listen (the check interval starts then). */
export function applyHttpTimeouts(server: Server, overrides: Partial<HttpTimeouts> = {}): HttpTimeouts {
  const timeouts = { ...DEFAULT_HTTP_TIMEOUTS, ...overrides };
  // Node requires headersTimeout <= requestTimeout.
  server.requestTimeout = timeouts.requestTimeoutMs;
  server.headersTimeout = Math.min(timeouts.headersTimeoutMs, timeouts.requestTimeoutMs);
  server.keepAliveTimeout = timeouts.keepAliveTimeoutMs;
  // Read by Node when the server starts listening (http.Server's connections check).
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = timeouts.checkIntervalMs;
  return timeouts;
}
