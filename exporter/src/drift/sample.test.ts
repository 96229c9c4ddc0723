import { asSortedSample, distinctInUnion, meanAndSd, sortedSample, sortSample } from './sample';

describe('sortSample', () => {
  it('sorts a copy numerically and drops non-finite values, counting them', () => {
    const values = [10, -2, NaN, 9, Infinity, 1e-3, -Infinity, 100];
    const sample = sortSample(values);
    expect(Array.from(sample.values)).toEqual([-2, 1e-3, 9, 10, 100]);
    expect(sample.dropped).toBe(3);
    expect(values[0]).toBe(10); // the input is left alone
  });

  it('keeps a typed array input untouched', () => {
    const input = Float64Array.of(3, 1, 2);
    expect(Array.from(sortSample(input).values)).toEqual([1, 2, 3]);
    expect(Array.from(input)).toEqual([3, 1, 2]);
  });
});

describe('sortedSample', () => {
  it('wraps an ascending array without copying it', () => {
    const sorted = Float64Array.of(1, 1, 2, 5);
    expect(sortedSample(sorted).values).toBe(sorted);
    expect(asSortedSample(sortedSample(sorted)).values).toBe(sorted);
  });

  it('refuses an array that is not ascending or not finite', () => {
    expect(() => sortedSample(Float64Array.of(1, 3, 2))).toThrow(/not ascending at index 2/);
    expect(() => sortedSample(Float64Array.of(1, NaN))).toThrow(/not finite/);
  });
});

describe('distinctInUnion', () => {
  it('counts values of both samples once', () => {
    expect(distinctInUnion(Float64Array.of(1, 1, 2, 4), Float64Array.of(2, 3, 3, 5))).toBe(5);
    expect(distinctInUnion(Float64Array.of(), Float64Array.of(7, 7))).toBe(1);
    expect(distinctInUnion(Float64Array.of(), Float64Array.of())).toBe(0);
  });
});

describe('meanAndSd', () => {
  it('gives the population standard deviation (ddof = 0, as numpy.std)', () => {
    // Mean 5; squared deviations 9, 1, 1, 1, 0, 0, 4, 16 sum to 32; 32 / 8 = 4.
    expect(meanAndSd([2, 4, 4, 4, 5, 5, 7, 9])).toEqual({ mean: 5, sd: 2 });
    expect(meanAndSd([3, 3, 3]).sd).toBe(0);
    expect(meanAndSd([]).sd).toBeNaN();
  });
});
