import type { ModelTest } from '../model-test-kit';
import { agrawal } from './agrawal';
import { credit } from './credit';
import { delivery } from './delivery';
import { fraud } from './fraud';
import { hyperplane } from './hyperplane';
import { sea } from './sea';
import { stagger } from './stagger';

/** World name → its suite. Add a world here (one module per world in this folder). */
export const SUITES: Readonly<Record<string, () => ModelTest[]>> = {
  credit,
  fraud,
  delivery,
  sea,
  stagger,
  hyperplane,
  agrawal,
};
