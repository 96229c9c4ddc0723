// `driftlab start` without Docker: the Prometheus, Alertmanager and Grafana it finds on PATH run
// from the provisioning folder, wired to the lab. Prometheus and Alertmanager are Debian's real
// binaries; no Grafana server runs here, so a stand-in answering Grafana's API takes its place.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { alertNames } from '@driftlab/provisioning';
import { installFakeGrafana } from '../lab/src/grafana/fake-grafana';
import { freePort } from './support/ports';

const BIN = join(__dirname, '..', 'lab', 'bin', 'driftlab.js');

jest.setTimeout(60_000);

describe('driftlab start with local monitoring binaries', () => {
  it('runs Prometheus with the provisioned rules, Alertmanager posting to the lab, and Grafana', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'driftlab-local-stack-'));
    const data = join(dir, 'data');
    const { home } = installFakeGrafana(join(dir, 'grafana'));
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PATH: `${join(home, 'bin')}${delimiter}${process.env.PATH}`,
    };
    delete env.GRAFANA_ADMIN_PASSWORD;
    const lab = spawn(
      process.execPath,
      [BIN, 'start', '--world', 'sea', '--speed', '600', '--port', String(port), '--data', data],
      { stdio: ['ignore', 'ignore', 'pipe'], env },
    );
    let stderr = '';
    lab.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    try {
      let started: Record<string, string> | undefined;
      for (let i = 0; i < 300 && !started; i++) {
        started = stderr
          .split('\n')
          .filter((l) => l.includes('"lab started"'))
          .map((l) => JSON.parse(l) as Record<string, string>)[0];
        if (!started) await sleep(100);
      }
      expect(started).toBeDefined();
      const { prometheus, alertmanager, grafana } = started!;
      expect([prometheus, alertmanager, grafana].every((u) => /^http:\/\/127\.0\.0\.1:\d+$/.test(u))).toBe(
        true,
      );

      // The provisioned rules are loaded, and alerts go to the local Alertmanager.
      const rules = (await (await fetch(`${prometheus}/api/v1/rules`)).json()) as {
        data: { groups: { rules: { name: string; type: string }[] }[] };
      };
      const loaded = rules.data.groups.flatMap((g) =>
        g.rules.filter((r) => r.type === 'alerting').map((r) => r.name),
      );
      expect(loaded.sort()).toEqual(alertNames().sort());
      let active: { url: string }[] = [];
      for (let i = 0; i < 50 && active.length === 0; i++) {
        const body = (await (await fetch(`${prometheus}/api/v1/alertmanagers`)).json()) as {
          data: { activeAlertmanagers: { url: string }[] };
        };
        active = body.data.activeAlertmanagers;
        if (active.length === 0) await sleep(200);
      }
      expect(active.map((a) => new URL(a.url).origin)).toEqual([alertmanager]);
      // Alertmanager routes to the lab's webhook.
      const status = (await (await fetch(`${alertmanager}/api/v2/status`)).json()) as {
        config: { original: string };
      };
      expect(status.config.original).toContain(`http://127.0.0.1:${port}/v1/alerts`);
      // … with the lab's webhook secret (Alertmanager shows it masked; the lab's tokens file has it).
      const { webhook } = JSON.parse(readFileSync(join(data, 'tokens.json'), 'utf8')) as { webhook: string };
      expect(webhook.length).toBeGreaterThanOrEqual(32);
      expect(status.config.original).toMatch(/authorization:\s+type: Bearer\s+credentials: <secret>/);
      expect(status.config.original).not.toContain(webhook);
      // Prometheus scrapes the lab, once.
      let targets: { labels: { job: string }; health: string; scrapeUrl: string }[] = [];
      for (let i = 0; i < 50; i++) {
        const body = (await (await fetch(`${prometheus}/api/v1/targets`)).json()) as {
          data: { activeTargets: typeof targets };
        };
        targets = body.data.activeTargets;
        if (targets.length > 0 && targets.every((t) => t.health === 'up')) break;
        await sleep(200);
      }
      expect(targets.map((t) => [t.labels.job, t.scrapeUrl, t.health])).toEqual([
        ['driftlab-serving', `http://127.0.0.1:${port}/metrics`, 'up'],
      ]);

      // Grafana got the generated admin password (kept with the lab's data, mode 0600, never logged)
      // and the Tutor folder is closed.
      const passwordFile = join(data, 'grafana-admin-password');
      expect(statSync(passwordFile).mode & 0o777).toBe(0o600);
      const password = readFileSync(passwordFile, 'utf8').trim();
      expect(password.length).toBeGreaterThanOrEqual(20);
      expect(stderr).not.toContain(password);
      expect(started!.grafanaAdminPassword).toBe(passwordFile);
      const permissions = await fetch(`${grafana}/api/folders/driftlab-tutor/permissions`, {
        headers: { authorization: `Basic ${Buffer.from(`admin:${password}`).toString('base64')}` },
      }).then((r) => r.json());
      expect(permissions).toEqual([]);
      const { args } = JSON.parse(readFileSync(join(home, 'bin', 'args.json'), 'utf8')) as { args: string[] };
      const grafanaDir = join(args[args.indexOf('--config') + 1], '..');
      expect(existsSync(join(grafanaDir, 'provisioning/dashboards/tutor/tutor.json'))).toBe(true);

      lab.kill('SIGINT');
      const [code] = await once(lab, 'exit');
      expect(code).toBe(0);
      // Everything stopped, temporary directories removed.
      expect(existsSync(grafanaDir)).toBe(false);
      await expect(fetch(`${prometheus}/-/ready`)).rejects.toThrow();
      await expect(fetch(`${alertmanager}/-/ready`)).rejects.toThrow();
      await expect(fetch(`${grafana}/api/health`)).rejects.toThrow();
    } finally {
      if (lab.exitCode === null) {
        lab.kill('SIGKILL');
        await once(lab, 'exit');
      }
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
