import { SentAs, toRecord } from '../engine/event';
import { Simulation } from '../engine/simulation';
import type { Step } from '../scenarios/types';
import { scenario, step } from '../testing/runs';
import { WORLDS, type CategoricalFeature, type World } from '../worlds/index';
import { JsonlFormatter } from './jsonl';

const MINUTE = 60_000;

/**
 * Every data-quality fault, label and serving fault and abuse the world allows, at partial rates or
 * on ramps and recurring windows, so faulty and clean payloads interleave (the formatter has a fast
 * path for clean ones and must agree with the generic one on both).
 */
function everything(world: World): Step[] {
  const numeric = world.features.filter((f) => f.kind === 'numeric').map((f) => f.name);
  const categorical = world.features.filter((f) => f.kind === 'categorical').map((f) => f.name);
  const any = world.features.map((f) => f.name);
  const ramp = { type: 'incremental', ramp: 20 * MINUTE } as const;
  const recurring = { type: 'recurring', period: 4 * MINUTE, active: MINUTE } as const;
  const t = (feature: string) => ({ world: world.name, feature });
  const w = { world: world.name };
  const steps: Step[] = [
    step('missing-values', t(any[0]), { rate: 0.3 }, { id: 'missing' }),
    step(
      'rename-field',
      t(any[1 % any.length]),
      { to: `${any[1 % any.length]}_renamed` },
      { id: 'rename', shape: ramp },
    ),
    step('drop-field', t(any[2 % any.length]), {}, { id: 'drop', shape: recurring }),
    step('stuck-feature', t(any[3 % any.length]), {}, { id: 'stuck', shape: recurring, start: 2 * MINUTE }),
    step('duplicate-records', w, { rate: 0.1 }, { id: 'duplicates' }),
    step('label-delay', w, { factor: 2 }, { id: 'delay', shape: ramp }),
    step('label-drop', w, { rate: 0.2 }, { id: 'label-drop' }),
    step('added-latency', w, { ms: 120 }, { id: 'latency', shape: recurring }),
    step('error-burst', w, { rate: 0.1, status: 502 }, { id: 'errors' }),
    step('model-unavailable', w, {}, { id: 'down', shape: recurring, start: MINUTE }),
    step('request-flood', w, { rate: 1 }, { id: 'flood' }),
  ];
  if (numeric.length > 0) {
    const n = (k: number) => t(numeric[k % numeric.length]);
    steps.push(
      step('mean-shift', n(0), { by: 1 }, { id: 'shift', shape: ramp }),
      step('unit-change', n(1), { factor: 0.001 }, { id: 'units', shape: ramp }),
      step('number-as-string', n(2), { rate: 0.5 }, { id: 'strings' }),
      step('outliers', n(3), { factor: 1000, rate: 0.2 }, { id: 'outliers' }),
    );
  }
  if (categorical.length > 0) {
    const c = t(categorical[0]);
    const last = world.features.filter((f) => f.kind === 'categorical').at(-1) as CategoricalFeature;
    steps.push(
      step('unseen-category', c, { values: ['never, "seen"', 'ünïcode ✓'], rate: 0.3 }, { id: 'unseen' }),
      step(
        'category-mix',
        t(last.name),
        { weights: { [last.categories[0]]: 1 } },
        { id: 'mix', shape: ramp },
      ),
    );
  }
  if (world.task === 'classification') {
    steps.push(
      step('label-flip', w, { rate: 0.1 }, { id: 'flip' }),
      step('boundary-probing', w, { rate: 1, band: 0.1 }, { id: 'probe' }),
    );
  }
  return steps;
}

describe('JsonlFormatter', () => {
  it.each(Object.keys(WORLDS))('%s: byte-identical to JSON.stringify(toRecord(event))', (name) => {
    const world = WORLDS[name];
    for (const steps of [[], everything(world)]) {
      const sim = new Simulation({
        world,
        seed: 17,
        scenario: scenario(world, steps),
        traffic: { rate: 10 },
      });
      const formatter = new JsonlFormatter(world);
      const seen = new Set<number>();
      let serving = 0;
      for (let i = 0; i < 2_500; i++) {
        const event = sim.next();
        const line = formatter.format(event);
        const expected = JSON.stringify(toRecord(event)) + '\n';
        if (line !== expected) expect([i, line]).toEqual([i, expected]);
        for (const code of event.sentAs) seen.add(code);
        if (event.serving) serving++;
      }
      if (steps.length > 0) {
        // The run did exercise the faults: each kind of sent value, and serving directives.
        const kinds = [SentAs.Value, SentAs.Missing, SentAs.Dropped];
        if (world.features.some((f) => f.kind === 'numeric')) kinds.push(SentAs.String);
        if (world.features.some((f) => f.kind === 'categorical')) kinds.push(SentAs.Unseen);
        expect([...seen].sort()).toEqual(kinds.sort());
        expect(serving).toBeGreaterThan(100);
      }
    }
  });

  it('formats hand-made events like toRecord, including a renamed field and no feedback', () => {
    const world = WORLDS.credit;
    const sim = new Simulation({ world, seed: 1 });
    const event = sim.next();
    event.time = Date.UTC(2026, 0, 5, 12, 0, 0) + 0.75;
    event.feedbackAt = NaN;
    const formatter = new JsonlFormatter(world);
    const clean = JSON.parse(formatter.format(event));
    expect(clean.time).toBe('2026-01-05T12:00:00.000Z');
    expect(clean.feedback).toBeNull();
    expect(clean).not.toHaveProperty('serving');
    event.fieldNames = event.fieldNames.map((n) => (n === 'age' ? 'years' : n));
    event.faulty = true;
    const renamed = formatter.format(event);
    expect(renamed).toBe(JSON.stringify(toRecord(event)) + '\n');
    expect(JSON.parse(renamed).features).toHaveProperty('years', event.truth[0]);
  });
});
