import {
  faultBit,
  type CategoricalField as CategoricalFeature,
  type InputFault,
  type NumericField as NumericFeature,
} from '@driftlab/contracts';
import { type FieldError, type Imputation, type InputPolicy, type Schema } from './input-policy';

/** What became of a batch of instances. */
export interface ValidatedBatch {
  /** One feature vector per instance (schema order, category indices; -1 for an unseen category), or null when rejected. */
  readonly rows: (Float64Array | null)[];
  readonly errors: FieldError[];
  /** Per feature name and fault, how many values had it (accepted or not). */
  readonly faults: Map<string, Map<InputFault, number>>;
  /**
   * Per instance, the values as sent, before imputation (schema order; category index, -1 for an
   * unseen category; NaN when missing or unusable): what the exporter measures drift on.
   */
  readonly observed: Float64Array[];
  /** Per instance and feature, the faults found as bits: `1 << INPUT_FAULTS.indexOf(fault)`. */
  readonly faultBits: Uint8Array[];
  /** Per instance, how many fields it had that the schema does not know. */
  readonly unknownFields: number[];
}

const NUMERIC_STRING = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;
const NON_FINITE_STRING = /^\s*[-+]?(nan|inf|infinity)\s*$/i;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  return String(value);
}

/**
 * Checks instances (name → value objects) against the model's schema and applies the policy.
 * Never throws on bad input: every problem becomes a FieldError or a counted fault.
 */
export function validateInstances(
  instances: readonly unknown[],
  schema: Schema,
  policy: InputPolicy,
  imputation: Imputation,
): ValidatedBatch {
  const rows: (Float64Array | null)[] = [];
  const observed: Float64Array[] = [];
  const faultBits: Uint8Array[] = [];
  const unknownFields: number[] = [];
  const errors: FieldError[] = [];
  const faults = new Map<string, Map<InputFault, number>>();
  const known = new Set(schema.map((f) => f.name));
  const count = (field: string, fault: InputFault) => {
    let byFault = faults.get(field);
    if (!byFault) faults.set(field, (byFault = new Map()));
    byFault.set(fault, (byFault.get(fault) ?? 0) + 1);
  };

  instances.forEach((instance, n) => {
    const fail = (field: string, problem: InputFault, message: string) =>
      errors.push({ instance: n, field, problem, message });
    const before = errors.length;
    const seen = new Float64Array(schema.length).fill(NaN);
    const bits = new Uint8Array(schema.length);
    observed.push(seen);
    faultBits.push(bits);
    if (instance === null || typeof instance !== 'object' || Array.isArray(instance)) {
      fail('', 'wrong-type', `expected an object of feature values, got ${describe(instance)}`);
      rows.push(null);
      unknownFields.push(0);
      return;
    }
    const record = instance as Record<string, unknown>;
    const row = new Float64Array(schema.length);
    let unknown = 0;
    for (const name of Object.keys(record)) {
      if (known.has(name)) continue;
      unknown++;
      count(name, 'unknown-field');
      if (policy.unknownField === 'reject')
        fail(name, 'unknown-field', `unknown field; expected only: ${schema.map((f) => f.name).join(', ')}`);
    }
    unknownFields.push(unknown);
    schema.forEach((spec, j) => {
      const value = record[spec.name];
      if (value === undefined || value === null) {
        count(spec.name, 'missing');
        bits[j] |= faultBit('missing');
        if (policy.missing === 'reject') fail(spec.name, 'missing', `missing; expected ${expected(spec)}`);
        row[j] = imputation[j];
        return;
      }
      const report: Reporter = (problem, message, rejected) => {
        count(spec.name, problem);
        bits[j] |= faultBit(problem);
        if (rejected) fail(spec.name, problem, message);
      };
      row[j] = seen[j] =
        spec.kind === 'categorical'
          ? categoryValue(spec, value, policy, report)
          : numericValue(spec, value, policy, report);
    });
    rows.push(errors.length > before ? null : row);
  });
  return { rows, errors, faults, observed, faultBits, unknownFields };
}

function expected(spec: NumericFeature | CategoricalFeature): string {
  return spec.kind === 'numeric'
    ? `a number from ${spec.min} to ${spec.max}${spec.unit ? ` (${spec.unit})` : ''}`
    : `one of: ${spec.categories.join(', ')}`;
}

/** Counts a fault and, when `rejected`, records it as a field error. */
type Reporter = (problem: InputFault, message: string, rejected: boolean) => void;

function categoryValue(
  spec: CategoricalFeature,
  value: unknown,
  policy: InputPolicy,
  report: Reporter,
): number {
  if (typeof value !== 'string') {
    report('wrong-type', `expected ${expected(spec)}, got ${describe(value)}`, true);
    return NaN;
  }
  const index = spec.categories.indexOf(value);
  if (index >= 0) return index;
  report(
    'unseen-category',
    `unseen category ${describe(value)}; expected ${expected(spec)}`,
    policy.unseenCategory === 'reject',
  );
  return policy.unseenCategory === 'impute' ? -1 : NaN;
}

function numericValue(spec: NumericFeature, value: unknown, policy: InputPolicy, report: Reporter): number {
  let x: number;
  if (typeof value === 'number') x = value;
  else if (typeof value === 'string' && NON_FINITE_STRING.test(value)) {
    report('non-finite', `expected a finite number, got ${describe(value)}`, true);
    return NaN;
  } else if (typeof value === 'string' && NUMERIC_STRING.test(value)) {
    report(
      'wrong-type',
      `expected a number, got the string ${describe(value)}`,
      policy.numericString === 'reject',
    );
    x = Number(value);
  } else {
    report('wrong-type', `expected ${expected(spec)}, got ${describe(value)}`, true);
    return NaN;
  }
  if (!Number.isFinite(x)) {
    report('non-finite', `expected a finite number, got ${describe(value)}`, true);
    return NaN;
  }
  if (x < spec.min || x > spec.max)
    report('out-of-range', `${x} is outside ${spec.min} to ${spec.max}`, policy.outOfRange === 'reject');
  return x;
}
