import type { Dashboard, DashboardLink, VariableModel } from '@grafana/schema';

/*
 * Every dashboard links to the lab's class pages: students to "Submit a diagnosis" (the team page),
 * tutors to the control room and the projector. The pages are on the lab's port, not Grafana's, so
 * the links go through a hidden constant variable, `lab`, holding the lab's address as a browser
 * reaches it. The files carry the compose stack's (the simulator's published port); a local
 * Grafana (`driftlab start`) and a cohort's team dashboards get their lab's own (withLabUrl).
 */

/** The variable's name: links read `${lab}`. */
export const LAB_VARIABLE = 'lab';

/** Where a browser on the compose host reaches the lab's pages (the simulator's published port). */
export const DEFAULT_LAB_URL = 'http://localhost:8082';

export type Audience = 'student' | 'tutor';

export function labVariable(url: string = DEFAULT_LAB_URL): VariableModel {
  return {
    type: 'constant',
    name: LAB_VARIABLE,
    label: 'Lab',
    description: "The lab's address as a browser reaches it: the class pages the dashboard links to.",
    query: url,
    current: { text: url, value: url },
    options: [{ text: url, value: url, selected: true }],
    hide: 2,
  };
}

const link = (title: string, path: string, tooltip: string): DashboardLink => ({
  title,
  type: 'link',
  url: `\${${LAB_VARIABLE}}${path}`,
  tooltip,
  icon: 'external link',
  targetBlank: true,
  asDropdown: false,
  includeVars: false,
  keepTime: false,
  tags: [],
});

/** The class pages' links for a dashboard's audience. */
export function pageLinks(audience: Audience): DashboardLink[] {
  if (audience === 'tutor')
    return [
      link('Control room', '/control', 'Start, pause and reveal incidents; the scoreboard and the record'),
      link('Projector', '/projector', 'The class status for the lecture screen: no secrets'),
    ];
  return [
    link(
      'Submit a diagnosis',
      '/',
      "Your team's page: incidents, diagnoses, scores, and recovery (roll back, promote, retrain)",
    ),
  ];
}

/** `dashboard` with its links pointing at the lab at `url` (a local Grafana, a cohort's team). */
export function withLabUrl(dashboard: Dashboard, url: string): Dashboard {
  const list = dashboard.templating?.list ?? [];
  if (!list.some((v) => v.name === LAB_VARIABLE))
    throw new Error(`dashboard ${dashboard.uid} has no ${LAB_VARIABLE} variable to set`);
  const address = url.replace(/\/+$/, '');
  return {
    ...dashboard,
    templating: { list: list.map((v) => (v.name === LAB_VARIABLE ? labVariable(address) : v)) },
  };
}
