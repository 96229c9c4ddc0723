import type { DiagnosisKind } from '@driftlab/simulator';
import {
  IncidentControlError,
  scoresVisible,
  timeToRecover,
  type Incident,
  type IncidentManager,
} from '../incidents';
import type { LabEvent, LabRecord } from '../record';
import { diagnosisProblem, type ServedModels } from './limits';
import { teamScoreboard, type ScoreboardRow } from './scoreboard';
import { scoreDiagnosis, type Diagnosis, type Score } from './scoring';

/** How long a model's alerts must stay resolved before it counts as recovered. */
export const RECOVERY_HOLD_MS = 2 * 60_000;

/*
 * Diagnoses teams submit, each scored against the team's incidents that have begun (the one it
 * matches best). Several submissions are allowed; a team's best score per incident counts, and the
 * last is shown beside it (docs/incidents.md). Scores reach the team at once when the tutor allowed
 * feedback for the incident, otherwise once the tutor reveals it. A diagnosis when no incident of the
 * team has begun is recorded too (nothing a student sends is lost), unscored, and the team is told
 * so (NO_INCIDENT). A diagnosis of a model the lab does not serve, or beyond DIAGNOSIS_LIMITS, is
 * refused (a 400 naming the field) and not recorded.
 */

/** What a team is told of a diagnosis scored against an incident whose scores it may not see yet. */
export const PENDING_REVEAL = 'your score appears when the tutor reveals the incident';

/** What a team is told of a diagnosis made when none of its incidents had begun. */
export const NO_INCIDENT =
  'no incident concerns your team now: your diagnosis is recorded, with nothing to score it against';

export interface SubmittedDiagnosis extends Diagnosis {
  readonly id: number;
  readonly team: string;
  readonly note: string;
  /** Wall-clock ms. */
  readonly submittedAt: number;
  /** The incident it was scored against, and the score (null: no incident had begun). */
  readonly incident: string | null;
  readonly score: Score | null;
}

/** What a team is told about one of its submissions. */
export interface DiagnosisFeedback {
  readonly id: number;
  readonly submittedAt: string;
  readonly model: string;
  readonly kind: DiagnosisKind;
  readonly features: readonly string[];
  readonly since: string;
  /** Present once the tutor allows it (feedback on, or the incident revealed). */
  readonly score?: Score;
  /** Why there is no score: PENDING_REVEAL, or NO_INCIDENT when nothing concerned the team. */
  readonly pending?: string;
}

export class Diagnoses {
  private readonly submitted: SubmittedDiagnosis[] = [];

  constructor(
    private readonly incidents: IncidentManager,
    private readonly record: LabRecord,
    /** The models the lab serves (its worlds), with their features: what a diagnosis may name. */
    private readonly models: ServedModels,
  ) {
    // A restarted lab goes on with the submissions, scores and numbering of its earlier runs.
    for (const event of record.events({ prefix: 'diagnosis.submit', limit: 1_000_000 })) {
      const entry = submissionOf(event, this.submitted.length + 1);
      if (entry) this.submitted.push(entry);
    }
  }

  /** Scores and records `diagnosis`; throws IncidentControlError (400) when the lab cannot take it. */
  submit(team: string, diagnosis: Diagnosis, note: string): SubmittedDiagnosis {
    const submittedAt = Date.now();
    const problem = diagnosisProblem(diagnosis, note, this.models, submittedAt);
    if (problem !== null) throw new IncidentControlError(problem, 400);
    let best: { incident: Incident; score: Score } | null = null;
    for (const incident of this.incidents.all()) {
      const onset = incident.onset.get(team);
      if (!incident.teams.includes(team) || onset === undefined) continue;
      const score = scoreDiagnosis(diagnosis, incident.scenario.answer, onset, submittedAt);
      if (!best || score.total > best.score.total) best = { incident, score };
    }
    const entry: SubmittedDiagnosis = {
      ...diagnosis,
      id: this.submitted.length + 1,
      team,
      note,
      submittedAt,
      incident: best?.incident.id ?? null,
      score: best?.score ?? null,
    };
    this.submitted.push(entry);
    this.record.append({
      actor: `team:${team}`,
      action: 'diagnosis.submit',
      model: diagnosis.model,
      params: {
        features: diagnosis.features,
        kind: diagnosis.kind,
        since: new Date(diagnosis.since).toISOString(),
        submittedAt: new Date(submittedAt).toISOString(),
        note,
        incident: entry.incident,
        score: entry.score,
      },
      outcome: entry.score ? `scored ${entry.score.total}` : 'no incident had begun',
    });
    return entry;
  }

  /** A team's submissions as it may see them. */
  feedbackFor(team: string): DiagnosisFeedback[] {
    return this.submitted.filter((d) => d.team === team).map((d) => this.feedback(d));
  }

  feedback(d: SubmittedDiagnosis): DiagnosisFeedback {
    const incident = d.incident ? this.incidents.get(d.incident) : null;
    const visible = incident !== null && scoresVisible(incident);
    return {
      id: d.id,
      submittedAt: new Date(d.submittedAt).toISOString(),
      model: d.model,
      kind: d.kind,
      features: d.features,
      since: new Date(d.since).toISOString(),
      ...(visible && d.score ? { score: d.score } : { pending: incident ? PENDING_REVEAL : NO_INCIDENT }),
    };
  }

  all(): readonly SubmittedDiagnosis[] {
    return this.submitted;
  }

  /** The rows `team` may see (scoreboard.ts: its own, of the incidents it knows of). */
  scoreboardFor(team: string): ScoreboardRow[] {
    const byId = new Map(this.incidents.all().map((i) => [i.id, i]));
    return teamScoreboard(this.scoreboard(), team, (id) => byId.get(id));
  }

  /**
   * Per incident and team: the best and the last score, the best one's time to detect, and the
   * time to recover (from the record's alerts: see timeToRecover).
   */
  scoreboard(): ScoreboardRow[] {
    const rows: ScoreboardRow[] = [];
    const alerts = this.record.events({ prefix: 'alert.', limit: 100_000 });
    const now = Date.now();
    for (const incident of this.incidents.all())
      for (const team of incident.teams) {
        const mine = this.submitted.filter((d) => d.team === team && d.incident === incident.id);
        const best = mine.reduce<SubmittedDiagnosis | null>(
          (b, d) => (!b || d.score!.total > b.score!.total ? d : b),
          null,
        );
        rows.push({
          incident: incident.id,
          scenario: incident.scenario.id,
          title: incident.scenario.title,
          team,
          best: best?.score?.total ?? null,
          last: mine.at(-1)?.score?.total ?? null,
          submissions: mine.length,
          timeToDetectSeconds: best?.score?.timeToDetectSeconds ?? null,
          timeToRecoverSeconds: incident.onset.has(team)
            ? timeToRecover(
                alerts,
                incident.scenario.answer.model,
                team,
                incident.onset.get(team)!,
                now,
                RECOVERY_HOLD_MS,
              )
            : null,
        });
      }
    return rows;
  }
}

/** A submission as the record kept it; null for an event it cannot read. */
function submissionOf(event: LabEvent, id: number): SubmittedDiagnosis | null {
  const p = event.params as {
    features?: unknown;
    kind?: unknown;
    since?: unknown;
    submittedAt?: unknown;
    note?: unknown;
    incident?: unknown;
    score?: unknown;
  };
  if (!event.actor.startsWith('team:') || event.model === null || !Array.isArray(p.features)) return null;
  return {
    id,
    team: event.actor.slice('team:'.length),
    model: event.model,
    features: p.features.filter((f): f is string => typeof f === 'string'),
    kind: p.kind as DiagnosisKind,
    since: Date.parse(String(p.since)),
    note: typeof p.note === 'string' ? p.note : '',
    submittedAt: Date.parse(typeof p.submittedAt === 'string' ? p.submittedAt : event.at),
    incident: typeof p.incident === 'string' ? p.incident : null,
    score: (p.score as Score | null | undefined) ?? null,
  };
}
