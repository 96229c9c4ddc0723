import type { Command } from 'commander';
import { WORLDS, getWorld, type World } from '@driftlab/simulator';
import type { CliIo } from '../io';
import { worldName } from '../parsers';

/** A world as `world show --json` prints it: its definition without the generating code. */
function worldJson(w: World) {
  return {
    name: w.name,
    title: w.title,
    task: w.task,
    description: w.description,
    target: w.target,
    features: w.features,
    concept: w.concept,
  };
}

function printJson(io: CliIo, value: unknown): void {
  io.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

function showWorld(io: CliIo, w: World): void {
  io.stdout.write(
    `${w.title} (${w.name}, ${w.task})\n\n${w.description}\n\nTarget: ${w.target.name}: ${w.target.description}\n\nFeatures:\n`,
  );
  for (const f of w.features) {
    const detail =
      f.kind === 'numeric' ? `${f.unit || 'no unit'}, ${f.min} to ${f.max}` : f.categories.join(' | ');
    io.stdout.write(`  ${f.name.padEnd(24)} ${f.kind.padEnd(11)} ${detail}\n      ${f.description}\n`);
  }
  io.stdout.write('\nConcept parameters (what concept drift can change):\n');
  for (const [n, p] of Object.entries(w.concept))
    io.stdout.write(`  ${n.padEnd(24)} default ${p.default}: ${p.description}\n`);
}

export function registerWorld(program: Command, io: CliIo): void {
  const world = program.command('world').description('Describe the simulated worlds and their features.');
  world
    .command('list')
    .description('List the worlds.')
    .option(
      '--json',
      'print one JSON document instead of text: an array of {name, title, task ("classification"|"regression"), features: [feature names]}',
    )
    .action((o: { json?: boolean }) => {
      const worlds = Object.values(WORLDS);
      if (o.json)
        return printJson(
          io,
          worlds.map((w) => ({
            name: w.name,
            title: w.title,
            task: w.task,
            features: w.features.map((f) => f.name),
          })),
        );
      for (const w of worlds)
        io.stdout.write(
          `${w.name.padEnd(11)}  ${w.task.padEnd(14)}  ${w.features.length} features  ${w.title}\n`,
        );
    });
  world
    .command('show')
    .description("Show a world's generating process, features and concept parameters.")
    .argument('<name>', 'a world name', worldName)
    .option(
      '--json',
      'print one JSON document instead of text: {name, title, task, description, target: {name, description, classes?, unit?, decimals?}, ' +
        'features: [{name, kind: "numeric", unit, description, min, max, decimals} or {name, kind: "categorical", description, categories}], ' +
        'concept: {<parameter>: {default, description, discrete?, min?, max?}}}',
    )
    .action((name: string, o: { json?: boolean }) => {
      const w = getWorld(name)!;
      if (o.json) printJson(io, worldJson(w));
      else showWorld(io, w);
    });
}
