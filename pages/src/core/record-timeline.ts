/*
 * The control room's record timeline as data: which events to ask for, each event's parameters said
 * in a line, and the events newest first, grouped by day (the record outlives a class: it spans
 * restarts and sessions).
 */
import type { RecordEvent } from '../api/types';
import { formatDuration, formatScore, formatTime } from './format';

/** The record filter: an action prefix GET /v1/record?prefix= takes, and what it is called. */
export const RECORD_FILTERS: readonly { readonly prefix: string; readonly label: string }[] = [
  { prefix: '', label: 'All events' },
  { prefix: 'incident.', label: 'Incidents (incident.)' },
  { prefix: 'diagnosis.', label: 'Diagnoses (diagnosis.)' },
  { prefix: 'recovery.', label: 'Recovery actions (recovery.)' },
  { prefix: 'alert.', label: 'Alerts (alert.)' },
];

/** How many of the newest events the timeline shows. */
export const RECORD_LIMIT = 200;

export function recordPath(prefix: string, limit: number = RECORD_LIMIT): string {
  const query = new URLSearchParams({ limit: String(limit) });
  if (prefix) query.set('prefix', prefix);
  return `/v1/record?${query.toString()}`;
}

const MAX_SUMMARY = 140;

const text = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const count = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined;
const texts = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
const join = (parts: readonly (string | false | undefined)[]): string =>
  parts.filter((p): p is string => Boolean(p)).join(', ');

function incidentStart(p: Readonly<Record<string, unknown>>): string {
  const delay = count(p.delaySeconds);
  const teams = texts(p.teams);
  return join([
    text(p.scenario),
    text(p.mode),
    teams.length > 0 && `teams ${teams.join(' ')}`,
    delay !== undefined && delay > 0 && `starts ${formatDuration(delay)} later (simulated)`,
    p.feedback === true && 'feedback on',
  ]);
}

function diagnosis(p: Readonly<Record<string, unknown>>): string {
  const features = texts(p.features);
  const score = (p.score as { total?: unknown } | null | undefined)?.total;
  return join([
    `${text(p.kind) ?? '?'}${features.length > 0 ? ` on ${features.join(' ')}` : ''}`,
    text(p.incident) && `matched ${text(p.incident)}`,
    count(score) !== undefined && `score ${formatScore(count(score))}`,
  ]);
}

function alert(p: Readonly<Record<string, unknown>>): string {
  const labels = (p.labels ?? {}) as Record<string, unknown>;
  const lasted = count(p.durationSeconds);
  return join([
    text(p.alertname),
    text(labels.team),
    text(labels.feature) && `feature ${text(labels.feature)}`,
    lasted !== undefined && `lasted ${formatDuration(lasted)}`,
  ]);
}

function labReset(p: Readonly<Record<string, unknown>>): string {
  const aborted = texts(p.aborted);
  return aborted.length > 0 ? `aborted ${aborted.join(' ')}` : 'no incident to abort';
}

/**
 * Parameters in a line, for actions without a summary of their own. Never `definition`: a
 * started scenario's whole text, answer key included, which the timeline must not show by accident.
 */
function generic(p: Readonly<Record<string, unknown>>): string {
  return join(
    Object.entries(p)
      .filter(([key]) => key !== 'definition')
      .map(([key, value]) => {
        if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
          return `${key} ${String(value)}`;
        const list = texts(value);
        return list.length > 0 ? `${key} ${list.join(' ')}` : undefined;
      }),
  );
}

/** What happened, in a line: the parameters that matter for the action, and its outcome. */
export function summarizeEvent(event: Pick<RecordEvent, 'action' | 'params' | 'outcome'>): string {
  const p = event.params;
  const incident = text(p.incident);
  let summary: string;
  if (event.action === 'incident.start') summary = join([incident, incidentStart(p)]);
  else if (event.action === 'incident.onset')
    summary = join([incident, text(p.team) && `began for ${text(p.team)}`]);
  else if (event.action.startsWith('incident.')) summary = incident ?? '';
  else if (event.action === 'diagnosis.submit') summary = diagnosis(p);
  else if (event.action.startsWith('alert.')) summary = alert(p);
  else if (event.action === 'lab.reset') summary = labReset(p);
  else summary = generic(p);
  // "done" and an alert's own status say nothing the action does not.
  const outcome = event.outcome;
  if (outcome && outcome !== 'done' && !event.action.endsWith(`.${outcome}`) && !outcome.startsWith('scored'))
    summary = join([summary, outcome]);
  return summary.length > MAX_SUMMARY ? `${summary.slice(0, MAX_SUMMARY - 1)}…` : summary;
}

export interface TimelineRow {
  readonly id: number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  /** The action's family ("incident", "alert", …): how the timeline marks it. */
  readonly family: string;
  readonly model: string | null;
  readonly summary: string;
}

export interface TimelineDay {
  /** The local date, e.g. "2026-11-27", as a React key. */
  readonly key: string;
  /** "Today", or the date as the browser writes it. */
  readonly label: string;
  readonly rows: readonly TimelineRow[];
}

const pad = (n: number) => String(n).padStart(2, '0');
const localDate = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** The events newest first, summarized, grouped by the local day they happened. */
export function timelineOf(events: readonly RecordEvent[], now: Date = new Date()): TimelineDay[] {
  const days: { key: string; label: string; rows: TimelineRow[] }[] = [];
  for (const e of [...events].sort((a, b) => b.id - a.id)) {
    const at = new Date(e.at);
    const key = Number.isNaN(at.getTime()) ? 'unknown' : localDate(at);
    let day = days[days.length - 1];
    if (day?.key !== key) {
      const label =
        key === 'unknown' ? 'Unknown date' : key === localDate(now) ? 'Today' : at.toLocaleDateString();
      day = { key, label, rows: [] };
      days.push(day);
    }
    day.rows.push({
      id: e.id,
      at: e.at,
      actor: e.actor,
      action: e.action,
      family: e.action.split('.')[0],
      model: e.model,
      summary: summarizeEvent(e),
    });
  }
  return days;
}

/** A time of day alone ("14:05:12"): the timeline's day headings carry the date. */
export function timeOfDay(iso: string): string {
  return formatTime(iso, new Date(iso));
}
