import express, { type ErrorRequestHandler, type Router } from 'express';
import type { OpenMetricsContentType, Registry } from 'prom-client';
import type { Logger } from 'winston';
import { jsonBodyErrors, metricsHandler } from '@driftlab/serving';

/*
 * The lab is the only HTTP host: each process composes one app from the components it runs —
 * serving's prediction router, the exporter's ingest router, the lab's control router — and
 * serves them with one /healthz, one /metrics over their registries, one /openapi.json, and one
 * way of answering errors.
 */

export interface HostOptions {
  /** The components' routers, in order. Each parses its own POST bodies, with its own limit. */
  readonly routers: readonly Router[];
  /** Served together on /metrics (serving's, the exporter's, the lab's). */
  readonly registries: readonly Registry<OpenMetricsContentType>[];
  /** The document /openapi.json serves: the paths of the routers this process hosts. */
  readonly openapi: object;
  /** 500s are logged here (the answer says nothing of internals). */
  readonly logger?: Logger;
}

export function createHost(options: HostOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/metrics', metricsHandler(options.registries));
  app.get('/openapi.json', (_req, res) => {
    res.json(options.openapi);
  });
  for (const router of options.routers) app.use(router);
  app.use((_req, res) => {
    res.status(404).json({ error: 'no such route; see /openapi.json' });
  });
  app.use(jsonBodyErrors, clientErrors, internalErrors(options.logger));
  return app;
}

/** Other 4xx errors express raised (after jsonBodyErrors): answered with their status. */
const clientErrors: ErrorRequestHandler = (err, _req, res, next) => {
  const e = err as { status?: number; message?: string };
  if (e.status && e.status >= 400 && e.status < 500)
    return void res.status(e.status).json({ error: e.message ?? 'bad request' });
  next(err);
};

/** Anything else is our fault: logged, and answered 500 without internals. */
function internalErrors(logger: Logger | undefined): ErrorRequestHandler {
  return (err, req, res, _next) => {
    logger?.error('internal error', {
      method: req.method,
      path: req.path,
      error: err instanceof Error ? err.message : String(err),
    });
    res.status(500).json({ error: 'internal error' });
  };
}
