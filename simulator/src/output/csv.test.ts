import { createEvent, SentAs, type SimEvent } from '../engine/event';
import { Simulation } from '../engine/simulation';
import { scenario, step } from '../testing/runs';
import { binomialTolerance } from '../testing/stats';
import { getWorld } from '../worlds/index';
import type { World } from '../worlds/types';
import { CsvFormatter, csvField } from './csv';

/** A minimal RFC 4180 line parser, to read back what the formatter wrote. */
function parseLine(line: string): string[] {
  expect(line.endsWith('\n')).toBe(true);
  const text = line.slice(0, -1);
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    let cell = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new Error(`unterminated quote in ${line}`);
        cell += text.slice(i, q);
        i = q + 1;
        if (text[i] === '"') {
          cell += '"';
          i++;
        } else break;
      }
    } else {
      const end = text.indexOf(',', i);
      cell = text.slice(i, end < 0 ? text.length : end);
      i = end < 0 ? text.length : end;
    }
    cells.push(cell);
    if (i >= text.length) return cells;
    expect(text[i]).toBe(',');
    i++;
  }
}

/** A small world whose names and categories need quoting. */
const awkward: World = {
  name: 'awkward',
  title: 'awkward',
  description: 'names that need CSV quoting',
  task: 'classification',
  target: { name: 'y', description: '' },
  features: [
    { name: 'plain', kind: 'numeric', unit: '', description: '', min: 0, max: 10, decimals: 2 },
    {
      name: 'with,comma',
      kind: 'categorical',
      description: '',
      categories: ['a', 'b,c', 'say "hi"', 'two\nlines'],
    },
    { name: 'say "x"', kind: 'numeric', unit: '', description: '', min: 0, max: 10, decimals: 0 },
  ],
  concept: {},
  instantiate: () => ({ sample: () => {}, label: () => 0 }),
};

function awkwardEvent(): SimEvent {
  const e = createEvent(awkward);
  e.time = Date.UTC(2026, 0, 5, 9, 0, 1) + 2.5;
  e.truth.set([1.25, 1, 7]);
  e.sent.set(e.truth);
  e.label = 1;
  return e;
}

const credit = getWorld('credit')!;

describe('csvField', () => {
  it('quotes only where needed, doubling quotes (RFC 4180)', () => {
    expect(csvField('plain text')).toBe('plain text');
    expect(csvField('')).toBe('');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r')).toBe('"cr\r"');
    expect(csvField('"')).toBe('""""');
  });
});

describe('CsvFormatter', () => {
  it('writes the header time, features, extra columns, label', () => {
    const names = credit.features.map((f) => f.name);
    expect(new CsvFormatter(credit).header()).toBe(['time', ...names, 'label'].join(',') + '\n');
    // Extra columns for renamed fields come before the label; names already present are not repeated.
    expect(new CsvFormatter(credit, ['income_usd', 'age']).header()).toBe(
      ['time', ...names, 'income_usd', 'label'].join(',') + '\n',
    );
    expect(parseLine(new CsvFormatter(awkward).header())).toEqual([
      'time',
      'plain',
      'with,comma',
      'say "x"',
      'label',
    ]);
  });

  it('writes values: ISO time, numbers, category names, label', () => {
    const formatter = new CsvFormatter(credit);
    const sim = new Simulation({ world: credit, seed: 3 });
    for (let i = 0; i < 500; i++) {
      const e = sim.next();
      const cells = parseLine(formatter.format(e));
      const expected = [
        new Date(e.time).toISOString(),
        ...credit.features.map((f, j) =>
          f.kind === 'numeric' ? String(e.truth[j]) : f.categories[e.truth[j]],
        ),
        String(e.label),
      ];
      if (cells.join('|') !== expected.join('|')) expect(cells).toEqual(expected);
      expect(
        cells
          .slice(1, -1)
          .map(Number)
          .filter((v, j) => credit.features[j].kind === 'numeric' && Number.isNaN(v)),
      ).toEqual([]);
    }
  });

  it('quotes awkward categories and unseen values', () => {
    const formatter = new CsvFormatter(awkward);
    const e = awkwardEvent();
    expect(parseLine(formatter.format(e))).toEqual(['2026-01-05T09:00:01.002Z', '1.25', 'b,c', '7', '1']);
    e.sent[1] = 2;
    expect(formatter.format(e)).toBe('2026-01-05T09:00:01.002Z,1.25,"say ""hi""",7,1\n');
    e.sent[1] = 3;
    expect(parseLine(formatter.format(e))[2]).toBe('two\nlines');
    e.sentAs[1] = SentAs.Unseen;
    e.unseen[1] = 'new, "odd"';
    e.faulty = true;
    expect(parseLine(formatter.format(e))[2]).toBe('new, "odd"');
  });

  it('leaves missing and dropped values empty and moves a renamed field to its column', () => {
    const steps = [
      step('missing-values', { world: 'credit', feature: 'age' }, { rate: 0.5 }, { id: 'm' }),
      step('drop-field', { world: 'credit', feature: 'region' }, {}, { id: 'd' }),
      step('rename-field', { world: 'credit', feature: 'annual_income' }, { to: 'income_usd' }, { id: 'r' }),
      step('number-as-string', { world: 'credit', feature: 'utilization' }, { rate: 1 }, { id: 's' }),
    ];
    const sim = new Simulation({ world: credit, seed: 4, scenario: scenario(credit, steps) });
    const formatter = new CsvFormatter(credit, ['income_usd']);
    const header = parseLine(formatter.header());
    const at = (name: string) => header.indexOf(name);
    let missing = 0;
    for (let i = 0; i < 1_000; i++) {
      const e = sim.next();
      const cells = parseLine(formatter.format(e));
      expect(cells).toHaveLength(header.length);
      const age = e.sentAs[0] === SentAs.Missing ? '' : String(e.truth[0]);
      if (age === '') missing++;
      expect(cells[at('age')]).toBe(age);
      expect(cells[at('region')]).toBe('');
      expect(cells[at('annual_income')]).toBe('');
      expect(cells[at('income_usd')]).toBe(String(e.truth[2]));
      // A number sent as a string looks like the number in CSV.
      expect(cells[at('utilization')]).toBe(String(e.truth[7]));
      expect(cells[at('label')]).toBe(String(e.label));
    }
    // Half the ages are missing, within 4 binomial standard errors.
    expect(Math.abs(missing / 1_000 - 0.5)).toBeLessThanOrEqual(binomialTolerance(0.5, 1_000));
  });
});
