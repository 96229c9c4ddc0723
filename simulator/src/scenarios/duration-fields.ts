import { MAX_DURATION_DAYS, parseDuration } from './duration';
import { fieldName, type PathIssue } from './validate';

type Data = Record<string, unknown>;
type Path = (string | number)[];

/** The shape fields that hold durations. */
const SHAPE_DURATIONS = ['width', 'position', 'ramp', 'period', 'active'] as const;

/**
 * Every duration of a schema-valid scenario, with its path: the fields whose schema is
 * `#/definitions/duration` (simulator/schema/scenario.schema.json).
 */
export function durationFields(data: Data): [Path, string][] {
  const fields: [Path, string][] = [];
  const add = (path: Path, value: unknown) => {
    if (typeof value === 'string') fields.push([path, value]);
  };
  const answer = data.answer as Data;
  const detect = answer.detect as Data | undefined;
  const recovery = answer.recovery as Data | undefined;
  add(['answer', 'detect', 'within'], detect?.within);
  add(['answer', 'recovery', 'after'], recovery?.after);
  add(['answer', 'recovery', 'within'], recovery?.within);
  add(['traffic', 'bursts', 'duration'], ((data.traffic as Data | undefined)?.bursts as Data)?.duration);
  add(['labels', 'delay', 'median'], ((data.labels as Data | undefined)?.delay as Data)?.median);
  (data.timeline as Data[]).forEach((step, i) => {
    add(['timeline', i, 'start'], step.start);
    add(['timeline', i, 'duration'], step.duration);
    const shape = step.shape as Data | undefined;
    for (const key of SHAPE_DURATIONS) add(['timeline', i, 'shape', key], shape?.[key]);
  });
  return fields;
}

/**
 * Durations the schema's pattern lets through but the lab cannot use: longer than a year (times
 * beyond it stop being dates), or a zero width or period (a gradual shape of zero width divides
 * zero by zero at its centre; a recurring one of zero period never recurs).
 */
export function durationIssues(data: Data): PathIssue[] {
  const issues: PathIssue[] = [];
  for (const [path, text] of durationFields(data)) {
    const ms = parseDuration(text);
    const issue = (message: string) => issues.push({ path, field: fieldName(path), message });
    if (ms === undefined) issue(`expected a duration of at most ${MAX_DURATION_DAYS}d; got "${clip(text)}"`);
    else if (ms === 0 && (path.at(-1) === 'width' || path.at(-1) === 'period'))
      issue(`expected a duration above zero; got "${text}"`);
  }
  return issues;
}

/** A value quoted in a message, cut when long. */
function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
