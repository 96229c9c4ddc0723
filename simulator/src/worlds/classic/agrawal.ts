import type { Concept, World, WorldInstance } from '../types';
import type { Rng } from '../../random/rng';
import {
  AGE_MAX,
  AGE_MIN,
  COMMISSION_MAX,
  HVALUE_UNIT,
  HYEARS_MAX,
  HYEARS_MIN,
  LOAN_MAX,
  SALARY_MAX,
  SALARY_MIN,
  sampleApplicant,
} from './agrawal-attributes';
import { exactLabel } from './agrawal-functions';
import { perturbedLabel, perturbedScore } from './agrawal-perturbation';

function instantiate(): WorldInstance {
  // Scratch for the perturbation bounds, reused by every label and score.
  const bounds = new Float64Array(12);
  return {
    sample: sampleApplicant,
    label(x: Float64Array, concept: Concept, noise: Rng): number {
      const p = concept.perturbation;
      return p > 0 ? perturbedLabel(concept.function, x, p, bounds, noise) : exactLabel(concept.function, x);
    },
    score(x: Float64Array, concept: Concept): number {
      const p = concept.perturbation;
      return p > 0 ? perturbedScore(concept.function, x, p, bounds) : exactLabel(concept.function, x);
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
