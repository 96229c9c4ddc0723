import type { Command } from 'commander';
import { getWorld } from '@driftlab/simulator';
import {
  failedChecks,
  LabelledLog,
  ModelRegistry,
  RecoveryError,
  retrainFromLog,
  type Deployment,
  type GateReport,
  promoteWithGates,
  RegistryError,
  storeTrained,
  trainModel,
  type VersionListing,
} from '@driftlab/serving';
import { dataDir, labelledLogPath, privateDataDir, registryDir } from '../data-dir';
import { CliError, type CliIo } from '../io';
import { positiveInteger, seedNumber } from '../parsers';

/** A running lab owns its registry: what a write command tells the user when it meets the lock. */
const LOCKED_HINT =
  "a running lab (driftlab start) owns this registry: stop it first, or change it through the lab's serving API " +
  '(POST /v1/models/{name}:promote, :rollback, :retrain). `driftlab models list`, `versions` and `deployments` still read it.';

/**
 * Opens the registry to change it (train, retrain, promote, rollback). Only one process may own a
 * registry: while a lab runs on the data directory, this is refused with a clear error.
 */
function withRegistry<T>(data: string | undefined, use: (registry: ModelRegistry) => T): T {
  let registry: ModelRegistry;
  try {
    privateDataDir(dataDir(data));
    registry = ModelRegistry.open(registryDir(dataDir(data)));
  } catch (e) {
    if (e instanceof RegistryError)
      throw new CliError(e.code === 'locked' ? `${e.message}\n${LOCKED_HINT}` : e.message);
    throw e;
  }
  try {
    return use(registry);
  } catch (e) {
    if (e instanceof RegistryError || e instanceof RecoveryError) throw new CliError(e.message);
    throw e;
  } finally {
    registry.close();
  }
}

/**
 * Opens the registry read-only (list, versions, deployments): no lock, nothing written, so it works
 * while a running lab owns it. `null` when the registry does not exist yet (nothing trained).
 */
function readRegistry<T>(data: string | undefined, use: (registry: ModelRegistry | null) => T): T {
  try {
    let registry: ModelRegistry;
    try {
      registry = ModelRegistry.open(registryDir(dataDir(data)), { readOnly: true });
    } catch (e) {
      if (e instanceof RegistryError && e.code === 'not-found') return use(null);
      throw e;
    }
    try {
      return use(registry);
    } finally {
      registry.close();
    }
  } catch (e) {
    if (e instanceof RegistryError) throw new CliError(e.message);
    throw e;
  }
}

/** The registry that must hold `model`, or the same error an empty registry gives. */
function holding(registry: ModelRegistry | null, model: string): ModelRegistry {
  if (!registry) throw new CliError(`unknown model "${model}" (the registry is empty)`);
  return registry;
}

/** Prints `value` as the one JSON document on standard output. */
function printJson(io: CliIo, value: unknown): void {
  io.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

function describe(v: VersionListing): string {
  if (v.status === 'unreadable') return `v${v.version}  unreadable  ${v.problem}`;
  const holdout = (v.metrics as { holdout?: Record<string, number> }).holdout ?? {};
  const quality =
    holdout.accuracy !== undefined
      ? `accuracy ${holdout.accuracy.toFixed(4)}`
      : `mae ${Number(holdout.mae).toFixed(3)}`;
  return `v${v.version}  ${v.status.padEnd(9)}  ${v.createdAt}  ${quality}`;
}

function printGates(io: CliIo, results: GateReport): void {
  for (const check of results.checks)
    io.stdout.write(`${check.passed ? 'pass' : 'FAIL'}  ${check.name}: ${check.detail}\n`);
}

/** A change of the serving version as a line: `credit: v1 -> v2 (promote, <time>)`. */
function deploymentLine(model: string, d: Deployment, action: 'promote' | 'rollback'): string {
  return `${model}: v${d.from ?? '-'} -> v${d.to} (${action}, ${d.at})\n`;
}

function notPromoted(model: string, version: number, gates: GateReport): CliError {
  return new CliError(
    `${model} v${version} failed ${failedChecks(gates).length} gate check(s) and was not promoted`,
  );
}

function worldOf(model: string) {
  const world = getWorld(model);
  if (!world) throw new CliError(`no world named "${model}"`, 2);
  return world;
}

const withDataOption = (c: Command) =>
  c.option('--data <dir>', 'the lab data directory (default DRIFTLAB_DATA or ./.driftlab)');

/** `--json` with the document it prints, in the option's help. */
const withJsonOption = (c: Command, document: string) =>
  c.option('--json', `print one JSON document instead of text: ${document}`);

/** Field names of a version in `--json` output: the registry's own metadata (serving/docs/registry.md). */
const VERSION_FIELDS =
  '{model, version, status, createdAt, trainingWindow, metrics, featureSchema, gates, files}, or {model, version, status: "unreadable", problem, file} for a damaged version';
const DEPLOYMENT_FIELDS = '{seq, action: "promote"|"rollback", at, from, to, reason}';
const GATE_FIELDS = '{passed, checks: [{name, kind, passed, detail}], comparedWith, tolerance, evaluatedAt}';

export function registerModels(program: Command, io: CliIo): void {
  const models = program
    .command('models')
    .description(
      "The model registry: list, train, promote and roll back versions (in the lab's data directory). " +
        'list, versions and deployments only read it, and work while a lab runs; the others change it, ' +
        'which only works while no lab runs on the data directory.',
    );
  registerList(models, io);
  registerVersions(models, io);
  registerDeployments(models, io);
  registerTrain(models, io);
  registerRetrain(models, io);
  registerPromote(models, io);
  registerRollback(models, io);
}

interface ReadOptions {
  data?: string;
  json?: boolean;
}

function registerList(models: Command, io: CliIo): void {
  withJsonOption(
    withDataOption(models.command('list').description('List the models and their serving versions.')),
    'an array of {model, serving (the serving version, null if none), versions (how many)}',
  ).action((o: ReadOptions) =>
    readRegistry(o.data, (registry) => {
      const rows = (registry?.models() ?? []).map((model) => ({
        model,
        serving: registry!.current(model)?.version ?? null,
        versions: registry!.versions(model).length,
      }));
      if (o.json) return printJson(io, rows);
      for (const r of rows)
        io.stdout.write(`${r.model.padEnd(11)}  serving v${r.serving ?? '-'}  ${r.versions} version(s)\n`);
    }),
  );
}

function registerVersions(models: Command, io: CliIo): void {
  withJsonOption(
    withDataOption(models.command('versions').description("List a model's versions.").argument('<model>')),
    `an array of versions, oldest first: ${VERSION_FIELDS}`,
  ).action((model: string, o: ReadOptions) =>
    readRegistry(o.data, (registry) => {
      const versions = holding(registry, model).versions(model);
      if (o.json) return printJson(io, versions);
      for (const v of versions) io.stdout.write(describe(v) + '\n');
    }),
  );
}

function registerDeployments(models: Command, io: CliIo): void {
  withJsonOption(
    withDataOption(
      models
        .command('deployments')
        .description("List a model's promotions and rollbacks, oldest first.")
        .argument('<model>'),
    ),
    `an array of ${DEPLOYMENT_FIELDS}`,
  ).action((model: string, o: ReadOptions) =>
    readRegistry(o.data, (registry) => {
      const deployments = holding(registry, model).deployments(model);
      if (o.json) return printJson(io, deployments);
      for (const d of deployments)
        io.stdout.write(
          `#${d.seq}  ${d.at}  ${d.action.padEnd(8)}  v${d.from ?? '-'} -> v${d.to}  ${d.reason}\n`,
        );
    }),
  );
}

function registerTrain(models: Command, io: CliIo): void {
  withJsonOption(
    withDataOption(
      models
        .command('train')
        .description('Train a new candidate version on simulated data (not served until promoted).')
        .argument('<model>', 'a model, named after its world')
        .option('--seed <n>', 'seed of the simulated training data', seedNumber, 1)
        .option('--events <n>', 'training events', positiveInteger, 20_000),
    ),
    `the new version, ${VERSION_FIELDS}`,
  ).action((model: string, o: { data?: string; seed: number; events: number; json?: boolean }) => {
    const world = worldOf(model);
    withRegistry(o.data, (registry) => {
      // Training takes seconds: say so on stderr (stdout stays the result, for scripts and --json).
      io.stderr.write(
        `training ${model} on ${o.events.toLocaleString('en')} simulated events (seed ${o.seed})…\n`,
      );
      const version = storeTrained(registry, model, trainModel(world, { seed: o.seed, trainSize: o.events }));
      const listing = registry.versions(model).find((v) => v.version === version)!;
      if (o.json) printJson(io, listing);
      else io.stdout.write(describe(listing) + '\n');
    });
  });
}

interface RetrainOptions {
  data?: string;
  last: number;
  promote: boolean;
  reason?: string;
  json?: boolean;
}

function retrain(io: CliIo, model: string, o: RetrainOptions): void {
  const world = worldOf(model);
  const data = dataDir(o.data);
  privateDataDir(data);
  const log = new LabelledLog(labelledLogPath(data));
  try {
    withRegistry(o.data, (registry) => {
      io.stderr.write(`retraining ${model} on its last ${o.last.toLocaleString('en')} labelled events…\n`);
      const result = retrainFromLog(registry, log, world, {
        last: o.last,
        promote: o.promote,
        reason: o.reason,
      });
      const listing = registry.versions(model).find((v) => v.version === result.version)!;
      if (o.json) {
        const { records, gates, promoted, deployment } = result;
        printJson(io, { version: listing, records, gates, promoted, deployment });
      } else {
        io.stdout.write(`${describe(listing)}  (${result.records} labelled events)\n`);
        printGates(io, result.gates);
        if (result.deployment) io.stdout.write(deploymentLine(model, result.deployment, 'promote'));
      }
      if (!result.deployment && o.promote) throw notPromoted(model, result.version, result.gates);
    });
  } finally {
    log.close();
  }
}

function registerRetrain(models: Command, io: CliIo): void {
  withJsonOption(
    withDataOption(
      models
        .command('retrain')
        .description(
          "Train a new version on the model's most recent labelled events (the lab's labelled log), run the gates, and promote it with --promote if they pass.",
        )
        .argument('<model>')
        .requiredOption('--last <n>', 'how many of the most recent labelled events', positiveInteger)
        .option('--promote', 'put it in service if it passes the promotion gates', false)
        .option('--reason <text>', 'why, for the record'),
    ),
    `{version: the new version, records: labelled events used, gates: ${GATE_FIELDS}, promoted, deployment: ${DEPLOYMENT_FIELDS} or null}`,
  ).action((model: string, o: RetrainOptions) => retrain(io, model, o));
}

function registerPromote(models: Command, io: CliIo): void {
  withJsonOption(
    withDataOption(
      models
        .command('promote')
        .description(
          'Put a newer version in service, if it passes the promotion gates (serving/docs/gates.md).',
        )
        .argument('<model>')
        .argument('<version>', 'a version number', positiveInteger)
        .option('--reason <text>', 'why, for the record', 'promote from the command line'),
    ),
    `{promoted, gates: ${GATE_FIELDS}, deployment: ${DEPLOYMENT_FIELDS} or null} (also when refused, exit 1)`,
  ).action((model: string, version: number, o: { data?: string; reason: string; json?: boolean }) =>
    withRegistry(o.data, (registry) => {
      const { promoted, results, deployment } = promoteWithGates(registry, model, version, {
        reason: o.reason,
      });
      if (o.json) printJson(io, { promoted, gates: results, deployment: deployment ?? null });
      else printGates(io, results);
      if (!promoted) throw notPromoted(model, version, results);
      if (!o.json) io.stdout.write(deploymentLine(model, deployment!, 'promote'));
    }),
  );
}

function registerRollback(models: Command, io: CliIo): void {
  withJsonOption(
    withDataOption(
      models
        .command('rollback')
        .description('Go back to an earlier version (no gates: it served before).')
        .argument('<model>')
        .argument('<version>', 'a version number', positiveInteger)
        .option('--reason <text>', 'why, for the record', 'rollback from the command line'),
    ),
    `the deployment, ${DEPLOYMENT_FIELDS}`,
  ).action((model: string, version: number, o: { data?: string; reason: string; json?: boolean }) =>
    withRegistry(o.data, (registry) => {
      const d = registry.rollback(model, version, o.reason);
      if (o.json) printJson(io, d);
      else io.stdout.write(deploymentLine(model, d, 'rollback'));
    }),
  );
}
