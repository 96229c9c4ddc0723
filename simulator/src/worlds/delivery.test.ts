import { Rng } from '../random/rng';
import { mean, median } from '../testing/stats';
import { expectValidValues, streamIsolationTests, worldHelpers } from '../testing/worlds';
import { delivery, deliveryMinutes } from './delivery';
import { defaultConcept, roundTo } from './types';

const { F, category, sampleMany, labels, record } = worldHelpers(delivery);

const instance = delivery.instantiate(Rng.root(0));
const concept = defaultConcept(delivery);
const exact = { ...concept, noise_sd: 0 };
const ROWS = sampleMany(100_000, 'delivery-test');
const Y = labels(instance, ROWS, concept, 'delivery-labels');

describe('delivery world: definition', () => {
  it('is a regression in minutes to one decimal, with numeric and categorical features', () => {
    expect(delivery.task).toBe('regression');
    expect(delivery.target.unit).toBe('min');
    expect(delivery.target.decimals).toBe(1);
    expect(delivery.features.some((f) => f.kind === 'numeric')).toBe(true);
    expect(delivery.features.some((f) => f.kind === 'categorical')).toBe(true);
    expect(new Set(delivery.features.map((f) => f.name)).size).toBe(delivery.features.length);
    for (const name of [
      'base_minutes',
      'minutes_per_km_bike',
      'rain_slowdown',
      'load_minutes_per_order',
      'noise_sd',
    ]) {
      expect(delivery.concept[name]).toBeDefined();
    }
  });
});

describe('delivery world: generating process', () => {
  it('delivers in the documented 30-42 minutes on average, every label at least 1 min and to 0.1 min', () => {
    expect(mean(Y)).toBeGreaterThan(30);
    expect(mean(Y)).toBeLessThan(42);
    expect(Y.every((y) => y >= 1 && roundTo(y, 1) === y)).toBe(true);
  });

  it('generates every numeric value in [min, max], rounded to its decimals, and valid category indices', () => {
    expectValidValues(delivery, ROWS);
    delivery.features.forEach((f, i) => {
      if (f.kind === 'categorical') expect(new Set(ROWS.map((x) => x[i])).size).toBe(f.categories.length);
    });
  });

  it('makes distance and vehicle depend on the zone', () => {
    const inZone = (z: string) => ROWS.filter((x) => x[F.zone] === category('zone', z));
    const downtown = inZone('downtown');
    const outskirts = inZone('outskirts');
    expect(median(outskirts.map((x) => x[F.distance_km]))).toBeGreaterThan(
      3 * median(downtown.map((x) => x[F.distance_km])),
    );
    const share = (rows: Float64Array[], v: string) =>
      mean(rows.map((x) => (x[F.vehicle] === category('vehicle', v) ? 1 : 0)));
    expect(share(downtown, 'bike')).toBeGreaterThan(0.45);
    expect(share(outskirts, 'car')).toBeGreaterThan(0.55);
  });

  it('raises courier load at meal peaks and in rain, and prep time with the number of items', () => {
    const loadWhere = (keep: (x: Float64Array) => boolean) =>
      median(ROWS.filter(keep).map((x) => x[F.courier_load]));
    const peak = (h: number) => (h >= 11 && h <= 13) || (h >= 18 && h <= 20);
    expect(loadWhere((x) => peak(x[F.hour_of_day]))).toBeGreaterThan(
      1.3 * loadWhere((x) => !peak(x[F.hour_of_day])),
    );
    const rain = category('weather', 'rain');
    const clear = category('weather', 'clear');
    expect(loadWhere((x) => x[F.weather] === rain)).toBeGreaterThan(
      1.15 * loadWhere((x) => x[F.weather] === clear),
    );
    const prepFor = (keep: (n: number) => boolean) =>
      median(ROWS.filter((x) => keep(x[F.order_items])).map((x) => x[F.restaurant_prep_min]));
    expect(prepFor((n) => n >= 5)).toBeGreaterThan(prepFor((n) => n === 1) + 4);
  });

  it('delivers later in rain and snow than in clear weather', () => {
    const minutesIn = (w: string) => mean(Y.filter((_, i) => ROWS[i][F.weather] === category('weather', w)));
    expect(minutesIn('rain')).toBeGreaterThan(minutesIn('clear') + 3);
    expect(minutesIn('snow')).toBeGreaterThan(minutesIn('rain'));
  });
});

describe('delivery world: ground truth', () => {
  // A car in the suburbs at 18 h (rush hour) in the rain.
  const rainyCar = record({
    distance_km: 5,
    hour_of_day: 18,
    day_of_week: category('day_of_week', 'fri'),
    weather: category('weather', 'rain'),
    zone: category('zone', 'suburb'),
    vehicle: category('vehicle', 'car'),
    courier_load: 2,
    restaurant_prep_min: 15,
    order_items: 3,
  });

  it('computes a hand-worked delivery time with noise_sd = 0', () => {
    // base 5 + prep 15 + travel 5 km * 2.4 min/km * (1 + 0.25 rain) * (1 + 0.3 rush) = 19.5
    //   + waiting 6 * (2 - 1) = 6 + handling 0.4 * 3 = 1.2  =>  46.7 min
    expect(instance.label(rainyCar, exact, Rng.root('n'))).toBe(46.7);
    expect(deliveryMinutes(rainyCar, concept)).toBeCloseTo(46.7, 10);
  });

  it('exempts bikes from rush hour and ignores load below one order per courier', () => {
    const snowyBike = record({
      distance_km: 2,
      hour_of_day: 18,
      day_of_week: category('day_of_week', 'mon'),
      weather: category('weather', 'snow'),
      zone: category('zone', 'downtown'),
      vehicle: category('vehicle', 'bike'),
      courier_load: 0.8,
      restaurant_prep_min: 10,
      order_items: 1,
    });
    // base 5 + prep 10 + travel 2 km * 4 min/km * (1 + 0.6 snow) = 12.8 + waiting 0 + handling 0.4 => 28.2
    expect(instance.label(snowyBike, exact, Rng.root('n'))).toBe(28.2);
  });

  it('adds mean-zero, right-skewed noise with the documented spread', () => {
    const noise = Rng.root('noise-shape').fork('noise');
    const residuals: number[] = [];
    for (let i = 0; i < 50_000; i++) residuals.push(instance.label(rainyCar, concept, noise) - 46.7);
    const m = mean(residuals);
    const sd = Math.sqrt(mean(residuals.map((r) => (r - m) ** 2)));
    expect(Math.abs(m)).toBeLessThan(0.1);
    expect(sd).toBeGreaterThan(2.8);
    expect(sd).toBeLessThan(3.2);
    // noise_sd * (Exp(1) - 1) is at least -noise_sd, with a long right tail.
    expect(Math.min(...residuals)).toBeGreaterThanOrEqual(-3.05);
    expect(Math.max(...residuals)).toBeGreaterThan(15);
  });

  it('lengthens the same deliveries when rain_slowdown is raised, only in the rain (concept drift)', () => {
    const rows = ROWS.slice(0, 20_000);
    const before = labels(instance, rows, concept, 'drift');
    const after = labels(instance, rows, { ...concept, rain_slowdown: 1 }, 'drift');
    const rain = category('weather', 'rain');
    rows.forEach((x, i) => {
      if (x[F.weather] !== rain && after[i] !== before[i]) throw new Error(`row ${i} outside rain changed`);
      if (after[i] < before[i]) throw new Error(`row ${i} got faster`);
    });
    const rainy = rows.map((_, i) => i).filter((i) => rows[i][F.weather] === rain);
    expect(mean(rainy.map((i) => after[i]))).toBeGreaterThan(mean(rainy.map((i) => before[i])) + 5);
  });

  it('turns the weather and load parameters into the documented exact differences', () => {
    const clear = Float64Array.from(rainyCar);
    clear[F.weather] = category('weather', 'clear');
    // Rain adds 0.25 of the travel time: 5 * 2.4 * 1.3 * 0.25 = 3.9 min.
    expect(deliveryMinutes(rainyCar, exact) - deliveryMinutes(clear, exact)).toBeCloseTo(3.9, 10);
    const busier = Float64Array.from(rainyCar);
    busier[F.courier_load] = 3;
    // One more active order per courier waits load_minutes_per_order = 6 min.
    expect(deliveryMinutes(busier, exact) - deliveryMinutes(rainyCar, exact)).toBeCloseTo(6, 10);
    expect(
      deliveryMinutes(busier, { ...exact, load_minutes_per_order: 10 }) - deliveryMinutes(rainyCar, exact),
    ).toBeCloseTo((3 - 1) * 10 - (2 - 1) * 6, 10);
  });
});

describe('delivery world: streams', () => {
  it('is deterministic: the same seed gives identical vectors and labels', () => {
    const a = sampleMany(2000, 9);
    expect(sampleMany(2000, 9)).toEqual(a);
    expect(labels(instance, a, concept, 'x')).toEqual(labels(instance, a, concept, 'x'));
    expect(sampleMany(2000, 10)).not.toEqual(a);
  });

  const PARENTS: Record<string, string[]> = {
    distance_km: ['zone'],
    vehicle: ['zone'],
    courier_load: ['hour_of_day', 'day_of_week', 'weather'],
    restaurant_prep_min: ['order_items'],
  };

  streamIsolationTests(delivery, PARENTS);
});
