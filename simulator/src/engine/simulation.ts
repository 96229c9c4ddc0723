import { Rng } from '../random/rng';
import { defaultConcept, type Concept, type World, type WorldInstance } from '../worlds/types';
import { compileEffect } from '../injectors/compile';
import type { Effect, FeedbackDraft } from '../injectors/effects';
import { happens } from '../injectors/effects';
import { isProbabilistic, shapeWeight, type Shape } from '../injectors/shapes';
import type { Scenario, Step } from '../scenarios/types';
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
import { formatTime, IncidentError, type IncidentState, type IncidentStatus } from './incidents';
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
  /** Listed in events' `incidents`: the step's id, or `<incident>/<step>` for a live incident's. */
  readonly name: string;
  /** Its streams' path under the root: `step/<step>`, or `incident/<incident>/step/<step>`. */
  readonly path: string;
  /** Epoch ms of its window [start, end); a live step's moves later by each pause when resumed. */
  start: number;
  end: number;
  /** False while its incident is paused: it neither acts nor draws, and its clock stands still. */
  on: boolean;
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
  stepRngs: Rng[];
  next: number;
  /** While its incident is paused: the arrival `next` held back (then Infinity). */
  held: number;
}

type Action = 'start' | 'pause' | 'resume' | 'abort';

/** A live incident: a scenario's steps added by `startIncident`, under the tutor's control. */
interface LiveIncident {
  readonly id: string;
  readonly scenario: string;
  readonly startedAt: number;
  /** Compiled when the call is made; in the engine's arrays from `startedAt` until aborted or ended. */
  readonly steps: readonly ActiveStep[];
  sources: AbuseSource[];
  /** After every call made so far: what the next call is checked against. */
  planned: 'running' | 'paused' | 'aborted';
  /** In effect at the last generated event ('pending' until its start is reached). */
  applied: 'pending' | 'running' | 'paused' | 'aborted';
  start: number;
  end: number;
  pausedAt: number;
  abortedAt: number;
  /** The `at` of its last control call: its next call may not be earlier. */
  lastAt: number;
}

/** A control call, taking effect when simulated time reaches `at`. */
interface Control {
  readonly at: number;
  readonly action: Action;
  readonly incident: LiveIncident;
}

/** A non-empty id without "/" (it separates incident and step ids in names and paths) or control characters. */
function isValidId(id: unknown): id is string {
  if (typeof id !== 'string' || id === '') return false;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (c === 0x2f || c < 0x20 || c === 0x7f) return false;
  }
  return true;
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
  /** The constructor scenario's steps, then the steps of live incidents (see `startIncident`). */
  private steps: ActiveStep[];
  /** How many of `steps` come from the constructor scenario: those are never removed. */
  private readonly fixedSteps: number;
  /** Each step's own stream, drawn from by ordinary events. */
  private stepRngs: Rng[];
  private intensity: Float64Array;
  private abuse: AbuseSource[];
  private readonly live = new Map<string, LiveIncident>();
  /** Control calls not yet in effect, in time order; `controlsDue` is the first one's time. */
  private readonly controls: Control[] = [];
  private controlsDue = Infinity;
  private readonly incidentLists = new Map<string, readonly string[]>();
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
      .map((s) => this.compileStep(s, s.id, `step/${s.id}`, this.startTime));
    this.fixedSteps = this.steps.length;
    this.intensity = new Float64Array(this.steps.length);
    this.stepRngs = this.steps.map((s) => s.rng);
    this.abuse = this.steps.filter((s) => s.effect.category === 'abuse').map((s) => this.abuseSource(s));
    this.event = createEvent(world);
    this.baseFieldNames = this.event.fieldNames;
    this.nextMainTime = this.arrivals.next();
  }

  private compileStep(step: Step, name: string, path: string, origin: number): ActiveStep {
    const rng = this.root.fork(path);
    const effect = compileEffect(step, this.world, this.reference);
    const start = origin + step.start;
    return { name, path, start, end: start + step.duration, on: true, shape: step.shape, rng, effect };
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
    this.advanceAbuse(source);
    return source;
  }

  /** An abusive client's id: outside the ordinary ones, written the same way so its form gives nothing away. */
  private attackerName(rng: Rng): string {
    const n = this.traffic.clients;
    return `client-${String(n + 1 + rng.int(n)).padStart(String(n).length, '0')}`;
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
    let source = this.nextAbuse();
    // Control calls take effect when simulated time reaches them; look again after applying one,
    // since a started or resumed incident may send abuse traffic before the candidate.
    while ((source ? source.next : this.nextMainTime) >= this.controlsDue) {
      this.applyControls(source ? source.next : this.nextMainTime);
      source = this.nextAbuse();
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
    if (!isValidId(id))
      throw new IncidentError(
        'invalid',
        `incident id: expected a non-empty string without "/" or control characters, got ${JSON.stringify(id)}`,
      );
    if (this.live.has(id))
      throw new IncidentError('duplicate', `incident "${id}" already exists: ids are unique per simulation`);
    this.checkTime(at, 'start', id);
    const timeline = Array.isArray(scenario?.timeline) ? scenario.timeline : null;
    if (!timeline)
      throw new IncidentError('invalid', `incident "${id}": scenario: expected a scenario with a timeline`);
    const seen = new Set<string>();
    const steps: ActiveStep[] = [];
    timeline.forEach((step, i) => {
      if (step.target.world !== this.world.name) return;
      const where = `incident "${id}": timeline[${i}]`;
      if (!isValidId(step.id))
        throw new IncidentError(
          'invalid',
          `${where}.id: expected a step id without "/", got ${JSON.stringify(step.id)}`,
        );
      if (seen.has(step.id))
        throw new IncidentError('invalid', `${where}.id: step id "${step.id}" is used twice`);
      seen.add(step.id);
      if (!(step.start >= 0 && step.start < Infinity))
        throw new IncidentError(
          'invalid',
          `${where}.start: expected a non-negative duration, got ${step.start}`,
        );
      if (!(step.duration >= 0))
        throw new IncidentError(
          'invalid',
          `${where}.duration: expected a non-negative duration, got ${step.duration}`,
        );
      try {
        steps.push(this.compileStep(step, `${id}/${step.id}`, `incident/${id}/step/${step.id}`, at));
      } catch (error) {
        throw new IncidentError('invalid', `${where}: ${(error as Error).message}`);
      }
    });
    let start = at;
    let end = at;
    if (steps.length > 0) {
      start = Math.min(...steps.map((s) => s.start));
      end = Math.max(...steps.map((s) => s.end));
    }
    const incident: LiveIncident = {
      id,
      scenario: String(scenario.id),
      startedAt: at,
      steps,
      sources: [],
      planned: 'running',
      applied: 'pending',
      start,
      end,
      pausedAt: NaN,
      abortedAt: NaN,
      lastAt: at,
    };
    this.live.set(id, incident);
    this.schedule(at, 'start', incident);
    return steps.length;
  }

  /**
   * From `at` the incident's steps stop acting (no effect on any event, abuse traffic included)
   * and their clocks stand still until `resumeIncident`. Throws IncidentError for an unknown id,
   * an incident already paused or aborted, or an `at` before `now`.
   */
  pauseIncident(id: string, at: number): void {
    const incident = this.incident(id);
    this.checkTime(at, 'pause', id, incident.lastAt);
    if (incident.planned !== 'running')
      throw new IncidentError('state', `cannot pause incident "${id}": it is ${incident.planned}`);
    incident.planned = 'paused';
    this.schedule(at, 'pause', incident);
  }

  /**
   * From `at` a paused incident's steps act again, their remaining schedule later by the time
   * paused: a step with an hour left at the pause has an hour left, and its shape continues where
   * it stopped. Throws IncidentError for an unknown id, an incident not paused, or an `at` before `now`.
   */
  resumeIncident(id: string, at: number): void {
    const incident = this.incident(id);
    this.checkTime(at, 'resume', id, incident.lastAt);
    if (incident.planned !== 'paused')
      throw new IncidentError(
        'state',
        `cannot resume incident "${id}": it is ${incident.planned === 'running' ? 'not paused' : 'aborted'}`,
      );
    incident.planned = 'running';
    this.schedule(at, 'resume', incident);
  }

  /**
   * From `at` the incident's steps never act again: the first event at or after `at` has no effect
   * from them (payload, labels, serving directives, abuse traffic). Throws IncidentError for an
   * unknown id, an incident already aborted, or an `at` before `now`.
   */
  abortIncident(id: string, at: number): void {
    const incident = this.incident(id);
    this.checkTime(at, 'abort', id);
    // Aborting before what is still queued for it (its start, a pause…) cancels that: it never acts.
    for (let i = this.controls.length - 1; i >= 0; i--)
      if (this.controls[i].incident === incident && this.controls[i].at > at) this.controls.splice(i, 1);
    this.controlsDue = this.controls.length > 0 ? this.controls[0].at : Infinity;
    if (incident.planned === 'aborted')
      throw new IncidentError('state', `cannot abort incident "${id}": it is already aborted`);
    incident.planned = 'aborted';
    this.schedule(at, 'abort', incident);
  }

  /**
   * The live incidents in the order they were started, as they stand at the last generated event
   * (a call whose `at` is still ahead shows once an event reaches it). For tutors only.
   */
  incidents(): IncidentStatus[] {
    const time = this.lastEventTime;
    return [...this.live.values()].map((incident) => {
      let state: IncidentState;
      if (incident.applied === 'aborted' || incident.applied === 'paused') state = incident.applied;
      else if (incident.applied === 'pending' || time < incident.start) state = 'scheduled';
      else state = time >= incident.end ? 'ended' : 'running';
      return {
        id: incident.id,
        scenario: incident.scenario,
        state,
        steps: incident.steps.length,
        start: incident.start,
        end: incident.end,
        startedAt: incident.startedAt,
        pausedAt: incident.applied === 'paused' ? incident.pausedAt : null,
        abortedAt: incident.applied === 'aborted' ? incident.abortedAt : null,
      };
    });
  }

  private incident(id: string): LiveIncident {
    const incident = typeof id === 'string' ? this.live.get(id) : undefined;
    if (!incident) {
      const known = [...this.live.keys()];
      throw new IncidentError(
        'unknown',
        `unknown incident ${JSON.stringify(id)}; ${known.length === 0 ? 'none was started' : `expected one of: ${known.join(', ')}`}`,
      );
    }
    return incident;
  }

  private checkTime(at: number, action: Action, id: string, lastCall = -Infinity): void {
    if (typeof at !== 'number' || !Number.isFinite(at))
      throw new IncidentError(
        'invalid',
        `${action} incident "${id}": at: expected finite epoch milliseconds, got ${String(at)}`,
      );
    const now = this.now;
    if (at < now)
      throw new IncidentError(
        'past',
        `${action} incident "${id}": at ${formatTime(at)} is before the simulation's now ${formatTime(now)}: time only moves forward`,
      );
    if (at < lastCall)
      throw new IncidentError(
        'past',
        `${action} incident "${id}": at ${formatTime(at)} is before its last call, at ${formatTime(lastCall)}: time only moves forward`,
      );
  }

  private schedule(at: number, action: Action, incident: LiveIncident): void {
    incident.lastAt = at;
    // In time order; calls at the same time in the order they were made.
    let i = this.controls.length;
    while (i > 0 && this.controls[i - 1].at > at) i--;
    this.controls.splice(i, 0, { at, action, incident });
    this.controlsDue = this.controls[0].at;
    // A call at the last event's time is in effect at once: for what `incidents()` reports, and for
    // the duplicate of the last event, if one is pending (it is sent at that time).
    this.applyControls(this.lastEventTime);
  }

  /** Puts into effect the control calls whose time is at or before `time`, in order. */
  private applyControls(time: number): void {
    const controls = this.controls;
    if (controls.length === 0 || controls[0].at > time) return;
    let at = -Infinity;
    while (controls.length > 0 && controls[0].at <= time) {
      const control = controls.shift()!;
      at = control.at;
      if (control.action === 'start') this.addIncident(control.incident);
      else if (control.action === 'pause') this.pause(control.incident, at);
      else if (control.action === 'resume') this.resume(control.incident, at);
      else this.abort(control.incident, at);
    }
    this.controlsDue = controls.length > 0 ? controls[0].at : Infinity;
    // Live steps that ended by `at` never act again (every later event is at or after it): drop
    // them so a long session's loops stay as short as its open incidents.
    this.removeSteps((s, k) => k >= this.fixedSteps && s.on && s.end <= at);
  }

  private addIncident(incident: LiveIncident): void {
    incident.applied = 'running';
    if (incident.steps.length === 0) return;
    for (const step of incident.steps) {
      this.steps.push(step);
      this.stepRngs.push(step.rng);
      for (const source of this.abuse) source.stepRngs.push(source.step.rng.fork(step.path));
    }
    this.intensity = new Float64Array(this.steps.length);
    for (const step of incident.steps) {
      if (step.effect.category !== 'abuse') continue;
      const source = this.abuseSource(step);
      incident.sources.push(source);
      this.abuse.push(source);
    }
  }

  private pause(incident: LiveIncident, at: number): void {
    incident.applied = 'paused';
    incident.pausedAt = at;
    for (const step of incident.steps) step.on = false;
    for (const source of incident.sources) {
      source.held = source.next;
      source.next = Infinity;
    }
    if (this.duplicateOf && incident.steps.includes(this.duplicateOf)) this.duplicateOf = null;
  }

  private resume(incident: LiveIncident, at: number): void {
    const paused = at - incident.pausedAt;
    incident.applied = 'running';
    // What had begun keeps its start; what had not yet moves with the rest of the schedule.
    if (incident.start >= incident.pausedAt) incident.start += paused;
    incident.pausedAt = NaN;
    incident.end += paused;
    for (const step of incident.steps) {
      step.start += paused;
      step.end += paused;
      step.on = true;
    }
    // The pending arrival moves with the clock: thinning continues where it stopped.
    for (const source of incident.sources) source.next = source.held + paused;
  }

  private abort(incident: LiveIncident, at: number): void {
    incident.applied = 'aborted';
    incident.abortedAt = at;
    for (const step of incident.steps) step.on = false;
    this.removeSteps((s) => incident.steps.includes(s));
    for (const source of incident.sources) source.next = Infinity;
    incident.sources = [];
    for (const step of incident.steps) this.sideGenerators.delete(step.rng);
    if (this.duplicateOf && incident.steps.includes(this.duplicateOf)) this.duplicateOf = null;
  }

  /** Takes steps out of the engine, with their abuse sources and every source's stream for them. */
  private removeSteps(drop: (step: ActiveStep, k: number) => boolean): void {
    const kept: number[] = [];
    for (let k = 0; k < this.steps.length; k++) if (!drop(this.steps[k], k)) kept.push(k);
    if (kept.length === this.steps.length) return;
    const steps = this.steps;
    const rngs = this.stepRngs;
    this.steps = kept.map((k) => steps[k]);
    this.stepRngs = kept.map((k) => rngs[k]);
    this.intensity = new Float64Array(this.steps.length);
    this.abuse = this.abuse.filter((source) => this.steps.includes(source.step));
    for (const source of this.abuse) {
      const own = source.stepRngs;
      source.stepRngs = kept.map((k) => own[k]);
    }
  }

  /** The abuse source whose request comes before the next ordinary one, if any. */
  private nextAbuse(): AbuseSource | null {
    let source: AbuseSource | null = null;
    for (const a of this.abuse)
      if (a.next < this.nextMainTime && (!source || a.next < source.next)) source = a;
    return source;
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
      if (time >= s.start && time < s.end && s.on) {
        const w = shapeWeight(s.shape, time - s.start);
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
        this.duplicateOf = this.steps[k];
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
