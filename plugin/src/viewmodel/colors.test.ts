import { createTheme, FieldColorModeId, ThresholdsMode } from '@grafana/data';

import { DEFAULT_THRESHOLDS, makeColorScale, toRgba } from './colors';

describe('makeColorScale', () => {
  const theme = createTheme({ colors: { mode: 'dark' } });
  const named = (name: string) => theme.visualization.getColorByName(name);

  it('colours severity green, yellow when close, red at the threshold by default', () => {
    const scale = makeColorScale(theme, {}, 'severity', { min: 0, max: 5 });
    expect(scale(0.2)).toBe(named('green'));
    expect(scale(0.8)).toBe(named('yellow'));
    expect(scale(1)).toBe(named('red'));
    expect(scale(40)).toBe(named('red'));
    expect([scale.min, scale.max]).toEqual([0, 2]);
  });

  it('follows the field-config thresholds and their colours from the theme', () => {
    const scale = makeColorScale(
      theme,
      {
        thresholds: {
          mode: ThresholdsMode.Absolute,
          steps: [
            { value: -Infinity, color: 'blue' },
            { value: 0.2, color: 'purple' },
          ],
        },
      },
      'score',
      { min: 0, max: 1 }
    );
    expect(scale(0.1)).toBe(named('blue'));
    expect(scale(0.25)).toBe(named('purple'));
  });

  it('supports percentage thresholds over min..max and continuous schemes', () => {
    const percent = makeColorScale(
      theme,
      {
        thresholds: {
          mode: ThresholdsMode.Percentage,
          steps: [
            { value: -Infinity, color: 'green' },
            { value: 50, color: 'red' },
          ],
        },
      },
      'score',
      { min: 0, max: 0.4 }
    );
    expect(percent(0.1)).toBe(named('green'));
    expect(percent(0.3)).toBe(named('red'));
    const continuous = makeColorScale(theme, { color: { mode: FieldColorModeId.ContinuousGrYlRd } }, 'severity', {
      min: 0,
      max: 1,
    });
    expect(continuous(0)).not.toBe(continuous(2));
  });

  it('uses the user min and max, and never divides by a zero range', () => {
    const scale = makeColorScale(theme, { min: 1, max: 1 }, 'score', { min: 0, max: 0 });
    expect([scale.min, scale.max]).toEqual([1, 2]);
    expect(DEFAULT_THRESHOLDS.steps).toHaveLength(3);
  });
});

describe('toRgba', () => {
  it('reads hex, rgb(a) and hsl colours for canvas pixels', () => {
    expect(toRgba('#ff0000')).toEqual([255, 0, 0, 255]);
    expect(toRgba('rgba(0, 128, 255, 0.5)')).toEqual([0, 128, 255, 128]);
    expect(toRgba('hsl(120, 100%, 50%)')).toEqual([0, 255, 0, 255]);
    expect(toRgba('not a colour')).toEqual([128, 128, 128, 255]);
  });
});
