import { binLabel, binLabels } from './bin-labels';

describe('binLabels', () => {
  it('writes edges to 6 significant digits, more where edges would merge, and leaves out empty bins', () => {
    expect(binLabels([1.23456789, 2.5, 2.5, 2.5, 1234567.891])).toEqual([
      '(-inf, 1.23457]',
      '(1.23457, 2.5]',
      null,
      null,
      '(2.5, 1234570]',
      '(1234570, +inf)',
    ]);
    // 1.0000001 and 1.0000002 need 8 digits: every edge gets them.
    expect(binLabels([0.000012345678, 1.0000001, 1.0000002])).toEqual([
      '(-inf, 0.000012345678]',
      '(0.000012345678, 1.0000001]',
      '(1.0000001, 1.0000002]',
      '(1.0000002, +inf)',
    ]);
    // Edges exact to the last digit: the same as binLabel.
    const edges = [0.1, 0.2, 0.30000000000000004];
    expect(binLabels(edges).slice(1, 3)).toEqual(['(0.1, 0.2]', '(0.2, 0.3]']);
    expect(binLabel(edges, 3)).toBe('(0.30000000000000004, +inf)');
  });
});
