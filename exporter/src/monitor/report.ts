import type { FeatureProfile, NumericProfile } from '@driftlab/serving';
import {
  categoricalCountsDrift,
  defaultMethod,
  numericColumnDrift,
  sortedSample,
  type CategoricalColumnDrift,
  type ColumnTestOptions,
  type NumericColumnDrift,
  type SortedSample,
} from '../drift';
import {
  classificationQuality,
  estimateClassification,
  labelCoverage,
  labelDelay,
  regressionQuality,
  type ClassificationQuality,
  type EstimatedClassification,
  type LabelDelay,
  type RegressionQuality,
} from '../quality';
import { UNSEEN_CATEGORY } from './feature-window';
import type { ModelMonitor } from './model-monitor';

/*
 * What a scrape publishes about one model, computed from its window state on demand. Drift is
 * cached until a new instance arrives or the reference changes, so scrapes of an idle lab cost
 * nothing and a burst of scrapes computes once.
 */

/** The name the model's output takes where a feature name would go. */
export const PREDICTION_FEATURE = '(prediction)';

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
  readonly coverage: number;
  readonly delay: LabelDelay;
  readonly realized: ClassificationQuality | RegressionQuality;
  /** Classifiers only: the label-free estimate (CBPE) over the same window's predictions. */
  readonly estimated: EstimatedClassification | null;
}

export interface VersionQuality {
  readonly version: number;
  readonly windows: readonly WindowQuality[];
}

/**
 * How each column is tested. The reference is the training data (thousands of rows, summarised by
 * a 1,000-value sample for the two-sample statistics), so the default test is the one Evidently
 * picks for a large reference: normed Wasserstein ≥ 0.1 or Jensen–Shannon ≥ 0.1. Overridable per
 * feature (`columnTests`).
 */
export class DriftReporter {
  private cache: { pushed: number; version: number; report: DriftReport } | null = null;
  private sortedReferences: { version: number; samples: Map<string, SortedSample> } | null = null;

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
    const columns: ColumnDrift[] = [];
    this.monitor.fields.forEach((field, j) => {
      const ref = profile.features.find((f) => f.name === field.name);
      if (!ref) return;
      columns.push(this.columnDrift(field.name, ref, reference.version, j));
    });
    columns.push({
      ...numericColumnDrift(
        this.sortedReference(reference.version, profile.prediction),
        this.monitor.outputValues(),
        this.testFor(PREDICTION_FEATURE, profile.prediction),
        'asymptotic',
      ),
      feature: PREDICTION_FEATURE,
    });
    const report: DriftReport = {
      referenceVersion: reference.version,
      referenceSize: profile.size,
      currentSize: this.monitor.features.count,
      columns,
    };
    this.cache = { pushed, version: reference.version, report };
    return report;
  }

  private columnDrift(name: string, ref: FeatureProfile, version: number, j: number): ColumnDrift {
    const window = this.monitor.features;
    if (ref.kind === 'numeric')
      return {
        ...numericColumnDrift(
          this.sortedReference(version, ref),
          window.numericValues(j),
          this.testFor(name, ref),
          'asymptotic',
        ),
        feature: name,
      };
    const counts = window.categoryCounts(j);
    const categories = [...ref.categories, UNSEEN_CATEGORY];
    const referenceCounts = [...ref.proportions.map((p) => p * ref.count), 0];
    return {
      ...categoricalCountsDrift(categories, referenceCounts, counts, this.testFor(name, ref)),
      feature: name,
    };
  }

  /** The configured test, or the default for a reference of the training data's size. */
  private testFor(name: string, ref: FeatureProfile): ColumnTestOptions {
    const configured = this.columnTests[name];
    if (configured?.method) return configured;
    const distinct = ref.kind === 'numeric' ? distinctValues(ref) : ref.categories.length;
    return { ...configured, method: defaultMethod(ref.kind, ref.count, distinct) };
  }

  private sortedReference(version: number, profile: NumericProfile): SortedSample {
    if (this.sortedReferences?.version !== version) this.sortedReferences = { version, samples: new Map() };
    let sample = this.sortedReferences.samples.get(profile.name);
    if (!sample)
      this.sortedReferences.samples.set(
        profile.name,
        (sample = sortedSample(Float64Array.from(profile.sample))),
      );
    return sample;
  }
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

function computeQuality(monitor: ModelMonitor): VersionQuality[] {
  monitor.advance();
  return monitor.versions().map((state) => ({
    version: state.version,
    windows: state.windows.predictions.map((predictionWindow, w) => {
      const labelledWindow = state.windows.labelled[w];
      const predictions = predictionWindow.columns();
      const labelled = labelledWindow.columns();
      return {
        window: predictionWindow.name,
        predictions: predictionWindow.size,
        labelled: labelledWindow.size,
        coverage: labelCoverage(predictions),
        delay: labelDelay(labelled),
        realized:
          monitor.task === 'classification' ? classificationQuality(labelled) : regressionQuality(labelled),
        estimated: monitor.task === 'classification' ? estimateClassification(predictions) : null,
      };
    }),
  }));
}
