import { Rng } from '../random/rng';
import { defaultConcept, type World } from '../worlds/types';

/** Typical values of a world under its default concept, estimated from a fixed sample. */
export interface ReferenceProfile {
  /** Per feature: mean (numeric) or NaN. */
  readonly mean: Float64Array;
  /** Per feature: median (numeric) or most frequent category index (categorical). */
  readonly typical: Float64Array;
  /** Classification: the share of positive labels; NaN for regression. */
  readonly positiveRate: number;
}

const REFERENCE_SIZE = 20_000;

/** Recent profiles by world and seed: one costs 20 000 draws, and runs of one seed share it. */
const cache = new Map<string, { world: World; profile: ReferenceProfile }>();
const CACHE_SIZE = 16;

/**
 * Estimated from its own stream (`reference`) so it is the same for every run of a seed and never
 * disturbs the simulation's streams. Memoised for the last few (world, seed) pairs; treat the
 * result as read-only.
 */
export function referenceProfile(world: World, seed: number | string): ReferenceProfile {
  const key = `${world.name}\u0000${String(seed)}`;
  const hit = cache.get(key);
  if (hit && hit.world === world) return hit.profile;
  const profile = computeProfile(world, seed);
  cache.delete(key);
  cache.set(key, { world, profile });
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return profile;
}

function computeProfile(world: World, seed: number | string): ReferenceProfile {
  const rng = Rng.root(seed).fork(`reference/${world.name}`);
  const instance = world.instantiate(rng.fork('instance'));
  const streams = world.features.map((f) => rng.fork(`feature/${f.name}`));
  const noise = rng.fork('noise');
  const concept = defaultConcept(world);
  const n = world.features.length;
  const columns = world.features.map(() => new Float64Array(REFERENCE_SIZE));
  const x = new Float64Array(n);
  let positives = 0;
  for (let i = 0; i < REFERENCE_SIZE; i++) {
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
    positiveRate: world.task === 'classification' ? positives / REFERENCE_SIZE : NaN,
  };
}
