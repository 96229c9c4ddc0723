import { FAKE_GRAFANA, installFakeGrafana } from './fake-grafana';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { freePort } from '../../../tests/support/ports';
import {
  findGrafana,
  grafanaHomepath,
  localGrafanaFiles,
  PLUGIN_ID,
  startLocalGrafana,
  type LocalGrafanaOptions,
} from './local-grafana';

const REPO = resolve(__dirname, '../../..');
const REAL_PROVISIONING = join(REPO, 'provisioning/grafana');
const REAL_PLUGIN = join(REPO, 'plugin/dist');

let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'driftlab-local-grafana-test-'));
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

function write(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

/** A small provisioning tree shaped like provisioning/grafana, as the compose stack mounts it. */
function fixtureProvisioning(root: string): string {
  const dir = join(root, 'provisioning/grafana');
  write(
    join(dir, 'datasources/driftlab.yml'),
    [
      'apiVersion: 1',
      'datasources:',
      '  - name: Prometheus',
      '    uid: driftlab-prometheus',
      '    type: prometheus',
      '    url: http://prometheus:9090',
      '    isDefault: true',
      '  - name: Alertmanager',
      '    uid: driftlab-alertmanager',
      '    type: alertmanager',
      "    url: 'http://alertmanager:9093'",
      '    jsonData: { implementation: prometheus }',
      '  - name: Loki',
      '    uid: driftlab-loki',
      '    type: loki',
      '    url: http://loki:3100',
      '',
    ].join('\n'),
  );
  write(
    join(dir, 'dashboards/driftlab.yml'),
    [
      'apiVersion: 1',
      'providers:',
      '  # students',
      '  - name: driftlab',
      '    folder: driftlab',
      '    folderUid: driftlab',
      '    type: file',
      '    options:',
      '      path: /etc/grafana/provisioning/dashboards/driftlab',
      '  - name: tutor',
      '    folder: Tutor',
      '    folderUid: driftlab-tutor',
      '    type: file',
      '    options:',
      '      path: /etc/grafana/provisioning/dashboards/tutor',
      '',
    ].join('\n'),
  );
  write(join(dir, 'dashboards/driftlab/models.json'), '{"uid":"driftlab-models","title":"Models"}\n');
  write(join(dir, 'dashboards/driftlab/overview.json'), '{"uid":"driftlab-overview","title":"Overview"}\n');
  write(join(dir, 'dashboards/tutor/answers.json'), '{"uid":"driftlab-answers","title":"Answer key"}\n');
  write(join(dir, 'alerting/rules.yml'), 'apiVersion: 1\ngroups: []\n');
  return dir;
}

function fixturePlugin(root: string, id = PLUGIN_ID): string {
  const dir = join(root, 'plugin/dist');
  write(join(dir, 'plugin.json'), JSON.stringify({ type: 'panel', id }));
  write(join(dir, 'module.js'), 'define([], function () { return {}; });\n');
  write(join(dir, 'img/logo-small.svg'), '<svg/>\n');
  return dir;
}

/** `{ 'section.key': value }` from an ini text, triple quotes removed. */
function ini(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  let section = '';
  for (const line of text.split('\n')) {
    const header = /^\[(.+)\]$/.exec(line);
    if (header) section = header[1];
    const entry = /^(\w+) = (.*)$/.exec(line);
    if (entry) out[`${section}.${entry[1]}`] = entry[2].replace(/^"""(.*)"""$/, '$1');
  }
  return out;
}

function options(overrides: Partial<LocalGrafanaOptions> = {}): LocalGrafanaOptions {
  return {
    provisioningDir: fixtureProvisioning(tmp),
    pluginDir: fixturePlugin(tmp),
    prometheusUrl: 'http://127.0.0.1:9091/',
    alertmanagerUrl: 'http://127.0.0.1:9094',
    adminPassword: 'pa#ss;word',
    port: 3300,
    dir: '/tmp/driftlab-grafana-x',
    ...overrides,
  };
}

describe('localGrafanaFiles', () => {
  it('writes grafana.ini for a loopback Grafana with anonymous Viewers and the unsigned plugin', () => {
    const files = localGrafanaFiles(options());
    const config = ini(files['grafana.ini'] as string);
    expect(config).toEqual({
      'paths.data': '/tmp/driftlab-grafana-x/data',
      'paths.logs': '/tmp/driftlab-grafana-x/logs',
      'paths.plugins': '/tmp/driftlab-grafana-x/plugins',
      'paths.provisioning': '/tmp/driftlab-grafana-x/provisioning',
      'server.protocol': 'http',
      'server.http_addr': '127.0.0.1',
      'server.http_port': '3300',
      'server.root_url': 'http://127.0.0.1:3300/',
      'security.admin_user': 'admin',
      'security.admin_password': 'pa#ss;word',
      'users.allow_sign_up': 'false',
      'auth.anonymous.enabled': 'true',
      'auth.anonymous.org_name': 'Main Org.',
      'auth.anonymous.org_role': 'Viewer',
      'plugins.allow_loading_unsigned_plugins': 'driftlab-drift-panel',
      'plugins.preinstall_disabled': 'true',
      'analytics.reporting_enabled': 'false',
      'analytics.check_for_updates': 'false',
      'analytics.check_for_plugin_updates': 'false',
      'analytics.feedback_links_enabled': 'false',
      'news.news_feed_enabled': 'false',
      'snapshots.external_enabled': 'false',
      'dashboards.default_home_dashboard_path':
        '/tmp/driftlab-grafana-x/provisioning/dashboards/driftlab/overview.json',
      'log.mode': 'console',
      'log.level': 'warn',
    });
    // Triple quotes keep # and ; (which go-ini would otherwise read as a comment).
    expect(files['grafana.ini']).toContain('admin_password = """pa#ss;word"""\n');
  });

  it('copies the provisioning tree with local datasource URLs and provider paths into the copy', () => {
    const o = options();
    const files = localGrafanaFiles(o);
    expect(Object.keys(files).sort()).toEqual([
      'grafana.ini',
      `plugins/${PLUGIN_ID}/img/logo-small.svg`,
      `plugins/${PLUGIN_ID}/module.js`,
      `plugins/${PLUGIN_ID}/plugin.json`,
      'provisioning/alerting/rules.yml',
      'provisioning/dashboards/driftlab.yml',
      'provisioning/dashboards/driftlab/models.json',
      'provisioning/dashboards/driftlab/overview.json',
      'provisioning/dashboards/tutor/answers.json',
      'provisioning/datasources/driftlab.yml',
    ]);
    const datasources = parse(files['provisioning/datasources/driftlab.yml'] as string) as {
      datasources: { uid: string; url: string }[];
    };
    expect(datasources.datasources.map((d) => [d.uid, d.url])).toEqual([
      ['driftlab-prometheus', 'http://127.0.0.1:9091'],
      ['driftlab-alertmanager', 'http://127.0.0.1:9094'],
      ['driftlab-loki', 'http://loki:3100'],
    ]);
    const providers = parse(files['provisioning/dashboards/driftlab.yml'] as string) as {
      providers: { folderUid: string; options: { path: string } }[];
    };
    expect(providers.providers.map((p) => [p.folderUid, p.options.path])).toEqual([
      ['driftlab', '/tmp/driftlab-grafana-x/provisioning/dashboards/driftlab'],
      ['driftlab-tutor', '/tmp/driftlab-grafana-x/provisioning/dashboards/tutor'],
    ]);
    expect(files['provisioning/dashboards/driftlab.yml']).toContain('# students');
    for (const rel of [
      'dashboards/driftlab/overview.json',
      'dashboards/tutor/answers.json',
      'alerting/rules.yml',
    ])
      expect(files[`provisioning/${rel}`]).toEqual(readFileSync(join(o.provisioningDir, rel)));
    expect(files[`plugins/${PLUGIN_ID}/module.js`]).toEqual(readFileSync(join(o.pluginDir, 'module.js')));
  });

  it('keeps the compose Alertmanager URL when no local Alertmanager is given', () => {
    const files = localGrafanaFiles(options({ alertmanagerUrl: undefined }));
    expect(files['provisioning/datasources/driftlab.yml']).toContain("url: 'http://alertmanager:9093'");
  });

  it('takes the given home dashboard, else the first student dashboard when there is no overview', () => {
    const given = localGrafanaFiles(options({ homeDashboard: 'dashboards/driftlab/models.json' }));
    expect(ini(given['grafana.ini'] as string)['dashboards.default_home_dashboard_path']).toBe(
      '/tmp/driftlab-grafana-x/provisioning/dashboards/driftlab/models.json',
    );
    const o = options();
    rmSync(join(o.provisioningDir, 'dashboards/driftlab/overview.json'));
    expect(
      ini(localGrafanaFiles(o)['grafana.ini'] as string)['dashboards.default_home_dashboard_path'],
    ).toMatch(/dashboards\/driftlab\/models\.json$/);
    expect(() => localGrafanaFiles(options({ homeDashboard: 'dashboards/driftlab/nope.json' }))).toThrow(
      'home dashboard dashboards/driftlab/nope.json is not in',
    );
  });

  it('refuses a password Grafana would not read back unchanged, without showing it', () => {
    for (const password of ['a${HOME}b', 'x$__env{HOME}', 'two\nlines', 'tri"""ple']) {
      let message = '';
      try {
        localGrafanaFiles(options({ adminPassword: password }));
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).toMatch(/^the Grafana admin password cannot contain/);
      expect(message).not.toContain(password);
    }
  });

  it('names what is wrong with the provisioning tree or the plugin', () => {
    expect(() => localGrafanaFiles(options({ provisioningDir: join(tmp, 'nowhere') }))).toThrow(
      'is not a Grafana provisioning folder (no datasources/ and dashboards/)',
    );
    const noPrometheus = options();
    write(join(noPrometheus.provisioningDir, 'datasources/driftlab.yml'), 'apiVersion: 1\ndatasources: []\n');
    expect(() => localGrafanaFiles(noPrometheus)).toThrow(
      'datasources uses http://prometheus:9090: cannot point it at the local Prometheus',
    );
    const badProvider = options();
    write(
      join(badProvider.provisioningDir, 'dashboards/driftlab.yml'),
      'apiVersion: 1\nproviders:\n  - name: other\n    options:\n      path: /var/lib/grafana/dashboards/elsewhere\n',
    );
    expect(() => localGrafanaFiles(badProvider)).toThrow(
      "dashboard provider 'other' reads /var/lib/grafana/dashboards/elsewhere, which matches no dashboards/ folder",
    );
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp);
    expect(() =>
      localGrafanaFiles(options({ pluginDir: fixturePlugin(join(tmp, 'x'), 'someone-else') })),
    ).toThrow('has id "someone-else", expected driftlab-drift-panel');
    expect(() => localGrafanaFiles(options({ pluginDir: join(tmp, 'no-plugin') }))).toThrow(
      /plugin\.json \(build the plugin: npm run build\)/,
    );
  });

  // plugin/dist is built by `npm run build`, which `npm test` runs before jest.
  it('works on the real provisioning/grafana and plugin/dist', () => {
    expect([REAL_PLUGIN, existsSync(join(REAL_PLUGIN, 'plugin.json'))]).toEqual([REAL_PLUGIN, true]);
    const files = localGrafanaFiles({
      provisioningDir: REAL_PROVISIONING,
      pluginDir: REAL_PLUGIN,
      prometheusUrl: 'http://127.0.0.1:9091',
      alertmanagerUrl: 'http://127.0.0.1:9094',
      adminPassword: 'local-admin',
      port: 3300,
      dir: '/tmp/driftlab-grafana-x',
      labUrl: 'http://localhost:8099',
    });
    for (const [path, content] of Object.entries(files)) {
      if (!path.startsWith('provisioning/') || !/\.ya?ml$/.test(path)) continue;
      expect(String(content)).not.toContain('http://prometheus:9090');
      expect(String(content)).not.toContain('http://alertmanager:9093');
      const providers = (parse(String(content)) as { providers?: { options: { path: string } }[] }).providers;
      for (const p of providers ?? [])
        expect(p.options.path).toMatch(/^\/tmp\/driftlab-grafana-x\/provisioning\/dashboards\//);
    }
    const home = ini(files['grafana.ini'] as string)['dashboards.default_home_dashboard_path'];
    expect(home).toBe('/tmp/driftlab-grafana-x/provisioning/dashboards/driftlab/lab-overview.json');
    expect(files[home.replace('/tmp/driftlab-grafana-x/', '')]).toBeDefined();
    expect(files[`plugins/${PLUGIN_ID}/module.js`]).toBeDefined();
    // Every dashboard's links to the class pages go to this lab, not the compose stack's.
    const dashboards = Object.entries(files).filter(([path]) =>
      /^provisioning\/dashboards\/.+\.json$/.test(path),
    );
    expect(dashboards.length).toBeGreaterThan(3);
    for (const [path, content] of dashboards) {
      const lab = (
        JSON.parse(String(content)) as { templating: { list: { name: string; query: string }[] } }
      ).templating.list.find((v) => v.name === 'lab');
      expect([path, lab?.query]).toEqual([path, 'http://localhost:8099']);
    }
  });
});

const fakeGrafanaHome = (name = 'grafana') => installFakeGrafana(join(tmp, 'grafana-home'), name);

describe('findGrafana and grafanaHomepath', () => {
  it('finds grafana, else grafana-server, on PATH', () => {
    const { home, binary } = fakeGrafanaHome('grafana-server');
    expect(findGrafana(join(home, 'bin'))).toBe(binary);
    expect(findGrafana(join(tmp, 'empty'))).toBeNull();
    const newer = join(home, 'bin', 'grafana');
    write(newer, FAKE_GRAFANA);
    chmodSync(newer, 0o755);
    expect(findGrafana(join(home, 'bin'))).toBe(newer);
  });

  it('takes the directory above bin/ when it holds conf/defaults.ini', () => {
    const { home, binary } = fakeGrafanaHome();
    expect(grafanaHomepath(binary)).toBe(home);
  });
});

describe('startLocalGrafana', () => {
  it('runs `grafana server --homepath --config`, waits for health and closes the Tutor folder', async () => {
    const { home, binary } = fakeGrafanaHome();
    const port = await freePort();
    const o = options();
    const grafana = await startLocalGrafana(binary, {
      provisioningDir: o.provisioningDir,
      pluginDir: o.pluginDir,
      prometheusUrl: o.prometheusUrl,
      adminPassword: 'local#admin',
      port,
    });
    try {
      expect(grafana.url).toBe(`http://127.0.0.1:${port}`);
      const { args, cwd } = JSON.parse(readFileSync(join(home, 'bin/args.json'), 'utf8')) as {
        args: string[];
        cwd: string;
      };
      expect(args.slice(0, 4)).toEqual(['server', '--homepath', home, '--config']);
      expect(cwd).toBe(home);
      const config = args[4];
      expect(config).toMatch(/driftlab-grafana-[^/]+\/grafana\.ini$/);
      expect(statSync(config).mode & 0o777).toBe(0o600);
      const dir = dirname(config);
      expect(existsSync(join(dir, 'provisioning/dashboards/tutor/answers.json'))).toBe(true);
      expect(existsSync(join(dir, `plugins/${PLUGIN_ID}/module.js`))).toBe(true);
      // The Tutor folder was closed with the admin password from grafana.ini.
      const permissions = await fetch(`${grafana.url}/api/folders/driftlab-tutor/permissions`, {
        headers: { authorization: `Basic ${Buffer.from('admin:local#admin').toString('base64')}` },
      }).then((r) => r.json());
      expect(permissions).toEqual([]);
      await grafana.stop();
      expect(existsSync(dir)).toBe(false);
      await expect(fetch(`${grafana.url}/api/health`)).rejects.toThrow();
    } finally {
      await grafana.stop();
    }
  }, 20_000);

  it('reports the last line Grafana wrote when it exits, and cleans up', async () => {
    const { home, binary } = fakeGrafanaHome();
    write(join(home, 'bin/fail'), '');
    const started = startLocalGrafana(binary, { ...options(), port: await freePort(), timeoutMs: 10_000 });
    // Never leave a Grafana running should this test fail.
    started.then(
      (g) => g.stop(),
      () => undefined,
    );
    await expect(started).rejects.toThrow('grafana exited (1): logger=server error="failed to listen"');
    const { args } = JSON.parse(readFileSync(join(home, 'bin/args.json'), 'utf8')) as { args: string[] };
    expect(existsSync(dirname(args[4]))).toBe(false);
  }, 20_000);

  it('says when it cannot find the home directory', async () => {
    const binary = join(tmp, 'bin/grafana');
    write(binary, FAKE_GRAFANA);
    chmodSync(binary, 0o755);
    await expect(
      startLocalGrafana(binary, { ...options(), port: 1, packagedHome: join(tmp, 'no-such-home') }),
    ).rejects.toThrow("cannot find Grafana's home directory (with conf/defaults.ini) for");
  });
});
