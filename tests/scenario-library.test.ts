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

// What an answer key tells students to do about the incident. In the lab a student recovers only
// through serving's recovery routes (roll back, promote, retrain): a key whose recovery is `retrain`
// names that route; a key whose recovery is `end-fault` (the harness aborts the incident: a serving
// fault, an upstream feed or client, a flood, the labels) says plainly that the fault ends by itself,
// and never offers a rollback, a restart or a retrain as the fix. Scoring expects no action either way
// (lab/src/diagnosis/scoring.ts scores the diagnosis only).
const ENDS_BY_ITSELF = 'ends by itself';
const FIX_WORDS = /\b(?:roll(?:s|ed|ing)?\s+(?:\S+\s+){0,3}?back|rollbacks?|restart\w*|retrain\w*)\b/i;
const NEGATION = /\b(?:not|no|never|neither|nor|cannot|can't|don't|doesn't)\b/i;

/** The clauses of a `recover` text that offer a rollback, a restart or a retrain as the fix. */
function fixesOffered(recover: string): string[] {
  return recover
    .split(/[.;:,()]/)
    .map((clause) => clause.trim())
    .filter((clause) => FIX_WORDS.test(clause) && !NEGATION.test(clause));
}

describe('what the answer keys tell students to do', () => {
  it('offers no rollback, restart or retrain where only ending the fault recovers', () => {
    // credit-error-storm's old key: the harness recovered by ending the fault, the text by a rollback.
    const old =
      'Check the error rate by status and version, the readiness probe and the model status; roll back ' +
      'to the previous version or restart the serving process; the error-rate SLO alert resolves.';
    expect(fixesOffered(old)).toEqual(['roll back to the previous version or restart the serving process']);
    expect(old).not.toContain(ENDS_BY_ITSELF);
    expect(
      fixesOffered('Do not roll back or retrain a healthy model; neither a rollback nor a restart helps.'),
    ).toEqual([]);

    const problems: string[] = [];
    for (const s of scenarios.filter((s) => s.answer.recovery?.action === 'end-fault')) {
      const recover = s.answer.recover.replace(/\s+/g, ' ');
      if (!recover.includes(ENDS_BY_ITSELF))
        problems.push(`${s.id}: does not say the fault ${ENDS_BY_ITSELF}`);
      for (const clause of fixesOffered(recover)) problems.push(`${s.id}: offers "${clause}"`);
    }
    expect(problems).toEqual([]);
  });

  it('names the retrain route where a retrain recovers', () => {
    const problems: string[] = [];
    for (const s of scenarios.filter((s) => s.answer.recovery?.action === 'retrain')) {
      const recover = s.answer.recover.replace(/\s+/g, ' ');
      if (!recover.includes(`POST /v1/models/${s.answer.model}:retrain`))
        problems.push(`${s.id}: does not name POST /v1/models/${s.answer.model}:retrain`);
      if (recover.includes(ENDS_BY_ITSELF)) problems.push(`${s.id}: says the fault ${ENDS_BY_ITSELF}`);
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
