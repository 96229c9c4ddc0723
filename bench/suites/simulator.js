'use strict';
// Simulator throughput and memory (issue 2). Needs `npm run build` (npm run bench does it).
const { execFileSync } = require('node:child_process');
const { openSync, writeSync, closeSync } = require('node:fs');
const { join } = require('node:path');
const sim = require('../../simulator/dist');

const SEED = 1;
const EVENTS = 2_000_000;
const REPEATS = 3;

/** Median events per second of `fn(n)` over REPEATS runs. */
function rate(fn, n = EVENTS) {
  const rates = [];
  for (let r = 0; r < REPEATS; r++) {
    const t0 = process.hrtime.bigint();
    fn(n);
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    rates.push(n / seconds);
  }
  return rates.sort((a, b) => a - b)[Math.floor(REPEATS / 2)];
}

const fmt = (n) => Math.round(n).toLocaleString('en-US');
let sink = 0;

/** The floor: the credit world's own sampler in a bare loop, summing the values. */
function bareGenerateAndSum(n) {
  const world = sim.getWorld('credit');
  const root = sim.Rng.root(SEED);
  const instance = world.instantiate(root.fork('instance'));
  const streams = world.features.map((f) => root.fork(`feature/${f.name}`));
  const x = new Float64Array(world.features.length);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    instance.sample(streams, x);
    for (let j = 0; j < x.length; j++) sum += x[j];
  }
  sink += sum;
}

/** The full simulator: arrivals, clients, labels and label feedback, step checks. */
function simulateInMemory(n, scenario) {
  const s = new sim.Simulation({ world: sim.getWorld('credit'), seed: SEED, scenario });
  let sum = 0;
  for (let i = 0; i < n; i++) sum += s.next().label;
  sink += sum;
}

/** The baseline: JSON.stringify per event, lines joined into 64 KiB chunks for /dev/null. */
function stringifyToDevNull(n) {
  const s = new sim.Simulation({ world: sim.getWorld('credit'), seed: SEED });
  const fd = openSync('/dev/null', 'w');
  let chunk = '';
  for (let i = 0; i < n; i++) {
    chunk += JSON.stringify(sim.toRecord(s.next())) + '\n';
    if (chunk.length >= 65536) {
      writeSync(fd, chunk);
      chunk = '';
    }
  }
  writeSync(fd, chunk);
  closeSync(fd);
}

/** Ours: JsonlFormatter encoding into 64 KiB byte chunks for /dev/null, as writeEvents does. */
function jsonlToDevNull(n) {
  const world = sim.getWorld('credit');
  const s = new sim.Simulation({ world, seed: SEED });
  const formatter = new sim.JsonlFormatter(world);
  const writer = new sim.ByteWriter(1 << 17);
  const fd = openSync('/dev/null', 'w');
  for (let i = 0; i < n; i++) {
    formatter.encode(s.next(), writer);
    if (writer.length >= 65536) writeSync(fd, writer.take());
  }
  writeSync(fd, writer.take());
  closeSync(fd);
}

function peakRss(events) {
  const out = execFileSync(process.execPath, [join(__dirname, '..', 'rss-child.js'), String(events)], {
    encoding: 'utf8',
  });
  return JSON.parse(out);
}

module.exports = {
  name: 'simulator',
  async run() {
    const scenario = sim.resolveScenario('credit-income-drop');
    const bare = rate(bareGenerateAndSum);
    const full = rate((n) => simulateInMemory(n));
    const withScenario = rate((n) => simulateInMemory(n, scenario));
    const stringifyRate = rate(stringifyToDevNull, EVENTS / 4);
    const jsonlRate = rate(jsonlToDevNull);
    const rss6 = peakRss(1_000_000);
    const rss7 = peakRss(10_000_000);
    const mb = (kb) => `${(kb / 1024).toFixed(0)} MiB`;
    return [
      {
        figure: 'credit events/s in memory',
        value: fmt(full),
        baseline: `${fmt(bare)} (bare generate-and-sum loop)`,
        target: '≥ 1,000,000',
        how: `Simulation.next() × ${fmt(EVENTS)}, median of ${REPEATS}`,
      },
      {
        figure: 'credit events/s in memory, scenario active',
        value: fmt(withScenario),
        baseline: '',
        target: '',
        how: 'same, with credit-income-drop (a gradual mean shift)',
      },
      {
        figure: 'credit events/s as JSONL to /dev/null',
        value: fmt(jsonlRate),
        baseline: `${fmt(stringifyRate)} (JSON.stringify per event)`,
        target: '≥ 400,000',
        how: 'JsonlFormatter.encode into 64 KiB byte chunks, writeSync; baseline the same loop with strings',
      },
      {
        figure: 'peak RSS, 10^6 events JSONL to /dev/null',
        value: mb(rss6.maxRssKb),
        baseline: `${mb(rss6.baselineRssKb)} (process before the run)`,
        target: 'flat',
        how: 'driftlab simulate path (writeEvents), child process, resourceUsage().maxRSS',
      },
      {
        figure: 'peak RSS, 10^7 events JSONL to /dev/null',
        value: mb(rss7.maxRssKb),
        baseline: `${mb(rss7.baselineRssKb)} (process before the run)`,
        target: 'same as 10^6',
        how: `same; ${fmt(rss7.eventsPerSecond)} events/s end to end`,
      },
    ];
  },
  get sink() {
    return sink;
  },
};
