import { SUITES } from './suites';
import type { ModelTest } from './model-test-kit';

/*
 * "Unit tests for ML models" (Ribeiro et al., "Beyond accuracy: behavioral testing of NLP models
 * with CheckList", ACL 2020), per world, written against payload records as clients send them:
 *
 * - minimum functionality: a case whose answer is obvious must get it (a clearly risky applicant
 *   scores above a clearly safe one);
 * - directional expectation: changing one input in a known direction, all else equal, moves the
 *   score in the expected direction or leaves it (longer distance never shortens a delivery);
 * - invariance: changing something irrelevant changes nothing (an unknown extra field), or almost
 *   nothing (an attribute the ground truth ignores, to which a fitted model may give a tiny weight).
 *
 * Each world's suite is a module of suites/, built from the helpers of model-test-kit.ts; see
 * serving/docs/gates.md to add a test. A test must hold for every concept a scenario may switch the
 * world to (or the gate would reject a good retrain after the switch), so the tests encode what no
 * concept changes.
 */

export {
  directional,
  eachValue,
  invariant,
  modelTest,
  scoresAbove,
  worldSuite,
  type SweepDirection,
  type ModelTest,
  type ModelTestKind,
  type ModelTestOutcome,
  type Sweep,
  type WorldSuite,
} from './model-test-kit';

/** The model tests of a world's model; empty for a world without a suite. */
export function modelTests(worldName: string): ModelTest[] {
  const suite = Object.prototype.hasOwnProperty.call(SUITES, worldName) ? SUITES[worldName] : undefined;
  return suite ? suite() : [];
}

/** Worlds that have a suite. */
export function worldsWithModelTests(): string[] {
  return Object.keys(SUITES);
}
