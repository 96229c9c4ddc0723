// The Docker side of the lab, checked without a Docker engine: docker-compose.yml is validated by the
// real docker-compose client (Debian's docker-compose 1.29, installed by scripts/system-packages.sh)
// and read for the rules the stack must keep: pinned images, read-only provisioning, health-gated
// start order, no default password, lab commands the built CLI accepts. The Dockerfile is read too.
// `npm test` builds first (plugin/dist, lab/dist); run `npm run build` before running this file alone.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { parse } from 'yaml';

const ROOT = join(__dirname, '..');
const COMPOSE_FILE = join(ROOT, 'docker-compose.yml');
const BIN = join(ROOT, 'lab', 'bin', 'driftlab.js');
const LAB_IMAGE = 'driftlab:local';
const LAB_SERVICES = ['exporter', 'serving', 'simulator'] as const;
const PASSWORD_VARIABLE = 'GRAFANA_ADMIN_PASSWORD';
const TOKEN_VARIABLE = 'DRIFTLAB_TUTOR_TOKEN';
const WEBHOOK_VARIABLE = 'DRIFTLAB_WEBHOOK_TOKEN';
const PLUGIN_ID = 'driftlab-drift-panel';
/** An exact release: a tag with major.minor.patch (an optional leading v and suffix such as -bookworm-slim). */
const EXACT_TAG = /^v?\d+\.\d+\.\d+(-[a-z0-9.-]+)?$/;

interface Healthcheck {
  test?: string[] | string;
  disable?: boolean;
}
interface Service {
  image?: string;
  build?: unknown;
  command?: string[] | string;
  environment?: Record<string, string | number | boolean | null> | string[];
  volumes?: (string | { type?: string; source?: string; target?: string; read_only?: boolean })[];
  ports?: (string | number | Record<string, unknown>)[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: Healthcheck;
  restart?: string;
  profiles?: string[];
}
interface ComposeFile {
  version?: string;
  services: Record<string, Service>;
}

/** The compose file as written (relative paths, `${…}` not interpolated); `<<` merge keys applied. */
const compose = parse(readFileSync(COMPOSE_FILE, 'utf8'), { merge: true }) as ComposeFile;
const services = Object.entries(compose.services);
const service = (name: string): Service => {
  const found = compose.services[name];
  if (!found)
    throw new Error(`docker-compose.yml has no service '${name}' (provisioning/README.md names it)`);
  return found;
};

/** An empty env file: a developer's .env next to docker-compose.yml must not change what this test sees. */
const emptyEnvDir = mkdtempSync(join(tmpdir(), 'driftlab-compose-'));
const EMPTY_ENV_FILE = join(emptyEnvDir, 'empty.env');
writeFileSync(EMPTY_ENV_FILE, '');
afterAll(() => rmSync(emptyEnvDir, { recursive: true, force: true }));

function dockerCompose(args: string[], env: NodeJS.ProcessEnv) {
  const run = spawnSync('docker-compose', ['--env-file', EMPTY_ENV_FILE, '-f', COMPOSE_FILE, ...args], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
  });
  if (run.error)
    throw new Error(
      `docker-compose is not installed (${run.error.message}): run bash scripts/system-packages.sh ` +
        '(as root; it installs the Debian package docker-compose)',
    );
  return run;
}

function envWithout(name: string): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env[name];
  return env;
}

function environment(s: Service): Record<string, string> {
  if (!s.environment) return {};
  if (Array.isArray(s.environment))
    return Object.fromEntries(
      s.environment.map((kv) => {
        const i = kv.indexOf('=');
        return i < 0 ? [kv, ''] : [kv.slice(0, i), kv.slice(i + 1)];
      }),
    );
  return Object.fromEntries(Object.entries(s.environment).map(([k, v]) => [k, v === null ? '' : String(v)]));
}

interface Bind {
  service: string;
  source: string;
  target: string;
  readOnly: boolean;
}

/** Bind mounts (host paths, `./…` or absolute); named volumes are left out. */
function binds(name: string, s: Service): Bind[] {
  const out: Bind[] = [];
  for (const v of s.volumes ?? []) {
    if (typeof v === 'string') {
      const [source, target, mode = ''] = v.split(':');
      if (source.startsWith('.') || source.startsWith('/'))
        out.push({ service: name, source, target, readOnly: mode.split(',').includes('ro') });
    } else if (v.type === 'bind' && v.source && v.target) {
      out.push({ service: name, source: v.source, target: v.target, readOnly: v.read_only === true });
    }
  }
  return out;
}

const allBinds = services.flatMap(([name, s]) => binds(name, s));

function commandOf(name: string): string[] {
  const command = service(name).command;
  if (!Array.isArray(command))
    throw new Error(`${name}: command must be a list (exec form), got ${JSON.stringify(command)}`);
  return command.map(String);
}

function dependsOn(s: Service): [string, string | undefined][] {
  if (!s.depends_on) return [];
  if (Array.isArray(s.depends_on)) return s.depends_on.map((d) => [d, undefined]);
  return Object.entries(s.depends_on).map(([d, spec]) => [d, spec?.condition]);
}

const isOneShot = (s: Service) => s.restart === 'no';
const hasHealthcheck = (s: Service) => !!s.healthcheck && !s.healthcheck.disable && !!s.healthcheck.test;

const helpCache = new Map<string, string>();
function driftlabHelp(args: string[]): string {
  if (!existsSync(join(ROOT, 'lab', 'dist', 'cli.js')))
    throw new Error('lab/dist/cli.js is missing: run npm run build (npm test builds before jest)');
  const key = args.join(' ');
  if (!helpCache.has(key)) {
    const run = spawnSync(process.execPath, [BIN, ...args, '--help'], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`driftlab ${key} --help exited ${run.status}: ${run.stderr}`);
    helpCache.set(key, run.stdout);
  }
  return helpCache.get(key)!;
}

describe('docker-compose.yml, validated by docker-compose', () => {
  it('is a valid compose file (docker-compose config -q), every profile included', () => {
    const env = {
      ...process.env,
      [PASSWORD_VARIABLE]: 'only-for-this-test',
      [TOKEN_VARIABLE]: 'only-for-this-test-too',
      [WEBHOOK_VARIABLE]: 'only-for-this-test-as-well',
    };
    for (const args of [
      ['config', '-q'],
      ['--profile', 'observability', 'config', '-q'],
    ]) {
      const run = dockerCompose(args, env);
      expect({ args: args.join(' '), status: run.status, stderr: run.stderr }).toEqual({
        args: args.join(' '),
        status: 0,
        stderr: '',
      });
    }
  }, 30_000);

  it(`refuses to run without ${PASSWORD_VARIABLE}: there is no default admin password`, () => {
    const run = dockerCompose(['config', '-q'], {
      ...envWithout(PASSWORD_VARIABLE),
      [TOKEN_VARIABLE]: 'only-for-this-test-too',
      [WEBHOOK_VARIABLE]: 'only-for-this-test-as-well',
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(PASSWORD_VARIABLE);
  }, 30_000);

  it(`refuses to run without ${TOKEN_VARIABLE}: there is no default tutor token`, () => {
    const run = dockerCompose(['config', '-q'], {
      ...envWithout(TOKEN_VARIABLE),
      [PASSWORD_VARIABLE]: 'only-for-this-test',
      [WEBHOOK_VARIABLE]: 'only-for-this-test-as-well',
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(TOKEN_VARIABLE);
  }, 30_000);

  it(`refuses to run without ${WEBHOOK_VARIABLE}: Alertmanager's webhook has no default secret`, () => {
    const run = dockerCompose(['config', '-q'], {
      ...envWithout(WEBHOOK_VARIABLE),
      [PASSWORD_VARIABLE]: 'only-for-this-test',
      [TOKEN_VARIABLE]: 'only-for-this-test-too',
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(WEBHOOK_VARIABLE);
  }, 30_000);

  it('gives Alertmanager and the lab webhook the same secret, through the file alertmanager.yml reads', () => {
    const am = service('alertmanager');
    const script = commandOf('alertmanager').join(' ');
    const config = parse(readFileSync(join(ROOT, 'provisioning/alertmanager/alertmanager.yml'), 'utf8')) as {
      receivers: {
        webhook_configs?: { http_config?: { authorization?: { credentials_file?: string } } }[];
      }[];
    };
    const file = config.receivers[0].webhook_configs![0].http_config!.authorization!.credentials_file!;
    expect(script).toContain(`"$$${WEBHOOK_VARIABLE}" > ${file}`);
    expect(script).toMatch(/umask 077/);
    const variable = `\${${WEBHOOK_VARIABLE}:?`;
    expect(JSON.stringify(am.environment)).toContain(variable);
    expect(JSON.stringify(service('simulator').environment)).toContain(variable);
  });

  it('gives every lab service the same tutor token: the exporter takes events only from serving and the simulator, which send it', () => {
    for (const name of LAB_SERVICES)
      expect([name, JSON.stringify(service(name).environment)]).toEqual([
        name,
        expect.stringContaining(`"${TOKEN_VARIABLE}":"\${${TOKEN_VARIABLE}:?`),
      ]);
  });
});

describe('docker-compose.yml, read', () => {
  it('has the services and commands of provisioning/README.md', () => {
    expect(compose.version).toBeUndefined(); // the Compose Specification: `version:` is obsolete
    for (const name of [...LAB_SERVICES, 'prometheus', 'alertmanager', 'grafana', 'grafana-setup'])
      expect(Object.keys(compose.services)).toContain(name);
    for (const name of LAB_SERVICES) {
      const command = commandOf(name);
      expect({ service: name, start: command.slice(0, 3) }).toEqual({
        service: name,
        start: ['start', '--only', name],
      });
      for (const flag of ['--host', '--data', '--no-prometheus']) expect(command).toContain(flag);
      expect(command[command.indexOf('--data') + 1]).toBe('/data');
      expect(service(name).image).toBe(LAB_IMAGE);
    }
    expect(commandOf('serving')).toEqual(expect.arrayContaining(['--exporter-url', 'http://exporter:8081']));
    expect(commandOf('simulator')).toEqual(
      expect.arrayContaining([
        '--serving-url',
        'http://serving:8080',
        '--exporter-url',
        'http://exporter:8081',
      ]),
    );
  });

  it('runs each lab service on the port Prometheus scrapes and checks its health there', () => {
    const prometheus = readFileSync(join(ROOT, 'provisioning', 'prometheus', 'prometheus.yml'), 'utf8');
    for (const name of LAB_SERVICES) {
      const command = commandOf(name);
      const port = command[command.indexOf('--port') + 1];
      expect({ service: name, scraped: prometheus.includes(`'${name}:${port}'`) }).toEqual({
        service: name,
        scraped: true,
      });
      expect({ service: name, healthcheck: JSON.stringify(service(name).healthcheck?.test) }).toEqual({
        service: name,
        healthcheck: expect.stringContaining(`http://127.0.0.1:${port}/healthz`),
      });
    }
  });

  it('gives the lab commands only flags the built driftlab accepts', () => {
    for (const [name, s] of services) {
      if (s.image !== LAB_IMAGE || s.command === undefined) continue;
      const command = commandOf(name);
      const subcommands = command.slice(
        0,
        command.findIndex((a) => a.startsWith('-')),
      );
      const help = driftlabHelp(subcommands);
      for (const flag of command.filter((a) => a.startsWith('--')))
        expect({ service: name, flag, known: new RegExp(`(^|[\\s,])${flag}\\b`, 'm').test(help) }).toEqual({
          service: name,
          flag,
          known: true,
        });
    }
  });

  it('builds the lab image once, and pins every other image to an exact version', () => {
    const builders = services.filter(([, s]) => s.build !== undefined);
    expect(builders.map(([, s]) => s.image)).toEqual([LAB_IMAGE]);
    for (const [name, s] of services) {
      expect({ service: name, image: s.image }).toEqual({ service: name, image: expect.any(String) });
      if (s.image === LAB_IMAGE) continue;
      const [repository, tag, ...rest] = s.image!.split(':');
      expect({ service: name, image: s.image, repository: !!repository, rest }).toEqual({
        service: name,
        image: s.image,
        repository: true,
        rest: [],
      });
      expect({ service: name, image: s.image, exactTag: EXACT_TAG.test(tag ?? '') }).toEqual({
        service: name,
        image: s.image,
        exactTag: true, // not `latest`, not missing, not `3` or `3.5`: major.minor.patch
      });
    }
  });

  it("runs the Grafana the plugin is built against (plugin/package.json's @grafana/data)", () => {
    const plugin = JSON.parse(readFileSync(join(ROOT, 'plugin', 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const grafanaData = plugin.dependencies['@grafana/data'];
    expect(grafanaData).toMatch(/^\d+\.\d+\.\d+$/);
    expect(service('grafana').image).toBe(`grafana/grafana:${grafanaData}`);
  });

  it(`allows only ${PLUGIN_ID} to load unsigned`, () => {
    for (const [name, s] of services) {
      const unsigned = environment(s).GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS;
      if (name === 'grafana') expect(unsigned).toBe(PLUGIN_ID);
      else expect({ service: name, unsigned }).toEqual({ service: name, unsigned: undefined });
    }
  });

  it(`sets no password: Grafana's admin password is required from ${PASSWORD_VARIABLE}`, () => {
    const required = new RegExp(`^\\$\\{${PASSWORD_VARIABLE}:\\?[^}]+\\}$`);
    expect(environment(service('grafana')).GF_SECURITY_ADMIN_PASSWORD).toMatch(required);
    expect(environment(service('grafana-setup'))[PASSWORD_VARIABLE]).toMatch(required);
    const token = new RegExp(`^\\$\\{${TOKEN_VARIABLE}:\\?[^}]+\\}$`);
    for (const name of ['serving', 'simulator'])
      expect(environment(service(name))[TOKEN_VARIABLE]).toMatch(token);
    for (const [name, s] of services)
      for (const [key, value] of Object.entries(environment(s)))
        if (/PASSWORD|SECRET|TOKEN/i.test(key))
          expect({
            service: name,
            key,
            value,
            fromRequiredVariable: /^\$\{[A-Z0-9_]+:\?[^}]+\}$/.test(value),
          }).toEqual({ service: name, key, value, fromRequiredVariable: true });
  });

  it('mounts only host paths that exist in the repository, read-only', () => {
    expect(allBinds.length).toBeGreaterThan(0);
    for (const bind of allBinds) {
      expect({ ...bind, readOnly: bind.readOnly }).toEqual({ ...bind, readOnly: true });
      if (bind.source === '/var/run/docker.sock') continue; // the host's, for the observability profile
      expect(bind.source).toMatch(/^\.\//);
      const host = join(ROOT, bind.source);
      const hint = bind.source.startsWith('./plugin/dist')
        ? ' (plugin/dist is the built plugin: run npm run build)'
        : '';
      expect({ mount: `${bind.service}: ${bind.source}`, exists: existsSync(host), hint }).toEqual({
        mount: `${bind.service}: ${bind.source}`,
        exists: true,
        hint,
      });
    }
    expect(allBinds.map((b) => b.source)).toEqual(
      expect.arrayContaining([
        './provisioning/grafana',
        './provisioning/prometheus',
        './provisioning/alertmanager',
      ]),
    );
    expect(existsSync(join(ROOT, 'plugin', 'dist', 'plugin.json'))).toBe(true); // else: npm run build
  });

  it('names only files that exist under its mounts (configuration files, the home dashboard)', () => {
    for (const [name, s] of services) {
      const mounts = binds(name, s);
      const strings = [
        ...(Array.isArray(s.command) ? s.command.map(String) : []),
        ...Object.values(environment(s)),
      ];
      for (const text of strings)
        for (const path of text.match(/\/[\w./-]+/g) ?? []) {
          const mount = mounts.find((m) => path.startsWith(`${m.target}/`));
          if (!mount) continue;
          const host = posix.join(mount.source, path.slice(mount.target.length));
          expect({ service: name, path, host, exists: existsSync(join(ROOT, host)) }).toEqual({
            service: name,
            path,
            host,
            exists: true,
          });
        }
    }
  });

  it('publishes ports on loopback unless DRIFTLAB_BIND says otherwise, and never the exporter', () => {
    expect(service('exporter').ports).toBeUndefined();
    for (const [name, s] of services)
      for (const port of s.ports ?? [])
        expect({ service: name, port }).toEqual({
          service: name,
          port: expect.stringMatching(/^\$\{DRIFTLAB_BIND:-127\.0\.0\.1\}:\d+:\d+$/),
        });
  });

  it('has a healthcheck on every long-running service of the default stack, and restarts them', () => {
    for (const [name, s] of services) {
      if (isOneShot(s)) continue;
      expect({ service: name, restart: s.restart }).toEqual({ service: name, restart: 'unless-stopped' });
      if (s.profiles?.length) continue; // optional profile: see the next test
      expect({ service: name, healthcheck: hasHealthcheck(s) }).toEqual({ service: name, healthcheck: true });
    }
  });

  it('starts in order of health: every depends_on waits for a healthy (or completed) service', () => {
    const conditions = new Set(['service_healthy', 'service_completed_successfully']);
    let edges = 0;
    for (const [name, s] of services)
      for (const [target, condition] of dependsOn(s)) {
        edges++;
        const dependency = service(target);
        expect({ service: name, target, condition: conditions.has(condition ?? '') }).toEqual({
          service: name,
          target,
          condition: true,
        });
        if (condition === 'service_healthy')
          expect({ service: name, target, hasHealthcheck: hasHealthcheck(dependency) }).toEqual({
            service: name,
            target,
            hasHealthcheck: true,
          });
        if (condition === 'service_completed_successfully')
          expect({ service: name, target, oneShot: isOneShot(dependency) }).toEqual({
            service: name,
            target,
            oneShot: true,
          });
        // A service of the default stack cannot wait for one that only an optional profile starts.
        if (!s.profiles?.length)
          expect({ service: name, target, profiles: dependency.profiles }).toEqual({
            service: name,
            target,
            profiles: undefined,
          });
      }
    expect(edges).toBeGreaterThan(0);
    const waitsFor = (name: string) => dependsOn(service(name)).map(([t]) => t);
    expect(waitsFor('serving')).toEqual(['exporter']);
    expect(waitsFor('simulator').sort()).toEqual(['exporter', 'serving']);
    expect(waitsFor('prometheus').sort()).toEqual(['exporter', 'serving', 'simulator']);
    expect(waitsFor('grafana').sort()).toEqual(['alertmanager', 'prometheus']);
    expect(waitsFor('grafana-setup')).toEqual(['grafana']);
    expect(commandOf('grafana-setup')).toEqual(['grafana', 'setup', '--url', 'http://grafana:3000']);
  });
});

describe('Dockerfile', () => {
  const lines = readFileSync(join(ROOT, 'Dockerfile'), 'utf8')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const stages: { image: string; name?: string; instructions: string[] }[] = [];
  for (const line of lines) {
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) stages.push({ image: from[1], name: from[2], instructions: [] });
    else stages.at(-1)?.instructions.push(line);
  }

  it('pins every base image to an exact version', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const names = new Set(stages.map((s) => s.name).filter(Boolean));
    for (const { image } of stages) {
      if (names.has(image)) continue;
      const [, tag = ''] = image.split(':');
      expect({ image, exactTag: EXACT_TAG.test(tag.split('@')[0]) }).toEqual({ image, exactTag: true });
    }
  });

  it('runs as a user that is not root in the final stage', () => {
    const users = stages.at(-1)!.instructions.filter((i) => /^USER\s/i.test(i));
    expect(users.length).toBeGreaterThan(0);
    const user = users.at(-1)!.split(/\s+/)[1].split(':')[0];
    expect(['root', '0']).not.toContain(user);
  });

  it('installs and prunes every Node workspace but the plugin, and copies its manifest', () => {
    const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { workspaces: string[] };
    const text = lines.join('\n');
    const install = lines.find((l) => /npm ci\b/.test(l)) ?? '';
    const prune = lines.find((l) => /npm prune\b/.test(l)) ?? '';
    for (const ws of root.workspaces.filter((w) => w !== 'plugin')) {
      expect({ ws, install: install.includes(`--workspace ${ws}`) }).toEqual({ ws, install: true });
      expect({ ws, prune: prune.includes(`--workspace ${ws}`) }).toEqual({ ws, prune: true });
      expect({ ws, manifest: text.includes(`COPY ${ws}/package.json`) }).toEqual({ ws, manifest: true });
    }
    expect(install).not.toContain('--workspace plugin');
    expect(prune).toContain('--omit=dev');
  });
});
