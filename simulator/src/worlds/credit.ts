import { drawUniforms, normalsInPlace, pickIndex, poissonQuantile } from '../random/inversion';
import { cumulativeWeights, type Rng } from '../random/rng';
import type { Concept, ConceptParameter, FeatureSpec, World, WorldInstance } from './types';

/*
 * Consumer credit: one loan application per event, labelled "defaulted within 12 months".
 *
 * Features are generated in vector order. A feature may read the *values* of earlier features
 * (income depends on age and employment), but its randomness is exactly one uniform from its own
 * stream per event, so the n-th draw of a stream belongs to the n-th event and replacing one stream
 * changes nothing that does not depend on that feature. The full process, with every constant
 * below, is documented in docs/worlds/credit.md.
 */

export const EMPLOYMENT_TYPES = ['salaried', 'self_employed', 'contract', 'unemployed', 'retired'] as const;
export const HOME_OWNERSHIP = ['rent', 'mortgage', 'own'] as const;
export const REGIONS = ['north', 'south', 'east', 'west', 'central'] as const;

const AGE = 0;
const EMPLOYMENT = 1;
const INCOME = 2;
const HOME = 3;
const REGION = 4;
const HISTORY = 5;
const LINES = 6;
const UTILIZATION = 7;
const DTI = 8;
const LOAN = 9;
const DELINQUENCIES = 10;

const SELF_EMPLOYED = 1;
const CONTRACT = 2;
const UNEMPLOYED = 3;
const RETIRED = 4;
const RENT = 0;
const MORTGAGE = 1;
const SOUTH = 1;
const EAST = 2;
const WEST = 3;
const CENTRAL = 4;

const FEATURES: readonly FeatureSpec[] = [
  {
    name: 'age',
    kind: 'numeric',
    unit: 'years',
    description: 'Age of the applicant.',
    min: 18,
    max: 80,
    decimals: 0,
  },
  {
    name: 'employment_type',
    kind: 'categorical',
    description: 'Employment status at application; depends on age (retirement from 60).',
    categories: EMPLOYMENT_TYPES,
  },
  {
    name: 'annual_income',
    kind: 'numeric',
    unit: 'USD',
    description: 'Gross annual income; log-normal, median set by employment type and age.',
    min: 0,
    max: 1_000_000,
    decimals: 0,
  },
  {
    name: 'home_ownership',
    kind: 'categorical',
    description: 'Housing status; older applicants rent less and own outright more.',
    categories: HOME_OWNERSHIP,
  },
  {
    name: 'region',
    kind: 'categorical',
    description: 'Sales region of the branch that took the application.',
    categories: REGIONS,
  },
  {
    name: 'credit_history_years',
    kind: 'numeric',
    unit: 'years',
    description: 'Years since the first credit account was opened; at most age - 18.',
    min: 0,
    max: 62,
    decimals: 1,
  },
  {
    name: 'open_credit_lines',
    kind: 'numeric',
    unit: 'count',
    description: 'Open credit accounts (cards, loans); Poisson, more with a longer history.',
    min: 0,
    max: 40,
    decimals: 0,
  },
  {
    name: 'utilization',
    kind: 'numeric',
    unit: 'ratio',
    description: 'Revolving balance / revolving limit; logit-normal, higher at lower income.',
    min: 0,
    max: 1,
    decimals: 3,
  },
  {
    name: 'debt_to_income',
    kind: 'numeric',
    unit: 'ratio',
    description: 'Monthly debt payments / monthly gross income; log-normal, higher at lower income.',
    min: 0,
    max: 2,
    decimals: 3,
  },
  {
    name: 'loan_amount',
    kind: 'numeric',
    unit: 'USD',
    description: 'Requested principal, in whole hundreds of dollars; log-normal, grows with income.',
    min: 1000,
    max: 100_000,
    decimals: 0,
  },
  {
    name: 'delinquencies_2y',
    kind: 'numeric',
    unit: 'count',
    description: 'Payments 30+ days late in the last two years; Poisson, more at high utilization.',
    min: 0,
    max: 20,
    decimals: 0,
  },
];

function coefficient(value: number, description: string): ConceptParameter {
  return { default: value, description, min: -10, max: 10 };
}

const CONCEPT: Readonly<Record<string, ConceptParameter>> = {
  intercept: {
    default: -3.88,
    description: 'Log-odds of default of the reference applicant (sets the base default rate).',
    min: -15,
    max: 5,
  },
  b_debt_to_income: coefficient(2.2, 'Log-odds per unit of debt_to_income.'),
  b_income: coefficient(-0.45, 'Log-odds per unit of ln(max(annual_income, 1000) / 50000).'),
  b_utilization: coefficient(1.6, 'Log-odds per unit of utilization.'),
  b_delinquencies: coefficient(0.55, 'Log-odds per delinquency in the last two years.'),
  b_credit_history: coefficient(-0.25, 'Log-odds per decade of credit history.'),
  b_age: coefficient(-0.1, 'Log-odds per decade of age above 40.'),
  b_loan_to_income: coefficient(0.5, 'Log-odds per unit of min(loan_amount / max(annual_income, 1000), 5).'),
  b_open_credit_lines: coefficient(0.03, 'Log-odds per open credit line.'),
  b_employment_self_employed: coefficient(0.35, 'Log-odds of self-employed versus salaried.'),
  b_employment_contract: coefficient(0.45, 'Log-odds of contract work versus salaried.'),
  b_employment_unemployed: coefficient(1.1, 'Log-odds of unemployed versus salaried.'),
  b_employment_retired: coefficient(-0.2, 'Log-odds of retired versus salaried.'),
  b_home_rent: coefficient(0.3, 'Log-odds of renting versus owning outright.'),
  b_home_mortgage: coefficient(0.1, 'Log-odds of a mortgage versus owning outright.'),
  b_region_south: coefficient(0.15, 'Log-odds of the south region versus north.'),
  b_region_east: coefficient(-0.05, 'Log-odds of the east region versus north.'),
  b_region_west: coefficient(0.05, 'Log-odds of the west region versus north.'),
  b_region_central: coefficient(0.1, 'Log-odds of the central region versus north.'),
};

// Employment type by age band (<25, 25-59, 60-66, 67+); order as EMPLOYMENT_TYPES.
const EMPLOYMENT_BY_AGE: readonly Float64Array[] = [
  cumulativeWeights([0.55, 0.05, 0.25, 0.15, 0]),
  cumulativeWeights([0.64, 0.12, 0.14, 0.08, 0.02]),
  cumulativeWeights([0.4, 0.12, 0.06, 0.05, 0.37]),
  cumulativeWeights([0.08, 0.07, 0.03, 0.02, 0.8]),
];
// Home ownership by age band (<30, 30-44, 45-59, 60+); order as HOME_OWNERSHIP.
const HOME_BY_AGE: readonly Float64Array[] = [
  cumulativeWeights([0.72, 0.2, 0.08]),
  cumulativeWeights([0.42, 0.45, 0.13]),
  cumulativeWeights([0.28, 0.47, 0.25]),
  cumulativeWeights([0.2, 0.25, 0.55]),
];
const REGION_WEIGHTS = cumulativeWeights([0.22, 0.24, 0.18, 0.2, 0.16]);
// Income median (USD, before the age factor) and log-sd by employment type.
const INCOME_MEDIAN = Float64Array.of(58_000, 52_000, 45_000, 14_000, 32_000);
const INCOME_SIGMA = Float64Array.of(0.5, 0.85, 0.6, 0.7, 0.45);

// ---------------------------------------------------------------------------------------------

// ln of the income median over the 50 000 USD reference, by employment type.
const LN_INCOME_MEDIAN_RATIO = Float64Array.from(INCOME_MEDIAN, (m) => Math.log(m / 50_000));
// ln of the earnings age factor (0.65 at 18 rising linearly to 1 at 40), by age 0..80.
const LN_AGE_FACTOR = Float64Array.from({ length: 81 }, (_, age) =>
  age >= 40 ? 0 : Math.log(0.65 + (0.35 * (age - 18)) / 22),
);
// Poisson means and their e^-lambda, by credit_history_years * 10 and utilization * 1000, so the
// hot path needs no exp for the two counts.
const LINES_LAMBDA = Float64Array.from({ length: 621 }, (_, i) => Math.min(15, 1.5 + 0.03 * i));
const LINES_EXP = LINES_LAMBDA.map((l) => Math.exp(-l));
const DELINQUENCY_LAMBDA = Float64Array.from({ length: 1001 }, (_, i) => 0.05 + 0.0006 * i);
const DELINQUENCY_EXP = DELINQUENCY_LAMBDA.map((l) => Math.exp(-l));
const LN_50K = Math.log(50_000);

// This event's uniforms, one per feature (scratch space: sampling is synchronous, so one suffices);
// the features in NORMAL_FEATURES get a standard normal in place of their uniform.
const U = new Float64Array(FEATURES.length);
const NORMAL_FEATURES = Int32Array.of(AGE, INCOME, UTILIZATION, DTI, LOAN);

function sample(streams: readonly Rng[], out: Float64Array): void {
  drawUniforms(streams, U);
  normalsInPlace(U, NORMAL_FEATURES);

  // age ~ N(42, 12), reflected at 18, limited to 80.
  let age = 42 + 12 * U[AGE];
  if (age < 18) age = 36 - age;
  age = Math.round(age > 80 ? 80 : age);
  out[AGE] = age;

  const employment = pickIndex(
    U,
    EMPLOYMENT,
    EMPLOYMENT_BY_AGE[age < 25 ? 0 : age < 60 ? 1 : age < 67 ? 2 : 3],
  );
  out[EMPLOYMENT] = employment;

  // ln(income / 50000): employment median, times an age factor (earnings rise until 40, pensions
  // do not), times a log-normal spread. utilization and debt_to_income depend on it.
  const lnRatio =
    LN_INCOME_MEDIAN_RATIO[employment] +
    (employment === RETIRED ? 0 : LN_AGE_FACTOR[age]) +
    INCOME_SIGMA[employment] * U[INCOME];
  const rawIncome = Math.exp(lnRatio + LN_50K);
  const income = Math.round(rawIncome > 1_000_000 ? 1_000_000 : rawIncome);
  out[INCOME] = income;
  const lir = lnRatio < -2.5 ? -2.5 : lnRatio > 2.5 ? 2.5 : lnRatio;

  out[HOME] = pickIndex(U, HOME, HOME_BY_AGE[age < 30 ? 0 : age < 45 ? 1 : age < 60 ? 2 : 3]);
  out[REGION] = pickIndex(U, REGION, REGION_WEIGHTS);

  // First account opened with sqrt-uniform spread over the adult years: long histories dominate.
  const history10 = Math.round((age - 18) * Math.sqrt(U[HISTORY]) * 10);
  out[HISTORY] = history10 / 10;
  out[LINES] = poissonQuantile(U, LINES, LINES_LAMBDA, LINES_EXP, history10, 40);

  // Logit-normal: logit(utilization) ~ N(-1 - 0.45 lir, 1.2).
  const utilization = 1 / (1 + Math.exp(1 + 0.45 * lir - 1.2 * U[UTILIZATION]));
  const util1000 = Math.round(utilization * 1000);
  out[UTILIZATION] = util1000 / 1000;

  const dti = 0.25 * Math.exp(0.5 * U[DTI] - 0.25 * lir);
  out[DTI] = Math.round((dti > 2 ? 2 : dti) * 1000) / 1000;

  let loan = (3000 + 0.18 * income) * Math.exp(0.55 * U[LOAN]);
  loan = loan < 1000 ? 1000 : loan > 100_000 ? 100_000 : loan;
  out[LOAN] = Math.round(loan / 100) * 100;

  out[DELINQUENCIES] = poissonQuantile(U, DELINQUENCIES, DELINQUENCY_LAMBDA, DELINQUENCY_EXP, util1000, 20);
}

/** P(default within 12 months | x) = sigma(intercept + sum of b_k g_k(x)); see docs/worlds/credit.md. */
function score(x: Float64Array, c: Concept): number {
  return 1 / (1 + Math.exp(-(numericLogOdds(x, c) + categoricalLogOdds(x, c))));
}

// The log-odds are split in two so that each part stays small enough for V8 to inline.
function numericLogOdds(x: Float64Array, c: Concept): number {
  const income = x[INCOME] > 1000 ? x[INCOME] : 1000;
  const loanToIncome = x[LOAN] / income;
  return (
    c.intercept +
    c.b_debt_to_income * x[DTI] +
    c.b_income * Math.log(income / 50_000) +
    c.b_utilization * x[UTILIZATION] +
    c.b_delinquencies * x[DELINQUENCIES] +
    c.b_credit_history * 0.1 * x[HISTORY] +
    c.b_age * 0.1 * (x[AGE] - 40) +
    c.b_loan_to_income * (loanToIncome > 5 ? 5 : loanToIncome) +
    c.b_open_credit_lines * x[LINES]
  );
}

// Reference categories (salaried, own outright, north) add nothing.
function categoricalLogOdds(x: Float64Array, c: Concept): number {
  const e = x[EMPLOYMENT];
  const h = x[HOME];
  const r = x[REGION];
  return (
    (e === SELF_EMPLOYED
      ? c.b_employment_self_employed
      : e === CONTRACT
        ? c.b_employment_contract
        : e === UNEMPLOYED
          ? c.b_employment_unemployed
          : e === RETIRED
            ? c.b_employment_retired
            : 0) +
    (h === RENT ? c.b_home_rent : h === MORTGAGE ? c.b_home_mortgage : 0) +
    (r === SOUTH
      ? c.b_region_south
      : r === EAST
        ? c.b_region_east
        : r === WEST
          ? c.b_region_west
          : r === CENTRAL
            ? c.b_region_central
            : 0)
  );
}

function label(x: Float64Array, c: Concept, noise: Rng): number {
  return noise.next() < score(x, c) ? 1 : 0;
}

// The world is stateless, so every instance can share one frozen object.
const INSTANCE: WorldInstance = Object.freeze({ sample, label, score });

export const credit: World = {
  name: 'credit',
  title: 'Consumer credit default',
  description:
    'One personal-loan application per event. Age, employment, income, housing, region and credit-bureau ' +
    'attributes follow a documented generating process with realistic dependencies (income on age and ' +
    'employment, utilization and debt-to-income on income). Ground truth is a logistic model with ' +
    'documented coefficients; the label is a Bernoulli draw from it (about 14 % defaults).',
  task: 'classification',
  target: {
    name: 'default_12m',
    description: 'Whether the applicant defaulted (90+ days past due) within 12 months of the loan.',
    classes: ['repaid', 'defaulted'],
  },
  features: FEATURES,
  concept: CONCEPT,
  instantiate: () => INSTANCE,
};
