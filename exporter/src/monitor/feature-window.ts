import { faultBit, type SchemaField } from '@driftlab/serving';

/** The data-quality checks published per feature, and the input faults each one counts. */
export const QUALITY_CHECKS = {
  missing: ['missing'],
  type_violation: ['wrong-type', 'non-finite'],
  out_of_range: ['out-of-range'],
  unseen_category: ['unseen-category'],
} as const;

export type QualityCheck = keyof typeof QUALITY_CHECKS;
export const QUALITY_CHECK_NAMES = Object.keys(QUALITY_CHECKS) as QualityCheck[];
const CHECKS = QUALITY_CHECK_NAMES;
const CHECK_MASKS = CHECKS.map((c) => QUALITY_CHECKS[c].reduce((m, f) => m | faultBit(f), 0));

/** Unseen categories are one bin of their own, after the schema's categories. */
export const UNSEEN_CATEGORY = '(unseen)';

/**
 * The last `size` instances a model received, as sent: per feature the observed value (NaN when
 * missing or unusable; category index, −1 for unseen) and its fault bits. Drift and data quality
 * are computed from it at scrape time. Typed arrays, O(features) per push, nothing allocated.
 */
export class FeatureWindow {
  private readonly values: Float64Array;
  private readonly bits: Uint8Array;
  private readonly violating: Uint8Array;
  /** Per feature and check, instances in the window that failed it. */
  private readonly failures: Int32Array;
  private violations = 0;
  private next = 0;
  private filled = 0;
  /** Instances ever pushed (a version counter for caches). */
  pushed = 0;

  constructor(
    readonly fields: readonly SchemaField[],
    readonly size: number,
  ) {
    if (!Number.isInteger(size) || size < 1)
      throw new RangeError(`size: expected a positive integer, got ${size}`);
    this.values = new Float64Array(size * fields.length);
    this.bits = new Uint8Array(size * fields.length);
    this.violating = new Uint8Array(size);
    this.failures = new Int32Array(fields.length * CHECKS.length);
  }

  get count(): number {
    return this.filled;
  }

  /** Instances in the window with any fault or an unknown field: schema violations. */
  get schemaViolations(): number {
    return this.violations;
  }

  push(observed: ArrayLike<number>, faultBits: ArrayLike<number> | null, unknownFields: number): void {
    const f = this.fields.length;
    const base = this.next * f;
    const evicting = this.filled === this.size;
    if (evicting) this.tally(-1, base, this.next);
    let any = unknownFields > 0 ? 1 : 0;
    for (let j = 0; j < f; j++) {
      this.values[base + j] = observed[j];
      const b = faultBits ? faultBits[j] : 0;
      this.bits[base + j] = b;
      if (b !== 0) any = 1;
    }
    this.violating[this.next] = any;
    this.tally(1, base, this.next);
    this.next = this.next + 1 === this.size ? 0 : this.next + 1;
    if (!evicting) this.filled++;
    this.pushed++;
  }

  /** Share of the window's instances whose value of feature `j` failed `check`. */
  failureRate(j: number, check: QualityCheck): number {
    return this.filled === 0 ? NaN : this.failures[j * CHECKS.length + CHECKS.indexOf(check)] / this.filled;
  }

  /** The finite values of numeric feature `j` in the window (a fresh array, in no particular order). */
  numericValues(j: number): Float64Array {
    const f = this.fields.length;
    const out = new Float64Array(this.filled);
    let k = 0;
    for (let i = 0; i < this.filled; i++) {
      const v = this.values[i * f + j];
      if (v - v === 0) out[k++] = v;
    }
    return k === out.length ? out : out.slice(0, k);
  }

  /** Counts of categorical feature `j` per schema category, then one for unseen categories. */
  categoryCounts(j: number): number[] {
    const field = this.fields[j];
    const categories = field.kind === 'categorical' ? field.categories.length : 0;
    const counts = new Array<number>(categories + 1).fill(0);
    const f = this.fields.length;
    for (let i = 0; i < this.filled; i++) {
      const v = this.values[i * f + j];
      if (v === -1) counts[categories]++;
      else if (v >= 0 && v < categories) counts[v]++;
    }
    return counts;
  }

  clear(): void {
    this.failures.fill(0);
    this.violations = 0;
    this.next = 0;
    this.filled = 0;
  }

  private tally(delta: number, base: number, slot: number): void {
    const f = this.fields.length;
    for (let j = 0; j < f; j++) {
      const b = this.bits[base + j];
      if (b === 0) continue;
      for (let c = 0; c < CHECKS.length; c++)
        if (b & CHECK_MASKS[c]) this.failures[j * CHECKS.length + c] += delta;
    }
    this.violations += delta * this.violating[slot];
  }
}
