import { sentFeatures, type ServingDirective, type SimEvent } from '../engine/event';
import { Simulation, type SimulationOptions } from '../engine/simulation';
import type { Shape } from '../injectors/shapes';
import type { Scenario, Step } from '../scenarios/types';
import type { World } from '../worlds/types';

/** A kept copy of one SimEvent (the simulation reuses its event object). */
export interface Snap {
  readonly id: number;
  readonly time: number;
  readonly client: string;
  readonly truth: Float64Array;
  readonly fieldNames: readonly string[];
  /** `sentFeatures(event)`: the payload as the client sends it. */
  readonly payload: Record<string, number | string | null>;
  /** Per feature, the payload's value under the feature's own name (undefined when absent). */
  readonly values: readonly (number | string | null | undefined)[];
  readonly label: number;
  readonly feedbackAt: number;
  readonly feedbackLabel: number;
  readonly incidents: readonly string[];
  readonly serving: ServingDirective | null;
}

export function snap(e: SimEvent): Snap {
  const payload = sentFeatures(e);
  const names = e.world.features;
  const values = new Array<number | string | null | undefined>(names.length);
  for (let j = 0; j < names.length; j++) {
    // (No feature is called like an Object.prototype member, so a plain lookup is safe.)
    values[j] = payload[names[j].name];
  }
  return {
    id: e.id,
    time: e.time,
    client: e.client,
    truth: e.truth.slice(),
    fieldNames: e.fieldNames,
    payload,
    values,
    label: e.label,
    feedbackAt: e.feedbackAt,
    feedbackLabel: e.feedbackLabel,
    // The engine's incident lists are frozen and shared: no copy needed.
    incidents: e.incidents,
    serving: e.serving ? { ...e.serving } : null,
  };
}

/**
 * Whether two values are the same, NaN included. (Object.is does this too, but it is about ten times
 * slower inside jest's VM context.)
 */
export function same(x: unknown, y: unknown): boolean {
  return x === y || (x !== x && y !== y);
}

/** The first `n` events of a simulation, copied. */
export function run(options: SimulationOptions, n: number): Snap[] {
  const sim = new Simulation(options);
  const out: Snap[] = new Array<Snap>(n);
  for (let i = 0; i < n; i++) out[i] = snap(sim.next());
  return out;
}

/** Events until simulated time `end` (epoch ms), copied. */
export function runUntil(options: SimulationOptions, end: number): Snap[] {
  const sim = new Simulation(options);
  const out: Snap[] = [];
  for (let e = sim.next(); e.time < end; e = sim.next()) out.push(snap(e));
  return out;
}

/** A step active from the start for ever with a sudden shape, unless told otherwise. */
export function step(
  injector: string,
  target: Step['target'],
  params: Record<string, unknown> = {},
  extra: { id?: string; start?: number; duration?: number; shape?: Shape } = {},
): Step {
  return {
    id: extra.id ?? 'under-test',
    start: extra.start ?? 0,
    duration: extra.duration ?? Infinity,
    injector,
    target,
    params,
    shape: extra.shape ?? { type: 'sudden' },
  };
}

/** A minimal scenario around some steps (the answer key is irrelevant to the engine). */
export function scenario(world: World, timeline: readonly Step[], extra: Partial<Scenario> = {}): Scenario {
  return {
    id: 'test',
    title: 'test',
    brief: 'test',
    answer: {
      kind: 'covariate',
      model: world.name,
      features: [],
      what: '',
      when: '',
      recover: '',
      signals: [],
    },
    seed: 0,
    worlds: [world.name],
    timeline,
    ...extra,
  };
}

/** Column `j` of the true feature values. */
export function truthColumn(events: readonly Snap[], j: number): Float64Array {
  const out = new Float64Array(events.length);
  for (let i = 0; i < events.length; i++) out[i] = events[i].truth[j];
  return out;
}

/** Ordinary clients are client-001 to client-200 (the default traffic); abusers come from outside. */
export function isOrdinaryClient(client: string): boolean {
  return Number(client.slice('client-'.length)) <= 200;
}
