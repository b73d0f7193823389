import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { Store } from '../../models/store/store';

export const quarantineReportSchema = z
  .object({
    collection: z.string().meta({ description: 'The collection whose data file held damaged lines' }),
    lines: z.int().meta({ description: 'How many lines were set aside' }),
    file: z.string().meta({ description: 'The quarantine file in the data folder, e.g. leads.db.quarantine' }),
  })
  .meta({ id: 'QuarantineReport' });

export const healthSchema = z.object({ status: z.enum(['ok']) }).meta({ id: 'Health' });

export const readinessSchema = z
  .object({
    status: z.enum(['ready', 'stopping', 'unavailable']),
    store: z.string().meta({ description: 'The store\'s kind (absent while stopping)' }).optional(),
    quarantined: z.array(quarantineReportSchema).optional(),
  })
  .meta({ id: 'Readiness' });
type Readiness = z.infer<typeof readinessSchema>;

/**
 * Liveness (the process serves HTTP) and readiness (the store answers, and takes writes: after a failed write the
 * embedded store probes the disk, so readiness comes back by itself), for orchestrators and load balancers.
 * Records quarantined at load are reported under `quarantined` until staff acknowledge them, with the status
 * still 200: the store serves every other record, and a 503 would only take the one instance out of service.
 */
export function registerProbes(server: Server, store: Store, isStopping: () => boolean): void {
  server.get('/healthz', (_req: Request, res: Response, next) => {
    res.json({ status: 'ok' } satisfies z.infer<typeof healthSchema>);
    next();
  });
  server.get('/readyz', async (_req: Request, res: Response) => {
    if (isStopping()) {
      res.status(503);
      res.json({ status: 'stopping' } satisfies Readiness);
      return;
    }
    const quarantined = store.quarantined();
    const attention = quarantined.length > 0 ? { quarantined } : {};
    try {
      await store.ping();
      res.json({ status: 'ready', store: store.kind, ...attention } satisfies Readiness);
    } catch {
      res.status(503);
      res.json({ status: 'unavailable', store: store.kind, ...attention } satisfies Readiness);
    }
  });
}
