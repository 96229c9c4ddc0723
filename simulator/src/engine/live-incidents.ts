import type { Scenario } from '../scenarios/types';
import type { AbuseSource, ActiveStep, ActiveSteps } from './active-steps';
import {
  checkCallTime,
  checkIncidentId,
  checkIncidentStep,
  IncidentError,
  type IncidentAction,
  type IncidentState,
  type IncidentStatus,
} from './incidents';

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
  readonly action: IncidentAction;
  readonly incident: LiveIncident;
}

/** What incident control needs from the simulation it runs in. */
export interface IncidentHost {
  /** Simulated now (see `Simulation.now`): no call may be earlier. */
  now(): number;
  /** The time of the last generated event, or −Infinity before the first. */
  lastEventTime(): number;
  /** These steps stop acting (paused or aborted): a pending duplicate they asked for is not sent. */
  stopped(steps: readonly ActiveStep[]): void;
}

/**
 * `Simulation`'s live incidents (see its `startIncident` and the calls after it): the calls are
 * checked when made, queued in time order, and put into effect on the active steps when the
 * simulation's time reaches them (`applyDue`).
 */
export class LiveIncidents {
  private readonly live = new Map<string, LiveIncident>();
  /** Control calls not yet in effect, in time order. */
  private readonly controls: Control[] = [];
  private dueAt = Infinity;

  constructor(
    private readonly active: ActiveSteps,
    private readonly host: IncidentHost,
  ) {}

  /** The time of the first call not yet in effect, or Infinity. */
  get due(): number {
    return this.dueAt;
  }

  /** See `Simulation.startIncident`. */
  start(id: string, scenario: Scenario, at: number): number {
    checkIncidentId(id);
    if (this.live.has(id))
      throw new IncidentError('duplicate', `incident "${id}" already exists: ids are unique per simulation`);
    checkCallTime(at, 'start', id, this.host.now());
    const steps = this.compileTimeline(id, scenario, at);
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

  /** The steps of `scenario` for this world, with its time 0 at `at`, under the incident's names. */
  private compileTimeline(id: string, scenario: Scenario, at: number): ActiveStep[] {
    const timeline = Array.isArray(scenario?.timeline) ? scenario.timeline : null;
    if (!timeline)
      throw new IncidentError('invalid', `incident "${id}": scenario: expected a scenario with a timeline`);
    const seen = new Set<string>();
    const steps: ActiveStep[] = [];
    timeline.forEach((step, i) => {
      if (step.target.world !== this.active.world.name) return;
      const where = `incident "${id}": timeline[${i}]`;
      checkIncidentStep(step, where, seen);
      try {
        steps.push(this.active.compile(step, `${id}/${step.id}`, `incident/${id}/step/${step.id}`, at));
      } catch (error) {
        throw new IncidentError('invalid', `${where}: ${(error as Error).message}`);
      }
    });
    return steps;
  }

  /** See `Simulation.pauseIncident`. */
  pause(id: string, at: number): void {
    const incident = this.find(id);
    checkCallTime(at, 'pause', id, this.host.now(), incident.lastAt);
    if (incident.planned !== 'running')
      throw new IncidentError('state', `cannot pause incident "${id}": it is ${incident.planned}`);
    incident.planned = 'paused';
    this.schedule(at, 'pause', incident);
  }

  /** See `Simulation.resumeIncident`. */
  resume(id: string, at: number): void {
    const incident = this.find(id);
    checkCallTime(at, 'resume', id, this.host.now(), incident.lastAt);
    if (incident.planned !== 'paused')
      throw new IncidentError(
        'state',
        `cannot resume incident "${id}": it is ${incident.planned === 'running' ? 'not paused' : 'aborted'}`,
      );
    incident.planned = 'running';
    this.schedule(at, 'resume', incident);
  }

  /** See `Simulation.abortIncident`. */
  abort(id: string, at: number): void {
    const incident = this.find(id);
    checkCallTime(at, 'abort', id, this.host.now());
    // Refused before anything changes: a second abort must not cancel the first one's queued abort.
    if (incident.planned === 'aborted')
      throw new IncidentError('state', `cannot abort incident "${id}": it is already aborted`);
    // Aborting before what is still queued for it (its start, a pause…) cancels that: it never acts.
    for (let i = this.controls.length - 1; i >= 0; i--)
      if (this.controls[i].incident === incident && this.controls[i].at > at) this.controls.splice(i, 1);
    this.dueAt = this.controls.length > 0 ? this.controls[0].at : Infinity;
    incident.planned = 'aborted';
    this.schedule(at, 'abort', incident);
  }

  /** See `Simulation.incidents`. */
  statuses(): IncidentStatus[] {
    const time = this.host.lastEventTime();
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

  private find(id: string): LiveIncident {
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

  private schedule(at: number, action: IncidentAction, incident: LiveIncident): void {
    incident.lastAt = at;
    // In time order; calls at the same time in the order they were made.
    let i = this.controls.length;
    while (i > 0 && this.controls[i - 1].at > at) i--;
    this.controls.splice(i, 0, { at, action, incident });
    this.dueAt = this.controls[0].at;
    // A call at the last event's time is in effect at once: for what `incidents()` reports, and for
    // the duplicate of the last event, if one is pending (it is sent at that time).
    this.applyDue(this.host.lastEventTime());
  }

  /** Puts into effect the control calls whose time is at or before `time`, in order. */
  applyDue(time: number): void {
    const controls = this.controls;
    if (controls.length === 0 || controls[0].at > time) return;
    let at = -Infinity;
    while (controls.length > 0 && controls[0].at <= time) {
      const control = controls.shift()!;
      at = control.at;
      if (control.action === 'start') this.applyStart(control.incident);
      else if (control.action === 'pause') this.applyPause(control.incident, at);
      else if (control.action === 'resume') this.applyResume(control.incident, at);
      else this.applyAbort(control.incident, at);
    }
    this.dueAt = controls.length > 0 ? controls[0].at : Infinity;
    // Live steps that ended by `at` never act again (every later event is at or after it): drop
    // them so a long session's loops stay as short as its open incidents.
    this.active.remove(
      (s, k) => k >= this.active.fixed && s.on && s.end <= at && !(s.frozenAt === s.frozenAt),
    );
  }

  private applyStart(incident: LiveIncident): void {
    incident.applied = 'running';
    if (incident.steps.length === 0) return;
    incident.sources.push(...this.active.add(incident.steps));
  }

  private applyPause(incident: LiveIncident, at: number): void {
    incident.applied = 'paused';
    incident.pausedAt = at;
    // What acts holds at the level it reached; what has not begun (or has ended) waits.
    for (const step of incident.steps) {
      if (step.on && at >= step.start && at < step.end) step.frozenAt = at;
      else step.on = false;
    }
    for (const source of incident.sources) {
      if (source.step.frozenAt === source.step.frozenAt) continue;
      source.held = source.next;
      source.next = Infinity;
    }
    this.host.stopped(incident.steps.filter((s) => !s.on));
  }

  private applyResume(incident: LiveIncident, at: number): void {
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
      step.frozenAt = NaN;
    }
    // A held arrival moves with the clock: thinning continues where it stopped.
    for (const source of incident.sources)
      if (source.held === source.held) {
        source.next = source.held + paused;
        source.held = NaN;
      }
  }

  private applyAbort(incident: LiveIncident, at: number): void {
    incident.applied = 'aborted';
    incident.abortedAt = at;
    for (const step of incident.steps) {
      step.on = false;
      step.frozenAt = NaN;
    }
    this.active.remove((s) => incident.steps.includes(s));
    for (const source of incident.sources) source.next = Infinity;
    incident.sources = [];
    this.active.forget(incident.steps);
    this.host.stopped(incident.steps);
  }
}
