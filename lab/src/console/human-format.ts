/*
 * What the lab says to people on a terminal, from the same log records the JSON lines carry: a
 * start-up summary (what runs where, what was not found and how to get it, where students go, how
 * tutors get the tokens), one status line updated in place, and short text lines for the rest.
 * Pure: the transport (human-transport.ts) writes what these return.
 */

/** A log record as winston gives it: the message, the level, and the fields. */
export type LogRecord = Readonly<Record<string, unknown>> & {
  readonly message: string;
  readonly level: string;
};

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The monitoring service's line: its URL, or why it is not there and how to get it. */
function serviceLine(name: string, url: unknown, stack: unknown): string {
  const label = name.padEnd(14);
  if (typeof url === 'string') return `  ${label}${url}`;
  if (stack === 'off') return `  ${label}off (--no-prometheus)`;
  return `  ${label}not found on PATH: install it (README, "The full stack without Docker") or run docker compose (docs/docker.md)`;
}

/** The summary printed once the lab has started (`lab started`). */
export function startSummary(r: LogRecord): string[] {
  const worlds = Array.isArray(r.worlds) ? r.worlds.join(', ') : '';
  const components = Array.isArray(r.components) ? r.components : [];
  const lab = str(r.serving) ?? str(r.metrics)?.replace(/\/metrics$/, '');
  const lines = [
    '',
    `driftlab is running: ${components.join(', ')}; speed ${String(r.speed)}× simulated; worlds ${worlds}`,
  ];
  if (lab) lines.push(`  ${'Lab API'.padEnd(14)}${lab}   (/metrics, /openapi.json)`);
  const teams =
    r.teams && typeof r.teams === 'object' ? Object.entries(r.teams as Record<string, string>) : [];
  for (const [team, url] of teams) lines.push(`  ${team.padEnd(14)}${url}`);
  if (r.stack !== undefined) {
    lines.push(serviceLine('Prometheus', r.prometheus, r.stack));
    lines.push(serviceLine('Alertmanager', r.alertmanager, r.stack));
    lines.push(serviceLine('Grafana', r.grafana, r.stack));
  }
  const pages = str(r.pages);
  if (pages) {
    const where = teams.length > 0 ? "each team's address above" : `${pages}/`;
    lines.push(`  ${'Team page'.padEnd(14)}${where}   (students sign in with their team token)`);
    lines.push(
      `  ${'Control room'.padEnd(14)}${pages}/control   (tutor token; projector: ${pages}/projector)`,
    );
  }
  const grafana = str(r.grafana);
  lines.push(
    grafana
      ? `  ${'Students'.padEnd(14)}open ${grafana} (the Lab overview; no sign-in needed)`
      : `  ${'Students'.padEnd(14)}no Grafana here: students can read ${lab ?? 'the lab'}/metrics, or run the full stack (docs/docker.md)`,
  );
  if (str(r.grafanaAdminPassword))
    lines.push(`  ${'Grafana admin'.padEnd(14)}user admin, password in ${String(r.grafanaAdminPassword)}`);
  if (str(r.tokensFile)) {
    lines.push(`  ${'Tutor token'.padEnd(14)}in ${String(r.tokensFile)} (or your DRIFTLAB_TUTOR_TOKEN)`);
    lines.push(
      `  ${'Team tokens'.padEnd(14)}DRIFTLAB_URL=${lab ?? '<lab>'} DRIFTLAB_TOKEN=<tutor token> npx driftlab lab teams`,
    );
  }
  lines.push(
    'Ctrl-C stops the lab. Logs are JSON when the output is not a terminal (--log-format json).',
    '',
  );
  return lines;
}

const sum = (v: unknown): number =>
  v && typeof v === 'object'
    ? Object.values(v as Record<string, number>).reduce((a, b) => a + (Number(b) || 0), 0)
    : 0;

/** The status line (`traffic`): simulated time, effective speed, requests, alerts firing. */
export function statusLine(r: LogRecord, askedSpeed: number | undefined, columns = 100): string {
  const time = str(r.simulatedTime)?.slice(0, 16).replace('T', ' ') ?? '';
  const speed = typeof r.speed === 'number' ? r.speed : undefined;
  const behind = speed !== undefined && askedSpeed !== undefined && speed < 0.9 * askedSpeed;
  const parts = [
    `simulated ${time}`,
    speed === undefined ? '' : `${speed}×${behind ? ` (behind: asked ${askedSpeed}×)` : ''}`,
    `${sum(r.requests).toLocaleString('en')} requests`,
    typeof r.failed === 'number' && r.failed > 0 ? `${r.failed.toLocaleString('en')} failed` : '',
    typeof r.alertsFiring === 'number'
      ? `${r.alertsFiring} alert${r.alertsFiring === 1 ? '' : 's'} firing`
      : '',
  ].filter(Boolean);
  const line = parts.join(' · ');
  return line.length > columns - 1 ? `${line.slice(0, columns - 2)}…` : line;
}

/** Fields not worth a person's attention on a line of text. */
const QUIET = new Set(['level', 'message', 'timestamp', 'traceId']);

/** Any other record: `HH:MM:SS level message (field value, …)`, fields kept short. */
export function textLine(r: LogRecord): string {
  const time = str(r.timestamp)?.slice(11, 19) ?? '';
  const fields = Object.entries(r)
    .filter(([k, v]) => !QUIET.has(k) && v !== undefined && typeof v !== 'object')
    .map(([k, v]) => `${k} ${String(v)}`)
    .join(', ');
  const level = r.level === 'info' ? '' : `${r.level}: `;
  return `${time} ${level}${r.message}${fields ? ` (${fields.length > 160 ? `${fields.slice(0, 159)}…` : fields})` : ''}`;
}
