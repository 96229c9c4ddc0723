import type { FeatureRecord } from '@driftlab/contracts';
import { scoresAbove, worldSuite, type ModelTest } from '../model-test-kit';

// The ground truth is in simulator/src/worlds/credit.ts.
const BASES: FeatureRecord[] = [
  {
    age: 35,
    employment_type: 'salaried',
    annual_income: 55_000,
    home_ownership: 'mortgage',
    region: 'north',
    credit_history_years: 10,
    open_credit_lines: 5,
    utilization: 0.3,
    debt_to_income: 0.25,
    loan_amount: 12_000,
    delinquencies_2y: 0,
  },
  {
    age: 52,
    employment_type: 'self_employed',
    annual_income: 90_000,
    home_ownership: 'rent',
    region: 'south',
    credit_history_years: 25,
    open_credit_lines: 9,
    utilization: 0.6,
    debt_to_income: 0.4,
    loan_amount: 25_000,
    delinquencies_2y: 1,
  },
];

const RISKY: FeatureRecord = {
  age: 23,
  employment_type: 'unemployed',
  annual_income: 9_000,
  home_ownership: 'rent',
  region: 'south',
  credit_history_years: 1,
  open_credit_lines: 3,
  utilization: 0.95,
  debt_to_income: 1.2,
  loan_amount: 30_000,
  delinquencies_2y: 6,
};

const SAFE: FeatureRecord = {
  age: 55,
  employment_type: 'salaried',
  annual_income: 120_000,
  home_ownership: 'own',
  region: 'north',
  credit_history_years: 30,
  open_credit_lines: 4,
  utilization: 0.05,
  debt_to_income: 0.05,
  loan_amount: 5_000,
  delinquencies_2y: 0,
};

export const credit = (): ModelTest[] =>
  worldSuite({
    bases: BASES,
    minimumFunctionality: [
      scoresAbove('a clearly risky applicant scores above a clearly safe one', RISKY, SAFE),
    ],
    directional: [
      {
        name: 'raising debt_to_income never lowers P(default)',
        feature: 'debt_to_income',
        values: [0, 0.1, 0.25, 0.5, 1, 2],
        direction: 'non-decreasing',
      },
      {
        name: 'raising annual_income never raises P(default)',
        feature: 'annual_income',
        values: [10_000, 30_000, 60_000, 120_000, 300_000],
        direction: 'non-increasing',
      },
      {
        name: 'more delinquencies never lower P(default)',
        feature: 'delinquencies_2y',
        values: [0, 1, 3, 8],
        direction: 'non-decreasing',
      },
    ],
    // No region invariance: region carries real (small) coefficients in the ground truth.
  });
