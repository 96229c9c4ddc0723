import { parse as parseYaml } from 'yaml';
import { InvalidArgumentError, type Command } from 'commander';
import {
  getWorld,
  readTextLimited,
  resolveScenario,
  ScenarioError,
  type Scenario,
  type World,
} from '@driftlab/simulator';
import { ConfigError, DEFAULT_MONITORING, monitoringConfig, type MonitoringConfig } from '@driftlab/exporter';
import { CliError, type CliIo } from '../io';
import { createLogger, LOG_FORMATS, type LogFormat } from '../logger';
import { duration, oneOf, portNumber, positiveInteger, seedNumber, speedFactor, worldName } from '../parsers';
import { COMPONENTS, runLab, type Component } from '../start';

/** The largest cohort one lab runs: each team is a serving, an exporter and a traffic loop. */
const MAX_TEAMS = 20;

interface StartOptions {
  only?: Component;
  teams: number;
  speed: number;
  seed: number;
  world?: string[];
  scenario?: string;
  until?: number;
  port: number;
  host: string;
  data?: string;
  prometheus: boolean;
  monitoring?: string;
  tutorTokenFile?: string;
  servingUrl?: string;
  exporterUrl?: string;
  logFormat: LogFormat;
}

const DEFAULT_WORLDS = ['credit', 'fraud', 'delivery'];

export function registerStart(program: Command, io: CliIo): void {
  program
    .command('start')
    .description(
      'Run the lab: serving with its models, the exporter with /metrics, and live seeded traffic from the simulator, in one process.',
    )
    .option('--only <component>', `run one component alone (${COMPONENTS.join(', ')})`, oneOf(COMPONENTS))
    .option(
      '--teams <n>',
      `cohort mode: n isolated team labs (team-1 … team-n), each with its own seed, models, traffic, incidents and port (up to ${MAX_TEAMS})`,
      teamCount,
      1,
    )
    .option('--speed <x>', 'simulated seconds per real second', speedFactor, 60)
    .option('--seed <n>', 'random seed', seedNumber, 1)
    .option(
      '--world <name>',
      'a world to run (repeat for several; default credit, fraud and delivery)',
      (v: string, all: string[] | undefined) => [...(all ?? []), worldName(v)],
    )
    .option(
      '--scenario <id|file>',
      'a scenario to run (a built-in id or a YAML file); its worlds join the run',
    )
    .option('--until <duration>', 'stop after this much simulated time (e.g. 6h)', duration)
    .option('--port <n>', 'the HTTP port for the APIs and /metrics (0: any free port)', portNumber, 8080)
    .option('--host <address>', 'the address to listen on', '127.0.0.1')
    .option('--data <dir>', 'the lab data directory (default DRIFTLAB_DATA or ./.driftlab)')
    .option(
      '--no-prometheus',
      'do not start a local Prometheus, Alertmanager and Grafana even when they are on PATH',
    )
    .option(
      '--monitoring <file>',
      'monitoring configuration (YAML or JSON): windows, drift window, drift tests per feature',
    )
    .option(
      '--tutor-token-file <file>',
      "a file whose first line is the tutors' token (default DRIFTLAB_TUTOR_TOKEN_FILE; or set DRIFTLAB_TUTOR_TOKEN; else one is generated and printed once)",
    )
    .option(
      '--serving-url <url>',
      'with --only simulator: where serving listens (default DRIFTLAB_SERVING_URL)',
    )
    .option(
      '--exporter-url <url>',
      'with --only serving or simulator: where the exporter listens (default DRIFTLAB_EXPORTER_URL)',
    )
    .option(
      '--log-format <format>',
      'auto (a summary and a status line on a terminal, JSON lines otherwise), json or text',
      oneOf(LOG_FORMATS),
      'auto',
    )
    .action(async (options: StartOptions) => {
      const log = createLogger(io.stderr, options.logFormat);
      if (options.teams > 1 && options.only)
        throw new CliError('--teams: a cohort lab runs in one process; leave out --only', 2);
      const scenario = loadScenario(options.scenario);
      const monitoring = loadMonitoring(options.monitoring);
      const names = new Set([...(options.world ?? DEFAULT_WORLDS), ...(scenario?.worlds ?? [])]);
      const worlds: World[] = [...names].map((w) => getWorld(w)!);
      options.servingUrl = checkedUrl(
        options.servingUrl ?? process.env.DRIFTLAB_SERVING_URL,
        '--serving-url',
      );
      options.exporterUrl = checkedUrl(
        options.exporterUrl ?? process.env.DRIFTLAB_EXPORTER_URL,
        '--exporter-url',
      );
      await runLab({ ...options, worlds, scenario, monitoring }, log, io);
    });
}

function teamCount(value: string): number {
  const n = positiveInteger(value);
  if (n > MAX_TEAMS) throw new InvalidArgumentError(`expected a number of teams from 1 to ${MAX_TEAMS}.`);
  return n;
}

function checkedUrl(url: string | undefined, flag: string): string | undefined {
  if (url === undefined || url === '') return undefined;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('not http');
  } catch {
    throw new CliError(`${flag}: expected an http:// or https:// URL, got ${JSON.stringify(url)}`, 2);
  }
  return url.replace(/\/+$/, '');
}

/** A monitoring configuration is a page of YAML; a megabyte is far beyond any. */
const MAX_CONFIG_BYTES = 1_048_576;

function loadMonitoring(file: string | undefined): MonitoringConfig {
  if (file === undefined) return DEFAULT_MONITORING;
  let raw: unknown;
  try {
    raw = parseYaml(readTextLimited(file, MAX_CONFIG_BYTES, 'a monitoring configuration'));
  } catch (e) {
    throw new CliError(`--monitoring ${file}: ${(e as Error).message}`);
  }
  try {
    return monitoringConfig(raw);
  } catch (e) {
    if (e instanceof ConfigError) throw new CliError(`--monitoring ${file}: ${e.message}`);
    throw e;
  }
}

function loadScenario(idOrFile: string | undefined): Scenario | undefined {
  if (idOrFile === undefined) return undefined;
  try {
    return resolveScenario(idOrFile);
  } catch (e) {
    if (e instanceof ScenarioError || e instanceof Error) throw new CliError(`--scenario: ${e.message}`);
    throw e;
  }
}
