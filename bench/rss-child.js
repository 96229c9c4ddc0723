'use strict';
// Child of the simulator bench: streams N credit events as JSONL to /dev/null through the same
// writeEvents path `driftlab simulate` uses, then prints its peak RSS.
const { createWriteStream } = require('node:fs');
const sim = require('../simulator/dist');

async function main() {
  const events = Number(process.argv[2]);
  const baselineRssKb = process.resourceUsage().maxRSS;
  const simulation = new sim.Simulation({ world: sim.getWorld('credit'), seed: 1 });
  const out = createWriteStream('/dev/null');
  const t0 = process.hrtime.bigint();
  await sim.writeEvents(simulation, out, { format: 'jsonl', count: events });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  out.end();
  process.stdout.write(
    JSON.stringify({
      events,
      baselineRssKb,
      maxRssKb: process.resourceUsage().maxRSS,
      eventsPerSecond: events / seconds,
    }),
  );
}
main();
