import express from 'express';
import { jsonBodyErrors, renderMetrics } from '@driftlab/serving';
import { parseAlertmanagerPayload, PayloadError, type AlertTracker, type LabMetrics } from '../alerts';
import type { LabRecord } from '../record';
import { controlRoutes, type ControlDeps } from './control-routes';
import { withLabPaths } from './openapi';

export interface LabControl {
  readonly record: LabRecord;
  readonly alerts: AlertTracker;
  readonly metrics: LabMetrics;
  /** Incidents, diagnoses, tokens: present where the simulator runs. */
  readonly control?: ControlDeps;
}

/** Alerts shown by GET /v1/alerts. */
const LISTED_ALERT_EVENTS = 200;

/**
 * The lab's control side over HTTP: Alertmanager's webhook (alerts become lab events) and the
 * list of those events. In one process these routes sit beside serving's; alone
 * (`start --only simulator`) they are an app of their own with /healthz and /metrics.
 */
export function labRoutes(lab: LabControl): express.Router {
  const router = express.Router();
  router.post('/v1/alerts', express.json({ limit: '1mb' }), (req, res) => {
    let alerts;
    try {
      alerts = parseAlertmanagerPayload(req.body);
    } catch (e) {
      if (e instanceof PayloadError) return void res.status(400).json({ error: e.message });
      throw e;
    }
    res.json({ received: alerts.length, recorded: lab.alerts.receive(alerts) });
  });
  router.get('/v1/alerts', (_req, res) => {
    res.json({ events: lab.record.events({ prefix: 'alert.', limit: LISTED_ALERT_EVENTS }) });
  });
  router.use(jsonBodyErrors);
  if (lab.control) router.use(controlRoutes(lab.control));
  return router;
}

const LAB_ALONE_OPENAPI = withLabPaths({
  openapi: '3.1.0',
  info: { title: 'driftlab lab control', version: '0.1.0' },
  paths: {
    '/healthz': { get: { summary: 'Liveness', responses: { '200': { description: 'The process is up' } } } },
    '/metrics': {
      get: { summary: "The lab's own metrics", responses: { '200': { description: 'Prometheus text' } } },
    },
    '/openapi.json': {
      get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1' } } },
    },
  },
});

export function createLabApp(lab: LabControl): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/metrics', async (req, res) => {
    const { contentType, body } = await renderMetrics(lab.metrics.registry, req.get('accept'));
    res.set('Content-Type', contentType).send(body);
  });
  app.get('/openapi.json', (_req, res) => {
    res.json(LAB_ALONE_OPENAPI);
  });
  app.use(labRoutes(lab));
  app.use((_req, res) => {
    res.status(404).json({ error: 'no such route; see /openapi.json' });
  });
  return app;
}
