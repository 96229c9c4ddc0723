import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { defaultDashboard, type Dashboard, type Panel, type VariableModel } from '@grafana/schema';
import { builtinScenarios } from '@driftlab/simulator';
import {
  ALERT_RULES,
  alertNames,
  DASHBOARDS,
  DEFAULT_LAB_URL,
  DRIFT_PANEL,
  LAB_VARIABLE,
  PROVISIONING_DIR,
  RECORDING_RULES,
  staleFiles,
  teamFolder,
  withLabUrl,
} from '@driftlab/provisioning';

/*
 * The provisioning files as Grafana and Prometheus will read them, checked without running them
 * (the end-to-end test runs Prometheus and Alertmanager; no Grafana server runs here).
 */

const ROOT = join(__dirname, '..');
const read = (path: string) => readFileSync(join(PROVISIONING_DIR, path), 'utf8');

/** Grafana 12.4's built-in panel types (public/app/plugins/panel). */
const BUILT_IN_PANELS = new Set([
  'alertlist',
  'annolist',
  'barchart',
  'bargauge',
  'candlestick',
  'canvas',
  'dashlist',
  'datagrid',
  'flamegraph',
  'gauge',
  'geomap',
  'heatmap',
  'histogram',
  'logs',
  'news',
  'nodeGraph',
  'piechart',
  'stat',
  'state-timeline',
  'status-history',
  'table',
  'text',
  'timeseries',
  'traces',
  'trend',
  'xychart',
]);

interface ProvisionedDatasource {
  name: string;
  uid: string;
  type: string;
}

const datasources = (
  parse(read('grafana/datasources/driftlab.yml')) as { datasources: ProvisionedDatasource[] }
).datasources;
const providers = (
  parse(read('grafana/dashboards/driftlab.yml')) as {
    providers: { folder: string; folderUid: string; options: { path: string } }[];
  }
).providers;
const committed = DASHBOARDS.map(({ file }) => ({
  file,
  json: JSON.parse(read(`grafana/dashboards/${file}`)) as Dashboard,
}));

const panelsOf = (d: Dashboard) => (d.panels ?? []).filter((p): p is Panel => p.type !== 'row');
const exprsOf = (d: Dashboard): string[] => [
  ...panelsOf(d).flatMap((p) => (p.targets ?? []).map((t) => String(t.expr))),
  ...((d.annotations?.list ?? []) as { expr?: string }[]).flatMap((a) => (a.expr ? [a.expr] : [])),
  ...((d.templating?.list ?? []) as VariableModel[]).flatMap((v) =>
    v.type === 'query' ? [(v.query as { query: string }).query] : [],
  ),
];

describe('provisioning', () => {
  it('commits the dashboards and rule files the typed code generates (npm run provisioning)', () => {
    expect(staleFiles()).toEqual([]);
  });

  it.each(committed)('$file: valid JSON at the current schema version, unique uid', ({ json }) => {
    expect(json.schemaVersion).toBe(defaultDashboard.schemaVersion);
    expect(json.uid).toMatch(/^[a-z0-9-]{1,40}$/);
    expect(committed.filter((c) => c.json.uid === json.uid)).toHaveLength(1);
    expect(json.title).toBeTruthy();
    // Panels never overlap (Grafana would push them around) and fit the 24-column grid.
    const cells = new Set<string>();
    for (const p of json.panels ?? []) {
      const { x, y, w, h } = p.gridPos!;
      expect(x + w).toBeLessThanOrEqual(24);
      for (let i = x; i < x + w; i++)
        for (let j = y; j < y + h; j++) {
          expect(cells.has(`${i},${j}`)).toBe(false);
          cells.add(`${i},${j}`);
        }
    }
  });

  it.each(committed)(
    '$file: every panel is built-in or the drift panel, with a unit and a description',
    ({ json }) => {
      const plugin = JSON.parse(readFileSync(join(ROOT, 'plugin/src/plugin.json'), 'utf8')) as { id: string };
      expect(DRIFT_PANEL).toBe(plugin.id);
      for (const panel of panelsOf(json)) {
        expect([panel.title, BUILT_IN_PANELS.has(panel.type) || panel.type === DRIFT_PANEL]).toEqual([
          panel.title,
          true,
        ]);
        expect([panel.title, panel.description?.length ?? 0]).toEqual([panel.title, expect.any(Number)]);
        expect(panel.description!.length).toBeGreaterThan(20);
        expect([panel.title, panel.fieldConfig?.defaults?.unit]).toEqual([
          panel.title,
          expect.stringMatching(/\S/),
        ]);
      }
    },
  );

  it.each(committed)(
    '$file: queries go through the templated datasource, which is provisioned',
    ({ json }) => {
      const variable = ((json.templating?.list ?? []) as VariableModel[]).find(
        (v) => v.type === 'datasource',
      );
      expect(variable?.name).toBe('datasource');
      const uid = (variable!.current as { value: string }).value;
      const provisioned = datasources.find((d) => d.uid === uid);
      expect(provisioned?.type).toBe('prometheus');
      const refs = [
        ...panelsOf(json).flatMap((p) => [p.datasource, ...(p.targets ?? []).map((t) => t.datasource)]),
        ...((json.templating?.list ?? []) as VariableModel[]).map((v) => v.datasource),
        ...(json.annotations?.list ?? []).map((a) => a.datasource),
      ].filter((r): r is { uid?: string } => r !== undefined && r !== null);
      for (const ref of refs) {
        const resolved = ref.uid === '${datasource}' ? uid : ref.uid;
        // Grafana's own annotations need no provisioned datasource.
        if (resolved === '-- Grafana --') continue;
        expect(datasources.map((d) => d.uid)).toContain(resolved);
      }
    },
  );

  it('uses $__rate_interval in every rate and increase of the dashboards', () => {
    let rates = 0;
    for (const { json } of committed)
      for (const panel of panelsOf(json))
        for (const target of panel.targets ?? [])
          for (const m of String(target.expr).matchAll(/\b(?:rate|irate|increase)\(([^()]*)\)/g)) {
            rates++;
            expect([panel.title, m[1]]).toEqual([panel.title, expect.stringContaining('[$__rate_interval]')]);
          }
    expect(rates).toBeGreaterThan(10);
  });

  it('puts the tutor dashboard alone in the Tutor folder, and student dashboards elsewhere', () => {
    const tutorProvider = providers.find((p) => p.folder === 'Tutor')!;
    expect(tutorProvider.folderUid).toBe('driftlab-tutor');
    expect(tutorProvider.options.path).toBe('/etc/grafana/provisioning/dashboards/tutor');
    const studentProvider = providers.find((p) => p.folder === 'driftlab')!;
    expect(studentProvider.options.path).toBe('/etc/grafana/provisioning/dashboards/driftlab');
    expect(DASHBOARDS.filter((d) => d.file.startsWith('tutor/')).map((d) => d.dashboard.uid)).toEqual([
      'driftlab-tutor',
    ]);
    expect(DASHBOARDS.every((d) => d.file.startsWith('tutor/') || d.file.startsWith('driftlab/'))).toBe(true);
  });

  it('shows students nothing of the scenario library: no scenario id, title or injector', () => {
    const student = committed
      .filter((c) => c.file.startsWith('driftlab/'))
      .map((c) => JSON.stringify(c.json));
    const secrets = builtinScenarios().flatMap((s) => [
      s.id,
      s.title,
      ...s.timeline.map((step) => step.injector),
    ]);
    for (const text of student)
      for (const secret of secrets) expect([secret, text.includes(secret)]).toEqual([secret, false]);
  });

  it('refers only to metrics the lab publishes, and to its recording rules', () => {
    const reference = readFileSync(join(ROOT, 'docs/metrics.md'), 'utf8');
    const families = new Set([...reference.matchAll(/^\| `(driftlab_\w+)`/gm)].map((m) => m[1]));
    const recorded = new Set(RECORDING_RULES.flatMap((g) => g.rules.map((r) => r.record)));
    const exprs = [
      ...committed.flatMap((c) => exprsOf(c.json)),
      ...RECORDING_RULES.flatMap((g) => g.rules.map((r) => r.expr)),
      ...ALERT_RULES.flatMap((g) => g.rules.map((r) => r.expr)),
    ];
    const unknown = new Set<string>();
    for (const expr of exprs) {
      for (const [name] of expr.matchAll(/(?<![:\w])driftlab_\w+(?!:)/g)) {
        const family = name.replace(/_(bucket|count|sum)$/, '');
        if (!families.has(family) && !families.has(name)) unknown.add(name);
      }
      for (const [name] of expr.matchAll(/\b\w+:driftlab_\w+:\w+/g))
        if (!recorded.has(name)) unknown.add(name);
    }
    expect([...unknown]).toEqual([]);
  });

  it('gives every alert a severity, a summary and a description, and unique names', () => {
    const names = ALERT_RULES.flatMap((g) => g.rules.map((r) => r.alert));
    expect(new Set(names).size).toBe(names.length);
    for (const rule of ALERT_RULES.flatMap((g) => g.rules)) {
      expect(['page', 'ticket']).toContain(rule.severity);
      for (const text of [rule.summary, rule.description]) expect(text.length).toBeGreaterThan(10);
      expect(rule.signals.length).toBeGreaterThan(0);
      for (const signal of rule.signals) expect(rule.expr).toContain(signal);
    }
  });
});

/** GitHub's anchor for a Markdown heading: lower case, punctuation dropped, spaces as hyphens. */
const githubAnchor = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');

describe('alert runbooks and documentation', () => {
  const generated = (
    parse(read('prometheus/rules/alerts.yml')) as {
      groups: { rules: { alert: string; annotations: Record<string, string> }[] }[];
    }
  ).groups.flatMap((g) => g.rules);
  const runbooks = readFileSync(join(ROOT, 'docs/runbooks.md'), 'utf8');
  const sections = [...runbooks.matchAll(/^## (.+)$/gm)].map((m) => githubAnchor(m[1]));

  it('gives every alert a runbook_url whose anchor is a section of docs/runbooks.md', () => {
    expect(generated.map((r) => r.alert)).toEqual(alertNames());
    const bases = new Set<string>();
    for (const { alert, annotations } of generated) {
      // The Prometheus convention (runbook_url), absolute: Alertmanager cannot resolve a repository path.
      expect([alert, Object.keys(annotations).sort()]).toEqual([
        alert,
        ['description', 'runbook_url', 'summary'],
      ]);
      const url = new URL(annotations.runbook_url);
      expect(url.protocol).toBe('https:');
      expect(url.pathname).toMatch(/\/docs\/runbooks\.md$/);
      expect([alert, sections.includes(url.hash.slice(1))]).toEqual([alert, true]);
      bases.add(url.href.slice(0, -url.hash.length));
    }
    expect(bases.size).toBe(1);
  });

  it('has runbook sections for alerts only, each saying what it means, where to look, what to check, how to recover', () => {
    const alerts = alertNames().map(githubAnchor);
    expect(sections.filter((s) => !alerts.includes(s))).toEqual([]);
    for (const section of runbooks.split(/^## /m).slice(1)) {
      const title = section.split('\n')[0];
      for (const part of ['**Means**', '**Look at**', '**Check**', '**Recover**'])
        expect([title, part, section.includes(part)]).toEqual([title, part, true]);
    }
  });

  it("names every alert, with its severity, in provisioning/README.md's alert table", () => {
    const readme = readFileSync(join(ROOT, 'provisioning/README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('\n## Alerts\n') + 1);
    const table = section.slice(0, section.indexOf('\n## '));
    const rows = [...table.matchAll(/^\| `(\w+)` \| (\w+) \|/gm)].map((m) => [m[1], m[2]]);
    const rules = ALERT_RULES.flatMap((g) => g.rules);
    expect(rows.map((r) => r[0]).sort()).toEqual(alertNames().sort());
    for (const [alert, severity] of rows)
      expect([alert, severity]).toEqual([alert, rules.find((r) => r.alert === alert)!.severity]);
  });
});

describe("the dashboards' links to the class pages", () => {
  const labOf = (json: Dashboard) => json.templating?.list?.find((v) => v.name === LAB_VARIABLE);
  const pageLinks = (json: Dashboard) =>
    (json.links ?? []).filter((l) => l.type === 'link').map((l) => [l.title, l.url, l.targetBlank]);

  it.each(committed)(
    '$file: links its audience to the lab, through the hidden lab variable',
    ({ file, json }) => {
      expect(labOf(json)).toMatchObject({ type: 'constant', query: DEFAULT_LAB_URL, hide: 2 });
      expect(pageLinks(json)).toEqual(
        file.startsWith('tutor/')
          ? [
              ['Control room', '${lab}/control', true],
              ['Projector', '${lab}/projector', true],
            ]
          : [['Submit a diagnosis', '${lab}/', true]],
      );
    },
  );

  it("points a team's copies at the team's own lab", () => {
    for (const d of teamFolder('team-2', 'http://10.0.0.5:8081/').dashboards)
      expect(labOf(d)).toMatchObject({
        query: 'http://10.0.0.5:8081',
        current: { value: 'http://10.0.0.5:8081' },
      });
    expect(() =>
      withLabUrl({ ...defaultDashboard, uid: 'x', templating: { list: [] } } as Dashboard, 'http://x'),
    ).toThrow(/no lab variable/);
  });
});

describe("a cohort lab's team views (driftlab grafana setup --teams n)", () => {
  const students = committed.filter((c) => c.file.startsWith('driftlab/'));
  // The lab's own counters (alerts received) are the lab's, not a team's; the team variable lists teams.
  const LAB_LEVEL = /^sum by \(alertname, status\) \(driftlab_alerts_received_total\)$|, team\)$/;

  it.each(students)("$file: every query about a team's models follows the team variable", ({ json }) => {
    for (const expr of exprsOf(json).filter((e) => /driftlab_|ALERTS/.test(e) && !LAB_LEVEL.test(e)))
      expect([expr, expr.includes('team=~"$team"')]).toEqual([expr, true]);
  });

  it("copies each student dashboard into the team's folder with the team fixed and hidden", () => {
    const before = JSON.stringify(students.map((s) => s.json));
    const folders = ['team-1', 'team-2', 'team-20'].map((team) => teamFolder(team));
    expect(folders.map((f) => f.uid)).toEqual(['driftlab-team-1', 'driftlab-team-2', 'driftlab-team-20']);
    for (const [i, folder] of folders.entries()) {
      const team = ['team-1', 'team-2', 'team-20'][i];
      expect(folder.dashboards.map((d) => d.uid)).toEqual(students.map((s) => `${s.json.uid}-${team}`));
      for (const d of folder.dashboards) {
        expect(d.uid).toMatch(/^[a-z0-9-]{1,40}$/);
        expect(d.title).toContain(team);
        const variable = d.templating!.list!.find((v) => v.name === 'team')!;
        expect(variable).toMatchObject({ type: 'constant', query: team, hide: 2 });
        // Its links lead to the team's own dashboards, not to the shared ones.
        expect(d.tags).toContain(`driftlab-${team}`);
        expect(d.tags).not.toContain('driftlab');
        for (const link of (d.links ?? []).filter((l) => l.type === 'dashboards'))
          expect(link.tags).toEqual([`driftlab-${team}`]);
        // Only the team's own actions are annotated (the lab tags them with the team).
        const actions = (d.annotations?.list ?? [])
          .map((a) => (a as { target?: { tags?: string[]; matchAny?: boolean } }).target)
          .filter((t) => t?.tags?.includes('driftlab-action'));
        expect(actions).toEqual([
          expect.objectContaining({ tags: ['driftlab-action', `team:${team}`], matchAny: false }),
        ]);
      }
    }
    // The shared dashboards are not changed by making copies.
    expect(JSON.stringify(students.map((s) => s.json))).toBe(before);
    expect(() => teamFolder('Team One')).toThrow('team id "Team One"');
  });
});
