// The built-in scenario library: every file is valid, every injector category and diagnosis kind is
// covered, and every answer key says how the incident shows in the provisioned alerts and how it is
// recovered from. That those promises hold is proven by running each scenario through the real
// pipeline and promtool: `npm run test:scenarios` (tests/scenarios, simulator/docs/scenarios.md).
import { INJECTORS, builtinScenarios, injectorInfo, libraryFiles } from '@driftlab/simulator';
import { provisionedAlerts } from './support/scenario-checks';
import { ruleExpressions, windowsRead } from './support/scenario-harness';

const scenarios = builtinScenarios();

describe('the built-in scenario library', () => {
  it('has at least 12 scenarios, one per file, with unique ids', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(12);
    expect(scenarios).toHaveLength(libraryFiles().length);
    expect(new Set(scenarios.map((s) => s.id)).size).toBe(scenarios.length);
    for (const [i, file] of libraryFiles().entries())
      expect(file.endsWith(`${scenarios[i].id}.yaml`)).toBe(true);
  });

  it('covers every injector category', () => {
    const used = new Set(
      scenarios.flatMap((s) => s.timeline.map((step) => injectorInfo(step.injector)!.category)),
    );
    expect([...used].sort()).toEqual([...new Set(INJECTORS.map((i) => i.category))].sort());
  });

  it('covers every diagnosis kind in its answer keys', () => {
    expect(new Set(scenarios.map((s) => s.answer.kind))).toEqual(
      new Set(['covariate', 'concept', 'prior', 'quality', 'serving', 'abuse']),
    );
  });

  it('states a detection window and a recovery in every answer key', () => {
    const without = scenarios.filter((s) => !s.answer.detect || !s.answer.recovery).map((s) => s.id);
    expect(without).toEqual([]);
  });

  it('names only provisioned alerts, and an alert about a feature only where the key names features', () => {
    const alerts = provisionedAlerts();
    const problems: string[] = [];
    for (const s of scenarios) {
      const detect = s.answer.detect;
      if (!detect) continue;
      for (const e of [...detect.alerts, ...detect.also]) {
        const info = alerts.get(e.alert);
        if (!info) problems.push(`${s.id}: no provisioned alert "${e.alert}"`);
        else if (
          info.aboutFeature &&
          !e.features &&
          s.answer.features.length === 0 &&
          detect.alerts.includes(e)
        )
          problems.push(
            `${s.id}: ${e.alert} is about a feature, and neither the key nor the entry names one`,
          );
      }
    }
    expect(problems).toEqual([]);
  });
});

describe("the scenario harness's exporter", () => {
  it('keeps the quality windows the expressions read, and only those', () => {
    expect(
      windowsRead([
        'driftlab_model_accuracy{window="last_1000"} < 0.8',
        'driftlab_model_mean_absolute_error{window = "last_3600s"} and driftlab_model_accuracy{window="last_1000"}',
        'driftlab_label_coverage_ratio < 0.2',
      ]),
    ).toEqual([
      { kind: 'count', size: 1000 },
      { kind: 'time', spanSeconds: 3600, capacity: 100_000 },
    ]);
    // The provisioned rules read the last 1,000 predictions' quality.
    expect(windowsRead(ruleExpressions())).toEqual([{ kind: 'count', size: 1000 }]);
  });
});
