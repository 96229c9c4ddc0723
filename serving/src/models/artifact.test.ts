import { getWorld, sentFeatures, Simulation } from '@driftlab/simulator';
import { loadModel, type ModelArtifact } from './artifact';
import { ModelError } from './errors';
import { trainModel } from './train';

const HAND: ModelArtifact = {
  kind: 'logistic-regression',
  world: 'toy',
  preprocessing: {
    columns: [
      { name: 'a', kind: 'numeric', mean: 10, sd: 2 },
      { name: 'c', kind: 'categorical', categories: ['x', 'y'] },
    ],
  },
  coefficients: [1, -2],
  intercept: 0.5,
};

describe('loadModel', () => {
  it('scores vectors and records through the preprocessing', () => {
    const model = loadModel(HAND);
    expect(model).toMatchObject({ kind: 'logistic-regression', task: 'classification', world: 'toy' });
    // a = 12 → (12 − 10)/2 = 1; c = y → 1. z = 0.5 + 1·1 − 2·1 = −0.5, σ(−0.5) = 0.3775406688.
    expect(model.score([12, 1])).toBeCloseTo(0.3775406688, 10);
    expect(model.scoreRecord({ a: 12, c: 'y' })).toBeCloseTo(0.3775406688, 10);
    expect(model.predict([12, 1])).toBe(0);
    // c = x (reference): z = 1.5 → class 1.
    expect(model.predictRecord({ a: 12, c: 'x' })).toBe(1);
    expect(model.scoreDesign([0, 0, 1, 1], 2)).toBeCloseTo(0.3775406688, 10);
  });

  it('builds a linear predictor that returns the value for both score and predict', () => {
    const model = loadModel({ ...HAND, kind: 'linear-regression' });
    expect(model.task).toBe('regression');
    expect(model.score([12, 1])).toBe(-0.5);
    expect(model.predict([12, 1])).toBe(-0.5);
    expect(model.predictRecord({ a: 12, c: 'y' })).toBe(-0.5);
    expect(model.scoreDesign([1, 0])).toBe(1.5);
  });

  it('names the field of a damaged artifact', () => {
    const bad = (patch: Record<string, unknown>) => () => loadModel({ ...HAND, ...patch });
    expect(() => loadModel(null)).toThrow(/^artifact: expected an object, got null$/);
    expect(bad({ kind: 'tree' })).toThrow(
      /^artifact.kind: expected 'logistic-regression' or 'linear-regression'/,
    );
    expect(bad({ world: '' })).toThrow(/^artifact.world: expected a non-empty string/);
    expect(bad({ coefficients: [1] })).toThrow(/^artifact.coefficients: expected 2 coefficients/);
    // NaN becomes null in JSON.
    expect(bad({ coefficients: [1, null] })).toThrow(
      /^artifact.coefficients\[1\]: expected a finite number, got null$/,
    );
    expect(bad({ intercept: '0.5' })).toThrow(/^artifact.intercept: /);
    expect(bad({ preprocessing: { columns: [{ name: 'a', kind: 'numeric', mean: 1 }] } })).toThrow(
      ModelError,
    );
  });

  it('rebuilds a trained model from its JSON with the predictions it was evaluated with', () => {
    const world = getWorld('credit')!;
    const trained = trainModel(world, { seed: 5, trainSize: 2000, holdoutSize: 200 });
    const model = loadModel(JSON.parse(JSON.stringify(trained.artifact)));
    expect(model.artifact).toEqual(trained.artifact);
    const simulation = new Simulation({ world, seed: 99 });
    for (let i = 0; i < 300; i++) {
      const event = simulation.next();
      const p = model.score(event.truth);
      expect(p).toBeGreaterThan(0);
      expect(p).toBeLessThan(1);
      // What a client sends gives exactly what the feature vector gives.
      expect(model.scoreRecord(sentFeatures(event))).toBe(p);
    }
  });
});
