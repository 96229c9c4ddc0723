import type { Express } from 'express';
import { createHost } from '@driftlab/lab';
import { OPENAPI, predictionRoutes, ServingMetrics, type PredictionRoutesOptions } from '@driftlab/serving';

/** Serving's routes in the lab's host, as `driftlab start --only serving` serves them. */
export function hostedServing(options: PredictionRoutesOptions): Express {
  const metrics = options.metrics ?? new ServingMetrics();
  return createHost({
    routers: [predictionRoutes({ ...options, metrics })],
    registries: [metrics.registry],
    openapi: OPENAPI,
  });
}
