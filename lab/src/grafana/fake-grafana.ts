import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FolderPermission } from './grafana-api';

// Test support (not built): no Grafana server runs on the build machines.

/**
 * A stand-in `grafana` binary: records its arguments, reads the grafana.ini it is given and answers
 * health and the folder calls on its port with the admin password from that file.
 */
export const FAKE_GRAFANA = `#!/usr/bin/env node
const fs = require('fs');
const http = require('http');
const path = require('path');
const args = process.argv.slice(2);
const config = fs.readFileSync(args[args.indexOf('--config') + 1], 'utf8');
fs.writeFileSync(path.join(__dirname, 'args.json'), JSON.stringify({ args, cwd: process.cwd() }));
if (fs.existsSync(path.join(__dirname, 'fail'))) { console.error('logger=server error="failed to listen"'); process.exit(1); }
const port = Number(/^http_port = (\\d+)$/m.exec(config)[1]);
const password = /^admin_password = (?:"""(.*)"""|(.*))$/m.exec(config).slice(1).find((s) => s !== undefined);
const basic = 'Basic ' + Buffer.from('admin:' + password).toString('base64');
let permissions = [{ role: 'Viewer', permission: 1, permissionName: 'View' }];
http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    const send = (status, value) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(value)); };
    if (req.url === '/api/health') return send(200, { database: 'ok', version: '12.4.0' });
    if (req.headers.authorization !== basic) return send(401, { message: 'Invalid username or password' });
    if (req.url === '/api/folders/driftlab-tutor') return send(200, { uid: 'driftlab-tutor', title: 'Tutor' });
    if (req.url === '/api/folders/driftlab-tutor/permissions' && req.method === 'GET') return send(200, permissions);
    if (req.url === '/api/folders/driftlab-tutor/permissions' && req.method === 'POST') {
      permissions = JSON.parse(body).items;
      return send(200, { message: 'Folder permissions updated' });
    }
    send(404, { message: 'Not found' });
  });
}).listen(port, '127.0.0.1');
`;

/** A Grafana home (`conf/defaults.ini`, `bin/<name>`) whose binary is the stand-in above. */
export function installFakeGrafana(home: string, name = 'grafana'): { home: string; binary: string } {
  mkdirSync(join(home, 'conf'), { recursive: true });
  mkdirSync(join(home, 'bin'), { recursive: true });
  writeFileSync(join(home, 'conf/defaults.ini'), '; defaults\n');
  const binary = join(home, 'bin', name);
  writeFileSync(binary, FAKE_GRAFANA);
  chmodSync(binary, 0o755);
  return { home, binary };
}

/** A status and the JSON to answer with. */
type Reply = [number, unknown];
type Body = Record<string, unknown>;

/**
 * A stand-in for the Grafana 12 HTTP API calls team views make (folders, permissions, dashboards,
 * teams, members, users), answering as Grafana's API reference documents them. No Grafana server
 * runs on the build machines; the calls' shapes are checked here, their effect in a real Grafana
 * is described in docs/incidents.md.
 */
export class StandInGrafana {
  constructor(private readonly password: string) {}

  folders = new Map<string, { title: string; permissions: FolderPermission[] }>([
    ['driftlab', { title: 'driftlab', permissions: [{ role: 'Viewer', permission: 1 }] }],
    ['driftlab-tutor', { title: 'Tutor', permissions: [{ role: 'Viewer', permission: 1 }] }],
  ]);
  dashboards = new Map<string, { folderUid: string; dashboard: Record<string, unknown> }>();
  teams: { id: number; name: string; members: number[] }[] = [];
  users: { id: number; login: string; password: string }[] = [];
  /** Answers the members call with 500 (a Grafana that fails half-way). */
  failMembers = false;
  url = '';
  private server?: Server;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let text = '';
      req.on('data', (c: Buffer) => (text += String(c)));
      req.on('end', () => {
        const [status, value] = this.answer(req, text);
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(value));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  private answer(req: IncomingMessage, text: string): Reply {
    if (req.url === '/api/health') return [200, { database: 'ok', version: '12.4.10' }];
    const auth = `Basic ${Buffer.from(`admin:${this.password}`).toString('base64')}`;
    if (req.headers.authorization !== auth) return [401, { message: 'Invalid username or password' }];
    const body = text ? (JSON.parse(text) as Body) : {};
    const url = new URL(req.url!, 'http://grafana');
    const route = `${req.method} ${url.pathname}`;
    return (
      this.folderCall(route, body) ??
      this.dashboardCall(route, body) ??
      this.teamCall(route, url, body) ??
      this.userCall(route, url, body) ?? [404, { message: 'Not found' }]
    );
  }

  private folderCall(route: string, body: Body): Reply | undefined {
    let m: RegExpExecArray | null;
    if ((m = /^GET \/api\/folders\/([^/]+)$/.exec(route))) {
      const folder = this.folders.get(m[1]);
      return folder ? [200, { uid: m[1], title: folder.title }] : [404, { message: 'folder not found' }];
    }
    if (route === 'POST /api/folders') {
      this.folders.set(String(body.uid), {
        title: String(body.title),
        permissions: [
          { role: 'Viewer', permission: 1 },
          { role: 'Editor', permission: 2 },
        ],
      });
      return [200, { uid: body.uid, title: body.title }];
    }
    if ((m = /^(GET|POST) \/api\/folders\/([^/]+)\/permissions$/.exec(route))) {
      const folder = this.folders.get(m[2]);
      if (!folder) return [404, { message: 'folder not found' }];
      if (m[1] === 'POST') folder.permissions = body.items as FolderPermission[];
      return [200, m[1] === 'GET' ? folder.permissions : { message: 'Folder permissions updated' }];
    }
    return undefined;
  }

  private dashboardCall(route: string, body: Body): Reply | undefined {
    if (route !== 'POST /api/dashboards/db') return undefined;
    const dashboard = body.dashboard as Record<string, unknown>;
    if (!this.folders.has(String(body.folderUid))) return [400, { message: 'folder not found' }];
    if (this.dashboards.has(String(dashboard.uid)) && body.overwrite !== true)
      return [412, { message: 'A dashboard with the same uid already exists' }];
    this.dashboards.set(String(dashboard.uid), { folderUid: String(body.folderUid), dashboard });
    return [200, { status: 'success', uid: dashboard.uid }];
  }

  private teamCall(route: string, url: URL, body: Body): Reply | undefined {
    if (route === 'GET /api/teams/search')
      return [200, { teams: this.teams.filter((t) => t.name === url.searchParams.get('name')) }];
    if (route === 'POST /api/teams') {
      if (this.teams.some((t) => t.name === body.name)) return [409, { message: 'Team name taken' }];
      const id = this.teams.length + 10;
      this.teams.push({ id, name: String(body.name), members: [] });
      return [200, { teamId: id, message: 'Team created' }];
    }
    const m = /^(GET|POST) \/api\/teams\/(\d+)\/members$/.exec(route);
    if (!m) return undefined;
    const team = this.teams.find((t) => t.id === Number(m[2]))!;
    if (this.failMembers) return [500, { message: 'database is locked' }];
    if (m[1] === 'GET') return [200, team.members.map((userId) => ({ userId }))];
    if (team.members.includes(Number(body.userId)))
      return [400, { message: 'User is already added to this team' }];
    team.members.push(Number(body.userId));
    return [200, { message: 'Member added to Team' }];
  }

  private userCall(route: string, url: URL, body: Body): Reply | undefined {
    if (route === 'GET /api/users/lookup') {
      const user = this.users.find((u) => u.login === url.searchParams.get('loginOrEmail'));
      return user ? [200, { id: user.id, login: user.login }] : [404, { message: 'user not found' }];
    }
    if (route === 'POST /api/admin/users') {
      const id = this.users.length + 100;
      this.users.push({ id, login: String(body.login), password: String(body.password) });
      return [200, { id, message: 'User created' }];
    }
    const m = /^PUT \/api\/admin\/users\/(\d+)\/password$/.exec(route);
    if (!m) return undefined;
    this.users.find((u) => u.id === Number(m[1]))!.password = String(body.password);
    return [200, { message: 'User password updated' }];
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}
