/**
 * GET /api/openapi.json. The document (openapi.ts) is generated from every route's zod schemas, which takes a
 * noticeable part of a start (loading the generator and running z.toJSONSchema over ~90 routes); few starts are
 * ever asked for it, so it is imported and built on the first request and its JSON kept for the process.
 */
import type { Server } from 'restify';
import type { Logger } from '../../models/logger';
import { OPENAPI_ROUTE_DOC } from './otherRoutes';
import { publicRoute } from './request';

let documentJson: Promise<string> | undefined;

/** The document as served, built once per process (the routes it describes are fixed at build time). */
function openApiJson(): Promise<string> {
  // the build is deterministic: one that fails (a route table's mistake, which test/api/openapi.test.ts catches)
  // answers every request with the same 500
  documentJson ??= import('./openapi').then(({ openApiDocument }) => JSON.stringify(openApiDocument));
  return documentJson;
}

export function registerOpenApiRoute(server: Server, deps: { logger: Logger }): void {
  server.get(
    OPENAPI_ROUTE_DOC.path,
    publicRoute(deps, async (_req, res) => {
      const body = await openApiJson();
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-cache' });
      res.end(body);
    }),
  );
}
