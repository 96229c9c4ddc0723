import { Rng } from '../random/rng';
import { defaultConcept, type World } from '../worlds/types';

/**
 * Typical values of a world under its default concept, estimated from a fixed sample: what
 * injectors centre a scale change on, stick a feature at, and shift the class prior from. (Not a
 * model's training distribution: that is serving's ReferenceProfile.)
 */
export interface WorldTypicalValues {
  /** Per feature: mean (numeric) or NaN. */
  readonly mean: Float64Array;
  /** Per feature: median (numeric) or most frequent category index (categorical). */
  readonly typical: Float64Array;
  /** Classification: the share of positive labels; NaN for regression. */
  readonly positiveRate: number;
}

const SAMPLE_SIZE = 20_000;

/** Recent results by world and seed: one costs 20 000 draws, and runs of one seed share it. */
const cache = new Map<string, { world: World; values: WorldTypicalValues }>();
const CACHE_SIZE = 16;

/**
 * Estimated from its own stream (`reference/<world>`) so it is the same for every run of a seed and never
 * disturbs the simulation's streams. Memoised for the last few (world, seed) pairs; treat the
 * result as read-only.
 */
export function worldTypicalValues(world: World, seed: number | string): WorldTypicalValues {
  const key = `${world.name}\u0000${String(seed)}`;
  const hit = cache.get(key);
  if (hit && hit.world === world) return hit.values;
  const values = estimateTypicalValues(world, seed);
  cache.delete(key);
  cache.set(key, { world, values });
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return values;
}

function estimateTypicalValues(world: World, seed: number | string): WorldTypicalValues {
  const rng = Rng.root(seed).fork(`reference/${world.name}`);
  const instance = world.instantiate(rng.fork('instance'));
  const streams = world.features.map((f) => rng.fork(`feature/${f.name}`));
  const noise = rng.fork('noise');
  const concept = defaultConcept(world);
  const n = world.features.length;
  const columns = world.features.map(() => new Float64Array(SAMPLE_SIZE));
  const x = new Float64Array(n);
  let positives = 0;
  for (let i = 0; i < SAMPLE_SIZE; i++) {
    instance.sample(streams, x);
    for (let j = 0; j < n; j++) columns[j][i] = x[j];
    if (world.task === 'classification') positives += instance.label(x, concept, noise);
  }
  const mean = new Float64Array(n);
  const typical = new Float64Array(n);
  world.features.forEach((spec, j) => {
    const col = columns[j];
    if (spec.kind === 'numeric') {
      let sum = 0;
      for (const v of col) sum += v;
      mean[j] = sum / col.length;
      const sorted = Float64Array.from(col).sort();
      typical[j] = sorted[Math.floor(sorted.length / 2)];
    } else {
      mean[j] = NaN;
      const counts = new Array<number>(spec.categories.length).fill(0);
      for (const v of col) counts[v]++;
      typical[j] = counts.indexOf(Math.max(...counts));
    }
  });
  return {
    mean,
    typical,
    positiveRate: world.task === 'classification' ? positives / SAMPLE_SIZE : NaN,
  };
}
