import express from 'express';
import { parseAlertmanagerPayload, PayloadError, type AlertTracker, type LabMetrics } from '../alerts';
import type { LabRecord } from '../record';
import { controlRoutes, type ControlDeps } from './control-routes';

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
 * list of those events, and the tutors' and students' control routes. The lab's host serves them
 * beside serving's routes in one process, or alone (`start --only simulator`).
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
  if (lab.control) router.use(controlRoutes(lab.control));
  return router;
}
