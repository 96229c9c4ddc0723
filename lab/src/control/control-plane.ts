import type { SimEvent, World } from '@driftlab/simulator';
import type { RecoveryHooks, RunningServing } from '@driftlab/serving';
import { alertNames } from '@driftlab/provisioning';
import type { Logger } from 'winston';
import { AlertTracker, LabMetrics } from '../alerts';
import { GrafanaAnnotator } from '../grafana/annotations';
import type { GrafanaApi } from '../grafana/grafana-api';
import { loadTokens, principalOf, recoveryGuard, tutorTokenNotice } from '../auth';
import { labRecordPath } from '../data-dir';
import { Diagnoses } from '../diagnosis';
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
  /** From now on, the record's incidents and actions become annotations in this Grafana. */
  annotateTo(api: GrafanaApi, log?: Logger): void;
  close(): void;
}

export interface ControlPlaneOptions {
  readonly data: string;
  readonly worlds: readonly World[];
  readonly teams: readonly string[];
  /** The lab's speed (simulated seconds per real second). */
  readonly speed: number;
  /** Each team's serving in the same process: `lab reset` puts its original model versions back. */
  readonly serving?: (team: string) => RunningServing | undefined;
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
  const teamLabs = new Map<string, TeamLab>(
    options.teams.map((team) => [
      team,
      {
        get simulations() {
          return handles.get(team)?.simulations ?? [];
        },
        now: () => handles.get(team)?.now() ?? 0,
      },
    ]),
  );
  const incidents = new IncidentManager(teamLabs, record);
  const diagnoses = new Diagnoses(incidents, record);
  /** Per team, the versions its models served first: what `lab reset` puts back. */
  const original = new Map<string, Map<string, number>>();
  const rememberOriginal = (team: string) => {
    const serving = options.serving?.(team);
    if (!serving || original.has(team)) return;
    const versions = new Map<string, number>();
    for (const model of serving.registry.models()) {
      const current = serving.registry.current(model);
      if (current) versions.set(model, current.version);
    }
    original.set(team, versions);
  };

  const reset = async (actor: string) => {
    const aborted: string[] = [];
    for (const incident of incidents.all())
      if (!incident.aborted && incidents.state(incident) !== 'ended') {
        incidents.abort(incident.id, actor);
        aborted.push(incident.id);
      }
    const restoredByTeam: Record<string, Record<string, number>> = {};
    let servingHere = false;
    for (const team of options.teams) {
      const serving = options.serving?.(team);
      if (!serving) continue;
      servingHere = true;
      rememberOriginal(team);
      const restored: Record<string, number> = {};
      for (const [model, version] of original.get(team)!) {
        const current = serving.registry.current(model)?.version;
        if (current === version) continue;
        // The original version passed its gates when it first served: no gates to put it back.
        if (current !== undefined && version < current)
          serving.recovery.rollback(model, version, 'lab reset');
        else serving.registry.promote(model, version, 'lab reset');
        restored[model] = version;
      }
      serving.catalog.refresh();
      restoredByTeam[team] = restored;
    }
    const result = {
      aborted,
      // One team's lab answers as before; a cohort's, team by team.
      models: !servingHere
        ? 'not reset here: serving runs in another process (driftlab models rollback)'
        : options.teams.length === 1
          ? restoredByTeam[options.teams[0]]
          : restoredByTeam,
    };
    record.append({ actor, action: 'lab.reset', model: null, params: result, outcome: 'done' });
    return result;
  };

  return {
    lab: {
      record,
      metrics,
      alerts,
      control: { tokens, incidents, diagnoses, record, reset, speed: options.speed },
    },
    bindLive(team, handle) {
      handles.set(team, handle);
      rememberOriginal(team);
    },
    observe: (team, event) => incidents.observe(team, event),
    tutorToken: stored.tutor,
    annotateTo(api, log) {
      const annotator = new GrafanaAnnotator(api, log);
      record.onAppend((event) => annotator.add(event));
    },
    recoveryHooks: (team) => ({
      guard: recoveryGuard(tokens, team),
      onAction: ({ model, action, status, body, locals }) => {
        const p = (locals.principal ?? null) as ReturnType<typeof principalOf>;
        record.append({
          actor: !p ? 'anonymous' : p.role === 'tutor' ? 'tutor' : `team:${p.team}`,
          action: `recovery.${action}`,
          model,
          params: options.teams.length === 1 ? body : { ...body, team },
          outcome: status < 300 ? 'done' : `refused (${status})`,
        });
      },
    }),
    close: () => record.close(),
  };
}
