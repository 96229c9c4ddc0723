import { DataFrame } from '@grafana/data';

import { METRICS } from '../constants';
import { DriftPanelOptions } from '../types';
import { DriftData, parseFrames } from './frames';
import { Issue } from './issues';
import { buildRanking, Ranking } from './ranking';

/** What the panel shows instead of a view when the data cannot support it. */
export interface PanelMessageModel {
  title: string;
  detail: string;
  /** The reasons, one line each (from the frames and the ranking). */
  reasons: string[];
}

export type PanelState =
  | { status: 'message'; message: PanelMessageModel }
  | { status: 'ok'; data: DriftData; ranking: Ranking; notes: Issue[] };

export const QUERY_EXAMPLE =
  `${METRICS.score}{model="$model"}, ${METRICS.binProportion}{model="$model"}, ` +
  `${METRICS.statistic}{model="$model"} and ${METRICS.sampleSize}{model="$model"}`;

function hasRows(frames: DataFrame[]): boolean {
  return frames.some((f) => Array.isArray(f?.fields) && f.fields.some((field) => (field?.values?.length ?? 0) > 0));
}

/** Frames → what to render, or a message that says what is missing. Never throws. */
export function buildPanelState(
  series: DataFrame[] | undefined,
  options: DriftPanelOptions,
  /** The frames already parsed (the panel memoises parsing apart from the options). */
  parsed?: DriftData
): PanelState {
  const frames = Array.isArray(series) ? series : [];
  if (frames.length === 0 || !hasRows(frames)) {
    return {
      status: 'message',
      message: {
        title: 'No data',
        detail: `The queries returned nothing for this time range. Query the exporter's metrics, e.g. ${QUERY_EXAMPLE}.`,
        reasons: [],
      },
    };
  }
  let data: DriftData;
  try {
    data = parsed ?? parseFrames(frames);
  } catch (e) {
    // parseFrames guards every field; this is the last line so a bug never blanks the dashboard.
    return {
      status: 'message',
      message: { title: 'Could not read the query results', detail: String(e), reasons: [] },
    };
  }
  const reasons = (issues: Issue[]) => issues.map((i) => i.message);
  if (data.recognised === 0) {
    return {
      status: 'message',
      message: {
        title: 'No drift metrics in the query results',
        detail: `This panel renders the exporter's drift metrics. Query e.g. ${QUERY_EXAMPLE}.`,
        reasons: reasons(data.issues),
      },
    };
  }
  const ranking = buildRanking(data, options);
  const needsScores = options.mode !== 'distributions';
  if (needsScores && ranking.total === 0) {
    const all = [...data.issues, ...ranking.issues];
    return {
      status: 'message',
      message: {
        title: data.scores.length === 0 ? 'No usable drift scores' : 'No feature has a usable drift score',
        detail:
          data.scores.length === 0
            ? `The ${options.mode} view needs ${METRICS.score}{model, feature, method, threshold}.`
            : options.method === 'auto'
              ? 'Every latest score was invalid (see below).'
              : `No feature has a valid ${options.method} score: choose another method or "Most severe".`,
        reasons: reasons(all),
      },
    };
  }
  if (!needsScores && ranking.total === 0 && data.bins.size === 0) {
    return {
      status: 'message',
      message: {
        title: 'No bin proportions',
        detail: `The distributions view needs ${METRICS.binProportion}{model, feature, sample, bin}.`,
        reasons: reasons(data.issues),
      },
    };
  }
  return { status: 'ok', data, ranking, notes: [...data.issues, ...ranking.issues] };
}
