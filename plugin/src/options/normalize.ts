import { DEFAULT_OPTIONS, METHOD_IDS } from '../constants';
import { DriftPanelOptions } from '../types';

const MODES = ['overview', 'ranking', 'distributions', 'timeline'];
const SORTS = ['severity-desc', 'severity-asc', 'feature'];

/**
 * Options as saved in a dashboard may be partial (a panel saved by an older version) or hand-edited
 * JSON: fill the gaps with defaults and replace values the panel does not know.
 */
export function normalizeOptions(raw: Partial<DriftPanelOptions> | undefined | null): DriftPanelOptions {
  const o = { ...DEFAULT_OPTIONS, ...(raw ?? {}) };
  return {
    mode: MODES.includes(o.mode) ? o.mode : DEFAULT_OPTIONS.mode,
    method: o.method === 'auto' || METHOD_IDS.includes(o.method) ? o.method : DEFAULT_OPTIONS.method,
    sort: SORTS.includes(o.sort) ? o.sort : DEFAULT_OPTIONS.sort,
    topN: Number.isFinite(Number(o.topN)) && Number(o.topN) > 0 ? Math.floor(Number(o.topN)) : 0,
    showPValues: Boolean(o.showPValues),
    colorBy: o.colorBy === 'score' ? 'score' : 'severity',
    showAnnotations: Boolean(o.showAnnotations),
    lectureMode: Boolean(o.lectureMode),
  };
}
