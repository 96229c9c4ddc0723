'use strict';
// Simulator throughput and memory (issue 2). Each figure is the median of three fresh processes
// (bench/simulator-case.js), so one case's JIT state never affects another.
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');

const EVENTS = 2_000_000;

function measure(name, events = EVENTS) {
  const out = execFileSync(
    process.execPath,
    [join(__dirname, '..', 'simulator-case.js'), name, String(events)],
    {
      encoding: 'utf8',
    },
  );
  return JSON.parse(out);
}

function median(name, events = EVENTS) {
  const runs = [0, 1, 2]
    .map(() => measure(name, events))
    .sort((a, b) => a.eventsPerSecond - b.eventsPerSecond);
  return runs[1];
}

const fmt = (n) => Math.round(n).toLocaleString('en-US');
const mb = (kb) => `${(kb / 1024).toFixed(0)} MiB`;

module.exports = {
  name: 'simulator',
  async run() {
    const bare = median('bare');
    const memory = median('memory');
    const scenario = median('memory-scenario');
    const stringify = median('stringify', EVENTS / 4);
    const jsonl = median('jsonl');
    const simulate = median('simulate');
    const rss6 = measure('simulate', 1_000_000);
    const rss7 = measure('simulate', 10_000_000);
    return [
      {
        figure: 'credit events/s in memory',
        value: fmt(memory.eventsPerSecond),
        baseline: `${fmt(bare.eventsPerSecond)} (bare generate-and-sum loop)`,
        target: '≥ 1,000,000',
        how: `Simulation.next() × ${fmt(EVENTS)}`,
      },
      {
        figure: 'credit events/s in memory, scenario active',
        value: fmt(scenario.eventsPerSecond),
        baseline: '',
        target: '',
        how: 'same, with credit-income-drop (a gradual mean shift)',
      },
      {
        figure: 'credit events/s as JSONL to /dev/null',
        value: fmt(jsonl.eventsPerSecond),
        baseline: `${fmt(stringify.eventsPerSecond)} (JSON.stringify per event)`,
        target: '≥ 400,000',
        how: 'JsonlFormatter.encode into 64 KiB chunks, writeSync; the baseline is the same loop with JSON.stringify',
      },
      {
        figure: 'credit events/s, driftlab simulate path',
        value: fmt(simulate.eventsPerSecond),
        baseline: '',
        target: '',
        how: 'writeEvents into an fs stream on /dev/null (async, as `--out` does)',
      },
      {
        figure: 'peak RSS, 10^6 events',
        value: mb(rss6.maxRssKb),
        baseline: `${mb(rss6.baselineRssKb)} (process before the run)`,
        target: 'flat',
        how: 'the simulate path, resourceUsage().maxRSS',
      },
      {
        figure: 'peak RSS, 10^7 events',
        value: mb(rss7.maxRssKb),
        baseline: `${mb(rss7.baselineRssKb)} (process before the run)`,
        target: 'same as 10^6',
        how: 'same',
      },
    ];
  },
};
