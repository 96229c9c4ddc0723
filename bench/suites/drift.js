'use strict';
// Drift statistics (exporter/src/drift): KS and Wasserstein in Node against scipy on the same data in
// the same run. The data go to scipy through a temp file of raw float64 values; scipy runs in one
// python3 process (bench/drift-scipy.py) and times itself with the same median-of-repeats rule.
const { mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const { spawnSync } = require('node:child_process');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { ksTwoSample, numericColumnDrift, sortSample, wassersteinDistance } = require('@driftlab/exporter');

const SIZE = 100_000;
const WINDOWS = [1_000, 10_000, 100_000];
const REPEATS = 9;

/** mulberry32 uniforms, as in the tests: the same data every run. */
function uniforms(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a) >>> 0;
    t = ((t + Math.imul(t ^ (t >>> 7), 61 | t)) >>> 0) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Normal values by Box–Muller (loc, scale), no ties. */
function normal(seed, n, loc = 0, scale = 1) {
  const next = uniforms(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - next()));
    const t = 2 * Math.PI * next();
    out[i] = loc + scale * r * Math.cos(t);
    if (i + 1 < n) out[i + 1] = loc + scale * r * Math.sin(t);
  }
  return out;
}

/** Median wall time in ms of `repeats` calls after one warm-up call, and the last result. */
function time(fn, repeats = REPEATS) {
  let result = fn();
  const times = [];
  for (let k = 0; k < repeats; k++) {
    const start = process.hrtime.bigint();
    result = fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], result };
}

function scipyTimes(dir) {
  const out = spawnSync('python3', [join(__dirname, '..', 'drift-scipy.py'), dir, String(REPEATS)], {
    encoding: 'utf8',
  });
  if (out.status !== 0) return { error: (out.stderr || out.error?.message || 'python3 failed').trim() };
  return JSON.parse(out.stdout);
}

/** Which of scipy's kstwo methods gives the asymptotic p-value (exporter/src/drift/kstwo.ts). */
function kstwoMethod(n1, n2, d) {
  const n = Math.round((n1 * n2) / (n1 + n2));
  if (n * d * d >= 2.2) return 'the Smirnov sum';
  return n <= 100_000 && n * d ** 1.5 <= 1.4 ? 'the Durbin matrix' : 'the Pelz–Good series';
}

const ms = (x) => (x < 10 ? x.toFixed(2) : x.toFixed(1)) + ' ms';
const agrees = (a, b) => Math.abs(a - b) <= 1e-9 * Math.abs(b);

module.exports = {
  name: 'drift',
  async run() {
    const reference = normal(1, SIZE);
    const current = normal(2, SIZE, 0.01, 1.02);
    const same = normal(5, SIZE);
    const exactReference = normal(3, 5_000);
    const exactCurrent = normal(4, 7_000, 0.05);
    const dir = mkdtempSync(join(tmpdir(), 'driftlab-bench-'));
    let scipy;
    try {
      for (const [name, data] of Object.entries({ reference, current, same, exactReference, exactCurrent }))
        writeFileSync(join(dir, `${name}.f64`), data);
      scipy = scipyTimes(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const sorted = sortSample(reference);
    const ksUnsorted = time(() => ksTwoSample(reference, current));
    const ksSorted = time(() => ksTwoSample(sorted, current));
    const wUnsorted = time(() => wassersteinDistance(reference, current));
    const wSorted = time(() => wassersteinDistance(sorted, current));
    const sortOnce = time(() => sortSample(reference));
    const column = time(() => numericColumnDrift(sorted, current));
    const exact = time(() => ksTwoSample(exactReference, exactCurrent));
    const sameKs = time(() => ksTwoSample(sorted, same));

    const base = (key, label) =>
      scipy.error ? `scipy unavailable: ${scipy.error.split('\n').pop()}` : `${ms(scipy[key].ms)} (${label})`;
    const ratio = (ours, key) => (scipy.error ? '' : `; ${(ours / scipy[key].ms).toFixed(2)}× scipy`);
    const check = (ok) =>
      scipy.error ? '' : ok ? '; same result as scipy to 1e-9' : '; RESULT DIFFERS FROM SCIPY';
    const ksCheck = (r, key) =>
      check(
        !scipy.error && agrees(r.statistic, scipy[key].statistic) && agrees(r.pValue, scipy[key].p_value),
      );
    const quarter = (key) => (scipy.error ? '≤ ¼ of scipy' : `≤ ¼ of scipy (${ms(scipy[key].ms / 4)})`);
    const how = `median of ${REPEATS} after a warm-up; normal data, 100,000 vs 100,000`;
    const rows = [
      {
        figure: 'KS 100k vs 100k, reference sorted once',
        value: ms(ksSorted.ms),
        baseline: base('ks', 'scipy ks_2samp'),
        target: quarter('ks'),
        how: `ksTwoSample(sortSample(ref), cur): sorts cur, one merge, p by ${kstwoMethod(SIZE, SIZE, ksSorted.result.statistic)}; ${how}${ratio(ksSorted.ms, 'ks')}${ksCheck(ksSorted.result, 'ks')}`,
      },
      {
        figure: 'KS 100k vs 100k, both unsorted',
        value: ms(ksUnsorted.ms),
        baseline: base('ks', 'scipy ks_2samp'),
        target: quarter('ks'),
        how: `ksTwoSample(ref, cur): sorts both; ${how}${ratio(ksUnsorted.ms, 'ks')}${ksCheck(ksUnsorted.result, 'ks')}`,
      },
      {
        figure: 'Wasserstein 100k vs 100k, reference sorted once',
        value: ms(wSorted.ms),
        baseline: base('wasserstein', 'scipy wasserstein_distance'),
        target: quarter('wasserstein'),
        how: `${how}${ratio(wSorted.ms, 'wasserstein')}${check(!scipy.error && agrees(wSorted.result, scipy.wasserstein.distance))}`,
      },
      {
        figure: 'Wasserstein 100k vs 100k, both unsorted',
        value: ms(wUnsorted.ms),
        baseline: base('wasserstein', 'scipy wasserstein_distance'),
        target: quarter('wasserstein'),
        how: `${how}${ratio(wUnsorted.ms, 'wasserstein')}${check(!scipy.error && agrees(wUnsorted.result, scipy.wasserstein.distance))}`,
      },
      {
        figure: 'sorting the 100k reference once',
        value: ms(sortOnce.ms),
        baseline: '',
        target: '',
        how: 'sortSample: copy without non-finite values + Float64Array.prototype.sort',
      },
      {
        figure: 'whole numeric column, 100k vs 100k',
        value: ms(column.ms),
        baseline: '',
        target: '',
        how: 'numericColumnDrift(sorted ref, cur): KS, W1, sd, deciles, PSI, JS, chi-square, default test',
      },
      {
        figure: 'KS 100k vs 100k, same distribution, reference sorted once',
        value: ms(sameKs.ms),
        baseline: base('same', 'scipy ks_2samp'),
        target: '',
        how: `D = ${sameKs.result.statistic.toPrecision(3)}, p = ${sameKs.result.pValue.toPrecision(3)} by ${kstwoMethod(SIZE, SIZE, sameKs.result.statistic)}${ratio(sameKs.ms, 'same')}${ksCheck(sameKs.result, 'same')}`,
      },
      {
        figure: 'KS with exact p-value, 5,000 vs 7,000',
        value: ms(exact.ms),
        baseline: base('exact', 'scipy ks_2samp, exact'),
        target: '',
        how: `both unsorted; the exact path (max size ≤ 10,000)${ratio(exact.ms, 'exact')}${ksCheck(exact.result, 'exact')}`,
      },
    ];
    for (const w of WINDOWS) {
      const window = current.subarray(0, w);
      const ks = time(() => ksTwoSample(sorted, window));
      const wd = time(() => wassersteinDistance(sorted, window));
      const key = `window${w}`;
      rows.push({
        figure: `KS + Wasserstein, window of ${w.toLocaleString('en-US')} vs 100k sorted reference`,
        value: `${ms(ks.ms)} + ${ms(wd.ms)}`,
        baseline: scipy.error ? '' : `${ms(scipy[key].ks)} + ${ms(scipy[key].wasserstein)} (scipy, unsorted)`,
        target: '',
        how: `cost against window size; median of ${REPEATS}`,
      });
    }
    return rows;
  },
};
