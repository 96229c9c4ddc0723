import type { SimEvent, World } from '@driftlab/simulator';
import type { RecoveryHooks, Serving } from '@driftlab/serving';
import { alertNames } from '@driftlab/provisioning';
import type { Logger } from 'winston';
import { AlertTracker, LabMetrics } from '../alerts';
import { GrafanaAnnotator } from '../grafana/annotations';
import type { GrafanaApi } from '../grafana/grafana-api';
import { actorName, loadTokens, principalOf, recoveryGuard, tutorTokenNotice, type Tokens } from '../auth';
import { labRecordPath } from '../data-dir';
import { Diagnoses, servedModelsOf } from '../diagnosis';
import type { LabControl } from '../http';
import { IncidentManager, type TeamLab } from '../incidents';
import type { LiveHandle } from '../live';
import { LabRecord } from '../record';

export interface ControlPlane {
  readonly lab: LabControl;
  /** Gives the incidents the running simulations (once the live loop starts). */
  bindLive(team: string, handle: LiveHandle): void;
  /** Each event the team's lab sends (incident onsets). */
  observe(team: string, event: SimEvent): void;
  /** Tokens and the record for a team's serving's recovery actions, in one process. */
  recoveryHooks(team: string): RecoveryHooks;
  /** For the simulator to prove itself to serving in another process (its requests' faults). */
  readonly tutorToken: string;
  /** The secret Alertmanager must send to the lab's webhook (the local stack configures it). */
  readonly webhookToken: string;
  /** From now on, the record's incidents and actions become annotations in this Grafana. */
  annotateTo(api: GrafanaApi, log?: Logger): void;
  close(): void;
}

/** What `lab reset` needs of a team's serving in the same process. */
export type TeamServing = Pick<Serving, 'registry' | 'catalog' | 'recovery'>;

export interface ControlPlaneOptions {
  readonly data: string;
  readonly worlds: readonly World[];
  readonly teams: readonly string[];
  /** The lab's speed (simulated seconds per real second). */
  readonly speed: number;
  /** Each team's serving in the same process: `lab reset` puts its original model versions back. */
  readonly serving?: (team: string) => TeamServing | undefined;
  /**
   * Where each team reaches the lab once the hosts listen (GET /v1/teams): its serving's URL, or
   * the lab's own; undefined before, or where this process does not host it.
   */
  readonly teamUrl?: (team: string) => string | undefined;
  /** A file holding the tutor token (`--tutor-token-file`); see configuredTutorToken. */
  readonly tutorTokenFile?: string;
  /** Where a newly generated tutor token is shown, once. */
  readonly announce: (text: string) => void;
}

/** The lab's control side: the record, alerts, tokens, incidents, diagnoses (docs/incidents.md). */
export function openControlPlane(options: ControlPlaneOptions): ControlPlane {
  const record = new LabRecord(labRecordPath(options.data));
  const metrics = new LabMetrics(
    new Set(alertNames()),
    new Set(options.worlds.map((w) => w.name)),
    new Set(options.teams.length > 1 ? options.teams : []),
  );
  const alerts = new AlertTracker(record, metrics);
  const { tokens, stored, created } = loadTokens(
    options.data,
    options.teams,
    process.env,
    options.tutorTokenFile,
  );
  if (created.tutor) options.announce(tutorTokenNotice(options.data, stored.tutor));
  const handles = new Map<string, LiveHandle>();
  const incidents = new IncidentManager(teamLabsOf(options.teams, handles), record);
  // The models the lab serves are its worlds: a diagnosis names one of them, and its features.
  const diagnoses = new Diagnoses(incidents, record, servedModelsOf(options.worlds));
  const reset = new LabReset(options, incidents, record);

  return {
    lab: {
      record,
      metrics,
      alerts,
      tokens,
      control: {
        tokens,
        worlds: options.worlds,
        incidents,
        diagnoses,
        record,
        reset: (actor) => reset.run(actor),
        teamUrl: (team) => options.teamUrl?.(team),
        // The first team's effective speed (a cohort's teams run alike), the asked one until measured.
        speed: () => handles.values().next().value?.pace().effective ?? options.speed,
      },
    },
    bindLive(team, handle) {
      handles.set(team, handle);
      reset.rememberOriginal(team);
    },
    observe: (team, event) => incidents.observe(team, event),
    tutorToken: stored.tutor,
    webhookToken: stored.webhook,
    annotateTo(api, log) {
      const annotator = new GrafanaAnnotator(api, log);
      record.onAppend((event) => annotator.add(event));
    },
    recoveryHooks: (team) => recoveryHooksFor(tokens, record, options.teams, team),
    close: () => record.close(),
  };
}

/** Each team's lab as the incidents see it: its simulations once the live loop has started. */
function teamLabsOf(
  teams: readonly string[],
  handles: ReadonlyMap<string, LiveHandle>,
): Map<string, TeamLab> {
  return new Map<string, TeamLab>(
    teams.map((team) => [
      team,
      {
        get simulations() {
          return handles.get(team)?.simulations ?? [];
        },
        now: () => handles.get(team)?.now() ?? 0,
      },
    ]),
  );
}

/** `lab reset`: every incident aborted, each team's models back to the versions they first served. */
class LabReset {
  /** Per team, the versions its models served first: what `lab reset` puts back. */
  private readonly original = new Map<string, Map<string, number>>();

  constructor(
    private readonly options: Pick<ControlPlaneOptions, 'teams' | 'serving'>,
    private readonly incidents: IncidentManager,
    private readonly record: LabRecord,
  ) {}

  rememberOriginal(team: string): void {
    const serving = this.options.serving?.(team);
    if (!serving || this.original.has(team)) return;
    // The lab's baseline: what served when the lab first started on this data (the first
    // deployment), not what a previous run left serving.
    const versions = new Map<string, number>();
    for (const model of serving.registry.models()) {
      const first = serving.registry.deployments(model)[0];
      if (first) versions.set(model, first.to);
    }
    this.original.set(team, versions);
  }

  async run(actor: string): Promise<object> {
    const { teams } = this.options;
    const aborted = this.abortAll(actor);
    const restoredByTeam: Record<string, Record<string, number>> = {};
    let servingHere = false;
    for (const team of teams) {
      const serving = this.options.serving?.(team);
      if (!serving) continue;
      servingHere = true;
      restoredByTeam[team] = this.restore(team, serving);
    }
    const result = {
      aborted,
      // One team's lab answers as before; a cohort's, team by team.
      models: !servingHere
        ? 'not reset here: serving runs in another process (driftlab models rollback)'
        : teams.length === 1
          ? restoredByTeam[teams[0]]
          : restoredByTeam,
    };
    this.record.append({ actor, action: 'lab.reset', model: null, params: result, outcome: 'done' });
    return result;
  }

  /** Aborts every incident not ended or aborted yet; their ids. */
  private abortAll(actor: string): string[] {
    const aborted: string[] = [];
    for (const incident of this.incidents.all())
      if (!incident.aborted && this.incidents.state(incident) !== 'ended') {
        this.incidents.abort(incident.id, actor);
        aborted.push(incident.id);
      }
    return aborted;
  }

  /** Puts the team's original versions back; the models changed and their versions. */
  private restore(team: string, serving: TeamServing): Record<string, number> {
    this.rememberOriginal(team);
    const restored: Record<string, number> = {};
    for (const [model, version] of this.original.get(team)!) {
      const current = serving.registry.current(model)?.version;
      if (current === version) continue;
      // The original version passed its gates when it first served: no gates to put it back.
      if (current !== undefined && version < current) serving.recovery.rollback(model, version, 'lab reset');
      else serving.registry.promote(model, version, 'lab reset');
      restored[model] = version;
    }
    serving.catalog.refresh();
    return restored;
  }
}

/** A team's serving's recovery actions: who may make them, and each one in the record. */
function recoveryHooksFor(
  tokens: Tokens,
  record: LabRecord,
  teams: readonly string[],
  team: string,
): RecoveryHooks {
  return {
    guard: recoveryGuard(tokens, team),
    onAction: ({ model, action, status, body, locals }) => {
      const p = (locals.principal ?? null) as ReturnType<typeof principalOf>;
      record.append({
        actor: actorName(p),
        action: `recovery.${action}`,
        model,
        params: teams.length === 1 ? body : { ...body, team },
        outcome: status < 300 ? 'done' : `refused (${status})`,
      });
    },
  };
}
