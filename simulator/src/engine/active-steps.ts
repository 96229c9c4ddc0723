import type { Rng } from '../random/rng';
import type { World, WorldInstance } from '../worlds/types';
import { compileEffect } from '../injectors/compile';
import { happens, type Effect } from '../injectors/effects';
import { isProbabilistic, shapeWeight, type Shape } from '../injectors/shapes';
import type { Step } from '../scenarios/types';
import { BoundaryProbe } from './probe';
import type { WorldTypicalValues } from './typical-values';

/** A scenario step compiled against one world. */
export interface ActiveStep {
  /** Listed in events' `incidents`: the step's id, or `<incident>/<step>` for a live incident's. */
  readonly name: string;
  /** Its streams' path under the root: `step/<step>`, or `incident/<incident>/step/<step>`. */
  readonly path: string;
  /** Epoch ms of its window [start, end); a live step's moves later by each pause when resumed. */
  start: number;
  end: number;
  /** False when it no longer acts (aborted, or paused before it began or after it ended). */
  on: boolean;
  /**
   * While its incident is paused mid-window: the time it was paused at. It keeps acting at the
   * level its shape had reached then (the tutor pauses to explain the situation as it is), and its
   * window does not end. NaN while its shape runs.
   */
  frozenAt: number;
  readonly shape: Shape;
  readonly rng: Rng;
  readonly effect: Effect;
}

/** A world generator run with a step's own streams, so extra draws never shift the main streams. */
export interface SideGenerator {
  readonly instance: WorldInstance;
  readonly streams: Rng[];
  readonly noise: Rng;
}

/** The extra requests of an abuse step (a flood, boundary probing), from their own client. */
export interface AbuseSource {
  readonly step: ActiveStep;
  readonly rate: number;
  readonly band: number | null;
  readonly client: string;
  readonly generator: SideGenerator;
  /** Boundary probing only. */
  readonly probe: BoundaryProbe | null;
  /**
   * Per step, the stream this source's events draw from (shape coin flips, concept and serving
   * effects), so abuse traffic never shifts what the steps' own streams give ordinary events.
   */
  stepRngs: Rng[];
  next: number;
  /** While its incident is paused before or after its step's window: the arrival `next` held back (then Infinity). */
  held: number;
}

const NO_INCIDENTS: readonly string[] = Object.freeze([]);

/**
 * The steps in effect: the constructor scenario's, then those of live incidents, each with its
 * stream for ordinary events, its intensity at the current event, and the abuse sources. Adding or
 * removing steps replaces the arrays, so read them from here for each event.
 */
export class ActiveSteps {
  steps: ActiveStep[] = [];
  /** Each step's own stream, drawn from by ordinary events. */
  rngs: Rng[] = [];
  /** Per step, its weight at the current event (see `resolve`). */
  intensity = new Float64Array(0);
  abuse: AbuseSource[] = [];
  /** How many of `steps` come from the constructor scenario: those are never removed. */
  readonly fixed: number;
  private readonly sideGenerators = new Map<Rng, SideGenerator>();
  private readonly incidentLists = new Map<string, readonly string[]>();

  constructor(
    readonly world: World,
    /** The simulation's own generator: abuse probes score against it. */
    private readonly instance: WorldInstance,
    /** The root of the simulation's streams: each step forks its own from it. */
    private readonly root: Rng,
    private readonly typicalValues: WorldTypicalValues,
    /** How many ordinary clients there are: abusers are named after them. */
    private readonly clients: number,
    scenarioSteps: readonly Step[],
    startTime: number,
  ) {
    this.add(
      scenarioSteps
        .filter((s) => s.target.world === world.name)
        .map((s) => this.compile(s, s.id, `step/${s.id}`, startTime)),
    );
    this.fixed = this.steps.length;
  }

  /** Compiles `step` with its time 0 at epoch-ms `origin`; throws when it does not fit the world. */
  compile(step: Step, name: string, path: string, origin: number): ActiveStep {
    const rng = this.root.fork(path);
    const effect = compileEffect(step, this.world, this.typicalValues);
    const start = origin + step.start;
    const end = start + step.duration;
    return { name, path, start, end, on: true, frozenAt: NaN, shape: step.shape, rng, effect };
  }

  /** Puts compiled steps into effect; returns the abuse sources they add, first arrivals drawn. */
  add(steps: readonly ActiveStep[]): AbuseSource[] {
    for (const step of steps) {
      this.steps.push(step);
      this.rngs.push(step.rng);
      for (const source of this.abuse) source.stepRngs.push(source.step.rng.fork(step.path));
    }
    this.intensity = new Float64Array(this.steps.length);
    const added: AbuseSource[] = [];
    for (const step of steps) {
      if (step.effect.category !== 'abuse') continue;
      const source = this.abuseSource(step);
      added.push(source);
      this.abuse.push(source);
    }
    return added;
  }

  /** Takes steps out of effect, with their abuse sources and every source's stream for them. */
  remove(drop: (step: ActiveStep, k: number) => boolean): void {
    const kept: number[] = [];
    for (let k = 0; k < this.steps.length; k++) if (!drop(this.steps[k], k)) kept.push(k);
    if (kept.length === this.steps.length) return;
    const steps = this.steps;
    const rngs = this.rngs;
    this.steps = kept.map((k) => steps[k]);
    this.rngs = kept.map((k) => rngs[k]);
    this.intensity = new Float64Array(this.steps.length);
    this.abuse = this.abuse.filter((source) => this.steps.includes(source.step));
    for (const source of this.abuse) {
      const own = source.stepRngs;
      source.stepRngs = kept.map((k) => own[k]);
    }
  }

  /** Frees the side generators of steps that will never act again. */
  forget(steps: readonly ActiveStep[]): void {
    for (const step of steps) this.sideGenerators.delete(step.rng);
  }

  /**
   * Sets every step's intensity at `time`, drawing the coin flips of probabilistic shapes from
   * `rngs`; returns the names of the steps whose window contains it (one shared frozen list per set).
   */
  resolve(time: number, rngs: readonly Rng[]): readonly string[] {
    const steps = this.steps;
    if (steps.length === 0) return NO_INCIDENTS;
    let key = '';
    for (let k = 0; k < steps.length; k++) {
      const s = steps[k];
      const frozen = s.frozenAt === s.frozenAt;
      if (s.on && (frozen || (time >= s.start && time < s.end))) {
        const w = shapeWeight(s.shape, (frozen ? s.frozenAt : time) - s.start);
        this.intensity[k] = isProbabilistic(s.shape) ? (rngs[k].next() < w ? 1 : 0) : w;
        key += key === '' ? s.name : `\u0000${s.name}`;
      } else this.intensity[k] = 0;
    }
    if (key === '') return NO_INCIDENTS;
    let list = this.incidentLists.get(key);
    if (!list) {
      list = Object.freeze(key.split('\u0000'));
      this.incidentLists.set(key, list);
    }
    return list;
  }

  /** The abuse source whose request comes first, if it comes before `time`. */
  nextAbuse(time: number): AbuseSource | null {
    let source: AbuseSource | null = null;
    for (const a of this.abuse) if (a.next < time && (!source || a.next < source.next)) source = a;
    return source;
  }

  /** The world's generator on `rng`'s streams, made once per stream. */
  sideGenerator(rng: Rng): SideGenerator {
    let side = this.sideGenerators.get(rng);
    if (!side) {
      side = {
        instance: this.world.instantiate(rng.fork('instance')),
        streams: this.world.features.map((f) => rng.fork(`feature/${f.name}`)),
        noise: rng.fork('noise'),
      };
      this.sideGenerators.set(rng, side);
    }
    return side;
  }

  /** The traffic source of an abuse step, its first arrival drawn; `this.steps` must include the step. */
  private abuseSource(step: ActiveStep): AbuseSource {
    const effect = step.effect;
    if (effect.category !== 'abuse') throw new Error(`step "${step.name}" adds no traffic`);
    const generator = this.sideGenerator(step.rng);
    const source: AbuseSource = {
      step,
      rate: effect.rate,
      band: effect.band,
      client: this.attackerName(step.rng.fork('client')),
      generator,
      probe:
        effect.band !== null && this.instance.score
          ? new BoundaryProbe(this.world, this.instance.score.bind(this.instance), generator)
          : null,
      stepRngs: this.steps.map((s) => step.rng.fork(s.path)),
      next: step.start,
      held: NaN,
    };
    advanceAbuse(source);
    return source;
  }

  /** An abusive client's id: outside the ordinary ones, written the same way so its form gives nothing away. */
  private attackerName(rng: Rng): string {
    const n = this.clients;
    return `client-${String(n + 1 + rng.int(n)).padStart(String(n).length, '0')}`;
  }
}

/** Draws a source's next arrival by thinning: candidates at its full rate, kept with the step's weight then. */
export function advanceAbuse(source: AbuseSource): void {
  const { step, rate } = source;
  let t = source.next;
  // A paused step's flood goes on at the rate its shape had reached: it does not end meanwhile.
  const frozen = step.frozenAt === step.frozenAt;
  for (;;) {
    t += (step.rng.exponential() * 1000) / rate;
    if (!frozen && t >= step.end) {
      source.next = Infinity;
      return;
    }
    if (happens(shapeWeight(step.shape, (frozen ? step.frozenAt : t) - step.start), step.rng)) {
      source.next = t;
      return;
    }
  }
}
