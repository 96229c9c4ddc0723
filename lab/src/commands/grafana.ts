import { Option, type Command } from 'commander';
import { describePermission, GrafanaApi, GrafanaApiError, TUTOR_FOLDER_UID } from '../grafana/grafana-api';
import { CliError, type CliIo } from '../io';
import { duration } from '../parsers';

/** The only place the admin password comes from: never a flag (shell history, `ps`), never a default. */
export const PASSWORD_VARIABLE = 'GRAFANA_ADMIN_PASSWORD';

interface SetupOptions {
  url: string;
  user: string;
  timeout: number;
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
      } catch (e) {
        if (!(e instanceof GrafanaApiError)) throw e;
        const hint = e.status === 401 ? ` (check --user and the password in ${PASSWORD_VARIABLE})` : '';
        throw new CliError(`grafana setup: ${e.message}${hint}`);
      }
    });
}
