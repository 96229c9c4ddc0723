import type { Router } from 'express';
import type { OpenMetricsContentType, Registry } from 'prom-client';
import { OPENAPI, openServing, type Serving, type ServingOptions } from '@driftlab/serving';
import { createHost, listen } from '../host';

export interface StartServingOptions extends ServingOptions {
  readonly port: number;
  readonly host?: string;
  /** Other components' routes on the same port (the lab's control, in one process). */
  readonly routers?: readonly Router[];
  /** Other components' registries on the same /metrics (the exporter's, the lab's). */
  readonly registries?: readonly Registry<OpenMetricsContentType>[];
  /** The document /openapi.json serves (default serving's own). */
  readonly openapi?: object;
}

/** Serving, hosted and listening. */
export interface RunningServing extends Serving {
  readonly url: string;
  /** Stops listening, then releases the registry. */
  close(): Promise<void>;
}

/** Opens serving (training first models when needed) and hosts it with whatever shares its port. */
export async function startServing(options: StartServingOptions): Promise<RunningServing> {
  const serving = openServing(options);
  const app = createHost({
    routers: [serving.router, ...(options.routers ?? [])],
    registries: [serving.metrics.registry, ...(options.registries ?? [])],
    openapi: options.openapi ?? OPENAPI,
    logger: options.logger,
  });
  let listening;
  try {
    listening = await listen(app, options.port, options.host ?? '127.0.0.1');
  } catch (e) {
    serving.close(); // a port in use must not leave the registry locked
    throw e;
  }
  options.logger?.info('serving', { url: listening.url, models: serving.catalog.names() });
  return {
    ...serving,
    url: listening.url,
    async close() {
      await listening.close();
      serving.close();
    },
  };
}
