import { DEFAULT_OPTIONS } from '../constants';
import { DriftPanelOptions } from '../types';
import { normalizeOptions } from './normalize';

describe('normalizeOptions', () => {
  it('fills a partial or missing options object with the defaults', () => {
    expect(normalizeOptions(undefined)).toEqual(DEFAULT_OPTIONS);
    expect(normalizeOptions({ mode: 'timeline' })).toEqual({ ...DEFAULT_OPTIONS, mode: 'timeline' });
  });

  it('replaces values it does not know instead of failing', () => {
    const odd = {
      mode: 'pie',
      method: 'energy',
      sort: 'random',
      topN: -3,
      colorBy: 'rainbow',
      showPValues: 1,
    } as unknown as DriftPanelOptions;
    expect(normalizeOptions(odd)).toEqual({ ...DEFAULT_OPTIONS, topN: 0, showPValues: true });
    expect(normalizeOptions({ topN: '7.9' as unknown as number }).topN).toBe(7);
  });
});
