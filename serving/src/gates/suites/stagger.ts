import type { FeatureRecord } from '@driftlab/contracts';
import { fmt, modelTest, worldSuite, type ModelTest } from '../model-test-kit';

// Every one of the 27 objects; the ground truth is in simulator/src/worlds/classic/stagger.ts.
const OBJECTS: FeatureRecord[] = [];
for (const size of ['small', 'medium', 'large'])
  for (const color of ['red', 'green', 'blue'])
    for (const shape of ['circle', 'square', 'triangle']) OBJECTS.push({ size, color, shape });

export const stagger = (): ModelTest[] =>
  worldSuite({
    bases: OBJECTS,
    // The three concepts disagree on every object pair (no object is positive under all three), so
    // the only concept-free minimum functionality is that the model tells some objects apart.
    minimumFunctionality: [
      modelTest('scores spread at least 0.3 over the 27 objects', 'minimum-functionality', (p) => {
        const scores = OBJECTS.map((o) => p.scoreRecord(o));
        const spread = Math.max(...scores) - Math.min(...scores);
        return { passed: spread >= 0.3, detail: `max − min score ${fmt(spread)} (need ≥ 0.3)` };
      }),
    ],
  });
