import { Rng } from '../random/rng';
import { defaultConcept, type Concept, type World, type WorldInstance } from '../worlds/types';
import { compileEffect } from '../injectors/compile';
import type { Effect, FeedbackDraft } from '../injectors/effects';
import { happens } from '../injectors/effects';
import { isProbabilistic, shapeWeight, type Shape } from '../injectors/shapes';
import type { Scenario } from '../scenarios/types';
import {
  DEFAULT_LABELS,
  DEFAULT_START_TIME,
  DEFAULT_TRAFFIC,
  mergeLabels,
  mergeTraffic,
  type LabelFeedbackConfig,
  type TrafficConfig,
} from './config';
import { createEvent, type ServingDirective, type SimEvent } from './event';
import { BoundaryProbe } from './probe';
import { referenceProfile, type ReferenceProfile } from './reference';
import { TrafficProcess } from './traffic';

export interface SimulationOptions {
  readonly world: World;
  readonly seed: number;
  readonly scenario?: Scenario;
  /** Simulated epoch milliseconds of the first moment (default 2026-01-05T00:00:00Z). */
  readonly startTime?: number;
  /** Overrides on top of the scenario's traffic and label settings. */
  readonly traffic?: Partial<TrafficConfig>;
  readonly labels?: Partial<LabelFeedbackConfig>;
}

/** A scenario step compiled against one world. */
interface ActiveStep {
  readonly id: string;
  readonly start: number;
  readonly end: number;
  readonly shape: Shape;
  readonly rng: Rng;
  readonly effect: Effect;
}

/** A world generator run with a step's own streams, so extra draws never shift the main streams. */
interface SideGenerator {
  readonly instance: WorldInstance;
  readonly streams: Rng[];
  readonly noise: Rng;
}

interface AbuseSource {
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
  readonly stepRngs: readonly Rng[];
  next: number;
}

/** Bounds the resampling that a prior shift does, whatever the target rate. */
const PRIOR_ATTEMPTS = 10_000;

/**
 * A seeded, endless stream of requests with ground truth for one world, with a scenario's steps
 * applied. Same options ⇒ same events. `next()` reuses one event object (see SimEvent).
 */
export class Simulation {
  readonly world: World;
  readonly traffic: TrafficConfig;
  readonly labels: LabelFeedbackConfig;
  readonly startTime: number;
  readonly reference: ReferenceProfile;

  private readonly root: Rng;
  private readonly instance: WorldInstance;
  private readonly streams: Rng[];
  private readonly noise: Rng;
  private readonly feedbackRng: Rng;
  private readonly clientRng: Rng;
  private readonly clientNames: string[];
  private readonly arrivals: TrafficProcess;
  private readonly baseConcept: Concept;
  private readonly workConcept: Record<string, number>;
  private readonly steps: ActiveStep[];
  /** Each step's own stream, drawn from by ordinary events. */
  private readonly stepRngs: readonly Rng[];
  private readonly intensity: Float64Array;
  private readonly abuse: AbuseSource[];
  private readonly incidentLists = new Map<string, readonly string[]>();
  private readonly baseFieldNames: readonly string[];
  private readonly feedback: FeedbackDraft = { delay: 0, delivered: false, label: 0 };
  private readonly event: SimEvent;
  private nextMainTime: number;
  private nextId = 1;
  private duplicatePending = false;

  constructor(options: SimulationOptions) {
    const { world, seed, scenario } = options;
    this.world = world;
    this.startTime = options.startTime ?? DEFAULT_START_TIME;
    this.traffic = mergeTraffic(mergeTraffic(DEFAULT_TRAFFIC, scenario?.traffic), options.traffic);
    this.labels = mergeLabels(mergeLabels(DEFAULT_LABELS, scenario?.labels), options.labels);
    this.root = Rng.root(seed);
    const own = this.root.fork(`world/${world.name}`);
    this.instance = world.instantiate(own.fork('instance'));
    this.streams = world.features.map((f) => own.fork(`feature/${f.name}`));
    this.noise = own.fork('noise');
    this.feedbackRng = own.fork('feedback');
    this.clientRng = own.fork('clients');
    const width = String(this.traffic.clients).length;
    this.clientNames = Array.from(
      { length: this.traffic.clients },
      (_, i) => `client-${String(i + 1).padStart(width, '0')}`,
    );
    this.arrivals = new TrafficProcess(
      this.traffic,
      own.fork('arrivals'),
      own.fork('bursts'),
      this.startTime,
    );
    this.baseConcept = defaultConcept(world);
    this.workConcept = { ...this.baseConcept };
    this.reference = referenceProfile(world, seed);
    this.steps = (scenario?.timeline ?? [])
      .filter((s) => s.target.world === world.name)
      .map((s) => ({
        id: s.id,
        start: this.startTime + s.start,
        end: this.startTime + s.start + s.duration,
        shape: s.shape,
        rng: this.root.fork(`step/${s.id}`),
        effect: compileEffect(s, world, this.reference),
      }));
    this.intensity = new Float64Array(this.steps.length);
    this.stepRngs = this.steps.map((s) => s.rng);
    this.abuse = this.steps.flatMap((step) => {
      const effect = step.effect;
      if (effect.category !== 'abuse') return [];
      const generator = this.sideGenerator(step.rng);
      const source: AbuseSource = {
        step,
        rate: effect.rate,
        band: effect.band,
        client: this.attackerName(step.rng.fork('client')),
        generator,
        probe:
          effect.band !== null && this.instance.score
            ? new BoundaryProbe(world, this.instance.score.bind(this.instance), generator)
            : null,
        stepRngs: this.steps.map((s) => step.rng.fork(`step/${s.id}`)),
        next: step.start,
      };
      this.advanceAbuse(source);
      return [source];
    });
    this.event = createEvent(world);
    this.baseFieldNames = this.event.fieldNames;
    this.nextMainTime = this.arrivals.next();
  }

  /** An abusive client's id: outside the ordinary ones, written the same way so its form gives nothing away. */
  private attackerName(rng: Rng): string {
    const n = this.traffic.clients;
    return `client-${String(n + 1 + rng.int(n)).padStart(String(n).length, '0')}`;
  }

  /** The next request in time order. The returned object is reused by the next call. */
  next(): SimEvent {
    const event = this.event;
    if (this.duplicatePending) {
      // A duplicated record: the same payload sent again as a new request.
      this.duplicatePending = false;
      event.id = this.nextId++;
      return event;
    }
    let source: AbuseSource | null = null;
    for (const a of this.abuse)
      if (a.next < this.nextMainTime && (!source || a.next < source.next)) source = a;
    if (source) this.emitAbuse(source);
    else {
      this.emitOrdinary(this.nextMainTime);
      this.nextMainTime = this.arrivals.next();
    }
    event.id = this.nextId++;
    return event;
  }

  private resetEvent(time: number): SimEvent {
    const event = this.event;
    if (event.faulty) {
      event.sentAs.fill(0);
      event.fieldNames = this.baseFieldNames;
      event.faulty = false;
    }
    event.time = time;
    event.serving = null;
    return event;
  }

  /** Resolves every step's intensity at `time`; returns the ids of steps whose window contains it. */
  private resolveSteps(time: number, rngs: readonly Rng[]): readonly string[] {
    const steps = this.steps;
    if (steps.length === 0) return NO_INCIDENTS;
    let key = '';
    for (let k = 0; k < steps.length; k++) {
      const s = steps[k];
      if (time >= s.start && time < s.end) {
        const w = shapeWeight(s.shape, time - s.start);
        this.intensity[k] = isProbabilistic(s.shape) ? (rngs[k].next() < w ? 1 : 0) : w;
        key += key === '' ? s.id : `\u0000${s.id}`;
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

  private emitOrdinary(time: number): void {
    const event = this.resetEvent(time);
    event.incidents = this.resolveSteps(time, this.stepRngs);
    event.client = this.clientNames[this.clientRng.int(this.clientNames.length)];
    const concept = this.conceptNow(this.stepRngs);
    this.instance.advance?.(concept);
    this.instance.sample(this.streams, event.truth);
    this.applyCovariate(event.truth);
    event.label = this.instance.label(event.truth, concept, this.noise);
    this.applyPriorShift(event, concept);
    event.sent.set(event.truth);
    this.applyQuality(event);
    this.deliverFeedback(event);
    this.applyServing(event, this.stepRngs);
  }

  private emitAbuse(source: AbuseSource): void {
    const time = source.next;
    const event = this.resetEvent(time);
    event.incidents = this.resolveSteps(time, source.stepRngs);
    event.client = source.client;
    const concept = this.conceptNow(source.stepRngs);
    const { instance, streams, noise } = source.generator;
    instance.sample(streams, event.truth);
    if (source.band !== null && source.probe) source.probe.craft(event.truth, concept, source.band);
    event.label = this.instance.label(event.truth, concept, noise);
    event.sent.set(event.truth);
    // An abuser's requests never get ground truth back.
    event.feedbackAt = NaN;
    event.feedbackLabel = event.label;
    this.applyServing(event, source.stepRngs);
    this.advanceAbuse(source);
  }

  /** Thinning: candidates at the source's full rate, kept with the step's weight at that moment. */
  private advanceAbuse(source: AbuseSource): void {
    const { step, rate } = source;
    let t = source.next;
    for (;;) {
      t += (step.rng.exponential() * 1000) / rate;
      if (t >= step.end) {
        source.next = Infinity;
        return;
      }
      if (happens(shapeWeight(step.shape, t - step.start), step.rng)) {
        source.next = t;
        return;
      }
    }
  }

  private conceptNow(rngs: readonly Rng[]): Concept {
    let changed = false;
    for (let k = 0; k < this.steps.length; k++) {
      const effect = this.steps[k].effect;
      if (effect.category !== 'concept' || this.intensity[k] === 0) continue;
      if (!changed) Object.assign(this.workConcept, this.baseConcept);
      changed = true;
      effect.apply(this.workConcept, this.baseConcept, this.intensity[k], rngs[k]);
    }
    return changed ? this.workConcept : this.baseConcept;
  }

  private applyCovariate(x: Float64Array): void {
    for (let k = 0; k < this.steps.length; k++) {
      const effect = this.steps[k].effect;
      if (effect.category === 'covariate' && this.intensity[k] > 0)
        effect.apply(x, this.intensity[k], this.steps[k].rng);
    }
  }

  /**
   * Prior shift by acceptance sampling on the class: P(x | y) is kept, P(y) becomes the target.
   * Replacements come from the step's own streams.
   */
  private applyPriorShift(event: SimEvent, concept: Concept): void {
    for (let k = 0; k < this.steps.length; k++) {
      const step = this.steps[k];
      const effect = step.effect;
      if (effect.category !== 'prior' || this.intensity[k] === 0) continue;
      const base = this.reference.positiveRate;
      const target = effect.targetRate(this.intensity[k]);
      const acceptPositive = target >= base ? 1 : (target * (1 - base)) / (base * (1 - target));
      const acceptNegative = target >= base ? (base * (1 - target)) / (target * (1 - base)) : 1;
      const side = this.sideGenerator(step.rng);
      for (let i = 0; i < PRIOR_ATTEMPTS; i++) {
        if (step.rng.next() < (event.label === 1 ? acceptPositive : acceptNegative)) return;
        side.instance.sample(side.streams, event.truth);
        this.applyCovariate(event.truth);
        event.label = this.instance.label(event.truth, concept, side.noise);
      }
    }
  }

  private readonly sideGenerators = new Map<Rng, SideGenerator>();
  private sideGenerator(rng: Rng): SideGenerator {
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

  private applyQuality(event: SimEvent): void {
    for (let k = 0; k < this.steps.length; k++) {
      const effect = this.steps[k].effect;
      if (effect.category !== 'quality' || this.intensity[k] === 0) continue;
      effect.apply(event, this.intensity[k], this.steps[k].rng);
      if (effect.duplicateRate > 0 && happens(effect.duplicateRate * this.intensity[k], this.steps[k].rng))
        this.duplicatePending = true;
    }
  }

  private deliverFeedback(event: SimEvent): void {
    const fb = this.feedback;
    const { delay, coverage } = this.labels;
    // Both draws happen for every event so the feedback stream stays aligned whatever the steps do.
    fb.delay = delay.median * Math.exp(delay.sigma * this.feedbackRng.normal());
    fb.delivered = this.feedbackRng.next() < coverage;
    fb.label = event.label;
    for (let k = 0; k < this.steps.length; k++) {
      const effect = this.steps[k].effect;
      if (effect.category === 'label' && this.intensity[k] > 0)
        effect.apply(fb, this.intensity[k], this.steps[k].rng);
    }
    event.feedbackAt = fb.delivered ? event.time + fb.delay : NaN;
    event.feedbackLabel = fb.label;
  }

  private applyServing(event: SimEvent, rngs: readonly Rng[]): void {
    let directive: ServingDirective | null = null;
    for (let k = 0; k < this.steps.length; k++) {
      const effect = this.steps[k].effect;
      if (effect.category !== 'serving' || this.intensity[k] === 0) continue;
      directive ??= { addedLatencyMs: 0, failStatus: 0, unavailable: false };
      effect.apply(directive, this.intensity[k], rngs[k]);
    }
    event.serving = directive;
  }
}

const NO_INCIDENTS: readonly string[] = Object.freeze([]);
