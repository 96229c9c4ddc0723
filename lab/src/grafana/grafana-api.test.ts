import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { run } from '../testing';
import {
  GrafanaApi,
  GrafanaApiError,
  TUTOR_FOLDER_UID,
  waitUntilHealthy,
  type FolderPermission,
} from './grafana-api';

const PASSWORD = 'Tutor-Secret#42';
const BASIC = `Basic ${Buffer.from(`admin:${PASSWORD}`).toString('base64')}`;
const FOLDER = `/api/folders/${TUTOR_FOLDER_UID}`;

const permission = (role: string, level: number, name: string): FolderPermission =>
  ({
    id: level,
    folderId: 2,
    userId: 0,
    userLogin: '',
    teamId: 0,
    team: '',
    role,
    permission: level,
    permissionName: name,
    uid: TUTOR_FOLDER_UID,
    title: 'Tutor',
    isFolder: true,
    inherited: false,
  }) as FolderPermission;
const VIEWER = permission('Viewer', 1, 'View');
const EDITOR = permission('Editor', 2, 'Edit');
const ADMIN = permission('Admin', 4, 'Admin');

interface Recorded {
  method: string;
  path: string;
  authorization?: string;
  contentType?: string;
  body?: unknown;
}

/**
 * A stand-in for Grafana's documented endpoints (health, folder, folder permissions) with basic
 * auth, recording every request it gets.
 */
class FakeGrafana {
  readonly requests: Recorded[] = [];
  /** Answers 503 to this many health checks first. */
  healthFailures = 0;
  /** Answers 404 to this many folder lookups first (the provisioner has not run yet). */
  folderMissing = 0;
  permissions: FolderPermission[] = [VIEWER, EDITOR, ADMIN];
  /** Entries a permissions update fails to remove (a Grafana that does not behave as documented). */
  sticky: FolderPermission[] = [];
  url = '';
  private server?: Server;

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** The requests other than health checks, as `METHOD path`. */
  calls(): string[] {
    return this.requests.filter((r) => r.path !== '/api/health').map((r) => `${r.method} ${r.path}`);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let text = '';
    for await (const chunk of req) text += String(chunk);
    const path = req.url ?? '';
    this.requests.push({
      method: req.method ?? '',
      path,
      authorization: req.headers.authorization,
      contentType: req.headers['content-type'],
      body: text ? JSON.parse(text) : undefined,
    });
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'GET' && path === '/api/health') {
      if (this.healthFailures > 0) {
        this.healthFailures--;
        return send(503, { commit: 'abc', database: 'failing', version: '12.4.0' });
      }
      return send(200, { commit: 'abc', database: 'ok', version: '12.4.0' });
    }
    if (req.headers.authorization !== BASIC)
      return send(401, {
        message: 'Invalid username or password',
        messageId: 'password-auth.failed',
        statusCode: 401,
      });
    if (req.method === 'GET' && path === FOLDER) {
      if (this.folderMissing > 0) {
        this.folderMissing--;
        return send(404, { message: 'folder not found', messageId: 'folder.notFound', statusCode: 404 });
      }
      return send(200, {
        id: 2,
        uid: TUTOR_FOLDER_UID,
        title: 'Tutor',
        url: '/dashboards/f/driftlab-tutor/',
      });
    }
    if (req.method === 'GET' && path === `${FOLDER}/permissions`) return send(200, this.permissions);
    if (req.method === 'POST' && path === `${FOLDER}/permissions`) {
      const items = (JSON.parse(text) as { items: FolderPermission[] }).items;
      this.permissions = [...this.sticky, ...items];
      return send(200, { message: 'Folder permissions updated' });
    }
    return send(404, { message: 'Not found' });
  }
}

let grafana: FakeGrafana;
beforeEach(async () => {
  grafana = await new FakeGrafana().start();
});
afterEach(() => grafana.stop());

const api = (password = PASSWORD) =>
  new GrafanaApi({ url: grafana.url, user: 'admin', password, pollMs: 20 });

describe('GrafanaApi.restrictFolderToAdmins', () => {
  it('waits for the provisioned folder, replaces its permissions by none and reads them back', async () => {
    grafana.folderMissing = 2;
    const result = await api().restrictFolderToAdmins(TUTOR_FOLDER_UID);
    expect(result.folder).toEqual({ uid: TUTOR_FOLDER_UID, title: 'Tutor' });
    expect(result.removed).toEqual([VIEWER, EDITOR]);
    expect(result.remaining).toEqual([]);
    expect(grafana.calls()).toEqual([
      `GET ${FOLDER}`,
      `GET ${FOLDER}`,
      `GET ${FOLDER}`,
      `GET ${FOLDER}/permissions`,
      `POST ${FOLDER}/permissions`,
      `GET ${FOLDER}/permissions`,
    ]);
    for (const request of grafana.requests) expect(request.authorization).toBe(BASIC);
    const post = grafana.requests.find((r) => r.method === 'POST')!;
    expect(post.body).toEqual({ items: [] });
    expect(post.contentType).toBe('application/json');
  });

  it('accepts an Admin role entry that Grafana keeps', async () => {
    grafana.sticky = [ADMIN];
    const result = await api().restrictFolderToAdmins(TUTOR_FOLDER_UID);
    expect(result.remaining).toEqual([ADMIN]);
  });

  it('fails when a Viewer permission remains after the update', async () => {
    grafana.sticky = [VIEWER];
    const error = await api()
      .restrictFolderToAdmins(TUTOR_FOLDER_UID)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GrafanaApiError);
    expect((error as Error).message).toBe(
      "folder 'driftlab-tutor' is still open after its permissions were replaced: role Viewer: View",
    );
  });

  it('fails when a user or team entry remains', async () => {
    grafana.sticky = [
      { userId: 7, userLogin: 'student1', permission: 1, permissionName: 'View' },
      { teamId: 3, team: 'class-a', permission: 1, permissionName: 'View' },
    ];
    await expect(api().restrictFolderToAdmins(TUTOR_FOLDER_UID)).rejects.toThrow(
      'still open after its permissions were replaced: user student1: View; team class-a: View',
    );
  });

  it("names the call, HTTP 401 and Grafana's message for a wrong password, without the password", async () => {
    const wrong = 'not-the-password';
    const error = (await api(wrong)
      .restrictFolderToAdmins(TUTOR_FOLDER_UID)
      .catch((e: unknown) => e)) as GrafanaApiError;
    expect(error).toBeInstanceOf(GrafanaApiError);
    expect(error.status).toBe(401);
    expect(error.message).toBe(
      `GET ${FOLDER} failed: HTTP 401: Invalid username or password — Grafana rejected the credentials of user 'admin'`,
    );
    expect(error.message).not.toContain(wrong);
    expect(error.stack).not.toContain(wrong);
    expect(grafana.calls()).toEqual([`GET ${FOLDER}`]);
    expect(grafana.requests[0].authorization).toBe(
      `Basic ${Buffer.from(`admin:${wrong}`).toString('base64')}`,
    );
  });

  it('gives up when the folder never appears', async () => {
    grafana.folderMissing = Number.POSITIVE_INFINITY;
    const error = (await api()
      .restrictFolderToAdmins(TUTOR_FOLDER_UID, { folderTimeoutMs: 150 })
      .catch((e: unknown) => e)) as GrafanaApiError;
    expect(error.status).toBe(404);
    expect(error.message).toMatch(
      /^folder 'driftlab-tutor' does not exist after 0 s \(GET \/api\/folders\/driftlab-tutor failed: HTTP 404: folder not found\); is the dashboard provider with folderUid 'driftlab-tutor' provisioned\?$/,
    );
    expect(grafana.calls().length).toBeGreaterThan(2);
    expect(grafana.calls().every((c) => c === `GET ${FOLDER}`)).toBe(true);
  });
});

describe('waitUntilHealthy', () => {
  it('polls /api/health, without credentials, until the database is ok', async () => {
    grafana.healthFailures = 2;
    await expect(waitUntilHealthy(grafana.url, 5000, { pollMs: 20 })).resolves.toEqual({
      commit: 'abc',
      database: 'ok',
      version: '12.4.0',
    });
    expect(grafana.requests.map((r) => `${r.method} ${r.path}`)).toEqual(Array(3).fill('GET /api/health'));
    for (const request of grafana.requests) expect(request.authorization).toBeUndefined();
  });

  it('names the last failure when Grafana stays unhealthy', async () => {
    grafana.healthFailures = Number.POSITIVE_INFINITY;
    await expect(waitUntilHealthy(grafana.url, 200, { pollMs: 20 })).rejects.toThrow(
      `Grafana at ${grafana.url} did not become healthy within 0 s (GET /api/health: HTTP 503: `,
    );
  });

  it('names the connection error when nothing listens', async () => {
    const url = grafana.url;
    await grafana.stop();
    await expect(waitUntilHealthy(url, 200, { pollMs: 20 })).rejects.toThrow(
      `Grafana at ${url} did not become healthy within 0 s (GET /api/health: ECONNREFUSED)`,
    );
  });
});

describe('driftlab grafana setup', () => {
  const saved = process.env.GRAFANA_ADMIN_PASSWORD;
  afterEach(() => {
    if (saved === undefined) delete process.env.GRAFANA_ADMIN_PASSWORD;
    else process.env.GRAFANA_ADMIN_PASSWORD = saved;
  });

  it('fails, naming GRAFANA_ADMIN_PASSWORD, when it is not set', async () => {
    delete process.env.GRAFANA_ADMIN_PASSWORD;
    const { code, stdout, stderr } = await run('grafana', 'setup', '--url', grafana.url);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      "driftlab: GRAFANA_ADMIN_PASSWORD is not set: set it to the password of Grafana user 'admin' (there is no default password).\n",
    );
    expect(grafana.requests).toEqual([]);
  });

  it('fails when GRAFANA_ADMIN_PASSWORD is empty', async () => {
    process.env.GRAFANA_ADMIN_PASSWORD = '';
    const { code, stderr } = await run('grafana', 'setup', '--url', grafana.url, '--user', 'tutor');
    expect(code).toBe(1);
    expect(stderr).toMatch(/GRAFANA_ADMIN_PASSWORD is empty: set it to the password of Grafana user 'tutor'/);
  });

  it('closes the Tutor folder and says what it did, never printing the password', async () => {
    process.env.GRAFANA_ADMIN_PASSWORD = PASSWORD;
    grafana.healthFailures = 1;
    grafana.folderMissing = 1;
    const { code, stdout, stderr } = await run('grafana', 'setup', '--url', `${grafana.url}/`);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe(
      `Grafana at ${grafana.url} is healthy (version 12.4.0).\n` +
        "Folder 'Tutor' (driftlab-tutor): removed role Viewer: View; role Editor: Edit. Only org Admins and Grafana server admins can open it now.\n",
    );
    expect(grafana.requests.filter((r) => r.path === '/api/health')).toHaveLength(2);
    expect(grafana.calls()).toEqual([
      `GET ${FOLDER}`,
      `GET ${FOLDER}`,
      `GET ${FOLDER}/permissions`,
      `POST ${FOLDER}/permissions`,
      `GET ${FOLDER}/permissions`,
    ]);
    expect(grafana.permissions).toEqual([]);
    expect(stdout + stderr).not.toContain(PASSWORD);
  }, 15_000);

  it('says so when the folder was already closed', async () => {
    process.env.GRAFANA_ADMIN_PASSWORD = PASSWORD;
    grafana.permissions = [];
    const { code, stdout } = await run('grafana', 'setup', '--url', grafana.url);
    expect(code).toBe(0);
    expect(stdout).toMatch(/\(driftlab-tutor\): it was already closed to everyone but admins\./);
  });

  it('exits 1 with the HTTP status and a hint for a wrong password, without printing it', async () => {
    process.env.GRAFANA_ADMIN_PASSWORD = 'wrong-Password-99';
    const { code, stdout, stderr } = await run('grafana', 'setup', '--url', grafana.url);
    expect(code).toBe(1);
    expect(stderr).toBe(
      `driftlab: grafana setup: GET ${FOLDER} failed: HTTP 401: Invalid username or password — Grafana rejected the credentials of user 'admin' (check --user and the password in GRAFANA_ADMIN_PASSWORD)\n`,
    );
    expect(stdout + stderr).not.toContain('wrong-Password-99');
  });

  it('exits 1 when the verification finds a Viewer permission left', async () => {
    process.env.GRAFANA_ADMIN_PASSWORD = PASSWORD;
    grafana.sticky = [VIEWER];
    const { code, stderr } = await run('grafana', 'setup', '--url', grafana.url);
    expect(code).toBe(1);
    expect(stderr).toBe(
      "driftlab: grafana setup: folder 'driftlab-tutor' is still open after its permissions were replaced: role Viewer: View\n",
    );
  });

  it('exits 1 when Grafana does not become healthy within --timeout', async () => {
    process.env.GRAFANA_ADMIN_PASSWORD = PASSWORD;
    const url = grafana.url;
    await grafana.stop();
    const { code, stderr } = await run('grafana', 'setup', '--url', url, '--timeout', '1s');
    expect(code).toBe(1);
    expect(stderr).toBe(
      `driftlab: grafana setup: Grafana at ${url} did not become healthy within 1 s (GET /api/health: ECONNREFUSED)\n`,
    );
  });

  it('refuses credentials in --url without echoing them', async () => {
    process.env.GRAFANA_ADMIN_PASSWORD = PASSWORD;
    const { code, stderr } = await run('grafana', 'setup', '--url', 'http://admin:hunter2@grafana:3000');
    expect(code).toBe(2);
    expect(stderr).toMatch(/--url must not contain credentials/);
    expect(stderr).not.toContain('hunter2');
  });

  it.each([['not a url'], ['ftp://grafana:3000']])('refuses --url %s (exit 2)', async (url) => {
    const { code, stderr } = await run('grafana', 'setup', '--url', url);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--url: expected an http\(s\) URL/);
  });

  it('is a usage error without --url or with a bad --timeout', async () => {
    expect((await run('grafana', 'setup')).stderr).toMatch(/required option '--url <url>' not specified/);
    const timeout = await run('grafana', 'setup', '--url', grafana.url, '--timeout', 'soon');
    expect(timeout.code).toBe(2);
    expect(timeout.stderr).toMatch(/expected a duration such as 90s/);
  });

  it.each([[['grafana']], [['grafana', 'setup']]])('prints help for %j --help', async (command) => {
    const { code, stdout } = await run(...command, '--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: driftlab grafana/);
    if (command.length === 2) {
      expect(stdout).toMatch(/grafana-setup/);
      expect(stdout).toMatch(/GRAFANA_ADMIN_PASSWORD/);
      expect(stdout).toMatch(/\(default:\s+120s\)/);
    }
  });
});
