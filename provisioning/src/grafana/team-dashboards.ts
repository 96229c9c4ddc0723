import type { Dashboard, VariableModel } from '@grafana/schema';
import { DASHBOARDS } from './dashboards';

/*
 * A cohort lab's per-team views (`driftlab start --teams n`): each team gets a folder with its own
 * copies of the student dashboards, the `team` variable fixed to it and hidden. `driftlab grafana
 * setup --teams n` uploads them and opens each folder to that team's Grafana team only. File
 * provisioning cannot do this: the number of teams is the class's, and permissions need the API.
 */

/** The student dashboards: every provisioned one outside the tutor folder. */
const STUDENT_DASHBOARDS = DASHBOARDS.filter((d) => d.file.startsWith('driftlab/')).map((d) => d.dashboard);

export interface TeamFolder {
  readonly uid: string;
  readonly title: string;
  readonly dashboards: readonly Dashboard[];
}

/** The tag a team's dashboards share (their links list the dashboards with it). */
const teamTag = (team: string) => `driftlab-${team}`;

/** `team` as a constant, hidden: a team's copy shows its own series only. */
function fixedTeam(team: string): VariableModel {
  return {
    type: 'constant',
    name: 'team',
    label: 'Team',
    query: team,
    current: { text: team, value: team },
    hide: 2,
    options: [{ text: team, value: team, selected: true }],
  } as VariableModel;
}

/** One team's copy of a student dashboard. */
export function teamDashboard(dashboard: Dashboard, team: string): Dashboard {
  const retag = (tags: readonly string[] = []) => tags.map((t) => (t === 'driftlab' ? teamTag(team) : t));
  const variables = dashboard.templating?.list ?? [];
  if (!variables.some((v) => v.name === 'team'))
    throw new Error(`dashboard ${dashboard.uid} has no team variable to fix`);
  return {
    ...dashboard,
    uid: `${dashboard.uid}-${team}`,
    title: `${dashboard.title} · ${team}`,
    tags: retag(dashboard.tags),
    links: dashboard.links?.map((link) => ({ ...link, tags: retag(link.tags) })),
    templating: { list: variables.map((v) => (v.name === 'team' ? fixedTeam(team) : v)) },
  };
}

/** The folder and dashboards of one team (`team-1` … `team-20`: uids stay within Grafana's 40 characters). */
export function teamFolder(team: string): TeamFolder {
  if (!/^[a-z0-9-]{1,12}$/.test(team)) throw new Error(`team id "${team}": expected up to 12 of a-z, 0-9, -`);
  return {
    uid: teamTag(team),
    title: `driftlab · ${team}`,
    dashboards: STUDENT_DASHBOARDS.map((d) => teamDashboard(d, team)),
  };
}
