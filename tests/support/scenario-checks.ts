// What a scenario's answer key promises, as PromQL checks over the ALERTS series promtool's rule
// evaluation writes (./scenario-rules.ts): quiet before the onset, the right alerts (or metric
// condition) within the detection window, nothing unrelated, and all quiet again once the stated
// recovery has had its time. simulator/docs/scenarios.md, "The scenario harness".
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import {
  parseDuration,
  type AlertExpectation,
  type RecoveryAction,
  type Scenario,
} from '@driftlab/simulator';
import { RULE_FILES, SERVING_STEP_MS } from './scenario-harness';
import { KNOWN_ISSUES, type KnownIssue } from './scenario-known-issues';
import { promDuration, type ExprCheck } from './scenario-rules';

/** The feature label the exporter gives the model's own output (its prediction drift). */
export const PREDICTION_FEATURE = '(prediction)';
/** How long the run goes on once everything had to be quiet again: it must stay so. */
export const TAIL_MS = 30 * 60_000;
/** How long a scenario the lab cannot see is watched after its onset (nothing may fire). */
export const BLIND_WATCH_MS = 2 * 3_600_000;

export type CheckKind =
  'quiet before the onset' | 'detected' | 'nothing unrelated' | 'recovered' | 'known issues as pinned';

export interface Check extends ExprCheck {
  readonly kind: CheckKind;
  /** What it asks, in words, for failure messages. */
  readonly what: string;
}

/** The times of a scenario's run, in ms after the start. */
export interface Plan {
  readonly onset: number;
  /** Onset + detect.within. */
  readonly detectedBy: number | null;
  readonly recovery: { readonly action: RecoveryAction; readonly at: number } | null;
  /** When every alert must have resolved (recovery + its within). */
  readonly settledBy: number | null;
  readonly until: number;
}

function ms(duration: string): number {
  const value = parseDuration(duration);
  if (value === undefined) throw new Error(`not a duration: ${duration}`);
  return value;
}

export function planOf(scenario: Scenario): Plan {
  const onset = Math.min(...scenario.timeline.map((s) => s.start));
  const { detect, recovery } = scenario.answer;
  if (!detect || !recovery)
    return { onset, detectedBy: null, recovery: null, settledBy: null, until: onset + BLIND_WATCH_MS };
  const detectedBy = onset + ms(detect.within);
  const at = onset + ms(recovery.after ?? detect.within);
  const settledBy = at + ms(recovery.within);
  return {
    onset,
    detectedBy,
    recovery: { action: recovery.action, at },
    settledBy,
    until: settledBy + TAIL_MS,
  };
}

/** The provisioned alerts, and whether each is about a feature (aggregates `by (…, feature, …)`). */
export function provisionedAlerts(): Map<string, { aboutFeature: boolean }> {
  const alerts = new Map<string, { aboutFeature: boolean }>();
  for (const file of RULE_FILES) {
    const doc = parse(readFileSync(file, 'utf8')) as {
      groups: { rules: { alert?: string; expr: string }[] }[];
    };
    for (const rule of doc.groups.flatMap((g) => g.rules))
      if (rule.alert)
        alerts.set(rule.alert, {
          aboutFeature: /^[^(]*\bby \(([^)]*\b)?feature\b/.test(rule.expr),
        });
  }
  return alerts;
}

const quote = (value: string) => JSON.stringify(value);
const regexEscape = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const FIRING = 'ALERTS{alertstate="firing"}';
const range = (d: number) => `[${promDuration(d)}]`;
const subquery = (d: number) => `[${promDuration(d)}:${promDuration(SERVING_STEP_MS)}]`;
const ONE = [{ labels: '{}', value: 1 }];

/** The firing `ALERTS` an expected alert must show: one selector, or one per feature for an alert about a feature. */
function selectors(
  expectation: AlertExpectation,
  model: string,
  answerFeatures: readonly string[],
  aboutFeature: boolean,
): { selector: string; feature: string | null }[] {
  const base = `alertstate="firing", alertname=${quote(expectation.alert)}, model=${quote(model)}`;
  if (!aboutFeature) return [{ selector: `ALERTS{${base}}`, feature: null }];
  return (expectation.features ?? answerFeatures).map((f) => ({
    selector: `ALERTS{${base}, feature=${quote(f)}}`,
    feature: f,
  }));
}

/** The known issue's firing ALERTS series. */
function knownSelector(issue: KnownIssue, model: string): string {
  const labels = Object.entries({ alertname: issue.alert, model, ...issue.labels })
    .map(([k, v]) => `, ${k}=${quote(v)}`)
    .join('');
  return `ALERTS{alertstate="firing"${labels}}`;
}

/** Checks that pin a known issue: it fires within [from, to] and at no other time of the run. */
function pinChecks(issue: KnownIssue, model: string, plan: Plan): Check[] {
  const selector = knownSelector(issue, model);
  const from = ms(issue.from);
  const to = Math.min(ms(issue.to), plan.until);
  const name = `${issue.alert}${issue.labels ? ` ${JSON.stringify(issue.labels)}` : ''}`;
  const checks: Check[] = [
    {
      kind: 'known issues as pinned',
      what: `known issue ${name} still fires between ${issue.from} and ${issue.to} (${issue.why}): if it is fixed, remove it from tests/support/scenario-known-issues.ts`,
      expr: `sgn(count(max_over_time(${selector}${range(to - from)})))`,
      at: to,
      samples: ONE,
    },
  ];
  if (from > 0)
    checks.push({
      kind: 'known issues as pinned',
      what: `known issue ${name} does not fire before ${issue.from}`,
      expr: `max_over_time(${selector}${range(from)})`,
      at: from,
      samples: [],
    });
  if (to < plan.until)
    checks.push({
      kind: 'known issues as pinned',
      what: `known issue ${name} does not fire after ${issue.to}`,
      expr: `max_over_time(${selector}${range(plan.until - to)})`,
      at: plan.until,
      samples: [],
    });
  return checks;
}

/** Every check of a scenario's answer key, at the plan's times. */
export function checksOf(
  scenario: Scenario,
  plan: Plan,
  knownIssues: readonly KnownIssue[] = KNOWN_ISSUES,
): Check[] {
  const { answer } = scenario;
  const known = knownIssues.filter((k) => k.scenario === scenario.id);
  // The alerts that fired over the `d` before the evaluation, but the known issues (pinned apart).
  const firedOver = (d: number) =>
    known.length === 0
      ? `max_over_time(${FIRING}${range(d)})`
      : `max_over_time(${FIRING}${range(d)}) unless (${known.map((k) => `max_over_time(${knownSelector(k, answer.model)}${range(d)})`).join(' or ')})`;
  const alerts = provisionedAlerts();
  const about = (name: string) => {
    const info = alerts.get(name);
    if (!info)
      throw new Error(
        `${scenario.id}: answer.detect names alert "${name}", which no provisioned rule has; expected one of: ${[...alerts.keys()].join(', ')}`,
      );
    return info.aboutFeature;
  };
  const checks: Check[] = [];
  const detect = answer.detect;
  if (!detect) {
    // The lab cannot see this incident: nothing may fire at all, before or after the onset.
    checks.push({
      kind: 'nothing unrelated',
      what: 'no alert fires at any time (the lab has no signal for this incident)',
      expr: firedOver(plan.until),
      at: plan.until,
      samples: [],
    });
    for (const issue of known) checks.push(...pinChecks(issue, answer.model, plan));
    return checks;
  }
  const metric = detect.metric;
  if (plan.onset > 0) {
    checks.push({
      kind: 'quiet before the onset',
      what: 'no alert fires before the onset',
      expr: firedOver(plan.onset),
      at: plan.onset,
      samples: [],
    });
    if (metric)
      checks.push({
        kind: 'quiet before the onset',
        what: `the metric condition does not hold before the onset: ${metric}`,
        expr: `max_over_time((${metric})${subquery(plan.onset)})`,
        at: plan.onset,
        samples: [],
      });
  }
  const within = plan.detectedBy! - plan.onset;
  for (const expectation of detect.alerts) {
    const each = selectors(expectation, answer.model, answer.features, about(expectation.alert));
    if (each.length === 0)
      throw new Error(
        `${scenario.id}: answer.detect.alerts: ${expectation.alert} is about a feature and the answer names none; give it {alert, features}`,
      );
    for (const { selector, feature } of each)
      checks.push({
        kind: 'detected',
        what: `${expectation.alert} fires for ${answer.model}${feature ? ` / ${feature}` : ''} within ${detect.within} of the onset`,
        expr: `sgn(count(max_over_time(${selector}${range(within)})))`,
        at: plan.detectedBy!,
        samples: ONE,
      });
  }
  if (metric)
    checks.push({
      kind: 'detected',
      what: `the metric condition holds within ${detect.within} of the onset: ${metric}`,
      expr: `sgn(count(max_over_time((${metric})${subquery(within)})))`,
      at: plan.detectedBy!,
      samples: ONE,
    });

  // Until the recovery, only the expected alerts (and their consequences) about the answer's model.
  const allowed = [...detect.alerts, ...detect.also].flatMap((e) => {
    const aboutFeature = about(e.alert);
    const features = [...(e.features ?? answer.features), PREDICTION_FEATURE];
    const base = `alertstate="firing", alertname=${quote(e.alert)}, model=${quote(answer.model)}`;
    return aboutFeature
      ? [`ALERTS{${base}, feature=~${quote(features.map(regexEscape).join('|'))}}`]
      : [`ALERTS{${base}}`];
  });
  const recoveryAt = plan.recovery!.at;
  const everything = firedOver(recoveryAt);
  checks.push({
    kind: 'nothing unrelated',
    what: `until the recovery, no alert fires but ${[...new Set(allowed.map((a) => a.match(/alertname="(\w+)"/)![1]))].join(', ') || 'none'} for ${answer.model}${answer.features.length ? ` (alerts about a feature: on ${answer.features.join(', ')}, its entry's features or ${PREDICTION_FEATURE})` : ''}`,
    expr:
      allowed.length === 0
        ? everything
        : `(${everything}) unless (${allowed.map((a) => `max_over_time(${a}${range(recoveryAt)})`).join(' or ')})`,
    at: recoveryAt,
    samples: [],
  });

  const quiet = plan.until - plan.settledBy!;
  checks.push({
    kind: 'recovered',
    what: `after ${plan.recovery!.action}, every alert has resolved within ${answer.recovery!.within} and stays resolved`,
    expr: firedOver(quiet),
    at: plan.until,
    samples: [],
  });
  if (metric)
    checks.push({
      kind: 'recovered',
      what: `after ${plan.recovery!.action}, the metric condition no longer holds within ${answer.recovery!.within}: ${metric}`,
      expr: `max_over_time((${metric})${subquery(quiet)})`,
      at: plan.until,
      samples: [],
    });
  for (const issue of known) checks.push(...pinChecks(issue, answer.model, plan));
  return checks;
}

/**
 * promtool's failure report split by check: for each failed check, promtool's own lines (what it
 * expected and what it got). A report it cannot split (a bad expression) fails every check.
 */
export function failuresByCheck(checks: readonly Check[], output: string): Map<Check, string> {
  const failures = new Map<Check, string>();
  if (output === '') return failures;
  const blocks = output.split(/\n(?=\s*expr: ")/).slice(1);
  for (const block of blocks) {
    const m = block.match(/^\s*expr: ("(?:[^"\\]|\\.)*"), time: ([^,]+),/);
    const check = m && checks.find((c) => c.expr === JSON.parse(m[1]) && c.at === parseDuration(m[2]));
    if (check) failures.set(check, block.trim());
  }
  if (failures.size === 0) for (const check of checks) failures.set(check, output);
  return failures;
}
