'use strict';
// One hostile-input measurement in a fresh process, against the built checkout at <root> (this one,
// or an older one for the baseline: BENCHMARKS.md):
//   node bench/hostile-case.js <root> <case>
// Prints {"ms", "rssGrowthMb", "status"} as JSON. Cases are the attacks of issue 16.
const { join } = require('node:path');
const { performance } = require('node:perf_hooks');

const [root, which] = process.argv.slice(2);
const req = (pkg) => require(join(root, pkg, 'dist'));
const express = require(join(root, 'node_modules', 'express'));

/**
 * The reference source the lab gives its exporter: the model registry, with credit trained once
 * (version 1), as `driftlab models train` leaves it. Every other version or model is unknown.
 */
function registryReferences() {
  const { mkdtempSync } = require('node:fs');
  const { spawnSync } = require('node:child_process');
  const data = mkdtempSync(join(require('node:os').tmpdir(), 'bench-hostile-data-'));
  const cli = join(root, 'lab', 'bin', 'driftlab.js');
  const train = spawnSync(process.execPath, [
    cli,
    'models',
    'train',
    'credit',
    '--events',
    '2000',
    '--data',
    data,
  ]);
  if (train.status !== 0) throw new Error(`models train: ${train.stderr}`);
  const serving = req('serving');
  return serving.registryReferences(serving.ModelRegistry.open(join(data, 'registry'), { readOnly: true }));
}

/** One single-row batch; `width` is the credit schema's number of features. */
function batch(model, version, i, width) {
  return {
    model,
    version,
    task: 'classification',
    time: Date.UTC(2026, 0, 1) + i,
    request_ids: [`r${i}`],
    instances: [{ age: 30 }],
    observed: [Array(width).fill(0)],
    fault_bits: [Array(width).fill(0)],
    unknown_fields: [0],
    predictions: [1],
    scores: [0.5],
  };
}

async function withIngest(use) {
  const { Exporter, ingestRoutes } = req('exporter');
  const references = registryReferences();
  const width = references.reference('credit', 1).schema.features.length;
  const exporter = new Exporter({ references });
  const app = express();
  app.use(ingestRoutes(exporter));
  app.use((err, _req, res, _next) => res.status(err.status ?? 500).json({ error: String(err.message) }));
  const server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${server.address().port}/v1/events/predictions`;
  const post = (batches) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ batches }),
    });
  try {
    return await use(post, exporter, width);
  } finally {
    server.close();
  }
}

const mb = (bytes) => Math.round((bytes / 1e6) * 10) / 10;

const CASES = {
  /** One request: 5,000 batches, each of another made-up version of credit. */
  async 'ingest-versions'() {
    return withIngest(async (post, exporter, width) => {
      const start = performance.now();
      const res = await post(Array.from({ length: 5000 }, (_, i) => batch('credit', 2 + i, i, width)));
      await res.arrayBuffer();
      const answered = performance.now();
      // Prometheus's next scrape: every series the request created is computed and written.
      const text = await exporter.metrics.registry.metrics();
      return {
        ms: Math.round(answered - start),
        scrapeMs: Math.round(performance.now() - answered),
        scrapeKb: Math.round(text.length / 1024),
        status: res.status,
      };
    });
  },
  /** 120,000 made-up model names, 1,000 a request; the growth of retained heap and resident memory after. */
  async 'ingest-models'() {
    return withIngest(async (post, _exporter, width) => {
      globalThis.gc?.();
      const before = process.memoryUsage();
      const start = performance.now();
      let status = 0;
      for (let r = 0; r < 120; r++) {
        const res = await post(
          Array.from({ length: 1000 }, (_, i) => batch(`model-${r * 1000 + i}`, 1, i, width)),
        );
        await res.arrayBuffer();
        status = res.status;
      }
      globalThis.gc?.();
      const after = process.memoryUsage();
      return {
        ms: Math.round(performance.now() - start),
        // What the process keeps (the heap after a full collection), and what it holds from the OS.
        heapGrowthMb: mb(after.heapUsed - before.heapUsed),
        rssGrowthMb: mb(after.rss - before.rss),
        status,
      };
    });
  },
};

const scenarioKeys = /^scenario-keys-(\d+)$/.exec(which);
if (scenarioKeys) {
  // `driftlab scenario validate` on a scenario with N extra top-level keys, as the CLI reads it.
  const { mkdtempSync, writeFileSync, readFileSync } = require('node:fs');
  const { spawnSync } = require('node:child_process');
  const dir = mkdtempSync(join(require('node:os').tmpdir(), 'bench-hostile-'));
  const file = join(dir, 'keys.yaml');
  const base = readFileSync(join(root, 'simulator', 'scenarios', 'credit-income-drop.yaml'), 'utf8');
  const keys = Array.from({ length: Number(scenarioKeys[1]) }, (_, i) => `k${i}: ${i}`).join('\n');
  writeFileSync(file, `${base}\n${keys}\n`);
  const start = performance.now();
  // Its messages are not kept (an older CLI printed one per key: megabytes).
  const run = spawnSync(
    process.execPath,
    [join(root, 'lab', 'bin', 'driftlab.js'), 'scenario', 'validate', file],
    {
      stdio: 'ignore',
    },
  );
  console.log(
    JSON.stringify({ ms: Math.round(performance.now() - start), status: run.status ?? run.signal }),
  );
} else {
  CASES[which]().then((r) => console.log(JSON.stringify(r)));
}
