import { Rng } from '../random/rng';
import { mean, median } from '../testing/stats';
import { expectValidValues, streamIsolationTests, worldHelpers } from '../testing/worlds';
import { credit } from './credit';
import { defaultConcept } from './types';

const { F, sampleMany, labels, record } = worldHelpers(credit);

const instance = credit.instantiate(Rng.root(0));
const concept = defaultConcept(credit);
const ROWS = sampleMany(100_000, 'credit-test');

describe('credit world: definition', () => {
  it('has 8-12 features mixing numeric and categorical, with unique names', () => {
    expect(credit.task).toBe('classification');
    expect(credit.features.length).toBeGreaterThanOrEqual(8);
    expect(credit.features.length).toBeLessThanOrEqual(12);
    expect(credit.features.some((f) => f.kind === 'numeric')).toBe(true);
    expect(credit.features.some((f) => f.kind === 'categorical')).toBe(true);
    expect(new Set(credit.features.map((f) => f.name)).size).toBe(credit.features.length);
  });

  it('exposes the intercept and the coefficients as concept parameters with in-range defaults', () => {
    for (const name of [
      'intercept',
      'b_debt_to_income',
      'b_income',
      'b_utilization',
      'b_employment_unemployed',
    ]) {
      expect(credit.concept[name]).toBeDefined();
    }
    for (const [name, p] of Object.entries(credit.concept)) {
      expect(p.description.length).toBeGreaterThan(10);
      if (p.min !== undefined) expect(p.default).toBeGreaterThanOrEqual(p.min);
      if (p.max !== undefined) expect(p.default).toBeLessThanOrEqual(p.max);
      expect(name === 'intercept' || name.startsWith('b_')).toBe(true);
    }
  });
});

describe('credit world: generating process', () => {
  it('defaults at the documented rate of 12-16 % on 100k applications', () => {
    const rate = mean(labels(instance, ROWS, concept, 'rate'));
    expect(rate).toBeGreaterThan(0.12);
    expect(rate).toBeLessThan(0.16);
  });

  it('generates every numeric value in [min, max], rounded to its decimals, and valid category indices', () => {
    expectValidValues(credit, ROWS);
    // Loan amounts are whole hundreds.
    expect(ROWS.every((x) => x[F.loan_amount] % 100 === 0)).toBe(true);
  });

  it('uses every category of every categorical feature', () => {
    credit.features.forEach((f, i) => {
      if (f.kind !== 'categorical') return;
      const seen = new Set(ROWS.map((x) => x[i]));
      expect(seen.size).toBe(f.categories.length);
    });
  });

  it('makes employment depend on age: retirement only from 25, mostly from 67', () => {
    const retired = 4;
    const young = ROWS.filter((x) => x[F.age] < 25);
    const old = ROWS.filter((x) => x[F.age] >= 67);
    expect(young.length).toBeGreaterThan(1000);
    expect(old.length).toBeGreaterThan(300);
    expect(young.every((x) => x[F.employment_type] !== retired)).toBe(true);
    expect(mean(old.map((x) => (x[F.employment_type] === retired ? 1 : 0)))).toBeGreaterThan(0.6);
  });

  it('makes income depend on employment and age', () => {
    const incomeOf = (rows: Float64Array[]) => median(rows.map((x) => x[F.annual_income]));
    const salaried = ROWS.filter((x) => x[F.employment_type] === 0);
    const unemployed = ROWS.filter((x) => x[F.employment_type] === 3);
    expect(incomeOf(unemployed)).toBeLessThan(incomeOf(salaried) / 2);
    const youngSalaried = salaried.filter((x) => x[F.age] < 25);
    const midSalaried = salaried.filter((x) => x[F.age] >= 40 && x[F.age] < 60);
    expect(incomeOf(youngSalaried)).toBeLessThan(incomeOf(midSalaried) * 0.85);
  });

  it('keeps credit history within the adult years and gives longer histories more open lines', () => {
    expect(ROWS.every((x) => x[F.credit_history_years] <= x[F.age] - 18 + 1e-9)).toBe(true);
    const short = ROWS.filter((x) => x[F.credit_history_years] < 5).map((x) => x[F.open_credit_lines]);
    const long = ROWS.filter((x) => x[F.credit_history_years] > 25).map((x) => x[F.open_credit_lines]);
    expect(mean(long)).toBeGreaterThan(mean(short) + 3);
  });

  it('gives lower incomes higher utilization and debt-to-income, and high utilization more delinquencies', () => {
    const low = ROWS.filter((x) => x[F.annual_income] < 25_000);
    const high = ROWS.filter((x) => x[F.annual_income] > 100_000);
    expect(median(low.map((x) => x[F.utilization]))).toBeGreaterThan(
      median(high.map((x) => x[F.utilization])),
    );
    expect(median(low.map((x) => x[F.debt_to_income]))).toBeGreaterThan(
      median(high.map((x) => x[F.debt_to_income])),
    );
    const lowUtil = ROWS.filter((x) => x[F.utilization] < 0.1).map((x) => x[F.delinquencies_2y]);
    const highUtil = ROWS.filter((x) => x[F.utilization] > 0.7).map((x) => x[F.delinquencies_2y]);
    expect(mean(highUtil)).toBeGreaterThan(mean(lowUtil) * 2);
  });

  it('defaults more often at higher debt-to-income and for the unemployed', () => {
    const y = labels(instance, ROWS, concept, 'dependencies');
    const rate = (keep: (x: Float64Array) => boolean) => mean(y.filter((_, i) => keep(ROWS[i])));
    expect(rate((x) => x[F.debt_to_income] > 0.5)).toBeGreaterThan(
      rate((x) => x[F.debt_to_income] < 0.15) * 1.5,
    );
    expect(rate((x) => x[F.employment_type] === 3)).toBeGreaterThan(
      rate((x) => x[F.employment_type] === 0) * 2,
    );
  });
});

describe('credit world: ground truth', () => {
  // A salaried 40-year-old homeowner with a mortgage in the north region.
  const plain = record({
    age: 40,
    employment_type: 0,
    annual_income: 50_000,
    home_ownership: 1,
    region: 0,
    credit_history_years: 10,
    open_credit_lines: 5,
    utilization: 0.5,
    debt_to_income: 0.4,
    loan_amount: 10_000,
    delinquencies_2y: 1,
  });

  it('scores a hand-computed record', () => {
    // z = -3.88 (intercept) + 2.2*0.4 (dti) - 0.45*ln(50000/50000) (income: 0) + 1.6*0.5 (utilization)
    //     + 0.55*1 (delinquency) - 0.25*(10/10) (history) - 0.1*(40-40)/10 (age: 0)
    //     + 0.5*(10000/50000) (loan to income) + 0.03*5 (lines) + 0 (salaried) + 0.1 (mortgage) + 0 (north)
    //   = -3.88 + 0.88 + 0.8 + 0.55 - 0.25 + 0.1 + 0.15 + 0.1 = -1.55
    // sigma(-1.55) = 1 / (1 + e^1.55) = 1 / (1 + 4.711470) = 0.175086
    expect(instance.score!(plain, concept)).toBeCloseTo(0.175086, 5);
  });

  it('scores a second hand-computed record with every categorical effect', () => {
    // An unemployed 25-year-old renter in the south region.
    const risky = record({
      age: 25,
      employment_type: 3,
      annual_income: 20_000,
      home_ownership: 0,
      region: 1,
      credit_history_years: 4,
      open_credit_lines: 3,
      utilization: 0.8,
      debt_to_income: 0.6,
      loan_amount: 5000,
      delinquencies_2y: 2,
    });
    // z = -3.88 + 2.2*0.6 (1.32) - 0.45*ln(0.4) (+0.412331) + 1.6*0.8 (1.28) + 0.55*2 (1.1)
    //     - 0.25*0.4 (-0.1) - 0.1*(25-40)/10 (+0.15) + 0.5*(5000/20000) (0.125) + 0.03*3 (0.09)
    //     + 1.1 (unemployed) + 0.3 (rent) + 0.15 (south) = 2.047331
    // sigma(2.047331) = 1 / (1 + e^-2.047331) = 1 / (1 + 0.129101) = 0.885660
    expect(instance.score!(risky, concept)).toBeCloseTo(0.88566, 4);
  });

  it('draws the label as a Bernoulli of the score from the noise stream', () => {
    const noise = Rng.root('bernoulli').fork('noise');
    let positives = 0;
    let others = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const y = instance.label(plain, concept, noise);
      if (y === 1) positives++;
      else if (y !== 0) others++;
    }
    expect(others).toBe(0);
    // 0.175086 +- 5 standard errors (0.0012 each).
    expect(Math.abs(positives / n - 0.175086)).toBeLessThan(0.006);
    expect(instance.label(plain, { ...concept, intercept: 40 }, noise)).toBe(1);
    expect(instance.label(plain, { ...concept, intercept: -40 }, noise)).toBe(0);
  });

  it('defaults the same applicants more often when b_debt_to_income is raised (concept drift)', () => {
    const rows = ROWS.slice(0, 50_000);
    const before = labels(instance, rows, concept, 'drift');
    const after = labels(instance, rows, { ...concept, b_debt_to_income: 4.4 }, 'drift');
    // Same noise draws and a higher probability for every row: no label can go from 1 to 0.
    expect(after.every((y, i) => y >= before[i])).toBe(true);
    expect(mean(after)).toBeGreaterThan(mean(before) + 0.03);
    // Lowering the intercept lowers the rate.
    expect(mean(labels(instance, rows, { ...concept, intercept: -5 }, 'drift'))).toBeLessThan(
      mean(before) - 0.05,
    );
  });

  it('changes only the affected region when a regional coefficient drifts', () => {
    const rows = ROWS.slice(0, 50_000);
    const before = labels(instance, rows, concept, 'region');
    const after = labels(instance, rows, { ...concept, b_region_south: 1.5 }, 'region');
    const south = 1;
    rows.forEach((x, i) => {
      if (x[F.region] !== south && after[i] !== before[i]) throw new Error(`row ${i} outside south changed`);
    });
    const southRows = rows.map((_, i) => i).filter((i) => rows[i][F.region] === south);
    expect(mean(southRows.map((i) => after[i]))).toBeGreaterThan(mean(southRows.map((i) => before[i])) + 0.1);
  });
});

describe('credit world: streams', () => {
  it('is deterministic: the same seed gives identical vectors and labels', () => {
    const a = sampleMany(2000, 42);
    const b = sampleMany(2000, 42);
    expect(a).toEqual(b);
    expect(labels(instance, a, concept, 'n')).toEqual(labels(instance, b, concept, 'n'));
    const c = sampleMany(2000, 43);
    expect(c).not.toEqual(a);
  });

  // Documented dependencies: which features read the values of which (earlier) features.
  const PARENTS: Record<string, string[]> = {
    employment_type: ['age'],
    annual_income: ['age', 'employment_type'],
    home_ownership: ['age'],
    credit_history_years: ['age'],
    open_credit_lines: ['credit_history_years'],
    utilization: ['annual_income'],
    debt_to_income: ['annual_income'],
    loan_amount: ['annual_income'],
    delinquencies_2y: ['utilization'],
  };

  streamIsolationTests(credit, PARENTS);
});
