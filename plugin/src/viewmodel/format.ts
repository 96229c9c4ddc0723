import { METHODS } from '../constants';
import { DriftMethod } from '../types';

/** p-values span many decades: small ones in scientific notation ("3.1e-5"), others as "0.043". */
export function formatPValue(p: number): string {
  if (!Number.isFinite(p)) {
    return String(p);
  }
  if (p === 0) {
    return '0';
  }
  if (p < 0.001) {
    return p.toExponential(1).replace('e-', 'e−');
  }
  return String(Number(p.toPrecision(2)));
}

export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) {
    return String(v);
  }
  const abs = Math.abs(v);
  if (abs >= 100) {
    return Math.round(v).toLocaleString('en-US');
  }
  if (abs !== 0 && abs < 0.001) {
    return v.toExponential(1).replace('e-', 'e−');
  }
  return String(Number(v.toPrecision(abs >= 1 ? 3 : 2)));
}

export function formatScore(method: DriftMethod, score: number): string {
  return METHODS[method].kind === 'p-value' ? formatPValue(score) : formatNumber(score);
}

/** The comparison that decided: "≥" or "<" as the exporter's rule reads for this method. */
export function comparison(method: DriftMethod, drifted: boolean): string {
  if (METHODS[method].kind === 'p-value') {
    return drifted ? '<' : '≥';
  }
  return drifted ? '≥' : '<';
}

export function formatSeverity(s: number): string {
  return s >= 10 ? s.toFixed(0) : s.toFixed(2);
}

export function formatPercent(p: number | undefined): string {
  if (p === undefined || !Number.isFinite(p)) {
    return '–';
  }
  const pct = p * 100;
  return `${pct < 10 ? pct.toFixed(1) : pct.toFixed(0)} %`;
}

export function formatCount(n: number | undefined): string {
  return n === undefined || !Number.isFinite(n) ? '–' : Math.round(n).toLocaleString('en-US');
}

/** "credit · annual_income" when several models share the panel, else just the feature. */
export function featureLabel(model: string, feature: string, multiModel: boolean): string {
  return multiModel ? `${model} · ${feature}` : feature;
}
