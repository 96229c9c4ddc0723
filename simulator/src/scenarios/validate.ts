import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ErrorObject } from 'ajv';

/** One problem in a scenario file: where it is, which field, and what was expected. */
export interface ScenarioIssue {
  readonly line: number;
  readonly column: number;
  /** The field in dotted form, e.g. `timeline[0].params.by`; empty for the whole document. */
  readonly field: string;
  readonly message: string;
  /** The path into the document, for locating it. */
  readonly path: readonly (string | number)[];
}

export type PathIssue = Omit<ScenarioIssue, 'line' | 'column'>;

/** The JSON Schema every scenario file follows (also used by editors to autocomplete). */
export const SCENARIO_SCHEMA_PATH = join(__dirname, '../../schema/scenario.schema.json');
export const SCENARIO_SCHEMA: object = JSON.parse(readFileSync(SCENARIO_SCHEMA_PATH, 'utf8'));

// verbose: errors carry their parent schema, so messages can list the allowed fields.
const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
const validateSchema = ajv.compile(SCENARIO_SCHEMA);

export function fieldName(path: readonly (string | number)[]): string {
  return path.reduce<string>(
    (out, part) => (typeof part === 'number' ? `${out}[${part}]` : out === '' ? part : `${out}.${part}`),
    '',
  );
}

function pathOf(error: ErrorObject): (string | number)[] {
  return error.instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  // A value from the file, quoted in a message: a hostile file's 100 kB string is cut.
  if (typeof value === 'string') return `"${value.length > 60 ? `${value.slice(0, 60)}…` : value}"`;
  return String(value);
}

function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let v: unknown = data;
  for (const p of path)
    v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[p] : undefined;
  return v;
}

const DURATION_HINT = 'a duration such as 90s, 15m, 6h, 2d or 1d6h';

/** Says what was expected, in words a tutor writing a scenario understands. */
function explain(error: ErrorObject, value: unknown): string {
  const p = error.params as Record<string, unknown>;
  const got = `got ${describe(value)}`;
  switch (error.keyword) {
    case 'type':
      return `expected ${String(p.type).replace(',', ' or ')}, ${got}`;
    case 'enum':
      return `expected one of: ${(p.allowedValues as unknown[]).join(', ')}; ${got}`;
    case 'pattern':
      return String(p.pattern).includes('ms|s|m|h|d|w')
        ? `expected ${DURATION_HINT}; ${got}`
        : `expected lower-case letters, digits and hyphens (like income-drop); ${got}`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `expected a number ${p.comparison} ${p.limit}; ${got}`;
    case 'minItems':
      return `expected at least ${p.limit} item${p.limit === 1 ? '' : 's'}`;
    case 'minLength':
      return 'expected a non-empty text';
    case 'minProperties':
      return `expected at least ${p.limit} entr${p.limit === 1 ? 'y' : 'ies'}`;
    case 'uniqueItems':
      return `expected no repeated items (items ${p.j} and ${p.i} are the same)`;
    case 'oneOf':
      return `expected one of the allowed forms: ${(error.parentSchema as { description?: string })?.description ?? 'see the schema'}`;
    case 'false schema':
      return 'is not allowed here';
    default:
      return error.message ?? 'is not valid';
  }
}

/** Schema problems of parsed scenario data, with their paths. */
export function schemaIssues(data: unknown): PathIssue[] {
  if (validateSchema(data)) return [];
  const errors = validateSchema.errors ?? [];
  const issues: PathIssue[] = [];
  for (const error of errors) {
    // `if` failures only say which branch applied; branches of a oneOf are summed up by the oneOf.
    if (error.keyword === 'if' || error.schemaPath.includes('/oneOf/')) continue;
    const path = pathOf(error);
    const p = error.params as Record<string, unknown>;
    if (error.keyword === 'required') {
      issues.push({ path, field: fieldName(path), message: `missing required field "${p.missingProperty}"` });
    } else if (error.keyword === 'additionalProperties') {
      const allowed = Object.keys((error.parentSchema as { properties?: object })?.properties ?? {});
      const full = [...path, String(p.additionalProperty)];
      issues.push({
        path: full,
        field: fieldName(full),
        message: `unknown field "${p.additionalProperty}"; expected ${allowed.length ? `one of: ${allowed.join(', ')}` : 'no fields here'}`,
      });
    } else {
      issues.push({ path, field: fieldName(path), message: explain(error, valueAt(data, path)) });
    }
  }
  // The same message can come from several schema branches.
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.field}\u0000${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
