/*
 * The ten classification functions of Agrawal, Imielinski & Swami (1993), and the tables of
 * functions 2, 4, 5 and 6, indexed by age band: 0 = age < 40, 1 = 40 <= age < 60, 2 = age >= 60.
 * Intervals are closed.
 */
import { AGE, COMMISSION, ELEVEL, HVALUE, HYEARS, LOAN, SALARY } from './agrawal-attributes';

/** Functions 2, 5, 6 (and 4 when elevel is outside ELEVEL_*): the salary (or salary + commission) band. */
export const SALARY_LO = [50_000, 75_000, 25_000];
export const SALARY_HI = [100_000, 125_000, 75_000];
/** Functions 3 and 4: elevel ∈ [0..1], [1..3], [2..4]. */
export const ELEVEL_LO = [0, 1, 2];
export const ELEVEL_HI = [1, 3, 4];
/** Function 4: the salary band when elevel is inside ELEVEL_*. */
export const F4_SALARY_LO = [25_000, 50_000, 50_000];
export const F4_SALARY_HI = [75_000, 100_000, 100_000];
/** Function 5: the loan band when salary is inside SALARY_*, and when it is not. */
export const F5_LOAN_IN_LO = [100_000, 200_000, 300_000];
export const F5_LOAN_IN_HI = [300_000, 400_000, 500_000];
export const F5_LOAN_OUT_LO = [200_000, 300_000, 100_000];
export const F5_LOAN_OUT_HI = [400_000, 500_000, 300_000];

function ageBand(age: number): number {
  return age < 40 ? 0 : age < 60 ? 1 : 2;
}

export function within(v: number, lo: number, hi: number): boolean {
  return lo <= v && v <= hi;
}

export function badFunction(fn: number): never {
  throw new RangeError(`agrawal: concept parameter 'function' must be an integer from 1 to 10, got ${fn}`);
}

/**
 * Group A membership under classification function `fn` (1..10) of Agrawal, Imielinski & Swami
 * (1993). Functions 7 to 10 compare the paper's "disposable" income with 0; it is computed here
 * multiplied by 100 (0.67 → 67, 0.2 → 20, 5000 → 500,000, ...), which is exact in floating point
 * for whole-dollar inputs, so a record exactly on the boundary is classified as the paper's
 * arithmetic says.
 */
export function isGroupA(
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

/** The label of the record `x` as observed (no perturbation): 1 for Group A under function `fn`. */
export function exactLabel(fn: number, x: Float64Array): number {
  return isGroupA(fn, x[SALARY], x[COMMISSION], x[AGE], x[ELEVEL], x[HVALUE], x[HYEARS], x[LOAN]) ? 1 : 0;
}
