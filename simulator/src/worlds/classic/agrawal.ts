import type { Concept, World, WorldInstance } from '../types';
import type { Rng } from '../../random/rng';

// Feature indices, in the order of `agrawal.features`.
const SALARY = 0;
const COMMISSION = 1;
const AGE = 2;
const ELEVEL = 3;
const ZIPCODE = 5;
const HVALUE = 6;
const HYEARS = 7;
const LOAN = 8;

// Attribute ranges of the paper's Table 2 (amounts in USD).
const SALARY_MIN = 20_000;
const SALARY_MAX = 150_000;
/** Salaries at or above this earn no commission. */
const COMMISSION_CUTOFF = 75_000;
const COMMISSION_MIN = 10_000;
const COMMISSION_MAX = 75_000;
const AGE_MIN = 20;
const AGE_MAX = 80;
const HYEARS_MIN = 1;
const HYEARS_MAX = 30;
const LOAN_MAX = 500_000;
/** House value for zip code N (1..9) is uniform on [N × 50,000, N × 150,000]. */
const HVALUE_UNIT = 100_000;

/*
 * Tables of the paper's functions 2, 4, 5 and 6, indexed by age band:
 * 0 = age < 40, 1 = 40 <= age < 60, 2 = age >= 60. Intervals are closed.
 */
/** Functions 2, 5, 6 (and 4 when elevel is outside ELEVEL_*): the salary (or salary + commission) band. */
const SALARY_LO = [50_000, 75_000, 25_000];
const SALARY_HI = [100_000, 125_000, 75_000];
/** Functions 3 and 4: elevel ∈ [0..1], [1..3], [2..4]. */
const ELEVEL_LO = [0, 1, 2];
const ELEVEL_HI = [1, 3, 4];
/** Function 4: the salary band when elevel is inside ELEVEL_*. */
const F4_SALARY_LO = [25_000, 50_000, 50_000];
const F4_SALARY_HI = [75_000, 100_000, 100_000];
/** Function 5: the loan band when salary is inside SALARY_*, and when it is not. */
const F5_LOAN_IN_LO = [100_000, 200_000, 300_000];
const F5_LOAN_IN_HI = [300_000, 400_000, 500_000];
const F5_LOAN_OUT_LO = [200_000, 300_000, 100_000];
const F5_LOAN_OUT_HI = [400_000, 500_000, 300_000];

function ageBand(age: number): number {
  return age < 40 ? 0 : age < 60 ? 1 : 2;
}

function within(v: number, lo: number, hi: number): boolean {
  return lo <= v && v <= hi;
}

function badFunction(fn: number): never {
  throw new RangeError(`agrawal: concept parameter 'function' must be an integer from 1 to 10, got ${fn}`);
}

/**
 * Group A membership under classification function `fn` (1..10) of Agrawal, Imielinski & Swami
 * (1993). Functions 7 to 10 compare the paper's "disposable" income with 0; it is computed here
 * multiplied by 100 (0.67 → 67, 0.2 → 20, 5000 → 500,000, ...), which is exact in floating point
 * for whole-dollar inputs, so a record exactly on the boundary is classified as the paper's
 * arithmetic says.
 */
function isGroupA(
  fn: number,
  salary: number,
  commission: number,
  age: number,
  elevel: number,
  hvalue: number,
  hyears: number,
  loan: number,
): boolean {
  switch (fn) {
    case 1:
      // (age < 40) ∨ (60 <= age)
      return age < 40 || age >= 60;
    case 2: {
      // age < 40: 50K <= salary <= 100K; 40 <= age < 60: 75K..125K; age >= 60: 25K..75K
      const b = ageBand(age);
      return within(salary, SALARY_LO[b], SALARY_HI[b]);
    }
    case 3: {
      // age < 40: elevel ∈ [0..1]; 40 <= age < 60: [1..3]; age >= 60: [2..4]
      const b = ageBand(age);
      return within(elevel, ELEVEL_LO[b], ELEVEL_HI[b]);
    }
    case 4: {
      // age < 40: elevel ∈ [0..1] ? 25K..75K : 50K..100K
      // 40 <= age < 60: elevel ∈ [1..3] ? 50K..100K : 75K..125K
      // age >= 60: elevel ∈ [2..4] ? 50K..100K : 25K..75K
      const b = ageBand(age);
      return within(elevel, ELEVEL_LO[b], ELEVEL_HI[b])
        ? within(salary, F4_SALARY_LO[b], F4_SALARY_HI[b])
        : within(salary, SALARY_LO[b], SALARY_HI[b]);
    }
    case 5: {
      // age < 40: 50K <= salary <= 100K ? 100K <= loan <= 300K : 200K..400K
      // 40 <= age < 60: 75K..125K ? 200K..400K : 300K..500K
      // age >= 60: 25K..75K ? 300K..500K : 100K..300K
      const b = ageBand(age);
      return within(salary, SALARY_LO[b], SALARY_HI[b])
        ? within(loan, F5_LOAN_IN_LO[b], F5_LOAN_IN_HI[b])
        : within(loan, F5_LOAN_OUT_LO[b], F5_LOAN_OUT_HI[b]);
    }
    case 6: {
      // function 2 on total income: salary + commission
      const b = ageBand(age);
      return within(salary + commission, SALARY_LO[b], SALARY_HI[b]);
    }
    case 7:
      // disposable = 0.67 × (salary + commission) − 0.2 × loan − 20K > 0
      return 67 * (salary + commission) - 20 * loan - 2_000_000 > 0;
    case 8:
      // disposable = 0.67 × (salary + commission) − 5000 × elevel − 20K > 0
      return 67 * (salary + commission) - 500_000 * elevel - 2_000_000 > 0;
    case 9:
      // disposable = 0.67 × (salary + commission) − 5000 × elevel − 0.2 × loan − 10K > 0
      return 67 * (salary + commission) - 500_000 * elevel - 20 * loan - 1_000_000 > 0;
    case 10: {
      // equity = 0.1 × hvalue × max(hyears − 20, 0)
      // disposable = 0.67 × (salary + commission) − 5000 × elevel + 0.2 × equity − 10K > 0
      const years = hyears > 20 ? hyears - 20 : 0;
      return 67 * (salary + commission) - 500_000 * elevel + 2 * hvalue * years - 1_000_000 > 0;
    }
    default:
      return badFunction(fn);
  }
}

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
function perturbationBounds(x: Float64Array, p: number, b: Float64Array): void {
  const half = 0.5 * p;

  const salary = x[SALARY];
  const commission = x[COMMISSION];
  let h = half * (SALARY_MAX - SALARY_MIN);
  let lo = salary - h;
  let hi = salary + h;
  if (commission > 0) {
    if (hi > COMMISSION_CUTOFF) hi = COMMISSION_CUTOFF;
  } else if (lo < COMMISSION_CUTOFF) {
    lo = COMMISSION_CUTOFF;
  }
  b[0] = lo < SALARY_MIN ? SALARY_MIN : lo;
  b[1] = hi > SALARY_MAX ? SALARY_MAX : hi;

  if (commission > 0) {
    h = half * (COMMISSION_MAX - COMMISSION_MIN);
    lo = commission - h;
    hi = commission + h;
    b[2] = lo < COMMISSION_MIN ? COMMISSION_MIN : lo;
    b[3] = hi > COMMISSION_MAX ? COMMISSION_MAX : hi;
  } else {
    b[2] = 0;
    b[3] = 0;
  }

  const age = x[AGE];
  h = half * (AGE_MAX - AGE_MIN);
  lo = age - h;
  hi = age + h;
  b[4] = lo < AGE_MIN - 0.5 ? AGE_MIN - 0.5 : lo;
  b[5] = hi > AGE_MAX + 0.5 ? AGE_MAX + 0.5 : hi;

  const k = x[ZIPCODE] + 1;
  const hvalue = x[HVALUE];
  h = half * k * HVALUE_UNIT;
  lo = hvalue - h;
  hi = hvalue + h;
  b[6] = lo < 0.5 * k * HVALUE_UNIT ? 0.5 * k * HVALUE_UNIT : lo;
  b[7] = hi > 1.5 * k * HVALUE_UNIT ? 1.5 * k * HVALUE_UNIT : hi;

  const hyears = x[HYEARS];
  h = half * (HYEARS_MAX - HYEARS_MIN);
  lo = hyears - h;
  hi = hyears + h;
  b[8] = lo < HYEARS_MIN - 0.5 ? HYEARS_MIN - 0.5 : lo;
  b[9] = hi > HYEARS_MAX + 0.5 ? HYEARS_MAX + 0.5 : hi;

  const loan = x[LOAN];
  h = half * LOAN_MAX;
  lo = loan - h;
  hi = loan + h;
  b[10] = lo < 0 ? 0 : lo;
  b[11] = hi > LOAN_MAX ? LOAN_MAX : hi;
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
  let w1 = b1 - a1;
  let w2 = b2 - a2;
  let w3 = b3 - a3;
  let s = t - a1 - a2 - a3;
  const largest = w1 > w2 ? (w1 > w3 ? w1 : w3) : w2 > w3 ? w2 : w3;
  if (!(largest > 0)) return s >= 0 ? 1 : 0;
  // A term vanishingly narrow next to the others is a point at its midpoint (avoids cancellation).
  const tiny = largest * 1e-9;
  if (w1 < tiny) {
    s -= 0.5 * (w1 > 0 ? w1 : 0);
    w1 = 0;
  }
  if (w2 < tiny) {
    s -= 0.5 * (w2 > 0 ? w2 : 0);
    w2 = 0;
  }
  if (w3 < tiny) {
    s -= 0.5 * (w3 > 0 ? w3 : 0);
    w3 = 0;
  }
  if (s <= 0) return 0;
  if (s >= w1 + w2 + w3) return 1;
  let n = 0;
  let volume = 1;
  if (w1 > 0) {
    n++;
    volume *= w1;
  }
  if (w2 > 0) {
    n++;
    volume *= w2;
  }
  if (w3 > 0) {
    n++;
    volume *= w3;
  }
  let acc = 0;
  for (let mask = 0; mask < 8; mask++) {
    let shift = 0;
    let negative = false;
    if (mask & 1) {
      if (w1 === 0) continue;
      shift += w1;
      negative = !negative;
    }
    if (mask & 2) {
      if (w2 === 0) continue;
      shift += w2;
      negative = !negative;
    }
    if (mask & 4) {
      if (w3 === 0) continue;
      shift += w3;
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

/** P(Group A | observed x) under perturbation, from the bounds of `perturbationBounds`. */
function perturbedScore(fn: number, elevel: number, b: Float64Array): number {
  const sLo = b[0];
  const sHi = b[1];
  const cLo = b[2];
  const cHi = b[3];
  // Age bands of the rounded age: < 40 ⇔ U < 39.5; >= 60 ⇔ U >= 59.5.
  const pYoung = pBelow(39.5, b[4], b[5]);
  const pOld = 1 - pBelow(59.5, b[4], b[5]);
  const pMiddle = 1 - pYoung - pOld;
  switch (fn) {
    case 1:
      return pYoung + pOld;
    case 2:
      return (
        pYoung * pWithin(SALARY_LO[0], SALARY_HI[0], sLo, sHi) +
        pMiddle * pWithin(SALARY_LO[1], SALARY_HI[1], sLo, sHi) +
        pOld * pWithin(SALARY_LO[2], SALARY_HI[2], sLo, sHi)
      );
    case 3: {
      let p = 0;
      if (within(elevel, ELEVEL_LO[0], ELEVEL_HI[0])) p += pYoung;
      if (within(elevel, ELEVEL_LO[1], ELEVEL_HI[1])) p += pMiddle;
      if (within(elevel, ELEVEL_LO[2], ELEVEL_HI[2])) p += pOld;
      return p;
    }
    case 4: {
      let p = 0;
      for (let band = 0; band < 3; band++) {
        const pBand = band === 0 ? pYoung : band === 1 ? pMiddle : pOld;
        p +=
          pBand *
          (within(elevel, ELEVEL_LO[band], ELEVEL_HI[band])
            ? pWithin(F4_SALARY_LO[band], F4_SALARY_HI[band], sLo, sHi)
            : pWithin(SALARY_LO[band], SALARY_HI[band], sLo, sHi));
      }
      return p;
    }
    case 5: {
      let p = 0;
      for (let band = 0; band < 3; band++) {
        const pBand = band === 0 ? pYoung : band === 1 ? pMiddle : pOld;
        const q = pWithin(SALARY_LO[band], SALARY_HI[band], sLo, sHi);
        p +=
          pBand *
          (q * pWithin(F5_LOAN_IN_LO[band], F5_LOAN_IN_HI[band], b[10], b[11]) +
            (1 - q) * pWithin(F5_LOAN_OUT_LO[band], F5_LOAN_OUT_HI[band], b[10], b[11]));
      }
      return p;
    }
    case 6: {
      let p = 0;
      for (let band = 0; band < 3; band++) {
        const pBand = band === 0 ? pYoung : band === 1 ? pMiddle : pOld;
        p +=
          pBand *
          (pSumAtMost(SALARY_HI[band], sLo, sHi, cLo, cHi, 0, 0) -
            pSumAtMost(SALARY_LO[band], sLo, sHi, cLo, cHi, 0, 0));
      }
      return p;
    }
    case 7:
      return 1 - pSumAtMost(2_000_000, 67 * sLo, 67 * sHi, 67 * cLo, 67 * cHi, -20 * b[11], -20 * b[10]);
    case 8:
      return 1 - pSumAtMost(500_000 * elevel + 2_000_000, 67 * sLo, 67 * sHi, 67 * cLo, 67 * cHi, 0, 0);
    case 9:
      return (
        1 -
        pSumAtMost(
          500_000 * elevel + 1_000_000,
          67 * sLo,
          67 * sHi,
          67 * cLo,
          67 * cHi,
          -20 * b[11],
          -20 * b[10],
        )
      );
    case 10: {
      const threshold = 500_000 * elevel + 1_000_000;
      const yLo = b[8];
      const yHi = b[9];
      // Rounded hyears <= 20 ⇔ U < 20.5: no equity.
      const pNoEquity = pBelow(20.5, yLo, yHi);
      let p =
        pNoEquity > 0
          ? pNoEquity * (1 - pSumAtMost(threshold, 67 * sLo, 67 * sHi, 67 * cLo, 67 * cHi, 0, 0))
          : 0;
      for (let years = 21; years <= HYEARS_MAX; years++) {
        const pYears = pBelow(years + 0.5, yLo, yHi) - pBelow(years - 0.5, yLo, yHi);
        if (pYears <= 0) continue;
        const m = 2 * (years - 20);
        p += pYears * (1 - pSumAtMost(threshold, 67 * sLo, 67 * sHi, 67 * cLo, 67 * cHi, m * b[6], m * b[7]));
      }
      return p;
    }
    default:
      return badFunction(fn);
  }
}

function sample(streams: readonly Rng[], out: Float64Array): void {
  const salary = Math.round(SALARY_MIN + (SALARY_MAX - SALARY_MIN) * streams[0].next());
  out[0] = salary;
  // Drawn even when the salary rules it out, so the stream advances once per event.
  const u = streams[1].next();
  out[1] =
    salary >= COMMISSION_CUTOFF ? 0 : Math.round(COMMISSION_MIN + (COMMISSION_MAX - COMMISSION_MIN) * u);
  out[2] = AGE_MIN + streams[2].int(AGE_MAX - AGE_MIN + 1);
  out[3] = streams[3].int(5);
  out[4] = streams[4].int(20);
  const zip = streams[5].int(9);
  out[5] = zip;
  out[6] = Math.round((zip + 1) * HVALUE_UNIT * (0.5 + streams[6].next()));
  out[7] = HYEARS_MIN + streams[7].int(HYEARS_MAX - HYEARS_MIN + 1);
  out[8] = Math.round(LOAN_MAX * streams[8].next());
}

function instantiate(): WorldInstance {
  const bounds = new Float64Array(12);
  return {
    sample,
    label(x: Float64Array, concept: Concept, noise: Rng): number {
      const fn = concept.function;
      const p = concept.perturbation;
      if (!(p > 0)) {
        return isGroupA(fn, x[SALARY], x[COMMISSION], x[AGE], x[ELEVEL], x[HVALUE], x[HYEARS], x[LOAN])
          ? 1
          : 0;
      }
      perturbationBounds(x, p, bounds);
      // Six draws per label whatever the function, so the noise stream advances identically.
      const salary = bounds[0] + (bounds[1] - bounds[0]) * noise.next();
      const commission = bounds[2] + (bounds[3] - bounds[2]) * noise.next();
      const age = Math.round(bounds[4] + (bounds[5] - bounds[4]) * noise.next());
      const hvalue = bounds[6] + (bounds[7] - bounds[6]) * noise.next();
      const hyears = Math.round(bounds[8] + (bounds[9] - bounds[8]) * noise.next());
      const loan = bounds[10] + (bounds[11] - bounds[10]) * noise.next();
      return isGroupA(fn, salary, commission, age, x[ELEVEL], hvalue, hyears, loan) ? 1 : 0;
    },
    score(x: Float64Array, concept: Concept): number {
      const fn = concept.function;
      const p = concept.perturbation;
      if (!(p > 0)) {
        return isGroupA(fn, x[SALARY], x[COMMISSION], x[AGE], x[ELEVEL], x[HVALUE], x[HYEARS], x[LOAN])
          ? 1
          : 0;
      }
      perturbationBounds(x, p, bounds);
      return perturbedScore(fn, x[ELEVEL], bounds);
    },
  };
}

/**
 * Agrawal, Imielinski & Swami (1993): a synthetic database of loan applicants with nine attributes
 * and ten classification functions into Group A / Group B. See simulator/docs/worlds/agrawal.md.
 */
export const agrawal: World = {
  name: 'agrawal',
  title: 'Agrawal loan applicants',
  description:
    'Agrawal, Imielinski & Swami (1993), "Database mining: a performance perspective", IEEE TKDE 5(6), ' +
    "914-925. Nine attributes of a loan applicant are drawn as in the paper's Table 2 (salary, commission " +
    'only below a 75,000 salary, age, education level, car, zip code, a house value whose range depends on ' +
    'the zip code, years the house has been owned, loan). The label is 1 for Group A under one of the ' +
    "paper's ten classification functions, from function 1 (age < 40 or age >= 60) to function 10 (a " +
    'disposable income including home equity is positive). With perturbation factor p the label is that ' +
    'of the record the observed one was perturbed from, each numeric attribute by up to ±p/2 of its range.',
  task: 'classification',
  target: {
    name: 'group',
    description: "The applicant's group under the current classification function.",
    classes: ['group B', 'group A'],
  },
  features: [
    {
      name: 'salary',
      kind: 'numeric',
      unit: 'USD',
      description: 'Annual salary, uniform from 20,000 to 150,000.',
      min: SALARY_MIN,
      max: SALARY_MAX,
      decimals: 0,
    },
    {
      name: 'commission',
      kind: 'numeric',
      unit: 'USD',
      description:
        'Annual sales commission: 0 when salary >= 75,000, otherwise uniform from 10,000 to 75,000.',
      min: 0,
      max: COMMISSION_MAX,
      decimals: 0,
    },
    {
      name: 'age',
      kind: 'numeric',
      unit: 'years',
      description: 'Age of the applicant in whole years, uniform from 20 to 80.',
      min: AGE_MIN,
      max: AGE_MAX,
      decimals: 0,
    },
    {
      name: 'elevel',
      kind: 'categorical',
      description: 'Education level, uniform over five ordered levels; levelN counts as N in the rules.',
      categories: ['level0', 'level1', 'level2', 'level3', 'level4'],
    },
    {
      name: 'car',
      kind: 'categorical',
      description: "Make of the applicant's car, uniform over 20 makes; no function uses it.",
      categories: Array.from({ length: 20 }, (_, i) => `car${i + 1}`),
    },
    {
      name: 'zipcode',
      kind: 'categorical',
      description: "Zip code of the applicant's town, uniform over nine; zipN sets the house-value range.",
      categories: Array.from({ length: 9 }, (_, i) => `zip${i + 1}`),
    },
    {
      name: 'hvalue',
      kind: 'numeric',
      unit: 'USD',
      description: 'Value of the house: uniform from N × 50,000 to N × 150,000 for zip code zipN.',
      min: 0.5 * HVALUE_UNIT,
      max: 1.5 * 9 * HVALUE_UNIT,
      decimals: 0,
    },
    {
      name: 'hyears',
      kind: 'numeric',
      unit: 'years',
      description: 'Years the house has been owned, whole years uniform from 1 to 30.',
      min: HYEARS_MIN,
      max: HYEARS_MAX,
      decimals: 0,
    },
    {
      name: 'loan',
      kind: 'numeric',
      unit: 'USD',
      description: 'Total loan amount, uniform from 0 to 500,000.',
      min: 0,
      max: LOAN_MAX,
      decimals: 0,
    },
  ],
  concept: {
    function: {
      default: 1,
      description: "The paper's classification function (1 to 10) that defines Group A.",
      discrete: true,
      min: 1,
      max: 10,
    },
    perturbation: {
      default: 0.05,
      description:
        "The paper's perturbation factor p: each numeric attribute of the labelled record differs from the " +
        'observed one by a uniform amount of up to ±p/2 of its range (5 % in the paper).',
      min: 0,
      max: 1,
    },
  },
  instantiate,
};
