/*
 * Perturbation (the paper's "perturbation factor" p). In the paper a record is labelled first and
 * its numeric attributes are then perturbed: v becomes v + r × p × range with r ~ U[-0.5, 0.5].
 * A concept parameter must not change the distribution of the features, so the same joint law is
 * produced from the other side: the features sent are an unperturbed draw from Table 2, and the
 * label is the function applied to the record the observed one was perturbed from, drawn from its
 * conditional distribution given the observed values. With uniform attributes and uniform noise
 * that is a uniform on [v − p × range / 2, v + p × range / 2] cut to the attribute's range (and,
 * for the whole-number attributes age and hyears, a uniform over the half-unit cells of the
 * integers, rounded). Commission is not perturbed when it is 0, and a record with commission > 0
 * came from a salary below 75,000 (and one with commission 0 from a salary of at least 75,000).
 *
 * The bounds are written into a 12-slot scratch array:
 * [salary lo, hi, commission lo, hi, age lo, hi, hvalue lo, hi, hyears lo, hi, loan lo, hi].
 */
import type { Rng } from '../../random/rng';
import {
  AGE,
  AGE_MAX,
  AGE_MIN,
  COMMISSION,
  COMMISSION_CUTOFF,
  COMMISSION_MAX,
  COMMISSION_MIN,
  ELEVEL,
  HVALUE,
  HVALUE_UNIT,
  HYEARS,
  HYEARS_MAX,
  HYEARS_MIN,
  LOAN,
  LOAN_MAX,
  SALARY,
  SALARY_MAX,
  SALARY_MIN,
  ZIPCODE,
} from './agrawal-attributes';
import {
  badFunction,
  ELEVEL_HI,
  ELEVEL_LO,
  F4_SALARY_HI,
  F4_SALARY_LO,
  F5_LOAN_IN_HI,
  F5_LOAN_IN_LO,
  F5_LOAN_OUT_HI,
  F5_LOAN_OUT_LO,
  isGroupA,
  SALARY_HI,
  SALARY_LO,
  within,
} from './agrawal-functions';

/** Writes [v − h, v + h] cut to [min, max] into slots `slot` and `slot + 1` of `b`. */
function cutWindow(b: Float64Array, slot: number, v: number, h: number, min: number, max: number): void {
  const lo = v - h;
  const hi = v + h;
  b[slot] = lo < min ? min : lo;
  b[slot + 1] = hi > max ? max : hi;
}

/** The bounds of the record `x` (observed) was perturbed from, with factor `p`, into `b`. */
function perturbationBounds(x: Float64Array, p: number, b: Float64Array): void {
  const half = 0.5 * p;
  const commission = x[COMMISSION];
  const h = half * (SALARY_MAX - SALARY_MIN);
  let lo = x[SALARY] - h;
  let hi = x[SALARY] + h;
  if (commission > 0) {
    if (hi > COMMISSION_CUTOFF) hi = COMMISSION_CUTOFF;
  } else if (lo < COMMISSION_CUTOFF) {
    lo = COMMISSION_CUTOFF;
  }
  b[0] = lo < SALARY_MIN ? SALARY_MIN : lo;
  b[1] = hi > SALARY_MAX ? SALARY_MAX : hi;
  if (commission > 0)
    cutWindow(b, 2, commission, half * (COMMISSION_MAX - COMMISSION_MIN), COMMISSION_MIN, COMMISSION_MAX);
  else {
    b[2] = 0;
    b[3] = 0;
  }
  // Whole-number attributes: the half-unit cells of their end values.
  cutWindow(b, 4, x[AGE], half * (AGE_MAX - AGE_MIN), AGE_MIN - 0.5, AGE_MAX + 0.5);
  const k = x[ZIPCODE] + 1;
  cutWindow(b, 6, x[HVALUE], half * k * HVALUE_UNIT, 0.5 * k * HVALUE_UNIT, 1.5 * k * HVALUE_UNIT);
  cutWindow(b, 8, x[HYEARS], half * (HYEARS_MAX - HYEARS_MIN), HYEARS_MIN - 0.5, HYEARS_MAX + 0.5);
  cutWindow(b, 10, x[LOAN], half * LOAN_MAX, 0, LOAN_MAX);
}

/** P(U < t) for U uniform on [lo, hi] (a point mass at lo when hi <= lo). */
function pBelow(t: number, lo: number, hi: number): number {
  if (!(hi > lo)) return lo < t ? 1 : 0;
  const q = (t - lo) / (hi - lo);
  return q < 0 ? 0 : q > 1 ? 1 : q;
}

/** P(a <= U <= b) for U uniform on [lo, hi] (a point mass at lo when hi <= lo). */
function pWithin(a: number, b: number, lo: number, hi: number): number {
  if (!(hi > lo)) return a <= lo && lo <= b ? 1 : 0;
  const l = a > lo ? a : lo;
  const h = b < hi ? b : hi;
  return h > l ? (h - l) / (hi - lo) : 0;
}

/** `pSumAtMost`'s three widths: scratch, reused by every call. */
const widths = new Float64Array(3);

/**
 * P(U1 + U2 + U3 <= t) for independent U_i uniform on [a_i, b_i]; a term with b_i <= a_i is a point.
 * Inclusion–exclusion over the box corners: (1 / (n! Π w_i)) Σ_J (−1)^|J| (s − Σ_J w_j)_+^n.
 */
function pSumAtMost(
  t: number,
  a1: number,
  b1: number,
  a2: number,
  b2: number,
  a3: number,
  b3: number,
): number {
  const w = widths;
  w[0] = b1 - a1;
  w[1] = b2 - a2;
  w[2] = b3 - a3;
  let s = t - a1 - a2 - a3;
  const largest = w[0] > w[1] ? (w[0] > w[2] ? w[0] : w[2]) : w[1] > w[2] ? w[1] : w[2];
  if (!(largest > 0)) return s >= 0 ? 1 : 0;
  // A term vanishingly narrow next to the others is a point at its midpoint (avoids cancellation).
  const tiny = largest * 1e-9;
  for (let i = 0; i < 3; i++) {
    if (w[i] < tiny) {
      s -= 0.5 * (w[i] > 0 ? w[i] : 0);
      w[i] = 0;
    }
  }
  if (s <= 0) return 0;
  if (s >= w[0] + w[1] + w[2]) return 1;
  let n = 0;
  let volume = 1;
  for (let i = 0; i < 3; i++) {
    if (w[i] > 0) {
      n++;
      volume *= w[i];
    }
  }
  let acc = 0;
  corners: for (let mask = 0; mask < 8; mask++) {
    let shift = 0;
    let negative = false;
    for (let i = 0; i < 3; i++) {
      if (!(mask & (1 << i))) continue;
      // A point term has no far corner.
      if (w[i] === 0) continue corners;
      shift += w[i];
      negative = !negative;
    }
    const r = s - shift;
    if (r > 0) {
      const power = n === 1 ? r : n === 2 ? r * r : r * r * r;
      acc += negative ? -power : power;
    }
  }
  const v = acc / ((n === 3 ? 6 : n) * volume);
  return v < 0 ? 0 : v > 1 ? 1 : v;
}

/** P(Group A | age band, observed x) for functions 1 to 6, whose rules depend on the age band. */
function givenAgeBand(fn: number, band: number, elevel: number, b: Float64Array): number {
  switch (fn) {
    case 1:
      return band === 1 ? 0 : 1;
    case 2:
      return pWithin(SALARY_LO[band], SALARY_HI[band], b[0], b[1]);
    case 3:
      return within(elevel, ELEVEL_LO[band], ELEVEL_HI[band]) ? 1 : 0;
    case 4:
      return within(elevel, ELEVEL_LO[band], ELEVEL_HI[band])
        ? pWithin(F4_SALARY_LO[band], F4_SALARY_HI[band], b[0], b[1])
        : pWithin(SALARY_LO[band], SALARY_HI[band], b[0], b[1]);
    case 5: {
      const q = pWithin(SALARY_LO[band], SALARY_HI[band], b[0], b[1]);
      return (
        q * pWithin(F5_LOAN_IN_LO[band], F5_LOAN_IN_HI[band], b[10], b[11]) +
        (1 - q) * pWithin(F5_LOAN_OUT_LO[band], F5_LOAN_OUT_HI[band], b[10], b[11])
      );
    }
    case 6:
      return (
        pSumAtMost(SALARY_HI[band], b[0], b[1], b[2], b[3], 0, 0) -
        pSumAtMost(SALARY_LO[band], b[0], b[1], b[2], b[3], 0, 0)
      );
    default:
      return badFunction(fn);
  }
}

/**
 * P(67 × (salary + commission) + X <= t) with X uniform on [xLo, xHi]: the disposable income of
 * functions 7 to 10 (× 100, as `isGroupA` computes it) at most a threshold.
 */
function pIncomeAtMost(t: number, b: Float64Array, xLo: number, xHi: number): number {
  return pSumAtMost(t, 67 * b[0], 67 * b[1], 67 * b[2], 67 * b[3], xLo, xHi);
}

/** Function 10: its home equity depends on each whole number of years owned beyond 20. */
function perturbedFunction10(elevel: number, b: Float64Array): number {
  const threshold = 500_000 * elevel + 1_000_000;
  const yLo = b[8];
  const yHi = b[9];
  // Rounded hyears <= 20 ⇔ U < 20.5: no equity.
  const pNoEquity = pBelow(20.5, yLo, yHi);
  let p = pNoEquity > 0 ? pNoEquity * (1 - pIncomeAtMost(threshold, b, 0, 0)) : 0;
  for (let years = 21; years <= HYEARS_MAX; years++) {
    const pYears = pBelow(years + 0.5, yLo, yHi) - pBelow(years - 0.5, yLo, yHi);
    if (pYears <= 0) continue;
    const m = 2 * (years - 20);
    p += pYears * (1 - pIncomeAtMost(threshold, b, m * b[6], m * b[7]));
  }
  return p;
}

/** P(Group A | observed x) under perturbation factor `p`; `b` is a 12-slot scratch array. */
export function perturbedScore(fn: number, x: Float64Array, p: number, b: Float64Array): number {
  perturbationBounds(x, p, b);
  const elevel = x[ELEVEL];
  if (fn <= 6) {
    // Total probability over the age bands of the rounded age: < 40 ⇔ U < 39.5; >= 60 ⇔ U >= 59.5.
    const pYoung = pBelow(39.5, b[4], b[5]);
    const pOld = 1 - pBelow(59.5, b[4], b[5]);
    const pMiddle = 1 - pYoung - pOld;
    return (
      pYoung * givenAgeBand(fn, 0, elevel, b) +
      pMiddle * givenAgeBand(fn, 1, elevel, b) +
      pOld * givenAgeBand(fn, 2, elevel, b)
    );
  }
  switch (fn) {
    case 7:
      return 1 - pIncomeAtMost(2_000_000, b, -20 * b[11], -20 * b[10]);
    case 8:
      return 1 - pIncomeAtMost(500_000 * elevel + 2_000_000, b, 0, 0);
    case 9:
      return 1 - pIncomeAtMost(500_000 * elevel + 1_000_000, b, -20 * b[11], -20 * b[10]);
    case 10:
      return perturbedFunction10(elevel, b);
    default:
      return badFunction(fn);
  }
}

/**
 * The label of the record `x` was perturbed from (factor `p`), drawn from its conditional law
 * given `x`; `bounds` is a 12-slot scratch array.
 */
export function perturbedLabel(
  fn: number,
  x: Float64Array,
  p: number,
  bounds: Float64Array,
  noise: Rng,
): number {
  perturbationBounds(x, p, bounds);
  // Six draws per label whatever the function, so the noise stream advances identically.
  const salary = bounds[0] + (bounds[1] - bounds[0]) * noise.next();
  const commission = bounds[2] + (bounds[3] - bounds[2]) * noise.next();
  const age = Math.round(bounds[4] + (bounds[5] - bounds[4]) * noise.next());
  const hvalue = bounds[6] + (bounds[7] - bounds[6]) * noise.next();
  const hyears = Math.round(bounds[8] + (bounds[9] - bounds[8]) * noise.next());
  const loan = bounds[10] + (bounds[11] - bounds[10]) * noise.next();
  return isGroupA(fn, salary, commission, age, x[ELEVEL], hvalue, hyears, loan) ? 1 : 0;
}
