// The provisioned Prometheus configuration and rules under the real promtool (Debian's prometheus
// package): the configuration and both rule files pass its checks, the hand-written unit tests in
// provisioning/prometheus/tests pass, every alert has a firing and a quiet case there, every
// recording rule is checked, and the tests stay out of the rule_files glob.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join, posix } from 'node:path';
import { parse } from 'yaml';

const ROOT = join(__dirname, '..');
/** Paths relative to ROOT, as promtool is run from there and reports them. */
const PROMETHEUS = 'provisioning/prometheus';
const CONFIG = `${PROMETHEUS}/prometheus.yml`;
const RULE_FILES = [`${PROMETHEUS}/rules/recording.yml`, `${PROMETHEUS}/rules/alerts.yml`];
const TESTS = `${PROMETHEUS}/tests`;
const TEST_FILES = readdirSync(join(ROOT, TESTS))
  .filter((f) => f.endsWith('.yml') || f.endsWith('.yaml'))
  .sort()
  .map((f) => `${TESTS}/${f}`);

/** Runs promtool from the repository root; '' when it exits 0, else its exit status and output. */
function promtool(...args: string[]): string {
  const run = spawnSync('promtool', args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.error)
    throw new Error(
      `promtool is not installed (${run.error.message}): run bash scripts/system-packages.sh as root`,
    );
  if (run.status === 0) return '';
  return `promtool ${args.join(' ')} exited with ${run.status ?? run.signal}:\n${run.stdout}${run.stderr}`;
}

const readYaml = <T>(path: string): T => parse(readFileSync(join(ROOT, path), 'utf8')) as T;

interface RuleFile {
  groups: { name: string; rules: { alert?: string; record?: string }[] }[];
}
interface RuleTestFile {
  rule_files: string[];
  tests: {
    name?: string;
    alert_rule_test?: { alertname: string; eval_time: string; exp_alerts?: unknown[] | null }[];
    promql_expr_test?: { expr: string }[];
  }[];
}

const rules = (file: RuleFile, kind: 'alert' | 'record') =>
  file.groups.flatMap((g) => g.rules.map((r) => r[kind])).filter((name): name is string => !!name);

/** A rule_files pattern (Go's filepath.Match: `*` and `?` stop at `/`, `[...]` is a class) as a RegExp. */
function globToRegExp(pattern: string): RegExp {
  const re = pattern.replace(/\*|\?|\[[^\]]*\]|[.+^${}()|\\]/g, (token) => {
    if (token === '*') return '[^/]*';
    if (token === '?') return '[^/]';
    if (token.startsWith('[')) return token;
    return `\\${token}`;
  });
  return new RegExp(`^${re}$`);
}

describe('Prometheus provisioning under promtool', () => {
  it('finds the rule unit tests', () => {
    expect(TEST_FILES).toEqual(
      expect.arrayContaining([`${TESTS}/alerts.test.yml`, `${TESTS}/recording.test.yml`]),
    );
  });

  it('passes promtool check config (which also loads the rule files)', () => {
    expect(promtool('check', 'config', CONFIG)).toBe('');
  });

  it.each(RULE_FILES)('passes promtool check rules %s', (file) => {
    expect(promtool('check', 'rules', file)).toBe('');
  });

  it.each(TEST_FILES)(
    'passes promtool test rules %s',
    (file) => {
      expect(promtool('test', 'rules', file)).toBe('');
    },
    120_000,
  );

  describe('coverage of the unit tests', () => {
    const alertsTest = readYaml<RuleTestFile>(`${TESTS}/alerts.test.yml`);
    const recordingTest = readYaml<RuleTestFile>(`${TESTS}/recording.test.yml`);
    const cases = alertsTest.tests.flatMap((t) => t.alert_rule_test ?? []);
    const alerts = rules(readYaml<RuleFile>(RULE_FILES[1]), 'alert');

    it('loads the generated rule files', () => {
      expect(alertsTest.rule_files.sort()).toEqual(['../rules/alerts.yml', '../rules/recording.yml']);
      expect(recordingTest.rule_files).toEqual(['../rules/recording.yml']);
      expect(alerts.length).toBeGreaterThanOrEqual(10);
    });

    it('has a firing case for every alert rule in alerts.yml', () => {
      const firing = new Set(cases.filter((c) => (c.exp_alerts ?? []).length > 0).map((c) => c.alertname));
      expect(alerts.filter((a) => !firing.has(a))).toEqual([]);
    });

    it('has a case where each alert rule must stay quiet', () => {
      const quiet = new Set(cases.filter((c) => (c.exp_alerts ?? []).length === 0).map((c) => c.alertname));
      expect(alerts.filter((a) => !quiet.has(a))).toEqual([]);
    });

    it('tests only alerts that exist', () => {
      expect(cases.map((c) => c.alertname).filter((a) => !alerts.includes(a))).toEqual([]);
    });

    it('checks the value of every recording rule in recording.yml', () => {
      const exprs = recordingTest.tests.flatMap((t) => (t.promql_expr_test ?? []).map((e) => e.expr));
      const records = rules(readYaml<RuleFile>(RULE_FILES[0]), 'record');
      expect(records.length).toBeGreaterThan(0);
      expect(records.filter((r) => !exprs.some((e) => e.includes(r)))).toEqual([]);
    });
  });

  describe("prometheus.yml's rule_files", () => {
    const patterns = readYaml<{ rule_files: string[] }>(CONFIG).rule_files.map((p) => {
      // Relative patterns resolve against the configuration file's directory.
      const full = posix.isAbsolute(p) ? p : posix.join(PROMETHEUS, p);
      return { pattern: p, re: globToRegExp(full) };
    });
    const matched = (file: string) => patterns.filter((p) => p.re.test(file)).map((p) => p.pattern);

    it('match both generated rule files', () => {
      expect(RULE_FILES.filter((file) => matched(file).length === 0)).toEqual([]);
    });

    it('do not match the rule unit tests (check config would fail on them)', () => {
      expect(TEST_FILES.flatMap((file) => matched(file).map((p) => `${p} matches ${file}`))).toEqual([]);
    });
  });
});
