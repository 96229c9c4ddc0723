import type { Command } from 'commander';
import {
  builtinScenarios,
  formatIssue,
  formatScenario,
  loadScenarioFile,
  resolveScenario,
  scenarioData,
  ScenarioError,
  type Scenario,
} from '@driftlab/simulator';
import { CliError, type CliIo } from '../io';

/** A scenario by id or path, or a CliError carrying every validation message. */
export function loadScenarioOrFail(idOrFile: string): Scenario {
  try {
    return resolveScenario(idOrFile);
  } catch (e) {
    if (e instanceof ScenarioError) throw new CliError(e.message, 1);
    throw e;
  }
}

export function registerScenario(program: Command, io: CliIo): void {
  const scenario = program
    .command('scenario')
    .description('List, show and validate scenarios (tutor tools).');

  scenario
    .command('list')
    .description('List the built-in scenarios.')
    .option('--json', 'print JSON instead of a table')
    .action((options: { json?: boolean }) => {
      const rows = builtinScenarios().map((s) => ({
        id: s.id,
        kind: s.answer.kind,
        worlds: s.worlds.join(','),
        steps: s.timeline.length,
        title: s.title,
      }));
      if (options.json) {
        io.stdout.write(JSON.stringify(rows, null, 2) + '\n');
        return;
      }
      const width = Math.max(...rows.map((r) => r.id.length), 2);
      io.stdout.write(`${'ID'.padEnd(width)}  ${'KIND'.padEnd(9)}  ${'WORLDS'.padEnd(10)}  TITLE\n`);
      for (const r of rows)
        io.stdout.write(`${r.id.padEnd(width)}  ${r.kind.padEnd(9)}  ${r.worlds.padEnd(10)}  ${r.title}\n`);
    });

  scenario
    .command('show')
    .description(
      'Show a scenario as a scenario file, answer key included (tutors only: do not project this).',
    )
    .argument('<id|file>', 'a built-in scenario id or a scenario file')
    .option('--json', 'print JSON instead of YAML')
    .action((idOrFile: string, options: { json?: boolean }) => {
      // A valid scenario file either way (JSON is YAML): copy a built-in, edit it, validate it.
      const s = loadScenarioOrFail(idOrFile);
      io.stdout.write(options.json ? JSON.stringify(scenarioData(s), null, 2) + '\n' : formatScenario(s));
    });

  scenario
    .command('validate')
    .description('Check scenario files; exit 1 and list every problem as file:line:column: field: message.')
    .argument('<files...>', 'scenario YAML files')
    .action((files: string[]) => {
      let failed = 0;
      for (const file of files) {
        try {
          const s = loadScenarioFile(file);
          io.stdout.write(
            `${file}: ok (${s.id}, ${s.timeline.length} step${s.timeline.length === 1 ? '' : 's'})\n`,
          );
        } catch (e) {
          if (!(e instanceof ScenarioError)) throw e;
          failed++;
          for (const issue of e.issues) io.stderr.write(formatIssue(file, issue) + '\n');
        }
      }
      if (failed > 0) throw new CliError(`${failed} of ${files.length} scenario file(s) invalid`, 1);
    });
}
