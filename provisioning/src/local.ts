import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { PROVISIONING_DIR } from './files';

/*
 * The provisioned Prometheus and Alertmanager configurations, rewritten for a lab on this machine
 * (`driftlab start` with local binaries, and the end-to-end test): the compose service names become
 * local addresses; everything else (rules, routes) is the provisioned file's.
 */

export interface LocalTargets {
  /**
   * host:port of serving, or of the whole lab in one process; for a cohort lab (`driftlab start
   * --teams n`), each team's host:port by team id: the team becomes a target label of its series.
   */
  readonly serving: string | Readonly<Record<string, string>>;
  /** host:port of the exporter when it runs alone. */
  readonly exporter?: string;
  /** host:port of the lab's control side when it runs alone (`start --only simulator`). */
  readonly lab?: string;
}

export interface LocalPrometheusOptions {
  readonly targets: LocalTargets;
  /** host:port of Alertmanager; without it, no alerts are sent. */
  readonly alertmanager?: string;
  /** Scrape and rule-evaluation interval, e.g. '5s'. */
  readonly interval?: string;
  /** Where the rule files are (default: the provisioned ones). */
  readonly rulesDir?: string;
}

interface StaticConfig {
  targets: string[];
  labels?: Record<string, string>;
}

interface ScrapeConfig {
  job_name: string;
  static_configs?: StaticConfig[];
  honor_labels?: boolean;
}

export function localPrometheusConfig(options: LocalPrometheusOptions): string {
  const config = parse(readFileSync(join(PROVISIONING_DIR, 'prometheus', 'prometheus.yml'), 'utf8')) as {
    global: Record<string, string>;
    rule_files: string[];
    alerting?: unknown;
    scrape_configs: ScrapeConfig[];
  };
  if (options.interval) {
    config.global.scrape_interval = options.interval;
    config.global.evaluation_interval = options.interval;
  }
  const rulesDir = options.rulesDir ?? join(PROVISIONING_DIR, 'prometheus', 'rules');
  config.rule_files = [join(rulesDir, '*.yml')];
  if (options.alertmanager)
    config.alerting = { alertmanagers: [{ static_configs: [{ targets: [options.alertmanager] }] }] };
  else delete config.alerting;
  const { serving, exporter, lab } = options.targets;
  const single = (address: string | undefined) => (address ? [{ targets: [address] }] : undefined);
  const target: Record<string, StaticConfig[] | undefined> = {
    'driftlab-serving':
      typeof serving === 'string'
        ? single(serving)
        : Object.entries(serving).map(([team, address]) => ({ targets: [address], labels: { team } })),
    'driftlab-exporter': single(exporter),
    'driftlab-lab': single(lab),
  };
  // In one process, serving's /metrics carries the exporter's and the lab's families: scraping the
  // same target under three jobs would count everything three times.
  config.scrape_configs = config.scrape_configs.flatMap((job) => {
    if (!(job.job_name in target)) return [];
    const to = target[job.job_name];
    if (!to) return [];
    // The lab's own series (on the first team's port) name the team they are about: theirs wins
    // over the port's target label.
    const cohort = to.some((c) => c.labels);
    return [{ ...job, static_configs: to, ...(cohort ? { honor_labels: true } : {}) }];
  });
  return stringify(config);
}

export interface LocalAlertmanagerOptions {
  /** The lab's webhook, e.g. http://127.0.0.1:8080/v1/alerts. */
  readonly webhookUrl: string;
  /** The secret the webhook requires; written into the config, which only the lab's user reads. */
  readonly webhookToken: string;
  /** Shorter grouping waits (tests); the provisioned ones otherwise. */
  readonly groupWait?: string;
  readonly groupInterval?: string;
}

export function localAlertmanagerConfig(options: LocalAlertmanagerOptions): string {
  const config = parse(readFileSync(join(PROVISIONING_DIR, 'alertmanager', 'alertmanager.yml'), 'utf8')) as {
    route: Record<string, unknown>;
    receivers: { name: string; webhook_configs?: { url: string; http_config?: unknown }[] }[];
  };
  for (const receiver of config.receivers)
    for (const hook of receiver.webhook_configs ?? []) {
      hook.url = options.webhookUrl;
      hook.http_config = { authorization: { type: 'Bearer', credentials: options.webhookToken } };
    }
  if (options.groupWait) config.route.group_wait = options.groupWait;
  if (options.groupInterval) config.route.group_interval = options.groupInterval;
  return stringify(config);
}
