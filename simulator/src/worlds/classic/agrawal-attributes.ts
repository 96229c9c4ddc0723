/** The attributes of Agrawal et al.'s loan applicants: their places in a record, the paper's Table 2 ranges, the draw. */
import type { Rng } from '../../random/rng';

// Feature indices, in the order of `agrawal.features`.
export const SALARY = 0;
export const COMMISSION = 1;
export const AGE = 2;
export const ELEVEL = 3;
export const ZIPCODE = 5;
export const HVALUE = 6;
export const HYEARS = 7;
export const LOAN = 8;

// Attribute ranges of the paper's Table 2 (amounts in USD).
export const SALARY_MIN = 20_000;
export const SALARY_MAX = 150_000;
/** Salaries at or above this earn no commission. */
export const COMMISSION_CUTOFF = 75_000;
export const COMMISSION_MIN = 10_000;
export const COMMISSION_MAX = 75_000;
export const AGE_MIN = 20;
export const AGE_MAX = 80;
export const HYEARS_MIN = 1;
export const HYEARS_MAX = 30;
export const LOAN_MAX = 500_000;
/** House value for zip code N (1..9) is uniform on [N × 50,000, N × 150,000]. */
export const HVALUE_UNIT = 100_000;

/** One applicant as Table 2 draws it, one stream per attribute. */
export function sampleApplicant(streams: readonly Rng[], out: Float64Array): void {
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
