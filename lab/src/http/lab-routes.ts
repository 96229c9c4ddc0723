import express from 'express';
import { jsonBodyOptions } from '@driftlab/contracts';
import { parseAlertmanagerPayload, PayloadError, type AlertTracker, type LabMetrics } from '../alerts';
import { perMinute, webhookOnly, type Tokens } from '../auth';
import type { LabRecord } from '../record';
import { controlRoutes, type ControlDeps } from './control-routes';

export interface LabControl {
  readonly record: LabRecord;
  readonly alerts: AlertTracker;
  readonly metrics: LabMetrics;
  /** The webhook secret Alertmanager sends (and the failed-token limit it shares). */
  readonly tokens: Tokens;
  /** Incidents, diagnoses, tokens: present where the simulator runs. */
  readonly control?: ControlDeps;
}

/** Alerts shown by GET /v1/alerts. */
const LISTED_ALERT_EVENTS = 200;

/**
 * Webhook notifications a minute: Alertmanager sends one per alert group per group_interval (30 s),
 * so this is far above what a class's alerts need and far below what fills the record.
 */
export const WEBHOOK_PER_MINUTE = 120;

/**
 * The lab's control side over HTTP: Alertmanager's webhook (alerts become lab events;
 * authenticated, bounded, rate limited) and the
 * list of those events, and the tutors' and students' control routes. The lab's host serves them
 * beside serving's routes in one process, or alone (`start --only simulator`).
 */
export function labRoutes(lab: LabControl): express.Router {
  const router = express.Router();
  // Only Alertmanager, with the lab's webhook secret, may post alerts: a forged alert could
  // otherwise change a team's time to recover on the scoreboard.
  const webhook = [
    webhookOnly(lab.tokens),
    perMinute(WEBHOOK_PER_MINUTE, 'webhook'),
    express.json(jsonBodyOptions('256kb')),
  ];
  router.post('/v1/alerts', ...webhook, (req, res) => {
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
