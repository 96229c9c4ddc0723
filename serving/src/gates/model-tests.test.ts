import { getWorld } from '@driftlab/simulator';
import { loadModel, trainModel, type ModelArtifact, type Predictor } from '../models';
import {
  directional,
  eachValue,
  invariant,
  modelTest,
  modelTests,
  scoresAbove,
  worldsWithModelTests,
  type ModelTest,
} from './model-tests';

const TRAIN = { seed: 7, trainSize: 5000, holdoutSize: 500 };
const trained = (world: string): ModelArtifact => trainModel(getWorld(world)!, TRAIN).artifact;
const failing = (tests: ModelTest[], p: Predictor) =>
  tests.filter((t) => !t.run(p).passed).map((t) => t.name);
/** The same model with every coefficient negated: it ranks everything backwards. */
const negated = (a: ModelArtifact): Predictor =>
  loadModel({ ...a, coefficients: a.coefficients.map((c) => -c) });

describe('modelTests', () => {
  it('has a suite for every built-in world, with an unknown-field invariance test in each', () => {
    expect(worldsWithModelTests().sort()).toEqual(
      ['agrawal', 'credit', 'delivery', 'fraud', 'hyperplane', 'sea', 'stagger'].sort(),
    );
    for (const w of worldsWithModelTests()) {
      const tests = modelTests(w);
      expect(tests.length).toBeGreaterThanOrEqual(2);
      expect(tests.some((t) => t.kind === 'invariance' && t.name.includes('nickname'))).toBe(true);
      expect(new Set(tests.map((t) => t.name)).size).toBe(tests.length);
    }
    expect(modelTests('no-such-world')).toEqual([]);
    expect(modelTests('toString')).toEqual([]);
  });

  it.each(worldsWithModelTests())('a model trained on %s passes its whole suite', (world) => {
    const p = loadModel(trained(world));
    for (const t of modelTests(world)) {
      const outcome = t.run(p);
      expect({ test: t.name, ...outcome }).toMatchObject({ test: t.name, passed: true });
    }
  });

  it.each([
    ['credit', ['a clearly risky applicant', 'debt_to_income', 'annual_income', 'delinquencies']],
    ['fraud', ['textbook fraud', 'country mismatch', 'transactions in 24 h']],
    ['delivery', ['long, slow, busy', 'distance_km', 'restaurant_prep_min']],
    ['sea', ['small f1 + f2', 'raising f1', 'raising f2']],
    ['hyperplane', ['all-ones corner']],
  ])('%s: a model with negated coefficients fails the expected tests', (world, expected) => {
    const failed = failing(modelTests(world), negated(trained(world)));
    expect(failed).toHaveLength(expected.length);
    for (const fragment of expected) expect(failed.some((n) => n.includes(fragment))).toBe(true);
  });
});

describe('test helpers', () => {
  // A hand-made credit-like model: P rises with x, falls with y, ignores z except a little.
  const p = loadModel({
    kind: 'logistic-regression',
    world: 'toy',
    preprocessing: {
      columns: [
        { name: 'x', kind: 'numeric', mean: 0, sd: 1 },
        { name: 'y', kind: 'numeric', mean: 0, sd: 1 },
        { name: 'z', kind: 'numeric', mean: 0, sd: 1 },
        { name: 'c', kind: 'categorical', categories: ['a', 'b'] },
      ],
    },
    coefficients: [1, -1, 0.01, 2],
    intercept: 0,
  });
  const bases = [
    { x: 0, y: 0, z: 0, c: 'a' },
    { x: 1, y: -2, z: 3, c: 'b' },
  ];

  it('scoresAbove compares two records, with an optional margin', () => {
    expect(scoresAbove('x', { x: 2 }, { x: -2 }).run(p).passed).toBe(true);
    expect(scoresAbove('x', { x: -2 }, { x: 2 }).run(p)).toMatchObject({ passed: false });
    expect(scoresAbove('x', { x: 0.01 }, { x: 0 }, 0.5).run(p).passed).toBe(false);
  });

  it('directional sweeps numbers and categories and names the counterexample', () => {
    expect(directional('x', bases, 'x', [-3, 0, 3], 'non-decreasing').run(p).passed).toBe(true);
    expect(directional('y', bases, 'y', [-3, 0, 3], 'non-increasing').run(p).passed).toBe(true);
    expect(directional('c', bases, 'c', ['a', 'b'], 'non-decreasing').run(p).passed).toBe(true);
    const wrong = directional('y', bases, 'y', [-3, 0, 3], 'non-decreasing').run(p);
    expect(wrong.passed).toBe(false);
    expect(wrong.detail).toMatch(/^y -3 → 0 moved the score/);
  });

  it('invariant allows exactly the tolerance given', () => {
    expect(invariant('n', bases, [{ nickname: 'x' }]).run(p).passed).toBe(true);
    expect(invariant('z', bases, eachValue('z', [0, 1]), 0).run(p).passed).toBe(false);
    expect(invariant('z', bases, eachValue('z', [-5, 5]), 0.05).run(p).passed).toBe(true);
    expect(invariant('x', bases, eachValue('x', [5]), 0.05).run(p)).toMatchObject({ passed: false });
  });

  it('modelTest wraps a boolean or a full outcome', () => {
    expect(modelTest('t', 'minimum-functionality', () => true).run(p)).toEqual({
      passed: true,
      detail: 'as expected',
    });
    expect(modelTest('t', 'minimum-functionality', () => ({ passed: false, detail: 'why' })).run(p)).toEqual({
      passed: false,
      detail: 'why',
    });
  });
});
