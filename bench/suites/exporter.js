'use strict';
// The monitoring side (issue 4): the generate → predict → monitor loop, peak RSS against run
// length, and /metrics render time and size. Each figure comes from a fresh process
// (bench/exporter-case.js). Drift statistics against scipy are in suites/drift.js.
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');

function measure(name, events) {
  const args = [join(__dirname, '..', 'exporter-case.js'), name, ...(events ? [String(events)] : [])];
  return JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 26 }));
}

function median(name, events) {
  const runs = [0, 1, 2]
    .map(() => measure(name, events))
    .sort((a, b) => a.eventsPerSecond - b.eventsPerSecond);
  return runs[1];
}

const fmt = (n) => Math.round(n).toLocaleString('en-US');
const mib = (kb) => `${(kb / 1024).toFixed(0)} MiB`;
const kb = (bytes) => `${(bytes / 1024).toFixed(0)} kB`;
// 10^8 events take about ten minutes; DRIFTLAB_BENCH_LONG=0 stops at 10^7.
const LONG = process.env.DRIFTLAB_BENCH_LONG !== '0';

module.exports = {
  name: 'exporter',
  async run() {
    const loop = median('loop', 1_000_000);
    const floor = median('simulate', 1_000_000);
    const rss6 = measure('loop', 1_000_000);
    const rss7 = measure('loop', 10_000_000);
    const rss8 = LONG ? measure('loop', 100_000_000) : null;
    const m = measure('metrics');
    return [
      {
        figure: 'generate → predict → monitor, events/s (credit, one core)',
        value: fmt(loop.eventsPerSecond),
        baseline: `${fmt(floor.eventsPerSecond)} (generate only)`,
        target: '≥ 500,000',
        how: 'Simulation.next, ServedModel.predict, ModelMonitor.observe, labels joined at feedback time; 10^6 events, median of 3',
      },
      {
        figure: 'peak RSS, 10^6 / 10^7 / 10^8 events',
        value: [rss6, rss7, rss8].map((r) => (r ? mib(r.maxRssKb) : 'skipped')).join(' / '),
        baseline: `${mib(rss6.baselineRssKb)} (after loading and training)`,
        target: 'flat',
        how: 'the loop above, process maxRSS',
      },
      {
        figure: '/metrics render, 10 models × 30 features, after new events',
        value: `${m.cold.ms.toFixed(0)} ms, ${kb(m.cold.bytes)}`,
        baseline: `${m.baseline.ms.toFixed(0)} ms, ${kb(m.baseline.bytes)} (plain prom-client, ${fmt(m.series)} series)`,
        target: '≤ 20 ms, ≤ 500 kB',
        how: 'registry.metrics() (OpenMetrics), median of 9; drift and quality recomputed',
      },
      {
        figure: '/metrics render, same, 2,000 new labelled events per model',
        value: `${m.coldFullWindow.ms.toFixed(0)} ms`,
        baseline: `${m.baseline.ms.toFixed(0)} ms (plain prom-client)`,
        target: '≤ 20 ms',
        how: 'a busy lab: every window moved since the last scrape',
      },
      {
        figure: '/metrics render, same, nothing new since the last scrape',
        value: `${m.warm.ms.toFixed(0)} ms`,
        baseline: `${m.baseline.ms.toFixed(0)} ms (plain prom-client)`,
        target: '≤ 20 ms',
        how: 'reports cached until an event arrives',
      },
    ];
  },
};
