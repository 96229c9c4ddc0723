import { Counter, Gauge, type OpenMetricsContentType, type Registry } from 'prom-client';
import type { ModelRegistry, VersionListing, VersionStatus } from '../registry';

const STATUSES: readonly (VersionStatus | 'unreadable')[] = [
  'serving',
  'retired',
  'rejected',
  'candidate',
  'unreadable',
];
const ACTIONS = ['promote', 'rollback'] as const;
const GATE_OUTCOMES = ['passed', 'failed'] as const;
/** One scrape's collect() calls fall well within this; the next scrape reads the disk again. */
const SNAPSHOT_MS = 250;

/**
 * The registry's state as metrics, read from disk at scrape time: a promotion made by the CLI in
 * another process shows up at the next scrape. Every label combination is published from the
 * start (zeros included), so a dashboard's "rollbacks" panel has a series before the first one.
 */
export class RegistryMetrics {
  private source: ModelRegistry | null = null;
  private cached: { at: number; value: RegistrySnapshot[] } | null = null;

  constructor(registry: Registry<OpenMetricsContentType>) {
    const registers = [registry];
    // The six families of one scrape share one read of the registry.
    const read = (): RegistrySnapshot[] => this.snapshot();
    new Gauge({
      name: 'driftlab_model_serving_version',
      help: 'The version number each model serves now (changes on promotion and rollback).',
      labelNames: ['model'],
      registers,
      collect() {
        this.reset();
        for (const s of read()) if (s.serving !== null) this.set({ model: s.model }, s.serving);
      },
    });
    new Gauge({
      name: 'driftlab_model_serving_version_info',
      help: 'Always 1, labelled with the version each model serves: join on (model, version) to keep only the serving version of per-version series.',
      labelNames: ['model', 'version'],
      registers,
      collect() {
        this.reset();
        for (const s of read())
          if (s.serving !== null) this.set({ model: s.model, version: String(s.serving) }, 1);
      },
    });
    new Gauge({
      name: 'driftlab_model_last_deployment_timestamp_seconds',
      help: 'When the serving version last changed (promotion or rollback), as Unix time in seconds.',
      labelNames: ['model'],
      registers,
      collect() {
        this.reset();
        for (const s of read()) if (s.lastDeployment !== null) this.set({ model: s.model }, s.lastDeployment);
      },
    });
    new Gauge({
      name: 'driftlab_model_versions',
      help: 'Stored versions of each model by status: serving, retired (served before), rejected (failed its promotion gates), candidate, unreadable.',
      labelNames: ['model', 'status'],
      registers,
      collect() {
        this.reset();
        for (const s of read())
          for (const status of STATUSES) this.set({ model: s.model, status }, s.byStatus.get(status) ?? 0);
      },
    });
    new Counter({
      name: 'driftlab_model_deployments_total',
      help: 'Changes of the serving version since the registry was created, by action (promote, rollback).',
      labelNames: ['model', 'action'],
      registers,
      collect() {
        this.reset();
        for (const s of read())
          for (const action of ACTIONS) this.inc({ model: s.model, action }, s.deployments[action]);
      },
    });
    new Counter({
      name: 'driftlab_model_retrains_total',
      help: 'Versions trained on recorded (labelled) events, i.e. retrains, whether promoted or not.',
      labelNames: ['model'],
      registers,
      collect() {
        this.reset();
        for (const s of read()) this.inc({ model: s.model }, s.retrains);
      },
    });
    new Counter({
      name: 'driftlab_model_promotion_gate_results_total',
      help: 'Versions whose promotion gates ran, by outcome (passed, failed).',
      labelNames: ['model', 'outcome'],
      registers,
      collect() {
        this.reset();
        for (const s of read())
          for (const outcome of GATE_OUTCOMES) this.inc({ model: s.model, outcome }, s.gates[outcome]);
      },
    });
  }

  /** Starts publishing `registry`'s state (nothing is published before). */
  attach(registry: ModelRegistry): void {
    this.source = registry;
    this.cached = null;
  }

  private snapshot(): RegistrySnapshot[] {
    const now = Date.now();
    if (!this.cached || now - this.cached.at > SNAPSHOT_MS) this.cached = { at: now, value: this.read() };
    return this.cached.value;
  }

  private read(): RegistrySnapshot[] {
    const registry = this.source;
    if (!registry) return [];
    try {
      return registry.models().map((model) => snapshotOf(model, registry));
    } catch {
      // A registry being written to or damaged must not break /metrics; the next scrape retries.
      return [];
    }
  }
}

interface RegistrySnapshot {
  readonly model: string;
  readonly serving: number | null;
  readonly lastDeployment: number | null;
  readonly byStatus: Map<string, number>;
  readonly deployments: Record<(typeof ACTIONS)[number], number>;
  readonly retrains: number;
  readonly gates: Record<(typeof GATE_OUTCOMES)[number], number>;
}

function snapshotOf(model: string, registry: ModelRegistry): RegistrySnapshot {
  const versions: VersionListing[] = registry.versions(model);
  const deployments = registry.deployments(model);
  const byStatus = new Map<string, number>();
  let retrains = 0;
  const gates = { passed: 0, failed: 0 };
  for (const v of versions) {
    byStatus.set(v.status, (byStatus.get(v.status) ?? 0) + 1);
    if (v.status === 'unreadable') continue;
    if (v.trainingWindow.source === 'records') retrains++;
    if (v.gates) gates[v.gates.passed ? 'passed' : 'failed']++;
  }
  const last = deployments.at(-1);
  return {
    model,
    serving: last ? last.to : null,
    lastDeployment: last ? Date.parse(last.at) / 1000 : null,
    byStatus,
    deployments: {
      promote: deployments.filter((d) => d.action === 'promote').length,
      rollback: deployments.filter((d) => d.action === 'rollback').length,
    },
    retrains,
    gates,
  };
}
