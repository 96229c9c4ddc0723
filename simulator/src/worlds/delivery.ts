import { cumulativeWeights, type Rng } from '../random/rng';
import { drawUniforms, normalsInPlace, pickIndex, poissonQuantile } from '../random/inversion';
import type { Concept, ConceptParameter, FeatureSpec, World, WorldInstance } from './types';

/*
 * Food delivery: one order per event; the target is the delivery time in minutes, from order to
 * handover. Each feature consumes exactly one uniform from its own stream per event and may read
 * the values of features generated before it (vehicle and distance depend on the zone, courier
 * load on the hour, day and weather, preparation time on the number of items). The full process,
 * with every constant below, is documented in docs/worlds/delivery.md.
 */

export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const WEATHER = ['clear', 'rain', 'snow', 'fog'] as const;
export const ZONES = ['downtown', 'suburb', 'outskirts'] as const;
export const VEHICLES = ['bike', 'scooter', 'car'] as const;

const DISTANCE = 0;
const HOUR = 1;
const DAY = 2;
const WEATHER_F = 3;
const ZONE = 4;
const VEHICLE = 5;
const LOAD = 6;
const PREP = 7;
const ITEMS = 8;

const RAIN = 1;
const SNOW = 2;
const FOG = 3;
const BIKE = 0;
const SCOOTER = 1;
const FRIDAY = 4;

const FEATURES: readonly FeatureSpec[] = [
  {
    name: 'distance_km',
    kind: 'numeric',
    unit: 'km',
    description: 'Road distance from restaurant to customer; log-normal, median set by zone.',
    min: 0.2,
    max: 25,
    decimals: 1,
  },
  {
    name: 'hour_of_day',
    kind: 'numeric',
    unit: 'hour',
    description: 'Local hour the order was placed, 0-23; lunch and dinner peaks.',
    min: 0,
    max: 23,
    decimals: 0,
  },
  {
    name: 'day_of_week',
    kind: 'categorical',
    description: 'Day the order was placed; Friday to Sunday are busiest.',
    categories: DAYS,
  },
  {
    name: 'weather',
    kind: 'categorical',
    description: 'Weather at the customer address when the order was placed.',
    categories: WEATHER,
  },
  {
    name: 'zone',
    kind: 'categorical',
    description: 'Delivery zone of the customer.',
    categories: ZONES,
  },
  {
    name: 'vehicle',
    kind: 'categorical',
    description: 'Vehicle of the assigned courier; bikes downtown, cars in the outskirts.',
    categories: VEHICLES,
  },
  {
    name: 'courier_load',
    kind: 'numeric',
    unit: 'orders/courier',
    description:
      'Active orders per available courier in the zone; higher at meal peaks, weekends, rain and snow.',
    min: 0.2,
    max: 6,
    decimals: 2,
  },
  {
    name: 'restaurant_prep_min',
    kind: 'numeric',
    unit: 'min',
    description: "The restaurant's estimated preparation time; log-normal, longer for bigger orders.",
    min: 2,
    max: 60,
    decimals: 1,
  },
  {
    name: 'order_items',
    kind: 'numeric',
    unit: 'count',
    description: 'Items in the order; 1 + Poisson(1.6).',
    min: 1,
    max: 20,
    decimals: 0,
  },
];

const CONCEPT: Readonly<Record<string, ConceptParameter>> = {
  base_minutes: {
    default: 5,
    description: 'Fixed minutes per order: dispatch, pickup and handover.',
    min: 0,
    max: 60,
  },
  minutes_per_km_bike: {
    default: 4,
    description: 'Riding minutes per km by bike in clear weather (15 km/h).',
    min: 0.5,
    max: 20,
  },
  minutes_per_km_scooter: {
    default: 2.8,
    description: 'Riding minutes per km by scooter in clear weather (about 21 km/h).',
    min: 0.5,
    max: 20,
  },
  minutes_per_km_car: {
    default: 2.4,
    description: 'Driving minutes per km by car in clear weather (25 km/h, parking included).',
    min: 0.5,
    max: 20,
  },
  rain_slowdown: {
    default: 0.25,
    description: 'Fraction added to travel time in rain.',
    min: 0,
    max: 3,
  },
  snow_slowdown: {
    default: 0.6,
    description: 'Fraction added to travel time in snow.',
    min: 0,
    max: 3,
  },
  fog_slowdown: {
    default: 0.15,
    description: 'Fraction added to travel time in fog.',
    min: 0,
    max: 3,
  },
  rush_slowdown: {
    default: 0.3,
    description:
      'Fraction added to scooter and car travel time in rush hours (07-08 and 17-18 h); bikes filter through.',
    min: 0,
    max: 3,
  },
  load_minutes_per_order: {
    default: 6,
    description: 'Minutes of waiting for a courier per active order per courier above 1.',
    min: 0,
    max: 60,
  },
  minutes_per_item: {
    default: 0.4,
    description: 'Handling minutes per item in the order.',
    min: 0,
    max: 10,
  },
  noise_sd: {
    default: 3,
    description: 'Standard deviation (minutes) of the right-skewed noise: noise_sd * (Exp(1) - 1).',
    min: 0,
    max: 30,
  },
};

// Orders per hour of day (relative), 00 to 23: lunch and dinner peaks.
const HOUR_WEIGHTS = cumulativeWeights([
  0.6, 0.35, 0.2, 0.1, 0.1, 0.15, 0.3, 0.6, 1, 1.4, 1.8, 4.5, 6.5, 5, 2.6, 2, 2.4, 4, 6.5, 7.5, 6, 3.8, 2.2,
  1.2,
]);
const DAY_WEIGHTS = cumulativeWeights([0.12, 0.12, 0.13, 0.14, 0.17, 0.17, 0.15]);
const WEATHER_WEIGHTS = cumulativeWeights([0.66, 0.2, 0.05, 0.09]);
const ZONE_WEIGHTS = cumulativeWeights([0.45, 0.4, 0.15]);
// By zone: median distance (km) and vehicle weights (bike, scooter, car).
const LN_DISTANCE_MEDIAN = Float64Array.from([1.8, 4, 7.5], Math.log);
const VEHICLE_BY_ZONE: readonly Float64Array[] = [
  cumulativeWeights([0.55, 0.35, 0.1]),
  cumulativeWeights([0.25, 0.45, 0.3]),
  cumulativeWeights([0.05, 0.3, 0.65]),
];
// courier_load median multipliers, as logs: meal peak (11-13 h, 18-20 h), weekend (Fri-Sun),
// rain or snow (more orders, fewer couriers).
const LN_PEAK = Math.log(1.5);
const LN_WEEKEND = Math.log(1.15);
const LN_WET = Math.log(1.3);
// ln(median preparation minutes) = ln(9 + 1.5 * items), by items 0..20.
const LN_PREP_MEDIAN = Float64Array.from({ length: 21 }, (_, items) => Math.log(9 + 1.5 * items));
const ITEMS_EXTRA_LAMBDA = Float64Array.of(1.6);
const ITEMS_EXTRA_EXP = ITEMS_EXTRA_LAMBDA.map((l) => Math.exp(-l));

// This event's uniforms, one per feature; the features in NORMAL_FEATURES get a standard normal.
const U = new Float64Array(FEATURES.length);
const NORMAL_FEATURES = Int32Array.of(DISTANCE, LOAD, PREP);

function sample(streams: readonly Rng[], out: Float64Array): void {
  drawUniforms(streams, U);
  normalsInPlace(U, NORMAL_FEATURES);

  const zone = pickIndex(U, ZONE, ZONE_WEIGHTS);
  out[ZONE] = zone;
  const hour = pickIndex(U, HOUR, HOUR_WEIGHTS);
  out[HOUR] = hour;
  const day = pickIndex(U, DAY, DAY_WEIGHTS);
  out[DAY] = day;
  const weather = pickIndex(U, WEATHER_F, WEATHER_WEIGHTS);
  out[WEATHER_F] = weather;
  const items = 1 + poissonQuantile(U, ITEMS, ITEMS_EXTRA_LAMBDA, ITEMS_EXTRA_EXP, 0, 19);
  out[ITEMS] = items;

  const distance = Math.exp(LN_DISTANCE_MEDIAN[zone] + 0.45 * U[DISTANCE]);
  out[DISTANCE] = Math.round((distance < 0.2 ? 0.2 : distance > 25 ? 25 : distance) * 10) / 10;
  out[VEHICLE] = pickIndex(U, VEHICLE, VEHICLE_BY_ZONE[zone]);

  const peak = (hour >= 11 && hour <= 13) || (hour >= 18 && hour <= 20);
  const load = Math.exp(
    (peak ? LN_PEAK : 0) +
      (day >= FRIDAY ? LN_WEEKEND : 0) +
      (weather === RAIN || weather === SNOW ? LN_WET : 0) +
      0.3 * U[LOAD],
  );
  out[LOAD] = Math.round((load < 0.2 ? 0.2 : load > 6 ? 6 : load) * 100) / 100;

  const prep = Math.exp(LN_PREP_MEDIAN[items] + 0.35 * U[PREP]);
  out[PREP] = Math.round((prep < 2 ? 2 : prep > 60 ? 60 : prep) * 10) / 10;
}

/**
 * The expected-shape part of the delivery time (everything but the noise), in minutes:
 * base + prep + distance * minutes_per_km(vehicle) * (1 + weather slowdown) * (1 + rush slowdown)
 * + load_minutes_per_order * max(0, courier_load - 1) + minutes_per_item * order_items.
 */
export function deliveryMinutes(x: Float64Array, c: Concept): number {
  const vehicle = x[VEHICLE];
  const weather = x[WEATHER_F];
  const hour = x[HOUR];
  const perKm =
    vehicle === BIKE
      ? c.minutes_per_km_bike
      : vehicle === SCOOTER
        ? c.minutes_per_km_scooter
        : c.minutes_per_km_car;
  const weatherFactor =
    1 +
    (weather === RAIN
      ? c.rain_slowdown
      : weather === SNOW
        ? c.snow_slowdown
        : weather === FOG
          ? c.fog_slowdown
          : 0);
  const rush = vehicle !== BIKE && ((hour >= 7 && hour < 9) || (hour >= 17 && hour < 19));
  const excessLoad = x[LOAD] - 1;
  return (
    c.base_minutes +
    x[PREP] +
    x[DISTANCE] * perKm * weatherFactor * (rush ? 1 + c.rush_slowdown : 1) +
    c.load_minutes_per_order * (excessLoad > 0 ? excessLoad : 0) +
    c.minutes_per_item * x[ITEMS]
  );
}

/** Delivery minutes: the formula above plus noise_sd * (Exp(1) - 1), at least 1, to 0.1 min. */
function label(x: Float64Array, c: Concept, noise: Rng): number {
  const e = -Math.log(1 - noise.next());
  const minutes = deliveryMinutes(x, c) + c.noise_sd * (e - 1);
  return minutes < 1 ? 1 : Math.round(minutes * 10) / 10;
}

// The world is stateless, so every instance can share one frozen object.
const INSTANCE: WorldInstance = Object.freeze({ sample, label });

export const delivery: World = {
  name: 'delivery',
  title: 'Food delivery time',
  description:
    'One food-delivery order per event: distance, time, day, weather, zone, courier vehicle, courier load, ' +
    'restaurant preparation time and order size, with realistic dependencies (distance and vehicle on zone, ' +
    'courier load on meal peaks, weekends and bad weather, preparation time on order size). Ground truth is ' +
    'a documented formula (preparation + travel slowed by weather and rush hour + waiting for a courier + ' +
    'handling) plus right-skewed noise; the target is the delivery time in minutes.',
  task: 'regression',
  target: {
    name: 'delivery_minutes',
    description: 'Minutes from order placement to handover to the customer.',
    unit: 'min',
    decimals: 1,
  },
  features: FEATURES,
  concept: CONCEPT,
  instantiate: () => INSTANCE,
};
