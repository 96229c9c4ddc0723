import type {
  AnnotationQuery,
  Dashboard,
  DataSourceRef,
  FieldColor,
  Panel,
  VariableModel,
} from '@grafana/schema';

/*
 * A small typed builder for the lab's dashboards, on @grafana/schema's own types (the JSON model
 * Grafana 12.4 reads). Panels are laid out left to right, wrapping at Grafana's 24 columns.
 */

/** The dashboard JSON model version of Grafana 12.4 (@grafana/schema's defaultDashboard). */
export const SCHEMA_VERSION = 42;

export const PROMETHEUS_UID = 'driftlab-prometheus';
export const ALERTMANAGER_UID = 'driftlab-alertmanager';

/** Every query goes through the `datasource` variable, so a class can point the dashboards elsewhere. */
export const PROMETHEUS: DataSourceRef = { type: 'prometheus', uid: '${datasource}' };
const GRAFANA: DataSourceRef = { type: 'grafana', uid: '-- Grafana --' };

export interface PromQuery {
  readonly expr: string;
  readonly legend?: string;
  /** One value per series (stats, tables, distributions) instead of a range. */
  readonly instant?: boolean;
  /** Show exemplars (trace ids) on a latency histogram query. */
  readonly exemplar?: boolean;
}

export function prometheusTargets(queries: readonly PromQuery[]): Panel['targets'] {
  return queries.map((q, i) => ({
    refId: String.fromCharCode(65 + i),
    datasource: PROMETHEUS,
    expr: q.expr,
    legendFormat: q.legend ?? '__auto',
    range: !q.instant,
    instant: !!q.instant,
    ...(q.exemplar ? { exemplar: true } : {}),
  }));
}

export interface Threshold {
  readonly color: string;
  /** null: the base step. */
  readonly value: number | null;
}

export interface PanelSpec {
  readonly type: string;
  readonly title: string;
  readonly description: string;
  readonly unit: string;
  readonly queries?: readonly PromQuery[];
  readonly w: number;
  readonly h: number;
  readonly min?: number;
  readonly max?: number;
  readonly decimals?: number;
  readonly thresholds?: readonly Threshold[];
  readonly options?: Record<string, unknown>;
  readonly custom?: Record<string, unknown>;
  /** Field-config colour: by the thresholds (default) or one fixed colour. */
  readonly color?: { readonly mode: 'thresholds' } | { readonly mode: 'fixed'; readonly fixedColor: string };
  readonly datasource?: DataSourceRef;
  readonly transformations?: Panel['transformations'];
}

const GREEN_ONLY: readonly Threshold[] = [{ color: 'green', value: null }];

function panelJson(spec: PanelSpec, id: number, x: number, y: number): Panel {
  return {
    id,
    type: spec.type,
    title: spec.title,
    description: spec.description,
    gridPos: { x, y, w: spec.w, h: spec.h },
    datasource: spec.datasource ?? PROMETHEUS,
    targets: spec.queries ? prometheusTargets(spec.queries) : [],
    fieldConfig: {
      defaults: {
        unit: spec.unit,
        ...(spec.min !== undefined ? { min: spec.min } : {}),
        ...(spec.max !== undefined ? { max: spec.max } : {}),
        ...(spec.decimals !== undefined ? { decimals: spec.decimals } : {}),
        color: (spec.color ?? { mode: 'thresholds' }) as FieldColor,
        thresholds: { mode: 'absolute', steps: [...(spec.thresholds ?? GREEN_ONLY)] },
        ...(spec.custom ? { custom: spec.custom } : {}),
      },
      overrides: [],
    },
    options: spec.options ?? {},
    ...(spec.transformations ? { transformations: spec.transformations } : {}),
  } as Panel;
}

/** A row header (collapsed: false) followed by its panels. */
export interface RowSpec {
  readonly title: string;
  readonly panels: readonly PanelSpec[];
}

/** Lays rows of panels out top to bottom, each row's panels left to right, wrapping at 24. */
export function layout(rows: readonly RowSpec[]): Panel[] {
  const out: Panel[] = [];
  let id = 1;
  let y = 0;
  for (const row of rows) {
    out.push({
      id: id++,
      type: 'row',
      title: row.title,
      collapsed: false,
      gridPos: { x: 0, y, w: 24, h: 1 },
      panels: [],
    } as unknown as Panel);
    y += 1;
    let x = 0;
    let rowHeight = 0;
    for (const spec of row.panels) {
      if (x + spec.w > 24) {
        x = 0;
        y += rowHeight;
        rowHeight = 0;
      }
      out.push(panelJson(spec, id++, x, y));
      x += spec.w;
      rowHeight = Math.max(rowHeight, spec.h);
    }
    y += rowHeight;
  }
  return out;
}

export function datasourceVariable(): VariableModel {
  return {
    type: 'datasource',
    name: 'datasource',
    label: 'Data source',
    query: 'prometheus',
    current: { text: 'Prometheus', value: PROMETHEUS_UID },
    hide: 2,
    refresh: 1,
    regex: '',
    options: [],
  } as VariableModel;
}

/** A variable whose values are a label's values in a metric (`label_values(metric, label)`). */
export function labelVariable(spec: {
  readonly name: string;
  readonly label: string;
  readonly query: string;
  readonly multi?: boolean;
  readonly description: string;
}): VariableModel {
  return {
    type: 'query',
    name: spec.name,
    label: spec.label,
    description: spec.description,
    datasource: PROMETHEUS,
    definition: spec.query,
    query: { qryType: 1, query: spec.query, refId: 'PrometheusVariableQueryEditor-VariableQuery' },
    refresh: 2,
    sort: 1,
    multi: !!spec.multi,
    includeAll: !!spec.multi,
    ...(spec.multi ? { current: { text: ['All'], value: ['$__all'] } } : {}),
    regex: '',
    options: [],
  } as VariableModel;
}

/**
 * The team shown, in a cohort lab (`driftlab start --teams n`, whose metrics carry `team`). All
 * matches `.*`, so a lab of one team, whose series have no team label, shows everything too.
 * `driftlab grafana setup --teams n` copies the dashboards into each team's folder with this
 * variable fixed to the team and hidden.
 */
export function teamVariable(): VariableModel {
  return {
    ...labelVariable({
      name: 'team',
      label: 'Team',
      query: 'label_values(driftlab_model_serving_version, team)',
      multi: true,
      description: "A cohort lab's team (all by default; a lab of one team has none).",
    }),
    allValue: '.*',
  } as VariableModel;
}

/** Grafana's own annotations (dashboard-scoped, and lab events tagged `driftlab`). */
export function builtInAnnotations(): AnnotationQuery {
  return {
    builtIn: 1,
    datasource: GRAFANA,
    enable: true,
    hide: true,
    iconColor: 'rgba(0, 211, 255, 1)',
    name: 'Annotations & Alerts',
    type: 'dashboard',
  } as AnnotationQuery;
}

export function labEventAnnotations(tags: readonly string[], name: string, color: string): AnnotationQuery {
  return {
    datasource: GRAFANA,
    enable: true,
    iconColor: color,
    name,
    target: { type: 'tags', tags: [...tags], limit: 100, matchAny: true, refId: 'Anno' },
  } as unknown as AnnotationQuery;
}

/** An annotation per series of a PromQL query whose value is non-zero. */
export function prometheusAnnotation(spec: {
  readonly name: string;
  readonly expr: string;
  readonly title: string;
  readonly text: string;
  readonly color: string;
}): AnnotationQuery {
  return {
    datasource: PROMETHEUS,
    enable: true,
    iconColor: spec.color,
    name: spec.name,
    expr: spec.expr,
    step: '30s',
    titleFormat: spec.title,
    textFormat: spec.text,
    tagKeys: 'model',
    useValueForTime: false,
  } as unknown as AnnotationQuery;
}

export interface DashboardSpec {
  readonly uid: string;
  readonly title: string;
  readonly description: string;
  readonly tags: readonly string[];
  readonly variables: readonly VariableModel[];
  readonly annotations: readonly AnnotationQuery[];
  readonly rows: readonly RowSpec[];
  readonly refresh?: string;
  readonly time?: { from: string; to: string };
}

export function dashboard(spec: DashboardSpec): Dashboard {
  return {
    uid: spec.uid,
    title: spec.title,
    description: spec.description,
    tags: [...spec.tags],
    editable: false,
    graphTooltip: 1,
    schemaVersion: SCHEMA_VERSION,
    version: 1,
    timezone: 'browser',
    refresh: spec.refresh ?? '10s',
    time: spec.time ?? { from: 'now-30m', to: 'now' },
    timepicker: {},
    fiscalYearStartMonth: 0,
    liveNow: false,
    links: [
      {
        title: 'driftlab',
        type: 'dashboards',
        tags: ['driftlab'],
        asDropdown: true,
        includeVars: true,
        keepTime: true,
        icon: 'external link',
        targetBlank: false,
        tooltip: '',
        url: '',
      },
    ],
    templating: { list: [...spec.variables] },
    annotations: { list: [...spec.annotations] },
    panels: layout(spec.rows),
  } as Dashboard;
}
