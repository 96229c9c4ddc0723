// Test support for the worlds' own tests: sampling, labelling and building records by name.
import { Rng } from '../random/rng';
import { featureIndex, roundTo, type Concept, type World, type WorldInstance } from '../worlds/types';

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

/** Throws, naming the feature and value, unless every value is valid: numeric in [min, max] at its decimals, categorical an index. */
export function expectValidValues(world: World, rows: readonly Float64Array[]): void {
  world.features.forEach((f, i) => {
    for (const x of rows) {
      const v = x[i];
      if (f.kind === 'numeric') {
        if (!(v >= f.min && v <= f.max && roundTo(v, f.decimals) === v))
          throw new Error(`${f.name} = ${v} outside [${f.min}, ${f.max}] or not at ${f.decimals} decimals`);
      } else if (!(Number.isInteger(v) && v >= 0 && v < f.categories.length)) {
        throw new Error(`${f.name} = ${v} is not a category index`);
      }
    }
  });
}

/**
 * The split-stream tests every world passes: re-drawing one feature's stream changes that feature
 * and nothing that does not depend on it (directly or through a chain in `parents`), and each
 * feature consumes exactly one draw per event.
 */
export function streamIsolationTests(world: World, parents: Record<string, string[]>, events = 1000): void {
  const { F, streamsFor, sampleMany } = worldHelpers(world);
  const descendants = (name: string): Set<string> => {
    const out = new Set<string>();
    for (let grew = true; grew;) {
      grew = false;
      for (const [child, ps] of Object.entries(parents)) {
        if (!out.has(child) && ps.some((p) => p === name || out.has(p))) {
          out.add(child);
          grew = true;
        }
      }
    }
    return out;
  };

  it.each(world.features.map((f) => f.name))(
    're-drawing %s from another stream changes it and leaves the features that do not depend on it unchanged',
    (name) => {
      const base = sampleMany(events, 'iso');
      const streams = streamsFor('iso');
      streams[F[name]] = Rng.root('other').fork(name);
      const changed = sampleMany(events, 'iso', streams);
      const affected = descendants(name);
      world.features.forEach((f, i) => {
        const same = base.every((x, k) => x[i] === changed[k][i]);
        if (f.name === name) expect(same).toBe(false);
        else if (!affected.has(f.name))
          expect({ feature: f.name, same }).toEqual({ feature: f.name, same: true });
      });
    },
  );

  it('consumes exactly one draw per feature per event', () => {
    const streams = streamsFor('count');
    sampleMany(events, 'count', streams);
    const fresh = streamsFor('count');
    world.features.forEach((_, i) => {
      for (let k = 0; k < events; k++) fresh[i].uint32();
      expect(streams[i].uint32()).toBe(fresh[i].uint32());
    });
  });
}
