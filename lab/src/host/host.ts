import { randomUUID } from 'node:crypto';
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

/** Longest error message answered: a message may quote the request (a URL's parameter, say). */
const MAX_MESSAGE = 300;

/**
 * Other 4xx errors express raised (after jsonBodyErrors; a body that does not decompress, a
 * parameter that does not decode): answered with their status and a bounded message.
 */
const clientErrors: ErrorRequestHandler = (err, _req, res, next) => {
  const e = err as { status?: number; message?: string };
  if (e.status && e.status >= 400 && e.status < 500) {
    const message = String(e.message || 'bad request');
    const error = message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}…` : message;
    return void res.status(e.status).json({ error });
  }
  next(err);
};

/**
 * Anything else is our fault: logged with a request id and the stack, and answered 500 with that
 * id (so a student can report it) and no internals.
 */
function internalErrors(logger: Logger | undefined): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const requestId = String(res.getHeader('x-request-id') ?? randomUUID());
    logger?.error('internal error', {
      request_id: requestId,
      method: req.method,
      path: req.path.slice(0, MAX_MESSAGE),
      error: err instanceof Error ? err.message : String(err),
      stack: err instanceof Error ? err.stack : undefined,
    });
    if (res.headersSent) return void res.end();
    res.status(500).json({ error: 'internal error', request_id: requestId });
  };
}
