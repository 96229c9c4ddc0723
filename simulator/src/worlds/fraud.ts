import { cumulativeWeights, type Rng } from '../random/rng';
import { drawUniforms, normalsInPlace, pickIndex, poissonQuantile } from '../random/inversion';
import type { Concept, ConceptParameter, FeatureSpec, World, WorldInstance } from './types';

/*
 * Card fraud: one card transaction per event, labelled "confirmed fraud" (rare, about 1.5 %).
 *
 * Each feature consumes exactly one uniform from its own stream per event and may read the values
 * of features generated before it (amount and channel depend on the merchant category). The full
 * process, with every constant below, is documented in docs/worlds/fraud.md.
 */

export const MERCHANT_CATEGORIES = [
  'grocery',
  'restaurants',
  'fuel',
  'clothing',
  'pharmacy',
  'electronics',
  'travel',
  'online_gaming',
] as const;
export const CHANNELS = ['chip', 'contactless', 'online', 'phone'] as const;

const AMOUNT = 0;
const HOUR = 1;
const MERCHANT = 2;
const CHANNEL = 3;
const CARD_PRESENT = 4;
const DISTANCE = 5;
const COUNTRY_MISMATCH = 6;
const SECONDS = 7;
const TXN_COUNT = 8;
const ACCOUNT_AGE = 9;

const RESTAURANTS = 1;
const FUEL = 2;
const CLOTHING = 3;
const PHARMACY = 4;
const ELECTRONICS = 5;
const TRAVEL = 6;
const ONLINE_GAMING = 7;
const CONTACTLESS = 1;
const ONLINE = 2;
const PHONE = 3;

const FEATURES: readonly FeatureSpec[] = [
  {
    name: 'amount',
    kind: 'numeric',
    unit: 'USD',
    description: 'Transaction amount; log-normal (heavy right tail), median set by merchant category.',
    min: 0.01,
    max: 25_000,
    decimals: 2,
  },
  {
    name: 'hour_of_day',
    kind: 'numeric',
    unit: 'hour',
    description: 'Local hour of the transaction, 0-23; daytime-heavy diurnal profile.',
    min: 0,
    max: 23,
    decimals: 0,
  },
  {
    name: 'merchant_category',
    kind: 'categorical',
    description: 'Merchant category of the acquirer.',
    categories: MERCHANT_CATEGORIES,
  },
  {
    name: 'channel',
    kind: 'categorical',
    description: 'How the card was used; depends on the merchant category (online gaming is online only).',
    categories: CHANNELS,
  },
  {
    name: 'card_present',
    kind: 'categorical',
    description:
      'Whether the physical card was read; never online or by phone, 1 % key-entered at terminals.',
    categories: ['no', 'yes'],
  },
  {
    name: 'distance_from_home_km',
    kind: 'numeric',
    unit: 'km',
    description: 'Distance from the cardholder home to the merchant (IP location when online); log-normal.',
    min: 0,
    max: 20_000,
    decimals: 1,
  },
  {
    name: 'country_mismatch',
    kind: 'categorical',
    description: 'Whether the merchant country differs from the card country; likelier the farther away.',
    categories: ['no', 'yes'],
  },
  {
    name: 'seconds_since_last_txn',
    kind: 'numeric',
    unit: 's',
    description: 'Seconds since the previous transaction on the card; log-normal, median 4 hours, log-sd 2.',
    min: 1,
    max: 2_592_000,
    decimals: 0,
  },
  {
    name: 'txn_count_24h',
    kind: 'numeric',
    unit: 'count',
    description: 'Transactions on the card in the previous 24 h; Poisson, more when the last one was recent.',
    min: 0,
    max: 100,
    decimals: 0,
  },
  {
    name: 'account_age_days',
    kind: 'numeric',
    unit: 'days',
    description: 'Days since the card account was opened; exponential, mean 1400 days.',
    min: 0,
    max: 10_950,
    decimals: 0,
  },
];

function coefficient(value: number, description: string): ConceptParameter {
  return { default: value, description, min: -10, max: 10 };
}

const CONCEPT: Readonly<Record<string, ConceptParameter>> = {
  intercept: {
    default: -6.85,
    description: 'Log-odds of fraud of the reference transaction (sets the base fraud rate).',
    min: -15,
    max: 5,
  },
  b_log_amount: coefficient(0.35, 'Log-odds per unit of ln(amount / 50).'),
  b_night: coefficient(0.9, 'Log-odds of a transaction between 00:00 and 05:59.'),
  b_merchant_restaurants: coefficient(-0.4, 'Log-odds of restaurants versus grocery.'),
  b_merchant_fuel: coefficient(0.4, 'Log-odds of fuel versus grocery.'),
  b_merchant_clothing: coefficient(0.3, 'Log-odds of clothing versus grocery.'),
  b_merchant_pharmacy: coefficient(-0.3, 'Log-odds of pharmacy versus grocery.'),
  b_merchant_electronics: coefficient(1.0, 'Log-odds of electronics versus grocery.'),
  b_merchant_travel: coefficient(0.6, 'Log-odds of travel versus grocery.'),
  b_merchant_online_gaming: coefficient(1.3, 'Log-odds of online gaming versus grocery.'),
  b_channel_contactless: coefficient(-0.2, 'Log-odds of contactless versus chip.'),
  b_channel_online: coefficient(0.7, 'Log-odds of online versus chip.'),
  b_channel_phone: coefficient(0.9, 'Log-odds of phone (mail/telephone order) versus chip.'),
  b_card_not_present: coefficient(0.5, 'Log-odds when the card was not read (card_present = no).'),
  b_log_distance: coefficient(0.15, 'Log-odds per unit of ln(1 + distance_from_home_km).'),
  b_country_mismatch: coefficient(1.6, 'Log-odds when the merchant country differs from the card country.'),
  b_log_txn_count: coefficient(0.6, 'Log-odds per unit of ln(1 + txn_count_24h) (velocity).'),
  b_rapid_repeat: coefficient(1.2, 'Log-odds when the previous transaction was under 60 s ago.'),
  b_new_account: coefficient(1.5, 'Log-odds when the account is under 30 days old.'),
};

const MERCHANT_WEIGHTS = cumulativeWeights([0.26, 0.18, 0.12, 0.1, 0.07, 0.07, 0.06, 0.05]);
// Transactions per hour of day (relative), 00 to 23.
const HOUR_WEIGHTS = cumulativeWeights([
  0.8, 0.5, 0.35, 0.3, 0.3, 0.5, 1.2, 2.5, 3.8, 4.5, 5.2, 6, 6.8, 6.5, 5.9, 5.8, 6.2, 6.9, 7.2, 6.5, 5.3, 4,
  2.8, 1.6,
]);
// By merchant category: amount median (USD) and log-sd; channel weights (chip, contactless, online, phone).
const LN_AMOUNT_MEDIAN = Float64Array.from([45, 30, 50, 60, 20, 180, 350, 15], Math.log);
const AMOUNT_SIGMA = Float64Array.of(0.9, 0.8, 0.6, 0.9, 0.8, 1.0, 1.0, 1.1);
const CHANNEL_BY_MERCHANT: readonly Float64Array[] = [
  cumulativeWeights([0.35, 0.6, 0.05, 0]),
  cumulativeWeights([0.3, 0.6, 0.07, 0.03]),
  cumulativeWeights([0.45, 0.55, 0, 0]),
  cumulativeWeights([0.3, 0.35, 0.35, 0]),
  cumulativeWeights([0.35, 0.55, 0.1, 0]),
  cumulativeWeights([0.3, 0.15, 0.5, 0.05]),
  cumulativeWeights([0.1, 0.05, 0.75, 0.1]),
  cumulativeWeights([0, 0, 1, 0]),
];
// Velocity: Poisson mean of txn_count_24h by time since the last transaction
// (< 10 min, < 1 h, < 6 h, later).
const TXN_LAMBDA = Float64Array.of(4.5, 3, 1.8, 0.9);
const TXN_EXP = TXN_LAMBDA.map((l) => Math.exp(-l));
const LN_DISTANCE_LOCAL = Math.log(5);
const LN_DISTANCE_REMOTE = Math.log(25);
const LN_DISTANCE_TRAVEL = Math.log(400);
const LN_SECONDS_MEDIAN = Math.log(14_400);

// This event's uniforms, one per feature; the features in NORMAL_FEATURES get a standard normal.
const U = new Float64Array(FEATURES.length);
const NORMAL_FEATURES = Int32Array.of(AMOUNT, DISTANCE, SECONDS);

function sample(streams: readonly Rng[], out: Float64Array): void {
  drawUniforms(streams, U);
  normalsInPlace(U, NORMAL_FEATURES);

  const merchant = pickIndex(U, MERCHANT, MERCHANT_WEIGHTS);
  out[MERCHANT] = merchant;
  out[HOUR] = pickIndex(U, HOUR, HOUR_WEIGHTS);

  const amount = Math.exp(LN_AMOUNT_MEDIAN[merchant] + AMOUNT_SIGMA[merchant] * U[AMOUNT]);
  out[AMOUNT] = Math.round((amount < 0.01 ? 0.01 : amount > 25_000 ? 25_000 : amount) * 100) / 100;

  const channel = pickIndex(U, CHANNEL, CHANNEL_BY_MERCHANT[merchant]);
  out[CHANNEL] = channel;
  // Chip and contactless read the card except 1 % key-entered at the terminal.
  out[CARD_PRESENT] = channel < ONLINE && U[CARD_PRESENT] < 0.99 ? 1 : 0;

  // Travel is far from home; remote purchases are located by IP, a noisier and larger distance.
  const distance =
    merchant === TRAVEL
      ? Math.exp(LN_DISTANCE_TRAVEL + 1.5 * U[DISTANCE])
      : channel >= ONLINE
        ? Math.exp(LN_DISTANCE_REMOTE + 1.6 * U[DISTANCE])
        : Math.exp(LN_DISTANCE_LOCAL + 1.1 * U[DISTANCE]);
  const km = Math.round((distance > 20_000 ? 20_000 : distance) * 10) / 10;
  out[DISTANCE] = km;
  const pMismatch = km < 100 ? 0.005 : km < 500 ? 0.05 : km < 1500 ? 0.3 : 0.75;
  out[COUNTRY_MISMATCH] = U[COUNTRY_MISMATCH] < pMismatch ? 1 : 0;

  const rawSeconds = Math.round(Math.exp(LN_SECONDS_MEDIAN + 2 * U[SECONDS]));
  const seconds = rawSeconds < 1 ? 1 : rawSeconds > 2_592_000 ? 2_592_000 : rawSeconds;
  out[SECONDS] = seconds;
  const tier = seconds < 600 ? 0 : seconds < 3600 ? 1 : seconds < 21_600 ? 2 : 3;
  out[TXN_COUNT] = poissonQuantile(U, TXN_COUNT, TXN_LAMBDA, TXN_EXP, tier, 100);

  const age = Math.round(-1400 * Math.log(1 - U[ACCOUNT_AGE]));
  out[ACCOUNT_AGE] = age > 10_950 ? 10_950 : age;
}

/** P(fraud | x) = sigma(intercept + sum of b_k g_k(x)); see docs/worlds/fraud.md. */
function score(x: Float64Array, c: Concept): number {
  return 1 / (1 + Math.exp(-(numericLogOdds(x, c) + categoricalLogOdds(x, c))));
}

// The log-odds are split in two so that each part stays small enough for V8 to inline.
function numericLogOdds(x: Float64Array, c: Concept): number {
  const amount = x[AMOUNT] > 0.01 ? x[AMOUNT] : 0.01;
  const km = x[DISTANCE] > 0 ? x[DISTANCE] : 0;
  const count = x[TXN_COUNT] > 0 ? x[TXN_COUNT] : 0;
  const hour = x[HOUR];
  return (
    c.intercept +
    c.b_log_amount * Math.log(amount / 50) +
    (hour >= 0 && hour < 6 ? c.b_night : 0) +
    c.b_log_distance * Math.log1p(km) +
    c.b_log_txn_count * Math.log1p(count) +
    (x[SECONDS] < 60 ? c.b_rapid_repeat : 0) +
    (x[ACCOUNT_AGE] < 30 ? c.b_new_account : 0)
  );
}

// Reference categories (grocery, chip, card present, same country) add nothing.
function categoricalLogOdds(x: Float64Array, c: Concept): number {
  const m = x[MERCHANT];
  const ch = x[CHANNEL];
  return (
    (m === RESTAURANTS
      ? c.b_merchant_restaurants
      : m === FUEL
        ? c.b_merchant_fuel
        : m === CLOTHING
          ? c.b_merchant_clothing
          : m === PHARMACY
            ? c.b_merchant_pharmacy
            : m === ELECTRONICS
              ? c.b_merchant_electronics
              : m === TRAVEL
                ? c.b_merchant_travel
                : m === ONLINE_GAMING
                  ? c.b_merchant_online_gaming
                  : 0) +
    (ch === CONTACTLESS
      ? c.b_channel_contactless
      : ch === ONLINE
        ? c.b_channel_online
        : ch === PHONE
          ? c.b_channel_phone
          : 0) +
    (x[CARD_PRESENT] === 0 ? c.b_card_not_present : 0) +
    (x[COUNTRY_MISMATCH] === 1 ? c.b_country_mismatch : 0)
  );
}

function label(x: Float64Array, c: Concept, noise: Rng): number {
  return noise.next() < score(x, c) ? 1 : 0;
}

// The world is stateless, so every instance can share one frozen object.
const INSTANCE: WorldInstance = Object.freeze({ sample, label, score });

export const fraud: World = {
  name: 'fraud',
  title: 'Card transaction fraud',
  description:
    'One card transaction per event: amount, time, merchant category, channel, card presence, distance ' +
    'from home, country mismatch, velocity and account age, with realistic dependencies (amount and channel ' +
    'on merchant, country mismatch on distance, velocity on time since the last transaction). Ground truth ' +
    'is a logistic model with documented coefficients; the label is a Bernoulli draw from it (about 1.5 % ' +
    'fraud), so positives are rare and accuracy is a misleading metric.',
  task: 'classification',
  target: {
    name: 'is_fraud',
    description: 'Whether the transaction was later confirmed as fraud (chargeback or cardholder report).',
    classes: ['legitimate', 'fraud'],
  },
  features: FEATURES,
  concept: CONCEPT,
  instantiate: () => INSTANCE,
};
