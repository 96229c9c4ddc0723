import type { Command } from 'commander';
import { DIAGNOSIS_KINDS } from '@driftlab/simulator';
import { CliError, type CliIo } from '../io';
import { labRequest } from '../lab-client';
import { oneOf } from '../parsers';

/** `--since`: an ISO time, or a duration ago ("15m": fifteen minutes ago, wall clock). */
export function sinceTime(text: string, now = Date.now()): string {
  const ago = /^(\d+(?:\.\d+)?)(s|m|h)$/.exec(text);
  if (ago)
    return new Date(
      now - Number(ago[1]) * { s: 1000, m: 60_000, h: 3_600_000 }[ago[2] as 's' | 'm' | 'h'],
    ).toISOString();
  const t = Date.parse(text);
  if (Number.isNaN(t))
    throw new CliError(
      `--since: expected an ISO time (2026-11-27T10:15:00Z) or a time ago (15m, 2h), got ${JSON.stringify(text)}`,
      2,
    );
  return new Date(t).toISOString();
}

interface DiagnoseOptions {
  model: string;
  kind: string;
  since: string;
  features: string;
  note?: string;
  json?: boolean;
}

export function registerDiagnose(program: Command, io: CliIo): void {
  program
    .command('diagnose')
    .description("Submit your team's diagnosis of an incident (DRIFTLAB_TOKEN = your team token)")
    .requiredOption('--model <name>', 'the affected model')
    .requiredOption(
      '--kind <kind>',
      `what kind of problem (${DIAGNOSIS_KINDS.join(', ')})`,
      oneOf(DIAGNOSIS_KINDS),
    )
    .requiredOption('--since <time>', 'when it started: an ISO time, or a time ago such as 15m')
    .option(
      '--features <list>',
      'the affected features, comma-separated (none for a whole-model problem)',
      '',
    )
    .option('--note <text>', 'anything you want the tutor to read')
    .option(
      '--json',
      "print the lab's answer as one JSON document instead of text: {id, submittedAt, model, kind, features, since, " +
        'and score: {total, model, kind, featurePrecision, featureRecall, onsetErrorSeconds, timeToDetectSeconds} ' +
        'once the tutor shows scores, else pending: why not yet}',
    )
    .action(async (o: DiagnoseOptions) => {
      const features = o.features
        .split(',')
        .map((f) => f.trim())
        .filter((f) => f !== '');
      const answer = await labRequest<{ id: number; score?: { total: number }; pending?: string }>(
        'POST',
        '/v1/diagnoses',
        {
          model: o.model,
          kind: o.kind,
          features,
          since: sinceTime(o.since),
          ...(o.note ? { note: o.note } : {}),
        },
      );
      if (o.json) return void io.stdout.write(JSON.stringify(answer, null, 2) + '\n');
      io.stdout.write(
        answer.score
          ? `diagnosis ${answer.id} scored ${answer.score.total}/100\n${JSON.stringify(answer.score, null, 2)}\n`
          : `diagnosis ${answer.id} received: ${answer.pending}\n`,
      );
    });
}
