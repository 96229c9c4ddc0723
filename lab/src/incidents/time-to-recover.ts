import type { LabEvent } from '../record';

/**
 * Seconds from an incident's onset until its model was back within its targets: every alert about
 * the team's model (alerts without a `team` label, from a lab of one team, count for any team) that
 * fired after the onset has resolved, and none fired again for `holdMs`. Null while
 * that has not happened (or when nothing ever fired: the monitoring never saw it).
 *
 * Read from the record's alert events (Alertmanager's notifications), so it works wherever the
 * exporter runs: the alerts encode the targets (quality, drift, data quality, latency, errors).
 */
export function timeToRecover(
  events: readonly LabEvent[],
  model: string,
  team: string,
  onset: number,
  now: number,
  holdMs: number,
): number | null {
  const firing = new Set<string>();
  let fired = false;
  let clearedAt: number | null = null;
  for (const e of events) {
    if (e.model !== model || (e.action !== 'alert.firing' && e.action !== 'alert.resolved')) continue;
    const p = e.params as { labels?: Record<string, string>; startsAt?: string; endsAt?: string };
    const alertTeam = p.labels?.team;
    if (alertTeam && alertTeam !== team) continue;
    const key = JSON.stringify(p.labels ?? {});
    if (e.action === 'alert.firing') {
      if (Date.parse(p.startsAt ?? e.at) < onset) continue; // an alert of before the incident
      firing.add(key);
      fired = true;
      clearedAt = null;
    } else if (firing.delete(key) && firing.size === 0) {
      clearedAt = Date.parse(p.endsAt ?? e.at);
    }
  }
  if (!fired || clearedAt === null || now - clearedAt < holdMs) return null;
  return Math.max(0, (clearedAt - onset) / 1000);
}
