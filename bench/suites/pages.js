'use strict';
// The class pages (issue 18): what they cost to build and to send, and how soon a student signed in
// sees the team page against a running lab, side by side with the CLI reading the same (incidents
// and scoreboard: two `driftlab` commands). Chromium is the system's, as in the browser tests.
const { execFileSync, spawn, spawnSync } = require('node:child_process');
const { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { gzipSync } = require('node:zlib');
const { setTimeout: sleep } = require('node:timers/promises');
const { performance } = require('node:perf_hooks');

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'lab', 'bin', 'driftlab.js');
const DIST = join(ROOT, 'pages', 'dist');
const REPEATS = 9;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (v) => `${v.toFixed(0)} ms`;
const kb = (bytes) => `${(bytes / 1024).toFixed(0)} kB`;

function buildTimes() {
  const times = [];
  for (let i = 0; i < 3; i++) {
    const start = process.hrtime.bigint();
    execFileSync(process.execPath, [join(ROOT, 'pages', 'build.js')], { stdio: 'ignore' });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
}

/** `driftlab start` on a fresh data directory, its URL and tokens once it has started. */
async function startLab() {
  const data = mkdtempSync(join(tmpdir(), 'driftlab-bench-pages-'));
  const child = spawn(process.execPath, [BIN, 'start', '--port', '0', '--no-prometheus', '--data', data], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s) => (stderr += s));
  for (let i = 0; i < 900 && !stderr.includes('"lab started"'); i++) await sleep(100);
  const line = stderr.split('\n').find((l) => l.includes('"lab started"'));
  if (!line) throw new Error('the lab did not start');
  const tokens = JSON.parse(readFileSync(join(data, 'tokens.json'), 'utf8'));
  const stop = async () => {
    child.kill('SIGINT');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(data, { recursive: true, force: true });
  };
  return { url: JSON.parse(line).serving, team: tokens.teams['team-1'], tutor: tokens.tutor, stop };
}

/** Median ms from navigation to `ready` on the page, over loads in the tab that signed in (its token kept). */
async function pageTimes(page, url, path, ready) {
  const times = [];
  for (let i = 0; i < REPEATS + 1; i++) {
    const start = performance.now();
    await page.goto(`${url}${path}`);
    await page.getByText(ready, { exact: true }).first().waitFor();
    if (i > 0) times.push(performance.now() - start); // the first load warms Chromium's cache
  }
  await page.close();
  return median(times);
}

function cliTimes(url, token) {
  const env = { ...process.env, DRIFTLAB_URL: url, DRIFTLAB_TOKEN: token };
  const times = [];
  for (let i = 0; i < REPEATS; i++) {
    const start = performance.now();
    for (const args of [['incident', 'list'], ['scoreboard']]) {
      const run = spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`driftlab ${args.join(' ')}: ${run.stderr}`);
    }
    times.push(performance.now() - start);
  }
  return median(times);
}

async function browserFigures() {
  const { chromium } = require('playwright-core');
  const lab = await startLab();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // Signed in as a person would, once: the token stays in the tab's session storage.
    const signIn = async (path, token) => {
      const page = await context.newPage();
      await page.goto(`${lab.url}${path}`);
      await page.getByLabel('Token', { exact: true }).fill(token);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page
        .getByRole('button', { name: 'Sign out' })
        .waitFor()
        .catch(async (e) => {
          throw new Error(`${e.message}: ${(await page.locator('main').innerText()).slice(0, 300)}`);
        });
      return page;
    };
    const team = await pageTimes(await signIn('/', lab.team), lab.url, '/', 'Your standing');
    const control = await pageTimes(
      await signIn('/control', lab.tutor),
      lab.url,
      '/control',
      'Scenario library',
    );
    return { team, control, cli: cliTimes(lab.url, lab.team) };
  } finally {
    await browser.close();
    await lab.stop();
  }
}

module.exports = {
  name: 'pages',
  async run() {
    const build = buildTimes();
    const js = readFileSync(join(DIST, 'app.js'));
    const css = readFileSync(join(DIST, 'app.css'));
    const fonts = readdirSync(join(DIST, 'fonts'))
      .filter((f) => f.endsWith('.woff2'))
      .reduce((sum, f) => sum + statSync(join(DIST, 'fonts', f)).size, 0);
    const rows = [
      { figure: 'pages build (esbuild)', value: ms(build), how: 'median of 3 runs of node pages/build.js' },
      {
        figure: 'bundle sent',
        value: `${kb(js.length + css.length)} (${kb(gzipSync(js).length + gzipSync(css).length)} gzipped) + ${kb(fonts)} fonts`,
        how: 'app.js and app.css, React included; Inter woff2, latin, 3 weights',
      },
    ];
    try {
      const f = await browserFigures();
      rows.push(
        {
          figure: 'team page: load to data shown',
          value: ms(f.team),
          baseline: `${ms(f.cli)} (driftlab incident list + scoreboard)`,
          how: `median of ${REPEATS} loads in Chromium until the team's standing is shown (token kept for the tab)`,
        },
        {
          figure: 'control room: load to data shown',
          value: ms(f.control),
          how: `median of ${REPEATS} loads until the scenario library is shown`,
        },
      );
    } catch (e) {
      rows.push({ figure: 'page loads', value: 'not measured', how: String(e.message).split('\n')[0] });
    }
    return rows;
  },
};
