import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv } from './csv';
import { readCsvFile } from './read';
import { statsToJson, formatStatsTable, statsNotes } from './report';
import { computeStats } from './stats';
import { FIXTURES, jsonDifferences } from './testing';

describe('computeStats + statsToJson against the fixture script (numpy / scipy)', () => {
  it.each(['small', 'large'])('%s pair: the documented JSON, every number to 1e-9 relative', (pair) => {
    const report = computeStats(
      readCsvFile(join(FIXTURES, `${pair}-reference.csv`)),
      readCsvFile(join(FIXTURES, `${pair}-current.csv`)),
    );
    const expected = JSON.parse(readFileSync(join(FIXTURES, `${pair}-expected.json`), 'utf8'));
    // Through JSON text, as the command prints it: NaN must have become null.
    const actual = JSON.parse(JSON.stringify(statsToJson(report)));
    expect(jsonDifferences(actual, expected)).toEqual([]);
  });

  it('chooses the default tests by reference size and distinct values', () => {
    const methods = (pair: string) => {
      const report = computeStats(
        readCsvFile(join(FIXTURES, `${pair}-reference.csv`)),
        readCsvFile(join(FIXTURES, `${pair}-current.csv`)),
      );
      return Object.fromEntries(report.columns.map((c) => [c.name, c.drift.test.method]));
    };
    expect(methods('small')).toEqual({
      age: 'ks',
      income: 'ks',
      score: 'ks',
      flag: 'chi_square',
      region: 'chi_square',
      tier: 'chi_square',
      constant: 'chi_square',
    });
    expect(methods('large')).toMatchObject({
      age: 'wasserstein_norm',
      flag: 'jensen_shannon',
      region: 'jensen_shannon',
    });
  });
});

describe('computeStats', () => {
  const reference = parseCsv('x,c\n1,a\n2,b\n3,a\n4,b\n5,a\n6,b\n7,a\n', 'ref.csv');
  const current = parseCsv('x,c\n2,a\n3,a\n4,a\n5,b\n6,a\n7,a\n8,a\n', 'cur.csv');

  it('takes per-column overrides', () => {
    const report = computeStats(reference, current, { columns: { x: { method: 'psi', threshold: 0.5 } } });
    expect(report.columns[0].drift.test).toMatchObject({ method: 'psi', threshold: 0.5 });
    expect(report.columns[1].drift.test.method).toBe('chi_square');
  });

  it('names the column of a bad override, or one the files do not share', () => {
    expect(() => computeStats(reference, current, { columns: { c: { method: 'ks' } } })).toThrow(
      'column "c": method "ks" cannot test a categorical column',
    );
    expect(() => computeStats(reference, current, { columns: { y: {} } })).toThrow(
      'options name column "y", which the two files do not share',
    );
  });

  it('refuses a file with no data rows', () => {
    expect(() => computeStats(reference, parseCsv('x,c\n', 'cur.csv'))).toThrow(
      'cur.csv has a header but no data rows',
    );
  });
});

describe('a column with no usable values', () => {
  // Every value of x in the current file is nan or inf: nothing to compare, so no verdict.
  const report = computeStats(
    parseCsv('x,c\n1,a\n2,b\n3,a\n', 'ref.csv'),
    parseCsv('x,c\nnan,a\ninf,b\nNaN,a\n', 'cur.csv'),
  );
  const x = report.columns[0];

  it('is not tested: its decision says so, in the table, the notes and the JSON', () => {
    expect(x.decision).toBe('no_usable_values');
    expect(report.columns[1].decision).toBe('no_drift');
    const table = formatStatsTable(report);
    const row = table
      .split('\n')
      .find((l) => l.startsWith('x '))!
      .split(/\s{2,}/);
    expect(row[5]).toBe('no usable values');
    expect(table).toContain('\n0 of 2 columns drifted; 1 not tested: no usable values.\n');
    expect(statsNotes(report)).toContain(
      'x: not tested: no usable values in the current file (every value is empty, nan or inf)',
    );
    expect(statsToJson(report).columns.x.test.drifted).toBeNull();
    expect(statsToJson(report).columns.c.test.drifted).toBe(false);
  });
});

describe('formatStatsTable and statsNotes', () => {
  const report = computeStats(
    readCsvFile(join(FIXTURES, 'small-reference.csv')),
    readCsvFile(join(FIXTURES, 'small-current.csv')),
  );

  it('prints one row per column with its test, score, direction and decision', () => {
    const text = formatStatsTable(report);
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^reference: .*small-reference\.csv \(400 rows\)$/);
    expect(lines[3].split(/\s{2,}/)).toEqual([
      'column',
      'type',
      'test',
      'score',
      'drift if',
      'drift',
      'psi',
      'jensen_shannon',
    ]);
    const region = lines.find((l) => l.startsWith('region'))!.split(/\s{2,}/);
    expect(region.slice(0, 3)).toEqual(['region', 'categorical', 'chi_square p-value']);
    expect(region[4]).toBe('< 0.05');
    const constant = lines.find((l) => l.startsWith('constant'))!.split(/\s{2,}/);
    expect(constant[3]).toBe('-'); // no p-value: one category
    expect(text).toMatch(/\n\d of 7 columns drifted\.\n/);
  });

  it('says that a distance on a numeric column needs a KS p-value under 0.01 as well', () => {
    const large = computeStats(
      readCsvFile(join(FIXTURES, 'large-reference.csv')),
      readCsvFile(join(FIXTURES, 'large-current.csv')),
    );
    const row = (name: string) =>
      formatStatsTable(large)
        .split('\n')
        .find((l) => l.startsWith(`${name} `))!
        .split(/\s{2,}/);
    expect(row('age').slice(2, 5)).toEqual(['wasserstein_norm', expect.any(String), '≥ 0.1, ks p < 0.01']);
    expect(row('region')[4]).toBe('≥ 0.1'); // categorical: Evidently's rule as it is
  });

  it('notes empty cells, non-finite values, NaN reasons and columns in one file only', () => {
    const notes = statsNotes(report);
    expect(notes).toContain('score: empty cells left out: 11 in reference, 14 in current');
    expect(notes).toContainEqual(
      expect.stringMatching(
        /^score: non-finite values \(nan, inf\) left out: 8 in reference, 10 in current$/,
      ),
    );
    expect(notes).toContain('constant: a single category: chi-square has no degrees of freedom');
    expect(notes).toContainEqual(expect.stringMatching(/only in .*small-reference\.csv: only_in_reference$/));
    expect(notes).toContainEqual(expect.stringMatching(/only in .*small-current\.csv: only_in_current$/));
  });
});
