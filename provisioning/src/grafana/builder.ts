import type {
  AnnotationQuery,
  AnnotationTarget,
  Dashboard,
  DataQuery,
  DataSourceRef,
  FieldColor,
  FieldColorModeId,
  Panel,
  RowPanel,
  ThresholdsConfig,
  ThresholdsMode,
  VariableModel,
} from '@grafana/schema';
import { labVariable, pageLinks, type Audience } from './lab-links';

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

/**
 * A member of one of @grafana/schema's string enums (colour and threshold modes), from its string.
 * The enums' values exist only in that package's run-time code, and provisioning takes only its
 * types (a dev dependency; the lab loads these modules at run time), so the string is spelled here:
 * the parameter type accepts exactly the member's own string, so this narrowing cannot mislabel.
 */
const enumMember = <E extends string>(value: `${E}`): E => value as E;

const COLOR_BY_THRESHOLDS = enumMember<FieldColorModeId.Thresholds>('thresholds');
const COLOR_FIXED = enumMember<FieldColorModeId.Fixed>('fixed');
const ABSOLUTE = enumMember<ThresholdsMode.Absolute>('absolute');

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

/** A panel's field colour: by its thresholds unless the spec fixes one. */
function fieldColor(color: PanelSpec['color']): FieldColor {
  return color?.mode === 'fixed'
    ? { mode: COLOR_FIXED, fixedColor: color.fixedColor }
    : { mode: COLOR_BY_THRESHOLDS };
}

function thresholds(steps: readonly Threshold[]): ThresholdsConfig {
  return { mode: ABSOLUTE, steps: [...steps] };
}

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
        color: fieldColor(spec.color),
        thresholds: thresholds(spec.thresholds ?? GREEN_ONLY),
        ...(spec.custom ? { custom: spec.custom } : {}),
      },
      overrides: [],
    },
    options: spec.options ?? {},
    ...(spec.transformations ? { transformations: spec.transformations } : {}),
  };
}

/** A row header (collapsed: false) followed by its panels. */
export interface RowSpec {
  readonly title: string;
  readonly panels: readonly PanelSpec[];
}

/** Lays rows of panels out top to bottom, each row's panels left to right, wrapping at 24. */
export function layout(rows: readonly RowSpec[]): Array<Panel | RowPanel> {
  const out: Array<Panel | RowPanel> = [];
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
    });
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
  };
}

/**
 * A query variable as Grafana 12.4 saves it: @grafana/schema's VariableModel and the query's text
 * (`definition`, shown in the variable editor), which that model does not list.
 */
export interface QueryVariableModel extends VariableModel {
  readonly type: 'query';
  readonly definition: string;
}

/** A variable whose values are a label's values in a metric (`label_values(metric, label)`). */
export function labelVariable(spec: {
  readonly name: string;
  readonly label: string;
  readonly query: string;
  readonly multi?: boolean;
  readonly description: string;
}): QueryVariableModel {
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
  };
}

/**
 * The team shown, in a cohort lab (`driftlab start --teams n`, whose metrics carry `team`). All
 * matches `.*`, so a lab of one team, whose series have no team label, shows everything too.
 * `driftlab grafana setup --teams n` copies the dashboards into each team's folder with this
 * variable fixed to the team and hidden.
 */
export function teamVariable(): QueryVariableModel {
  return {
    ...labelVariable({
      name: 'team',
      label: 'Team',
      query: 'label_values(driftlab_model_serving_version, team)',
      multi: true,
      description: "A cohort lab's team (all by default; a lab of one team has none).",
    }),
    allValue: '.*',
  };
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
  };
}

/** The query of a Grafana annotation by tags: @grafana/schema's AnnotationTarget, as a DataQuery. */
export interface TagsAnnotationTarget extends AnnotationTarget, DataQuery {}

/** Whether an annotation's query is one by tags (what labEventAnnotations writes). */
export function isTagsTarget(target: DataQuery | undefined): target is TagsAnnotationTarget {
  return (
    target !== undefined &&
    'type' in target &&
    target.type === 'tags' &&
    'tags' in target &&
    Array.isArray(target.tags) &&
    target.tags.every((tag) => typeof tag === 'string') &&
    'limit' in target &&
    typeof target.limit === 'number' &&
    'matchAny' in target &&
    typeof target.matchAny === 'boolean'
  );
}

export function labEventAnnotations(
  tags: readonly string[],
  name: string,
  color: string,
): AnnotationQuery<TagsAnnotationTarget> {
  return {
    datasource: GRAFANA,
    enable: true,
    iconColor: color,
    name,
    target: { type: 'tags', tags: [...tags], limit: 100, matchAny: true, refId: 'Anno' },
  };
}

/**
 * A Prometheus annotation in the form Grafana 12.4's Prometheus data source reads (and migrates into
 * its query): the query and formats at the annotation's top level, which @grafana/schema's
 * AnnotationQuery (the data-source-neutral part) does not list.
 */
export interface PrometheusAnnotationQuery extends AnnotationQuery {
  readonly expr: string;
  readonly step: string;
  readonly titleFormat: string;
  readonly textFormat: string;
  readonly tagKeys: string;
  readonly useValueForTime: boolean;
}

/** An annotation per series of a PromQL query whose value is non-zero. */
export function prometheusAnnotation(spec: {
  readonly name: string;
  readonly expr: string;
  readonly title: string;
  readonly text: string;
  readonly color: string;
}): PrometheusAnnotationQuery {
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
  };
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
  /** Who opens it: its links go to the team page (students) or the control room (tutors). */
  readonly audience?: Audience;
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
      ...pageLinks(spec.audience ?? 'student'),
    ],
    templating: { list: [...spec.variables, labVariable()] },
    annotations: { list: [...spec.annotations] },
    panels: layout(spec.rows),
  };
}
