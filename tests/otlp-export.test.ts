// The built lab exports a span per prediction over OTLP/HTTP when OTEL_EXPORTER_OTLP_ENDPOINT is
// set: a real `driftlab start --only serving` process, a real HTTP "collector" on loopback.
// (In jest the OTLP exporter cannot run: it loads node:http with a dynamic import().)
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const BIN = join(__dirname, '..', 'lab', 'bin', 'driftlab.js');

describe('trace export', () => {
  it('sends each prediction span to the OTLP endpoint, with the trace id the answer gave', async () => {
    const bodies: { url: string; body: string }[] = [];
    const collector = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8').on('data', (c: string) => (body += c));
      req.on('end', () => {
        bodies.push({ url: req.url ?? '', body });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    }).listen(0, '127.0.0.1');
    await once(collector, 'listening');
    const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
    const data = mkdtempSync(join(tmpdir(), 'driftlab-otlp-'));
    const lab = spawn(
      process.execPath,
      [BIN, 'start', '--only', 'serving', '--world', 'sea', '--port', '0', '--data', data],
      { env: { ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: endpoint }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    lab.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    try {
      let url: string | undefined;
      for (let i = 0; i < 300 && !url; i++) {
        await sleep(50);
        url = /"url":"(http:[^"]+)"/.exec(stderr)?.[1];
      }
      expect(url).toBeDefined();
      expect(stderr).toContain(`"endpoint":"${endpoint}/v1/traces"`);
      const res = await fetch(`${url}/v1/models/sea:predict`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ instances: [{ f1: 1, f2: 2, f3: 3 }] }),
      });
      expect(res.status).toBe(200);
      const traceId = res.headers.get('x-trace-id')!;
      expect(traceId).toMatch(/^[0-9a-f]{32}$/);
      lab.kill('SIGINT'); // a clean stop flushes the batch
      const [code] = await once(lab, 'exit');
      expect(code).toBe(0);
      const traces = bodies.filter((b) => b.url === '/v1/traces');
      expect(traces.length).toBeGreaterThan(0);
      expect(traces.map((t) => t.body).join('')).toContain(traceId);
    } finally {
      if (lab.exitCode === null) lab.kill('SIGKILL');
      collector.close();
      rmSync(data, { recursive: true, force: true });
    }
  }, 60_000);
});
