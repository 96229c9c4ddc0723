'use strict';
// One simulator measurement in a fresh process (so one case's JIT state never slows another):
//   node bench/simulator-case.js <case> <events>
// Prints {"eventsPerSecond", "baselineRssKb", "maxRssKb"} as JSON.
const { createWriteStream, openSync, writeSync, closeSync } = require('node:fs');
const sim = require('../simulator/dist');

const SEED = 1;
const world = sim.getWorld('credit');
let sink = 0;

const CASES = {
  /** The floor: the credit world's own sampler in a bare loop, summing the values. */
  bare(n) {
    const root = sim.Rng.root(SEED);
    const instance = world.instantiate(root.fork('instance'));
    const streams = world.features.map((f) => root.fork(`feature/${f.name}`));
    const x = new Float64Array(world.features.length);
    for (let i = 0; i < n; i++) {
      instance.sample(streams, x);
      for (let j = 0; j < x.length; j++) sink += x[j];
    }
  },
  /** The full simulator: arrivals, clients, labels and label feedback, step checks. */
  memory(n) {
    const s = new sim.Simulation({ world, seed: SEED });
    for (let i = 0; i < n; i++) sink += s.next().label;
  },
  'memory-scenario'(n) {
    const s = new sim.Simulation({ world, seed: SEED, scenario: sim.resolveScenario('credit-income-drop') });
    for (let i = 0; i < n; i++) sink += s.next().label;
  },
  /** The baseline for output: JSON.stringify per event, lines joined into 64 KiB chunks. */
  stringify(n) {
    const s = new sim.Simulation({ world, seed: SEED });
    const fd = openSync('/dev/null', 'w');
    let chunk = '';
    for (let i = 0; i < n; i++) {
      chunk += JSON.stringify(sim.toRecord(s.next())) + '\n';
      if (chunk.length >= 65536) {
        writeSync(fd, chunk);
        chunk = '';
      }
    }
    writeSync(fd, chunk);
    closeSync(fd);
  },
  /** Ours, in the same loop: JsonlFormatter encoding into 64 KiB byte chunks. */
  jsonl(n) {
    const s = new sim.Simulation({ world, seed: SEED });
    const formatter = new sim.JsonlFormatter(world);
    const writer = new sim.ByteWriter(1 << 17);
    const fd = openSync('/dev/null', 'w');
    for (let i = 0; i < n; i++) {
      formatter.encode(s.next(), writer);
      if (writer.length >= 65536) writeSync(fd, writer.take());
    }
    writeSync(fd, writer.take());
    closeSync(fd);
  },
  /** What `driftlab simulate --out /dev/null` runs: writeEvents into an fs stream. */
  async simulate(n) {
    const out = createWriteStream('/dev/null', { highWaterMark: 1 << 20 });
    await sim.writeEvents(new sim.Simulation({ world, seed: SEED }), out, { format: 'jsonl', count: n });
    out.end();
  },
};

async function main() {
  const [name, events] = process.argv.slice(2);
  const n = Number(events);
  const baselineRssKb = process.resourceUsage().maxRSS;
  const t0 = process.hrtime.bigint();
  await CASES[name](n);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  process.stdout.write(
    JSON.stringify({
      eventsPerSecond: n / seconds,
      baselineRssKb,
      maxRssKb: process.resourceUsage().maxRSS,
      sink,
    }),
  );
}
main();
