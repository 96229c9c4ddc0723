/* How the pages write times, durations and scores: pure, so the tests check them directly. */

/** "45 s", "4 min 30 s", "2 h 5 min"; "–" when unknown. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '–';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) {
    const rest = s % 60;
    return rest === 0 ? `${Math.floor(s / 60)} min` : `${Math.floor(s / 60)} min ${rest} s`;
  }
  const minutes = Math.floor((s % 3600) / 60);
  return minutes === 0 ? `${Math.floor(s / 3600)} h` : `${Math.floor(s / 3600)} h ${minutes} min`;
}

/** A score out of 100, or "–" while the tutor keeps it back. */
export function formatScore(score: number | null | undefined): string {
  if (score === null || score === undefined || !Number.isFinite(score)) return '–';
  return String(Math.round(score));
}

/** Wall-clock time of day in the browser's zone ("14:05:12"), with the date when not `now`'s day. */
export function formatTime(iso: string | null | undefined, now: Date = new Date()): string {
  if (!iso) return '–';
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return '–';
  const time = t.toLocaleTimeString([], {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  });
  return t.toDateString() === now.toDateString() ? time : `${t.toLocaleDateString()} ${time}`;
}

/** "just now", "3 min ago", "2 h ago"; "in 5 min" for a time to come. */
export function formatRelative(iso: string, now: number = Date.now()): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '–';
  const seconds = (now - t) / 1000;
  if (Math.abs(seconds) < 30) return 'just now';
  const text = formatDuration(Math.abs(seconds)).replace(/ \d+ s$/, '');
  return seconds > 0 ? `${text} ago` : `in ${text}`;
}

/** The ISO time `minutes` before `now`: the diagnosis form's "minutes ago". */
export function minutesAgo(minutes: number, now: number = Date.now()): string {
  return new Date(now - minutes * 60_000).toISOString();
}

/**
 * A `<input type="datetime-local">` value (the browser's zone, no offset) as an ISO time; null
 * when it is not one.
 */
export function localInputToIso(value: string): string | null {
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(value)) return null;
  const t = new Date(value);
  return Number.isNaN(t.getTime()) ? null : t.toISOString();
}

/** `now` as a `<input type="datetime-local">` value in the browser's zone (minutes precision). */
export function toLocalInput(at: number = Date.now()): string {
  const d = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
