#!/usr/bin/env node
'use strict';
// The drift panel's speed in Chromium (`npm run bench` at the root runs it through
// bench/suites/plugin.js): dist/module.js loaded as in the browser test, 100 features × 1,000
// time points rendered per mode. Prints JSON with `--json`, a table otherwise.
const { buildHarness, startServer, launch, requireDist } = require('./lib');

const FEATURES = 100;
const POINTS = 1000;
const REPEATS = 15;

async function main() {
  requireDist();
  const { server, url } = await startServer(await buildHarness());
  const { context, close } = await launch();
  const out = { features: FEATURES, points: POINTS, repeats: REPEATS, chromium: context.browser()?.version() ?? '' };
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => 'driftlab' in window);
    await page.evaluate(() => window.driftlab.load());
    const run = (mode, features, points) =>
      page.evaluate(([m, f, p, r]) => window.driftlab.bench(m, f, p, r), [mode, features, points, REPEATS]);
    // Warm-up: JIT and emotion's style cache, as a dashboard that has rendered once.
    await run('timeline', FEATURES, POINTS);
    out.timeline = await run('timeline', FEATURES, POINTS);
    out.overview = await run('overview', FEATURES, POINTS);
    out.ranking = await run('ranking', FEATURES, POINTS);
    out.empty = await run('overview', 0, POINTS);
  } finally {
    await close();
    server.close();
  }
  if (process.argv.includes('--json')) {
    process.stdout.write(JSON.stringify(out));
  } else {
    for (const key of ['timeline', 'overview', 'ranking', 'empty']) {
      const r = out[key];
      console.log(
        `${key.padEnd(9)} median ${r.median.toFixed(1)} ms  (min ${r.min.toFixed(1)}, max ${r.max.toFixed(1)})`
      );
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
