// A bare-bones monitor used to check that every built-in scenario can be diagnosed from monitoring
// signals alone: it compares a window before an incident with a window during it, using only what
// a monitoring stack sees (requests as sent, delivered labels, serving outcomes, a frozen model).
import {
  Rng,
  defaultConcept,
  sentFeatures,
  shapeWeight,
  Simulation,
  type Scenario,
  type SimEvent,
  type World,
} from '@driftlab/simulator';
import {
  chiSquareHomogeneity,
  ksTest,
  median,
  proportionDifferenceTolerance,
} from '../../simulator/src/testing/stats';

interface Observation {
  time: number;
  client: string;
  payload: string;
  features: Record<string, number | string | null>;
  /** The frozen model's error on the delivered label: 0/1 for classification, |error| for regression. */
  error: number;
  /** The delivered label, or NaN. */
  delivered: number;
  delay: number;
  failed: boolean;
  unavailable: boolean;
  addedLatency: number;
}

/** A model frozen at the start: the world's own rule under its default concept. */
function frozenModel(world: World, seed: number) {
  const instance = world.instantiate(Rng.root(seed).fork(`world/${world.name}`).fork('instance'));
  const concept = { ...defaultConcept(world) };
  // Regression worlds: predict without noise.
  for (const name of Object.keys(concept))
    if (/noise/.test(name) && world.task === 'regression') concept[name] = 0;
  const quiet = Rng.root('frozen-model');
  return (x: Float64Array) =>
    world.task === 'classification'
      ? instance.score!(x, concept) >= 0.5
        ? 1
        : 0
      : instance.label(x, concept, quiet);
}

function observe(event: SimEvent, predict: (x: Float64Array) => number): Observation {
  const features = sentFeatures(event);
  const delivered = event.feedbackAt === event.feedbackAt ? event.feedbackLabel : NaN;
  const prediction = predict(event.truth);
  return {
    time: event.time,
    client: event.client,
    payload: JSON.stringify(features),
    features,
    error: Number.isNaN(delivered)
      ? NaN
      : event.world.task === 'classification'
        ? Number(prediction !== delivered)
        : Math.abs(prediction - delivered),
    delivered,
    delay: Number.isNaN(delivered) ? NaN : event.feedbackAt - event.time,
    failed: (event.serving?.failStatus ?? 0) > 0,
    unavailable: event.serving?.unavailable ?? false,
    addedLatency: event.serving?.addedLatencyMs ?? 0,
  };
}

export interface Windows {
  before: Observation[];
  during: Observation[];
}

const WINDOW = 20_000;

/** The last WINDOW events before the first step, and the first WINDOW events where it is at full strength. */
export function collectWindows(scenario: Scenario, world: World): Windows {
  const first = scenario.timeline.find((s) => s.target.world === world.name)!;
  const simulation = new Simulation({ world, seed: scenario.seed, scenario });
  const predict = frozenModel(world, scenario.seed);
  const start = simulation.startTime + first.start;
  const end = start + first.duration;
  const before: Observation[] = [];
  const during: Observation[] = [];
  while (during.length < WINDOW) {
    const event = simulation.next();
    if (event.time >= end) break;
    if (event.time < start) {
      before.push(observe(event, predict));
      if (before.length > WINDOW) before.shift();
    } else if (shapeWeight(first.shape, event.time - start) >= 0.9) {
      during.push(observe(event, predict));
    }
  }
  return { before, during };
}

const share = (xs: Observation[], f: (o: Observation) => boolean) => xs.filter(f).length / xs.length;

/** A rise in a share beyond sampling error (4 standard errors) and beyond `floor`. */
function rises(w: Windows, f: (o: Observation) => boolean, floor = 0.005): boolean {
  const a = share(w.before, f);
  const b = share(w.during, f);
  return b - a > Math.max(floor, proportionDifferenceTolerance(a, w.before.length, b, w.during.length));
}

/** The signals a monitoring stack would raise for this window pair. */
export function signals(world: World, w: Windows): Set<string> {
  const out = new Set<string>();
  const names = new Set(world.features.map((f) => f.name));
  for (const spec of world.features) {
    const value = (o: Observation) => o.features[spec.name];
    const missing = (o: Observation) => value(o) === null || value(o) === undefined;
    if (rises(w, missing)) out.add(`missing:${spec.name}`);
    if (spec.kind === 'numeric') {
      const numbers = (xs: Observation[]) => xs.map(value).filter((v): v is number => typeof v === 'number');
      if (ksTest(numbers(w.before), numbers(w.during), 0.001).rejects) out.add(`drift:${spec.name}`);
      if (rises(w, (o) => typeof value(o) === 'string')) out.add(`type:${spec.name}`);
      if (
        rises(
          w,
          (o) =>
            typeof value(o) === 'number' &&
            ((value(o) as number) < spec.min || (value(o) as number) > spec.max),
        )
      )
        out.add(`range:${spec.name}`);
    } else {
      const counts = (xs: Observation[]) =>
        spec.categories.map((c) => xs.filter((o) => value(o) === c).length);
      if (chiSquareHomogeneity(counts(w.before), counts(w.during)).rejects) out.add(`drift:${spec.name}`);
      if (rises(w, (o) => typeof value(o) === 'string' && !spec.categories.includes(value(o) as string)))
        out.add(`unseen:${spec.name}`);
    }
  }
  if (rises(w, (o) => Object.keys(o.features).some((k) => !names.has(k)))) out.add('unknown-field');

  const labelled = (xs: Observation[]) => xs.filter((o) => !Number.isNaN(o.delivered));
  const lb = labelled(w.before);
  const ld = labelled(w.during);
  if (world.task === 'classification') {
    const pos = (xs: Observation[]) => xs.filter((o) => o.delivered === 1).length / xs.length;
    const [a, b] = [pos(lb), pos(ld)];
    if (Math.abs(b - a) > proportionDifferenceTolerance(a, lb.length, b, ld.length)) out.add('label-rate');
    const err = (xs: Observation[]) => xs.reduce((s, o) => s + o.error, 0) / xs.length;
    const [ea, eb] = [err(lb), err(ld)];
    if (eb - ea > Math.max(0.01, proportionDifferenceTolerance(ea, lb.length, eb, ld.length)))
      out.add('accuracy');
  } else {
    if (
      ksTest(
        lb.map((o) => o.delivered),
        ld.map((o) => o.delivered),
        0.001,
      ).rejects
    )
      out.add('label-rate');
    if (
      ksTest(
        lb.map((o) => o.error),
        ld.map((o) => o.error),
        0.001,
      ).rejects
    )
      out.add('accuracy');
  }
  if (lb.length / w.before.length - ld.length / w.during.length > 0.05) out.add('coverage');
  if (ld.length > 0 && median(ld.map((o) => o.delay)) > 1.5 * median(lb.map((o) => o.delay)))
    out.add('delay');
  if (rises(w, (o) => o.failed, 0.01)) out.add('errors');
  if (rises(w, (o) => o.unavailable, 0.01)) out.add('unavailable');
  if (rises(w, (o) => o.addedLatency > 0, 0.01)) out.add('latency');

  const perHour = (xs: Observation[]) => (xs.length * 3_600_000) / (xs[xs.length - 1].time - xs[0].time);
  // The daily curve alone moves the rate up to 3× between night and afternoon.
  if (perHour(w.during) > 5 * perHour(w.before)) out.add('traffic');
  const topShare = (xs: Observation[]) => {
    const counts = new Map<string, number>();
    for (const o of xs) counts.set(o.client, (counts.get(o.client) ?? 0) + 1);
    return Math.max(...counts.values()) / xs.length;
  };
  if (topShare(w.during) > 0.2 && topShare(w.before) < 0.05) out.add('client-concentration');
  const duplicates = (xs: Observation[]) =>
    xs.filter((o, i) => i > 0 && o.time === xs[i - 1].time && o.payload === xs[i - 1].payload).length /
    xs.length;
  if (duplicates(w.during) - duplicates(w.before) > 0.01) out.add('duplicates');
  return out;
}
