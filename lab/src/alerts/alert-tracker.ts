import type { LabRecord } from '../record';
import type { ReceivedAlert } from './alertmanager-payload';
import type { LabMetrics } from './lab-metrics';

/** Alerts (firing, and recently ended) the tracker remembers; beyond it the oldest is forgotten. */
const MAX_REMEMBERED = 10_000;

/**
 * Turns Alertmanager's notifications into lab events: one `alert.firing` when an alert starts and
 * one `alert.resolved` (with the time it took) when it ends. Alertmanager repeats notifications
 * for alerts still firing; those repeats are not new events.
 */
export class AlertTracker {
  /** Fingerprint → start of the alerts firing now. */
  private readonly firing = new Map<string, number>();
  /** `fingerprint@start` of alerts whose end was recorded. */
  private readonly ended = new Map<string, true>();

  constructor(
    private readonly record: LabRecord,
    private readonly metrics: LabMetrics,
  ) {}

  /** Alerts firing now, as Alertmanager last said. */
  firingCount(): number {
    return this.firing.size;
  }

  /** Records the transitions among `alerts`; returns how many were new. */
  receive(alerts: readonly ReceivedAlert[]): number {
    let recorded = 0;
    for (const alert of alerts) {
      const known = this.firing.get(alert.fingerprint);
      if (alert.status === 'firing') {
        if (known === alert.startsAt) continue;
        bounded(this.firing, alert.fingerprint, alert.startsAt);
      } else {
        // Resolved notifications repeat too; one never seen firing (the lab restarted meanwhile)
        // is still recorded.
        const key = `${alert.fingerprint}@${alert.startsAt}`;
        if (this.ended.has(key)) continue;
        bounded(this.ended, key, true);
        this.firing.delete(alert.fingerprint);
      }
      this.recordTransition(alert);
      recorded++;
    }
    return recorded;
  }

  private recordTransition(alert: ReceivedAlert): void {
    const { alertname, model = '', team = '' } = alert.labels;
    const resolved = alert.status === 'resolved';
    const seconds = resolved ? Math.max(0, (alert.endsAt - alert.startsAt) / 1000) : null;
    this.record.append({
      actor: 'alertmanager',
      action: `alert.${alert.status}`,
      model: model || null,
      params: {
        alertname,
        labels: alert.labels,
        summary: alert.annotations.summary ?? '',
        startsAt: new Date(alert.startsAt).toISOString(),
        ...(resolved && Number.isFinite(alert.endsAt)
          ? { endsAt: new Date(alert.endsAt).toISOString() }
          : {}),
        ...(seconds !== null && Number.isFinite(seconds) ? { durationSeconds: seconds } : {}),
      },
      outcome: alert.status,
    });
    const labels = {
      alertname: this.metrics.alertLabel(alertname),
      model: this.metrics.modelLabel(model),
      ...this.metrics.teamLabels(team),
    };
    this.metrics.received.inc({ alertname: labels.alertname, status: alert.status });
    if (seconds !== null && Number.isFinite(seconds)) this.metrics.timeToRecovery.set(labels, seconds);
  }
}

/** Sets `key` in a map that forgets its oldest entry beyond MAX_REMEMBERED. */
function bounded<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > MAX_REMEMBERED) map.delete(map.keys().next().value!);
}
