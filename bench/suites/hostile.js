'use strict';
// Hostile input (issue 16): the attacks that froze or grew the lab, measured against this checkout
// and, side by side, an older built checkout named by DRIFTLAB_BASELINE_DIR (BENCHMARKS.md says how
// to make one). Each case runs in a fresh process (bench/hostile-case.js).
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

const ROOT = join(__dirname, '..', '..');
const BASELINE = process.env.DRIFTLAB_BASELINE_DIR;

const measured = new Map();

/** One run per checkout and case, however many figures read it. */
function measure(root, which) {
  const key = `${root} ${which}`;
  if (!measured.has(key)) measured.set(key, run(root, which));
  return measured.get(key);
}

function run(root, which) {
  const run = spawnSync(
    process.execPath,
    ['--expose-gc', join(__dirname, '..', 'hostile-case.js'), root, which],
    {
      encoding: 'utf8',
      timeout: 600_000,
    },
  );
  if (run.status !== 0) return { error: (run.stderr || 'failed').trim().split('\n').at(-1) };
  return JSON.parse(run.stdout.trim().split('\n').at(-1));
}

/** A figure, and how the attack was answered: the HTTP status, or the CLI's exit code. */
function shown(r, key, unit, answer) {
  if (!r) return '';
  if (r.error) return `error: ${r.error}`;
  return `${r[key]} ${unit} (${answer} ${r.status ?? 'none'})`;
}

module.exports = {
  name: 'hostile',
  async run() {
    const rows = [];
    const cases = [
      ...[5_000, 10_000, 20_000, 40_000].map((n) => [
        `scenario-keys-${n}`,
        `scenario validate, ${n} keys`,
        'ms',
        'ms',
        'exit',
      ]),
      ['ingest-versions', 'ingest: 5,000 batches of distinct versions, one request', 'ms', 'ms', 'HTTP'],
      ['ingest-versions', 'ingest: the scrape after it', 'scrapeMs', 'ms', 'HTTP'],
      [
        'ingest-models',
        'ingest: 120,000 distinct model names, heap kept after GC',
        'heapGrowthMb',
        'MB',
        'HTTP',
      ],
      ['ingest-models', 'ingest: 120,000 distinct model names, RSS growth', 'rssGrowthMb', 'MB', 'HTTP'],
    ];
    for (const [which, figure, key, unit, answer] of cases) {
      const now = measure(ROOT, which);
      const base = BASELINE ? measure(BASELINE, which) : undefined;
      rows.push({
        figure,
        value: shown(now, key, unit, answer),
        baseline: shown(base, key, unit, answer),
        how: `node bench/hostile-case.js <root> ${which}`,
      });
    }
    return rows;
  },
};
