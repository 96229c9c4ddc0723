#!/usr/bin/env node
'use strict';
// A committed shim: npm links bins at install time, before any build has run. In a checkout where
// nothing is built yet (right after `npm ci`), the first run builds the TypeScript packages (a few
// seconds, once) so `npx driftlab` works at once; an install without TypeScript says what to run.
// The class pages (pages/) are built the same way; without them the lab still runs, and its pages
// say how to build them.
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');

const root = join(__dirname, '..', '..');
const cli = join(__dirname, '..', 'dist', 'cli.js');
if (!existsSync(cli)) {
  let tsc;
  try {
    tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
  } catch {
    process.stderr.write('driftlab is not built: run `npm run build` in the repository first.\n');
    process.exit(1);
  }
  process.stderr.write('driftlab: building it first (once, after npm ci)…\n');
  const { status } = spawnSync(process.execPath, [tsc, '-b'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (status !== 0 || !existsSync(cli)) {
    process.stderr.write('driftlab: the build failed; run `npm run build` to see why.\n');
    process.exit(1);
  }
}
const pagesBuild = join(root, 'pages', 'build.js');
if (existsSync(pagesBuild) && !existsSync(join(root, 'pages', 'dist', 'index.html'))) {
  spawnSync(process.execPath, [pagesBuild], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}
require(cli);
