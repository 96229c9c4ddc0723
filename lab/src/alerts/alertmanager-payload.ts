import { isEventTime } from '@driftlab/contracts';
import { described } from '../described';
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
    super(`${field}: expected ${expected}, got ${described(got)}`);
    this.name = 'PayloadError';
  }
}

/** Bounds on what one notification may hold: far above what the lab's rules produce. */
export const PAYLOAD_LIMITS = {
  alerts: 200,
  /** Labels (or annotations) per alert. */
  entries: 64,
  /** Characters in a label's or annotation's name or value. */
  text: 2048,
} as const;

const GO_ZERO_TIME = Date.parse('0001-01-01T00:00:00Z');

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function stringMap(v: unknown, field: string): Record<string, string> {
  if (v === undefined) return {};
  const { entries, text } = PAYLOAD_LIMITS;
  const expected = `a mapping of at most ${entries} names to strings of at most ${text} characters`;
  if (!isObject(v)) throw new PayloadError(field, expected, v);
  const pairs = Object.entries(v);
  if (pairs.length > entries) throw new PayloadError(field, expected, `${pairs.length} entries`);
  for (const [name, value] of pairs)
    if (typeof value !== 'string' || value.length > text || name.length > text)
      throw new PayloadError(
        `${field}.${name.slice(0, 60)}`,
        `a string of at most ${text} characters`,
        value,
      );
  return v as Record<string, string>;
}

function time(v: unknown, field: string, zeroIsNaN: boolean): number {
  const t = typeof v === 'string' ? Date.parse(v) : NaN;
  // Alertmanager marks "no end yet" with Go's zero time, 0001-01-01T00:00:00Z.
  if (zeroIsNaN && t === GO_ZERO_TIME) return NaN;
  // The one bound on times from outside (contracts): Alertmanager's clock is the machine's.
  if (!isEventTime(t)) throw new PayloadError(field, 'an RFC 3339 time between the years 2000 and 2200', v);
  return t;
}

export function parseAlertmanagerPayload(body: unknown): ReceivedAlert[] {
  if (!isObject(body))
    throw new PayloadError('(body)', 'an Alertmanager webhook payload (JSON object)', body);
  if (body.version !== '4')
    throw new PayloadError('version', '"4" (Alertmanager webhook version)', body.version);
  if (!Array.isArray(body.alerts) || body.alerts.length > PAYLOAD_LIMITS.alerts)
    throw new PayloadError('alerts', `a list of at most ${PAYLOAD_LIMITS.alerts} alerts`, body.alerts);
  return body.alerts.map((a: unknown, i): ReceivedAlert => {
    const at = `alerts[${i}]`;
    if (!isObject(a)) throw new PayloadError(at, 'an alert object', a);
    if (a.status !== 'firing' && a.status !== 'resolved')
      throw new PayloadError(`${at}.status`, '"firing" or "resolved"', a.status);
    const labels = stringMap(a.labels, `${at}.labels`);
    if (!labels.alertname)
      throw new PayloadError(`${at}.labels.alertname`, 'a non-empty string', labels.alertname);
    const fingerprint = a.fingerprint === undefined ? JSON.stringify(labels) : a.fingerprint;
    if (typeof fingerprint !== 'string' || fingerprint.length > PAYLOAD_LIMITS.text)
      throw new PayloadError(
        `${at}.fingerprint`,
        `a string of at most ${PAYLOAD_LIMITS.text} characters`,
        a.fingerprint,
      );
    const startsAt = time(a.startsAt, `${at}.startsAt`, false);
    const endsAt = a.endsAt === undefined ? NaN : time(a.endsAt, `${at}.endsAt`, true);
    if (endsAt < startsAt)
      throw new PayloadError(`${at}.endsAt`, 'a time no earlier than startsAt', a.endsAt);
    return {
      status: a.status,
      labels,
      annotations: stringMap(a.annotations, `${at}.annotations`),
      startsAt,
      endsAt,
      fingerprint,
    };
  });
}
