import type { ClassificationMetrics } from '@driftlab/contracts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getWorld, parseScenario, Simulation, toRecord, type Scenario } from '@driftlab/simulator';
import { ensureModels } from '../bootstrap';
import { LabelledLog } from '../labelled-log';
import { ModelRegistry } from '../registry';
import { RecoveryError } from './errors';
import { retrainFromLog } from './retrain';

let dir: string;
let registry: ModelRegistry;
let log: LabelledLog;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'driftlab-retrain-'));
  registry = ModelRegistry.open(join(dir, 'registry'));
  log = new LabelledLog(join(dir, 'labelled.sqlite'));
});
afterEach(() => {
  log.close();
  registry.close();
  rmSync(dir, { recursive: true, force: true });
});

/** SEA's threshold moved from 8 to 7 from the first minute: a pure concept change. */
const SEA_AT_7: Scenario = parseScenario(
  `id: sea-at-7
title: SEA at threshold 7
brief: test
answer: { kind: concept, model: sea, features: [f1, f2], what: t, when: t, recover: t, signals: [t] }
seed: 1
worlds: [sea]
timeline:
  - { id: c, start: 0s, injector: concept-change, target: { world: sea }, params: { set: { threshold: 7 } } }
`,
  'sea-at-7.yaml',
);

/** Logs `n` served-and-labelled events of `world` (labels transformed by `relabel`). */
function logTraffic(name: string, n: number, scenario?: Scenario, relabel = (y: number) => y): void {
  const simulation = new Simulation({ world: getWorld(name)!, seed: 99, scenario });
  const served = [];
  const labels = [];
  for (let i = 0; i < n; i++) {
    const r = toRecord(simulation.next());
    const time = Date.parse(r.time);
    served.push({
      requestId: `r${i}`,
      model: name,
      version: 1,
      time,
      features: r.features,
      prediction: 0,
      score: 0.5,
    });
    labels.push({ requestId: `r${i}`, label: relabel(r.label), time: time + 60_000 });
  }
  log.recordPredictions(served);
  log.recordLabels(labels);
}

const holdoutAccuracy = (m: unknown) => (m as { holdout: ClassificationMetrics }).holdout.accuracy;

describe('retrainFromLog', () => {
  it('recovers from a concept change: the retrained version beats the serving one on the same recent data', () => {
    ensureModels(registry, [getWorld('sea')!], 1);
    logTraffic('sea', 4000, SEA_AT_7);
    const result = retrainFromLog(registry, log, getWorld('sea')!, { last: 3000, promote: true });
    expect(result.records).toBe(3000);
    expect(result.version).toBe(2);
    const comparison = (
      result.metrics as unknown as { comparison: { version: number; holdout: ClassificationMetrics } }
    ).comparison;
    expect(comparison.version).toBe(1);
    // The old boundary (8) misclassifies the band 7 < f1 + f2 ≤ 8; the retrained one learned 7.
    expect(holdoutAccuracy(result.metrics)).toBeGreaterThan(comparison.holdout.accuracy + 0.03);
    expect(result.gates.passed).toBe(true);
    expect(result.gates.comparedWith).toBe(1);
    expect(result.promoted).toBe(true);
    expect(registry.current('sea')!.version).toBe(2);
    const stored = registry.version('sea', 2);
    expect(stored.trainingWindow).toMatchObject({
      source: 'records',
      training: { count: 2400 },
      holdout: { count: 600 },
    });
    expect(stored.gates).toMatchObject({ passed: true });
  });

  it('stores but does not promote a candidate that fails the model tests', () => {
    ensureModels(registry, [getWorld('credit')!], 1);
    // Deliberately bad: labels inverted, so the candidate learns every direction backwards.
    logTraffic('credit', 3000, undefined, (y) => 1 - y);
    const result = retrainFromLog(registry, log, getWorld('credit')!, { last: 3000, promote: true });
    expect(result.promoted).toBe(false);
    expect(result.gates.passed).toBe(false);
    expect(result.gates.checks.filter((c) => !c.passed).map((c) => c.kind)).toContain('directional');
    expect(registry.current('credit')!.version).toBe(1);
    expect(registry.versions('credit').map((v) => v.status)).toEqual(['serving', 'rejected']);
  });

  it('without promote, stores the candidate with its gate results and leaves serving alone', () => {
    ensureModels(registry, [getWorld('sea')!], 1);
    logTraffic('sea', 500);
    const result = retrainFromLog(registry, log, getWorld('sea')!, { last: 500 });
    expect(result.promoted).toBe(false);
    expect(registry.version('sea', result.version).gates).toEqual(result.gates);
    expect(registry.current('sea')!.version).toBe(1);
  });

  it('refuses too few labelled events and a bad count, naming what it needs', () => {
    ensureModels(registry, [getWorld('sea')!], 1);
    logTraffic('sea', 5);
    expect(() => retrainFromLog(registry, log, getWorld('sea')!, { last: 100 })).toThrow(
      /sea has 5 labelled event\(s\).*at least 10/,
    );
    for (const last of [0, 2.5, 1e9])
      expect(() => retrainFromLog(registry, log, getWorld('sea')!, { last })).toThrow(RecoveryError);
    expect(registry.versions('sea')).toHaveLength(1);
  });
});
