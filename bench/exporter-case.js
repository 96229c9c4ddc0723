'use strict';
// One exporter measurement in a fresh process: node bench/exporter-case.js <case> [events]
//   loop      — generate → predict → monitor (credit), labels joined at their feedback time, no HTTP
//   simulate  — the same events generated only (the loop's own floor)
//   metrics   — /metrics render time and size for 10 models × 30 features, ours and a plain registry
// Prints one JSON object.
const sim = require('../simulator/dist');
const serving = require('../serving/dist');
const contracts = require('../contracts/dist');
const exporter = require('../exporter/dist');
const { Gauge, Registry } = require('prom-client');
const { performance } = require('node:perf_hooks');
const { Buffer } = require('node:buffer');
const { setTimeout } = require('node:timers');

let sink = 0;

function loop(n, monitorToo) {
  const world = sim.getWorld('credit');
  const trained = serving.trainModel(world, { seed: 1, trainSize: 5000, holdoutSize: 1000 });
  const model = serving.toServedModel('credit', 1, trained);
  const monitor = new exporter.ModelMonitor('credit', 'classification', trained.schema.features);
  monitor.setReference(1, trained.profile);
  const simulation = new sim.Simulation({ world, seed: 1 });
  const labels = new sim.FeedbackQueue();
  const baselineRssKb = process.resourceUsage().maxRSS;
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    const e = simulation.next();
    if (!monitorToo) {
      sink += e.sent[0];
      continue;
    }
    const p = model.predict(e.sent);
    const id = String(e.id);
    monitor.observe(id, 1, e.time, e.sent, null, 0, p.value, p.score);
    labels.push(0, e.id, e.feedbackAt, e.feedbackLabel);
    for (let due = labels.popDue(e.time); due; due = labels.popDue(e.time))
      monitor.label(String(due.id), due.label, due.at);
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    eventsPerSecond: n / seconds,
    baselineRssKb,
    maxRssKb: process.resourceUsage().maxRSS,
    joined: monitor.labels.joined,
  };
}

/** 10 models × 30 features (24 numeric, 6 categorical), windows full of data. */
function syntheticExporter() {
  const rng = sim.Rng.root('metrics-bench');
  const fields = [];
  for (let j = 0; j < 24; j++)
    fields.push({ name: `num_${j}`, kind: 'numeric', min: -1e9, max: 1e9, decimals: 3, unit: '' });
  for (let j = 0; j < 6; j++)
    fields.push({ name: `cat_${j}`, kind: 'categorical', categories: ['a', 'b', 'c', 'd', 'e'] });
  const row = () => fields.map((f) => (f.kind === 'numeric' ? rng.normal() : Math.floor(rng.next() * 5)));
  const trainRows = Array.from({ length: 5000 }, row);
  const profile = {
    size: trainRows.length,
    features: fields.map((f, j) =>
      f.kind === 'numeric'
        ? contracts.numericProfile(
            f.name,
            trainRows.map((r) => r[j]),
          )
        : contracts.categoricalProfile(
            f.name,
            f.categories,
            trainRows.map((r) => r[j]),
          ),
    ),
    target: contracts.categoricalProfile(
      'y',
      ['0', '1'],
      trainRows.map(() => (rng.next() < 0.3 ? 1 : 0)),
    ),
    prediction: contracts.numericProfile(
      'prediction',
      trainRows.map(() => rng.next()),
    ),
  };
  const schema = {
    world: 'bench',
    task: 'classification',
    target: { name: 'y', classes: ['no', 'yes'] },
    features: fields,
  };
  const ex = new exporter.Exporter({ references: { reference: () => ({ schema, profile }) } });
  let id = 0;
  for (let m = 0; m < 10; m++) {
    const rows = Array.from({ length: 2000 }, row);
    const ids = rows.map(() => `r${id++}`);
    ex.observeBatch({
      model: `model_${m}`,
      version: 1,
      task: 'classification',
      time: Date.now(),
      requestIds: ids,
      instances: rows,
      observed: rows.map((r) => Float64Array.from(r)),
      faultBits: rows.map(() => null),
      unknownFields: rows.map(() => 0),
      predictions: rows.map(() => (rng.next() < 0.5 ? 1 : 0)),
      scores: rows.map(() => rng.next()),
    });
    for (const r of ids)
      ex.observeLabel({
        model: `model_${m}`,
        requestId: r,
        label: rng.next() < 0.5 ? 1 : 0,
        time: Date.now(),
      });
  }
  return ex;
}

async function metrics() {
  const ex = syntheticExporter();
  // Times registry.metrics() alone; `prepare` (new events, the pause) runs before the clock starts.
  const time = async (fn, reps, prepare) => {
    const times = [];
    let body = '';
    for (let i = 0; i < reps; i++) {
      if (prepare) await prepare(i);
      const t = performance.now();
      body = await fn(i);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    return { ms: times[Math.floor(times.length / 2)], bytes: Buffer.byteLength(body) };
  };
  const pause = () => new Promise((r) => setTimeout(r, 60)); // past the 50 ms refresh window
  const render = () => ex.metrics.registry.metrics();
  let x = 0;
  // One new instance per model: a new row of zeros (numeric 0, category 0).
  const newEvent = (m) =>
    ex.monitor(`model_${m}`).observe(`x${x++}`, 1, Date.now(), new Float64Array(30), null, 0, 1, 0.5);
  // Cold: every model's drift and quality recomputed (new events since the last scrape).
  const cold = await time(render, 9, async () => {
    for (let m = 0; m < 10; m++) newEvent(m);
    await pause();
  });
  // Warm: nothing new, reports cached; what a scrape costs between events.
  const warm = await time(render, 9, pause);
  // Cold after a whole drift window of new instances per model (2,000), all labelled: every window
  // changed, nothing kept from the last scrape helps (a busy lab between two scrapes).
  const rng = sim.Rng.root('metrics-bench-full');
  const refill = () => {
    for (let m = 0; m < 10; m++) {
      const monitor = ex.monitor(`model_${m}`);
      const ids = [];
      for (let i = 0; i < 2000; i++) {
        const row = Float64Array.from({ length: 30 }, (_, j) =>
          j < 24 ? rng.normal() : Math.floor(rng.next() * 5),
        );
        ids.push(`y${x++}`);
        monitor.observe(ids[i], 1, Date.now(), row, null, 0, rng.next() < 0.5 ? 1 : 0, rng.next());
      }
      for (const id of ids) monitor.label(id, rng.next() < 0.5 ? 1 : 0, Date.now());
    }
  };
  const coldFullWindow = await time(render, 5, async () => {
    refill();
    await pause();
  });
  const series = (await ex.metrics.registry.metrics())
    .split('\n')
    .filter((l) => l && !l.startsWith('#')).length;
  // The baseline: a plain prom-client registry holding the same number of gauge series, set directly.
  const plain = new Registry();
  plain.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
  const g = new Gauge({
    name: 'driftlab_plain_series',
    help: 'Baseline.',
    labelNames: ['model', 'feature', 'statistic', 'bin'],
    registers: [plain],
  });
  for (let i = 0; i < series; i++)
    g.set(
      { model: `model_${i % 10}`, feature: `num_${i % 30}`, statistic: `s${i % 7}`, bin: `(${i}, ${i + 1}]` },
      Math.random(),
    );
  const baseline = await time(() => plain.metrics(), 9);
  return { cold, warm, coldFullWindow, baseline, series };
}

async function main() {
  const [name, events] = process.argv.slice(2);
  let result;
  if (name === 'loop') result = loop(Number(events), true);
  else if (name === 'simulate') result = loop(Number(events), false);
  else if (name === 'metrics') result = await metrics();
  else throw new Error(`unknown case ${name}`);
  process.stdout.write(JSON.stringify({ ...result, sink: sink > 0 }) + '\n');
}

if (require.main === module)
  main().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });

module.exports = { syntheticExporter };
