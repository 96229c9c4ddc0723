import type { AnswerKey, Scenario, SimEvent, Simulation } from '@driftlab/simulator';
import type { LabRecord } from '../record';
import { INCIDENT_MODES, type Incident, type IncidentMode, type IncidentState } from './incident';
import { restoredIncidents } from './restore';
import { incidentViewFor, type StudentIncidentView } from './views';

/*
 * Incidents: scenarios a tutor starts in the running lab, for one team or all, hidden (students see
 * only the effects) or announced (they also see the title and the brief). The simulator carries
 * them out (Simulation.startIncident …); this keeps who asked for what, the state, the onset as it
 * actually happened, and writes every action to the lab's record.
 */

/** A team's running simulations, and the moment from which control calls may take effect. */
export interface TeamLab {
  readonly simulations: readonly Simulation[];
  /** Simulated epoch ms no earlier than anything the simulations generated. */
  now(): number;
}

/**
 * A tutor's start or control request (start, pause, resume, abort, reveal, get), or a team's
 * diagnosis, that the lab refuses, with the HTTP status to answer. Not the simulator's
 * IncidentError, which the simulation throws for a live-incident call it refuses (turned into a 409
 * here).
 */
export class IncidentControlError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'IncidentControlError';
  }
}

export interface StartRequest {
  readonly scenario: Scenario;
  readonly mode: IncidentMode;
  /** Simulated ms from now until the scenario's time 0 (default 0). */
  readonly delay?: number;
  /** Team ids, or all teams when absent. */
  readonly teams?: readonly string[];
  readonly feedback?: boolean;
  readonly actor: string;
}

export class IncidentManager {
  private readonly incidents = new Map<string, Incident>();
  /** Step id prefix (`<incident>/`) → incident, for recognising affected events. */
  private nextNumber: number;

  constructor(
    private readonly teams: ReadonlyMap<string, TeamLab>,
    private readonly record: LabRecord,
  ) {
    this.nextNumber = record.events({ prefix: 'incident.start', limit: 1_000_000 }).length + 1;
    for (const incident of restoredIncidents(record)) this.incidents.set(incident.id, incident);
  }

  teamIds(): string[] {
    return [...this.teams.keys()];
  }

  start(request: StartRequest): Incident {
    // Never a default for a value given wrong (null is not "hidden", nor "no feedback").
    if (!INCIDENT_MODES.includes(request.mode))
      throw new IncidentControlError(
        `mode: expected "hidden" or "announced", got ${JSON.stringify(request.mode) ?? 'nothing'}`,
        400,
      );
    if (request.feedback !== undefined && typeof request.feedback !== 'boolean')
      throw new IncidentControlError(
        `feedback: expected true or false, got ${JSON.stringify(request.feedback)}`,
        400,
      );
    const teams = request.teams ?? this.teamIds();
    if (teams.length === 0) throw new IncidentControlError('teams: expected at least one team', 400);
    for (const team of teams)
      if (!this.teams.has(team))
        throw new IncidentControlError(
          `team "${team}": no such team (teams: ${this.teamIds().join(', ')})`,
          404,
        );
    const worlds = new Set(this.teams.get(teams[0])!.simulations.map((s) => s.world.name));
    const missing = request.scenario.worlds.filter((w) => !worlds.has(w));
    if (missing.length > 0)
      throw new IncidentControlError(
        `scenario ${request.scenario.id} needs the world(s) ${missing.join(', ')}, which this lab does not run (start it with --world ${missing[0]})`,
        409,
      );
    const delay = request.delay ?? 0;
    if (!(delay >= 0)) throw new IncidentControlError('at: expected a time from now, not in the past', 400);
    const id = `inc-${this.nextNumber++}`;
    let at = 0;
    for (const team of teams) {
      const lab = this.teams.get(team)!;
      at = lab.now() + delay;
      for (const simulation of lab.simulations) simulation.startIncident(id, request.scenario, at);
    }
    const incident: Incident = {
      id,
      scenario: request.scenario,
      mode: request.mode,
      teams,
      at,
      createdAt: Date.now(),
      onset: new Map(),
      onsetSimulated: new Map(),
      feedback: request.feedback ?? false,
      revealed: false,
      paused: false,
      aborted: false,
    };
    this.incidents.set(id, incident);
    this.log(request.actor, 'incident.start', incident, {
      scenario: request.scenario.id,
      mode: request.mode,
      teams,
      delaySeconds: delay / 1000,
      at,
      feedback: incident.feedback,
      // The scenario as started (a tutor's own too), so a restarted lab can list and score it.
      definition: request.scenario,
      // What students may be told of an announced incident (annotations on their dashboards).
      ...(request.mode === 'announced'
        ? { title: request.scenario.title, brief: request.scenario.brief }
        : {}),
    });
    return incident;
  }

  pause(id: string, actor: string): Incident {
    return this.control(id, actor, 'pause');
  }

  resume(id: string, actor: string): Incident {
    return this.control(id, actor, 'resume');
  }

  /** Removes the incident's faults at once. */
  abort(id: string, actor: string): Incident {
    return this.control(id, actor, 'abort');
  }

  reveal(id: string, actor: string): Incident {
    const incident = this.get(id);
    // Revealing is idempotent (a retried click or command is safe): recorded once, the first time.
    if (incident.revealed) return incident;
    incident.revealed = true;
    this.log(actor, 'incident.reveal', incident, {});
    return incident;
  }

  get(id: string): Incident {
    const incident = this.incidents.get(id);
    if (!incident)
      throw new IncidentControlError(
        `no incident "${id}" in this run (incidents: ${[...this.incidents.keys()].join(', ') || 'none'})`,
        404,
      );
    return incident;
  }

  all(): Incident[] {
    return [...this.incidents.values()];
  }

  /**
   * The incident's state: aborted and paused as the tutor said (effective from the next event), the
   * rest as the simulator carries it out (for its first team).
   */
  state(incident: Incident): IncidentState {
    if (incident.aborted) return 'aborted';
    if (incident.restored) return 'ended';
    if (incident.paused) return 'paused';
    const lab = this.teams.get(incident.teams[0])!;
    const states = lab.simulations.flatMap((s) =>
      s
        .incidents()
        .filter((i) => i.id === incident.id)
        .map((i) => i.state),
    );
    // A resume takes effect from the next event: until then the simulator still says paused.
    if (states.includes('running') || states.includes('paused')) return 'running';
    return states.includes('scheduled') ? 'scheduled' : 'ended';
  }

  /**
   * The incidents a team may see (views.ts): those announced to it (title and brief), and those
   * revealed (also what they were); never a hidden one before its reveal.
   */
  studentView(team: string): StudentIncidentView[] {
    return this.all().flatMap((i) => incidentViewFor(i, team, this.state(i)) ?? []);
  }

  /** The tutor's view, answer key included. */
  tutorView(incident: Incident): {
    id: string;
    scenario: string;
    title: string;
    mode: IncidentMode;
    teams: readonly string[];
    state: IncidentState;
    /** On the lab's (simulated) clock. */
    startsAt: string;
    /** When the tutor started it, on the wall clock. */
    createdAt: string;
    onset: Record<string, string>;
    onsetSimulated: Record<string, string>;
    feedback: boolean;
    revealed: boolean;
    answer: AnswerKey;
  } {
    return {
      id: incident.id,
      scenario: incident.scenario.id,
      title: incident.scenario.title,
      mode: incident.mode,
      teams: incident.teams,
      state: this.state(incident),
      startsAt: new Date(incident.at).toISOString(),
      createdAt: new Date(incident.createdAt).toISOString(),
      onset: isoTimes(incident.onset),
      onsetSimulated: isoTimes(incident.onsetSimulated),
      feedback: incident.feedback,
      revealed: incident.revealed,
      answer: incident.scenario.answer,
    };
  }

  /**
   * Called with each event a team's lab sends: the first event an incident's step affects is its
   * onset (wall clock), as the students' dashboards will show it.
   */
  observe(team: string, event: SimEvent): void {
    if (event.incidents.length === 0) return;
    for (const step of event.incidents) {
      const slash = step.indexOf('/');
      if (slash < 0) continue;
      const incident = this.incidents.get(step.slice(0, slash));
      if (incident && !incident.onset.has(team)) {
        const now = Date.now();
        incident.onset.set(team, now);
        incident.onsetSimulated.set(team, event.time);
        this.log('lab', 'incident.onset', incident, {
          team,
          wallTime: new Date(now).toISOString(),
          simulatedTime: new Date(event.time).toISOString(),
        });
      }
    }
  }

  private control(id: string, actor: string, verb: 'pause' | 'resume' | 'abort'): Incident {
    const incident = this.get(id);
    if (incident.restored)
      throw new IncidentControlError(
        `incident ${id} ran in an earlier run of the lab: it no longer acts`,
        409,
      );
    if (incident.aborted) throw new IncidentControlError(`incident ${id} was aborted`, 409);
    if (verb === 'pause' && incident.paused)
      throw new IncidentControlError(`incident ${id} is paused already`, 409);
    if (verb === 'resume' && !incident.paused)
      throw new IncidentControlError(`incident ${id} is not paused`, 409);
    // A pause stops a running incident's clock; one still waiting for its start has none to stop.
    if (verb === 'pause' && this.teams.get(incident.teams[0])!.now() < incident.at)
      throw new IncidentControlError(
        `incident ${id} has not started yet (it starts at ${new Date(incident.at).toISOString()} on the lab's clock): pause it once it has started, or abort it`,
        409,
      );
    for (const team of incident.teams) {
      const lab = this.teams.get(team)!;
      const at = lab.now();
      for (const simulation of lab.simulations) {
        if (!simulation.incidents().some((i) => i.id === id)) continue;
        try {
          if (verb === 'pause') simulation.pauseIncident(id, at);
          else if (verb === 'resume') simulation.resumeIncident(id, at);
          else simulation.abortIncident(id, at);
        } catch (e) {
          throw new IncidentControlError(`incident ${id}: ${(e as Error).message}`, 409);
        }
      }
    }
    this.log(actor, `incident.${verb}`, incident, {});
    if (verb === 'abort') incident.aborted = true;
    else incident.paused = verb === 'pause';
    return incident;
  }

  private log(actor: string, action: string, incident: Incident, params: Record<string, unknown>): void {
    this.record.append({
      actor,
      action,
      model: incident.scenario.answer.model,
      params: { incident: incident.id, ...params },
      outcome: 'done',
    });
  }
}

function isoTimes(times: ReadonlyMap<string, number>): Record<string, string> {
  return Object.fromEntries([...times].map(([team, ms]) => [team, new Date(ms).toISOString()]));
}
