import type { FeatureRecord } from '@driftlab/contracts';
import type { Predictor } from '../models';

/*
 * "Unit tests for ML models" (Ribeiro et al., "Beyond accuracy: behavioral testing of NLP models
 * with CheckList", ACL 2020), per world, written against payload records as clients send them:
 *
 * - minimum functionality: a case whose answer is obvious must get it (a clearly risky applicant
 *   scores above a clearly safe one);
 * - directional expectation: changing one input in a known direction, all else equal, moves the
 *   score in the expected direction or leaves it (longer distance never shortens a delivery);
 * - invariance: changing something irrelevant changes nothing (an unknown extra field), or almost
 *   nothing (an attribute the ground truth ignores, to which a fitted model may give a tiny weight).
 *
 * Each test is one line built from the helpers below; see serving/docs/gates.md to add one. A test
 * must hold for every concept a scenario may switch the world to (or the gate would reject a good
 * retrain after the switch), so the tests encode what no concept changes.
 */

export type ModelTestKind = 'minimum-functionality' | 'directional' | 'invariance';

export interface ModelTestOutcome {
  readonly passed: boolean;
  /** What was compared, with the numbers; on failure the first counterexample. */
  readonly detail: string;
}

export interface ModelTest {
  readonly name: string;
  readonly kind: ModelTestKind;
  run(predictor: Predictor): ModelTestOutcome;
}

/** Slack for floating-point noise in "never lowers" and "changes nothing" comparisons. */
const EPS = 1e-12;

const fmt = (v: number): string => (Number.isFinite(v) ? String(Math.round(v * 1e4) / 1e4) : String(v));
const describe = (r: FeatureRecord): string => JSON.stringify(r);

/** A custom test: `check` returns whether it passed, or a full outcome. */
export function modelTest(
  name: string,
  kind: ModelTestKind,
  check: (predictor: Predictor) => boolean | ModelTestOutcome,
): ModelTest {
  return {
    name,
    kind,
    run(predictor) {
      const r = check(predictor);
      return typeof r === 'boolean' ? { passed: r, detail: r ? 'as expected' : 'not as expected' } : r;
    },
  };
}

/** Minimum functionality: `higher` scores strictly above `lower` (by at least `margin`). */
export function scoresAbove(
  name: string,
  higher: FeatureRecord,
  lower: FeatureRecord,
  margin = 0,
): ModelTest {
  return modelTest(name, 'minimum-functionality', (p) => {
    const hi = p.scoreRecord(higher);
    const lo = p.scoreRecord(lower);
    const passed = hi - lo > margin;
    return {
      passed,
      detail: `${fmt(hi)} vs ${fmt(lo)}: ${passed ? 'higher' : 'NOT higher'}${margin > 0 ? ` by more than ${margin}` : ''}`,
    };
  });
}

/**
 * Directional expectation: for every base record, setting `feature` to each of `values` in turn
 * (all else equal) gives scores that never go down ('non-decreasing') or never go up
 * ('non-increasing'). Values may be numbers or category names, in the order that matters.
 */
export function directional(
  name: string,
  bases: readonly FeatureRecord[],
  feature: string,
  values: readonly (number | string)[],
  direction: 'non-decreasing' | 'non-increasing',
): ModelTest {
  return modelTest(name, 'directional', (p) => {
    for (const base of bases) {
      let previous = NaN;
      for (let i = 0; i < values.length; i++) {
        const s = p.scoreRecord({ ...base, [feature]: values[i] });
        if (!Number.isFinite(s)) return { passed: false, detail: `score ${s} at ${feature} = ${values[i]}` };
        const wrong = direction === 'non-decreasing' ? s < previous - EPS : s > previous + EPS;
        if (i > 0 && wrong) {
          return {
            passed: false,
            detail:
              `${feature} ${values[i - 1]} → ${values[i]} moved the score ${fmt(previous)} → ${fmt(s)} ` +
              `(expected ${direction}) for ${describe(base)}`,
          };
        }
        previous = s;
      }
    }
    return {
      passed: true,
      detail: `${direction} in ${feature} over ${values.join(', ')} for ${bases.length} base record(s)`,
    };
  });
}

/**
 * Invariance: for every base record, each change (a partial record merged over it) moves the score
 * by at most `tolerance` (0: not at all, up to floating-point noise).
 */
export function invariant(
  name: string,
  bases: readonly FeatureRecord[],
  changes: readonly FeatureRecord[],
  tolerance = 0,
): ModelTest {
  return modelTest(name, 'invariance', (p) => {
    let worst = 0;
    for (const base of bases) {
      const s0 = p.scoreRecord(base);
      for (const change of changes) {
        const s = p.scoreRecord({ ...base, ...change });
        const d = Math.abs(s - s0);
        if (!(d <= tolerance + EPS)) {
          return {
            passed: false,
            detail: `${describe(change)} moved the score ${fmt(s0)} → ${fmt(s)} (|Δ| > ${tolerance}) for ${describe(base)}`,
          };
        }
        worst = Math.max(worst, d);
      }
    }
    return {
      passed: true,
      detail: `largest |Δ| ${fmt(worst)} ≤ ${tolerance} over ${bases.length} base record(s)`,
    };
  });
}

/** The same value of `feature` for each of `values`, as changes for `invariant`. */
export const eachValue = (feature: string, values: readonly (number | string)[]): FeatureRecord[] =>
  values.map((v) => ({ [feature]: v }));

/** Every world's payload may carry fields the schema does not know; they must change nothing. */
const unknownField = (bases: readonly FeatureRecord[]): ModelTest =>
  invariant('an unknown extra field (nickname) changes nothing', bases, [
    { nickname: 'Bobby' },
    { nickname: '' },
  ]);

// ---------------------------------------------------------------------------------------------
// Per-world suites. Base records are typical payloads; the ground truth is in simulator/src/worlds.

const CREDIT_BASES: FeatureRecord[] = [
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

const credit = (): ModelTest[] => [
  scoresAbove(
    'a clearly risky applicant scores above a clearly safe one',
    {
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
    },
    {
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
    },
  ),
  directional(
    'raising debt_to_income never lowers P(default)',
    CREDIT_BASES,
    'debt_to_income',
    [0, 0.1, 0.25, 0.5, 1, 2],
    'non-decreasing',
  ),
  directional(
    'raising annual_income never raises P(default)',
    CREDIT_BASES,
    'annual_income',
    [10_000, 30_000, 60_000, 120_000, 300_000],
    'non-increasing',
  ),
  directional(
    'more delinquencies never lower P(default)',
    CREDIT_BASES,
    'delinquencies_2y',
    [0, 1, 3, 8],
    'non-decreasing',
  ),
  // No region invariance: region carries real (small) coefficients in the ground truth.
  unknownField(CREDIT_BASES),
];

const FRAUD_BASES: FeatureRecord[] = [
  {
    amount: 40,
    hour_of_day: 13,
    merchant_category: 'grocery',
    channel: 'contactless',
    card_present: 'yes',
    distance_from_home_km: 3,
    country_mismatch: 'no',
    seconds_since_last_txn: 14_400,
    txn_count_24h: 2,
    account_age_days: 1500,
  },
  {
    amount: 300,
    hour_of_day: 20,
    merchant_category: 'electronics',
    channel: 'online',
    card_present: 'no',
    distance_from_home_km: 30,
    country_mismatch: 'no',
    seconds_since_last_txn: 3600,
    txn_count_24h: 3,
    account_age_days: 400,
  },
];

const fraud = (): ModelTest[] => [
  scoresAbove(
    'a textbook fraud pattern scores above an everyday grocery purchase',
    {
      amount: 2500,
      hour_of_day: 3,
      merchant_category: 'online_gaming',
      channel: 'online',
      card_present: 'no',
      distance_from_home_km: 5000,
      country_mismatch: 'yes',
      seconds_since_last_txn: 20,
      txn_count_24h: 15,
      account_age_days: 5,
    },
    FRAUD_BASES[0],
  ),
  directional(
    'a country mismatch never lowers P(fraud)',
    FRAUD_BASES,
    'country_mismatch',
    ['no', 'yes'],
    'non-decreasing',
  ),
  directional(
    'more transactions in 24 h never lower P(fraud)',
    FRAUD_BASES,
    'txn_count_24h',
    [0, 2, 5, 10, 30],
    'non-decreasing',
  ),
  unknownField(FRAUD_BASES),
];

const DELIVERY_BASES: FeatureRecord[] = [
  {
    distance_km: 3,
    hour_of_day: 12,
    day_of_week: 'wed',
    weather: 'clear',
    zone: 'suburb',
    vehicle: 'scooter',
    courier_load: 1.2,
    restaurant_prep_min: 12,
    order_items: 2,
  },
  {
    distance_km: 6,
    hour_of_day: 19,
    day_of_week: 'sat',
    weather: 'rain',
    zone: 'outskirts',
    vehicle: 'car',
    courier_load: 2,
    restaurant_prep_min: 20,
    order_items: 4,
  },
];

const delivery = (): ModelTest[] => [
  scoresAbove(
    'a long, slow, busy order takes longer than a short, easy one',
    {
      distance_km: 15,
      hour_of_day: 18,
      day_of_week: 'fri',
      weather: 'snow',
      zone: 'outskirts',
      vehicle: 'bike',
      courier_load: 4,
      restaurant_prep_min: 40,
      order_items: 8,
    },
    {
      distance_km: 0.8,
      hour_of_day: 15,
      day_of_week: 'tue',
      weather: 'clear',
      zone: 'downtown',
      vehicle: 'car',
      courier_load: 0.5,
      restaurant_prep_min: 5,
      order_items: 1,
    },
  ),
  directional(
    'a longer distance_km never shortens the predicted minutes',
    DELIVERY_BASES,
    'distance_km',
    [0.5, 1, 2, 5, 10, 20],
    'non-decreasing',
  ),
  directional(
    'a longer restaurant_prep_min never shortens the predicted minutes',
    DELIVERY_BASES,
    'restaurant_prep_min',
    [3, 10, 20, 40],
    'non-decreasing',
  ),
  unknownField(DELIVERY_BASES),
];

const SEA_BASES: FeatureRecord[] = [
  { f1: 2, f2: 3, f3: 5 },
  { f1: 6, f2: 1, f3: 1 },
  { f1: 5, f2: 5, f3: 9 },
  { f1: 4, f2: 4, f3: 2 },
];
const SEA_GRID = [0, 2.5, 5, 7.5, 10];

const sea = (): ModelTest[] => [
  // Class 1 iff f1 + f2 <= θ, for every θ the paper uses (7 to 9.5).
  scoresAbove('a small f1 + f2 scores above a large one', { f1: 1, f2: 1, f3: 5 }, { f1: 9, f2: 9, f3: 5 }),
  directional('raising f1 never raises P(class 1)', SEA_BASES, 'f1', SEA_GRID, 'non-increasing'),
  directional('raising f2 never raises P(class 1)', SEA_BASES, 'f2', SEA_GRID, 'non-increasing'),
  // f3 is irrelevant by construction, but a fitted model gives it a small weight by chance, which
  // moves scores most near the boundary: over 20 seeds the largest |Δ| was 0.08 with 2,000 training
  // rows, 0.06 with 5,000 and 0.03 with 20,000, hence 0.1. A model that really uses f3 moves by ~0.9.
  invariant('f3 is irrelevant (|Δ| ≤ 0.1)', SEA_BASES, eachValue('f3', SEA_GRID), 0.1),
  unknownField(SEA_BASES),
];

const STAGGER_OBJECTS: FeatureRecord[] = [];
for (const size of ['small', 'medium', 'large'])
  for (const color of ['red', 'green', 'blue'])
    for (const shape of ['circle', 'square', 'triangle']) STAGGER_OBJECTS.push({ size, color, shape });

const stagger = (): ModelTest[] => [
  // The three concepts disagree on every object pair (no object is positive under all three), so
  // the only concept-free minimum functionality is that the model tells some objects apart.
  modelTest('scores spread at least 0.3 over the 27 objects', 'minimum-functionality', (p) => {
    const scores = STAGGER_OBJECTS.map((o) => p.scoreRecord(o));
    const spread = Math.max(...scores) - Math.min(...scores);
    return { passed: spread >= 0.3, detail: `max − min score ${fmt(spread)} (need ≥ 0.3)` };
  }),
  unknownField(STAGGER_OBJECTS),
];

const HYPERPLANE_BASES: FeatureRecord[] = [
  Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`x${i + 1}`, 0.5])),
  Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`x${i + 1}`, (i % 3) / 2])),
];
const corner = (v: number): FeatureRecord =>
  Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`x${i + 1}`, v]));

const hyperplane = (): ModelTest[] => [
  // Class 1 iff Σ wᵢxᵢ ≥ ½ Σ wᵢ: the all-ones corner is on it whenever Σ wᵢ > 0, which drift of the
  // first two of ten weights, starting uniform on [0, 1], does not undo at lab magnitudes.
  scoresAbove('the all-ones corner scores above the all-zeros corner', corner(1), corner(0)),
  unknownField(HYPERPLANE_BASES),
];

const AGRAWAL_BASES: FeatureRecord[] = [
  {
    salary: 60_000,
    commission: 20_000,
    age: 30,
    elevel: 'level1',
    car: 'car3',
    zipcode: 'zip2',
    hvalue: 200_000,
    hyears: 10,
    loan: 150_000,
  },
  {
    salary: 110_000,
    commission: 0,
    age: 50,
    elevel: 'level3',
    car: 'car15',
    zipcode: 'zip7',
    hvalue: 700_000,
    hyears: 25,
    loan: 400_000,
  },
];
const AGRAWAL_EDGES: FeatureRecord[] = [
  { ...AGRAWAL_BASES[0], salary: 20_000, commission: 75_000, age: 20, loan: 0, hvalue: 50_000, hyears: 1 },
  {
    ...AGRAWAL_BASES[1],
    salary: 150_000,
    commission: 0,
    age: 80,
    loan: 500_000,
    hvalue: 1_350_000,
    hyears: 30,
  },
];

const agrawal = (): ModelTest[] => [
  // Deliberately weak: the default function 1 (age < 40 or age >= 60) is not monotone in anything,
  // so a linear model cannot learn it and no "obvious" pair holds for all ten functions. This
  // only catches a broken model (NaN, infinity, a score outside [0, 1]).
  modelTest('edge applicants get a finite probability', 'minimum-functionality', (p) => {
    for (const r of [...AGRAWAL_BASES, ...AGRAWAL_EDGES]) {
      const s = p.scoreRecord(r);
      if (!(s >= 0 && s <= 1)) return { passed: false, detail: `score ${s} for ${describe(r)}` };
    }
    return { passed: true, detail: `${AGRAWAL_BASES.length + AGRAWAL_EDGES.length} scores in [0, 1]` };
  }),
  // No classification function uses the car, but 20 makes give 19 one-hot weights, each fitted on
  // a twentieth of the rows: the largest |Δ| by chance reached 0.19 with 2,000 training rows, 0.14
  // with 5,000 and 0.07 with 20,000 (20 seeds each), hence 0.25.
  invariant(
    'the car make is irrelevant (|Δ| ≤ 0.25)',
    AGRAWAL_BASES,
    eachValue(
      'car',
      Array.from({ length: 20 }, (_, i) => `car${i + 1}`),
    ),
    0.25,
  ),
  unknownField(AGRAWAL_BASES),
];

/** World name → its suite. Add a world here; add a test to a world's list above. */
const SUITES: Readonly<Record<string, () => ModelTest[]>> = {
  credit,
  fraud,
  delivery,
  sea,
  stagger,
  hyperplane,
  agrawal,
};

/** The model tests of a world's model; empty for a world without a suite. */
export function modelTests(worldName: string): ModelTest[] {
  const suite = Object.prototype.hasOwnProperty.call(SUITES, worldName) ? SUITES[worldName] : undefined;
  return suite ? suite() : [];
}

/** Worlds that have a suite. */
export function worldsWithModelTests(): string[] {
  return Object.keys(SUITES);
}
