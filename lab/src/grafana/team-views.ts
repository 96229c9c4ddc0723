import { teamFolder } from '@driftlab/provisioning';
import type { GrafanaApi } from './grafana-api';

/** The provisioned folder of the student dashboards, which show every team's series. */
export const SHARED_FOLDER_UID = 'driftlab';

export interface TeamView {
  readonly team: string;
  readonly folder: string;
  readonly dashboards: readonly string[];
  /** The Grafana login; its password is the team's lab token. */
  readonly login: string;
}

/**
 * A cohort lab's Grafana (docs/incidents.md, "Cohort mode"): each team gets a folder with its own
 * copies of the student dashboards (the team variable fixed), a Grafana team and a user (login: the
 * team id; password: the team's lab token, the one secret a team already has), and only that team
 * may open the folder. The shared student folder, which shows every team, is left to admins: the
 * lecture screen logs in as admin. Running it again updates the copies and passwords.
 */
export async function openTeamViews(
  api: GrafanaApi,
  teams: Readonly<Record<string, string>>,
  /** Each team's lab as a browser reaches it: the dashboards' links to its team page. */
  labUrls: Readonly<Record<string, string>> = {},
): Promise<TeamView[]> {
  await api.restrictFolderToAdmins(SHARED_FOLDER_UID);
  const views: TeamView[] = [];
  for (const [team, token] of Object.entries(teams)) {
    const folder = teamFolder(team, labUrls[team]);
    await api.ensureFolder(folder.uid, folder.title);
    for (const dashboard of folder.dashboards) await api.saveDashboard(dashboard, folder.uid);
    const teamId = await api.ensureTeam(team);
    const userId = await api.ensureUser(team, token);
    await api.ensureMember(teamId, userId);
    await api.restrictFolderToTeam(folder.uid, teamId);
    views.push({ team, folder: folder.uid, dashboards: folder.dashboards.map((d) => d.uid!), login: team });
  }
  return views;
}
