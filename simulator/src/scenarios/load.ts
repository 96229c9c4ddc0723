import { readFileSync } from 'node:fs';
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { Shape } from '../injectors/shapes';
import { durationMs, semanticIssues } from './semantics';
import type { AlertExpectation, AnswerKey, Scenario, Step } from './types';
import { schemaIssues, type PathIssue, type ScenarioIssue } from './validate';

/** A scenario file that cannot be used, with every problem found in it. */
export class ScenarioError extends Error {
  constructor(
    readonly file: string,
    readonly issues: readonly ScenarioIssue[],
  ) {
    super(issues.map((i) => formatIssue(file, i)).join('\n'));
    this.name = 'ScenarioError';
  }
}

/** `file:line:column: field: message`, the form editors and terminals link to. */
export function formatIssue(file: string, issue: ScenarioIssue): string {
  return `${file}:${issue.line}:${issue.column}: ${issue.field === '' ? '' : `${issue.field}: `}${issue.message}`;
}

/** The line and column of the deepest node of `path` present in the document. */
function locate(doc: Document, lines: LineCounter, path: readonly (string | number)[]) {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) {
      const { line, col } = lines.linePos(node.range[0]);
      return { line, column: col };
    }
  }
  return { line: 1, column: 1 };
}

/** Parses and validates scenario YAML; `file` names it in messages. Throws ScenarioError. */
export function parseScenario(text: string, file: string): Scenario {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new ScenarioError(
      file,
      doc.errors.map((e) => {
        const pos = e.linePos?.[0] ?? { line: 1, col: 1 };
        return {
          line: pos.line,
          column: pos.col,
          field: '',
          path: [],
          message: `YAML: ${e.message.split('\n')[0]}`,
        };
      }),
    );
  }
  const data = doc.toJS() as unknown;
  const located = (issues: PathIssue[]) => issues.map((i) => ({ ...i, ...locate(doc, lines, i.path) }));
  const shapeIssues = schemaIssues(data);
  if (shapeIssues.length > 0) throw new ScenarioError(file, located(shapeIssues));
  const record = data as Record<string, unknown>;
  const meaningIssues = semanticIssues(record);
  if (meaningIssues.length > 0) throw new ScenarioError(file, located(meaningIssues));
  return toScenario(record);
}

export function loadScenarioFile(path: string): Scenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ScenarioError(path, [
      { line: 1, column: 1, field: '', path: [], message: `cannot read the file: ${(e as Error).message}` },
    ]);
  }
  return parseScenario(text, path);
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
