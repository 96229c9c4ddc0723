#!/usr/bin/env node
'use strict';
// The browser test: dist/module.js loaded as Grafana loads it, rendered in headless Chromium in
// every scenario (modes, lecture mode, error states) and both themes. Fails on any console error or
// a missing element; saves every screenshot under test-results/plugin/ for a person to look at.
// `--docs` also copies the README's screenshots into src/img/.
const fs = require('node:fs');
const path = require('node:path');
const { buildHarness, startServer, launch, requireDist, PLUGIN } = require('./lib');

const OUT = path.resolve(PLUGIN, '..', 'test-results', 'plugin');
const DOCS = path.join(PLUGIN, 'src', 'img');
const DOC_SHOTS = {
  'overview-dark': 'screenshot-overview-dark.png',
  'overview-light': 'screenshot-overview-light.png',
  'overview-why-red-dark': 'screenshot-why-red-dark.png',
  'timeline-dark': 'screenshot-timeline-dark.png',
  'timeline-light': 'screenshot-timeline-light.png',
  'distributions-light': 'screenshot-distributions-light.png',
  'lecture-overview-dark': 'screenshot-lecture-dark.png',
  'ranking-models-light': 'screenshot-ranking-light.png',
};
const TEST_ID = (key) => `data-testid driftlab-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

async function main() {
  const started = Date.now();
  const docs = process.argv.includes('--docs');
  requireDist();
  fs.mkdirSync(OUT, { recursive: true });
  const harness = await buildHarness();
  const { server, url } = await startServer(harness);
  const { context, close } = await launch();
  const results = [];
  try {
    const page = await context.newPage();
    let errors = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') {
        errors.push(msg.text());
      }
    });
    page.on('pageerror', (err) => errors.push(`uncaught: ${err.message}`));
    page.on('requestfailed', (req) => errors.push(`request failed: ${req.url()}`));
    page.on('response', (res) => {
      if (res.status() >= 400) {
        errors.push(`HTTP ${res.status()}: ${res.url()}`);
      }
    });
    await page.goto(url);
    await page.waitForFunction(() => 'driftlab' in window);
    const loaded = await page.evaluate(() => window.driftlab.load());
    results.push({ name: 'dist/module.js loads as an AMD module and exports a panel', ok: loaded.hasPanel, errors });
    const names = await page.evaluate(() => window.driftlab.scenarios());
    for (const name of names) {
      for (const theme of ['dark', 'light']) {
        errors = [];
        const label = `${name}-${theme}`;
        const problems = [];
        try {
          await page.mouse.move(0, 0);
          const spec = await page.evaluate(([n, t]) => window.driftlab.render(n, t), [name, theme]);
          if (spec.select) {
            const picker = page.locator(`[data-testid="${TEST_ID('featurePicker')}"] input`);
            if (await picker.count()) {
              await picker.click({ timeout: 5000 });
              await page.getByRole('option', { name: new RegExp(`· ${spec.select}\\b`) }).click({ timeout: 5000 });
            } else {
              await page.click(`[data-testid="${TEST_ID('rankingRow')}"][data-feature="${spec.select}"]`, {
                timeout: 5000,
              });
            }
            await page.mouse.move(0, 0);
            await page.evaluate(() => document.activeElement && document.activeElement.blur());
          }
          if (spec.hover) {
            await page.hover(`[data-testid="${TEST_ID(spec.hover)}"] >> nth=0`, { timeout: 5000 });
          }
          const selector = `[data-testid="${TEST_ID(spec.expect.testId)}"]`;
          await page.waitForSelector(selector, { timeout: 5000 });
          const count = await page.locator(selector).count();
          if (count < spec.expect.min) {
            problems.push(`expected at least ${spec.expect.min} × ${spec.expect.testId}, found ${count}`);
          }
          // Let icons (fetched by @grafana/ui) and tooltips settle before the picture.
          await page.waitForLoadState('networkidle');
          await page.waitForTimeout(spec.hover ? 400 : 100);
          const file = path.join(OUT, `${label}.png`);
          const frame = page.locator('#frame');
          const box = await frame.boundingBox();
          await page.screenshot({ path: file, clip: box });
          if (docs && DOC_SHOTS[label]) {
            fs.copyFileSync(file, path.join(DOCS, DOC_SHOTS[label]));
          }
        } catch (e) {
          problems.push(String(e && e.message ? e.message.split('\n')[0] : e));
        }
        results.push({
          name: label,
          ok: problems.length === 0 && errors.length === 0,
          errors: [...errors, ...problems],
        });
      }
    }
  } finally {
    await close();
    server.close();
  }
  let failed = 0;
  for (const r of results) {
    console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name}`);
    if (!r.ok) {
      failed++;
      for (const e of r.errors) {
        console.log(`       ${e}`);
      }
    }
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`\nbrowser test: screenshots in ${path.relative(process.cwd(), OUT) || OUT} (${seconds} s)`);
  console.log(`${results.length - failed} passed, ${failed} failed`);
  process.exitCode = failed === 0 ? 0 : 1;
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
