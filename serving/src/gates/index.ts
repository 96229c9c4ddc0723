// Promotion gates and the per-world model tests they run; see serving/docs/gates.md.
export {
  directional,
  invariant,
  modelTest,
  modelTests,
  scoresAbove,
  eachValue,
  worldsWithModelTests,
  type ModelTest,
  type ModelTestKind,
  type ModelTestOutcome,
} from './model-tests';
export {
  DEFAULT_GATE_TOLERANCE,
  evaluateGates,
  evaluateVersionGates,
  failedChecks,
  promoteWithGates,
  type GateCheck,
  type GateCheckKind,
  type GateInput,
  type GatedPromotion,
  type GateReport,
  type GateTolerance,
  type HoldoutComparison,
  type PromoteWithGatesOptions,
} from './gates';
