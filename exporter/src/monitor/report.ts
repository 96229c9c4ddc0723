import {
  PREDICTION_FEATURE,
  type FeatureProfile,
  type NumericProfile,
  type ReferenceProfile,
} from '@driftlab/contracts';
import {
  categoricalCountsDrift,
  defaultMethod,
  sortedSample,
  type CategoricalColumnDrift,
  type ColumnTestOptions,
  type NumericColumnDrift,
} from '../drift';
import {
  classificationQuality,
  estimateClassification,
  labelDelay,
  regressionQuality,
  type ClassificationQuality,
  type EstimatedClassification,
  type LabelDelay,
  type RegressionQuality,
} from '../quality';
import type { LabelledWindow, PredictionWindow } from '../windows';
import { UNSEEN_CATEGORY, type FeatureWindow } from './feature-window';
import { liveNumericDrift, NumericReference, type KsMemo } from './live-drift';
import type { ModelMonitor } from './model-monitor';
import { CategoryTally, SortedColumn, type RingState } from './sorted-column';

/*
 * What a scrape publishes about one model, computed from its window state on demand. Drift is
 * cached until a new instance arrives or the reference changes, so scrapes of an idle lab cost
 * nothing and a burst of scrapes computes once.
 */

/**
 * Outputs the drift window must hold before the output's drift is tested: as many as the alert
 * rules ask of the features' window (FeatureDriftHigh), so a few outputs never raise it by chance.
 */
export const MIN_OUTPUT_SAMPLE = 1000;

export type ColumnDrift = (NumericColumnDrift | CategoricalColumnDrift) & { readonly feature: string };

export interface DriftReport {
  readonly referenceVersion: number;
  readonly referenceSize: number;
  readonly currentSize: number;
  readonly columns: readonly ColumnDrift[];
}

export interface WindowQuality {
  readonly window: string;
  readonly predictions: number;
  readonly labelled: number;
  readonly delay: LabelDelay;
  readonly realized: ClassificationQuality | RegressionQuality;
  /** Classifiers only: the label-free estimate (CBPE) over the same window's predictions. */
  readonly estimated: EstimatedClassification | null;
}

export interface VersionQuality {
  readonly version: number;
  readonly windows: readonly WindowQuality[];
}

/** How one column of the drift report is computed for one reference version. */
type ColumnPlan =
  | {
      readonly kind: 'numeric';
      readonly feature: string;
      /** The feature's index in the window, or −1 for the model's output. */
      readonly j: number;
      readonly reference: NumericReference;
      readonly test: ColumnTestOptions;
      readonly memo: KsMemo;
    }
  | {
      readonly kind: 'categorical';
      readonly feature: string;
      readonly j: number;
      readonly categories: readonly string[];
      readonly referenceCounts: readonly number[];
      readonly test: ColumnTestOptions;
    };

/**
 * How each column is tested. The reference is the training data (thousands of rows, summarised by
 * a 5,000-value sample for the two-sample statistics), so the default test is the one Evidently
 * picks for a large reference: normed Wasserstein ≥ 0.1 or Jensen–Shannon ≥ 0.1. Overridable per
 * feature (`columnTests`).
 *
 * Kept between scrapes: per reference version, what the statistics need of the reference alone;
 * per window column, its values sorted (numeric) or counted (categorical), brought up to date
 * with the instances that arrived since (see SortedColumn). The numbers are those of
 * numericColumnDrift and categoricalCountsDrift over the window (live-drift.test.ts).
 */
export class DriftReporter {
  private cache: { pushed: number; version: number; report: DriftReport } | null = null;
  private plan: { version: number; columns: ColumnPlan[] } | null = null;
  private readonly sorted = new Map<number, SortedColumn>();
  private readonly tallies = new Map<number, CategoryTally>();

  constructor(
    private readonly monitor: ModelMonitor,
    private readonly columnTests: Readonly<Record<string, ColumnTestOptions>> = {},
  ) {}

  report(): DriftReport | null {
    const reference = this.monitor.referenceProfile;
    if (!reference) return null;
    const pushed = this.monitor.features.pushed;
    if (this.cache && this.cache.pushed === pushed && this.cache.version === reference.version)
      return this.cache.report;
    const { profile } = reference;
    // The output column waits for a sample worth testing: after a promotion it starts empty.
    const outputsTested =
      this.monitor.outputsHeld >= Math.min(MIN_OUTPUT_SAMPLE, this.monitor.outputs.length);
    const columns = this.planFor(reference.version, profile)
      .filter((plan) => plan.j >= 0 || outputsTested)
      .map((plan) => this.columnDrift(plan));
    const report: DriftReport = {
      referenceVersion: reference.version,
      referenceSize: profile.size,
      currentSize: this.monitor.features.count,
      columns,
    };
    this.cache = { pushed, version: reference.version, report };
    return report;
  }

  private columnDrift(plan: ColumnPlan): ColumnDrift {
    if (plan.kind === 'numeric') {
      const column = this.sortedColumn(plan.j);
      // Features come from numericValues (finite only: none dropped); outputs as they are.
      const current = column.sample(plan.j < 0 ? column.nonFinite : 0);
      return { ...liveNumericDrift(plan.reference, current, plan.test, plan.memo), feature: plan.feature };
    }
    const counts = this.categoryTally(plan.j).counts();
    return {
      ...categoricalCountsDrift(plan.categories, plan.referenceCounts, counts, plan.test),
      feature: plan.feature,
    };
  }

  /** The columns of the report against reference `version`: the schema's features, then the output. */
  private planFor(version: number, profile: ReferenceProfile): ColumnPlan[] {
    if (this.plan?.version === version) return this.plan.columns;
    const columns: ColumnPlan[] = [];
    const numeric = (feature: string, j: number, ref: NumericProfile): ColumnPlan => ({
      kind: 'numeric',
      feature,
      j,
      reference: new NumericReference(sortedSample(Float64Array.from(ref.sample))),
      test: this.testFor(feature, ref),
      memo: { n: NaN, d: NaN, pValue: NaN },
    });
    this.monitor.fields.forEach((field, j) => {
      const ref = profile.features.find((f) => f.name === field.name);
      if (!ref) return;
      if (ref.kind === 'numeric') columns.push(numeric(field.name, j, ref));
      else
        columns.push({
          kind: 'categorical',
          feature: field.name,
          j,
          categories: [...ref.categories, UNSEEN_CATEGORY],
          referenceCounts: [...ref.proportions.map((p) => p * ref.count), 0],
          test: this.testFor(field.name, ref),
        });
    });
    columns.push(numeric(PREDICTION_FEATURE, -1, profile.prediction));
    this.plan = { version, columns };
    return columns;
  }

  /** Feature j's values (or the outputs', j = −1), sorted, up to date. */
  private sortedColumn(j: number): SortedColumn {
    let column = this.sorted.get(j);
    const ring = j < 0 ? this.monitor.outputRing() : featureRing(this.monitor.features, j);
    if (!column) this.sorted.set(j, (column = new SortedColumn(ring.values.length)));
    column.sync(ring);
    return column;
  }

  private categoryTally(j: number): CategoryTally {
    let tally = this.tallies.get(j);
    const features = this.monitor.features;
    if (!tally) {
      const field = features.fields[j];
      const categories = field.kind === 'categorical' ? field.categories.length : 0;
      this.tallies.set(j, (tally = new CategoryTally(features.size, categories)));
    }
    tally.sync(featureRing(features, j));
    return tally;
  }

  /** The configured test, or the default for a reference of the training data's size. */
  private testFor(name: string, ref: FeatureProfile): ColumnTestOptions {
    const configured = this.columnTests[name];
    if (configured?.method) return configured;
    const distinct = ref.kind === 'numeric' ? distinctValues(ref) : ref.categories.length;
    return { ...configured, method: defaultMethod(ref.kind, ref.count, distinct) };
  }
}

function featureRing(features: FeatureWindow, j: number): RingState {
  return {
    values: features.column(j),
    next: features.next,
    filled: features.count,
    pushed: features.pushed,
    generation: features.generation,
  };
}

function distinctValues(profile: NumericProfile): number {
  let distinct = 0;
  for (let i = 0; i < profile.sample.length; i++)
    if (i === 0 || profile.sample[i] !== profile.sample[i - 1]) distinct++;
  return distinct;
}

/** Quality per tracked version and window, computed from the windows; cached until an event arrives. */
export function qualityReport(monitor: ModelMonitor): VersionQuality[] {
  const key = `${monitor.observed}:${monitor.labels.joined}`;
  const cached = qualityCache.get(monitor);
  if (cached && cached.key === key) return cached.report;
  const report = computeQuality(monitor);
  qualityCache.set(monitor, { key, report });
  return report;
}

const qualityCache = new WeakMap<ModelMonitor, { key: string; report: VersionQuality[] }>();

/** What a window held when its quality was computed: the same triple, the same rows. */
interface Held {
  readonly generation: number;
  readonly pushed: number;
  readonly size: number;
}

const sameRows = (a: Held, b: Held) =>
  a.generation === b.generation && a.pushed === b.pushed && a.size === b.size;

// Per window, its last results: windows untouched since (no new prediction, or no new label) reuse them.
const estimates = new WeakMap<PredictionWindow, Held & { estimated: EstimatedClassification | null }>();
const realizations = new WeakMap<
  LabelledWindow,
  Held & { delay: LabelDelay; realized: ClassificationQuality | RegressionQuality }
>();

function computeQuality(monitor: ModelMonitor): VersionQuality[] {
  monitor.advance();
  const classifier = monitor.task === 'classification';
  return monitor.versions().map((state) => ({
    version: state.version,
    windows: state.windows.predictions.map((predictionWindow, w) => {
      const labelledWindow = state.windows.labelled[w];
      const p = held(predictionWindow);
      let estimate = estimates.get(predictionWindow);
      if (!estimate || !sameRows(estimate, p)) {
        const estimated = classifier
          ? estimateClassification(predictionWindow.columns(), monitor.calibration(state.version))
          : null;
        estimates.set(predictionWindow, (estimate = { ...p, estimated }));
      }
      const l = held(labelledWindow);
      let realization = realizations.get(labelledWindow);
      if (!realization || !sameRows(realization, l)) {
        const labelled = labelledWindow.columns();
        const realized = classifier ? classificationQuality(labelled) : regressionQuality(labelled);
        realizations.set(labelledWindow, (realization = { ...l, delay: labelDelay(labelled), realized }));
      }
      return {
        window: predictionWindow.name,
        predictions: p.size,
        labelled: l.size,
        delay: realization.delay,
        realized: realization.realized,
        estimated: estimate.estimated,
      };
    }),
  }));
}

function held(window: PredictionWindow | LabelledWindow): Held {
  return { generation: window.generation, pushed: window.pushed, size: window.size };
}
