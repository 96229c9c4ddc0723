// Properties of parseScenario over generated input (fast-check, seeded): whatever the text, it
// returns a scenario or throws a ScenarioError whose every line is `file:line:column: …`; and a
// number that is not finite, or absurdly large, is refused naming its field.
import fc from 'fast-check';
import { stringify } from 'yaml';
import { scenarioData } from './format';
import { builtinScenarios } from './library';
import { parseScenario, ScenarioError } from './load';
import { fieldName } from './validate';

const RUNS = { seed: 42, numRuns: 200 };
const LINE = /^[^:]+:\d+:\d+: /;
const BUILTINS = builtinScenarios().map(scenarioData);

type Path = (string | number)[];
type Json = unknown;

/** Parses `text`; a ScenarioError passes when each line of its message has the file:line:column form. */
function parsesOrRefuses(text: string): void {
  try {
    parseScenario(text, 'prop.yaml');
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    for (const line of e.message.split('\n')) expect(line).toMatch(LINE);
  }
}

/** The paths of every value in `data`, collections included (or only the numbers, with `numbers`). */
function valuePaths(data: Json, numbers = false, path: Path = []): Path[] {
  const own = !numbers || typeof data === 'number' ? [path] : [];
  if (Array.isArray(data)) return [...own, ...data.flatMap((v, i) => valuePaths(v, numbers, [...path, i]))];
  if (data !== null && typeof data === 'object')
    return [...own, ...Object.entries(data).flatMap(([k, v]) => valuePaths(v, numbers, [...path, k]))];
  return own;
}

/** A deep copy of `data` with the value at `path` replaced. */
function replaced(data: Json, path: Path, value: Json): Json {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const copy = (Array.isArray(data) ? [...data] : { ...(data as object) }) as Record<string | number, Json>;
  copy[head] = replaced(copy[head], rest, value);
  return copy;
}

/** YAML-ish text: the characters that matter to YAML, in short random strings. */
const yamlish = fc.string({
  unit: fc.constantFrom(
    ':',
    '-',
    ' ',
    '\n',
    '  ',
    '[',
    ']',
    '{',
    '}',
    ',',
    '&a',
    '*a',
    '!',
    '#',
    '"',
    "'",
    'a',
    '1',
    '.inf',
    '|',
  ),
  maxLength: 60,
});

describe('parseScenario, properties', () => {
  it('throws nothing but ScenarioErrors, one file:line:column line each, for any text', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), yamlish), parsesOrRefuses), {
      ...RUNS,
      numRuns: 1000,
    });
  });

  it('throws nothing but ScenarioErrors for any JSON-like value written as YAML', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => parsesOrRefuses(stringify(value))),
      RUNS,
    );
  });

  it('throws nothing but ScenarioErrors for a built-in scenario with one value replaced or removed', () => {
    // Half the time a path in the timeline, where the checks that read the data are.
    const place = fc.constantFrom(...BUILTINS).chain((data) => {
      const paths = valuePaths(data).filter((p) => p.length > 0); // the whole: the test above
      const steps = paths.filter((p) => p[0] === 'timeline' && p.length > 2);
      return fc.record({
        data: fc.constant(data),
        path: fc.oneof(fc.constantFrom(...paths), fc.constantFrom(...steps)),
      });
    });
    const value = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.constant(undefined), // removes a mapping's key: stringify leaves it out
      fc.constantFrom('', 'credit', 'annual_income', '0s', '366d', 'mean-shift', -1, 0, 1e300, null, [], {}),
    );
    fc.assert(
      fc.property(place, value, ({ data, path }, v) => parsesOrRefuses(stringify(replaced(data, path, v)))),
      RUNS,
    );
  });

  it('refuses a number replaced by NaN, an infinity or 1e308, naming its field', () => {
    const numeric = fc
      .constantFrom(...BUILTINS.filter((data) => valuePaths(data, true).length > 0))
      .chain((data) =>
        fc.record({ data: fc.constant(data), path: fc.constantFrom(...valuePaths(data, true)) }),
      );
    const bad = fc.constantFrom(NaN, Infinity, -Infinity, 1e308, -1e308);
    fc.assert(
      fc.property(numeric, bad, ({ data, path }, value) => {
        const text = stringify(replaced(data, path, value));
        expect(() => parseScenario(text, 'prop.yaml')).toThrow(
          new RegExp(`^prop\\.yaml:\\d+:\\d+: ${escape(fieldName(path))}: expected a finite number`, 'm'),
        );
      }),
      RUNS,
    );
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
