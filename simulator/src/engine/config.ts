/** How requests arrive: a Poisson process whose rate follows a daily curve, with random bursts. */
export interface TrafficConfig {
  /** Mean requests per simulated second. */
  readonly rate: number;
  /** Daily curve: rate × (1 + amplitude · cos(2π (hour − peakHour) / 24)). */
  readonly daily: { readonly amplitude: number; readonly peakHour: number };
  /** Bursts arrive `perDay` times a day on average, multiply the rate by `multiplier` for `duration` ms. */
  readonly bursts: { readonly perDay: number; readonly multiplier: number; readonly duration: number };
  /** Number of distinct ordinary clients. */
  readonly clients: number;
}

/** When and how often ground truth comes back. */
export interface LabelFeedbackConfig {
  /** Log-normal delay: `median` milliseconds, `sigma` the standard deviation of its logarithm. */
  readonly delay: { readonly median: number; readonly sigma: number };
  /** Fraction of events whose label is ever delivered. */
  readonly coverage: number;
}

export const DEFAULT_TRAFFIC: TrafficConfig = {
  rate: 2,
  daily: { amplitude: 0.5, peakHour: 14 },
  bursts: { perDay: 2, multiplier: 4, duration: 15 * 60_000 },
  clients: 200,
};

export const DEFAULT_LABELS: LabelFeedbackConfig = {
  delay: { median: 30 * 60_000, sigma: 0.6 },
  coverage: 0.9,
};

/** 2026-01-05T00:00:00Z, a Monday: simulated time starts here unless told otherwise. */
export const DEFAULT_START_TIME = Date.UTC(2026, 0, 5);

export function mergeTraffic(base: TrafficConfig, over: Partial<TrafficConfig> | undefined): TrafficConfig {
  if (!over) return base;
  return {
    rate: over.rate ?? base.rate,
    daily: { ...base.daily, ...over.daily },
    bursts: { ...base.bursts, ...over.bursts },
    clients: over.clients ?? base.clients,
  };
}

export function mergeLabels(
  base: LabelFeedbackConfig,
  over: Partial<LabelFeedbackConfig> | undefined,
): LabelFeedbackConfig {
  if (!over) return base;
  return { delay: { ...base.delay, ...over.delay }, coverage: over.coverage ?? base.coverage };
}
