import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../testing';

// CSV pairs and the JSON numpy / scipy give for them: exporter/tools/drift_fixtures.py.
const FIXTURES = join(__dirname, '..', '..', '..', 'exporter', 'src', 'offline', 'fixtures');

/** Differences between JSON values: same keys in the same order, numbers to `rel` relative. */
function differences(actual: unknown, expected: unknown, path = '$', rel = 1e-9): string[] {
  if (typeof expected === 'number')
    return typeof actual === 'number' && Math.abs(actual - expected) <= rel * Math.abs(expected)
      ? []
      : [`${path}: expected ${expected}, got ${JSON.stringify(actual)}`];
  if (Array.isArray(expected))
    return Array.isArray(actual) && actual.length === expected.length
      ? expected.flatMap((e, k) => differences(actual[k], e, `${path}[${k}]`, rel))
      : [`${path}: expected ${expected.length} items, got ${JSON.stringify(actual)}`];
  if (expected !== null && typeof expected === 'object') {
    const a = actual as Record<string, unknown>;
    const keys = Object.keys(expected);
    if (a === null || typeof a !== 'object' || Object.keys(a).join() !== keys.join())
      return [`${path}: expected keys ${keys.join()}, got ${JSON.stringify(actual && Object.keys(a))}`];
    return keys.flatMap((k) =>
      differences(a[k], (expected as Record<string, unknown>)[k], `${path}.${k}`, rel),
    );
  }
  return actual === expected
    ? []
    : [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
}

describe('driftlab stats', () => {
  const dir = mkdtempSync(join(tmpdir(), 'driftlab-stats-'));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const fixture = (name: string) => {
    const path = join(dir, name);
    copyFileSync(join(FIXTURES, name), path);
    return path;
  };

  it.each(['small', 'large'])('--json prints the scipy fixture values for the %s pair', async (pair) => {
    const reference = fixture(`${pair}-reference.csv`);
    const current = fixture(`${pair}-current.csv`);
    const { code, stdout, stderr } = await run(
      'stats',
      '--reference',
      reference,
      '--current',
      current,
      '--json',
    );
    expect(code).toBe(0);
    const expected = JSON.parse(readFileSync(join(FIXTURES, `${pair}-expected.json`), 'utf8'));
    expect(differences(JSON.parse(stdout), expected)).toEqual([]);
    // Notes go to standard error, so standard output stays JSON.
    expect(stderr).toMatch(/^driftlab stats: score: empty cells left out/m);
  });

  it('writes null for a p-value that does not exist (JSON has no NaN)', async () => {
    const { stdout } = await run(
      'stats',
      '--reference',
      fixture('small-reference.csv'),
      '--current',
      fixture('small-current.csv'),
      '--json',
    );
    const constant = JSON.parse(stdout).columns.constant;
    expect(constant.chi_square).toEqual({ statistic: 0, p_value: null });
    expect(constant.test).toEqual({ method: 'chi_square', threshold: 0.05, drifted: false });
    expect(Object.keys(JSON.parse(stdout).columns)).not.toContain('only_in_reference');
  });

  it('prints a table by default', async () => {
    const { code, stdout } = await run(
      'stats',
      '--reference',
      fixture('large-reference.csv'),
      '--current',
      fixture('large-current.csv'),
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/^column\s+type\s+test\s+score\s+drift if\s+drift\s+psi\s+jensen_shannon$/m);
    expect(stdout).toMatch(/^age\s+numeric\s+wasserstein_norm\s+0\.3224\s+≥ 0\.1, ks p < 0\.01\s+DRIFT/m);
    expect(stdout).toMatch(/^region\s+categorical\s+jensen_shannon\s+\S+\s+≥ 0\.1\s+DRIFT/m);
    expect(stdout).toMatch(/columns drifted\.\n/);
  });

  it('compares a small hand-made pair, quoted fields and all', async () => {
    const reference = file('ref.csv', 'city,n\r\n"north, coastal",1\r\nsouth,2\r\nsouth,3\r\n');
    const current = file('cur.csv', 'n,city\n4,"north, coastal"\n5,"the ""islands"""\n');
    const { code, stdout } = await run('stats', '--reference', reference, '--current', current, '--json');
    expect(code).toBe(0);
    const { columns } = JSON.parse(stdout);
    expect(Object.keys(columns)).toEqual(['city', 'n']);
    expect(columns.city.bins).toEqual({
      categories: ['south', 'north, coastal', 'the "islands"'],
      reference: [2 / 3, 1 / 3, 0],
      current: [0, 0.5, 0.5],
    });
    // n: 1, 2, 3 against 4, 5: every current value above the reference, D = 1; 5 distinct values → chi-square.
    expect(columns.n.ks.statistic).toBe(1);
    expect(columns.n.test.method).toBe('chi_square');
  });

  it.each([
    [['--reference', 'missing.csv', '--current', 'missing.csv'], /cannot read .*missing\.csv: no such file/],
    [['--reference', '{empty}', '--current', '{ok}'], /empty\.csv is empty: expected a header line/],
    [['--reference', '{header}', '--current', '{ok}'], /header\.csv has a header but no data rows/],
    [
      ['--reference', '{ragged}', '--current', '{ok}'],
      /ragged\.csv line 4: expected 2 fields as in the header, found 3/,
    ],
    [['--reference', '{other}', '--current', '{ok}'], /other\.csv and .*ok\.csv share no column/],
    [
      ['--reference', '{blank}', '--current', '{ok}'],
      /column "b" has no values in .*blank\.csv: every cell is empty/,
    ],
  ])('%j fails with a clear message and exit code 1', async (args, message) => {
    const paths: Record<string, string> = {
      '{ok}': file('ok.csv', 'a,b\n1,x\n2,y\n'),
      '{empty}': file('empty.csv', ''),
      '{header}': file('header.csv', 'a,b\n'),
      '{ragged}': file('ragged.csv', 'a,b\n1,x\n2,y\n3,z,extra\n'),
      '{other}': file('other.csv', 'c,d\n1,2\n'),
      '{blank}': file('blank.csv', 'a,b\n1,\n2,\n'),
    };
    const resolved = args.map((a) => paths[a] ?? (a.endsWith('.csv') ? join(dir, a) : a));
    const { code, stdout, stderr } = await run('stats', ...resolved);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^driftlab: /);
    expect(stderr).toMatch(message);
    expect(stdout).toBe('');
  });

  it('is a usage error (exit 2) without --reference or --current', async () => {
    const { code, stderr } = await run('stats', '--reference', 'a.csv');
    expect(code).toBe(2);
    expect(stderr).toMatch(/required option '--current <csv>' not specified/);
  });

  it('has help', async () => {
    const { code, stdout } = await run('stats', '--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: driftlab stats \[options\]/);
    expect(stdout).toMatch(/--json/);
  });
});
