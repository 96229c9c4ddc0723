import type { Logger } from 'winston';
import { ingestRoutes } from '@driftlab/exporter';
import { registryReferences } from '@driftlab/serving';
import type { World } from '@driftlab/simulator';
import { fromTutor, loadTokens, recoveryGuard, requireRole, tutorTokenNotice, type Tokens } from '../auth';
import { tutorSentFaults, type ControlPlane } from '../control';
import { registryDir } from '../data-dir';
import {
  createHost,
  listen,
  openapiFor,
  pageRoutes,
  servingForward,
  type HostOptions,
  type Listening,
} from '../host';
import { labRoutes } from '../http';
import { CliError, type CliIo } from '../io';
import { readOnlyReferences } from './references';
import { startServing } from './serving';
import type { TeamRun } from './teams';

export interface HostsOptions {
  readonly worlds: readonly World[];
  readonly host: string;
  readonly data: string;
  readonly plane?: ControlPlane;
  /** The lab's tokens: the control plane's, or those a lone component read (aloneTokens). */
  readonly tokens: Tokens;
  readonly io: CliIo;
  readonly log: Logger;
  /** Each team's logger (a cohort tags its lines with the team). */
  readonly teamLog: (team: string) => Logger;
  /** Serving elsewhere (`--only simulator`): the team page's model calls go there. */
  readonly servingUrl?: string;
}

/**
 * Opens serving for each team and hosts what runs in this process, one app per port: serving's
 * router (with the lab's routes and every component's metrics in one process), or the exporter's
 * ingest alone, or the lab's control alone.
 */
export async function startHosts(
  teams: TeamRun[],
  servingRuns: boolean,
  options: HostsOptions,
): Promise<void> {
  const lab = options.plane?.lab;
  // The lab's routes, and the class pages wherever the control routes they call are served.
  const labRouters = lab ? [labRoutes(lab), pageRoutes()] : [];
  if (servingRuns) {
    // Serving alone checks recovery actions, and the simulator's request faults, against the tokens
    // in the shared data directory.
    const loneTokens = options.plane ? undefined : options.tokens;
    for (const [i, t] of teams.entries()) {
      const registries = t.exporter ? [t.exporter.metrics.registry] : [];
      // The lab's own metrics are published once, on the first port.
      if (lab && i === 0) registries.push(lab.metrics.registry);
      t.serving = await startServing({
        registryDir: registryDir(t.data),
        worlds: options.worlds,
        seed: t.seed,
        port: t.port,
        host: options.host,
        logger: options.teamLog(t.team),
        labelledLog: t.labelledLog,
        onPredictions: t.sink ? (batch) => t.sink!.prediction(batch) : undefined,
        recoveryHooks: options.plane?.recoveryHooks(t.team) ?? { guard: recoveryGuard(loneTokens!) },
        requestFaults: loneTokens ? tutorSentFaults(loneTokens) : undefined,
        // Only the lab's simulator dates its requests (X-Event-Time), proving itself with the tutor token.
        trustedSender: fromTutor(options.tokens),
        routers: labRouters,
        registries,
        openapi: openapiFor({ serving: true, exporter: !!t.exporter, lab: !!lab }),
      }).catch((e: unknown) => portError(e, t, options, teams.length > 1));
      t.registryRefs = registryReferences(t.serving.registry);
    }
    return;
  }
  const [first] = teams;
  if (first.exporter) {
    // The exporter alone reads references from the registry serving owns (a shared volume).
    first.registryRefs = readOnlyReferences(registryDir(options.data));
    first.alone = await hostOn(first, options, {
      routers: [ingestRoutes(first.exporter, { guard: ingestGuard(options.tokens) })],
      registries: [first.exporter.metrics.registry],
      openapi: openapiFor({ serving: false, exporter: true, lab: false }),
    });
  } else if (lab) {
    first.alone = await hostOn(first, options, {
      routers: options.servingUrl
        ? [...labRouters, servingForward(options.servingUrl, options.tokens)]
        : labRouters,
      registries: [lab.metrics.registry],
      openapi: openapiFor({
        serving: false,
        exporter: false,
        lab: true,
        forwardsModels: !!options.servingUrl,
      }),
    });
  }
}

async function hostOn(
  t: TeamRun,
  options: HostsOptions,
  parts: Omit<HostOptions, 'logger'>,
): Promise<Listening> {
  return listen(createHost({ ...parts, logger: options.log }), t.port, options.host).catch((e: unknown) =>
    portError(e, t, options, false),
  );
}

/** A port in use (or not allowed) is the user's to change: said plainly. */
function portError(e: unknown, t: TeamRun, options: HostsOptions, cohort: boolean): never {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE' || code === 'EACCES')
    throw new CliError(
      `cannot serve ${cohort ? `${t.team} ` : ''}on ${options.host}:${t.port} (${code}); choose another --port`,
    );
  throw e;
}

/**
 * The tokens a lone serving or exporter checks requests against, and the tutor token its event
 * forwarder proves itself with: the shared data directory's (whoever starts first creates them).
 */
export function aloneTokens(
  data: string,
  tutorTokenFile: string | undefined,
  io: CliIo,
): { tokens: Tokens; tutor: string } {
  const { tokens, stored, created } = loadTokens(data, ['team-1'], process.env, tutorTokenFile);
  if (created.tutor) io.stdout.write(tutorTokenNotice(data, stored.tutor));
  return { tokens, tutor: stored.tutor };
}

/** The exporter's ingest takes events only from the lab's serving and simulator (the tutor token). */
function ingestGuard(tokens: Tokens) {
  return requireRole(tokens, (p) => p.role === 'tutor', "the exporter's ingest (the lab's own components)");
}
