import { Command, CommanderError } from 'commander';
import { CliError, type CliIo } from './io';
import { registerDiagnose } from './commands/diagnose';
import { registerGrafana } from './commands/grafana';
import { registerIncident } from './commands/incident';
import { registerModels } from './commands/models';
import { registerScenario } from './commands/scenario';
import { registerSimulate } from './commands/simulate';
import { registerStart } from './commands/start';
import { registerStats } from './commands/stats';
import { registerWorld } from './commands/world';

const VERSION = '0.1.0';

/** The `driftlab` command tree, writing to `io`. */
export function buildProgram(io: CliIo): Command {
  const program = new Command('driftlab')
    .description('driftlab: a monitoring lab for teaching machine-learning engineering.')
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .exitOverride();
  registerStart(program, io);
  registerSimulate(program, io);
  registerScenario(program, io);
  registerWorld(program, io);
  registerModels(program, io);
  registerStats(program, io);
  registerGrafana(program, io);
  registerIncident(program, io);
  registerDiagnose(program, io);
  return program;
}

/**
 * Runs the command line and resolves to the exit code: 0 on success, 1 when the command failed,
 * 2 on a usage error (unknown command or option, a bad or missing value).
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and --version exit 0; help shown because a command was missing, and every parse error, exit 2.
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof CliError) {
      io.stderr.write(`driftlab: ${e.message}\n`);
      return e.code;
    }
    io.stderr.write(`driftlab: unexpected error: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}
