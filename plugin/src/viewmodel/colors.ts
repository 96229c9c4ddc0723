import {
  colorManipulator,
  FieldColorModeId,
  FieldConfig,
  FieldType,
  getScaleCalculator,
  GrafanaTheme2,
  ThresholdsConfig,
  ThresholdsMode,
} from '@grafana/data';

import { SEVERITY_SCALE_MAX } from '../constants';
import { ColorBy } from '../types';

/**
 * Severity thresholds out of the box: green below 0.7, yellow when approaching the test's
 * threshold, red at or past it (severity 1), so "red" means exactly what the exporter calls drifted.
 */
export const DEFAULT_THRESHOLDS: ThresholdsConfig = {
  mode: ThresholdsMode.Absolute,
  steps: [
    { value: -Infinity, color: 'green' },
    { value: 0.7, color: 'yellow' },
    { value: 1, color: 'red' },
  ],
};

export interface ColorScale {
  (value: number): string;
  min: number;
  max: number;
}

/**
 * Colours values the way Grafana's own panels do (field-config thresholds, or a continuous scheme
 * over min..max), memoised per rounded value because the timeline asks for thousands of cells.
 */
export function makeColorScale(
  theme: GrafanaTheme2,
  defaults: FieldConfig | undefined,
  colorBy: ColorBy,
  dataRange: { min: number; max: number }
): ColorScale {
  const config: FieldConfig = {
    ...(defaults ?? {}),
    thresholds: defaults?.thresholds?.steps?.length ? defaults.thresholds : DEFAULT_THRESHOLDS,
    color: defaults?.color?.mode ? defaults.color : { mode: FieldColorModeId.Thresholds },
  };
  const min = typeof config.min === 'number' ? config.min : colorBy === 'severity' ? 0 : dataRange.min;
  let max = typeof config.max === 'number' ? config.max : colorBy === 'severity' ? SEVERITY_SCALE_MAX : dataRange.max;
  if (!(max > min)) {
    max = min + 1;
  }
  config.min = min;
  config.max = max;
  let calculate: (value: number) => { color: string };
  try {
    calculate = getScaleCalculator(
      { name: colorBy, type: FieldType.number, config, values: [], state: { range: { min, max, delta: max - min } } },
      theme
    );
  } catch {
    // A colour mode this Grafana does not know: fall back to the thresholds.
    calculate = getScaleCalculator(
      {
        name: colorBy,
        type: FieldType.number,
        config: { ...config, color: { mode: FieldColorModeId.Thresholds } },
        values: [],
        state: { range: { min, max, delta: max - min } },
      },
      theme
    );
  }
  const cache = new Map<number, string>();
  const scale = ((value: number) => {
    const key = Math.round(value * 1000);
    let color = cache.get(key);
    if (color === undefined) {
      color = theme.visualization.getColorByName(calculate(key / 1000).color);
      cache.set(key, color);
    }
    return color;
  }) as ColorScale;
  scale.min = min;
  scale.max = max;
  return scale;
}

/** [r, g, b, a 0–255] of any colour Grafana's theme produces, for writing canvas pixels. */
export function toRgba(color: string): [number, number, number, number] {
  try {
    let c = colorManipulator.decomposeColor(color);
    if (c.type === 'hsl' || c.type === 'hsla') {
      c = colorManipulator.decomposeColor(colorManipulator.hslToRgb(c));
    }
    const [r, g, b, a] = c.values;
    return [Math.round(r), Math.round(g), Math.round(b), Math.round((a ?? 1) * 255)];
  } catch {
    return [128, 128, 128, 255];
  }
}

export interface LegendEntry {
  label: string;
  color: string;
}

/** What the colours mean, for the timeline's legend: the threshold steps, or samples of a gradient. */
export function legendEntries(
  theme: GrafanaTheme2,
  defaults: FieldConfig | undefined,
  scale: ColorScale
): LegendEntry[] {
  const mode = defaults?.color?.mode ?? FieldColorModeId.Thresholds;
  const thresholds = defaults?.thresholds?.steps?.length ? defaults.thresholds : DEFAULT_THRESHOLDS;
  const fmt = (v: number) => String(Number(v.toPrecision(3)));
  if (mode === FieldColorModeId.Thresholds && thresholds.mode !== ThresholdsMode.Percentage) {
    const steps = [...thresholds.steps].sort((a, b) => (a.value ?? -Infinity) - (b.value ?? -Infinity));
    return steps.map((step, i) => {
      const lower = step.value;
      const upper = steps[i + 1]?.value;
      const label =
        lower === -Infinity || lower === null || lower === undefined
          ? `< ${fmt(upper ?? 0)}`
          : upper === undefined
            ? `≥ ${fmt(lower)}`
            : `${fmt(lower)}–${fmt(upper)}`;
      return { label, color: theme.visualization.getColorByName(step.color) };
    });
  }
  const mid = (scale.min + scale.max) / 2;
  return [scale.min, mid, scale.max].map((v) => ({ label: fmt(v), color: scale(v) }));
}
