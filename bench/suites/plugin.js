'use strict';
// The drift panel (issue 5): plugin/dist/module.js rendered in headless Chromium by
// plugin/browser/bench.js, 100 features × 1,000 time points, median of 15 renders per mode.
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');

const ms = (v) => `${v.toFixed(1)} ms`;

module.exports = {
  name: 'plugin',
  async run() {
    let out;
    try {
      out = JSON.parse(
        execFileSync(
          process.execPath,
          [join(__dirname, '..', '..', 'plugin', 'browser', 'bench.js'), '--json'],
          {
            encoding: 'utf8',
            stdio: ['ignore', 'pipe', 'inherit'],
          },
        ),
      );
    } catch (e) {
      // Without Chromium (or a built plugin) the other suites' figures still print.
      return [{ figure: 'drift panel render', value: 'not measured', how: String(e.message).split('\n')[0] }];
    }
    const load = `${out.features} features × ${out.points} points`;
    const how = `median of ${out.repeats} renders with fresh frames: parse, view model, React commit, canvas, forced layout`;
    return [
      {
        figure: `timeline render, ${load}`,
        value: ms(out.timeline.median),
        baseline: `${ms(out.empty.median)} (the panel's "No data" render)`,
        target: '≤ 50 ms',
        how: `${how} (min ${ms(out.timeline.min)}, max ${ms(out.timeline.max)})`,
      },
      {
        figure: `overview render, ${load}`,
        value: ms(out.overview.median),
        baseline: '',
        target: '≤ 50 ms',
        how: `same, ranking and distribution (min ${ms(out.overview.min)}, max ${ms(out.overview.max)})`,
      },
      {
        figure: `ranking render, ${load}`,
        value: ms(out.ranking.median),
        baseline: '',
        target: '≤ 50 ms',
        how: `same, ranking alone (min ${ms(out.ranking.min)}, max ${ms(out.ranking.max)})`,
      },
    ];
  },
};
