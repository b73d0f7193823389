import type { Request, Response, Server } from 'restify';
import type { Store } from '../../models/store/store';

/** Liveness (the process serves HTTP) and readiness (the store answers), for orchestrators and load balancers. */
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
    try {
      await store.ping();
      res.json({ status: 'ready', store: store.kind });
    } catch {
      res.status(503);
      res.json({ status: 'unavailable', store: store.kind });
    }
  });
}
