import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A small client for the few Grafana HTTP API calls the lab needs (Grafana 12; the `/api` routes
 * stay operative in 13, where they are deprecated in favour of `/apis`). Basic auth as the admin
 * user: the password goes into the Authorization header and nowhere else, so no message, error or
 * log line made here can contain it.
 */

/** The folder the Tutor dashboards (answer keys) are provisioned into: closed to students. */
export const TUTOR_FOLDER_UID = 'driftlab-tutor';

/** A Grafana request failed: the message names the call, the HTTP status and Grafana's own message. */
export class GrafanaApiError extends Error {
  constructor(
    message: string,
    /** The HTTP status, or undefined when no response came (connection refused, timeout). */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'GrafanaApiError';
  }
}

/** One entry of `GET /api/folders/:uid/permissions` (the fields this client reads). */
export interface FolderPermission {
  readonly role?: string | null;
  readonly userId?: number;
  readonly userLogin?: string;
  readonly teamId?: number;
  readonly team?: string;
  readonly permission?: number;
  readonly permissionName?: string;
}

export interface GrafanaFolder {
  readonly uid: string;
  readonly title: string;
}

export interface GrafanaHealth {
  readonly database?: string;
  readonly version?: string;
  readonly commit?: string;
}

export interface RestrictedFolder {
  readonly folder: GrafanaFolder;
  /** The permissions that let non-admins in before, now removed. */
  readonly removed: readonly FolderPermission[];
  /** What Grafana reports afterwards: at most entries for the Admin role. */
  readonly remaining: readonly FolderPermission[];
}

export interface GrafanaApiOptions {
  /** Grafana's root URL, such as http://grafana:3000 (a sub-path is kept). */
  readonly url: string;
  readonly user: string;
  readonly password: string;
  /** How long each request may take before it counts as failed (ms). */
  readonly requestTimeoutMs?: number;
  /** How long to wait between two polls of health or of a folder (ms). */
  readonly pollMs?: number;
}

/** Grafana's permission level that lets a grantee open a folder and its dashboards, read-only. */
const VIEW = 1;

/** `role Viewer: View`, `user alice: Edit`, `team students: View`. */
export function describePermission(p: FolderPermission): string {
  const who = p.role
    ? `role ${p.role}`
    : p.userId
      ? `user ${p.userLogin || `#${p.userId}`}`
      : p.teamId
        ? `team ${p.team || `#${p.teamId}`}`
        : 'unknown grantee';
  return `${who}: ${p.permissionName ?? `permission ${p.permission ?? '?'}`}`;
}

/**
 * Whether an entry lets someone other than an admin into the folder. Only an entry for the Admin
 * role may stay: anonymous students are Viewers, so any Viewer, Editor (or None) role entry, and
 * any user or team entry, would let someone who is not an org Admin open the answer keys.
 */
function opensFolder(p: FolderPermission): boolean {
  return !(p.role === 'Admin' && !p.userId && !p.teamId);
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/** Grafana's error body is JSON with `message`; fall back to the start of the text. */
async function grafanaMessage(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { message?: unknown; error?: unknown };
    if (typeof body.message === 'string' && body.message) return body.message;
    if (typeof body.error === 'string' && body.error) return body.error;
  } catch {
    // not JSON
  }
  return text.trim().slice(0, 200) || response.statusText || 'no message';
}

function failureReason(e: unknown): string {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError') return 'no answer in time';
  return err.cause?.code ?? err.cause?.message ?? err.message;
}

/**
 * Polls `GET /api/health` until Grafana answers 200 with its database ok, or throws after
 * `timeoutMs`, naming the last thing that went wrong. Health needs no credentials.
 */
export async function waitUntilHealthy(
  url: string,
  timeoutMs: number,
  options: { pollMs?: number; requestTimeoutMs?: number; stillWaiting?: () => boolean } = {},
): Promise<GrafanaHealth> {
  const pollMs = options.pollMs ?? 500;
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  for (;;) {
    if (options.stillWaiting && !options.stillWaiting()) break;
    try {
      const response = await fetch(`${trimSlash(url)}/api/health`, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(options.requestTimeoutMs ?? 5000),
      });
      if (response.ok) {
        const health = (await response.json().catch(() => ({}))) as GrafanaHealth;
        if (health.database === undefined || health.database === 'ok') return health;
        last = `database ${health.database}`;
      } else {
        last = `HTTP ${response.status}: ${await grafanaMessage(response)}`;
      }
    } catch (e) {
      last = failureReason(e);
    }
    if (Date.now() + pollMs > deadline) break;
    await sleep(pollMs);
  }
  throw new GrafanaApiError(
    `Grafana at ${url} did not become healthy within ${Math.round(timeoutMs / 1000)} s (GET /api/health: ${last})`,
  );
}

export class GrafanaApi {
  private readonly base: string;
  private readonly authorization: string;

  constructor(private readonly options: GrafanaApiOptions) {
    this.base = trimSlash(options.url);
    this.authorization = `Basic ${Buffer.from(`${options.user}:${options.password}`).toString('base64')}`;
  }

  waitUntilHealthy(timeoutMs: number): Promise<GrafanaHealth> {
    return waitUntilHealthy(this.options.url, timeoutMs, {
      pollMs: this.options.pollMs,
      requestTimeoutMs: this.options.requestTimeoutMs,
    });
  }

  /** One authenticated JSON request; a non-2xx answer is a GrafanaApiError naming it. */
  private async request<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(this.base + path, {
        method,
        headers: {
          accept: 'application/json',
          authorization: this.authorization,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.requestTimeoutMs ?? 10_000),
      });
    } catch (e) {
      throw new GrafanaApiError(
        `${method} ${path} failed: ${failureReason(e)} (Grafana at ${this.options.url})`,
      );
    }
    if (!response.ok) {
      const message = await grafanaMessage(response);
      const hint =
        response.status === 401
          ? ` — Grafana rejected the credentials of user '${this.options.user}'`
          : response.status === 403
            ? ` — user '${this.options.user}' may not do this: it must be an org Admin or a Grafana server admin`
            : '';
      throw new GrafanaApiError(
        `${method} ${path} failed: HTTP ${response.status}: ${message}${hint}`,
        response.status,
      );
    }
    return (await response.json().catch(() => ({}))) as T;
  }

  /**
   * Adds an annotation: on one dashboard (only who can open it may read it) or, without
   * `dashboardUID`, organisation-wide, shown by every dashboard that asks for its tags.
   */
  async annotate(annotation: {
    time: number;
    tags: readonly string[];
    text: string;
    dashboardUID?: string;
  }): Promise<{ id: number }> {
    return this.request<{ id: number }>('POST', '/api/annotations', annotation);
  }

  private folderPath(uid: string): string {
    return `/api/folders/${encodeURIComponent(uid)}`;
  }

  /**
   * The folder, waiting while Grafana answers 404: a provisioned folder only exists once the
   * dashboard provisioner has run, which can be a little after `/api/health` is ok.
   */
  async waitForFolder(uid: string, timeoutMs = 60_000): Promise<GrafanaFolder> {
    const pollMs = this.options.pollMs ?? 1000;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        return await this.request<GrafanaFolder>('GET', this.folderPath(uid));
      } catch (e) {
        if (!(e instanceof GrafanaApiError) || e.status !== 404) throw e;
        if (Date.now() + pollMs > deadline)
          throw new GrafanaApiError(
            `folder '${uid}' does not exist after ${Math.round(timeoutMs / 1000)} s (${e.message}); is the dashboard provider with folderUid '${uid}' provisioned?`,
            404,
          );
      }
      await sleep(pollMs);
    }
  }

  /** `GET /api/folders/:uid/permissions`. */
  folderPermissions(uid: string): Promise<FolderPermission[]> {
    return this.request<FolderPermission[]>('GET', `${this.folderPath(uid)}/permissions`);
  }

  /**
   * Leaves the folder to admins only: `POST /api/folders/:uid/permissions` with no items replaces
   * every permission of the folder by none (Grafana's documented "update permissions": items left
   * out are removed), after which only the org Admin role and Grafana server admins, who always
   * have access, can open it. Then reads the permissions back and fails if anything else remains.
   */
  async restrictFolderToAdmins(
    uid: string,
    options: { folderTimeoutMs?: number } = {},
  ): Promise<RestrictedFolder> {
    const folder = await this.waitForFolder(uid, options.folderTimeoutMs);
    const before = await this.folderPermissions(uid);
    await this.request('POST', `${this.folderPath(uid)}/permissions`, { items: [] });
    const remaining = await this.folderPermissions(uid);
    const open = remaining.filter(opensFolder);
    if (open.length > 0)
      throw new GrafanaApiError(
        `folder '${uid}' is still open after its permissions were replaced: ${open.map(describePermission).join('; ')}`,
      );
    return {
      folder: { uid: folder.uid, title: folder.title },
      removed: before.filter(opensFolder),
      remaining,
    };
  }

  /** The folder, created with `title` when it does not exist yet. */
  async ensureFolder(uid: string, title: string): Promise<GrafanaFolder> {
    try {
      return await this.request<GrafanaFolder>('GET', this.folderPath(uid));
    } catch (e) {
      if (!(e instanceof GrafanaApiError) || e.status !== 404) throw e;
    }
    return this.request<GrafanaFolder>('POST', '/api/folders', { uid, title });
  }

  /** Saves a dashboard (by its uid) into a folder, replacing an earlier copy. */
  async saveDashboard(dashboard: object, folderUid: string): Promise<void> {
    await this.request('POST', '/api/dashboards/db', { dashboard, folderUid, overwrite: true });
  }

  /** The id of the Grafana team `name` in the admin's organisation, created when missing. */
  async ensureTeam(name: string): Promise<number> {
    const found = await this.request<{ teams?: { id: number; name: string }[] }>(
      'GET',
      `/api/teams/search?name=${encodeURIComponent(name)}`,
    );
    const team = found.teams?.find((t) => t.name === name);
    if (team) return team.id;
    return (await this.request<{ teamId: number }>('POST', '/api/teams', { name })).teamId;
  }

  /**
   * The id of the user `login`, created with `password` when missing, else given `password` (so a
   * user always logs in with the secret the lab handed out). Needs a Grafana server admin.
   */
  async ensureUser(login: string, password: string): Promise<number> {
    let id: number | undefined;
    try {
      id = (
        await this.request<{ id: number }>(
          'GET',
          `/api/users/lookup?loginOrEmail=${encodeURIComponent(login)}`,
        )
      ).id;
    } catch (e) {
      if (!(e instanceof GrafanaApiError) || e.status !== 404) throw e;
    }
    if (id === undefined)
      return (
        await this.request<{ id: number }>('POST', '/api/admin/users', { name: login, login, password })
      ).id;
    await this.request('PUT', `/api/admin/users/${id}/password`, { password });
    return id;
  }

  /** Makes the user a member of the team (once). */
  async ensureMember(teamId: number, userId: number): Promise<void> {
    const members = await this.request<{ userId: number }[]>('GET', `/api/teams/${teamId}/members`);
    if (!members.some((m) => m.userId === userId))
      await this.request('POST', `/api/teams/${teamId}/members`, { userId });
  }

  /**
   * Leaves the folder to admins and one Grafana team, which may view it: replaces every permission
   * (as restrictFolderToAdmins does), then reads them back and fails if anyone else remains.
   */
  async restrictFolderToTeam(uid: string, teamId: number): Promise<readonly FolderPermission[]> {
    await this.request('POST', `${this.folderPath(uid)}/permissions`, {
      items: [{ teamId, permission: VIEW }],
    });
    const remaining = await this.folderPermissions(uid);
    const open = remaining.filter((p) => opensFolder(p) && !(p.teamId === teamId && !p.role && !p.userId));
    if (open.length > 0)
      throw new GrafanaApiError(
        `folder '${uid}' is still open to others after its permissions were replaced: ${open.map(describePermission).join('; ')}`,
      );
    return remaining;
  }
}
