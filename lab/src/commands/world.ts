import type { Command } from 'commander';
import { WORLDS, getWorld } from '@driftlab/simulator';
import type { CliIo } from '../io';
import { worldName } from '../parsers';

export function registerWorld(program: Command, io: CliIo): void {
  const world = program.command('world').description('Describe the simulated worlds and their features.');
  world
    .command('list')
    .description('List the worlds.')
    .action(() => {
      for (const w of Object.values(WORLDS))
        io.stdout.write(
          `${w.name.padEnd(11)}  ${w.task.padEnd(14)}  ${w.features.length} features  ${w.title}\n`,
        );
    });
  world
    .command('show')
    .description("Show a world's generating process, features and concept parameters.")
    .argument('<name>', 'a world name', worldName)
    .action((name: string) => {
      const w = getWorld(name)!;
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
    });
}
