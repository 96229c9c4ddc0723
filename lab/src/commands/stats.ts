import type { Command } from 'commander';
import {
  computeStats,
  DEFAULT_CSV_LIMITS,
  formatStatsTable,
  OfflineStatsError,
  readCsvFile,
  statsNotes,
  statsToJson,
} from '@driftlab/exporter';
import { CliError, type CliIo } from '../io';

interface StatsOptions {
  reference: string;
  current: string;
  json?: boolean;
}

export function registerStats(program: Command, io: CliIo): void {
  program
    .command('stats')
    .description(
      'Offline drift statistics of every column two CSV files share: KS, Wasserstein, PSI, Jensen-Shannon, chi-square, and the test that decides (exporter/docs/drift.md).',
    )
    .requiredOption(
      '--reference <csv>',
      'the reference CSV (for example the training data), with a header line',
    )
    .requiredOption('--current <csv>', 'the CSV to compare with it')
    .option('--json', 'print JSON instead of a table (NaN as null; notes go to standard error)')
    .addHelpText(
      'after',
      `\nFiles are read up to ${limitsText()}; a column whose values are all nan or inf in a file is not tested (no usable values).` +
        '\n\nExamples:\n  driftlab stats --reference train.csv --current last-week.csv\n  driftlab stats --reference train.csv --current today.csv --json > drift.json',
    )
    .action((options: StatsOptions) => {
      let report;
      try {
        report = computeStats(readCsvFile(options.reference), readCsvFile(options.current));
      } catch (e) {
        if (e instanceof OfflineStatsError) throw new CliError(e.message);
        throw e;
      }
      if (!options.json) {
        io.stdout.write(formatStatsTable(report));
        return;
      }
      io.stdout.write(JSON.stringify(statsToJson(report), null, 2) + '\n');
      for (const note of statsNotes(report)) io.stderr.write(`driftlab stats: ${note}\n`);
    });
}

/** The CSV limits as the help states them. */
function limitsText(): string {
  const { bytes, columns, cellChars } = DEFAULT_CSV_LIMITS;
  const n = (x: number) => x.toLocaleString('en-US');
  return `${n(bytes / 2 ** 20)} MiB, ${n(columns)} columns and ${n(cellChars)} characters a cell`;
}
