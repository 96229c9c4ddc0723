/*
 * Every injector on generated samples (credit world). Each case runs the step over the whole run and
 * compares it with
 *   (a) the same seed without a scenario: whatever the step does not target is IDENTICAL event by
 *       event, because every feature, the label noise, the feedback and the arrivals have their own
 *       random streams and a step draws only from its own;
 *   (b) a different seed without a scenario: a two-sample KS test (numeric) or chi-square test
 *       (categorical) at α = 0.001 says the targeted feature moved and the others did not;
 * and then checks the injector's own, quantitative effect. Tolerances are 4 standard errors of the
 * sampling error of the quantity compared (binomial for rates, the sample variance for means), never
 * fitted to the output. Seeds are fixed, so each test either always passes or always fails.
 */
import { DEFAULT_START_TIME } from '../engine/config';
import { worldTypicalValues } from '../engine/typical-values';
import type { SimulationOptions } from '../engine/simulation';
import { Rng } from '../random/rng';
import type { StepTarget } from '../scenarios/types';
import {
  isOrdinaryClient,
  run,
  runUntil,
  same,
  scenario,
  step,
  truthColumn,
  type Snap,
} from '../testing/runs';
import {
  binomialTolerance,
  chiSquareGoodnessOfFit,
  chiSquareHomogeneity,
  countsOf,
  ksCritical,
  ksStatisticSorted,
  ksTest,
  mean,
  meanDifferenceTolerance,
  median,
  sd,
  sdRatioTolerance,
  sorted,
  type TestResult,
} from '../testing/stats';
import { getWorld } from '../worlds/index';
import { defaultConcept, featureIndex, type CategoricalFeature } from '../worlds/types';
import { INJECTOR_NAMES, injectorInfo, type InjectorCategory } from './catalogue';

const world = getWorld('credit')!;
const hyperplane = getWorld('hyperplane')!;
const FEATURES = world.features.map((f) => f.name);
const col = (name: string): number => {
  const j = featureIndex(world, name);
  if (j < 0) throw new Error(`no feature ${name}`);
  return j;
};
const categories = (name: string) => (world.features[col(name)] as CategoricalFeature).categories;

const N = 20_000;
const SEED = 101;
const OTHER_SEED = 202;
const ALPHA = 0.001;
const STEP_ID = 'under-test';
/** Flat traffic (no daily curve, no bursts) at 50 requests/s, so shares of abuse traffic are simple. */
const TRAFFIC = {
  rate: 50,
  daily: { amplitude: 0, peakHour: 14 },
  bursts: { perDay: 0, multiplier: 1, duration: 0 },
};
const options = (seed: number, steps: ReturnType<typeof step>[] = []): SimulationOptions => ({
  world,
  seed,
  traffic: TRAFFIC,
  scenario: steps.length > 0 ? scenario(world, steps) : undefined,
});

let baseCache: Snap[] | undefined;
let otherCache: Snap[] | undefined;
/** The same seed without a scenario. */
const base = () => (baseCache ??= run(options(SEED), N));
/** Another seed without a scenario. */
const other = () => (otherCache ??= run(options(OTHER_SEED), N));

type Field = 'time' | 'client' | 'label' | 'feedbackAt' | 'feedbackLabel' | 'serving';
const FIELDS: readonly Field[] = ['time', 'client', 'label', 'feedbackAt', 'feedbackLabel', 'serving'];
/** Per category, the per-event fields a step leaves as in the same-seed baseline. */
const SAME_FIELDS: Readonly<Record<InjectorCategory, readonly Field[]>> = {
  // Labels follow the true x and the concept (and the delivered label follows the label).
  covariate: ['time', 'client', 'feedbackAt', 'serving'],
  concept: ['time', 'client', 'feedbackAt', 'serving'],
  prior: ['time', 'client', 'feedbackAt', 'serving'],
  quality: FIELDS,
  label: ['time', 'client', 'label', 'serving'],
  serving: ['time', 'client', 'label', 'feedbackAt', 'feedbackLabel'],
  abuse: FIELDS,
};

/** Mismatches between events and their baseline counterparts on the given features and fields. */
function differences(
  events: readonly Snap[],
  baseline: readonly Snap[],
  truthOf: readonly number[],
  payloadOf: readonly number[],
  fields: readonly Field[],
): string[] {
  const out: string[] = [];
  const n = Math.min(events.length, baseline.length);
  for (let i = 0; i < n && out.length < 5; i++) {
    const e = events[i];
    const b = baseline[i];
    for (const j of truthOf)
      if (!same(e.truth[j], b.truth[j])) out.push(`event ${i}: truth of ${FEATURES[j]}`);
    for (const j of payloadOf)
      if (!same(e.values[j], b.values[j]))
        out.push(`event ${i}: sent ${FEATURES[j]} ${String(e.values[j])} vs ${String(b.values[j])}`);
    for (const f of fields) {
      const equal =
        f === 'time'
          ? e.time === b.time
          : f === 'client'
            ? e.client === b.client
            : f === 'label'
              ? e.label === b.label
              : f === 'feedbackAt'
                ? same(e.feedbackAt, b.feedbackAt)
                : f === 'feedbackLabel'
                  ? e.feedbackLabel === b.feedbackLabel
                  : sameServing(e, b);
      if (!equal) out.push(`event ${i}: ${f}`);
    }
  }
  return out;
}

function sameServing(e: Snap, b: Snap): boolean {
  if (e.serving === null || b.serving === null) return e.serving === b.serving;
  return (
    e.serving.addedLatencyMs === b.serving.addedLatencyMs &&
    e.serving.failStatus === b.serving.failStatus &&
    e.serving.unavailable === b.serving.unavailable
  );
}

type Repr = 'truth' | 'sent';

/** Does feature `name` have the same distribution in two samples? KS or chi-square at α = 0.001. */
/** Per sample: sorted numeric columns and value tallies, kept for the baselines every case uses. */
const summaries = new WeakMap<readonly Snap[], Map<string, unknown>>();
function summary<T>(events: readonly Snap[], key: string, make: () => T): T {
  let cache = summaries.get(events);
  if (!cache) summaries.set(events, (cache = new Map()));
  if (!cache.has(key)) cache.set(key, make());
  return cache.get(key) as T;
}

function ks(a: Float64Array, b: Float64Array): TestResult {
  const statistic = ksStatisticSorted(a, b);
  const critical = ksCritical(ALPHA, a.length, b.length);
  return { statistic, critical, rejects: statistic > critical };
}

function homogeneity(a: Map<string, number>, b: Map<string, number>): TestResult {
  const keys = [...new Set([...a.keys(), ...b.keys()])];
  return chiSquareHomogeneity(
    keys.map((k) => a.get(k) ?? 0),
    keys.map((k) => b.get(k) ?? 0),
  );
}

/** What is sent for feature j, as a category: the category, or number / string / null / absent. */
function sentKind(events: readonly Snap[], j: number): Map<string, number> {
  const numeric = world.features[j].kind === 'numeric';
  const counts = new Map<string, number>();
  for (const e of events) {
    const v = e.values[j];
    const k =
      v === undefined
        ? '(absent)'
        : v === null
          ? '(null)'
          : typeof v === 'number'
            ? 'number'
            : numeric
              ? 'string'
              : v;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

/** Does feature `name` have the same distribution in two samples? KS or chi-square at α = 0.001. */
function compare(a: readonly Snap[], b: readonly Snap[], name: string, repr: Repr): TestResult {
  const j = col(name);
  const spec = world.features[j];
  const column = (events: readonly Snap[]) =>
    summary(events, `${repr}/${name}`, () =>
      sorted(repr === 'truth' ? truthColumn(events, j) : events.map((e) => e.values[j] as number)),
    );
  if (repr === 'truth') {
    if (spec.kind === 'numeric') return ks(column(a), column(b));
    const tally = (events: readonly Snap[]) =>
      summary(events, `truth-tally/${name}`, () => {
        const counts = new Map<string, number>();
        for (const e of events) counts.set(String(e.truth[j]), (counts.get(String(e.truth[j])) ?? 0) + 1);
        return counts;
      });
    return homogeneity(tally(a), tally(b));
  }
  const kinds = (events: readonly Snap[]) => summary(events, `sent-kind/${name}`, () => sentKind(events, j));
  const onlyNumbers = (events: readonly Snap[]) =>
    summary(events, `numbers/${name}`, () => events.every((e) => typeof e.values[j] === 'number'));
  if (spec.kind === 'numeric' && onlyNumbers(a) && onlyNumbers(b)) return ks(column(a), column(b));
  return homogeneity(kinds(a), kinds(b));
}

interface Runs {
  /** The run with the step. */
  readonly events: Snap[];
  /** Its events that correspond one to one to the baseline's (all but duplicates and abuse traffic). */
  readonly ordinary: Snap[];
  readonly base: Snap[];
  readonly other: Snap[];
}

interface Case {
  readonly injector: string;
  readonly target: Omit<StepTarget, 'world'>;
  readonly params: Record<string, unknown>;
  /** Features whose distribution must move, compared as true values or as sent. */
  readonly moved: readonly string[];
  readonly repr: Repr;
  /** Features whose true values must equal the baseline's (default from the injector's category). */
  readonly sameTruth?: readonly string[];
  /** Features sent exactly as in the baseline (default: all but the targeted ones). */
  readonly samePayload?: readonly string[];
  /** Per-event fields that must equal the baseline's (default from the injector's category). */
  readonly sameFields?: readonly Field[];
  readonly ordinary?: (events: Snap[]) => Snap[];
  readonly check: (r: Runs) => void;
}

/** Drops each event that repeats the previous one's payload and time (duplicate-records). */
function withoutDuplicates(events: Snap[]): Snap[] {
  return events.filter((e, i) => i === 0 || !isDuplicate(events[i - 1], e));
}
function isDuplicate(prev: Snap, e: Snap): boolean {
  return (
    e.time === prev.time &&
    e.client === prev.client &&
    e.id === prev.id + 1 &&
    JSON.stringify(e.payload) === JSON.stringify(prev.payload)
  );
}

function expectRate(count: number, n: number, p: number): void {
  // Binomial sampling error: 4 standard errors around p.
  expect(Math.abs(count / n - p)).toBeLessThanOrEqual(binomialTolerance(p, n));
}

const numeric = (name: string, events: readonly Snap[]) => truthColumn(events, col(name));
const positives = (events: readonly Snap[]) => events.reduce((s, e) => s + e.label, 0);
const delivered = (events: readonly Snap[]) => events.filter((e) => e.feedbackAt === e.feedbackAt);
const scorer = world.instantiate(Rng.root(0));
const score = (x: Float64Array) => scorer.score!(x, defaultConcept(world));

const CASES: readonly Case[] = [
  {
    injector: 'mean-shift',
    target: { feature: 'utilization' },
    params: { by: 0.6 },
    moved: ['utilization'],
    repr: 'truth',
    check({ events, base, other }) {
      const j = col('utilization');
      // Event by event: the value plus `by`, rounded to the feature's 3 decimals, clamped to [0, 1].
      const off = events.filter(
        (e, i) => Math.abs(e.truth[j] - Math.min(1, base[i].truth[j] + 0.6)) > 0.0005 + 1e-12,
      ).length;
      expect(off).toBe(0);
      // Against another seed: the mean moves by E[min(U + 0.6, 1)] − E[U], estimated on that seed.
      // Clamping at 1 matters here, so the shift is clearly less than 0.6.
      const xs = numeric('utilization', events);
      const xo = numeric('utilization', other);
      const clampedOther = xo.map((v) => Math.min(1, v + 0.6));
      const expected = mean(clampedOther) - mean(xo);
      const tolerance = meanDifferenceTolerance(xs, clampedOther);
      expect(Math.abs(mean(xs) - mean(xo) - expected)).toBeLessThanOrEqual(tolerance);
      expect(expected).toBeLessThan(0.6 - tolerance);
    },
  },
  {
    injector: 'scale-change',
    target: { feature: 'utilization' },
    params: { factor: 0.5 },
    moved: ['utilization'],
    repr: 'truth',
    check({ events, base, other }) {
      const j = col('utilization');
      const centre = worldTypicalValues(world, SEED).mean[j];
      // Event by event: the deviation from the world's typical mean halves (rounding: ±0.0005).
      const off = events.filter(
        (e, i) => Math.abs(e.truth[j] - centre - 0.5 * (base[i].truth[j] - centre)) > 0.0005 + 1e-12,
      ).length;
      expect(off).toBe(0);
      // Against another seed: sd × 0.5, within the sampling error of a ratio of sds.
      const xs = numeric('utilization', events);
      const xo = numeric('utilization', other);
      expect(Math.abs(sd(xs) / sd(xo) - 0.5)).toBeLessThanOrEqual(sdRatioTolerance(xs, xo));
      // The mean moves to centre + 0.5 (μ − centre) (≈ μ, as the centre is an estimate of μ).
      const predicted = xo.map((v) => centre + 0.5 * (v - centre));
      expect(Math.abs(mean(xs) - mean(predicted))).toBeLessThanOrEqual(
        meanDifferenceTolerance(xs, predicted),
      );
    },
  },
  {
    injector: 'subpopulation',
    target: { features: ['annual_income', 'employment_type'] },
    params: {
      fraction: 0.3,
      values: { annual_income: { mean: 20_000, sd: 2_000 }, employment_type: { category: 'unemployed' } },
    },
    moved: ['annual_income', 'employment_type'],
    repr: 'truth',
    check({ events, base }) {
      const inc = col('annual_income');
      const emp = col('employment_type');
      const unemployed = categories('employment_type').indexOf('unemployed');
      // Affected events: either targeted value differs from the same-seed baseline. (An event whose
      // baseline is already unemployed with exactly the drawn income would be missed: negligible.)
      const affected = events.filter(
        (e, i) => e.truth[inc] !== base[i].truth[inc] || e.truth[emp] !== base[i].truth[emp],
      );
      expectRate(affected.length, events.length, 0.3);
      // Every affected event carries all the new values.
      expect(affected.filter((e) => e.truth[emp] !== unemployed)).toHaveLength(0);
      const incomes = numeric('annual_income', affected);
      const n = incomes.length;
      // Mean: 4 SE = 4 · 2000 / sqrt(n); sd of a normal sample: relative SE sqrt(1 / (2n)).
      expect(Math.abs(mean(incomes) - 20_000)).toBeLessThanOrEqual((4 * 2_000) / Math.sqrt(n));
      expect(Math.abs(sd(incomes) / 2_000 - 1)).toBeLessThanOrEqual(4 * Math.sqrt(1 / (2 * n)) + 0.5 / 2_000);
    },
  },
  {
    injector: 'category-mix',
    target: { feature: 'region' },
    params: { weights: { north: 0.1, south: 0.1, east: 0.1, west: 0.1, central: 0.6 } },
    moved: ['region'],
    repr: 'truth',
    check({ events }) {
      const j = col('region');
      const weights = [0.1, 0.1, 0.1, 0.1, 0.6];
      const counts = countsOf(
        events.map((e) => e.truth[j]),
        [0, 1, 2, 3, 4],
      );
      expect(categories('region')).toEqual(['north', 'south', 'east', 'west', 'central']);
      expect(chiSquareGoodnessOfFit(counts, weights).rejects).toBe(false);
      counts.forEach((c, k) => expectRate(c, events.length, weights[k]));
    },
  },
  {
    injector: 'concept-change',
    target: {},
    // One more unit of log-odds for every applicant: documented as raising the base default rate.
    params: { set: { intercept: -2.88 } },
    moved: [],
    repr: 'truth',
    check({ events, base, other }) {
      const concept = { ...defaultConcept(world), intercept: -2.88 };
      // P(y = 1) is now the mean of the new score over the (unchanged) inputs.
      const expected = mean(events.map((e) => scorer.score!(e.truth, concept)));
      expectRate(positives(events), events.length, expected);
      // The rate went up, beyond sampling error, compared with another seed...
      const before = positives(other) / other.length;
      const after = positives(events) / events.length;
      expect(after - before).toBeGreaterThan(
        4 * Math.sqrt((after * (1 - after) + before * (1 - before)) / N),
      );
      expect(
        chiSquareHomogeneity(
          [positives(events), N - positives(events)],
          [positives(other), N - positives(other)],
        ).rejects,
      ).toBe(true);
      // ...and, with the same label noise, no applicant who defaulted before repays now.
      expect(events.filter((e, i) => base[i].label === 1 && e.label === 0)).toHaveLength(0);
      expect(events.filter((e) => e.feedbackLabel !== e.label)).toHaveLength(0);
    },
  },
  {
    injector: 'prior-shift',
    target: {},
    params: { positiveRate: 0.4 },
    // P(x) moves with P(y) through the features that predict default.
    moved: ['utilization', 'delinquencies_2y', 'debt_to_income'],
    repr: 'truth',
    sameTruth: [],
    samePayload: [],
    check({ events, base, other }) {
      // The positive rate reaches the target. Sampling error: the run's binomial error plus the error
      // of the reference rate b (20 000 draws) the acceptance probabilities are computed from, which
      // moves the result by t(1 − t) δb / (b(1 − b)).
      const b = positives(base) / N;
      const t = 0.4;
      const reference = (t * (1 - t)) / Math.sqrt(b * (1 - b) * 20_000);
      const tolerance = Math.hypot(binomialTolerance(t, events.length), 4 * reference);
      expect(Math.abs(positives(events) / events.length - t)).toBeLessThanOrEqual(tolerance);
      // Feedback still carries the (new) label.
      expect(events.filter((e) => e.feedbackLabel !== e.label)).toHaveLength(0);
      // P(x | y) is unchanged: within each class, no feature differs from another seed's.
      for (const y of [0, 1]) {
        const mine = events.filter((e) => e.label === y);
        const theirs = other.filter((e) => e.label === y);
        for (const name of FEATURES)
          expect([y, name, compare(mine, theirs, name, 'truth').rejects]).toEqual([y, name, false]);
      }
    },
  },
  {
    injector: 'missing-values',
    target: { feature: 'annual_income' },
    params: { rate: 0.2 },
    moved: ['annual_income'],
    repr: 'sent',
    check({ events }) {
      const j = col('annual_income');
      const nulls = events.filter((e) => e.payload.annual_income === null).length;
      expectRate(nulls, events.length, 0.2);
      // The rest is sent as is; no other feature is ever null.
      expect(
        events.filter((e) => e.payload.annual_income !== null && e.payload.annual_income !== e.truth[j]),
      ).toHaveLength(0);
      expect(
        events.filter((e) => FEATURES.some((f) => f !== 'annual_income' && e.payload[f] === null)),
      ).toHaveLength(0);
    },
  },
  {
    injector: 'unit-change',
    target: { feature: 'annual_income' },
    params: { factor: 0.001 },
    moved: ['annual_income'],
    repr: 'sent',
    check({ events }) {
      const j = col('annual_income');
      // Whole dollars × 0.001: exactly three decimals, without floating-point noise like 52.300000000000004.
      const wrong = events.filter((e) => {
        const v = e.payload.annual_income as number;
        return v !== Number((e.truth[j] / 1000).toFixed(3));
      });
      expect(wrong).toHaveLength(0);
    },
  },
  {
    injector: 'rename-field',
    target: { feature: 'annual_income' },
    params: { to: 'income_usd' },
    moved: ['annual_income'],
    repr: 'sent',
    check({ events }) {
      const j = col('annual_income');
      const keys = FEATURES.map((f) => (f === 'annual_income' ? 'income_usd' : f));
      expect(
        events.filter((e) => JSON.stringify(Object.keys(e.payload)) !== JSON.stringify(keys)),
      ).toHaveLength(0);
      expect(events.filter((e) => e.payload.income_usd !== e.truth[j])).toHaveLength(0);
    },
  },
  {
    injector: 'drop-field',
    target: { feature: 'region' },
    params: {},
    moved: ['region'],
    repr: 'sent',
    check({ events }) {
      const keys = FEATURES.filter((f) => f !== 'region');
      expect(
        events.filter((e) => JSON.stringify(Object.keys(e.payload)) !== JSON.stringify(keys)),
      ).toHaveLength(0);
    },
  },
  {
    injector: 'number-as-string',
    target: { feature: 'annual_income' },
    params: { rate: 0.5 },
    moved: ['annual_income'],
    repr: 'sent',
    check({ events }) {
      const j = col('annual_income');
      const strings = events.filter((e) => typeof e.payload.annual_income === 'string');
      expectRate(strings.length, events.length, 0.5);
      // A JSON string that parses to the true number; the rest are numbers equal to the truth.
      expect(strings.filter((e) => Number(e.payload.annual_income) !== e.truth[j])).toHaveLength(0);
      expect(strings.filter((e) => !/^\d+$/.test(e.payload.annual_income as string))).toHaveLength(0);
      expect(
        events.filter(
          (e) => typeof e.payload.annual_income !== 'string' && e.payload.annual_income !== e.truth[j],
        ),
      ).toHaveLength(0);
    },
  },
  {
    injector: 'unseen-category',
    target: { feature: 'region' },
    params: { values: ['atlantis', 'mars'], rate: 0.3 },
    moved: ['region'],
    repr: 'sent',
    check({ events }) {
      const j = col('region');
      const known = categories('region');
      const values = events.map((e) => e.payload.region as string);
      expectRate(values.filter((v) => v === 'atlantis' || v === 'mars').length, events.length, 0.3);
      // Chosen uniformly from the list.
      expectRate(values.filter((v) => v === 'atlantis').length, events.length, 0.15);
      expectRate(values.filter((v) => v === 'mars').length, events.length, 0.15);
      // Known values are the true category.
      expect(
        events.filter((e, i) => known.includes(values[i]) && values[i] !== known[e.truth[j]]),
      ).toHaveLength(0);
      expect(values.filter((v) => !known.includes(v) && v !== 'atlantis' && v !== 'mars')).toHaveLength(0);
    },
  },
  {
    injector: 'stuck-feature',
    target: { feature: 'annual_income' },
    params: {},
    moved: ['annual_income'],
    repr: 'sent',
    check({ events, other }) {
      const values = new Set(events.map((e) => e.payload.annual_income));
      expect(values.size).toBe(1);
      const [stuck] = [...values] as number[];
      // Default: the typical value, a median; about half of another seed's incomes lie below it.
      // Error: the reference median's (20 000 draws) plus this sample's, 0.5/sqrt(n) each.
      const below = numeric('annual_income', other).filter((v) => v < stuck).length / other.length;
      expect(Math.abs(below - 0.5)).toBeLessThanOrEqual(4 * Math.sqrt(0.25 / 20_000 + 0.25 / other.length));
    },
  },
  {
    injector: 'outliers',
    target: { feature: 'annual_income' },
    params: { factor: 100, rate: 0.05 },
    moved: ['annual_income'],
    repr: 'sent',
    check({ events }) {
      const j = col('annual_income');
      // Incomes of 0 stay 0 whatever the factor: leave them out.
      const positive = events.filter((e) => e.truth[j] > 0);
      const scaled = positive.filter((e) => e.payload.annual_income === e.truth[j] * 100);
      expectRate(scaled.length, positive.length, 0.05);
      expect(
        positive.filter(
          (e) => e.payload.annual_income !== e.truth[j] && e.payload.annual_income !== e.truth[j] * 100,
        ),
      ).toHaveLength(0);
    },
  },
  {
    injector: 'duplicate-records',
    target: {},
    params: { rate: 0.1 },
    moved: [],
    repr: 'sent',
    ordinary: withoutDuplicates,
    check({ events, ordinary }) {
      const duplicates = events.length - ordinary.length;
      // Each original is followed by its duplicate with probability `rate`.
      expectRate(duplicates, ordinary.length, 0.1);
      // Duplicates repeat payload, time, client and ground truth under a new id.
      const dups = events.filter((e, i) => i > 0 && isDuplicate(events[i - 1], e));
      expect(dups).toHaveLength(duplicates);
      expect(
        dups.filter((e) => {
          const prev = events[events.indexOf(e) - 1];
          return e.label !== prev.label || !same(e.feedbackAt, prev.feedbackAt);
        }),
      ).toHaveLength(0);
      // A duplicate is not itself duplicated.
      expect(
        events.filter(
          (e, i) => i > 1 && isDuplicate(events[i - 1], e) && isDuplicate(events[i - 2], events[i - 1]),
        ),
      ).toHaveLength(0);
    },
  },
  {
    injector: 'label-delay',
    target: {},
    params: { factor: 3 },
    moved: [],
    repr: 'truth',
    sameFields: ['time', 'client', 'label', 'feedbackLabel', 'serving'],
    check({ events, base, other }) {
      // Same events get their label, each three times later.
      expect(
        events.filter((e, i) => Number.isNaN(e.feedbackAt) !== Number.isNaN(base[i].feedbackAt)),
      ).toHaveLength(0);
      // (Up to the rounding of epoch-millisecond sums near 1.8e12, whose spacing is 2.4e-4 ms.)
      const ratioOff = delivered(events).filter((e) => {
        const b = base[e.id - 1];
        return Math.abs(e.feedbackAt - e.time - 3 * (b.feedbackAt - b.time)) > 1e-3;
      });
      expect(ratioOff).toHaveLength(0);
      // Median delay ≈ 3 × the default 30 min. The log-delay is normal with sd σ = 0.6, so the log of
      // the sample median has SE σ sqrt(π / (2n)).
      const delays = delivered(events).map((e) => e.feedbackAt - e.time);
      const tolerance = 4 * 0.6 * Math.sqrt(Math.PI / (2 * delays.length));
      expect(Math.abs(Math.log(median(delays) / (3 * 30 * 60_000)))).toBeLessThanOrEqual(tolerance);
      const otherDelays = delivered(other).map((e) => e.feedbackAt - e.time);
      expect(ksTest(delays, otherDelays, ALPHA).rejects).toBe(true);
    },
  },
  {
    injector: 'label-drop',
    target: {},
    params: { rate: 0.3 },
    moved: [],
    repr: 'truth',
    sameFields: ['time', 'client', 'label', 'feedbackLabel', 'serving'],
    check({ events, base }) {
      // Delivered share: coverage 0.9 × (1 − 0.3).
      expectRate(delivered(events).length, events.length, 0.9 * 0.7);
      // Only labels that would have arrived do, at the same moment.
      expect(delivered(events).filter((e) => e.feedbackAt !== base[e.id - 1].feedbackAt)).toHaveLength(0);
      expect(events.filter((e) => e.feedbackLabel !== e.label)).toHaveLength(0);
    },
  },
  {
    injector: 'label-flip',
    target: {},
    params: { rate: 0.25 },
    moved: [],
    repr: 'truth',
    sameFields: ['time', 'client', 'label', 'feedbackAt', 'serving'],
    check({ events }) {
      const flipped = events.filter((e) => e.feedbackLabel !== e.label);
      expectRate(flipped.length, events.length, 0.25);
      expect(flipped.filter((e) => e.feedbackLabel !== 1 - e.label)).toHaveLength(0);
    },
  },
  {
    injector: 'added-latency',
    target: {},
    params: { ms: 250 },
    moved: [],
    repr: 'truth',
    check({ events, base }) {
      expect(base.filter((e) => e.serving !== null)).toHaveLength(0);
      const wrong = events.filter(
        (e) =>
          JSON.stringify(e.serving) !==
          JSON.stringify({ addedLatencyMs: 250, failStatus: 0, unavailable: false }),
      );
      expect(wrong).toHaveLength(0);
    },
  },
  {
    injector: 'error-burst',
    target: {},
    params: { rate: 0.2, status: 503 },
    moved: [],
    repr: 'truth',
    check({ events }) {
      const failed = events.filter((e) => e.serving?.failStatus === 503);
      expectRate(failed.length, events.length, 0.2);
      const others = events.filter((e) => e.serving?.failStatus !== 503);
      expect(
        others.filter(
          (e) =>
            JSON.stringify(e.serving) !==
            JSON.stringify({ addedLatencyMs: 0, failStatus: 0, unavailable: false }),
        ),
      ).toHaveLength(0);
      expect(failed.filter((e) => e.serving!.addedLatencyMs !== 0 || e.serving!.unavailable)).toHaveLength(0);
    },
  },
  {
    injector: 'model-unavailable',
    target: {},
    params: {},
    moved: [],
    repr: 'truth',
    check({ events }) {
      const wrong = events.filter(
        (e) =>
          JSON.stringify(e.serving) !==
          JSON.stringify({ addedLatencyMs: 0, failStatus: 0, unavailable: true }),
      );
      expect(wrong).toHaveLength(0);
    },
  },
  {
    injector: 'request-flood',
    target: {},
    params: { rate: 20 },
    moved: [],
    repr: 'truth',
    ordinary: (events) => events.filter((e) => isOrdinaryClient(e.client)),
    check({ events, ordinary, other }) {
      const flood = events.filter((e) => !isOrdinaryClient(e.client));
      // One client, sending r / (r + λ) of all requests (superposed Poisson processes), named
      // like any other so its id gives nothing away.
      expect(new Set(flood.map((e) => e.client)).size).toBe(1);
      expect(flood[0].client).toMatch(/^client-\d{3}$/);
      expectRate(flood.length, events.length, 20 / (20 + 50));
      expect(ordinary.length + flood.length).toBe(events.length);
      // An abuser's labels never come back; its inputs look like ordinary traffic.
      expect(flood.filter((e) => !Number.isNaN(e.feedbackAt))).toHaveLength(0);
      for (const name of ['age', 'annual_income', 'utilization', 'region'])
        expect([name, compare(flood, other, name, 'truth').rejects]).toEqual([name, false]);
    },
  },
  {
    injector: 'boundary-probing',
    target: {},
    params: { rate: 4, band: 0.05 },
    moved: [],
    repr: 'truth',
    ordinary: (events) => events.filter((e) => isOrdinaryClient(e.client)),
    check({ events, ordinary }) {
      const probes = events.filter((e) => !isOrdinaryClient(e.client));
      expect(new Set(probes.map((e) => e.client)).size).toBe(1);
      expectRate(probes.length, events.length, 4 / (4 + 50));
      const distance = (e: Snap) => Math.abs(score(e.truth) - 0.5);
      const probeDistance = probes.map(distance);
      const ordinaryDistance = ordinary.map(distance);
      // Bisection towards an anchor across the boundary lands within the band except where the
      // score jumps across it (fraud's score has steps: night hours, a repeat under 60 s, an account
      // under 30 days; and values are rounded): nearly every probe, while few ordinary inputs are
      // that close.
      const inBand = probeDistance.filter((d) => d <= 0.05).length / probes.length;
      const ordinaryInBand = ordinaryDistance.filter((d) => d <= 0.05).length / ordinary.length;
      expect(inBand).toBeGreaterThan(0.9);
      expect(ordinaryInBand).toBeLessThan(0.1);
      expect(ksTest(probeDistance, ordinaryDistance, ALPHA).rejects).toBe(true);
      expect(median(probeDistance)).toBeLessThan(0.05);
      expect(median(ordinaryDistance)).toBeGreaterThan(0.2);
      expect(probes.filter((e) => !Number.isNaN(e.feedbackAt))).toHaveLength(0);
    },
  },
];

/** What a step of this injector must leave exactly as in the same-seed baseline, by default. */
function defaults(c: Case): { truth: string[]; payload: string[]; fields: readonly Field[] } {
  const info = injectorInfo(c.injector)!;
  const targeted = c.target.features ?? (c.target.feature ? [c.target.feature] : []);
  const others = FEATURES.filter((f) => !targeted.includes(f));
  const truth = c.sameTruth ?? (info.category === 'quality' ? FEATURES : others);
  const payload = c.samePayload ?? others;
  return { truth: [...truth], payload: [...payload], fields: c.sameFields ?? SAME_FIELDS[info.category] };
}

describe('injector catalogue coverage', () => {
  it('has one sample test per injector', () => {
    expect(CASES.map((c) => c.injector).sort()).toEqual([...INJECTOR_NAMES].sort());
    expect(INJECTOR_NAMES).toHaveLength(23);
  });

  it('runs of two seeds do not differ on any feature (the baselines the cases compare with)', () => {
    for (const name of FEATURES) {
      expect([name, compare(base(), other(), name, 'truth').rejects]).toEqual([name, false]);
      expect([name, compare(base(), other(), name, 'sent').rejects]).toEqual([name, false]);
    }
  });
});

describe.each(CASES)('injector $injector on generated samples', (c) => {
  let runs: Runs;
  beforeAll(() => {
    const events = run(options(SEED, [step(c.injector, { world: world.name, ...c.target }, c.params)]), N);
    runs = { events, ordinary: c.ordinary ? c.ordinary(events) : events, base: base(), other: other() };
  });

  it('leaves what it does not target identical to the same seed without a scenario', () => {
    const { truth, payload, fields } = defaults(c);
    const { ordinary, base } = runs;
    expect(ordinary.length).toBeGreaterThan(N / 2);
    expect(differences(ordinary, base, truth.map(col), payload.map(col), fields)).toEqual([]);
    // Every event of an open-ended step starting at 0 is inside its window.
    expect(runs.events.filter((e) => e.incidents.length !== 1 || e.incidents[0] !== STEP_ID)).toHaveLength(0);
  });

  it('moves the targeted features and no other (KS / chi-square at α = 0.001 against another seed)', () => {
    const { truth, payload } = defaults(c);
    for (const name of c.moved)
      expect([name, compare(runs.events, runs.other, name, c.repr).rejects]).toEqual([name, true]);
    // Untargeted features as sent (untouched, that is the truth); for data-quality faults also the
    // targeted feature's truth, which they never change.
    for (const name of FEATURES) {
      const repr = payload.includes(name) ? 'sent' : truth.includes(name) ? 'truth' : null;
      if (repr)
        expect([name, repr, compare(runs.ordinary, runs.other, name, repr).rejects]).toEqual([
          name,
          repr,
          false,
        ]);
    }
  });

  it('has its documented, quantitative effect', () => {
    c.check(runs);
  });
});

describe('a step outside its window', () => {
  const START = 5 * 60_000;
  const DURATION = 5 * 60_000;
  const END = DEFAULT_START_TIME + 15 * 60_000;
  const slow = { ...TRAFFIC, rate: 3 };
  let baseline: Snap[];
  beforeAll(() => {
    baseline = runUntil({ world, seed: SEED, traffic: slow }, END);
  });

  it.each(CASES.map((c) => [c.injector, c] as const))(
    '%s: no effect before or after, incidents inside',
    (_, c) => {
      const s = step(c.injector, { world: world.name, ...c.target }, c.params, {
        start: START,
        duration: DURATION,
      });
      const events = runUntil({ world, seed: SEED, traffic: slow, scenario: scenario(world, [s]) }, END);
      const from = DEFAULT_START_TIME + START;
      const to = from + DURATION;
      const before = events.filter((e) => e.time < from);
      const inside = events.filter((e) => e.time >= from && e.time < to);
      const after = events.filter((e) => e.time >= to);
      expect(before.length).toBeGreaterThan(600);
      expect(inside.length).toBeGreaterThan(600);
      expect(after.length).toBeGreaterThan(600);
      // Before the window: the very same events, ids included.
      const all = FEATURES.map(col);
      expect(differences(before, baseline, all, all, FIELDS)).toEqual([]);
      expect(before.map((e) => e.id)).toEqual(baseline.slice(0, before.length).map((e) => e.id));
      expect(before.filter((e) => e.incidents.length > 0)).toHaveLength(0);
      // Inside: the step is listed on every event, and only there.
      expect(inside.filter((e) => e.incidents.length !== 1 || e.incidents[0] !== STEP_ID)).toHaveLength(0);
      expect(after.filter((e) => e.incidents.length > 0)).toHaveLength(0);
      // After: ordinary traffic continues exactly as without the step.
      const ordinaryAfter = c.ordinary ? c.ordinary(after) : after;
      const baselineAfter = baseline.filter((e) => e.time >= to);
      expect(ordinaryAfter.length).toBe(baselineAfter.length);
      expect(differences(ordinaryAfter, baselineAfter, all, all, FIELDS)).toEqual([]);
    },
  );
});

describe('injectors: particular cases', () => {
  it('stuck-feature with a given category sends that category', () => {
    const s = step('stuck-feature', { world: world.name, feature: 'region' }, { value: 'east' });
    const events = run(options(SEED, [s]), 2_000);
    expect(events.filter((e) => e.payload.region !== 'east')).toHaveLength(0);
    // The truth still varies: the label comes from it.
    expect(new Set(events.map((e) => e.truth[col('region')])).size).toBe(5);
  });

  it('mean-shift on a feature with little clamping moves the mean by ≈ by', () => {
    const s = step('mean-shift', { world: world.name, feature: 'age' }, { by: 5 });
    const events = run(options(SEED, [s]), N / 2);
    const xs = numeric('age', events);
    const xo = numeric('age', other());
    // Ages reach the maximum 80 rarely (N(42, 12) above 75 is 0.3 %), so the shift is ≈ 5 within the
    // sampling error of two means plus that small clamping loss, estimated on the other seed.
    const loss = mean(xo.map((v) => v + 5 - Math.min(80, v + 5)));
    expect(loss).toBeLessThan(0.05);
    expect(Math.abs(mean(xs) - mean(xo) - 5)).toBeLessThanOrEqual(meanDifferenceTolerance(xs, xo) + loss);
  });

  it('unit-change and outliers keep every digit of the product (values with 4 decimals × 0.001)', () => {
    // hyperplane's x1 has 4 decimals; × 0.001 needs 7. Only floating-point noise may go.
    const s = [
      step('unit-change', { world: 'hyperplane', feature: 'x1' }, { factor: 0.001 }, { id: 'units' }),
      step('outliers', { world: 'hyperplane', feature: 'x2' }, { factor: 0.0001, rate: 1 }, { id: 'out' }),
    ];
    const events = run(
      { world: hyperplane, seed: SEED, traffic: TRAFFIC, scenario: scenario(hyperplane, s) },
      2_000,
    );
    const close = (sent: unknown, exact: number) =>
      typeof sent === 'number' && Math.abs(sent - exact) <= 1e-12 * Math.abs(exact);
    expect(events.filter((e) => !close(e.payload.x1, e.truth[0] * 0.001))).toHaveLength(0);
    expect(events.filter((e) => !close(e.payload.x2, e.truth[1] * 0.0001))).toHaveLength(0);
    // And the noise is gone: 0.1234 × 0.001 is sent as 0.0001234, not 0.00012340000000000001.
    expect(events.filter((e) => String(e.payload.x1).replace(/^0\.0*/, '').length > 4)).toHaveLength(0);
  });

  it('prior-shift down to a rarer positive class reaches its target too', () => {
    const s = step('prior-shift', { world: 'credit' }, { positiveRate: 0.05 });
    const events = run(options(SEED, [s]), N);
    // As in the case above: binomial error plus the reference rate's error propagated.
    const b = positives(base()) / N;
    const t = 0.05;
    const tolerance = Math.hypot(
      binomialTolerance(t, events.length),
      (4 * t * (1 - t)) / Math.sqrt(b * (1 - b) * 20_000),
    );
    expect(Math.abs(positives(events) / events.length - t)).toBeLessThanOrEqual(tolerance);
    const mine = events.filter((e) => e.label === 1);
    const theirs = other().filter((e) => e.label === 1);
    for (const name of ['utilization', 'delinquencies_2y', 'annual_income'])
      expect([name, compare(mine, theirs, name, 'truth').rejects]).toEqual([name, false]);
  });

  it('missing-values on a categorical feature sends null', () => {
    const s = step('missing-values', { world: world.name, feature: 'home_ownership' }, { rate: 0.5 });
    const events = run(options(SEED, [s]), N / 2);
    expectRate(events.filter((e) => e.payload.home_ownership === null).length, events.length, 0.5);
  });
});
