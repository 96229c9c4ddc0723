import { formatEdge, Interval, parseInterval } from './bins';
import { DriftData } from './frames';
import { featureKey, splitKey } from './keys';

export interface DistributionBin {
  label: string;
  /** Proportions in [0, 1]; undefined when the exporter sent none for this bin. */
  reference?: number;
  current?: number;
  interval?: Interval;
  /** A category the reference never saw: often the first sign of a data-quality fault. */
  isNew: boolean;
}

export interface Distribution {
  model: string;
  feature: string;
  kind: 'numeric' | 'categorical';
  bins: DistributionBin[];
  /** Bin edges for the axis of a numeric feature, between consecutive bins. */
  edges: string[];
  /** Largest proportion of either sample, for a shared scale. */
  max: number;
  hasReference: boolean;
  hasCurrent: boolean;
}

/**
 * Reference and current proportions of one feature, ordered for reading: numeric bins by their
 * interval, categories by reference share (new categories last), so shifts stand out.
 */
export function buildDistribution(data: DriftData, model: string, feature: string): Distribution | undefined {
  const perBin = data.bins.get(featureKey(model, feature));
  if (!perBin || perBin.size === 0) {
    return undefined;
  }
  const bins: DistributionBin[] = [...perBin.entries()].map(([label, p]) => ({
    label,
    reference: p.reference,
    current: p.current,
    interval: parseInterval(label),
    isNew: !(p.reference !== undefined && p.reference > 0) && p.current !== undefined && p.current > 0,
  }));
  const numeric = bins.every((b) => b.interval !== undefined);
  if (numeric) {
    bins.sort((a, b) => a.interval!.lower - b.interval!.lower || a.interval!.upper - b.interval!.upper);
  } else {
    bins.sort(
      (a, b) =>
        Number(a.isNew) - Number(b.isNew) ||
        (b.reference ?? 0) - (a.reference ?? 0) ||
        (b.current ?? 0) - (a.current ?? 0) ||
        a.label.localeCompare(b.label)
    );
  }
  const edges = numeric ? bins.slice(1).map((b) => formatEdge(b.interval!.lower)) : [];
  let max = 0;
  for (const b of bins) {
    max = Math.max(max, b.reference ?? 0, b.current ?? 0);
  }
  return {
    model,
    feature,
    kind: numeric ? 'numeric' : 'categorical',
    bins,
    edges,
    max,
    hasReference: bins.some((b) => b.reference !== undefined),
    hasCurrent: bins.some((b) => b.current !== undefined),
  };
}

/** Features that have bin proportions, for the picker when a feature has no score. */
export function featuresWithBins(data: DriftData): Array<{ model: string; feature: string }> {
  const out: Array<{ model: string; feature: string }> = [];
  for (const key of data.bins.keys()) {
    const [model, feature] = splitKey(key);
    out.push({ model, feature });
  }
  return out;
}
