import type { Logger } from 'winston';
import type { LabEvent } from '../record';
import { TUTOR_FOLDER_UID, type GrafanaApi } from './grafana-api';

/*
 * The lab's record as Grafana annotations. Incidents (start, pause, resume, abort, onset, reveal)
 * with their answer keys go on the Tutor dashboard only: a dashboard's annotations are readable only
 * by who can open it. Diagnoses and recovery actions go organisation-wide with the tag
 * `driftlab-action`, which every dashboard shows; their text names the team and the action, never
 * a score or an incident.
 */

export const TUTOR_DASHBOARD_UID = TUTOR_FOLDER_UID;
export const ACTION_TAG = 'driftlab-action';
export const INCIDENT_TAG = 'driftlab-incident';
/** Scores, on the Tutor dashboard's scoreboard (an annotation list). */
export const SCORE_TAG = 'driftlab-score';
/** Annotations waiting to be sent; beyond it the oldest are dropped (Grafana down for long). */
const MAX_QUEUED = 1000;

export interface Annotation {
  readonly time: number;
  readonly tags: readonly string[];
  readonly text: string;
  readonly dashboardUID?: string;
}

/**
 * The tag of the team an action is by or for (`team:team-2`, or a cohort tutor's action on a team's
 * models): a cohort team's dashboards show only their own team's actions (teamDashboard).
 */
const teamTag = (team: string) => `team:${team}`;
function teamTagsOf(event: LabEvent): string[] {
  if (event.actor.startsWith('team:')) return [event.actor];
  const team = (event.params as { team?: unknown }).team;
  return typeof team === 'string' ? [teamTag(team)] : [];
}

/** The annotations for a record event (none for most). */
export function annotationsFor(event: LabEvent): Annotation[] {
  const one = annotationFor(event);
  const p = event.params as { title?: string; brief?: string; teams?: string[] };
  // An announced incident is told to students: its title and brief on every dashboard.
  if (event.action === 'incident.start' && p.title !== undefined)
    return [
      ...(one ? [one] : []),
      {
        time: Date.parse(event.at),
        tags: [ACTION_TAG, 'incident', ...(p.teams ?? []).map(teamTag)],
        text: `Incident announced: ${p.title}. ${p.brief ?? ''}`.trim(),
      },
    ];
  if (event.action !== 'diagnosis.submit') return one ? [one] : [];
  const d = event.params as { incident?: string | null; score?: { total: number } | null };
  return [
    ...(one ? [one] : []),
    {
      time: Date.parse(event.at),
      tags: [SCORE_TAG],
      text: `${event.actor.replace('team:', '')} scored ${d.score?.total ?? '-'} on ${d.incident ?? 'no incident'}`,
      dashboardUID: TUTOR_DASHBOARD_UID,
    },
  ];
}

function annotationFor(event: LabEvent): Annotation | null {
  const time = Date.parse(event.at);
  const p = event.params as Record<string, unknown>;
  if (event.action.startsWith('incident.')) {
    const verb = event.action.slice('incident.'.length);
    const answer =
      verb === 'start'
        ? ` — scenario ${String(p.scenario)}, ${String(p.mode)}, teams ${(p.teams as string[]).join(', ')}`
        : '';
    return {
      time,
      tags: [INCIDENT_TAG, verb],
      text: `${String(p.incident)} ${verb}${answer}${verb === 'onset' ? ` (${String(p.team)})` : ''}`,
      dashboardUID: TUTOR_DASHBOARD_UID,
    };
  }
  if (event.action === 'diagnosis.submit')
    return {
      time,
      tags: [ACTION_TAG, 'diagnosis', ...teamTagsOf(event)],
      text: `${event.actor.replace('team:', '')} submitted a diagnosis`,
    };
  if (event.action.startsWith('recovery.') && event.outcome === 'done') {
    const action = event.action.slice('recovery.'.length);
    const version = typeof p.version === 'number' ? ` to v${p.version}` : '';
    return {
      time,
      tags: [ACTION_TAG, action, ...(event.model ? [event.model] : []), ...teamTagsOf(event)],
      text: `${event.actor.replace('team:', '')}: ${action} ${event.model ?? ''}${version}`,
    };
  }
  if (event.action === 'lab.reset') return { time, tags: [ACTION_TAG, 'reset'], text: 'the lab was reset' };
  return null;
}

/** Sends annotations one at a time in the background; Grafana being away never blocks the lab. */
export class GrafanaAnnotator {
  private readonly queue: Annotation[] = [];
  private sending: Promise<void> | null = null;

  constructor(
    private readonly api: Pick<GrafanaApi, 'annotate'>,
    private readonly log?: Logger,
  ) {}

  /** Queues the annotations of `event`, if it has any. */
  add(event: LabEvent): void {
    const annotations = annotationsFor(event);
    if (annotations.length === 0) return;
    this.queue.push(...annotations);
    while (this.queue.length > MAX_QUEUED) this.queue.shift();
    this.sending ??= this.drain().finally(() => (this.sending = null));
  }

  /** Resolves once everything queued so far was sent (or given up on). */
  async flush(): Promise<void> {
    while (this.sending) await this.sending;
  }

  private async drain(): Promise<void> {
    for (let next = this.queue.shift(); next; next = this.queue.shift()) {
      try {
        await this.api.annotate(next);
      } catch (e) {
        this.log?.warn('grafana annotation not sent', { error: (e as Error).message, tags: next.tags });
      }
    }
  }
}
