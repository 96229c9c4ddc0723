import { Option, type Command } from 'commander';
import { describePermission, GrafanaApi, GrafanaApiError, TUTOR_FOLDER_UID } from '../grafana/grafana-api';
import { openTeamViews, SHARED_FOLDER_UID } from '../grafana/team-views';
import { CliError, type CliIo } from '../io';
import { labRequest } from '../lab-client';
import { browserUrl } from '../local-stack';
import { duration } from '../parsers';

/** The only place the admin password comes from: never a flag (shell history, `ps`), never a default. */
export const PASSWORD_VARIABLE = 'GRAFANA_ADMIN_PASSWORD';

interface SetupOptions {
  url: string;
  user: string;
  timeout: number;
  teams?: boolean;
}

/**
 * Grafana's root URL without a trailing slash. Checked here rather than by an option parser, whose
 * usage error would echo the value: a URL with a password in it must not be printed back.
 */
function grafanaUrl(value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    // reported below
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:'))
    throw new CliError('--url: expected an http(s) URL, such as http://grafana:3000.', 2);
  if (url.username || url.password)
    throw new CliError(
      `--url must not contain credentials: give the user with --user and the password in ${PASSWORD_VARIABLE}.`,
      2,
    );
  return value.replace(/\/+$/, '');
}

/** The running lab's teams and their tokens (GET /v1/teams, tutor only). */
/** Each team's token, and its address as a browser reaches it (its dashboards' links to the team page). */
async function labTeams(): Promise<{ tokens: Record<string, string>; urls: Record<string, string> }> {
  const { teams } = await labRequest<{ teams: { id: string; token: string; url: string | null }[] }>(
    'GET',
    '/v1/teams',
  );
  return {
    tokens: Object.fromEntries(teams.map((t) => [t.id, t.token])),
    urls: Object.fromEntries(teams.flatMap((t) => (t.url ? [[t.id, browserUrl(t.url)]] : []))),
  };
}

export function registerGrafana(program: Command, io: CliIo): void {
  const grafana = program
    .command('grafana')
    .description("Set up the lab's Grafana beyond what file provisioning can do.");

  grafana
    .command('setup')
    .description(
      'Close the Tutor folder (answer keys) to students: wait until Grafana is healthy, then leave ' +
        `folder '${TUTOR_FOLDER_UID}' to admins only and check it. File provisioning cannot set folder ` +
        'permissions, so the compose stack runs this once after Grafana starts, as the one-shot ' +
        '`grafana-setup` service. Running it again is harmless.',
    )
    .requiredOption('--url <url>', "Grafana's root URL, such as http://grafana:3000")
    .option('--user <name>', 'a Grafana admin user (an org Admin or a Grafana server admin)', 'admin')
    .option(
      '--teams',
      "a cohort lab (driftlab start --teams n): give each of the running lab's teams its own folder, " +
        'dashboards and login (the team id, with the team token as password), and leave the shared ' +
        'folder to admins. Reads the teams from the lab: DRIFTLAB_URL, with the tutor token in DRIFTLAB_TOKEN.',
    )
    .addOption(
      new Option('--timeout <duration>', 'how long to wait for Grafana to become healthy')
        .argParser(duration)
        .default(120_000, '120s'),
    )
    .addHelpText(
      'after',
      `\nThe password of --user is read from the environment variable ${PASSWORD_VARIABLE}` +
        ' only;\nthere is no default password.\n\nExample:\n' +
        `  ${PASSWORD_VARIABLE}=… driftlab grafana setup --url http://localhost:3000`,
    )
    .action(async (options: SetupOptions) => {
      const url = grafanaUrl(options.url);
      const password = process.env[PASSWORD_VARIABLE];
      if (!password)
        throw new CliError(
          `${PASSWORD_VARIABLE} is ${password === undefined ? 'not set' : 'empty'}: set it to the password of Grafana user '${options.user}' (there is no default password).`,
        );
      // The teams first: a lab that cannot be reached fails before Grafana is touched.
      const teams = options.teams ? await labTeams() : undefined;
      const api = new GrafanaApi({ url, user: options.user, password });
      try {
        const health = await api.waitUntilHealthy(options.timeout);
        io.stdout.write(
          `Grafana at ${url} is healthy${health.version ? ` (version ${health.version})` : ''}.\n`,
        );
        const { folder, removed } = await api.restrictFolderToAdmins(TUTOR_FOLDER_UID);
        const what =
          removed.length === 0
            ? 'it was already closed to everyone but admins'
            : `removed ${removed.map(describePermission).join('; ')}`;
        io.stdout.write(
          `Folder '${folder.title}' (${folder.uid}): ${what}. Only org Admins and Grafana server admins can open it now.\n`,
        );
        if (teams) {
          for (const view of await openTeamViews(api, teams.tokens, teams.urls))
            io.stdout.write(
              `Team ${view.team}: folder '${view.folder}' with ${view.dashboards.length} dashboards, open to Grafana user '${view.login}' only (password: the team's lab token).\n`,
            );
          io.stdout.write(`Folder '${SHARED_FOLDER_UID}' (every team's series): admins only.\n`);
        }
      } catch (e) {
        if (!(e instanceof GrafanaApiError)) throw e;
        const hint = e.status === 401 ? ` (check --user and the password in ${PASSWORD_VARIABLE})` : '';
        throw new CliError(`grafana setup: ${e.message}${hint}`);
      }
    });
}
