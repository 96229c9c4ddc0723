#!/usr/bin/env node
'use strict';
// `npm run bench`: runs every suite in bench/suites (or those named on the command line) against the
// built packages and prints one table. Figures are measured, never asserted: see BENCHMARKS.md.
const { readdirSync } = require('node:fs');
const { join } = require('node:path');
const os = require('node:os');

async function main() {
  const only = process.argv.slice(2);
  const suites = readdirSync(join(__dirname, 'suites'))
    .filter((f) => f.endsWith('.js'))
    .sort()
    .map((f) => require(join(__dirname, 'suites', f)))
    .filter((s) => only.length === 0 || only.includes(s.name));
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(
    `driftlab benchmarks — node ${process.version}, ${cpu}, ${os.cpus().length} cores, ${new Date().toISOString()}\n`,
  );
  const rows = [];
  for (const suite of suites) {
    process.stderr.write(`running ${suite.name}…\n`);
    for (const row of await suite.run()) rows.push({ suite: suite.name, ...row });
  }
  const header = ['suite', 'figure', 'value', 'baseline (same run)', 'target', 'how'];
  const table = rows.map((r) => [r.suite, r.figure, r.value, r.baseline ?? '', r.target ?? '', r.how]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => String(t[i]).length)));
  const line = (cells) => '| ' + cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ') + ' |';
  console.log(line(header));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const t of table) console.log(line(t));
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
