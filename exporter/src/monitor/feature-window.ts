import { faultBit, type SchemaField } from '@driftlab/contracts';

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
 *
 * Stored by column (feature j's values at `j * size + slot`), so a feature's window is one
 * contiguous run for the drift statistics; instances without faults (nearly all) skip the
 * per-check tallies on the way in and out.
 */
export class FeatureWindow {
  private readonly values: Float64Array;
  private readonly bits: Uint8Array;
  /** Per slot: 1 when the instance had a fault or an unknown field (a schema violation). */
  private readonly violating: Uint8Array;
  /** Per slot: 1 when any of the instance's fault bits is set (its bits need tallying out). */
  private readonly faulty: Uint8Array;
  /** Per feature and check, instances in the window that failed it. */
  private readonly failures: Int32Array;
  private violations = 0;
  private nextSlot = 0;
  private filled = 0;
  private clears = 0;
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
    this.faulty = new Uint8Array(size);
    this.failures = new Int32Array(fields.length * CHECKS.length);
  }

  get count(): number {
    return this.filled;
  }

  /** The slot the next instance goes to: the window fills slots 0, 1, … and then wraps. */
  get next(): number {
    return this.nextSlot;
  }

  /** How many times the window was cleared (slots count from 0 again after each). */
  get generation(): number {
    return this.clears;
  }

  /** Instances in the window with any fault or an unknown field: schema violations. */
  get schemaViolations(): number {
    return this.violations;
  }

  push(observed: ArrayLike<number>, faultBits: ArrayLike<number> | null, unknownFields: number): void {
    const f = this.fields.length;
    const size = this.size;
    const slot = this.nextSlot;
    if (this.filled === size) {
      if (this.faulty[slot] !== 0) this.tally(-1, slot);
      this.violations -= this.violating[slot];
    } else this.filled++;
    const values = this.values;
    for (let j = 0, at = slot; j < f; j++, at += size) values[at] = observed[j];
    let faulty = 0;
    if (faultBits !== null) {
      const bits = this.bits;
      for (let j = 0, at = slot; j < f; j++, at += size) {
        const b = faultBits[j];
        bits[at] = b;
        if (b !== 0) faulty = 1;
      }
    }
    this.faulty[slot] = faulty;
    const violating = faulty !== 0 || unknownFields > 0 ? 1 : 0;
    this.violating[slot] = violating;
    this.violations += violating;
    if (faulty !== 0) this.tally(1, slot);
    this.nextSlot = slot + 1 === size ? 0 : slot + 1;
    this.pushed++;
  }

  /** Share of the window's instances whose value of feature `j` failed `check`. */
  failureRate(j: number, check: QualityCheck): number {
    return this.filled === 0 ? NaN : this.failures[j * CHECKS.length + CHECKS.indexOf(check)] / this.filled;
  }

  /**
   * Feature `j`'s values by slot (a view, not a copy: it changes with every push); slots from
   * `count` on hold nothing yet.
   */
  column(j: number): Float64Array {
    return this.values.subarray(j * this.size, (j + 1) * this.size);
  }

  /** The finite values of numeric feature `j` in the window (a fresh array, in no particular order). */
  numericValues(j: number): Float64Array {
    const column = this.column(j);
    const out = new Float64Array(this.filled);
    let k = 0;
    for (let i = 0; i < this.filled; i++) {
      const v = column[i];
      if (v - v === 0) out[k++] = v;
    }
    return k === out.length ? out : out.slice(0, k);
  }

  /** Counts of categorical feature `j` per schema category, then one for unseen categories. */
  categoryCounts(j: number): number[] {
    const field = this.fields[j];
    const categories = field.kind === 'categorical' ? field.categories.length : 0;
    const counts = new Array<number>(categories + 1).fill(0);
    const column = this.column(j);
    for (let i = 0; i < this.filled; i++) {
      const v = column[i];
      if (v === -1) counts[categories]++;
      else if (v >= 0 && v < categories) counts[v]++;
    }
    return counts;
  }

  clear(): void {
    this.failures.fill(0);
    this.faulty.fill(0);
    this.violating.fill(0);
    this.violations = 0;
    this.nextSlot = 0;
    this.filled = 0;
    this.clears++;
  }

  private tally(delta: number, slot: number): void {
    const f = this.fields.length;
    const bits = this.bits;
    for (let j = 0, at = slot; j < f; j++, at += this.size) {
      const b = bits[at];
      if (b === 0) continue;
      for (let c = 0; c < CHECKS.length; c++)
        if (b & CHECK_MASKS[c]) this.failures[j * CHECKS.length + c] += delta;
    }
  }
}
