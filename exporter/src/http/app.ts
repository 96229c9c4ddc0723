import express from 'express';
import { renderMetrics } from '@driftlab/serving';
import type { Exporter } from '../exporter';
import { ingestRoutes } from './ingest';

/** The exporter as a service of its own (`driftlab start --only exporter`): ingest, /metrics, /healthz. */
export function createExporterApp(exporter: Exporter): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/metrics', async (req, res) => {
    const { contentType, body } = await renderMetrics(exporter.metrics.registry, req.get('accept'));
    res.set('Content-Type', contentType).send(body);
  });
  app.use(ingestRoutes(exporter));
  app.use((_req, res) => {
    res.status(404).json({
      error: 'no such route; the exporter serves /metrics, /healthz and POST /v1/events/{predictions,labels}',
    });
  });
  return app;
}
