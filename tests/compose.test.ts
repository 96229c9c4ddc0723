// The Docker side of the lab, checked without a Docker engine: docker-compose.yml is validated by the
// real docker-compose client (Debian's docker-compose 1.29, installed by scripts/system-packages.sh)
// and read for the rules the stack must keep: pinned images, read-only provisioning, no host build
// output mounted (Docker alone must be enough: issue 17), health-gated start order, no default
// password, lab commands the built CLI accepts. The Dockerfile (the lab image and the Grafana image
// with the panel built inside) and .dockerignore are read too. The lab commands' check runs the
// built CLI (lab/dist): `npm test` builds first; run `npm run build` before running this file alone.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { parse } from 'yaml';
import { DEFAULT_LAB_URL } from '@driftlab/provisioning';

const ROOT = join(__dirname, '..');
const COMPOSE_FILE = join(ROOT, 'docker-compose.yml');
const BIN = join(ROOT, 'lab', 'bin', 'driftlab.js');
const LAB_IMAGE = 'driftlab:local';
const GRAFANA_IMAGE = 'driftlab-grafana:local';
/** Built images: from ./Dockerfile, not pulled, so their pins are the Dockerfile's FROM lines. */
const BUILT_IMAGES = [LAB_IMAGE, GRAFANA_IMAGE];
const LAB_SERVICES = ['exporter', 'serving', 'simulator'] as const;
const PASSWORD_VARIABLE = 'GRAFANA_ADMIN_PASSWORD';
const TOKEN_VARIABLE = 'DRIFTLAB_TUTOR_TOKEN';
const WEBHOOK_VARIABLE = 'DRIFTLAB_WEBHOOK_TOKEN';
const PLUGIN_ID = 'driftlab-drift-panel';
/** Grafana's release the plugin's @grafana/* packages and the Grafana image must both be. */
const GRAFANA_BASE = 'grafana/grafana';
/** Folders of host build output and installs: never mounted, never in the build context. */
const BUILD_OUTPUT_DIRS = ['dist', 'build', 'node_modules', '.driftlab'];
/** An exact release: a tag with major.minor.patch (an optional leading v and suffix such as -bookworm-slim). */
const EXACT_TAG = /^v?\d+\.\d+\.\d+(-[a-z0-9.-]+)?$/;

interface Healthcheck {
  test?: string[] | string;
  disable?: boolean;
}
interface Build {
  context?: string;
  dockerfile?: string;
  args?: Record<string, string>;
  target?: string;
}
interface Service {
  image?: string;
  build?: string | Build;
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

/** A service's build, in the long form: `build: .` is `{ context: '.' }`. */
function buildOf(s: Service): Build | undefined {
  if (s.build === undefined) return undefined;
  return typeof s.build === 'string' ? { context: s.build } : s.build;
}

interface Stage {
  image: string;
  name?: string;
  instructions: string[];
}

/** ./Dockerfile's stages: instructions with continuation lines joined, comments left out. */
function dockerfileStages(): Stage[] {
  const lines = readFileSync(join(ROOT, 'Dockerfile'), 'utf8')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const out: Stage[] = [];
  for (const line of lines) {
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) out.push({ image: from[1], name: from[2], instructions: [] });
    else out.at(-1)?.instructions.push(line);
  }
  return out;
}
const stages = dockerfileStages();

/** The stage an image is built from: the named target, else the last stage (Docker's default). */
function targetStage(build: Build): Stage {
  if (build.target === undefined) return stages.at(-1)!;
  const stage = stages.find((st) => st.name === build.target);
  if (!stage) throw new Error(`the Dockerfile has no stage '${build.target}' (a compose build target)`);
  return stage;
}

interface Copy {
  from?: string;
  sources: string[];
  target: string;
}

/** A stage's COPY instructions: `--from=` (another stage), the sources and the destination. */
function copies(stage: Stage): Copy[] {
  return stage.instructions
    .filter((i) => /^COPY\s/i.test(i))
    .map((i) => {
      const words = i.split(/\s+/).slice(1);
      const flags = words.filter((w) => w.startsWith('--'));
      const paths = words.filter((w) => !w.startsWith('--'));
      const from = flags.find((f) => f.startsWith('--from='))?.slice('--from='.length);
      return { from, sources: paths.slice(0, -1), target: paths.at(-1)! };
    });
}

/** The user a stage runs as: its last USER instruction (undefined: none, the base image's). */
function userOf(stage: Stage): string | undefined {
  const users = stage.instructions.filter((i) => /^USER\s/i.test(i));
  return users.at(-1)?.split(/\s+/)[1].split(':')[0];
}

/** A stage's ENV values (`ENV A=b C=d` and the old `ENV A b` form). */
function envOf(stage: Stage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of stage.instructions.filter((l) => /^ENV\s/i.test(l))) {
    const rest = i.replace(/^ENV\s+/i, '');
    if (rest.includes('='))
      for (const kv of rest.split(/\s+/)) out[kv.slice(0, kv.indexOf('='))] = kv.slice(kv.indexOf('=') + 1);
    else out[rest.split(/\s+/)[0]] = rest.split(/\s+/).slice(1).join(' ');
  }
  return out;
}

/** The image's own files a service reads, as mounts (repository path → path in the image). */
function imageFiles(s: Service): { source: string; target: string }[] {
  const build = buildOf(s);
  if (!build) return [];
  return copies(targetStage(build))
    .filter((c) => c.from === undefined && c.sources.length === 1)
    .map((c) => ({ source: `./${c.sources[0]}`, target: c.target }));
}

/** True if a (relative) host path is, or is under, a folder of build output or installs. */
const isBuildOutput = (path: string) =>
  posix
    .normalize(path)
    .split('/')
    .some((segment) => BUILD_OUTPUT_DIRS.includes(segment));

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

  it('builds the lab image and the Grafana image from ./Dockerfile, and pins every other image to an exact version', () => {
    const builders = services.filter(([, s]) => s.build !== undefined);
    expect(builders.map(([name, s]) => [name, s.image]).sort()).toEqual([
      ['exporter', LAB_IMAGE],
      ['grafana', GRAFANA_IMAGE],
    ]);
    for (const [name, s] of builders) {
      const build = buildOf(s)!;
      expect({ service: name, context: build.context, dockerfile: build.dockerfile ?? 'Dockerfile' }).toEqual(
        {
          service: name,
          context: '.',
          dockerfile: 'Dockerfile',
        },
      );
    }
    // The lab image is the Dockerfile's last stage (no target); the Grafana image its stage `grafana`.
    expect(buildOf(service('exporter'))!.target).toBeUndefined();
    expect(buildOf(service('grafana'))!.target).toBe('grafana');
    expect(targetStage(buildOf(service('exporter'))!)).toBe(stages.at(-1));
    // Only the grafana service runs the Grafana image; the lab image runs without a build of its own.
    for (const [name, s] of services) if (s.image === GRAFANA_IMAGE) expect(name).toBe('grafana');
    for (const [name, s] of services) {
      expect({ service: name, image: s.image }).toEqual({ service: name, image: expect.any(String) });
      if (BUILT_IMAGES.includes(s.image!)) continue; // pinned by the Dockerfile's FROM (see below)
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

  it("runs the Grafana the plugin is built against (plugin/package.json's @grafana/* packages)", () => {
    // A plugin must not be built against a newer Grafana than the one that runs it: the image that
    // compose builds for Grafana is FROM exactly the version of the plugin's @grafana/* packages.
    const plugin = JSON.parse(readFileSync(join(ROOT, 'plugin', 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const grafanaData = plugin.dependencies['@grafana/data'];
    expect(grafanaData).toMatch(/^\d+\.\d+\.\d+$/);
    for (const [pkg, version] of Object.entries(plugin.dependencies))
      if (pkg.startsWith('@grafana/')) expect({ pkg, version }).toEqual({ pkg, version: grafanaData });
    expect(targetStage(buildOf(service('grafana'))!).image).toBe(`${GRAFANA_BASE}:${grafanaData}`);
    // No service runs the bare Grafana image: it has no drift panel.
    expect(services.filter(([, s]) => s.image?.startsWith(`${GRAFANA_BASE}:`)).map(([name]) => name)).toEqual(
      [],
    );
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

  it('mounts only source files of the repository, read-only: no host build output', () => {
    // A clean clone has no dist/, build/ or node_modules/: Docker alone must be enough (issue 17).
    expect(allBinds.length).toBeGreaterThan(0);
    for (const bind of allBinds) {
      expect({ ...bind, readOnly: bind.readOnly }).toEqual({ ...bind, readOnly: true });
      if (bind.source === '/var/run/docker.sock') continue; // the host's, for the observability profile
      expect(bind.source).toMatch(/^\.\//);
      expect({ mount: `${bind.service}: ${bind.source}`, buildOutput: isBuildOutput(bind.source) }).toEqual({
        mount: `${bind.service}: ${bind.source}`,
        buildOutput: false,
      });
      expect({
        mount: `${bind.service}: ${bind.source}`,
        plugin: bind.source.startsWith('./plugin'),
      }).toEqual({
        mount: `${bind.service}: ${bind.source}`,
        plugin: false,
      });
      expect({
        mount: `${bind.service}: ${bind.source}`,
        exists: existsSync(join(ROOT, bind.source)),
      }).toEqual({
        mount: `${bind.service}: ${bind.source}`,
        exists: true,
      });
    }
    expect(allBinds.map((b) => b.source)).toEqual(
      expect.arrayContaining(['./provisioning/prometheus', './provisioning/alertmanager']),
    );
    // Grafana's panel and provisioning are in its image; it mounts nothing from the host.
    expect(binds('grafana', service('grafana'))).toEqual([]);
  });

  it('names only files that exist under its mounts or in its image (configuration files, the home dashboard)', () => {
    for (const [name, s] of services) {
      const mounts = [...binds(name, s), ...imageFiles(s)];
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
    // The home dashboard is one of those: checked through the Grafana image's copy of provisioning/grafana.
    const home = environment(service('grafana')).GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH;
    expect(imageFiles(service('grafana')).some((m) => home.startsWith(`${m.target}/`))).toBe(true);
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
  const text = stages.flatMap((st) => [`FROM ${st.image}`, ...st.instructions]).join('\n');
  const stageNamed = (name: string): Stage => {
    const found = stages.find((st) => st.name === name);
    if (!found) throw new Error(`the Dockerfile has no stage '${name}'`);
    return found;
  };
  /** The stage that builds the panel: the one that runs the plugin workspace's build script. */
  const pluginStage = () => {
    const found = stages.filter((st) =>
      st.instructions.some((i) => /^RUN\s.*\bnpm run build (-w |--workspace[= ])plugin\b/.test(i)),
    );
    expect(found.map((st) => st.name)).toEqual([expect.any(String)]);
    return found[0];
  };
  const grafanaStage = () => targetStage(buildOf(service('grafana'))!);
  /** The lab image: the last stage, and the stages it copies from (`build`). */
  const labStages = () => {
    const runtime = stages.at(-1)!;
    const from = copies(runtime).flatMap((c) => (c.from ? [stageNamed(c.from)] : []));
    return [runtime, ...from];
  };

  it('pins every base image to an exact version', () => {
    expect(stages.length).toBeGreaterThanOrEqual(4);
    const names = new Set(stages.map((s) => s.name).filter(Boolean));
    for (const { image } of stages) {
      if (names.has(image)) continue;
      const [, tag = ''] = image.split(':');
      expect({ image, exactTag: EXACT_TAG.test(tag.split('@')[0]) }).toEqual({ image, exactTag: true });
    }
  });

  it('uses no BuildKit-only syntax: the classic builder of docker-compose 1.29 builds it', () => {
    const raw = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    expect(raw).not.toMatch(/^#\s*syntax\s*=/im);
    expect(text).not.toMatch(/^(RUN|COPY|ADD)\s.*--(mount|link|parents|exclude|chmod)\b/im);
    expect(text).not.toMatch(/^(RUN|COPY)\s.*<<-?\s*['"]?[A-Z]+/im); // heredocs
  });

  it('runs every image compose builds as a user that is not root (Grafana as its uid 472)', () => {
    const built = services.flatMap(([, s]) => (buildOf(s) ? [targetStage(buildOf(s)!)] : []));
    const images = new Set([stages.at(-1)!, ...built]);
    expect(images.size).toBe(2);
    for (const stage of images) {
      const user = userOf(stage);
      expect({ stage: stage.name, user: user ?? 'none' }).toEqual({
        stage: stage.name,
        user: expect.not.stringMatching(/^(root|0|none)$/),
      });
    }
    expect(userOf(grafanaStage())).toBe('472');
    expect(userOf(stages.at(-1)!)).toBe('node');
  });

  it('builds the panel in a stage of its own: the plugin workspace and the contracts it imports', () => {
    const plugin = JSON.parse(readFileSync(join(ROOT, 'plugin', 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(plugin.scripts.build).toMatch(/^webpack\b/);
    const stage = pluginStage();
    const run = stage.instructions;
    const install = run.find((i) => /npm ci\b/.test(i)) ?? '';
    expect(install).toContain('--workspace plugin');
    expect(install).toContain('--workspace contracts');
    expect(install).not.toMatch(/--omit[= ]dev/); // webpack and its loaders are devDependencies
    // @driftlab/contracts resolves to contracts/dist: compiled before webpack bundles it.
    const contracts = run.findIndex((i) => /^RUN\s.*\btsc -b contracts\b/.test(i));
    const build = run.findIndex((i) => /\bnpm run build (-w |--workspace[= ])plugin\b/.test(i));
    expect(contracts).toBeGreaterThanOrEqual(0);
    expect(contracts).toBeLessThan(build);
    const sources = copies(stage).flatMap((c) => c.sources);
    for (const path of ['package-lock.json', 'contracts', 'plugin', 'tsconfig.base.json'])
      expect({ path, copied: sources.includes(path) }).toEqual({ path, copied: true });
    // Copied from the build context only: no other stage's (or the host's) build output.
    expect(copies(stage).filter((c) => c.from !== undefined)).toEqual([]);
  });

  it(`puts the built panel and provisioning/grafana into the Grafana image, outside Grafana's data volume`, () => {
    const stage = grafanaStage();
    expect(stage.name).toBe('grafana');
    const pluginsDir = envOf(stage).GF_PATHS_PLUGINS;
    expect(pluginsDir).toMatch(/^\/[\w./-]+$/);
    // compose keeps Grafana's state in a volume at its data path; a volume hides the image's files.
    const dataMounts = (service('grafana').volumes ?? []).map((v) =>
      typeof v === 'string' ? v.split(':')[1] : v.target,
    );
    for (const target of dataMounts)
      expect({ target, hidesPlugins: `${pluginsDir}/`.startsWith(`${target}/`) }).toEqual({
        target,
        hidesPlugins: false,
      });
    expect(copies(stage)).toEqual(
      expect.arrayContaining([
        { from: pluginStage().name, sources: ['/app/plugin/dist'], target: `${pluginsDir}/${PLUGIN_ID}` },
        { from: undefined, sources: ['provisioning/grafana'], target: '/etc/grafana/provisioning' },
      ]),
    );
    const pluginJson = JSON.parse(readFileSync(join(ROOT, 'plugin', 'src', 'plugin.json'), 'utf8')) as {
      id: string;
    };
    expect(pluginJson.id).toBe(PLUGIN_ID);
  });

  it("points the Grafana image's dashboard links at the lab compose gives it, refusing what is not a URL", () => {
    const stage = grafanaStage();
    expect(stage.instructions).toContain(`ARG DRIFTLAB_LAB_URL=${DEFAULT_LAB_URL}`);
    expect(buildOf(service('grafana'))!.args).toEqual({
      DRIFTLAB_LAB_URL: `\${DRIFTLAB_LAB_URL:-${DEFAULT_LAB_URL}}`,
    });
    // The image's RUN step itself, by sh, on a copy of the provisioned dashboards.
    const script = stage.instructions[
      stage.instructions.findIndex((i) => i.startsWith('ARG DRIFTLAB_LAB_URL')) + 1
    ]
      .replace(/^RUN\s+/, '')
      .replaceAll('/etc/grafana/provisioning', '"$PROVISIONING"');
    const dir = mkdtempSync(join(tmpdir(), 'driftlab-grafana-image-'));
    try {
      const dashboards = join(dir, 'dashboards');
      spawnSync('cp', ['-r', join(ROOT, 'provisioning', 'grafana', 'dashboards'), dashboards]);
      const run = (url: string) =>
        spawnSync('sh', ['-c', script], {
          env: { PATH: process.env.PATH, PROVISIONING: dir, DRIFTLAB_LAB_URL: url },
          encoding: 'utf8',
        });
      const labOf = (file: string) =>
        (
          JSON.parse(readFileSync(join(dashboards, file), 'utf8')) as {
            templating: { list: { name: string; query: string }[] };
          }
        ).templating.list.find((v) => v.name === 'lab')!.query;
      expect(run(DEFAULT_LAB_URL).status).toBe(0);
      expect(labOf('tutor/tutor.json')).toBe(DEFAULT_LAB_URL);
      expect(run('http://10.0.0.5:8082/').status).toBe(0);
      for (const file of ['tutor/tutor.json', 'driftlab/lab-overview.json'])
        expect(labOf(file)).toBe('http://10.0.0.5:8082');
      const bad = run('http://x"; rm -rf /');
      expect([bad.status, bad.stderr]).toEqual([
        1,
        expect.stringContaining('DRIFTLAB_LAB_URL: expected a URL'),
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps the plugin out of the lab image: installs and prunes every Node workspace but the plugin', () => {
    const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { workspaces: string[] };
    const lab = labStages();
    const labText = lab.flatMap((st) => st.instructions).join('\n');
    const labLines = lab.flatMap((st) => st.instructions);
    const install = labLines.find((l) => /npm ci\b/.test(l)) ?? '';
    const prune = labLines.find((l) => /npm prune\b/.test(l)) ?? '';
    for (const ws of root.workspaces.filter((w) => w !== 'plugin')) {
      expect({ ws, install: install.includes(`--workspace ${ws}`) }).toEqual({ ws, install: true });
      expect({ ws, prune: prune.includes(`--workspace ${ws}`) }).toEqual({ ws, prune: true });
      expect({ ws, manifest: labText.includes(`COPY ${ws}/package.json`) }).toEqual({ ws, manifest: true });
    }
    expect(install).not.toContain('--workspace plugin');
    expect(prune).not.toContain('--workspace plugin');
    expect(prune).toContain('--omit=dev');
    // Nothing of the plugin stage or the Grafana image: the runtime copies from the lab's build only.
    for (const stage of lab) expect([pluginStage().name, 'grafana']).not.toContain(stage.name);
    // Of the plugin, only its manifest (the lockfile's workspace list), never its sources or dist.
    const pluginCopies = labLines.filter((l) => /^COPY\s/.test(l) && /\bplugin\b/.test(l));
    expect(pluginCopies).toEqual(['COPY plugin/package.json plugin/']);
  });
});

describe('.dockerignore', () => {
  const patterns = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));

  it("keeps the host's installs and build output out of the build context", () => {
    for (const dir of BUILD_OUTPUT_DIRS) {
      const pattern = dir.startsWith('.') ? dir : `**/${dir}`;
      expect({ dir, excluded: patterns.includes(pattern) }).toEqual({ dir, excluded: true });
    }
    expect(patterns).toEqual(expect.arrayContaining(['**/*.tsbuildinfo', '.env']));
    // No exception (`!…`) lets any of it back in.
    for (const exception of patterns.filter((p) => p.startsWith('!')))
      expect({ exception, buildOutput: isBuildOutput(exception.slice(1)) }).toEqual({
        exception,
        buildOutput: false,
      });
  });
});
