'use strict';
// The live lab's sustained speed (issue 15): the default lab (credit, fraud and delivery; serving,
// exporter and simulator in one process; the local Prometheus scraping it when it is on PATH)
// asked for more speed than it can keep, on a fresh data directory. Since the lab slows its clock
// instead of dropping traffic, the figure is the effective speed it reaches with zero drops.
const { spawn } = require('node:child_process');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { setTimeout: sleep } = require('node:timers/promises');

const ASKED = 5000;
const TEAMS = 8;
const RUN_S = 40;
/** The first seconds (start-up, first scrapes) are left out of the figure. */
const SETTLE_S = 10;

/** Runs `driftlab start` with `args` for RUN_S seconds; its traffic lines with the time they came. */
async function run(bin, args) {
  const data = mkdtempSync(join(tmpdir(), 'driftlab-bench-lab-'));
  const child = spawn(process.execPath, [bin, 'start', '--port', '0', '--data', data, ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const lines = [];
  let buffered = '';
  const started = Date.now();
  child.stderr.setEncoding('utf8').on('data', (s) => {
    buffered += s;
    const parts = buffered.split('\n');
    buffered = parts.pop();
    for (const line of parts) {
      if (!line.includes('"message":"traffic"')) continue;
      lines.push({ real: (Date.now() - started) / 1000, ...JSON.parse(line) });
    }
  });
  await sleep(RUN_S * 1000);
  child.kill('SIGINT');
  await new Promise((resolve) => child.once('exit', resolve));
  rmSync(data, { recursive: true, force: true });
  return lines;
}

/** Simulated seconds per real second between the first line after SETTLE_S and the last one. */
function sustained(lines) {
  if (lines.length === 0) return { speed: NaN, requestsPerSecond: NaN, dropped: NaN };
  const settled = lines.filter((l) => l.real >= SETTLE_S);
  if (settled.length < 2) return { speed: NaN, requestsPerSecond: NaN, dropped: NaN };
  const [a, b] = [settled[0], settled[settled.length - 1]];
  const sim = (Date.parse(b.simulatedTime) - Date.parse(a.simulatedTime)) / 1000;
  const sent = (l) => Object.values(l.requests).reduce((x, y) => x + y, 0);
  return {
    speed: sim / (b.real - a.real),
    requestsPerSecond: (sent(b) - sent(a)) / (b.real - a.real),
    dropped: b.dropped ?? 0,
    dropShare: (b.dropped ?? 0) / Math.max(1, sent(b)),
  };
}

module.exports = {
  name: 'lab',
  async run() {
    const bin = join(__dirname, '..', '..', 'lab', 'bin', 'driftlab.js');
    const ours = sustained(await run(bin, ['--speed', String(ASKED)]));
    // A class: 8 team labs in one process at the lecture speed; the slowest team counts.
    const cohortLines = await run(bin, ['--teams', String(TEAMS), '--speed', '60']);
    const teams = Array.from({ length: TEAMS }, (_, k) =>
      sustained(cohortLines.filter((l) => l.team === `team-${k + 1}`)),
    );
    const slowest = Math.min(...teams.map((t) => t.speed));
    const cohortDropped = teams.reduce((n, t) => n + t.dropped, 0);
    const fmt = (n) => Math.round(n).toLocaleString('en-US');
    return [
      {
        figure: `cohort of ${TEAMS} teams at 60×: slowest team's sustained speed`,
        value: `${fmt(slowest)}× (${cohortDropped} dropped)`,
        baseline: 'asked 60×',
        target: '60×, 0 dropped',
        how: `driftlab start --teams ${TEAMS} --speed 60, ${RUN_S} s, measured after ${SETTLE_S} s from each team's traffic lines`,
      },
      {
        figure: `default lab asked for ${ASKED}×: sustained speed, zero drops`,
        value: `${fmt(ours.speed)}× (${fmt(ours.requestsPerSecond)} requests/s, ${ours.dropped} dropped)`,
        baseline: `asked ${ASKED}×`,
        target: '≥ 1,000×, 0 dropped',
        how: `driftlab start --speed ${ASKED} (3 worlds, one process), ${RUN_S} s, measured after ${SETTLE_S} s from its traffic lines`,
      },
    ];
  },
};
