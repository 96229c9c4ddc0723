import {
  comparison,
  featureLabel,
  formatCount,
  formatNumber,
  formatPercent,
  formatPValue,
  formatScore,
  formatSeverity,
} from './format';

describe('format', () => {
  it('writes p-values readably over many decades', () => {
    expect(formatPValue(0.0431)).toBe('0.043');
    expect(formatPValue(0.5)).toBe('0.5');
    expect(formatPValue(0.0000312)).toBe('3.1e−5');
    expect(formatPValue(0)).toBe('0');
    expect(formatPValue(NaN)).toBe('NaN');
  });

  it('writes distances with two or three significant digits', () => {
    expect(formatNumber(0.8123)).toBe('0.81');
    expect(formatNumber(1.2345)).toBe('1.23');
    expect(formatNumber(20000)).toBe('20,000');
    expect(formatNumber(0.0002)).toBe('2.0e−4');
    expect(formatScore('psi', 0.2)).toBe('0.2');
    expect(formatScore('ks', 0.00001)).toBe('1.0e−5');
  });

  it('states the rule that decided', () => {
    expect(comparison('psi', true)).toBe('≥');
    expect(comparison('psi', false)).toBe('<');
    expect(comparison('ks', true)).toBe('<');
    expect(comparison('chi_square', false)).toBe('≥');
  });

  it('formats severity, percentages, counts and labels', () => {
    expect(formatSeverity(1.234)).toBe('1.23');
    expect(formatSeverity(42.4)).toBe('42');
    expect(formatPercent(0.123)).toBe('12 %');
    expect(formatPercent(0.0123)).toBe('1.2 %');
    expect(formatPercent(undefined)).toBe('–');
    expect(formatCount(20000)).toBe('20,000');
    expect(formatCount(undefined)).toBe('–');
    expect(featureLabel('credit', 'age', true)).toBe('credit · age');
    expect(featureLabel('credit', 'age', false)).toBe('age');
  });
});
