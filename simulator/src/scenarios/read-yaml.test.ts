// Hostile scenario text (issue 16): every problem is a ScenarioError naming file:line:column, found
// in time linear in the text, with the number of messages bounded.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LIBRARY_DIR } from './library';
import {
  MAX_SCENARIO_BYTES,
  MAX_SCENARIO_ISSUES,
  MAX_YAML_ALIASES,
  MAX_YAML_DEPTH,
  MAX_YAML_ITEMS,
} from './limits';
import { parseScenario, ScenarioError } from './load';

const VALID = readFileSync(join(LIBRARY_DIR, 'credit-income-drop.yaml'), 'utf8');

/** The error parseScenario throws for `text`, and how long it took. */
function refusal(text: string): { error: ScenarioError; lines: string[]; ms: number } {
  const started = Date.now();
  try {
    parseScenario(text, 'hostile.yaml');
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    return { error: e, lines: e.message.split('\n'), ms: Date.now() - started };
  }
  throw new Error('expected the scenario to be refused');
}

/** `count` distinct keys that YAML reads as strings. */
const keys = (count: number, indent = '') =>
  Array.from({ length: count }, (_, i) => `${indent}k${i.toString(36)}:`).join('\n');

describe('scenario text limits', () => {
  it('refuses text over MAX_SCENARIO_BYTES at 1:1, counting UTF-8 bytes', () => {
    const padded = `${VALID}\n# ${'x'.repeat(MAX_SCENARIO_BYTES)}\n`;
    expect(refusal(padded).lines).toEqual([
      'hostile.yaml:1:1: the scenario is larger than 262144 bytes (256 kB), the limit for a scenario',
    ]);
    const accents = `${VALID}# ${'é'.repeat(MAX_SCENARIO_BYTES / 2)}\n`; // fewer chars than bytes
    expect(accents.length).toBeLessThan(MAX_SCENARIO_BYTES);
    expect(refusal(accents).lines[0]).toMatch(/^hostile\.yaml:1:1: the scenario is larger than/);
  });

  it('refuses a 40,000-key mapping after its first MAX_YAML_ITEMS keys, with one message', () => {
    for (const text of [keys(40_000), `answer:\n${keys(30_000, ' ')}`]) {
      expect(text.length).toBeLessThan(MAX_SCENARIO_BYTES);
      const { lines, ms } = refusal(text);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        new RegExp(
          `^hostile\\.yaml:\\d+:\\d+: YAML: a list or mapping of more than ${MAX_YAML_ITEMS} entries`,
        ),
      );
      expect(ms).toBeLessThan(5000); // a sanity bound: it took a minute before the fix
    }
  });

  it('lists at most MAX_SCENARIO_ISSUES problems, then counts the rest', () => {
    const { lines } = refusal(VALID + keys(MAX_YAML_ITEMS - 20));
    expect(lines).toHaveLength(MAX_SCENARIO_ISSUES + 1);
    expect(lines[0]).toMatch(/^hostile\.yaml:\d+:\d+: k0: unknown field "k0"; expected one of: id, title/);
    expect(lines.at(-1)).toMatch(
      /^hostile\.yaml:\d+:\d+: … and 930 more problems \(only the first 50 are listed\)$/,
    );
  });

  it('refuses nesting deeper than MAX_YAML_DEPTH without exhausting the stack', () => {
    for (const text of ['['.repeat(100_000) + ']'.repeat(100_000), 'a:\n' + '- '.repeat(5000) + '1']) {
      const { lines } = refusal(text);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        new RegExp(`^hostile\\.yaml:\\d+:\\d+: YAML: nested more than ${MAX_YAML_DEPTH} levels deep`),
      );
    }
  });
});

describe('YAML problems are ScenarioErrors with their place', () => {
  it('refuses a billion laughs (nested aliases) where the first alias is', () => {
    const laughs = [
      'a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]',
      ...'bcdefghi'.split('').map((name, i) => {
        const previous = 'abcdefghi'[i];
        return `${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`;
      }),
    ].join('\n');
    expect(refusal(laughs).lines).toEqual([
      `hostile.yaml:2:8: b[0]: YAML: aliases expand to too much data (more than ${MAX_YAML_ALIASES} copies); a scenario needs none`,
    ]);
  });

  it('refuses more than MAX_YAML_ALIASES aliases, and an alias inside what it names', () => {
    const many = `a: &a 1\nb: [${Array(MAX_YAML_ALIASES + 1)
      .fill('*a')
      .join(', ')}]\n`;
    expect(refusal(many).lines).toEqual([
      `hostile.yaml:2:${5 + 4 * MAX_YAML_ALIASES}: b[${MAX_YAML_ALIASES}]: YAML: more than ${MAX_YAML_ALIASES} aliases (*name); a scenario needs none`,
    ]);
    expect(refusal('a: &a [1, *a]\n').lines).toEqual([
      'hostile.yaml:1:11: a[1]: YAML: alias *a is inside the collection it names',
    ]);
    expect(refusal('a: *nothing\n').lines[0]).toMatch(
      /^hostile\.yaml:1:4: a: YAML: cannot be read: Unresolved alias/,
    );
  });

  it('names repeated keys, syntax errors and a second document by line', () => {
    const repeated = VALID.replace('seed: 4101\n', 'seed: 4101\nseed: 4102\n');
    const line = VALID.split('\n').findIndex((l) => l.startsWith('seed:')) + 2;
    expect(refusal(repeated).lines).toEqual([
      `hostile.yaml:${line}:1: seed: YAML: repeated key "seed" (first on line ${line - 1})`,
    ]);
    expect(refusal('a: 1\nb: [1, 2\n').lines[0]).toMatch(/^hostile\.yaml:3:1: YAML: /);
    expect(refusal('a: 1\n---\nb: 2\n').lines).toEqual([
      'hostile.yaml:2:1: YAML: expected one document; a second one starts here',
    ]);
  });
});

describe('numbers and durations in range', () => {
  const byLine = VALID.split('\n').findIndex((l) => l.includes('by: -22000')) + 1;

  it.each(['.nan', '.NaN', '.inf', '-.inf', '1e308', '-1e13', '1e400'])(
    'refuses params.by: %s, naming the field and the range',
    (value) => {
      expect(refusal(VALID.replace('by: -22000', `by: ${value}`)).lines).toEqual([
        `hostile.yaml:${byLine}:19: timeline[0].params.by: expected a finite number from -1e12 to 1e12; got ${value}`,
      ]);
    },
  );

  it('refuses durations over a year, and a zero width', () => {
    const startLine = VALID.split('\n').findIndex((l) => l.includes('start: 6h')) + 1;
    expect(refusal(VALID.replace('start: 6h', 'start: 99999999999999d')).lines).toEqual([
      `hostile.yaml:${startLine}:12: timeline[0].start: expected a duration of at most 365d; got "99999999999999d"`,
    ]);
    expect(refusal(VALID.replace('within: 1h,', 'within: 366d,')).lines[0]).toMatch(
      /answer\.detect\.within: expected a duration of at most 365d; got "366d"$/,
    );
    expect(refusal(VALID.replace('width: 4h', 'width: 0s')).lines[0]).toMatch(
      /timeline\[0\]\.shape\.width: expected a duration above zero; got "0s"$/,
    );
  });

  it('refuses a step without the params its injector needs (the checks read them)', () => {
    expect(refusal(VALID.replace('    params: { by: -22000 }\n', '')).lines[0]).toMatch(
      /timeline\[0\]: missing required field "params" \(mean-shift needs by\)$/,
    );
  });
});
