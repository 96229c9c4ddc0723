import { Rng } from '../../random/rng';
import { defaultConcept, type CategoricalFeature, type NumericFeature } from '../types';
import { agrawal } from './agrawal';

interface Applicant {
  salary: number;
  commission: number;
  age: number;
  elevel: number;
  /** 1..20 */
  car: number;
  /** 1..9; hvalue is in [zipcode × 50,000, zipcode × 150,000] */
  zipcode: number;
  hvalue: number;
  hyears: number;
  loan: number;
}

/** A mid-range applicant; each test overrides the attributes its function reads. */
const BASE: Applicant = {
  salary: 100_000,
  commission: 0,
  age: 50,
  elevel: 2,
  car: 1,
  zipcode: 5,
  hvalue: 500_000,
  hyears: 10,
  loan: 250_000,
};

function record(overrides: Partial<Applicant>): Float64Array {
  const a = { ...BASE, ...overrides };
  return Float64Array.of(
    a.salary,
    a.commission,
    a.age,
    a.elevel,
    a.car - 1,
    a.zipcode - 1,
    a.hvalue,
    a.hyears,
    a.loan,
  );
}

function streamsFor(seed: number | string): Rng[] {
  const root = Rng.root(seed).fork('features');
  return agrawal.features.map((f) => root.fork(f.name));
}

function draw(seed: number | string, n: number): Float64Array[] {
  const inst = agrawal.instantiate(Rng.root(seed).fork('world'));
  const streams = streamsFor(seed);
  const out: Float64Array[] = [];
  for (let i = 0; i < n; i++) {
    const x = new Float64Array(9);
    inst.sample(streams, x);
    out.push(x);
  }
  return out;
}

function tol(p: number, n: number): number {
  return 4 * Math.sqrt((p * (1 - p)) / n);
}

const inst = agrawal.instantiate(Rng.root(0));
const noise = Rng.root(0).fork('noise');
/** Group A (1) or B (0) under function `fn` without perturbation. */
const group = (fn: number, a: Partial<Applicant>) =>
  inst.label(record(a), { function: fn, perturbation: 0 }, noise);

describe('agrawal world: definition', () => {
  it('has the nine attributes of the paper with their ranges and units', () => {
    expect(agrawal.name).toBe('agrawal');
    expect(agrawal.features.map((f) => f.name)).toEqual([
      'salary',
      'commission',
      'age',
      'elevel',
      'car',
      'zipcode',
      'hvalue',
      'hyears',
      'loan',
    ]);
    const numeric = (name: string) => agrawal.features.find((f) => f.name === name) as NumericFeature;
    expect(numeric('salary')).toMatchObject({ min: 20_000, max: 150_000, unit: 'USD', decimals: 0 });
    expect(numeric('commission')).toMatchObject({ min: 0, max: 75_000, unit: 'USD', decimals: 0 });
    expect(numeric('age')).toMatchObject({ min: 20, max: 80, unit: 'years', decimals: 0 });
    expect(numeric('hvalue')).toMatchObject({ min: 50_000, max: 1_350_000, unit: 'USD', decimals: 0 });
    expect(numeric('hyears')).toMatchObject({ min: 1, max: 30, unit: 'years', decimals: 0 });
    expect(numeric('loan')).toMatchObject({ min: 0, max: 500_000, unit: 'USD', decimals: 0 });
    const categorical = (name: string) => agrawal.features.find((f) => f.name === name) as CategoricalFeature;
    expect(categorical('elevel').categories).toEqual(['level0', 'level1', 'level2', 'level3', 'level4']);
    expect(categorical('car').categories).toHaveLength(20);
    expect(categorical('car').categories[19]).toBe('car20');
    expect(categorical('zipcode').categories).toHaveLength(9);
    expect(categorical('zipcode').categories[0]).toBe('zip1');
    expect(defaultConcept(agrawal)).toEqual({ function: 1, perturbation: 0.05 });
    expect(agrawal.concept.function).toMatchObject({ discrete: true, min: 1, max: 10 });
    expect(agrawal.description).toMatch(/Agrawal, Imielinski & Swami/);
  });
});

describe('agrawal world: classification functions 1-10 (hand-checked, no perturbation)', () => {
  it('function 1: Group A iff age < 40 or age >= 60', () => {
    expect(group(1, { age: 30 })).toBe(1); // 30 < 40
    expect(group(1, { age: 60 })).toBe(1); // 60 <= 60
    expect(group(1, { age: 50 })).toBe(0); // 40 <= 50 < 60
    expect(group(1, { age: 40 })).toBe(0); // 40 is not < 40
  });

  it('function 2: salary band by age', () => {
    expect(group(2, { age: 30, salary: 60_000 })).toBe(1); // age < 40, 50K <= 60K <= 100K
    expect(group(2, { age: 30, salary: 110_000 })).toBe(0); // 110K > 100K
    expect(group(2, { age: 45, salary: 120_000 })).toBe(1); // 40..59: 75K <= 120K <= 125K
    expect(group(2, { age: 65, salary: 80_000 })).toBe(0); // >= 60: needs 25K..75K
  });

  it('function 3: education level by age', () => {
    expect(group(3, { age: 30, elevel: 1 })).toBe(1); // age < 40, elevel ∈ [0..1]
    expect(group(3, { age: 30, elevel: 2 })).toBe(0); // 2 ∉ [0..1]
    expect(group(3, { age: 50, elevel: 3 })).toBe(1); // 40..59, elevel ∈ [1..3]
    expect(group(3, { age: 70, elevel: 1 })).toBe(0); // >= 60 needs elevel ∈ [2..4]
  });

  it('function 4: salary band by age and education level', () => {
    expect(group(4, { age: 30, elevel: 0, salary: 30_000, commission: 20_000 })).toBe(1); // [0..1] → 25K..75K
    expect(group(4, { age: 30, elevel: 3, salary: 30_000, commission: 20_000 })).toBe(0); // else → 50K..100K
    expect(group(4, { age: 50, elevel: 4, salary: 110_000 })).toBe(1); // 4 ∉ [1..3] → 75K..125K
    expect(group(4, { age: 70, elevel: 1, salary: 60_000, commission: 20_000 })).toBe(1); // 1 ∉ [2..4] → 25K..75K
    expect(group(4, { age: 70, elevel: 2, salary: 30_000, commission: 20_000 })).toBe(0); // [2..4] → 50K..100K
  });

  it('function 5: loan band by age and salary (loan ranges, never salary, in the inner test)', () => {
    expect(group(5, { age: 30, salary: 70_000, commission: 20_000, loan: 150_000 })).toBe(1); // 50K..100K → 100K..300K
    // Salary outside 50K..100K → loan 200K..400K; MOA agrees, river/scikit-multiflow test salary ∈ 200K..400K (never).
    expect(group(5, { age: 30, salary: 120_000, loan: 300_000 })).toBe(1);
    expect(group(5, { age: 30, salary: 120_000, loan: 150_000 })).toBe(0); // 150K ∉ 200K..400K
    expect(group(5, { age: 50, salary: 100_000, loan: 250_000 })).toBe(1); // 75K..125K → 200K..400K
    expect(group(5, { age: 50, salary: 40_000, commission: 20_000, loan: 450_000 })).toBe(1); // else → 300K..500K
    expect(group(5, { age: 65, salary: 30_000, commission: 20_000, loan: 350_000 })).toBe(1); // 25K..75K → 300K..500K
    // Salary outside 25K..75K → loan 100K..300K (river uses 75K..300K and would say Group A).
    expect(group(5, { age: 65, salary: 100_000, loan: 80_000 })).toBe(0);
  });

  it('function 6: function 2 applied to salary + commission', () => {
    const a = { age: 30, salary: 40_000, commission: 20_000 };
    expect(group(6, a)).toBe(1); // 40K + 20K = 60K ∈ 50K..100K
    expect(group(2, a)).toBe(0); // salary alone (40K) is outside 50K..100K
    expect(group(6, { age: 50, salary: 130_000, commission: 0 })).toBe(0); // 130K > 125K
    expect(group(6, { age: 65, salary: 30_000, commission: 50_000 })).toBe(0); // 80K > 75K
    expect(group(6, { age: 65, salary: 20_000, commission: 10_000 })).toBe(1); // 30K ∈ 25K..75K
  });

  it('function 7: 0.67 × (salary + commission) − 0.2 × loan − 20K > 0', () => {
    // 0.67 × 90,000 = 60,300; − 0.2 × 100,000 = 40,300; − 20,000 = 20,300 > 0
    expect(group(7, { salary: 90_000, commission: 0, loan: 100_000 })).toBe(1);
    // 0.67 × 50,000 = 33,500; − 40,000 − 20,000 = −26,500
    expect(group(7, { salary: 30_000, commission: 20_000, loan: 200_000 })).toBe(0);
    // 0.67 × 100,000 = 67,000; − 0.2 × 235,000 = 20,000; − 20,000 = 0, which is not > 0
    expect(group(7, { salary: 100_000, commission: 0, loan: 235_000 })).toBe(0);
    // loan 234,995: 67,000 − 46,999 − 20,000 = 1 > 0
    expect(group(7, { salary: 100_000, commission: 0, loan: 234_995 })).toBe(1);
  });

  it('function 8: 0.67 × (salary + commission) − 5000 × elevel − 20K > 0 (0.67 as in the paper, not 2/3)', () => {
    // 0.67 × 60,000 = 40,200; − 5000 × 4 = 20,200; − 20,000 = 200 > 0 (with 2/3: 40,000 − 40,000 = 0, Group B)
    expect(group(8, { salary: 50_000, commission: 10_000, elevel: 4 })).toBe(1);
    // 0.67 × 55,000 = 36,850; − 20,000 − 20,000 = −3,150
    expect(group(8, { salary: 45_000, commission: 10_000, elevel: 4 })).toBe(0);
    // 0.67 × 140,000 = 93,800; − 0 − 20,000 = 73,800
    expect(group(8, { salary: 140_000, commission: 0, elevel: 0 })).toBe(1);
  });

  it('function 9: 0.67 × (salary + commission) − 5000 × elevel − 0.2 × loan − 10K > 0', () => {
    // 67,000 − 10,000 − 20,000 − 10,000 = 27,000
    expect(group(9, { salary: 100_000, commission: 0, elevel: 2, loan: 100_000 })).toBe(1);
    // 0.67 × 75,000 = 50,250; − 15,000 − 30,000 − 10,000 = −4,750
    expect(group(9, { salary: 60_000, commission: 15_000, elevel: 3, loan: 150_000 })).toBe(0);
  });

  it('function 10: disposable income with equity = 0.1 × hvalue × max(hyears − 20, 0)', () => {
    const a = { salary: 30_000, commission: 10_000, elevel: 4, zipcode: 5, hvalue: 500_000 };
    // equity = 0.1 × 500,000 × 5 = 250,000; 0.67 × 40,000 = 26,800; − 20,000 + 0.2 × 250,000 − 10,000 = 46,800
    expect(group(10, { ...a, hyears: 25 })).toBe(1);
    // hyears 15 or 20: equity 0; 26,800 − 20,000 − 10,000 = −3,200
    expect(group(10, { ...a, hyears: 15 })).toBe(0);
    expect(group(10, { ...a, hyears: 20 })).toBe(0);
    // hyears 21: equity = 50,000, + 10,000: 26,800 − 20,000 + 10,000 − 10,000 = 6,800
    expect(group(10, { ...a, hyears: 21 })).toBe(1);
  });

  it('scores 1 or 0 without perturbation', () => {
    expect(inst.score!(record({ age: 30 }), { function: 1, perturbation: 0 })).toBe(1);
    expect(inst.score!(record({ age: 50 }), { function: 1, perturbation: 0 })).toBe(0);
  });

  it('rejects a function outside 1..10 with a message naming the parameter', () => {
    expect(() => group(11, {})).toThrow(/'function'.*1 to 10/);
    expect(() => inst.score!(record({}), { function: 0, perturbation: 0.05 })).toThrow(/'function'/);
  });
});

describe('agrawal world: generated data (Table 2 distributions)', () => {
  const n = 60_000;
  const xs = draw('agrawal', n);
  const column = (j: number) => xs.map((x) => x[j]);
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const countIf = (v: number[], f: (x: number) => boolean) => v.reduce((a, x) => a + (f(x) ? 1 : 0), 0);

  it('generates whole numbers within every feature range', () => {
    agrawal.features.forEach((f, j) => {
      const lo = f.kind === 'numeric' ? f.min : 0;
      const hi = f.kind === 'numeric' ? f.max : f.categories.length - 1;
      expect(countIf(column(j), (v) => !Number.isInteger(v) || v < lo || v > hi)).toBe(0);
    });
  });

  it('salary is uniform on 20,000..150,000', () => {
    // sd of U[20K, 150K] = 130,000 / sqrt(12)
    expect(Math.abs(mean(column(0)) - 85_000)).toBeLessThan((4 * 130_000) / Math.sqrt(12 * n));
  });

  it('commission is 0 iff salary >= 75,000, otherwise uniform on 10,000..75,000', () => {
    expect(xs.filter((x) => x[0] >= 75_000 !== (x[1] === 0)).length).toBe(0);
    // P(salary >= 75K) = 75,000 / 130,000
    const pZero = 75 / 130;
    expect(Math.abs(countIf(column(1), (v) => v === 0) / n - pZero)).toBeLessThan(tol(pZero, n));
    const paid = column(1).filter((v) => v > 0);
    expect(Math.min(...paid)).toBeGreaterThanOrEqual(10_000);
    expect(Math.abs(mean(paid) - 42_500)).toBeLessThan((4 * 65_000) / Math.sqrt(12 * paid.length));
  });

  it('age is a whole number uniform on 20..80', () => {
    const ages = column(2);
    expect(new Set(ages).size).toBe(61);
    // discrete uniform on 61 values: variance (61² − 1) / 12
    expect(Math.abs(mean(ages) - 50)).toBeLessThan(4 * Math.sqrt((61 * 61 - 1) / 12 / n));
  });

  it.each([
    [3, 5],
    [4, 20],
    [5, 9],
  ])('categorical feature %p is uniform over its %p categories', (j, k) => {
    const v = column(j);
    for (let c = 0; c < k; c++) {
      expect(Math.abs(countIf(v, (x) => x === c) / n - 1 / k)).toBeLessThan(tol(1 / k, n));
    }
  });

  it('hvalue is uniform on [N × 50,000, N × 150,000] for zip code zipN', () => {
    expect(xs.filter((x) => x[6] < (x[5] + 1) * 50_000 || x[6] > (x[5] + 1) * 150_000).length).toBe(0);
    for (const zipIndex of [0, 4, 8]) {
      const k = zipIndex + 1;
      const values = xs.filter((x) => x[5] === zipIndex).map((x) => x[6]);
      // U[k × 50K, k × 150K]: mean k × 100K, sd k × 100,000 / sqrt(12)
      expect(Math.abs(mean(values) - k * 100_000)).toBeLessThan(
        (4 * k * 100_000) / Math.sqrt(12 * values.length),
      );
    }
  });

  it('hyears is a whole number uniform on 1..30 and loan is uniform on 0..500,000', () => {
    expect(new Set(column(7)).size).toBe(30);
    expect(Math.abs(mean(column(7)) - 15.5)).toBeLessThan(4 * Math.sqrt((30 * 30 - 1) / 12 / n));
    expect(Math.abs(mean(column(8)) - 250_000)).toBeLessThan((4 * 500_000) / Math.sqrt(12 * n));
  });

  it.each([
    // f1: ages 20..39 (20 values) and 60..80 (21 values) of 61
    [1, 41 / 61],
    // f2: each age band's salary interval is 50K wide out of 130K
    [2, 50 / 130],
    // f3: (20 × 2/5 + 20 × 3/5 + 21 × 3/5) / 61
    [3, 32.6 / 61],
  ])('function %p puts a fraction %p of applicants in Group A', (fn, expected) => {
    const rate = mean(xs.map((x) => inst.label(x, { function: fn, perturbation: 0 }, noise)));
    expect(Math.abs(rate - expected)).toBeLessThan(tol(expected, n));
  });

  it('is deterministic for a seed, differs between seeds, and draws each feature from its own stream', () => {
    expect(draw('agrawal', 500)).toEqual(xs.slice(0, 500));
    expect(draw('other', 500)).not.toEqual(xs.slice(0, 500));
    // Replacing the car stream changes car only.
    const streams = streamsFor('agrawal');
    streams[4] = Rng.root('another car stream');
    const x = new Float64Array(9);
    let otherChanged = 0;
    let carChanged = 0;
    for (let i = 0; i < 500; i++) {
      inst.sample(streams, x);
      for (let j = 0; j < 9; j++) if (j !== 4 && x[j] !== xs[i][j]) otherChanged++;
      if (x[4] !== xs[i][4]) carChanged++;
    }
    expect(otherChanged).toBe(0);
    expect(carChanged).toBeGreaterThan(400);
  });
});

describe('agrawal world: perturbation factor', () => {
  const p = 0.05;

  it('gives hand-computed probabilities near a boundary', () => {
    // f1, age 40, p = 0.05: the unperturbed age is within ±0.05 × 60 / 2 = ±1.5, i.e. uniform on
    // [38.5, 41.5] before rounding; it is < 40 (rounds to <= 39) for [38.5, 39.5): probability 1/3.
    expect(inst.score!(record({ age: 40 }), { function: 1, perturbation: p })).toBeCloseTo(1 / 3, 12);
    // f2, age 30 (stays < 40), salary 100,000: salary ±0.05 × 130,000 / 2 = ±3,250, kept >= 75,000
    // as commission is 0; P(salary <= 100,000) = 3,250 / 6,500 = 0.5.
    expect(inst.score!(record({ age: 30, salary: 100_000 }), { function: 2, perturbation: p })).toBeCloseTo(
      0.5,
      12,
    );
    // f8, salary 50,000 (±3,250 → [46,750, 53,250]), commission 10,000 (±1,625, cut at 10,000 → [10,000, 11,625]),
    // elevel 4: Group A iff 0.67 (S + C) > 40,000 ⇔ S + C > 59,701.49. S + C − 56,750 = s is the sum of
    // U[0, 6,500] and U[0, 1,625]; P(s <= 2,951.49) = (2,951.49 − 1,625 / 2) / 6,500 = 0.329076.
    // f2, age 70 (stays >= 60, band 25K..75K): a salary that earned commission was below 75,000, so
    // salary 74,000 with commission is certainly in the band; salary 76,000 without commission never is
    // (without that cut, [70,750, 77,250] and [72,750, 79,250] would give 4,250 / 6,500 and 2,250 / 6,500).
    expect(
      inst.score!(record({ age: 70, salary: 74_000, commission: 20_000 }), { function: 2, perturbation: p }),
    ).toBe(1);
    expect(
      inst.score!(record({ age: 70, salary: 76_000, commission: 0 }), { function: 2, perturbation: p }),
    ).toBe(0);
    const t = 4_000_000 / 67 - 56_750;
    expect(
      inst.score!(record({ salary: 50_000, commission: 10_000, elevel: 4 }), {
        function: 8,
        perturbation: p,
      }),
    ).toBeCloseTo(1 - (t - 812.5) / 6500, 9);
  });

  it('leaves records far from every boundary unchanged', () => {
    const x = record({ age: 30 });
    expect(inst.score!(x, { function: 1, perturbation: p })).toBe(1);
    let groupB = 0;
    for (let i = 0; i < 1_000; i++) groupB += 1 - inst.label(x, { function: 1, perturbation: p }, noise);
    expect(groupB).toBe(0);
  });

  it.each([
    [1, { age: 40 }],
    [2, { age: 39, salary: 99_000 }],
    [3, { age: 59, elevel: 1 }],
    [4, { age: 41, elevel: 1, salary: 74_000, commission: 12_000 }],
    [5, { age: 40, salary: 99_000, commission: 0, loan: 301_000 }],
    [6, { age: 38, salary: 60_000, commission: 39_000 }],
    [7, { salary: 100_000, commission: 0, loan: 235_000 }],
    [8, { salary: 50_000, commission: 10_000, elevel: 4 }],
    [9, { salary: 70_000, commission: 20_000, elevel: 1, loan: 226_000 }],
    [10, { salary: 30_000, commission: 10_000, elevel: 4, zipcode: 5, hvalue: 300_000, hyears: 21 }],
    [10, { salary: 20_000, commission: 10_000, elevel: 4, zipcode: 1, hvalue: 99_000, hyears: 25 }],
    [10, { salary: 25_000, commission: 10_000, elevel: 4, zipcode: 1, hvalue: 100_000, hyears: 30 }],
  ])('function %p: the score matches the frequency of Group A labels for %p', (fn, a) => {
    const x = record(a);
    const concept = { function: fn, perturbation: p };
    const score = inst.score!(x, concept);
    const n = 20_000;
    const r = Rng.root(`mc-${fn}-${JSON.stringify(a)}`);
    let positives = 0;
    for (let i = 0; i < n; i++) positives += inst.label(x, concept, r);
    expect(Math.abs(positives / n - score)).toBeLessThan(tol(Math.min(Math.max(score, 0.01), 0.99), n));
  });

  it('flips the labels of 4 ages in 61, a third of the time, under function 1', () => {
    // Only ages 39, 40, 59 and 60 are within 1.5 years of a band edge at 39.5 or 59.5; each flips
    // with probability 1/3, so the flip rate is 4 / 61 / 3 = 4 / 183.
    const n = 60_000;
    const xs = draw('flips', n);
    const r = Rng.root('flips-noise');
    let flips = 0;
    for (const x of xs) {
      const clean = x[2] < 40 || x[2] >= 60 ? 1 : 0;
      if (inst.label(x, { function: 1, perturbation: p }, r) !== clean) flips++;
    }
    expect(Math.abs(flips / n - 4 / 183)).toBeLessThan(tol(4 / 183, n));
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])(
    'function %p: over generated records the mean score equals the Group A rate',
    (fn) => {
      const n = 20_000;
      const xs = draw(`mean-${fn}`, n);
      const r = Rng.root(`mean-noise-${fn}`);
      const concept = { function: fn, perturbation: p };
      let positives = 0;
      let scores = 0;
      for (const x of xs) {
        positives += inst.label(x, concept, r);
        scores += inst.score!(x, concept);
      }
      const rate = scores / n;
      expect(scores).toBeGreaterThan(0);
      expect(Math.abs(positives / n - rate)).toBeLessThan(tol(Math.min(Math.max(rate, 0.01), 0.99), n));
    },
  );
});
