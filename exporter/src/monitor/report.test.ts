import {
  PREDICTION_FEATURE,
  type FeatureProfile,
  type ReferenceProfile,
  type SchemaField,
} from '@driftlab/contracts';
import { categoricalProfile, numericProfile } from '@driftlab/contracts';
import {
  categoricalCountsDrift,
  defaultMethod,
  numericColumnDrift,
  sortedSample,
  type ColumnTestOptions,
} from '../drift';
import { UNSEEN_CATEGORY } from './feature-window';
import { ModelMonitor } from './model-monitor';
import { DriftReporter, MIN_OUTPUT_SAMPLE, qualityReport, type ColumnDrift } from './report';
import { classificationQuality, estimateClassification, fitIsotonic, labelDelay } from '../quality';

let seed = 3;
const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

const fields: SchemaField[] = [
  { name: 'income', kind: 'numeric', min: -10, max: 10, decimals: 2, unit: '' },
  { name: 'visits', kind: 'numeric', min: 0, max: 10, decimals: 0, unit: '' },
  { name: 'region', kind: 'categorical', categories: ['north', 'south', 'east'] },
];

function profile(shift: number): ReferenceProfile {
  const rows = 3000;
  const features: FeatureProfile[] = [
    numericProfile(
      'income',
      Array.from({ length: rows }, () => normal() + shift),
    ),
    // Few distinct values: tied decile edges, the Jensen–Shannon default.
    numericProfile(
      'visits',
      Array.from({ length: rows }, () => Math.floor(random() * 4)),
    ),
    categoricalProfile(
      'region',
      fields[2].kind === 'categorical' ? fields[2].categories : [],
      Array.from({ length: rows }, () => Math.floor(random() * 3)),
    ),
  ];
  return {
    size: rows,
    features,
    target: categoricalProfile('y', ['0', '1'], [0, 1]),
    prediction: numericProfile(
      'prediction',
      Array.from({ length: rows }, () => random()),
    ),
  };
}

/** The report as first written: every column from the window's values, sorted afresh. */
function straightforward(
  monitor: ModelMonitor,
  reference: ReferenceProfile,
  tests: Record<string, ColumnTestOptions>,
): ColumnDrift[] {
  const test = (name: string, ref: FeatureProfile): ColumnTestOptions => {
    if (tests[name]?.method) return tests[name];
    const distinct = ref.kind === 'numeric' ? new Set(ref.sample).size : ref.categories.length;
    return { ...tests[name], method: defaultMethod(ref.kind, ref.count, distinct) };
  };
  const columns: ColumnDrift[] = monitor.fields.map((field, j) => {
    const ref = reference.features.find((f) => f.name === field.name)!;
    if (ref.kind === 'numeric')
      return {
        ...numericColumnDrift(
          sortedSample(Float64Array.from(ref.sample)),
          monitor.features.numericValues(j),
          test(field.name, ref),
          'asymptotic',
        ),
        feature: field.name,
      };
    return {
      ...categoricalCountsDrift(
        [...ref.categories, UNSEEN_CATEGORY],
        [...ref.proportions.map((p) => p * ref.count), 0],
        monitor.features.categoryCounts(j),
        test(field.name, ref),
      ),
      feature: field.name,
    };
  });
  // The output is tested once the window holds enough of the serving version's outputs.
  if (monitor.outputsHeld >= Math.min(MIN_OUTPUT_SAMPLE, monitor.outputs.length))
    columns.push({
      ...numericColumnDrift(
        sortedSample(Float64Array.from(reference.prediction.sample)),
        monitor.outputValues(),
        test(PREDICTION_FEATURE, reference.prediction),
        'asymptotic',
      ),
      feature: PREDICTION_FEATURE,
    });
  return columns;
}

describe('DriftReporter', () => {
  it('reports what the window gives, scrape after scrape, through few and many new instances', () => {
    const monitor = new ModelMonitor('m', 'classification', fields, { driftWindow: 200 });
    const tests: Record<string, ColumnTestOptions> = { income: { threshold: 0.2 } };
    const reporter = new DriftReporter(monitor, tests);
    const references = [profile(0), profile(0.5)];
    let id = 0;
    const observe = (n: number) => {
      for (let i = 0; i < n; i++) {
        const u = random();
        // Some values missing (NaN), some categories unseen (−1), some outputs not finite.
        const row = [
          u < 0.03 ? NaN : normal(),
          Math.floor(random() * 5),
          u > 0.97 ? -1 : Math.floor(random() * 3),
        ];
        const score = u < 0.01 ? NaN : random();
        monitor.observe(`r${id++}`, 1, id, row, null, 0, score > 0.5 ? 1 : 0, score);
      }
    };
    expect(reporter.report()).toBeNull();
    for (const [step, n] of [0, 1, 5, 3, 60, 1, 250, 7, 199, 2, 0, 13].entries()) {
      const version = step < 6 ? 1 : 2;
      monitor.setReference(version, references[version - 1]);
      observe(n);
      const report = reporter.report()!;
      expect(report.referenceVersion).toBe(version);
      expect(report.currentSize).toBe(monitor.features.count);
      expect(report.columns).toEqual(straightforward(monitor, references[version - 1], tests));
    }
  });
});

describe("the output's drift after another version serves", () => {
  it("starts afresh with the new version's outputs and waits for a full sample", () => {
    const monitor = new ModelMonitor('m', 'classification', fields, { driftWindow: 1500 });
    const reporter = new DriftReporter(monitor);
    const hasOutput = () => reporter.report()!.columns.some((c) => c.feature === PREDICTION_FEATURE);
    const observe = (n: number, version: number, score: number) => {
      for (let i = 0; i < n; i++)
        monitor.observe(`v${version}-${i}`, version, i, [0, 1, 0], null, 0, 1, score);
    };
    monitor.setReference(1, profile(0));
    observe(999, 1, 0.9);
    expect(hasOutput()).toBe(false);
    observe(1, 1, 0.9);
    expect(hasOutput()).toBe(true);
    // A promotion: version 2's outputs only, from none.
    monitor.setReference(2, profile(0));
    expect(monitor.outputsHeld).toBe(0);
    observe(MIN_OUTPUT_SAMPLE - 1, 2, 0.2);
    expect(hasOutput()).toBe(false);
    observe(1, 2, 0.2);
    expect(hasOutput()).toBe(true);
    expect([...new Set(monitor.outputValues())]).toEqual([0.2]);
  });
});

describe('qualityReport', () => {
  it('recomputes a window only when it changed, and gives what computing everything gives', () => {
    const monitor = new ModelMonitor('m', 'classification', fields, {
      windows: [
        { kind: 'count', size: 50 },
        { kind: 'time', spanSeconds: 60, capacity: 80 },
      ],
    });
    let id = 0;
    let time = 0;
    const pending: string[] = [];
    for (let step = 0; step < 40; step++) {
      for (let i = 0, n = Math.floor(random() * 12); i < n; i++) {
        const score = random();
        time += 1000;
        monitor.observe(`r${id}`, 1, time, [normal(), 1, 0], null, 0, score > 0.5 ? 1 : 0, score);
        pending.push(`r${id++}`);
      }
      // Labels now and then, so that some scrapes see new predictions and no new label.
      if (step % 3 === 0)
        for (const requestId of pending.splice(0, Math.floor(random() * pending.length)))
          monitor.label(requestId, random() < 0.5 ? 1 : 0, time + 500);
      const [version] = qualityReport(monitor);
      const state = monitor.versions()[0];
      version.windows.forEach((w, k) => {
        const predictions = state.windows.predictions[k].columns();
        const labelled = state.windows.labelled[k].columns();
        expect(w).toEqual({
          window: state.windows.predictions[k].name,
          predictions: predictions.values.length,
          labelled: labelled.values.length,
          delay: labelDelay(labelled),
          realized: classificationQuality(labelled),
          estimated: estimateClassification(predictions),
        });
      });
    }
  });
});

describe("the label-free estimate with the version's calibration", () => {
  // An under-confident classifier: the true P(y = 1) is 0.1 or 0.9, its scores say 0.35 or 0.65.
  const truth = (score: number) => (score > 0.5 ? 0.9 : 0.1);
  const holdout = Array.from({ length: 4000 }, () => (random() < 0.5 ? 0.35 : 0.65));
  const holdoutLabels = holdout.map((score) => (random() < truth(score) ? 1 : 0));

  function estimate(calibrated: boolean): number {
    const monitor = new ModelMonitor('m', 'classification', fields);
    const calibration = calibrated ? fitIsotonic(holdout, holdoutLabels) : undefined;
    monitor.setReference(1, profile(0), calibration);
    for (let i = 0; i < 1000; i++) {
      const score = random() < 0.5 ? 0.35 : 0.65;
      monitor.observe(`r${i}`, 1, 1000 * i, [normal(), 1, 0], null, 0, score > 0.5 ? 1 : 0, score);
    }
    return qualityReport(monitor)[0].windows[0].estimated!.accuracy;
  }

  it('estimates the accuracy the model has (0.9), where raw scores would say 0.65', () => {
    expect(estimate(false)).toBeCloseTo(0.65, 10);
    expect(Math.abs(estimate(true) - 0.9)).toBeLessThan(0.02);
  });

  it('keeps calibrations for the tracked and serving versions only', () => {
    const monitor = new ModelMonitor('m', 'classification', fields, { versionsKept: 1 });
    const calibration = fitIsotonic([0.2, 0.8], [0, 1]);
    monitor.setReference(1, profile(0), calibration);
    monitor.observe('a', 1, 0, [0, 1, 0], null, 0, 1, 0.8);
    monitor.setReference(2, profile(0), calibration);
    monitor.observe('b', 2, 1, [0, 1, 0], null, 0, 1, 0.8); // version 1 is no longer tracked
    monitor.setReference(3, profile(0));
    expect([1, 2, 3].map((v) => monitor.calibration(v) !== undefined)).toEqual([false, true, false]);
  });
});
