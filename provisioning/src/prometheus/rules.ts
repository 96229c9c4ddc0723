/*
 * The Prometheus rules, as typed data: `npm run provisioning` renders them to
 * provisioning/prometheus/rules/*.yml (a test fails when those files are out of date), and the
 * end-to-end test evaluates every expression against a lab. Each alert names its `signals`: the
 * parts of its expression that must return data whenever the lab runs, firing or not (an alert
 * expression returns nothing while all is well, so the test checks what it compares instead).
 */

export interface RecordingRule {
  readonly record: string;
  readonly expr: string;
}

export interface AlertRule {
  readonly alert: string;
  readonly expr: string;
  /** Sub-expressions of `expr` that return data in a running lab (see above). */
  readonly signals: readonly string[];
  readonly for: string;
  readonly severity: 'page' | 'ticket';
  readonly summary: string;
  readonly description: string;
}

/**
 * Where the runbooks are published: docs/runbooks.md as the repository's host renders it, one
 * section per alert. Alertmanager and Grafana show `runbook_url` as a link, so it must be an
 * absolute URL (a repository-relative path resolves nowhere). A fork or a mirror changes this
 * constant and runs `npm run provisioning`: the rule files are generated, so one place decides.
 */
export const RUNBOOK_BASE_URL = 'https://github.com/driftlab/driftlab/blob/main/docs/runbooks.md';

/** The anchor of an alert's section in docs/runbooks.md: its `## <Alert>` heading as GitHub links it. */
export function runbookAnchor(alert: string): string {
  return alert.toLowerCase();
}

/** The alert's `runbook_url` annotation (the Prometheus convention): its section of docs/runbooks.md. */
export function runbookUrl(alert: string, base: string = RUNBOOK_BASE_URL): string {
  return `${base}#${runbookAnchor(alert)}`;
}

export interface RuleGroup<R> {
  readonly name: string;
  readonly interval?: string;
  readonly rules: readonly R[];
}

/** The latency objective: 99 % of prediction requests answered within 100 ms (a histogram bucket). */
export const LATENCY_SLO = { threshold: '0.1', objective: 0.99 } as const;
const ERROR_BUDGET = +(1 - LATENCY_SLO.objective).toFixed(6);

const sloWindows = ['5m', '30m', '1h', '6h'] as const;

const latencyRatio = (w: string) =>
  `1 - (sum by (team, model) (rate(driftlab_prediction_duration_seconds_bucket{le="${LATENCY_SLO.threshold}"}[${w}])) / sum by (team, model) (rate(driftlab_prediction_duration_seconds_count[${w}])))`;

export const RECORDING_RULES: readonly RuleGroup<RecordingRule>[] = [
  {
    name: 'driftlab-serving-records',
    rules: [
      {
        record: 'model:driftlab_prediction_requests:rate5m',
        expr: 'sum by (team, model) (rate(driftlab_prediction_requests_total[5m]))',
      },
      {
        record: 'model:driftlab_prediction_server_errors:ratio_rate5m',
        // 0 (not nothing) while no request has failed, so the error-rate panels and alert have data.
        expr: '(sum by (team, model) (rate(driftlab_prediction_requests_total{status=~"5.."}[5m])) or sum by (team, model) (rate(driftlab_prediction_requests_total[5m])) * 0) / sum by (team, model) (rate(driftlab_prediction_requests_total[5m]))',
      },
      ...sloWindows.map((w) => ({
        record: `model:driftlab_prediction_latency_slo_misses:ratio_rate${w}`,
        expr: latencyRatio(w),
      })),
    ],
  },
];

const burn = (long: string, short: string, factor: number) =>
  `(model:driftlab_prediction_latency_slo_misses:ratio_rate${long} > ${+(factor * ERROR_BUDGET).toFixed(6)} and model:driftlab_prediction_latency_slo_misses:ratio_rate${short} > ${+(factor * ERROR_BUDGET).toFixed(6)})`;

/**
 * Per-version series keep a retired version's last values: quality alerts look at the serving
 * version only, once its window holds enough labelled predictions to say anything.
 */
const SERVING = 'and on (team, model, version) driftlab_model_serving_version_info';
const SERVING_AND_FILLED = `${SERVING} and on (team, model, version, window) driftlab_window_labelled_predictions >= 200`;
/**
 * Instances in the current drift window before its drift tests may alert (the default window holds
 * 2,000: a `drift_window` under 1,000 in the monitoring configuration would never alert).
 */
const MIN_DRIFT_SAMPLE = 1000;

export const ALERT_RULES: readonly RuleGroup<AlertRule>[] = [
  {
    name: 'driftlab-models',
    rules: [
      {
        alert: 'FeatureDriftHigh',
        // Not on a drift window still filling after a start: a test on a few hundred instances flags
        // drift by chance (simulator/docs/scenarios.md, "The scenario harness").
        expr: `max by (team, model, feature) (driftlab_drift_detected) == 1 and on (team, model) max by (team, model) (driftlab_drift_sample_size{sample="current"}) >= ${MIN_DRIFT_SAMPLE}`,
        signals: [
          'max by (team, model, feature) (driftlab_drift_detected)',
          'driftlab_drift_sample_size{sample="current"}',
        ],
        for: '1m',
        severity: 'ticket',
        summary: 'Drift in {{ $labels.model }} / {{ $labels.feature }}',
        description:
          "The current window of {{ $labels.feature }} differs from the serving version's training data beyond its drift test's threshold.",
      },
      {
        alert: 'AccuracyBelowTarget',
        expr: `min by (team, model) (driftlab_model_accuracy{window="last_1000"} ${SERVING_AND_FILLED}) < on (team, model) driftlab_model_quality_target{metric="accuracy"}`,
        signals: [
          'driftlab_model_accuracy{window="last_1000"}',
          'driftlab_window_labelled_predictions',
          'driftlab_model_serving_version_info',
          'driftlab_model_quality_target{metric="accuracy"}',
        ],
        for: '2m',
        severity: 'page',
        summary: '{{ $labels.model }} accuracy below its target',
        description:
          "Realized accuracy over the last 1,000 labelled predictions is {{ $value | humanizePercentage }}, below the model's target.",
      },
      {
        alert: 'ErrorAboveTarget',
        expr: `min by (team, model) (driftlab_model_mean_absolute_error{window="last_1000"} ${SERVING_AND_FILLED}) > on (team, model) driftlab_model_quality_target{metric="mean_absolute_error"}`,
        signals: [
          'driftlab_model_mean_absolute_error{window="last_1000"}',
          'driftlab_model_quality_target{metric="mean_absolute_error"}',
        ],
        for: '2m',
        severity: 'page',
        summary: '{{ $labels.model }} error above its target',
        description:
          "Mean absolute error over the last 1,000 labelled predictions is {{ $value | humanize }}, above the model's target.",
      },
      {
        alert: 'EstimatedAccuracyDrop',
        expr: `min by (team, model) (driftlab_model_estimated_accuracy{window="last_1000"} ${SERVING} and on (team, model, version, window) driftlab_window_predictions >= 200) < on (team, model) driftlab_model_quality_target{metric="accuracy"}`,
        signals: [
          'driftlab_model_estimated_accuracy{window="last_1000"}',
          'driftlab_model_quality_target{metric="accuracy"}',
        ],
        for: '2m',
        severity: 'ticket',
        summary: '{{ $labels.model }} estimated accuracy below its target',
        description:
          "The label-free estimate (from the model's own confidence) over the last 1,000 predictions is {{ $value | humanizePercentage }}: quality is likely falling before the labels say so.",
      },
      {
        alert: 'DataQualityFaults',
        expr: 'max by (team, model, feature, check) (driftlab_data_quality_ratio) > 0.02',
        signals: ['max by (team, model, feature, check) (driftlab_data_quality_ratio)'],
        for: '1m',
        severity: 'ticket',
        summary: '{{ $labels.model }} / {{ $labels.feature }}: {{ $labels.check }} values',
        description:
          'More than 2 % of the current window of {{ $labels.feature }} failed the {{ $labels.check }} check ({{ $value | humanizePercentage }}).',
      },
      {
        alert: 'DuplicateRequests',
        expr: 'max by (team, model) (driftlab_duplicate_instances_ratio) > 0.02',
        signals: ['max by (team, model) (driftlab_duplicate_instances_ratio)'],
        for: '1m',
        severity: 'ticket',
        summary: '{{ $labels.model }} receives requests twice',
        description:
          '{{ $value | humanizePercentage }} of the current window repeated an earlier instance with the same event time: a client sends its requests twice.',
      },
      {
        alert: 'LabelStarvation',
        // Coverage counts only predictions old enough to have their label (made 60 to 30 minutes
        // ago by default): a burst of young predictions cannot lower it. Healthy traffic sits near
        // 0.6 (labels come after 30 minutes, median); lost labels take it under 0.2 within the hour.
        expr: 'max by (team, model) (driftlab_label_coverage_ratio) < 0.2',
        signals: ['max by (team, model) (driftlab_label_coverage_ratio)'],
        for: '2m',
        severity: 'ticket',
        summary: '{{ $labels.model }} gets too few labels',
        description:
          'Only {{ $value | humanizePercentage }} of the predictions made 60 to 30 minutes ago have their ground truth: realized quality figures cannot be trusted.',
      },
    ],
  },
  {
    name: 'driftlab-serving',
    rules: [
      {
        alert: 'LatencySLOBurnFast',
        expr: burn('1h', '5m', 14.4),
        signals: [
          'model:driftlab_prediction_latency_slo_misses:ratio_rate1h',
          'model:driftlab_prediction_latency_slo_misses:ratio_rate5m',
        ],
        for: '2m',
        severity: 'page',
        summary: '{{ $labels.model }} is burning its latency budget fast',
        description: `More than ${(14.4 * ERROR_BUDGET * 100).toFixed(1)} % of requests over the last hour and the last 5 minutes took longer than ${Number(LATENCY_SLO.threshold) * 1000} ms (objective: ${LATENCY_SLO.objective * 100} % within it): at this rate a 30-day budget lasts 2 days.`,
      },
      {
        alert: 'LatencySLOBurnSlow',
        expr: burn('6h', '30m', 6),
        signals: [
          'model:driftlab_prediction_latency_slo_misses:ratio_rate6h',
          'model:driftlab_prediction_latency_slo_misses:ratio_rate30m',
        ],
        for: '5m',
        severity: 'ticket',
        summary: '{{ $labels.model }} is burning its latency budget',
        description: `More than ${(6 * ERROR_BUDGET * 100).toFixed(1)} % of requests over the last 6 hours and 30 minutes took longer than ${Number(LATENCY_SLO.threshold) * 1000} ms: at this rate a 30-day budget lasts 5 days.`,
      },
      {
        alert: 'PredictionErrorRate',
        expr: 'model:driftlab_prediction_server_errors:ratio_rate5m > 0.05',
        signals: ['model:driftlab_prediction_server_errors:ratio_rate5m'],
        for: '1m',
        severity: 'page',
        summary: '{{ $labels.model }} answers with server errors',
        description:
          '{{ $value | humanizePercentage }} of prediction requests failed with a 5xx status over 5 minutes.',
      },
      {
        alert: 'ModelDown',
        expr: 'up{job="driftlab-serving"} == 0',
        signals: ['up{job="driftlab-serving"}'],
        for: '30s',
        severity: 'page',
        summary: 'Serving is down ({{ $labels.instance }})',
        description: 'Prometheus cannot scrape the serving component: no model answers predictions.',
      },
    ],
  },
];

/** Every alert rule's name. */
export function alertNames(): string[] {
  return ALERT_RULES.flatMap((g) => g.rules.map((r) => r.alert));
}
