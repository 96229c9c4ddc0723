import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { isMap, isSeq, parseDocument } from 'yaml';
import { withLabUrl } from '@driftlab/provisioning';
import { onPath, startLocalService, type LocalService } from '../local-stack/local-service';
import { GrafanaApi, TUTOR_FOLDER_UID } from './grafana-api';
import { openTeamViews } from './team-views';

/** The id of the panel plugin (plugin/dist/plugin.json); unsigned, so Grafana must be told to load it. */
export const PLUGIN_ID = 'driftlab-drift-panel';

/** The service URLs the provisioned datasources use inside the compose stack. */
export const COMPOSE_PROMETHEUS_URL = 'http://prometheus:9090';
export const COMPOSE_ALERTMANAGER_URL = 'http://alertmanager:9093';

export interface LocalGrafanaOptions {
  /** The Grafana provisioning tree: `provisioning/grafana` (datasources/, dashboards/, …). */
  readonly provisioningDir: string;
  readonly prometheusUrl: string;
  /** The local Alertmanager; without one the Alertmanager datasource keeps its compose URL (and shows as down). */
  readonly alertmanagerUrl?: string;
  /** The built plugin: `plugin/dist`. */
  readonly pluginDir: string;
  readonly adminPassword: string;
  readonly port: number;
  /** The absolute directory the files will be written to (Grafana needs absolute paths). */
  readonly dir: string;
  /**
   * The home dashboard, relative to `provisioningDir`; by default the student dashboard named
   * `*home.json` or `*overview.json` (`lab-overview.json`), else the first by name. Never a Tutor one.
   */
  readonly homeDashboard?: string;
  /** The lab as a browser reaches it: the dashboards' links to the class pages (lab-links). */
  readonly labUrl?: string;
}

/** Paths relative to the directory → contents. */
export type LocalGrafanaFiles = Record<string, string | Buffer>;

/** Every file under `root`, as sorted `/`-separated relative paths. */
function filesUnder(root: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(root, prefix), { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...filesUnder(root, rel));
    else if (entry.isFile()) out.push(rel);
  }
  return out;
}

const isYaml = (path: string) => /\.ya?ml$/.test(path);
const isDir = (path: string) => existsSync(path) && statSync(path).isDirectory();

/**
 * A go-ini value Grafana reads back unchanged: triple quotes keep `#` and `;` (Grafana's documented
 * way for passwords). Grafana also expands `${VAR}` and `$__env{…}` in values, so those are refused.
 */
function iniValue(name: string, value: string): string {
  if (/[\r\n]/.test(value) || value.includes('"""') || /\$(\{|__)/.test(value))
    throw new Error(`${name} cannot contain a line break, """, "\${" or "$__" in grafana.ini`);
  return /[#;"'`]|^\s|\s$/.test(value) ? `"""${value}"""` : value;
}

/**
 * Points a dashboard provider's `options.path` (a compose mount path, such as
 * /etc/grafana/provisioning/dashboards/driftlab) at the same folder of the copy: the longest tail
 * of the path, starting at `dashboards/`, that is a folder of the provisioning tree.
 */
function localProviderPath(path: string, provisioningDir: string, copy: string): string | undefined {
  const parts = path.split('/').filter(Boolean);
  for (let i = 0; i < parts.length; i++) {
    if (parts[i] !== 'dashboards') continue;
    const rel = parts.slice(i).join('/');
    if (isDir(join(provisioningDir, rel))) return `${copy}/${rel}`;
  }
  return undefined;
}

function rewriteProviders(file: string, text: string, provisioningDir: string, copy: string): string {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0].message}`);
  const providers = doc.get('providers');
  if (!isSeq(providers)) return text;
  providers.items.forEach((provider, i) => {
    if (!isMap(provider)) return;
    const name = String(provider.get('name') ?? `#${i + 1}`);
    const path = doc.getIn(['providers', i, 'options', 'path']);
    if (typeof path !== 'string')
      throw new Error(`${file}: dashboard provider '${name}' has no options.path`);
    const local = localProviderPath(path, provisioningDir, copy);
    if (!local)
      throw new Error(
        `${file}: dashboard provider '${name}' reads ${path}, which matches no dashboards/ folder of ${provisioningDir}`,
      );
    doc.setIn(['providers', i, 'options', 'path'], local);
  });
  return doc.toString();
}

function replaceAll(text: string, from: string, to: string): [string, number] {
  const parts = text.split(from);
  return [parts.join(to), parts.length - 1];
}

function homeDashboard(provisioningDir: string, given?: string): string | undefined {
  if (given !== undefined) {
    if (!existsSync(join(provisioningDir, given)))
      throw new Error(`home dashboard ${given} is not in ${provisioningDir}`);
    return given;
  }
  const folder = 'dashboards/driftlab';
  if (!isDir(join(provisioningDir, folder))) return undefined;
  const names = readdirSync(join(provisioningDir, folder))
    .filter((n) => n.endsWith('.json'))
    .sort();
  const name = names.find((n) => /(^|-)(home|overview)\.json$/.test(n)) ?? names[0];
  return name === undefined ? undefined : `${folder}/${name}`;
}

/**
 * The files to run a local Grafana for `driftlab start` without Docker, to be written to
 * `options.dir`: `grafana.ini`, a copy of the provisioning tree under `provisioning/` with the
 * datasources pointed at the local Prometheus and Alertmanager and the dashboard providers at the
 * copy, and the plugin under `plugins/driftlab-drift-panel/`. Reads, never writes.
 */
export function localGrafanaFiles(options: LocalGrafanaOptions): LocalGrafanaFiles {
  const { provisioningDir, dir } = options;
  if (!isDir(join(provisioningDir, 'datasources')) || !isDir(join(provisioningDir, 'dashboards')))
    throw new Error(
      `${provisioningDir} is not a Grafana provisioning folder (no datasources/ and dashboards/)`,
    );
  const copy = `${dir}/provisioning`;
  const files: LocalGrafanaFiles = { ...provisioningFiles(options, copy), ...pluginFiles(options.pluginDir) };
  files['grafana.ini'] = grafanaIni(options, copy, homeDashboard(provisioningDir, options.homeDashboard));
  return files;
}

/** The provisioning tree's copy under `provisioning/`, datasources and providers made local. */
function provisioningFiles(options: LocalGrafanaOptions, copy: string): LocalGrafanaFiles {
  const { provisioningDir } = options;
  const files: LocalGrafanaFiles = {};
  let prometheusMentions = 0;
  for (const rel of filesUnder(provisioningDir)) {
    const content = readFileSync(join(provisioningDir, rel));
    if (rel.startsWith('datasources/') && isYaml(rel)) {
      const [text, n] = replaceAll(
        content.toString('utf8'),
        COMPOSE_PROMETHEUS_URL,
        options.prometheusUrl.replace(/\/+$/, ''),
      );
      prometheusMentions += n;
      files[`provisioning/${rel}`] = options.alertmanagerUrl
        ? replaceAll(text, COMPOSE_ALERTMANAGER_URL, options.alertmanagerUrl.replace(/\/+$/, ''))[0]
        : text;
    } else if (/^dashboards\/[^/]+$/.test(rel) && isYaml(rel)) {
      files[`provisioning/${rel}`] = rewriteProviders(
        join(provisioningDir, rel),
        content.toString('utf8'),
        provisioningDir,
        copy,
      );
    } else if (options.labUrl && /^dashboards\/.+\.json$/.test(rel)) {
      const dashboard = JSON.parse(content.toString('utf8')) as Parameters<typeof withLabUrl>[0];
      files[`provisioning/${rel}`] = JSON.stringify(withLabUrl(dashboard, options.labUrl), null, 2);
    } else {
      files[`provisioning/${rel}`] = content;
    }
  }
  if (prometheusMentions === 0)
    throw new Error(
      `no datasource in ${provisioningDir}/datasources uses ${COMPOSE_PROMETHEUS_URL}: cannot point it at the local Prometheus`,
    );
  return files;
}

/** The built plugin under `plugins/<id>/`, once its plugin.json names the drift panel. */
function pluginFiles(pluginDir: string): LocalGrafanaFiles {
  let plugin: { id?: unknown };
  try {
    plugin = JSON.parse(readFileSync(join(pluginDir, 'plugin.json'), 'utf8')) as { id?: unknown };
  } catch (e) {
    throw new Error(
      `cannot read ${join(pluginDir, 'plugin.json')} (build the plugin: npm run build): ${(e as Error).message}`,
    );
  }
  if (plugin.id !== PLUGIN_ID)
    throw new Error(
      `${join(pluginDir, 'plugin.json')} has id ${JSON.stringify(plugin.id)}, expected ${PLUGIN_ID}`,
    );
  const files: LocalGrafanaFiles = {};
  for (const rel of filesUnder(pluginDir))
    files[`plugins/${PLUGIN_ID}/${rel}`] = readFileSync(join(pluginDir, rel));
  return files;
}

function grafanaIni(options: LocalGrafanaOptions, copy: string, home: string | undefined): string {
  const { dir } = options;
  return [
    '; Written by driftlab start for a local Grafana; removed when the lab stops.',
    '[paths]',
    `data = ${iniValue('data path', `${dir}/data`)}`,
    `logs = ${iniValue('logs path', `${dir}/logs`)}`,
    `plugins = ${iniValue('plugins path', `${dir}/plugins`)}`,
    `provisioning = ${iniValue('provisioning path', copy)}`,
    '',
    '[server]',
    'protocol = http',
    'http_addr = 127.0.0.1',
    `http_port = ${options.port}`,
    `root_url = http://127.0.0.1:${options.port}/`,
    '',
    '[security]',
    'admin_user = admin',
    `admin_password = ${iniValue('the Grafana admin password', options.adminPassword)}`,
    '',
    '[users]',
    'allow_sign_up = false',
    '',
    '; Students look on anonymously, as Viewers; the Tutor folder is closed to them after start.',
    '[auth.anonymous]',
    'enabled = true',
    'org_name = Main Org.',
    'org_role = Viewer',
    '',
    '[plugins]',
    `allow_loading_unsigned_plugins = ${PLUGIN_ID}`,
    'preinstall_disabled = true',
    '',
    '[analytics]',
    'reporting_enabled = false',
    'check_for_updates = false',
    'check_for_plugin_updates = false',
    'feedback_links_enabled = false',
    '',
    '[news]',
    'news_feed_enabled = false',
    '',
    '[snapshots]',
    'external_enabled = false',
    '',
    ...(home
      ? [
          '[dashboards]',
          `default_home_dashboard_path = ${iniValue('home dashboard path', `${copy}/${home}`)}`,
          '',
        ]
      : []),
    '[log]',
    'mode = console',
    'level = warn',
    '',
  ].join('\n');
}

/** The Grafana binary on PATH: `grafana` (Grafana 10 and later), else the older `grafana-server`. */
export function findGrafana(path = process.env.PATH ?? ''): string | null {
  return onPath(['grafana', 'grafana-server'], path);
}

/**
 * Grafana's home directory (the one holding conf/defaults.ini) for a binary: the tarball layout
 * (`<home>/bin/grafana`), Homebrew's (`<prefix>/bin` next to `<prefix>/share/grafana`), or the
 * Debian/RPM packages' /usr/share/grafana.
 */
export function grafanaHomepath(binary: string, packaged = '/usr/share/grafana'): string | undefined {
  const bin = dirname(realpathSync(binary));
  return [resolve(bin, '..'), resolve(bin, '../share/grafana'), packaged].find((home) =>
    existsSync(join(home, 'conf', 'defaults.ini')),
  );
}

/**
 * A Grafana on loopback for `driftlab start` when a `grafana` binary is on PATH, configured by
 * {@link localGrafanaFiles} in a temporary directory (removed on stop), on `port` when free (3000
 * by default). Resolves once `/api/health` is ok and the Tutor folder is closed to the anonymous
 * Viewers (and, in a cohort lab, each team has its own view).
 */
export async function startLocalGrafana(
  binary: string,
  options: Omit<LocalGrafanaOptions, 'dir' | 'port'> & {
    port?: number;
    homepath?: string;
    /** Where the system package would have installed Grafana's home (tests point it elsewhere). */
    packagedHome?: string;
    timeoutMs?: number;
    /** A cohort lab's teams and their tokens: each gets its own folder and login (openTeamViews). */
    teams?: Readonly<Record<string, string>>;
    /** Each team's lab as a browser reaches it (a cohort's team dashboards link there). */
    teamLabUrls?: Readonly<Record<string, string>>;
  },
): Promise<LocalService> {
  const homepath = options.homepath ?? grafanaHomepath(binary, options.packagedHome);
  if (!homepath)
    throw new Error(`cannot find Grafana's home directory (with conf/defaults.ini) for ${binary}`);
  const grafana = await startLocalService({
    name: 'grafana',
    binary,
    preferredPort: options.port ?? 3000,
    files: (dir, port) => localGrafanaFiles({ ...options, dir, port }),
    args: (dir) => {
      const args = ['--homepath', homepath, '--config', join(dir, 'grafana.ini')];
      return basename(binary) === 'grafana-server' ? args : ['server', ...args];
    },
    cwd: homepath,
    readyPath: '/api/health',
    readyTimeoutMs: options.timeoutMs ?? 120_000,
  });
  try {
    const api = new GrafanaApi({ url: grafana.url, user: 'admin', password: options.adminPassword });
    await api.restrictFolderToAdmins(TUTOR_FOLDER_UID);
    if (options.teams && Object.keys(options.teams).length > 1)
      await openTeamViews(api, options.teams, options.teamLabUrls);
  } catch (e) {
    await grafana.stop();
    throw e;
  }
  return grafana;
}
