import { Rng } from '../random/rng';
import { defaultConcept, type Concept, type World, type WorldInstance } from '../worlds/types';
import type { FeedbackDraft } from '../injectors/effects';
import { happens } from '../injectors/effects';
import type { Scenario } from '../scenarios/types';
import { ActiveSteps, advanceAbuse, type AbuseSource, type ActiveStep } from './active-steps';
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
import type { IncidentStatus } from './incidents';
import { LiveIncidents } from './live-incidents';
import { TrafficProcess } from './traffic';
import { worldTypicalValues, type WorldTypicalValues } from './typical-values';

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

/** Bounds the resampling that a prior shift does, whatever the target rate. */
const PRIOR_ATTEMPTS = 10_000;

/**
 * A seeded, endless stream of requests with ground truth for one world, with a scenario's steps
 * applied, and live incidents started, paused, resumed and aborted while it runs. Same options and
 * the same incident calls at the same simulated times ⇒ same events. `next()` reuses one event
 * object (see SimEvent).
 */
export class Simulation {
  readonly world: World;
  readonly traffic: TrafficConfig;
  readonly labels: LabelFeedbackConfig;
  readonly startTime: number;
  /** The world's typical values for this seed, which injectors centre and shift from. */
  readonly reference: WorldTypicalValues;

  private readonly instance: WorldInstance;
  private readonly streams: Rng[];
  private readonly noise: Rng;
  private readonly feedbackRng: Rng;
  private readonly clientRng: Rng;
  private readonly clientNames: string[];
  private readonly arrivals: TrafficProcess;
  private readonly baseConcept: Concept;
  private readonly workConcept: Record<string, number>;
  /** The constructor scenario's steps, then the steps of live incidents (see `startIncident`). */
  private readonly active: ActiveSteps;
  private readonly live: LiveIncidents;
  private readonly baseFieldNames: readonly string[];
  private readonly feedback: FeedbackDraft = { delay: 0, delivered: false, label: 0 };
  private readonly event: SimEvent;
  private nextMainTime: number;
  private nextId = 1;
  /** The step that asked for the last event to be sent again, if any. */
  private duplicateOf: ActiveStep | null = null;

  constructor(options: SimulationOptions) {
    const { world, seed, scenario } = options;
    this.world = world;
    this.startTime = options.startTime ?? DEFAULT_START_TIME;
    this.traffic = mergeTraffic(mergeTraffic(DEFAULT_TRAFFIC, scenario?.traffic), options.traffic);
    this.labels = mergeLabels(mergeLabels(DEFAULT_LABELS, scenario?.labels), options.labels);
    const root = Rng.root(seed);
    const own = root.fork(`world/${world.name}`);
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
    this.reference = worldTypicalValues(world, seed);
    const timeline = scenario?.timeline ?? [];
    this.active = new ActiveSteps(
      world,
      this.instance,
      root,
      this.reference,
      this.traffic.clients,
      timeline,
      this.startTime,
    );
    this.live = new LiveIncidents(this.active, {
      now: () => this.now,
      lastEventTime: () => this.lastEventTime,
      stopped: (steps) => {
        if (this.duplicateOf && steps.includes(this.duplicateOf)) this.duplicateOf = null;
      },
    });
    this.event = createEvent(world);
    this.baseFieldNames = this.event.fieldNames;
    this.nextMainTime = this.arrivals.next();
  }

  /** The next request in time order. The returned object is reused by the next call. */
  next(): SimEvent {
    const event = this.event;
    if (this.duplicateOf) {
      // A duplicated record: the same payload sent again as a new request.
      this.duplicateOf = null;
      event.id = this.nextId++;
      return event;
    }
    let source = this.active.nextAbuse(this.nextMainTime);
    // Control calls take effect when simulated time reaches them; look again after applying one,
    // since a started or resumed incident may send abuse traffic before the candidate.
    while ((source ? source.next : this.nextMainTime) >= this.live.due) {
      this.live.applyDue(source ? source.next : this.nextMainTime);
      source = this.active.nextAbuse(this.nextMainTime);
    }
    if (source) this.emitAbuse(source);
    else {
      this.emitOrdinary(this.nextMainTime);
      this.nextMainTime = this.arrivals.next();
    }
    event.id = this.nextId++;
    return event;
  }

  /**
   * Simulated now: the time of the last generated event (`startTime` before the first). Control
   * calls take an `at` no earlier than this, nor earlier than the incident's own last call: calls
   * for different incidents may be queued in any order (a playbook schedules one for later, then
   * the tutor starts another now), and take effect in time order.
   */
  get now(): number {
    return Math.max(this.startTime, this.lastEventTime);
  }

  /** The time of the last generated event, or −Infinity before the first. */
  private get lastEventTime(): number {
    return this.nextId > 1 ? this.event.time : -Infinity;
  }

  /**
   * Starts a live incident: the steps of `scenario` that target this simulation's world are added
   * with the scenario's time 0 at simulated epoch-ms `at` (a step with `start: 6h` begins at
   * `at + 6h`). Each step draws from its own streams (`incident/<id>/step/<step>`), so the ordinary
   * streams, the constructor scenario's and other incidents' are never shifted. Events list the
   * step as `<id>/<step>`. Returns the number of steps added: 0 when the scenario targets other
   * worlds only (the incident is still recorded, so control calls work on it uniformly).
   * Throws IncidentError for a malformed or taken id, a step that does not compile for this world,
   * or an `at` before `now`.
   */
  startIncident(id: string, scenario: Scenario, at: number): number {
    return this.live.start(id, scenario, at);
  }

  /**
   * From `at` the incident's steps' clocks stand still until `resumeIncident`: a step that acts
   * holds at the level it had reached (a tutor pauses to explain the situation as it is); one that
   * has not begun waits. Throws IncidentError for an unknown id, an incident already paused or
   * aborted, or an `at` before `now`.
   */
  pauseIncident(id: string, at: number): void {
    this.live.pause(id, at);
  }

  /**
   * From `at` a paused incident's steps act again, their remaining schedule later by the time
   * paused: a step with an hour left at the pause has an hour left, and its shape continues where
   * it stopped. Throws IncidentError for an unknown id, an incident not paused, or an `at` before `now`.
   */
  resumeIncident(id: string, at: number): void {
    this.live.resume(id, at);
  }

  /**
   * From `at` the incident's steps never act again: the first event at or after `at` has no effect
   * from them (payload, labels, serving directives, abuse traffic). Throws IncidentError for an
   * unknown id, an incident already aborted, or an `at` before `now`.
   */
  abortIncident(id: string, at: number): void {
    this.live.abort(id, at);
  }

  /**
   * The live incidents in the order they were started, as they stand at the last generated event
   * (a call whose `at` is still ahead shows once an event reaches it). For tutors only.
   */
  incidents(): IncidentStatus[] {
    return this.live.statuses();
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

  private emitOrdinary(time: number): void {
    const event = this.resetEvent(time);
    const rngs = this.active.rngs;
    event.incidents = this.active.resolve(time, rngs);
    event.client = this.clientNames[this.clientRng.int(this.clientNames.length)];
    const concept = this.conceptNow(rngs);
    this.instance.advance?.(concept);
    this.instance.sample(this.streams, event.truth);
    this.applyCovariate(event.truth);
    event.label = this.instance.label(event.truth, concept, this.noise);
    this.applyPriorShift(event, concept);
    event.sent.set(event.truth);
    this.applyQuality(event);
    this.deliverFeedback(event);
    this.applyServing(event, rngs);
  }

  private emitAbuse(source: AbuseSource): void {
    const time = source.next;
    const event = this.resetEvent(time);
    event.incidents = this.active.resolve(time, source.stepRngs);
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
    advanceAbuse(source);
  }

  private conceptNow(rngs: readonly Rng[]): Concept {
    const { steps, intensity } = this.active;
    let changed = false;
    for (let k = 0; k < steps.length; k++) {
      const effect = steps[k].effect;
      if (effect.category !== 'concept' || intensity[k] === 0) continue;
      if (!changed) Object.assign(this.workConcept, this.baseConcept);
      changed = true;
      effect.apply(this.workConcept, this.baseConcept, intensity[k], rngs[k]);
    }
    return changed ? this.workConcept : this.baseConcept;
  }

  private applyCovariate(x: Float64Array): void {
    const { steps, intensity } = this.active;
    for (let k = 0; k < steps.length; k++) {
      const effect = steps[k].effect;
      if (effect.category === 'covariate' && intensity[k] > 0) effect.apply(x, intensity[k], steps[k].rng);
    }
  }

  /**
   * Prior shift by acceptance sampling on the class: P(x | y) is kept, P(y) becomes the target.
   * Replacements come from the step's own streams.
   */
  private applyPriorShift(event: SimEvent, concept: Concept): void {
    const { steps, intensity } = this.active;
    for (let k = 0; k < steps.length; k++) {
      const step = steps[k];
      const effect = step.effect;
      if (effect.category !== 'prior' || intensity[k] === 0) continue;
      const base = this.reference.positiveRate;
      const target = effect.targetRate(intensity[k]);
      const acceptPositive = target >= base ? 1 : (target * (1 - base)) / (base * (1 - target));
      const acceptNegative = target >= base ? (base * (1 - target)) / (target * (1 - base)) : 1;
      const side = this.active.sideGenerator(step.rng);
      for (let i = 0; i < PRIOR_ATTEMPTS; i++) {
        if (step.rng.next() < (event.label === 1 ? acceptPositive : acceptNegative)) return;
        side.instance.sample(side.streams, event.truth);
        this.applyCovariate(event.truth);
        event.label = this.instance.label(event.truth, concept, side.noise);
      }
    }
  }

  private applyQuality(event: SimEvent): void {
    const { steps, intensity } = this.active;
    for (let k = 0; k < steps.length; k++) {
      const effect = steps[k].effect;
      if (effect.category !== 'quality' || intensity[k] === 0) continue;
      effect.apply(event, intensity[k], steps[k].rng);
      if (effect.duplicateRate > 0 && happens(effect.duplicateRate * intensity[k], steps[k].rng))
        this.duplicateOf = steps[k];
    }
  }

  private deliverFeedback(event: SimEvent): void {
    const fb = this.feedback;
    const { delay, coverage } = this.labels;
    // Both draws happen for every event so the feedback stream stays aligned whatever the steps do.
    fb.delay = delay.median * Math.exp(delay.sigma * this.feedbackRng.normal());
    fb.delivered = this.feedbackRng.next() < coverage;
    fb.label = event.label;
    const { steps, intensity } = this.active;
    for (let k = 0; k < steps.length; k++) {
      const effect = steps[k].effect;
      if (effect.category === 'label' && intensity[k] > 0) effect.apply(fb, intensity[k], steps[k].rng);
    }
    event.feedbackAt = fb.delivered ? event.time + fb.delay : NaN;
    event.feedbackLabel = fb.label;
  }

  private applyServing(event: SimEvent, rngs: readonly Rng[]): void {
    const { steps, intensity } = this.active;
    let directive: ServingDirective | null = null;
    for (let k = 0; k < steps.length; k++) {
      const effect = steps[k].effect;
      if (effect.category !== 'serving' || intensity[k] === 0) continue;
      directive ??= { addedLatencyMs: 0, failStatus: 0, unavailable: false };
      effect.apply(directive, intensity[k], rngs[k]);
    }
    event.serving = directive;
  }
}
