#!/usr/bin/env node
'use strict';
// Compatibility of the plugin's use of Grafana APIs with the oldest Grafana it declares
// (plugin.json grafanaDependency, 12.4.0), by @grafana/levitate. The Grafana that docker-compose
// runs is the installed version (12.4.10), which the type-check and the tests already cover.
//
// levitate finds the installed @grafana/* versions with `npm list` next to the entry file, which
// cannot see hoisted workspace packages; so the sources are checked from a scratch project whose
// package.json names the installed versions and whose node_modules is the workspace's.
// It downloads the target packages' type definitions from the npm registry.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const PLUGIN = path.resolve(__dirname, '..');
const ROOT_MODULES = path.resolve(PLUGIN, '..', 'node_modules');
const PACKAGES = ['@grafana/data', '@grafana/ui', '@grafana/runtime'];

const pluginJson = JSON.parse(fs.readFileSync(path.join(PLUGIN, 'src', 'plugin.json'), 'utf8'));
const minimum = /^>=\s*(\d+\.\d+\.\d+)/.exec(pluginJson.dependencies.grafanaDependency)?.[1];
const installed = Object.fromEntries(
  PACKAGES.map((name) => [name, require(require.resolve(`${name}/package.json`, { paths: [PLUGIN] })).version])
);
// Against the installed version itself there is nothing to find; the oldest declared one is the test.
// `node scripts/compat.js 13.1.1` checks other versions instead (before moving Grafana).
const requested = process.argv.slice(2);
const targets = requested.length > 0 ? requested : [minimum].filter((v) => v && v !== installed['@grafana/data']);
if (targets.length === 0) {
  console.log(
    `levitate: grafanaDependency ${pluginJson.dependencies.grafanaDependency} is the installed version; nothing to compare`
  );
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'driftlab-levitate-'));
try {
  fs.writeFileSync(
    path.join(scratch, 'package.json'),
    JSON.stringify({ name: 'levitate-scratch', private: true, dependencies: installed }, null, 2)
  );
  fs.symlinkSync(ROOT_MODULES, path.join(scratch, 'node_modules'), 'dir');
  fs.cpSync(path.join(PLUGIN, 'src'), path.join(scratch, 'src'), { recursive: true });
  fs.cpSync(path.join(PLUGIN, '.config'), path.join(scratch, '.config'), { recursive: true });
  fs.copyFileSync(path.join(PLUGIN, 'tsconfig.json'), path.join(scratch, 'tsconfig.json'));
  // The package exports no subpaths; its bin file is where npm installed it (hoisted to the root).
  const levitate = path.join(ROOT_MODULES, '@grafana', 'levitate', 'dist', 'bin.js');
  let failed = false;
  for (const version of targets) {
    const target = PACKAGES.map((name) => `${name}@${version}`).join(',');
    console.log(`\nlevitate: src/module.ts (built against ${installed['@grafana/data']}) vs Grafana ${version}`);
    try {
      execFileSync(process.execPath, [levitate, 'is-compatible', '--path', 'src/module.ts', '--target', target], {
        cwd: scratch,
        stdio: 'inherit',
      });
    } catch {
      failed = true;
    }
  }
  process.exitCode = failed ? 1 : 0;
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
