import { Counter, Gauge, Registry, type OpenMetricsContentType } from 'prom-client';

/**
 * The lab's own metrics (its control side): alerts it received from Alertmanager. Label values
 * come from the webhook's body, so they are bounded to the names the lab knows; anything else is
 * counted as `(other)`.
 */
export class LabMetrics {
  readonly registry = new Registry<OpenMetricsContentType>();
  readonly received: Counter<'alertname' | 'status'>;
  readonly timeToRecovery: Gauge<'alertname' | 'model' | 'team'>;

  constructor(
    private readonly knownAlerts: ReadonlySet<string> = new Set(),
    private readonly knownModels: ReadonlySet<string> = new Set(),
    private readonly knownTeams: ReadonlySet<string> = new Set(),
  ) {
    this.registry.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
    const registers = [this.registry];
    this.received = new Counter({
      name: 'driftlab_alerts_received_total',
      help: 'Alert notifications the lab received from Alertmanager, by alert and status (firing, resolved); repeats of a notification are not counted.',
      labelNames: ['alertname', 'status'],
      registers,
    });
    this.timeToRecovery = new Gauge({
      name: 'driftlab_alert_time_to_recovery_seconds',
      help: "How long the last alert of this name and model (and a cohort lab's team) fired before it resolved, in (wall-clock) seconds.",
      // A lab of one team has no team label at all.
      labelNames: knownTeams.size > 0 ? ['alertname', 'model', 'team'] : ['alertname', 'model'],
      registers,
    });
  }

  /** The label value for an alert name or a model from outside. */
  alertLabel(name: string): string {
    return this.knownAlerts.has(name) ? name : '(other)';
  }

  modelLabel(name: string): string {
    return name === '' || this.knownModels.has(name) ? name : '(other)';
  }

  /** The team label of a cohort lab's metrics; none in a lab of one team. */
  teamLabels(name: string): { team?: string } {
    if (this.knownTeams.size === 0) return {};
    return { team: this.knownTeams.has(name) ? name : '(other)' };
  }
}
