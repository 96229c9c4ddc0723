import {
  checkWindowSpec,
  DEFAULT_WINDOWS,
  windowCapacity,
  windowName,
  windowSpanMs,
  type WindowSpec,
} from './spec';

describe('window specs', () => {
  it('name, size and span count and time windows', () => {
    const count: WindowSpec = { kind: 'count', size: 1000 };
    const time: WindowSpec = { kind: 'time', spanSeconds: 3600, capacity: 50_000 };
    expect([windowName(count), windowCapacity(count), windowSpanMs(count)]).toEqual([
      'last_1000',
      1000,
      Infinity,
    ]);
    expect([windowName(time), windowCapacity(time), windowSpanMs(time)]).toEqual([
      'last_3600s',
      50_000,
      3_600_000,
    ]);
  });

  it('accepts the defaults, which have distinct names', () => {
    for (const spec of DEFAULT_WINDOWS) expect(() => checkWindowSpec(spec)).not.toThrow();
    expect(new Set(DEFAULT_WINDOWS.map(windowName)).size).toBe(DEFAULT_WINDOWS.length);
  });

  it('names the field and what was expected when a spec is wrong', () => {
    expect(() => checkWindowSpec({ kind: 'count', size: 0 })).toThrow(
      'window.size: expected an integer from 1 to 16777216, got 0',
    );
    expect(() => checkWindowSpec({ kind: 'count', size: 2.5 }, 'windows[1]')).toThrow(
      /^windows\[1\]\.size: /,
    );
    expect(() => checkWindowSpec({ kind: 'time', spanSeconds: -1, capacity: 10 })).toThrow(
      'window.spanSeconds: expected a positive number of seconds, got -1',
    );
    expect(() => checkWindowSpec({ kind: 'time', spanSeconds: 60, capacity: NaN })).toThrow(
      /window\.capacity: /,
    );
    expect(() => checkWindowSpec({ kind: 'sliding' } as unknown as WindowSpec)).toThrow(
      `window.kind: expected 'count' or 'time', got "sliding"`,
    );
  });
});
