import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import { MAX_SCENARIO_BYTES, readTextLimited } from '@driftlab/simulator';
import { CliError, type CliIo } from '../io';
import type { ScoreboardRow } from '../diagnosis';
import type { TeamEntry } from '../http/control-routes';
import type { StudentIncidentView } from '../incidents';
import { labRequest } from '../lab-client';

/*
 * Tutors' commands against a running lab (DRIFTLAB_URL, DRIFTLAB_TOKEN = the tutor token):
 * incidents, playbooks, the record, the scoreboard, reset. With a team token, `incident list` and
 * `scoreboard` show what the team may see (docs/incidents.md).
 */

interface IncidentJson {
  id: string;
  scenario: string;
  title: string;
  mode: string;
  teams: string[];
  state: string;
  startsAt: string;
  onset: Record<string, string>;
  onsetSimulated?: Record<string, string>;
}

/** A scenario as the API takes it: a local file's text, or a built-in id. */
function scenarioField(
  idOrFile: string,
  base = process.cwd(),
): { scenario: string } | { scenario_yaml: string } {
  const file = resolve(base, idOrFile);
  if (/\.ya?ml$/.test(idOrFile) || existsSync(file)) {
    if (!existsSync(file)) throw new CliError(`${idOrFile}: no such scenario file`);
    try {
      return { scenario_yaml: readTextLimited(file, MAX_SCENARIO_BYTES, 'a scenario file') };
    } catch (e) {
      throw new CliError(`${idOrFile}: ${(e as Error).message}`);
    }
  }
  return { scenario: idOrFile };
}

/**
 * One line per incident. When it began is the onset people saw on their dashboards (wall clock),
 * with the traffic's simulated time beside it; before that, when it is due on the traffic's clock.
 */
/** Incidents a command started or changed: one line each, or (`--json`) the JSON list. */
function printIncidents(io: CliIo, incidents: readonly IncidentJson[], json = false): void {
  if (json) io.stdout.write(JSON.stringify(incidents, null, 2) + '\n');
  else for (const i of incidents) printIncident(io, i);
}

function printIncident(io: CliIo, i: IncidentJson): void {
  const onsets = Object.entries(i.onset).map(
    ([team, wall]) =>
      `${team} ${wall}${i.onsetSimulated?.[team] ? ` (simulated ${i.onsetSimulated[team]})` : ''}`,
  );
  const when = onsets.length > 0 ? `onset ${onsets.join(', ')}` : `due at simulated ${i.startsAt}`;
  io.stdout.write(
    `${i.id}  ${i.state.padEnd(9)}  ${i.mode.padEnd(9)}  ${i.scenario}  teams ${i.teams.join(',')}  ${when}\n`,
  );
}

export function registerIncident(program: Command, io: CliIo): void {
  const incident = program
    .command('incident')
    .description('Incidents in a running lab (tutors): start, pause, resume, abort, reveal, list, log.');
  registerIncidentStart(incident, io);
  registerIncidentActions(incident, io);
  registerIncidentList(incident, io);
  registerIncidentLog(incident, io);
  registerPlaybook(program, io);
  registerLabReset(program, io);
  registerScoreboard(program, io);
}

interface StartOptions {
  at?: string;
  hidden?: boolean;
  announced?: boolean;
  team?: string[];
  all?: boolean;
  feedback?: boolean;
  json?: boolean;
}

function registerIncidentStart(incident: Command, io: CliIo): void {
  incident
    .command('start <scenario>')
    .description('Start a scenario (a built-in id or a YAML file) as an incident in the running lab')
    .option(
      '--at <time>',
      'when it starts: simulated time from now (30m) or a wall-clock ISO time (2026-11-27T10:30:00Z)',
    )
    .option('--hidden', 'students see only its effects (the default)')
    .option('--announced', 'students also see its title and brief')
    .option('--team <id>', 'only this team (repeat for several)', (v: string, all: string[] = []) => [
      ...all,
      v,
    ])
    .option('--all', 'every team (the default)')
    .option('--feedback', 'teams see their diagnosis scores at once (else after `incident reveal`)')
    .option('--json', 'the started incident as JSON (as GET /v1/incidents/{id} gives it)')
    .action(async (scenario: string, o: StartOptions) => {
      if (o.hidden && o.announced) throw new CliError('--hidden and --announced: choose one', 2);
      if (o.team && o.all) throw new CliError('--team and --all: choose one', 2);
      const started = await labRequest<IncidentJson>('POST', '/v1/incidents', {
        ...scenarioField(scenario),
        mode: o.announced ? 'announced' : 'hidden',
        ...(o.at !== undefined ? { at: o.at } : {}),
        teams: o.team ?? 'all',
        feedback: !!o.feedback,
      });
      printIncidents(io, [started], o.json);
    });
}

const INCIDENT_ACTIONS = [
  ['pause', 'Pause an incident: its effects stop until resumed'],
  ['resume', 'Resume a paused incident where it stopped'],
  ['abort', 'Abort an incident: its faults are removed at once'],
  ['reveal', 'Reveal an incident: teams see their diagnosis scores and what it was'],
] as const;

function registerIncidentActions(incident: Command, io: CliIo): void {
  for (const [verb, what] of INCIDENT_ACTIONS)
    incident
      .command(`${verb} <id>`)
      .description(what)
      .option('--json', 'the incident as JSON')
      .action(async (id: string, o: { json?: boolean }) => {
        const incident = await labRequest<IncidentJson>(
          'POST',
          `/v1/incidents/${encodeURIComponent(id)}/${verb}`,
        );
        printIncidents(io, [incident], o.json);
      });
}

/** An incident as a team sees it: title and brief; once revealed, what it was. */
function printStudentIncident(io: CliIo, i: StudentIncidentView): void {
  io.stdout.write(`${i.id}  ${i.state}  ${i.title}\n${i.brief}\n`);
  if (!i.answer) return;
  const { kind, model, features, what } = i.answer;
  const named = features.length > 0 ? ` (features ${features.join(', ')})` : '';
  io.stdout.write(
    `revealed: ${kind} on ${model}${named}, scenario ${i.scenario}${i.onset ? `, onset ${i.onset}` : ''}\n${what}\n`,
  );
}

function registerIncidentList(incident: Command, io: CliIo): void {
  incident
    .command('list')
    .description(
      "Every incident of this run with its state (tutor token), or your team's announced and revealed ones (team token)",
    )
    .option('--json', 'the full JSON, answer keys included (tutor; a team: what revealed ones were)')
    .action(async (o: { json?: boolean }) => {
      const { incidents } = await labRequest<{ incidents: (IncidentJson | StudentIncidentView)[] }>(
        'GET',
        '/v1/incidents',
      );
      if (o.json) return void io.stdout.write(JSON.stringify(incidents, null, 2) + '\n');
      if (incidents.length === 0) io.stdout.write('no incidents\n');
      // Only the tutor's view names the teams.
      for (const i of incidents)
        if ('teams' in i) printIncident(io, i);
        else printStudentIncident(io, i);
    });
}

interface RecordEventJson {
  at: string;
  actor: string;
  action: string;
  model: string | null;
  params: object;
  outcome: string;
}

function registerIncidentLog(incident: Command, io: CliIo): void {
  incident
    .command('log')
    .description("The lab's record: injections, pauses, aborts, diagnoses, recoveries, alerts (tutor)")
    .option('--prefix <action>', 'only actions starting with this (e.g. incident., diagnosis., recovery.)')
    .option('--limit <n>', 'at most this many, the newest', '1000')
    .option('--json', 'as JSON')
    .action(async (o: { prefix?: string; limit: string; json?: boolean }) => {
      const query = new URLSearchParams({ limit: o.limit, ...(o.prefix ? { prefix: o.prefix } : {}) });
      const { events } = await labRequest<{ events: RecordEventJson[] }>('GET', `/v1/record?${query}`);
      if (o.json) return void io.stdout.write(JSON.stringify(events, null, 2) + '\n');
      for (const e of events)
        io.stdout.write(
          `${e.at}  ${e.actor.padEnd(14)}  ${e.action.padEnd(18)}  ${e.model ?? '-'}  ${e.outcome}  ${JSON.stringify(withoutDefinition(e.params))}\n`,
        );
    });
}

/** A playbook lists at most 100 incidents (the API's limit): a megabyte is far beyond any. */
const MAX_PLAYBOOK_BYTES = 1_048_576;

/** A playbook file's incidents as the API takes them, scenario files read relative to it. */
function playbookIncidents(file: string): object[] {
  let raw: unknown;
  try {
    raw = parseYaml(readTextLimited(file, MAX_PLAYBOOK_BYTES, 'a playbook file'));
  } catch (e) {
    throw new CliError(`${file}: ${(e as Error).message}`);
  }
  const entries = (raw as { incidents?: unknown } | null)?.incidents;
  if (!Array.isArray(entries) || entries.length === 0)
    throw new CliError(`${file}: incidents: expected a list of incidents to start`);
  return entries.map((entry: unknown, i: number) => {
    if (
      entry === null ||
      typeof entry !== 'object' ||
      typeof (entry as { scenario?: unknown }).scenario !== 'string'
    )
      throw new CliError(`${file}: incidents[${i}].scenario: expected a scenario id or file`);
    const { scenario, ...rest } = entry as { scenario: string };
    return { ...rest, ...scenarioField(scenario, dirname(resolve(file))) };
  });
}

function registerPlaybook(program: Command, io: CliIo): void {
  program
    .command('playbook')
    .description('Session playbooks (tutors)')
    .command('run <file>')
    .description(
      'Start every incident a playbook file schedules (YAML: incidents: [{scenario, at, mode, teams, feedback}])',
    )
    .option('--json', 'the started incidents as a JSON list')
    .action(async (file: string, o: { json?: boolean }) => {
      const { incidents: started } = await labRequest<{ incidents: IncidentJson[] }>(
        'POST',
        '/v1/playbooks',
        { incidents: playbookIncidents(file) },
      );
      printIncidents(io, started, o.json);
    });
}

function registerLabReset(program: Command, io: CliIo): void {
  const lab = program.command('lab').description('The running lab as a whole (tutors)');
  lab
    .command('reset')
    .description('Abort every incident and put the original model versions back')
    .action(async () => {
      io.stdout.write(JSON.stringify(await labRequest('POST', '/v1/lab/reset'), null, 2) + '\n');
    });
  lab
    .command('teams')
    .description(
      "Each team, its URL and its token, to hand out (tutor token): a team's token lets it diagnose and recover at its URL",
    )
    .option('--json', 'as JSON: [{id, token, url}] (url null where the lab does not know it)')
    .action(async (o: { json?: boolean }) => {
      const { teams } = await labRequest<{ teams: TeamEntry[] }>('GET', '/v1/teams');
      if (o.json) return void io.stdout.write(JSON.stringify(teams, null, 2) + '\n');
      for (const t of teams)
        io.stdout.write(`${t.id.padEnd(10)}  ${(t.url ?? '-').padEnd(24)}  ${t.token}\n`);
    });
}

const seconds = (s: number | null) => (s === null ? '-' : `${Math.round(s)} s`);

function registerScoreboard(program: Command, io: CliIo): void {
  program
    .command('scoreboard')
    .description(
      "Best and last diagnosis score per team and incident (tutor token); your team's own rows (team token)",
    )
    .option('--json', 'as JSON')
    .action(async (o: { json?: boolean }) => {
      const { scoreboard } = await labRequest<{ scoreboard: ScoreboardRow[] }>('GET', '/v1/scoreboard');
      if (o.json) return void io.stdout.write(JSON.stringify(scoreboard, null, 2) + '\n');
      io.stdout.write('incident  team      best   last   submissions  time to detect  time to recover\n');
      for (const r of scoreboard)
        io.stdout.write(
          `${r.incident.padEnd(8)}  ${r.team.padEnd(8)}  ${String(r.best ?? '-').padEnd(5)}  ${String(r.last ?? '-').padEnd(5)}  ${String(r.submissions).padEnd(11)}  ${seconds(r.timeToDetectSeconds).padEnd(14)}  ${seconds(r.timeToRecoverSeconds)}\n`,
        );
    });
}

/** A started incident's whole scenario is in the record (for restarts), not in the log's lines. */
function withoutDefinition(params: object): object {
  const { definition: _definition, ...rest } = params as { definition?: unknown };
  return rest;
}
