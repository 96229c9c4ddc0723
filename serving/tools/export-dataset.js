#!/usr/bin/env node
// Writes the exact data our training uses, after our preprocessing, as CSV for a reference fit
// (compare-with-sklearn.py), with our own model's coefficients and holdout metrics next to it.
//
//   node serving/tools/export-dataset.js <world> <out-dir> [--seed 1] [--train 20000] [--holdout 5000]
//
// Writes <out-dir>/<world>-train.csv and <world>-holdout.csv (design columns, then `y`) and
// <world>-ours.json. Runs the TypeScript sources through register-ts.js: no build needed.
require('./register-ts');
const fs = require('node:fs');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { getWorld, worldNames, Simulation } = require('@driftlab/simulator');
const { trainModel } = require('../src/models/train.ts');
const { loadModel } = require('../src/models/artifact.ts');

function usage(message) {
  console.error(`export-dataset: ${message}`);
  console.error(
    'usage: node serving/tools/export-dataset.js <world> <out-dir> [--seed n] [--train n] [--holdout n]',
  );
  process.exit(2);
}

const args = process.argv.slice(2);
const positional = [];
const flags = { seed: 1, train: 20000, holdout: 5000 };
for (let i = 0; i < args.length; i++) {
  const m = /^--(seed|train|holdout)$/.exec(args[i]);
  if (!m) {
    positional.push(args[i]);
    continue;
  }
  const v = Number(args[++i]);
  if (!Number.isInteger(v) || v < 0) usage(`${args[i - 1]} expects a whole number, got ${args[i]}`);
  flags[m[1]] = v;
}
if (positional.length !== 2) usage('expected a world and an output directory');
const [name, outDir] = positional;
const world = getWorld(name);
if (!world) usage(`unknown world '${name}'; expected one of ${worldNames().join(', ')}`);

const started = performance.now();
const trained = trainModel(world, { seed: flags.seed, trainSize: flags.train, holdoutSize: flags.holdout });
const seconds = (performance.now() - started) / 1000;
const model = loadModel(trained.artifact);
const pre = model.preprocessor;

// The same events trainModel drew: the first `train` for training, the next `holdout` for the holdout.
const simulation = new Simulation({ world, seed: flags.seed });
const design = new Float64Array(pre.width);
function writeCsv(file, count) {
  const lines = [[...pre.names, 'y'].join(',')];
  for (let i = 0; i < count; i++) {
    const event = simulation.next();
    pre.transform(event.truth, design);
    // 17 significant digits round-trip a double exactly.
    lines.push([...Array.from(design, (v) => v.toPrecision(17)), String(event.label)].join(','));
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
}
fs.mkdirSync(outDir, { recursive: true });
writeCsv(path.join(outDir, `${name}-train.csv`), flags.train);
writeCsv(path.join(outDir, `${name}-holdout.csv`), flags.holdout);
fs.writeFileSync(
  path.join(outDir, `${name}-ours.json`),
  JSON.stringify(
    {
      world: name,
      task: world.task,
      seed: flags.seed,
      trainSeconds: seconds,
      names: pre.names,
      coefficients: trained.artifact.coefficients,
      intercept: trained.artifact.intercept,
      holdout: trained.metrics.holdout,
      baseline: trained.metrics.baseline,
    },
    null,
    2,
  ),
);
console.log(
  `${name}: ${flags.train} + ${flags.holdout} rows, ${pre.width} design columns, trained in ${seconds.toFixed(2)} s`,
);
