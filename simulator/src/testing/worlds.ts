// Test support for the worlds' own tests: sampling, labelling and building records by name.
import { Rng } from '../random/rng';
import { featureIndex, type Concept, type World, type WorldInstance } from '../worlds/types';

export function worldHelpers(world: World) {
  /** Feature index by name. */
  const F = Object.fromEntries(world.features.map((f, i) => [f.name, i])) as Record<string, number>;

  /** A category's index, checked. */
  const category = (feature: string, name: string): number => {
    const spec = world.features[F[feature]];
    if (spec.kind !== 'categorical') throw new Error(`${feature} is not categorical`);
    const i = spec.categories.indexOf(name);
    if (i < 0) throw new Error(`${feature} has no category ${name}`);
    return i;
  };

  const streamsFor = (seed: number | string): Rng[] => {
    const root = Rng.root(seed).fork('features');
    return world.features.map((f) => root.fork(f.name));
  };

  const sampleMany = (n: number, seed: number | string, streams = streamsFor(seed)): Float64Array[] => {
    const instance = world.instantiate(Rng.root(seed).fork('world'));
    const rows: Float64Array[] = [];
    for (let i = 0; i < n; i++) {
      const x = new Float64Array(world.features.length);
      instance.sample(streams, x);
      rows.push(x);
    }
    return rows;
  };

  const labels = (
    instance: WorldInstance,
    rows: Float64Array[],
    concept: Concept,
    seed: string,
  ): number[] => {
    const noise = Rng.root(seed).fork('noise');
    return rows.map((x) => instance.label(x, concept, noise));
  };

  /** A record in feature order, built by name so a test does not depend on the column order. */
  const record = (values: Record<string, number>): Float64Array => {
    const x = new Float64Array(world.features.length);
    for (const [name, v] of Object.entries(values)) {
      const i = featureIndex(world, name);
      if (i < 0) throw new Error(`no feature ${name}`);
      x[i] = v;
    }
    return x;
  };

  return { F, category, streamsFor, sampleMany, labels, record };
}
