/*
 * The exporter's families as prom-client metrics, without prom-client's Gauge and Counter: a
 * registry only calls `get` / `getForPromString` on what it holds and formats what they return, so
 * these objects give it series whose lines are written once. This relies on prom-client internals
 * (Registry.getMetricsAsString reads `metricName`, `labels` and `sharedLabels` of each value; the
 * tests hold the output to what prom-client's own metrics write: exporter-metrics.test.ts).
 */
import { Registry, type Metric, type OpenMetricsContentType } from 'prom-client';
import { FAMILIES, type FamilyKey, type FamilySpec } from './families';

// prom-client's escaping of label values in the exposition.
function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

export type Labels = Readonly<Record<string, string>>;
const NO_LABELS: Labels = Object.freeze({});

/**
 * One series. A gauge's line is written once, name and labels, as prom-client would write it: the
 * registry then only appends the value (it takes `metricName` as the series name and finds no
 * labels to format), instead of sorting, hashing and escaping every label of ~10,000 series at
 * every scrape. Counters (a few dozen) keep their labels: OpenMetrics appends `_total` to the
 * name.
 */
export class Series {
  value = NaN;
  /** What prom-client formats: the written line for gauges, the labels for counters. */
  readonly metricName: string | undefined;
  readonly labels: Labels;
  readonly sharedLabels = NO_LABELS;

  constructor(
    readonly family: Family,
    /** The label values, in the family's label order. */
    readonly labelSet: Labels,
  ) {
    if (family.type === 'gauge') {
      const pairs = family.labelNames.map((l) => `${l}="${escapeLabelValue(labelSet[l])}"`);
      this.metricName = `${family.familyName}{${pairs.join(',')}}`;
      this.labels = NO_LABELS;
    } else {
      this.metricName = undefined;
      this.labels = labelSet;
    }
  }

  /** Publishes the series with `value`, unless NaN: absent beats NaN (PromQL comparisons with NaN are always false). */
  set(value: number): void {
    if (Number.isNaN(value)) return;
    this.value = value;
    this.family.series.push(this);
  }

  /** Publishes the series with the value it holds (a counter's). */
  publish(): void {
    this.family.series.push(this);
  }
}

/**
 * A metric family in the registry: prom-client's metric interface (name, help, type, get), filled
 * from the series the last refresh published. `get` gives labels as objects (JSON, merges);
 * `getForPromString`, which the registry prefers for the exposition, the written lines.
 */
class Family {
  readonly familyName: string;
  name: string;
  readonly help: string;
  readonly type: 'gauge' | 'counter';
  readonly labelNames: string[];
  readonly aggregator = 'sum';
  /** The series of the last refresh, in publication order. */
  series: Series[] = [];

  constructor(
    spec: FamilySpec,
    private readonly refresh: () => void,
  ) {
    this.familyName = spec.name;
    this.name = spec.name;
    this.help = spec.help;
    this.type = spec.type;
    this.labelNames = [...spec.labels];
  }

  async get() {
    this.refresh();
    return this.withValues(this.series.map((s) => ({ labels: { ...s.labelSet }, value: s.value })));
  }

  async getForPromString() {
    this.refresh();
    return this.withValues(this.series);
  }

  /** Values are computed from the monitors at scrape time: nothing to reset. */
  reset(): void {}

  private withValues<V>(values: V) {
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }
}

/** Every family of FAMILIES, registered in one OpenMetrics registry. */
export class Families {
  readonly registry = new Registry<OpenMetricsContentType>();
  private readonly byKey = new Map<FamilyKey, Family>();

  /** `refresh` runs before any family is read, so that it publishes the series of this scrape. */
  constructor(refresh: () => void) {
    this.registry.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
    for (const [key, spec] of Object.entries(FAMILIES) as [FamilyKey, FamilySpec][]) {
      const family = new Family(spec, refresh);
      this.byKey.set(key, family);
      this.registry.registerMetric(family as unknown as Metric);
    }
  }

  /** A new series of family `key`, published once it is set. */
  series(key: FamilyKey, labels: Labels): Series {
    return new Series(this.byKey.get(key)!, labels);
  }

  /** Unpublishes every series, before a refresh publishes those it has values for. */
  clear(): void {
    for (const family of this.byKey.values()) family.series = [];
  }
}
