import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

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
