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

/** Opens the registry for one command; a running lab owns it, which is a clear error here. */
function withRegistry<T>(data: string | undefined, use: (registry: ModelRegistry) => T): T {
  let registry: ModelRegistry;
  try {
    privateDataDir(dataDir(data));
    registry = ModelRegistry.open(registryDir(dataDir(data)));
  } catch (e) {
    if (e instanceof RegistryError) throw new CliError(e.message);
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

export function registerModels(program: Command, io: CliIo): void {
  const models = program
    .command('models')
    .description(
      "The model registry: list, train, promote and roll back versions (in the lab's data directory).",
    );
  registerList(models, io);
  registerVersions(models, io);
  registerTrain(models, io);
  registerRetrain(models, io);
  registerPromote(models, io);
  registerRollback(models, io);
}

function registerList(models: Command, io: CliIo): void {
  withDataOption(models.command('list').description('List the models and their serving versions.')).action(
    (o: { data?: string }) =>
      withRegistry(o.data, (registry) => {
        for (const model of registry.models()) {
          const current = registry.current(model);
          io.stdout.write(
            `${model.padEnd(11)}  serving v${current?.version ?? '-'}  ${registry.versions(model).length} version(s)\n`,
          );
        }
      }),
  );
}

function registerVersions(models: Command, io: CliIo): void {
  withDataOption(
    models.command('versions').description("List a model's versions.").argument('<model>'),
  ).action((model: string, o: { data?: string }) =>
    withRegistry(o.data, (registry) => {
      for (const v of registry.versions(model)) io.stdout.write(describe(v) + '\n');
    }),
  );
}

function registerTrain(models: Command, io: CliIo): void {
  withDataOption(
    models
      .command('train')
      .description('Train a new candidate version on simulated data (not served until promoted).')
      .argument('<model>', 'a model, named after its world')
      .option('--seed <n>', 'seed of the simulated training data', seedNumber, 1)
      .option('--events <n>', 'training events', positiveInteger, 20_000),
  ).action((model: string, o: { data?: string; seed: number; events: number }) => {
    const world = worldOf(model);
    withRegistry(o.data, (registry) => {
      const version = storeTrained(registry, model, trainModel(world, { seed: o.seed, trainSize: o.events }));
      io.stdout.write(describe(registry.versions(model).find((v) => v.version === version)!) + '\n');
    });
  });
}

interface RetrainOptions {
  data?: string;
  last: number;
  promote: boolean;
  reason?: string;
}

function retrain(io: CliIo, model: string, o: RetrainOptions): void {
  const world = worldOf(model);
  const data = dataDir(o.data);
  privateDataDir(data);
  const log = new LabelledLog(labelledLogPath(data));
  try {
    withRegistry(o.data, (registry) => {
      const result = retrainFromLog(registry, log, world, {
        last: o.last,
        promote: o.promote,
        reason: o.reason,
      });
      io.stdout.write(
        `${describe(registry.versions(model).find((v) => v.version === result.version)!)}  (${result.records} labelled events)\n`,
      );
      printGates(io, result.gates);
      if (result.deployment) io.stdout.write(deploymentLine(model, result.deployment, 'promote'));
      else if (o.promote) throw notPromoted(model, result.version, result.gates);
    });
  } finally {
    log.close();
  }
}

function registerRetrain(models: Command, io: CliIo): void {
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
  ).action((model: string, o: RetrainOptions) => retrain(io, model, o));
}

function registerPromote(models: Command, io: CliIo): void {
  withDataOption(
    models
      .command('promote')
      .description(
        'Put a newer version in service, if it passes the promotion gates (serving/docs/gates.md).',
      )
      .argument('<model>')
      .argument('<version>', 'a version number', positiveInteger)
      .option('--reason <text>', 'why, for the record', 'promote from the command line'),
  ).action((model: string, version: number, o: { data?: string; reason: string }) =>
    withRegistry(o.data, (registry) => {
      const { promoted, results, deployment } = promoteWithGates(registry, model, version, {
        reason: o.reason,
      });
      printGates(io, results);
      if (!promoted) throw notPromoted(model, version, results);
      io.stdout.write(deploymentLine(model, deployment!, 'promote'));
    }),
  );
}

function registerRollback(models: Command, io: CliIo): void {
  withDataOption(
    models
      .command('rollback')
      .description('Go back to an earlier version (no gates: it served before).')
      .argument('<model>')
      .argument('<version>', 'a version number', positiveInteger)
      .option('--reason <text>', 'why, for the record', 'rollback from the command line'),
  ).action((model: string, version: number, o: { data?: string; reason: string }) =>
    withRegistry(o.data, (registry) => {
      const d = registry.rollback(model, version, o.reason);
      io.stdout.write(deploymentLine(model, d, 'rollback'));
    }),
  );
}
