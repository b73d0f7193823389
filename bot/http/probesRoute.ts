import type { Request, Response, Server } from 'restify';
import type { Store } from '../../models/store/store';

/**
 * Liveness (the process serves HTTP) and readiness (the store answers, and takes writes: after a failed write the
 * embedded store probes the disk, so readiness comes back by itself), for orchestrators and load balancers.
 * Records quarantined at load are reported under `quarantined` until staff acknowledge them, with the status
 * still 200: the store serves every other record, and a 503 would only take the one instance out of service.
 */
export function registerProbes(server: Server, store: Store, isStopping: () => boolean): void {
  server.get('/healthz', (_req: Request, res: Response, next) => {
    res.json({ status: 'ok' });
    next();
  });
  server.get('/readyz', async (_req: Request, res: Response) => {
    if (isStopping()) {
      res.status(503);
      res.json({ status: 'stopping' });
      return;
    }
    const quarantined = store.quarantined();
    const attention = quarantined.length > 0 ? { quarantined } : {};
    try {
      await store.ping();
      res.json({ status: 'ready', store: store.kind, ...attention });
    } catch {
      res.status(503);
      res.json({ status: 'unavailable', store: store.kind, ...attention });
    }
  });
}
