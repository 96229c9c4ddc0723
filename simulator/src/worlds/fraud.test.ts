import { Rng } from '../random/rng';
import { mean, median } from '../testing/stats';
import { expectValidValues, streamIsolationTests, worldHelpers } from '../testing/worlds';
import { fraud } from './fraud';
import { defaultConcept } from './types';

const { F, category, sampleMany, labels, record } = worldHelpers(fraud);

const instance = fraud.instantiate(Rng.root(0));
const concept = defaultConcept(fraud);
const ROWS = sampleMany(100_000, 'fraud-test');
const Y = labels(instance, ROWS, concept, 'fraud-labels');
const rateWhere = (keep: (x: Float64Array) => boolean): number => mean(Y.filter((_, i) => keep(ROWS[i])));

describe('fraud world: definition', () => {
  it('is a classification world with numeric and categorical features and coefficient parameters', () => {
    expect(fraud.task).toBe('classification');
    expect(fraud.features.some((f) => f.kind === 'numeric')).toBe(true);
    expect(fraud.features.some((f) => f.kind === 'categorical')).toBe(true);
    expect(new Set(fraud.features.map((f) => f.name)).size).toBe(fraud.features.length);
    for (const [name, p] of Object.entries(fraud.concept)) {
      expect(name === 'intercept' || name.startsWith('b_')).toBe(true);
      if (p.min !== undefined) expect(p.default).toBeGreaterThanOrEqual(p.min);
      if (p.max !== undefined) expect(p.default).toBeLessThanOrEqual(p.max);
    }
  });
});

describe('fraud world: generating process', () => {
  it('has rare positives at the documented rate of 1.2-1.8 % on 100k transactions', () => {
    expect(mean(Y)).toBeGreaterThan(0.012);
    expect(mean(Y)).toBeLessThan(0.018);
  });

  it('generates every numeric value in [min, max], rounded to its decimals, and valid category indices', () => {
    expectValidValues(fraud, ROWS);
    fraud.features.forEach((f, i) => {
      if (f.kind === 'categorical') expect(new Set(ROWS.map((x) => x[i])).size).toBe(f.categories.length);
    });
  });

  it('has heavy-tailed amounts whose median depends on the merchant category', () => {
    const amounts = ROWS.map((x) => x[F.amount]);
    // Heavy right tail: the mean is well above the median and the 99.9th percentile is far out.
    expect(mean(amounts)).toBeGreaterThan(1.5 * median(amounts));
    const sorted = [...amounts].sort((a, b) => a - b);
    expect(sorted[Math.floor(0.999 * sorted.length)]).toBeGreaterThan(20 * median(amounts));
    const medianFor = (m: string) =>
      median(
        ROWS.filter((x) => x[F.merchant_category] === category('merchant_category', m)).map(
          (x) => x[F.amount],
        ),
      );
    expect(medianFor('travel')).toBeGreaterThan(5 * medianFor('grocery'));
  });

  it('ties channel and card presence to the merchant', () => {
    const gaming = ROWS.filter(
      (x) => x[F.merchant_category] === category('merchant_category', 'online_gaming'),
    );
    expect(gaming.length).toBeGreaterThan(1000);
    expect(gaming.every((x) => x[F.channel] === category('channel', 'online'))).toBe(true);
    const remote = ROWS.filter((x) => x[F.channel] >= category('channel', 'online'));
    expect(remote.every((x) => x[F.card_present] === category('card_present', 'no'))).toBe(true);
    const terminal = ROWS.filter((x) => x[F.channel] < category('channel', 'online'));
    const presentShare = mean(
      terminal.map((x) => (x[F.card_present] === category('card_present', 'yes') ? 1 : 0)),
    );
    expect(presentShare).toBeGreaterThan(0.98);
    expect(presentShare).toBeLessThan(0.9999);
  });

  it('makes country mismatch likelier far from home and velocity higher after a recent transaction', () => {
    const yes = category('country_mismatch', 'yes');
    const near = ROWS.filter((x) => x[F.distance_from_home_km] < 100).map((x) =>
      x[F.country_mismatch] === yes ? 1 : 0,
    );
    const far = ROWS.filter((x) => x[F.distance_from_home_km] > 1500).map((x) =>
      x[F.country_mismatch] === yes ? 1 : 0,
    );
    expect(mean(far)).toBeGreaterThan(0.6);
    expect(mean(near)).toBeLessThan(0.02);
    const recent = ROWS.filter((x) => x[F.seconds_since_last_txn] < 600).map((x) => x[F.txn_count_24h]);
    const quiet = ROWS.filter((x) => x[F.seconds_since_last_txn] > 21_600).map((x) => x[F.txn_count_24h]);
    expect(mean(recent)).toBeGreaterThan(mean(quiet) * 3);
  });

  it('has more fraud with a country mismatch, at night, online and on new accounts', () => {
    const yes = category('country_mismatch', 'yes');
    expect(rateWhere((x) => x[F.country_mismatch] === yes)).toBeGreaterThan(
      5 * rateWhere((x) => x[F.country_mismatch] !== yes),
    );
    expect(rateWhere((x) => x[F.hour_of_day] < 6)).toBeGreaterThan(
      1.5 * rateWhere((x) => x[F.hour_of_day] >= 6),
    );
    const online = category('channel', 'online');
    const chip = category('channel', 'chip');
    expect(rateWhere((x) => x[F.channel] === online)).toBeGreaterThan(
      3 * rateWhere((x) => x[F.channel] === chip),
    );
    expect(rateWhere((x) => x[F.account_age_days] < 30)).toBeGreaterThan(
      2 * rateWhere((x) => x[F.account_age_days] >= 30),
    );
  });
});

describe('fraud world: ground truth', () => {
  const suspicious = record({
    amount: 50,
    hour_of_day: 2,
    merchant_category: category('merchant_category', 'electronics'),
    channel: category('channel', 'online'),
    card_present: category('card_present', 'no'),
    distance_from_home_km: 0,
    country_mismatch: category('country_mismatch', 'yes'),
    seconds_since_last_txn: 30,
    txn_count_24h: 0,
    account_age_days: 10,
  });

  it('scores a hand-computed suspicious transaction', () => {
    // z = -6.85 (intercept) + 0.35*ln(50/50) (0) + 0.9 (night) + 1.0 (electronics) + 0.7 (online)
    //     + 0.5 (card not present) + 0.15*ln(1+0) (0) + 1.6 (country mismatch) + 0.6*ln(1+0) (0)
    //     + 1.2 (rapid repeat) + 1.5 (new account) = 0.55
    // sigma(0.55) = 1 / (1 + e^-0.55) = 1 / (1 + 0.576950) = 0.634136
    expect(instance.score!(suspicious, concept)).toBeCloseTo(0.634136, 5);
  });

  it('scores a hand-computed ordinary transaction', () => {
    const ordinary = record({
      amount: 200,
      hour_of_day: 14,
      merchant_category: category('merchant_category', 'grocery'),
      channel: category('channel', 'chip'),
      card_present: category('card_present', 'yes'),
      distance_from_home_km: 9,
      country_mismatch: category('country_mismatch', 'no'),
      seconds_since_last_txn: 7200,
      txn_count_24h: 3,
      account_age_days: 2000,
    });
    // z = -6.85 + 0.35*ln(4) (0.485203) + 0.15*ln(10) (0.345388) + 0.6*ln(4) (0.831777) = -5.187633
    // sigma(-5.187633) = 1 / (1 + e^5.187633) = 1 / (1 + 179.047) = 0.005554
    expect(instance.score!(ordinary, concept)).toBeCloseTo(0.005554, 5);
  });

  it('draws labels as a Bernoulli of the score', () => {
    const noise = Rng.root('bernoulli').fork('noise');
    let positives = 0;
    let others = 0;
    for (let i = 0; i < 50_000; i++) {
      const y = instance.label(suspicious, concept, noise);
      if (y === 1) positives++;
      else if (y !== 0) others++;
    }
    expect(others).toBe(0);
    // 0.634136 +- 5 standard errors (0.0022 each).
    expect(Math.abs(positives / 50_000 - 0.634136)).toBeLessThan(0.011);
  });

  it('shifts fraud to contactless payments when b_channel_contactless is raised, and only there', () => {
    const rows = ROWS.slice(0, 50_000);
    const before = labels(instance, rows, concept, 'drift');
    const after = labels(instance, rows, { ...concept, b_channel_contactless: 2.5 }, 'drift');
    const contactless = category('channel', 'contactless');
    rows.forEach((x, i) => {
      if (x[F.channel] !== contactless && after[i] !== before[i]) throw new Error(`row ${i} changed`);
      if (after[i] < before[i]) throw new Error(`row ${i} went from fraud to legitimate`);
    });
    const idx = rows.map((_, i) => i).filter((i) => rows[i][F.channel] === contactless);
    expect(mean(idx.map((i) => after[i]))).toBeGreaterThan(mean(idx.map((i) => before[i])) + 0.01);
  });

  it('makes small amounts riskier when b_log_amount turns negative', () => {
    const small = record({
      amount: 5,
      hour_of_day: 12,
      card_present: 1,
      distance_from_home_km: 3,
      seconds_since_last_txn: 9000,
      account_age_days: 900,
    });
    const large = record({
      amount: 500,
      hour_of_day: 12,
      card_present: 1,
      distance_from_home_km: 3,
      seconds_since_last_txn: 9000,
      account_age_days: 900,
    });
    expect(instance.score!(large, concept)).toBeGreaterThan(instance.score!(small, concept));
    const flipped = { ...concept, b_log_amount: -0.5 };
    expect(instance.score!(small, flipped)).toBeGreaterThan(instance.score!(large, flipped));
  });
});

describe('fraud world: streams', () => {
  it('is deterministic: the same seed gives identical vectors', () => {
    expect(sampleMany(2000, 5)).toEqual(sampleMany(2000, 5));
    expect(sampleMany(2000, 6)).not.toEqual(sampleMany(2000, 5));
  });

  const PARENTS: Record<string, string[]> = {
    amount: ['merchant_category'],
    channel: ['merchant_category'],
    card_present: ['channel'],
    distance_from_home_km: ['merchant_category', 'channel'],
    country_mismatch: ['distance_from_home_km'],
    txn_count_24h: ['seconds_since_last_txn'],
  };

  streamIsolationTests(fraud, PARENTS, 2000);
});
