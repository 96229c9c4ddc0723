import type { ClassificationMetrics, Metrics, RegressionMetrics } from '@driftlab/contracts';
import { getWorld, toRecord, Simulation, worldNames, type World } from '@driftlab/simulator';
import { SAMPLE_SIZE } from '@driftlab/contracts';
import { featureSchema } from './schema';
import { trainModel, trainOnRecords, type LabelledRecord, type TrainedModel } from './train';

const world = (name: string): World => getWorld(name)!;

/** One model per world with the default sizes (20,000 / 5,000), trained once for the quality checks. */
const trained = new Map<string, TrainedModel>();
const model = (name: string): TrainedModel => {
  let m = trained.get(name);
  if (!m) {
    m = trainModel(world(name), { seed: 1 });
    trained.set(name, m);
  }
  return m;
};
const cls = (m: Metrics) => m as ClassificationMetrics;
const reg = (m: Metrics) => m as RegressionMetrics;

describe('trainModel', () => {
  it('is deterministic: same seed, same artifact JSON; another seed, another model', () => {
    const a = trainModel(world('credit'), { seed: 11, trainSize: 5000, holdoutSize: 1000 });
    const b = trainModel(world('credit'), { seed: 11, trainSize: 5000, holdoutSize: 1000 });
    expect(JSON.stringify(b.artifact)).toBe(JSON.stringify(a.artifact));
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    const c = trainModel(world('credit'), { seed: 12, trainSize: 5000, holdoutSize: 1000 });
    expect(c.artifact.coefficients).not.toEqual(a.artifact.coefficients);
  });

  it('trains credit with the default sizes in well under a few seconds', () => {
    // Measured: about 0.2 s under plain node, 0.6-0.9 s under jest; the bound only catches a regression.
    const started = performance.now();
    const m = model('credit');
    expect(performance.now() - started).toBeLessThan(3000);
    expect(m.trainingWindow.training.count).toBe(20_000);
    expect(m.trainingWindow.holdout.count).toBe(5_000);
  });

  it('returns plain JSON: artifact, metrics, schema, profile and window survive a round trip', () => {
    const m = model('credit');
    expect(JSON.parse(JSON.stringify(m))).toEqual(m);
    expect(m.artifact.kind).toBe('logistic-regression');
    expect(m.artifact.world).toBe('credit');
    expect(m.artifact.coefficients).toHaveLength(18);
    expect(model('delivery').artifact.kind).toBe('linear-regression');
  });

  it('records the training window in simulated time, the holdout right after it', () => {
    const { trainingWindow: w } = model('credit');
    expect(w).toMatchObject({ source: 'simulation', seed: 1 });
    expect(w.training.from! < w.training.to!).toBe(true);
    expect(w.training.to! <= w.holdout.from!).toBe(true);
    expect(w.training.from).toBe(
      new Date(new Simulation({ world: world('credit'), seed: 1 }).next().time).toISOString(),
    );
  });

  it('stores the schema the API validates against', () => {
    const { schema } = model('credit');
    expect(schema).toEqual(featureSchema(world('credit')));
    expect(schema.features.map((f) => f.name)).toEqual(world('credit').features.map((f) => f.name));
    expect(schema.features[0]).toEqual({
      name: 'age',
      kind: 'numeric',
      min: 18,
      max: 80,
      decimals: 0,
      unit: 'years',
    });
    expect(schema.features[1]).toMatchObject({
      kind: 'categorical',
      categories: ['salaried', 'self_employed', 'contract', 'unemployed', 'retired'],
    });
    expect(schema.target.classes).toHaveLength(2);
    expect(featureSchema(world('delivery')).target).toEqual({
      name: 'delivery_minutes',
      unit: expect.any(String),
    });
  });

  it('stores a reference profile of the training data for drift', () => {
    const { profile } = model('credit');
    expect(profile.size).toBe(20_000);
    expect(profile.features).toHaveLength(world('credit').features.length);
    for (const f of profile.features) {
      expect(f.count).toBe(20_000);
      expect(f.proportions.reduce((a, b) => a + b)).toBeCloseTo(1, 9);
      if (f.kind === 'numeric') {
        expect(f.edges).toHaveLength(9);
        expect(f.proportions).toHaveLength(10);
        expect(f.sample).toHaveLength(SAMPLE_SIZE);
        expect([...f.sample].sort((a, b) => a - b)).toEqual(f.sample);
      } else expect(f.proportions).toHaveLength(f.categories.length);
    }
    // Age: continuous enough that each decile bin holds close to a tenth.
    const age = profile.features[0];
    expect(age.kind === 'numeric' && Math.max(...age.proportions)).toBeLessThan(0.15);
    // The label share matches the training labels; predictions are probabilities averaging about it.
    expect(profile.target).toMatchObject({ kind: 'categorical', categories: ['0', '1'] });
    expect(profile.prediction.count).toBe(20_000);
    expect(profile.prediction.mean).toBeCloseTo(profile.target.proportions[1], 6); // logistic regression is calibrated in the mean
  });

  describe('holdout quality against a trivial baseline (training share of 1s / training mean)', () => {
    it.each(['credit', 'sea', 'hyperplane'])('%s beats the majority class clearly', (name) => {
      const { holdout, baseline } = model(name).metrics;
      expect(cls(holdout).accuracy).toBeGreaterThan(cls(baseline).accuracy + 0.01);
      expect(cls(holdout).logLoss).toBeLessThan(cls(baseline).logLoss - 0.05);
      expect(cls(holdout).rocAuc!).toBeGreaterThan(0.75);
    });

    it('stagger (concept 1 = small AND red) is linear in one-hot features: perfect', () => {
      expect(cls(model('stagger').metrics.holdout).accuracy).toBe(1);
    });

    it('fraud: rare positives keep accuracy at the baseline, but the ranking and log loss are far better', () => {
      // With about 1 % fraud, P(fraud) rarely exceeds 0.5: accuracy cannot beat "never fraud" by much.
      const { holdout, baseline } = model('fraud').metrics;
      expect(cls(holdout).accuracy).toBeGreaterThan(cls(baseline).accuracy - 0.002);
      expect(cls(holdout).rocAuc!).toBeGreaterThan(0.9);
      expect(cls(holdout).logLoss).toBeLessThan(0.8 * cls(baseline).logLoss);
    });

    it('agrawal (function 1: age < 40 or age ≥ 60) is not linear: the model stays at the baseline', () => {
      // A known limit of the toy model, kept visible on purpose: a band in one feature needs a
      // non-linear model or a binned feature. scikit-learn's LogisticRegression does no better
      // (serving/docs/models.md).
      const { holdout, baseline } = model('agrawal').metrics;
      expect(Math.abs(cls(holdout).accuracy - cls(baseline).accuracy)).toBeLessThan(0.01);
      expect(cls(holdout).rocAuc!).toBeLessThan(0.6);
    });

    it('delivery beats the mean by far', () => {
      const { holdout, baseline } = model('delivery').metrics;
      expect(reg(holdout).mae).toBeLessThan(0.5 * reg(baseline).mae);
      expect(reg(holdout).r2).toBeGreaterThan(0.85);
      expect(Math.abs(reg(baseline).r2)).toBeLessThan(0.01);
    });

    it('covers every world', () => {
      expect(worldNames().sort()).toEqual([
        'agrawal',
        'credit',
        'delivery',
        'fraud',
        'hyperplane',
        'sea',
        'stagger',
      ]);
    });
  });

  it('refuses sizes it cannot use, naming the option', () => {
    expect(() => trainModel(world('sea'), { seed: 1, trainSize: 5 })).toThrow(
      /^trainSize: expected a whole number of at least 10, got 5$/,
    );
    expect(() => trainModel(world('sea'), { seed: 1, holdoutSize: 0.5 })).toThrow(/^holdoutSize: /);
    expect(() => trainModel(world('sea'), { seed: NaN })).toThrow(/^seed: /);
  });
});

describe('trainOnRecords', () => {
  /** The first `n` events of a simulation as logged, labelled records. */
  function records(name: string, seed: number, n: number): LabelledRecord[] {
    const simulation = new Simulation({ world: world(name), seed });
    return Array.from({ length: n }, () => {
      const r = toRecord(simulation.next());
      return { features: r.features, label: r.label, time: r.time };
    });
  }

  it('gives the same model as trainModel on the same events', () => {
    for (const name of ['credit', 'delivery']) {
      const fromRecords = trainOnRecords(world(name), records(name, 7, 5000));
      const fromSimulation = trainModel(world(name), { seed: 7, trainSize: 4000, holdoutSize: 1000 });
      expect(fromRecords.artifact).toEqual(fromSimulation.artifact);
      expect(fromRecords.metrics).toEqual(fromSimulation.metrics);
      expect(fromRecords.profile).toEqual(fromSimulation.profile);
      expect(fromRecords.trainingWindow).toEqual({
        ...fromSimulation.trainingWindow,
        source: 'records',
        seed: null,
      });
    }
  });

  it('trains on payloads with missing values and unknown categories', () => {
    const logged = records('credit', 3, 1000).map((r, i) => ({
      ...r,
      features: { ...r.features, ...(i % 10 === 0 ? { annual_income: null, region: 'atlantis' } : {}) },
    }));
    const m = trainOnRecords(world('credit'), logged, { holdoutFraction: 0.25 });
    expect(m.trainingWindow.training.count).toBe(750);
    expect(m.trainingWindow.holdout.count).toBe(250);
    const income = m.profile.features.find((f) => f.name === 'annual_income')!;
    const region = m.profile.features.find((f) => f.name === 'region')!;
    expect(income.missing).toBeCloseTo(75 / 750, 12);
    expect(region.missing).toBeCloseTo(75 / 750, 12);
    expect(m.artifact.coefficients.every(Number.isFinite)).toBe(true);
  });

  it('takes records without times, leaving the window open', () => {
    const logged = records('sea', 2, 100).map(({ features, label }) => ({ features, label }));
    expect(trainOnRecords(world('sea'), logged).trainingWindow.training).toEqual({
      count: 80,
      from: null,
      to: null,
    });
  });

  it('names the record that cannot be used', () => {
    const good = records('sea', 2, 20);
    const credit = world('credit');
    expect(() => trainOnRecords(world('sea'), good.slice(0, 5))).toThrow(
      /^records: expected at least 10 labelled records, got 5$/,
    );
    const badLabel = good.map((r, i) => (i === 4 ? { ...r, label: 2 } : r));
    expect(() => trainOnRecords(world('sea'), badLabel)).toThrow(
      /^records\[4\].label: expected 0 or 1, got 2$/,
    );
    const badFeatures = good.map((r, i) =>
      i === 6 ? { ...r, features: 'x' } : r,
    ) as unknown as LabelledRecord[];
    expect(() => trainOnRecords(world('sea'), badFeatures)).toThrow(
      /^records\[6\].features: expected an object/,
    );
    expect(() => trainOnRecords(world('sea'), good, { holdoutFraction: 1 })).toThrow(/^holdoutFraction: /);
    const oneClass = records('credit', 2, 50).map((r) => ({ ...r, label: 0 }));
    expect(() => trainOnRecords(credit, oneClass)).toThrow(/^labels: expected both classes/);
    const delivery = records('delivery', 2, 20).map((r, i) => (i === 3 ? { ...r, label: NaN } : r));
    expect(() => trainOnRecords(world('delivery'), delivery)).toThrow(
      /^records\[3\].label: expected a finite number, got NaN$/,
    );
  });
});
