// The scenario harness as jest tests: one describe per built-in scenario, one test per promise of
// its answer key (simulator/docs/scenarios.md, "The scenario harness"). Run by
// `npm run test:scenarios` (jest.scenarios.config.js), one file per group of diagnosis kinds.
import { builtinScenarios, type Scenario } from '@driftlab/simulator';
import { checksOf, failuresByCheck, planOf, type Check, type CheckKind, type Plan } from './scenario-checks';
import { runScenario, type ScenarioRun } from './scenario-harness';
import { clock, describeFiring, firings, promtoolCheck } from './scenario-rules';

const KINDS: readonly CheckKind[] = [
  'quiet before the onset',
  'detected',
  'nothing unrelated',
  'recovered',
  'known issues as pinned',
];

/** What the failure of `kind` says: the promises broken, promtool's words, and every alert that fired. */
function failureReport(run: ScenarioRun, failed: [Check, string][]): string {
  const fired = firings(run);
  return [
    ...failed.map(
      ([check, output]) => `${check.what}\n  at ${clock(check.at)}: ${output.replace(/\n/g, '\n  ')}`,
    ),
    `recovery: ${run.recovery ?? 'none'}`,
    `alerts that fired (first–last firing, minutes firing), onset ${clock(planOf(run.scenario).onset)}:`,
    ...(fired.length ? fired.map((f) => `  ${describeFiring(f)}`) : ['  none']),
  ].join('\n');
}

/** A test's name: the promise it checks, with the answer key's numbers. */
function title(kind: CheckKind, scenario: Scenario, plan: Plan): string {
  const { detect, recovery } = scenario.answer;
  switch (kind) {
    case 'quiet before the onset':
      return `nothing fires before the onset (${clock(plan.onset)})`;
    case 'detected':
      return `detected: ${[...detect!.alerts.map((a) => a.alert), ...(detect!.metric ? [detect!.metric] : [])].join(', ')} within ${detect!.within} of the onset`;
    case 'nothing unrelated':
      return plan.recovery
        ? `nothing unrelated fires until the ${plan.recovery.action} (${clock(plan.recovery.at)})`
        : 'nothing fires at all: the lab has no signal for it';
    case 'recovered':
      return `recovered: every alert resolves within ${recovery!.within} of the ${recovery!.action} and stays so`;
    case 'known issues as pinned':
      return 'its known issues fire as pinned (tests/support/scenario-known-issues.ts)';
  }
}

export function describeScenarios(which: (scenario: Scenario) => boolean): void {
  const scenarios = builtinScenarios().filter(which);
  describe.each(scenarios.map((s) => [s.id, s] as const))('%s', (_id, scenario) => {
    const plan = planOf(scenario);
    const checks = checksOf(scenario, plan);
    let run: ScenarioRun;
    let failures: Map<Check, string>;

    beforeAll(async () => {
      run = await runScenario({
        scenario,
        until: plan.until,
        recovery: plan.recovery ?? undefined,
        extraQueries: scenario.answer.detect?.metric ? [scenario.answer.detect.metric] : [],
      });
      failures = failuresByCheck(checks, promtoolCheck(run, checks));
    }, 300_000);

    for (const kind of KINDS) {
      const mine = checks.filter((c) => c.kind === kind);
      if (mine.length === 0) continue;
      it(title(kind, scenario, plan), () => {
        const failed = mine
          .filter((c) => failures.has(c))
          .map((c) => [c, failures.get(c)!] as [Check, string]);
        if (failed.length > 0) throw new Error(failureReport(run, failed));
      });
    }
  });
}
