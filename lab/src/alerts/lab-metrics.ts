import { Counter, Gauge, Registry, type OpenMetricsContentType } from 'prom-client';
import type { Pace } from '../live';
import type { SenderCounts } from '../traffic-sender';

/** What the traffic metrics read of a team's live loop and sender. */
export interface TrafficState {
  readonly pace: Pace;
  readonly counts: SenderCounts;
}

/**
 * The lab's own metrics (its control side): alerts it received from Alertmanager. Label values
 * come from the webhook's body, so they are bounded to the names the lab knows; anything else is
 * counted as `(other)`.
 */
export class LabMetrics {
  readonly registry = new Registry<OpenMetricsContentType>();
  readonly received: Counter<'alertname' | 'status'>;
  readonly timeToRecovery: Gauge<'alertname' | 'model' | 'team'>;
  /** Each team's live traffic, read at scrape time. */
  private readonly traffic = new Map<string, () => TrafficState>();

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
    this.trafficMetrics(registers, knownTeams.size > 0 ? ['team'] : []);
  }

  /** From now on, `read` tells the traffic metrics of `team` (its live loop and sender). */
  watchTraffic(team: string, read: () => TrafficState): void {
    this.traffic.set(team, read);
  }

  private trafficMetrics(registers: Registry<OpenMetricsContentType>[], teamLabel: 'team'[]): void {
    const traffic = this.traffic;
    const labels = (team: string) => this.teamLabels(team);
    new Gauge({
      name: 'driftlab_lab_speed_ratio',
      help: "The lab's effective speed over the asked one (--speed), over the last 5 s: below 1 the lab cannot keep the asked speed on this machine and slows its simulated clock; it never drops traffic to keep up.",
      labelNames: teamLabel,
      registers,
      collect() {
        this.reset();
        for (const [team, read] of traffic) {
          const { pace } = read();
          this.set(labels(team), pace.effective / pace.asked);
        }
      },
    });
    new Counter({
      name: 'driftlab_lab_requests_total',
      help: 'Requests the simulator sent to serving, by outcome: answered (any status), failed (sent, never answered: serving down or unreachable), dropped (never sent: no free slot; 0 in a live lab, which waits instead).',
      labelNames: [...teamLabel, 'outcome'],
      registers,
      collect() {
        this.reset();
        for (const [team, read] of traffic) {
          const { counts } = read();
          const answered = Object.values(counts.answered).reduce((a, b) => a + b, 0);
          this.inc({ ...labels(team), outcome: 'answered' }, answered);
          this.inc({ ...labels(team), outcome: 'failed' }, counts.failed);
          this.inc({ ...labels(team), outcome: 'dropped' }, counts.dropped);
        }
      },
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
