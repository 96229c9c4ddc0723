import type { Command } from 'commander';
import { getWorld } from '@driftlab/simulator';
import {
  ModelRegistry,
  RegistryError,
  storeTrained,
  trainModel,
  type VersionListing,
} from '@driftlab/serving';
import { dataDir, registryDir } from '../data-dir';
import { CliError, type CliIo } from '../io';
import { positiveInteger, seedNumber } from '../parsers';

/** Opens the registry for one command; a running lab owns it, which is a clear error here. */
function withRegistry<T>(data: string | undefined, use: (registry: ModelRegistry) => T): T {
  let registry: ModelRegistry;
  try {
    registry = ModelRegistry.open(registryDir(dataDir(data)));
  } catch (e) {
    if (e instanceof RegistryError) throw new CliError(e.message);
    throw e;
  }
  try {
    return use(registry);
  } catch (e) {
    if (e instanceof RegistryError) throw new CliError(e.message);
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

export function registerModels(program: Command, io: CliIo): void {
  const models = program
    .command('models')
    .description(
      "The model registry: list, train, promote and roll back versions (in the lab's data directory).",
    );
  const data = (c: Command) =>
    c.option('--data <dir>', 'the lab data directory (default DRIFTLAB_DATA or ./.driftlab)');

  data(models.command('list').description('List the models and their serving versions.')).action(
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

  data(models.command('versions').description("List a model's versions.").argument('<model>')).action(
    (model: string, o: { data?: string }) =>
      withRegistry(o.data, (registry) => {
        for (const v of registry.versions(model)) io.stdout.write(describe(v) + '\n');
      }),
  );

  data(
    models
      .command('train')
      .description('Train a new candidate version on simulated data (not served until promoted).')
      .argument('<model>', 'a model, named after its world')
      .option('--seed <n>', 'seed of the simulated training data', seedNumber, 1)
      .option('--events <n>', 'training events', positiveInteger, 20_000),
  ).action((model: string, o: { data?: string; seed: number; events: number }) => {
    const world = getWorld(model);
    if (!world) throw new CliError(`no world named "${model}"`, 2);
    withRegistry(o.data, (registry) => {
      const version = storeTrained(registry, model, trainModel(world, { seed: o.seed, trainSize: o.events }));
      io.stdout.write(describe(registry.versions(model).find((v) => v.version === version)!) + '\n');
    });
  });

  for (const action of ['promote', 'rollback'] as const)
    data(
      models
        .command(action)
        .description(action === 'promote' ? 'Put a version in service.' : 'Go back to an earlier version.')
        .argument('<model>')
        .argument('<version>', 'a version number', positiveInteger)
        .option('--reason <text>', 'why, for the record', `${action} from the command line`),
    ).action((model: string, version: number, o: { data?: string; reason: string }) =>
      withRegistry(o.data, (registry) => {
        const d = registry[action](model, version, o.reason);
        io.stdout.write(`${model}: v${d.from ?? '-'} -> v${d.to} (${d.action}, ${d.at})\n`);
      }),
    );
}
