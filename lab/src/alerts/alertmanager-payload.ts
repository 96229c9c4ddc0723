/*
 * Alertmanager's webhook payload (version 4), checked field by field: a bad body gets a message
 * naming the field and what was expected, never a crash.
 * https://prometheus.io/docs/alerting/latest/configuration/#webhook_config
 */

export interface ReceivedAlert {
  readonly status: 'firing' | 'resolved';
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  /** Epoch ms. */
  readonly startsAt: number;
  /** Epoch ms; NaN while firing (Alertmanager sends the zero time). */
  readonly endsAt: number;
  readonly fingerprint: string;
}

export class PayloadError extends Error {
  constructor(field: string, expected: string, got: unknown) {
    super(`${field}: expected ${expected}, got ${JSON.stringify(got) ?? 'nothing'}`);
    this.name = 'PayloadError';
  }
}

const MAX_ALERTS = 1000;

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function stringMap(v: unknown, field: string): Record<string, string> {
  if (v === undefined) return {};
  if (!isObject(v) || !Object.values(v).every((x) => typeof x === 'string'))
    throw new PayloadError(field, 'a mapping of names to strings', v);
  return v as Record<string, string>;
}

function time(v: unknown, field: string, zeroIsNaN: boolean): number {
  const t = typeof v === 'string' ? Date.parse(v) : NaN;
  if (Number.isNaN(t)) throw new PayloadError(field, 'an RFC 3339 time', v);
  // Alertmanager marks "no end yet" with Go's zero time, 0001-01-01T00:00:00Z.
  return zeroIsNaN && t < 0 ? NaN : t;
}

export function parseAlertmanagerPayload(body: unknown): ReceivedAlert[] {
  if (!isObject(body))
    throw new PayloadError('(body)', 'an Alertmanager webhook payload (JSON object)', body);
  if (body.version !== '4')
    throw new PayloadError('version', '"4" (Alertmanager webhook version)', body.version);
  if (!Array.isArray(body.alerts) || body.alerts.length > MAX_ALERTS)
    throw new PayloadError('alerts', `a list of at most ${MAX_ALERTS} alerts`, body.alerts);
  return body.alerts.map((a: unknown, i): ReceivedAlert => {
    const at = `alerts[${i}]`;
    if (!isObject(a)) throw new PayloadError(at, 'an alert object', a);
    if (a.status !== 'firing' && a.status !== 'resolved')
      throw new PayloadError(`${at}.status`, '"firing" or "resolved"', a.status);
    const labels = stringMap(a.labels, `${at}.labels`);
    if (!labels.alertname)
      throw new PayloadError(`${at}.labels.alertname`, 'a non-empty string', labels.alertname);
    const fingerprint = a.fingerprint === undefined ? JSON.stringify(labels) : a.fingerprint;
    if (typeof fingerprint !== 'string')
      throw new PayloadError(`${at}.fingerprint`, 'a string', a.fingerprint);
    return {
      status: a.status,
      labels,
      annotations: stringMap(a.annotations, `${at}.annotations`),
      startsAt: time(a.startsAt, `${at}.startsAt`, false),
      endsAt: a.endsAt === undefined ? NaN : time(a.endsAt, `${at}.endsAt`, true),
      fingerprint,
    };
  });
}
