import { formatEdge, parseInterval } from './bins';

describe('parseInterval', () => {
  it('reads the exporter labels, closed on the right like pandas.cut', () => {
    expect(parseInterval('(-inf, 12.5]')).toEqual({
      lower: -Infinity,
      upper: 12.5,
      lowerClosed: false,
      upperClosed: true,
    });
    expect(parseInterval('(12.5, 20.1]')).toMatchObject({ lower: 12.5, upper: 20.1 });
    expect(parseInterval('(88, +inf)')).toMatchObject({ lower: 88, upper: Infinity, upperClosed: false });
    expect(parseInterval('[0,1e3]')).toMatchObject({ lower: 0, upper: 1000, lowerClosed: true });
  });

  it('returns undefined for categories and malformed intervals', () => {
    expect(parseInterval('salaried')).toBeUndefined();
    expect(parseInterval('(a, b]')).toBeUndefined();
    expect(parseInterval('(5, 1]')).toBeUndefined();
    expect(parseInterval('(, 1]')).toBeUndefined();
    expect(parseInterval('(1, 2, 3]')).toBeUndefined();
  });
});

describe('formatEdge', () => {
  it('keeps ticks short', () => {
    expect(formatEdge(48213.7)).toBe('48.2k');
    expect(formatEdge(1_250_000)).toBe('1.25M');
    expect(formatEdge(0.2634)).toBe('0.263');
    expect(formatEdge(12.5)).toBe('12.5');
    expect(formatEdge(-3)).toBe('-3');
    expect(formatEdge(-Infinity)).toBe('−∞');
    expect(formatEdge(Infinity)).toBe('+∞');
  });
});
