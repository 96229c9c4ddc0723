import type { FeatureRecord } from '@driftlab/contracts';
import { scoresAbove, worldSuite, type ModelTest } from '../model-test-kit';

// The ground truth is in simulator/src/worlds/classic/hyperplane.ts.
const BASES: FeatureRecord[] = [
  Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`x${i + 1}`, 0.5])),
  Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`x${i + 1}`, (i % 3) / 2])),
];
const corner = (v: number): FeatureRecord =>
  Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`x${i + 1}`, v]));

export const hyperplane = (): ModelTest[] =>
  worldSuite({
    bases: BASES,
    // Class 1 iff Σ wᵢxᵢ ≥ ½ Σ wᵢ: the all-ones corner is on it whenever Σ wᵢ > 0, which drift of the
    // first two of ten weights, starting uniform on [0, 1], does not undo at lab magnitudes.
    minimumFunctionality: [
      scoresAbove('the all-ones corner scores above the all-zeros corner', corner(1), corner(0)),
    ],
  });
