import { classificationMetrics, regressionMetrics } from '@driftlab/contracts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getWorld, Simulation } from '@driftlab/simulator';
import { loadModel, trainModel, type ModelArtifact, type ModelMetrics, type TrainedModel } from '../models';
import { ModelRegistry, type VersionInfo } from '../registry';
import { evaluateGates, failedChecks, promoteWithGates, type GateReport } from './gates';

const TRAIN_SIZE = 5000;
const HOLDOUT_SIZE = 2000;
const good = (world: string, seed: number): TrainedModel =>
  trainModel(getWorld(world)!, { seed, trainSize: TRAIN_SIZE, holdoutSize: HOLDOUT_SIZE });

/**
 * A deliberately bad candidate: the good artifact's JSON with every coefficient and the intercept
 * negated (it ranks everything backwards), with its honest holdout metrics, measured on the same
 * holdout as the good model's.
 */
function bad(world: string, seed: number, from: TrainedModel): TrainedModel {
  const copy = JSON.parse(JSON.stringify(from.artifact)) as { coefficients: number[]; intercept: number };
  copy.coefficients = copy.coefficients.map((c) => -c);
  copy.intercept = -copy.intercept;
  const artifact = copy as unknown as ModelArtifact;
  const predictor = loadModel(artifact);
  const simulation = new Simulation({ world: getWorld(world)!, seed });
  for (let i = 0; i < TRAIN_SIZE; i++) simulation.next();
  const labels = new Float64Array(HOLDOUT_SIZE);
  const scores = new Float64Array(HOLDOUT_SIZE);
  for (let i = 0; i < HOLDOUT_SIZE; i++) {
    const event = simulation.next();
    labels[i] = event.label;
    scores[i] = predictor.score(event.truth);
  }
  const holdout =
    predictor.task === 'classification'
      ? classificationMetrics(labels, scores)
      : regressionMetrics(labels, scores);
  const metrics: ModelMetrics = { ...from.metrics, holdout };
  return { ...from, artifact, metrics };
}

const dirs: string[] = [];
const registries: ModelRegistry[] = [];
function openRegistry(): ModelRegistry {
  const dir = mkdtempSync(join(tmpdir(), 'driftlab-gates-'));
  dirs.push(dir);
  const registry = ModelRegistry.open(dir);
  registries.push(registry);
  return registry;
}
afterAll(() => {
  for (const r of registries) r.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const add = (registry: ModelRegistry, model: string, m: TrainedModel): number =>
  registry.addVersion(model, {
    artifact: m.artifact,
    trainingWindow: m.trainingWindow,
    metrics: m.metrics,
    featureSchema: m.schema,
    profile: m.profile,
  });
const statusOf = (registry: ModelRegistry, model: string, version: number) =>
  registry.versions(model).find((v) => v.version === version)?.status;

describe('promoteWithGates on a real registry', () => {
  const creditGood1 = good('credit', 1);
  const creditGood2 = good('credit', 2);
  const creditBad = bad('credit', 2, creditGood2);

  it('credit: promotes good candidates and rejects a bad one, naming the failed checks', () => {
    const registry = openRegistry();

    const v1 = add(registry, 'credit', creditGood1);
    const first = promoteWithGates(registry, 'credit', v1, { reason: 'first model' });
    expect(first.promoted).toBe(true);
    expect(first.results.comparedWith).toBeNull();
    expect(first.results.checks[0].detail).toMatch(/nothing serves yet/);
    expect(registry.current('credit')?.version).toBe(v1);

    const v2 = add(registry, 'credit', creditGood2);
    const second = promoteWithGates(registry, 'credit', v2, { reason: 'retrained on seed 2' });
    expect(failedChecks(second.results)).toEqual([]);
    expect(second).toMatchObject({ promoted: true, results: { passed: true, comparedWith: v1 } });
    expect(second.deployment).toMatchObject({ action: 'promote', from: v1, to: v2 });
    expect(registry.current('credit')?.version).toBe(v2);
    expect(registry.version('credit', v2).gates).toMatchObject({ passed: true });

    const v3 = add(registry, 'credit', creditBad);
    const third = promoteWithGates(registry, 'credit', v3, { reason: 'should never serve' });
    expect(third.promoted).toBe(false);
    expect(third.deployment).toBeNull();
    expect(third.results.passed).toBe(false);
    expect(third.results.comparedWith).toBe(v2);
    expect(failedChecks(third.results).sort()).toEqual(
      [
        'holdout accuracy no worse than serving',
        'a clearly risky applicant scores above a clearly safe one',
        'raising debt_to_income never lowers P(default)',
        'raising annual_income never raises P(default)',
        'more delinquencies never lower P(default)',
      ].sort(),
    );
    // The unknown-field invariance still holds: negating weights does not make a field matter.
    expect(third.results.checks.find((c) => c.name.includes('nickname'))?.passed).toBe(true);

    // Stored with the version, listed as rejected, and the serving version is untouched.
    const stored = registry.version('credit', v3).gates as unknown as GateReport;
    expect(stored.passed).toBe(false);
    expect(stored.checks).toEqual(JSON.parse(JSON.stringify(third.results.checks)));
    expect(statusOf(registry, 'credit', v3)).toBe('rejected');
    expect(statusOf(registry, 'credit', v2)).toBe('serving');
    expect(statusOf(registry, 'credit', v1)).toBe('retired');
    expect(registry.current('credit')?.version).toBe(v2);
    expect(registry.deployments('credit').map((d) => d.to)).toEqual([v1, v2]);

    // Nor can it serve by a rollback, which skips the gates: it never served.
    const v4 = add(registry, 'credit', creditGood1);
    expect(promoteWithGates(registry, 'credit', v4, { reason: 'newer still' }).promoted).toBe(true);
    expect(() => registry.rollback('credit', v3, 'sneak it in')).toThrow(/failed its promotion gates/);
    registry.rollback('credit', v2, 'back to one that served');
    expect(registry.current('credit')?.version).toBe(v2);
  });

  it('refuses a promotion backwards before running the gates: the version keeps its own report', () => {
    const registry = openRegistry();
    const v1 = add(registry, 'credit', creditGood1);
    const v2 = add(registry, 'credit', creditGood2);
    promoteWithGates(registry, 'credit', v1, { reason: 'first' });
    promoteWithGates(registry, 'credit', v2, { reason: 'second' });
    const before = JSON.stringify(registry.version('credit', v1).gates);
    expect(() => promoteWithGates(registry, 'credit', v1, { reason: 'backwards' })).toThrow(
      /older than the serving/,
    );
    expect(JSON.stringify(registry.version('credit', v1).gates)).toBe(before);
  });

  it('delivery (regression): the MAE gate and the directional tests stop a bad candidate', () => {
    const registry = openRegistry();
    const delivery1 = good('delivery', 1);
    const v1 = add(registry, 'delivery', delivery1);
    expect(promoteWithGates(registry, 'delivery', v1, { reason: 'first' }).promoted).toBe(true);

    const v2 = add(registry, 'delivery', bad('delivery', 1, delivery1));
    const gated = promoteWithGates(registry, 'delivery', v2, { reason: 'bad' });
    expect(gated.promoted).toBe(false);
    expect(failedChecks(gated.results)).toEqual([
      'holdout MAE no worse than serving',
      'a long, slow, busy order takes longer than a short, easy one',
      'a longer distance_km never shortens the predicted minutes',
      'a longer restaurant_prep_min never shortens the predicted minutes',
    ]);
    expect(statusOf(registry, 'delivery', v2)).toBe('rejected');
    expect(registry.current('delivery')?.version).toBe(v1);
  });

  it('the first version of a model is gated too: a bad one never serves', () => {
    const registry = openRegistry();
    const v1 = add(registry, 'credit', creditBad);
    const gated = promoteWithGates(registry, 'credit', v1, { reason: 'bad first' });
    expect(gated.promoted).toBe(false);
    // Nothing to compare the quality with, so only the model tests catch it.
    expect(gated.results.checks[0]).toMatchObject({ kind: 'quality', passed: true });
    expect(failedChecks(gated.results)).toHaveLength(4);
    expect(registry.current('credit')).toBeNull();
    expect((registry.versions('credit')[0] as VersionInfo).status).toBe('rejected');
  });
});

describe('evaluateGates', () => {
  const credit = good('credit', 3);
  const accuracy = (a: number) => ({ holdout: { ...credit.metrics.holdout, accuracy: a } });

  it('lets accuracy drop by at most the tolerance (0.01 by default)', () => {
    const at = (candidate: number, current: number, tolerance?: { accuracyDrop: number }) =>
      evaluateGates({
        world: 'credit',
        candidate: { artifact: credit.artifact, metrics: accuracy(candidate) },
        current: { metrics: accuracy(current) },
        tolerance,
      }).checks[0];
    expect(at(0.87, 0.88)).toMatchObject({ kind: 'quality', passed: true });
    expect(at(0.869, 0.88)).toMatchObject({ passed: false });
    expect(at(0.869, 0.88).detail).toMatch(/drop 0.011 > 0.01/);
    expect(at(0.85, 0.88, { accuracyDrop: 0.05 }).passed).toBe(true);
    expect(at(0.95, 0.88).passed).toBe(true);
  });

  it('lets MAE rise by at most 5 % by default, and reads bare holdout Metrics too', () => {
    const delivery = good('delivery', 3);
    const mae = (v: number) => ({ ...delivery.metrics.holdout, mae: v });
    const check = (candidate: number, current: number) =>
      evaluateGates({
        world: 'delivery',
        candidate: { artifact: delivery.artifact, metrics: mae(candidate) },
        current: { metrics: { holdout: mae(current) } },
      });
    expect(check(3.15, 3).checks[0].passed).toBe(true);
    expect(check(3.16, 3).checks[0].passed).toBe(false);
    expect(check(3.16, 3).passed).toBe(false);
    expect(check(2, 3).passed).toBe(true);
  });

  it('fails, without throwing, a candidate whose artifact does not load or is for another world', () => {
    const broken = evaluateGates({
      world: 'credit',
      candidate: { artifact: { ...credit.artifact, coefficients: [1, 2] }, metrics: credit.metrics },
    });
    expect(broken.passed).toBe(false);
    expect(failedChecks(broken)).toEqual(['the artifact loads']);
    expect(broken.checks[1].detail).toMatch(/coefficients/);

    const other = evaluateGates({ world: 'fraud', candidate: credit });
    expect(failedChecks(other)).toContain('the artifact loads');
    expect(other.checks[1].detail).toMatch(/"credit", not "fraud"/);
  });

  it('fails a candidate without holdout metrics, or compared with metrics of another task', () => {
    expect(
      failedChecks(evaluateGates({ world: 'credit', candidate: { artifact: credit.artifact, metrics: {} } })),
    ).toEqual(['holdout quality']);
    const delivery = good('delivery', 3);
    const mixed = evaluateGates({
      world: 'credit',
      candidate: credit,
      current: { metrics: delivery.metrics },
    });
    expect(mixed.checks[0]).toMatchObject({ passed: false });
  });

  it('records the tolerance and the time, and is plain JSON', () => {
    const r = evaluateGates({
      world: 'credit',
      candidate: credit,
      tolerance: { accuracyDrop: 0.02 },
      now: () => new Date('2024-01-02T03:04:05Z'),
    });
    expect(r).toMatchObject({
      passed: true,
      tolerance: { accuracyDrop: 0.02, maeRise: 0.05 },
      evaluatedAt: '2024-01-02T03:04:05.000Z',
    });
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });
});
