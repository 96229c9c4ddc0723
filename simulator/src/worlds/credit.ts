import { cumulativeWeights, type Rng } from '../random/rng';
import type { Concept, ConceptParameter, FeatureSpec, World, WorldInstance } from './types';

/*
 * Consumer credit: one loan application per event, labelled "defaulted within 12 months".
 *
 * Features are generated in vector order; a feature may read the *values* of earlier features
 * (income depends on age and employment), but it draws randomness only from its own stream and
 * always makes the same calls on it, so the n-th value of a stream belongs to the n-th event.
 * The full process, with every constant below, is documented in docs/worlds/credit.md.
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

/** Inverse-CDF Poisson from one uniform, so a count always costs exactly one draw. */
function poisson(u: number, lambda: number, max: number): number {
  let p = Math.exp(-lambda);
  let cdf = p;
  let k = 0;
  while (u >= cdf && k < max) {
    k++;
    p *= lambda / k;
    cdf += p;
  }
  return k;
}

/** ln(income / 50000), limited to [-2.5, 2.5] so extreme incomes do not dominate. */
function logIncomeRatio(income: number): number {
  const r = Math.log((income > 1000 ? income : 1000) / 50_000);
  return r < -2.5 ? -2.5 : r > 2.5 ? 2.5 : r;
}

function sample(streams: readonly Rng[], out: Float64Array): void {
  // age ~ N(42, 12), reflected at 18, limited to 80.
  let age = 42 + 12 * streams[AGE].normal();
  if (age < 18) age = 36 - age;
  age = Math.round(age > 80 ? 80 : age);
  out[AGE] = age;

  const employment = streams[EMPLOYMENT].pickCumulative(
    EMPLOYMENT_BY_AGE[age < 25 ? 0 : age < 60 ? 1 : age < 67 ? 2 : 3],
  );
  out[EMPLOYMENT] = employment;

  // Earnings rise until 40 except for pensions.
  const ageFactor = employment === RETIRED ? 1 : age >= 40 ? 1 : 0.65 + (0.35 * (age - 18)) / 22;
  let income = INCOME_MEDIAN[employment] * ageFactor * Math.exp(INCOME_SIGMA[employment] * streams[INCOME].normal());
  income = Math.round(income > 1_000_000 ? 1_000_000 : income);
  out[INCOME] = income;
  const lir = logIncomeRatio(income);

  out[HOME] = streams[HOME].pickCumulative(HOME_BY_AGE[age < 30 ? 0 : age < 45 ? 1 : age < 60 ? 2 : 3]);
  out[REGION] = streams[REGION].pickCumulative(REGION_WEIGHTS);

  // A first account opened uniformly-in-sqrt over the adult years, so long histories dominate.
  const history = Math.round((age - 18) * Math.sqrt(streams[HISTORY].next()) * 10) / 10;
  out[HISTORY] = history;

  const lambdaLines = 1.5 + 0.3 * history;
  out[LINES] = poisson(streams[LINES].next(), lambdaLines > 15 ? 15 : lambdaLines, 40);

  const utilization = 1 / (1 + Math.exp(1 + 0.45 * lir - 1.2 * streams[UTILIZATION].normal()));
  out[UTILIZATION] = Math.round(utilization * 1000) / 1000;

  const dti = 0.25 * Math.exp(-0.25 * lir + 0.5 * streams[DTI].normal());
  out[DTI] = Math.round((dti > 2 ? 2 : dti) * 1000) / 1000;

  let loan = (3000 + 0.18 * income) * Math.exp(0.55 * streams[LOAN].normal());
  loan = loan < 1000 ? 1000 : loan > 100_000 ? 100_000 : loan;
  out[LOAN] = Math.round(loan / 100) * 100;

  out[DELINQUENCIES] = poisson(streams[DELINQUENCIES].next(), 0.05 + 0.6 * out[UTILIZATION], 20);
}

/** P(default within 12 months | x) = sigma(intercept + sum of b_k g_k(x)); see docs/worlds/credit.md. */
function score(x: Float64Array, c: Concept): number {
  const income = x[INCOME] > 1000 ? x[INCOME] : 1000;
  const loanToIncome = x[LOAN] / income;
  let z =
    c.intercept +
    c.b_debt_to_income * x[DTI] +
    c.b_income * Math.log(income / 50_000) +
    c.b_utilization * x[UTILIZATION] +
    c.b_delinquencies * x[DELINQUENCIES] +
    c.b_credit_history * 0.1 * x[HISTORY] +
    c.b_age * 0.1 * (x[AGE] - 40) +
    c.b_loan_to_income * (loanToIncome > 5 ? 5 : loanToIncome) +
    c.b_open_credit_lines * x[LINES];
  // Reference categories (salaried, own, north) add nothing.
  switch (x[EMPLOYMENT]) {
    case SELF_EMPLOYED:
      z += c.b_employment_self_employed;
      break;
    case CONTRACT:
      z += c.b_employment_contract;
      break;
    case UNEMPLOYED:
      z += c.b_employment_unemployed;
      break;
    case RETIRED:
      z += c.b_employment_retired;
      break;
  }
  switch (x[HOME]) {
    case 0:
      z += c.b_home_rent;
      break;
    case 1:
      z += c.b_home_mortgage;
      break;
  }
  switch (x[REGION]) {
    case 1:
      z += c.b_region_south;
      break;
    case 2:
      z += c.b_region_east;
      break;
    case 3:
      z += c.b_region_west;
      break;
    case 4:
      z += c.b_region_central;
      break;
  }
  return 1 / (1 + Math.exp(-z));
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
