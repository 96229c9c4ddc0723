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

/** One value of a family: its labels and the number. */
type Sample = readonly [labels: Record<string, string>, value: number];

/** A metric family read from the registry: per model snapshot, the samples it publishes. */
interface Family {
  readonly type: 'gauge' | 'counter';
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly string[];
  readonly samples: (s: RegistrySnapshot) => readonly Sample[];
}

const FAMILIES: readonly Family[] = [
  {
    type: 'gauge',
    name: 'driftlab_model_serving_version',
    help: 'The version number each model serves now (changes on promotion and rollback).',
    labelNames: ['model'],
    samples: (s) => (s.serving === null ? [] : [[{ model: s.model }, s.serving]]),
  },
  {
    type: 'gauge',
    name: 'driftlab_model_serving_version_info',
    help: 'Always 1, labelled with the version each model serves: join on (model, version) to keep only the serving version of per-version series.',
    labelNames: ['model', 'version'],
    samples: (s) => (s.serving === null ? [] : [[{ model: s.model, version: String(s.serving) }, 1]]),
  },
  {
    type: 'gauge',
    name: 'driftlab_model_last_deployment_timestamp_seconds',
    help: 'When the serving version last changed (promotion or rollback), as Unix time in seconds.',
    labelNames: ['model'],
    samples: (s) => (s.lastDeployment === null ? [] : [[{ model: s.model }, s.lastDeployment]]),
  },
  {
    type: 'gauge',
    name: 'driftlab_model_versions',
    help: 'Stored versions of each model by status: serving, retired (served before), rejected (failed its promotion gates), candidate, unreadable.',
    labelNames: ['model', 'status'],
    samples: (s) => STATUSES.map((status) => [{ model: s.model, status }, s.byStatus.get(status) ?? 0]),
  },
  {
    type: 'counter',
    name: 'driftlab_model_deployments_total',
    help: 'Changes of the serving version since the registry was created, by action (promote, rollback).',
    labelNames: ['model', 'action'],
    samples: (s) => ACTIONS.map((action) => [{ model: s.model, action }, s.deployments[action]]),
  },
  {
    type: 'counter',
    name: 'driftlab_model_retrains_total',
    help: 'Versions trained on recorded (labelled) events, i.e. retrains, whether promoted or not.',
    labelNames: ['model'],
    samples: (s) => [[{ model: s.model }, s.retrains]],
  },
  {
    type: 'counter',
    name: 'driftlab_model_promotion_gate_results_total',
    help: 'Versions whose promotion gates ran, by outcome (passed, failed).',
    labelNames: ['model', 'outcome'],
    samples: (s) => GATE_OUTCOMES.map((outcome) => [{ model: s.model, outcome }, s.gates[outcome]]),
  },
];

/**
 * The registry's state as metrics, read from disk at scrape time: a promotion made by the CLI in
 * another process shows up at the next scrape. Every label combination is published from the
 * start (zeros included), so a dashboard's "rollbacks" panel has a series before the first one.
 */
export class RegistryMetrics {
  private source: ModelRegistry | null = null;
  private cached: { at: number; value: RegistrySnapshot[] } | null = null;

  constructor(registry: Registry<OpenMetricsContentType>) {
    // The families of one scrape share one read of the registry.
    const read = (): RegistrySnapshot[] => this.snapshot();
    for (const { type, name, help, labelNames, samples } of FAMILIES) {
      const common = { name, help, labelNames: [...labelNames], registers: [registry] };
      if (type === 'gauge')
        new Gauge({
          ...common,
          collect() {
            this.reset();
            for (const s of read()) for (const [labels, value] of samples(s)) this.set(labels, value);
          },
        });
      else
        new Counter({
          ...common,
          collect() {
            this.reset();
            for (const s of read()) for (const [labels, value] of samples(s)) this.inc(labels, value);
          },
        });
    }
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
