import type { FeatureRecord } from '@driftlab/contracts';
import { scoresAbove, worldSuite, type ModelTest } from '../model-test-kit';

// The ground truth is in simulator/src/worlds/fraud.ts.
const BASES: FeatureRecord[] = [
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

const TEXTBOOK_FRAUD: FeatureRecord = {
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
};

export const fraud = (): ModelTest[] =>
  worldSuite({
    bases: BASES,
    minimumFunctionality: [
      scoresAbove(
        'a textbook fraud pattern scores above an everyday grocery purchase',
        TEXTBOOK_FRAUD,
        BASES[0],
      ),
    ],
    directional: [
      {
        name: 'a country mismatch never lowers P(fraud)',
        feature: 'country_mismatch',
        values: ['no', 'yes'],
        direction: 'non-decreasing',
      },
      {
        name: 'more transactions in 24 h never lower P(fraud)',
        feature: 'txn_count_24h',
        values: [0, 2, 5, 10, 30],
        direction: 'non-decreasing',
      },
    ],
  });
