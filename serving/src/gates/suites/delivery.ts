import type { FeatureRecord } from '@driftlab/contracts';
import { scoresAbove, worldSuite, type ModelTest } from '../model-test-kit';

// The ground truth is in simulator/src/worlds/delivery.ts.
const BASES: FeatureRecord[] = [
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

const LONG_SLOW_BUSY: FeatureRecord = {
  distance_km: 15,
  hour_of_day: 18,
  day_of_week: 'fri',
  weather: 'snow',
  zone: 'outskirts',
  vehicle: 'bike',
  courier_load: 4,
  restaurant_prep_min: 40,
  order_items: 8,
};

const SHORT_EASY: FeatureRecord = {
  distance_km: 0.8,
  hour_of_day: 15,
  day_of_week: 'tue',
  weather: 'clear',
  zone: 'downtown',
  vehicle: 'car',
  courier_load: 0.5,
  restaurant_prep_min: 5,
  order_items: 1,
};

export const delivery = (): ModelTest[] =>
  worldSuite({
    bases: BASES,
    minimumFunctionality: [
      scoresAbove('a long, slow, busy order takes longer than a short, easy one', LONG_SLOW_BUSY, SHORT_EASY),
    ],
    directional: [
      {
        name: 'a longer distance_km never shortens the predicted minutes',
        feature: 'distance_km',
        values: [0.5, 1, 2, 5, 10, 20],
        direction: 'non-decreasing',
      },
      {
        name: 'a longer restaurant_prep_min never shortens the predicted minutes',
        feature: 'restaurant_prep_min',
        values: [3, 10, 20, 40],
        direction: 'non-decreasing',
      },
    ],
  });
