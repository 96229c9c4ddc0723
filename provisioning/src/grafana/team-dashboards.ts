import type { AnnotationQuery, Dashboard, VariableModel } from '@grafana/schema';
import { isTagsTarget, type TagsAnnotationTarget } from './builder';
import { DASHBOARDS } from './dashboards';
import { withLabUrl } from './lab-links';

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

/** The tag of the lab's action annotations (lab/src/grafana/annotations.ts). */
const ACTION_TAG = 'driftlab-action';

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
  };
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
    annotations: dashboard.annotations && {
      list: dashboard.annotations.list?.map((a) => ownActions(a, team)),
    },
  };
}

/**
 * The lab's action annotations (diagnoses, recoveries, announced incidents) of the team only: the
 * lab tags them `team:<id>` (lab/src/grafana/annotations.ts); both tags must match.
 */
function ownActions(annotation: AnnotationQuery, team: string): AnnotationQuery {
  const { target } = annotation;
  if (!isTagsTarget(target) || !target.tags.includes(ACTION_TAG)) return annotation;
  const own: TagsAnnotationTarget = { ...target, tags: [ACTION_TAG, `team:${team}`], matchAny: false };
  return { ...annotation, target: own };
}

/**
 * The folder and dashboards of one team (`team-1` … `team-20`: uids stay within Grafana's 40
 * characters); with `labUrl`, their links go to the team's own lab (its port in a cohort).
 */
export function teamFolder(team: string, labUrl?: string): TeamFolder {
  if (!/^[a-z0-9-]{1,12}$/.test(team)) throw new Error(`team id "${team}": expected up to 12 of a-z, 0-9, -`);
  return {
    uid: teamTag(team),
    title: `driftlab · ${team}`,
    dashboards: STUDENT_DASHBOARDS.map((d) => {
      const own = teamDashboard(d, team);
      return labUrl ? withLabUrl(own, labUrl) : own;
    }),
  };
}
