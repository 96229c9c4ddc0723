import type { FeatureRecord } from '@driftlab/contracts';
import type { FeatureSpec } from '@driftlab/simulator';
import { expectArray, expectFinite, expectObject, expectString, ModelError } from './errors';
import type { Matrix } from './linalg';

/*
 * Turns a world's features into the model's design vector.
 *
 * - Numeric features are standardised with the training mean and (population, ddof = 0) standard
 *   deviation, as scikit-learn's StandardScaler does. Without it the L2 penalty would weigh a
 *   coefficient on dollars very differently from one on a ratio, and Newton's method would face a
 *   badly conditioned Hessian. A near-constant feature (sd below SD_FLOOR relative to its mean)
 *   gets sd = 1, again like StandardScaler: dividing by a tiny sd would turn any drift in that
 *   feature into a huge input.
 * - Categorical features are one-hot encoded with the FIRST category as the reference, whose column
 *   is dropped (OneHotEncoder(drop='first')). With an intercept, a full one-hot set is collinear:
 *   the linear model would not be identifiable and its coefficients would depend on the penalty
 *   alone. Dropping one level keeps the design full rank and each coefficient readable as "this
 *   category versus the first one".
 * - Unknown categories at predict time (a category the schema does not list, which validation may
 *   let through under an "impute" policy) and missing values map to all zeros for a categorical
 *   feature, i.e. they are scored like the reference category; a missing numeric value (NaN in a
 *   vector, null or absent in a record) is imputed with the training mean, i.e. 0 after
 *   standardisation. Counting such inputs is the caller's job (serving counts them by policy).
 */

/** Below this sd (relative to max(1, |mean|)) a feature counts as constant. */
const SD_FLOOR = 1e-12;

export interface NumericColumn {
  readonly name: string;
  readonly kind: 'numeric';
  readonly mean: number;
  readonly sd: number;
}

export interface CategoricalColumn {
  readonly name: string;
  readonly kind: 'categorical';
  /** All categories; the first one is the reference and has no design column. */
  readonly categories: readonly string[];
}

export type ColumnSpec = NumericColumn | CategoricalColumn;

/** The fitted preprocessing as plain JSON; `columns` is in the world's feature order. */
export interface PreprocessingSpec {
  readonly columns: readonly ColumnSpec[];
}

export class Preprocessor {
  readonly spec: PreprocessingSpec;
  /** Length of the design vector (without the intercept). */
  readonly width: number;
  /** Design column names: a numeric feature's name, or `feature=category` for a one-hot column. */
  readonly names: readonly string[];
  // Flattened copies of the spec for the per-row loops.
  private readonly kinds: Uint8Array;
  private readonly means: Float64Array;
  private readonly sds: Float64Array;
  /** Per feature, its first design column. */
  private readonly offsets: Int32Array;
  /** Per feature, its number of categories (0 for numeric). */
  private readonly levels: Int32Array;
  private readonly lookups: (Map<string, number> | null)[];
  private readonly featureNames: readonly string[];

  private constructor(spec: PreprocessingSpec) {
    this.spec = spec;
    const p = spec.columns.length;
    this.kinds = new Uint8Array(p);
    this.means = new Float64Array(p);
    this.sds = new Float64Array(p);
    this.offsets = new Int32Array(p);
    this.levels = new Int32Array(p);
    this.lookups = [];
    const names: string[] = [];
    spec.columns.forEach((c, j) => {
      this.offsets[j] = names.length;
      if (c.kind === 'numeric') {
        this.means[j] = c.mean;
        this.sds[j] = c.sd;
        this.lookups.push(null);
        names.push(c.name);
      } else {
        this.kinds[j] = 1;
        this.levels[j] = c.categories.length;
        this.lookups.push(new Map(c.categories.map((cat, k) => [cat, k])));
        for (let k = 1; k < c.categories.length; k++) names.push(`${c.name}=${c.categories[k]}`);
      }
    });
    this.names = names;
    this.width = names.length;
    this.featureNames = spec.columns.map((c) => c.name);
  }

  /**
   * Fits on training rows: `rows` holds one feature vector per row in `features` order, categorical
   * values as category indices, NaN for a missing value (ignored by the mean and sd).
   */
  static fit(features: readonly FeatureSpec[], rows: Matrix): Preprocessor {
    if (rows.cols !== features.length)
      throw new ModelError('rows', `${features.length} columns (one per feature)`, rows.cols);
    const columns = features.map((f, j): ColumnSpec => {
      if (f.kind === 'categorical')
        return { name: f.name, kind: 'categorical', categories: [...f.categories] };
      const { mean, sd } = meanSd(rows, j);
      return { name: f.name, kind: 'numeric', mean, sd };
    });
    return new Preprocessor({ columns });
  }

  /** Rebuilds a preprocessor from its JSON spec, checking every field. */
  static fromSpec(spec: unknown): Preprocessor {
    const root = expectObject(spec, 'preprocessing');
    const cols = expectArray(root.columns, 'preprocessing.columns');
    const seen = new Set<string>();
    const columns = cols.map((c, j): ColumnSpec => {
      const at = `preprocessing.columns[${j}]`;
      const o = expectObject(c, at);
      const name = expectString(o.name, `${at}.name`);
      if (seen.has(name)) throw new ModelError(`${at}.name`, 'a name not used by an earlier column', name);
      seen.add(name);
      if (o.kind === 'numeric') {
        const sd = expectFinite(o.sd, `${at}.sd`);
        if (!(sd > 0)) throw new ModelError(`${at}.sd`, 'a positive number', sd);
        return { name, kind: 'numeric', mean: expectFinite(o.mean, `${at}.mean`), sd };
      }
      if (o.kind === 'categorical') {
        const cats = expectArray(o.categories, `${at}.categories`).map((v, k) =>
          expectString(v, `${at}.categories[${k}]`),
        );
        if (cats.length === 0) throw new ModelError(`${at}.categories`, 'at least one category', cats);
        if (new Set(cats).size !== cats.length)
          throw new ModelError(`${at}.categories`, 'distinct categories', cats);
        return { name, kind: 'categorical', categories: cats };
      }
      throw new ModelError(`${at}.kind`, "'numeric' or 'categorical'", o.kind);
    });
    return new Preprocessor({ columns });
  }

  /**
   * Writes the design vector of a feature vector (world feature order, categorical values as
   * indices) into `out` at `offset`. Allocates nothing when `out` is given.
   */
  transform(
    x: ArrayLike<number>,
    out: Float64Array = new Float64Array(this.width),
    offset = 0,
  ): Float64Array {
    const { kinds, offsets } = this;
    for (let j = 0; j < kinds.length; j++) {
      const at = offset + offsets[j];
      const v = x[j];
      if (kinds[j] === 0) {
        out[at] = v === v ? (v - this.means[j]) / this.sds[j] : 0;
      } else {
        const n = this.levels[j];
        for (let k = 1; k < n; k++) out[at + k - 1] = 0;
        // Integer indices 1..n-1 set their column; the reference (0), unknown and NaN set none.
        if (v >= 1 && v < n && v === Math.floor(v)) out[at + v - 1] = 1;
      }
    }
    return out;
  }

  /**
   * The design vector of a payload record (feature name → number, category name, or null). Meant
   * for requests that passed validation: a value of the wrong type throws a ModelError naming the
   * field rather than being guessed at. Missing values and unknown categories: see the top of
   * this file.
   */
  transformRecord(
    record: FeatureRecord,
    out: Float64Array = new Float64Array(this.width),
    offset = 0,
  ): Float64Array {
    const { kinds, offsets, featureNames } = this;
    for (let j = 0; j < kinds.length; j++) {
      const at = offset + offsets[j];
      const v = record[featureNames[j]];
      if (kinds[j] === 0) {
        if (v === null || v === undefined) out[at] = 0;
        else if (typeof v === 'number' && Number.isFinite(v)) out[at] = (v - this.means[j]) / this.sds[j];
        else throw new ModelError(featureNames[j], 'a finite number or null', v);
      } else {
        const n = this.levels[j];
        for (let k = 1; k < n; k++) out[at + k - 1] = 0;
        if (v === null || v === undefined) continue;
        if (typeof v !== 'string') throw new ModelError(featureNames[j], 'a category name or null', v);
        const k = (this.lookups[j] as Map<string, number>).get(v);
        if (k !== undefined && k > 0) out[at + k - 1] = 1;
      }
    }
    return out;
  }

  /**
   * A record's feature vector (category indices, -1 for an unknown category, NaN for missing), the
   * representation `fit` and `transform` take. Used to train on logged payloads.
   */
  vectorOf(record: FeatureRecord, out: Float64Array = new Float64Array(this.kinds.length)): Float64Array {
    return recordToVector(this.spec.columns, record, out);
  }
}

/**
 * A payload record as a feature vector in `features` order: numbers as they are, categories as
 * indices, NaN for missing (null, absent or not a finite number) and -1 for an unknown category.
 */
export function recordToVector(
  features: readonly (FeatureSpec | ColumnSpec)[],
  record: FeatureRecord,
  out: Float64Array = new Float64Array(features.length),
): Float64Array {
  for (let j = 0; j < features.length; j++) {
    const f = features[j];
    const v = record[f.name];
    if (f.kind === 'numeric') out[j] = typeof v === 'number' && Number.isFinite(v) ? v : NaN;
    else if (typeof v === 'string') out[j] = f.categories.indexOf(v);
    else out[j] = NaN;
  }
  return out;
}

/** Mean and population sd of column j, skipping NaN; two passes for accuracy. */
function meanSd(rows: Matrix, j: number): { mean: number; sd: number } {
  const { data, cols } = rows;
  let n = 0;
  let sum = 0;
  for (let i = j; i < data.length; i += cols) {
    const v = data[i];
    if (v === v) {
      sum += v;
      n++;
    }
  }
  if (n === 0) return { mean: 0, sd: 1 };
  const mean = sum / n;
  let ss = 0;
  for (let i = j; i < data.length; i += cols) {
    const v = data[i];
    if (v === v) ss += (v - mean) * (v - mean);
  }
  const sd = Math.sqrt(ss / n);
  return { mean, sd: sd > SD_FLOOR * Math.max(1, Math.abs(mean)) ? sd : 1 };
}
