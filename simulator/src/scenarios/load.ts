import { isNode } from 'yaml';
import type { Shape } from '../injectors/shapes';
import { durationIssues } from './duration-fields';
import { capIssues, ScenarioError } from './error';
import { readScenarioText } from './read-file';
import { readScenarioYaml, type ScenarioYaml } from './read-yaml';
import { durationMs, semanticIssues } from './semantics';
import type { AlertExpectation, AnswerKey, Scenario, Step } from './types';
import { schemaIssues, type PathIssue, type ScenarioIssue } from './validate';

export { ScenarioError, formatIssue } from './error';

/**
 * The line and column of the deepest node of `path` present in the document. Each lookup scans
 * the collections on the path, so only the few issues reported (capIssues) are located.
 */
function locate({ doc, lines }: ScenarioYaml, path: readonly (string | number)[]) {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) {
      const { line, col } = lines.linePos(node.range[0]);
      return { line, column: col };
    }
  }
  return { line: 1, column: 1 };
}

/**
 * Parses and validates scenario YAML; `file` names it in messages. Throws a ScenarioError, and
 * nothing else, whatever the text: see readScenarioYaml for the limits on it.
 */
export function parseScenario(text: string, file: string): Scenario {
  const yaml = readScenarioYaml(text, file);
  const located = (issues: PathIssue[]): ScenarioIssue[] =>
    capIssues(issues).map((i) => ({ ...i, ...locate(yaml, i.path) }));
  const shapeIssues = schemaIssues(yaml.data);
  if (shapeIssues.length > 0) throw new ScenarioError(file, located(shapeIssues));
  const record = yaml.data as Record<string, unknown>;
  const meaningIssues = [...durationIssues(record), ...semanticIssues(record)];
  if (meaningIssues.length > 0) throw new ScenarioError(file, located(meaningIssues));
  return toScenario(record);
}

/** Reads and parses a scenario file (at most MAX_SCENARIO_BYTES of it). Throws a ScenarioError. */
export function loadScenarioFile(path: string): Scenario {
  return parseScenario(readScenarioText(path), path);
}

type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- schema-checked data

function toShape(raw: Raw | undefined, duration: number): Shape {
  switch (raw?.type ?? 'sudden') {
    case 'gradual': {
      const width = durationMs(raw!.width);
      return { type: 'gradual', width, position: raw!.position ? durationMs(raw!.position) : width / 2 };
    }
    case 'incremental':
      return { type: 'incremental', ramp: raw!.ramp ? durationMs(raw!.ramp) : duration };
    case 'recurring': {
      const period = durationMs(raw!.period);
      return { type: 'recurring', period, active: raw!.active ? durationMs(raw!.active) : period / 2 };
    }
    default:
      return { type: 'sudden' };
  }
}

/** An alert expectation written as a bare name becomes `{ alert }`. */
function toAlerts(raw: unknown): AlertExpectation[] {
  return ((raw as (string | AlertExpectation)[] | undefined) ?? []).map((a) =>
    typeof a === 'string' ? { alert: a } : { alert: a.alert, features: [...(a.features ?? [])] },
  );
}

function toAnswer(raw: Raw): AnswerKey {
  const { detect, recovery, ...rest } = raw;
  return {
    ...(rest as AnswerKey),
    ...(detect
      ? {
          detect: {
            within: detect.within,
            alerts: toAlerts(detect.alerts),
            ...(detect.metric !== undefined ? { metric: detect.metric } : {}),
            also: toAlerts(detect.also),
          },
        }
      : {}),
    ...(recovery ? { recovery: { ...recovery } } : {}),
  };
}

function toScenario(raw: Raw): Scenario {
  const timeline: Step[] = (raw.timeline as Raw[]).map((s) => {
    const duration = s.duration ? durationMs(s.duration) : Infinity;
    return {
      id: s.id,
      start: durationMs(s.start),
      duration,
      injector: s.injector,
      target: s.target,
      params: s.params ?? {},
      shape: toShape(s.shape, duration),
    };
  });
  const traffic = raw.traffic as Raw | undefined;
  const labels = raw.labels as Raw | undefined;
  return {
    id: raw.id,
    title: raw.title,
    brief: raw.brief,
    answer: toAnswer(raw.answer as Raw),
    seed: raw.seed,
    worlds: raw.worlds,
    traffic: traffic && {
      ...traffic,
      bursts: traffic.bursts && {
        ...traffic.bursts,
        ...(traffic.bursts.duration ? { duration: durationMs(traffic.bursts.duration) } : {}),
      },
    },
    labels: labels && {
      ...labels,
      delay: labels.delay && {
        ...labels.delay,
        ...(labels.delay.median ? { median: durationMs(labels.delay.median) } : {}),
      },
    },
    timeline,
  };
}
