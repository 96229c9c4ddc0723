// `npm run test:scenarios`: every built-in scenario fast-forwarded through the real pipeline, with the
// provisioned alert rules evaluated by promtool (simulator/docs/scenarios.md, "The scenario harness").
// A run of its own (jest.config.js matches *.test.ts only), after the main one in `npm test`: it
// takes two minutes, CPU-bound, and is best not run beside the process-heavy suites.
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  roots: ['<rootDir>/tests'],
  testMatch: ['<rootDir>/tests/scenarios/*.scenario.ts'],
  // One file per group of diagnosis kinds: two workers halve the wall time on a two-core machine.
  maxWorkers: 2,
};
