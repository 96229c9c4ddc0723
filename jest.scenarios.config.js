// `npm run test:scenarios`: every built-in scenario fast-forwarded through the real pipeline, with the
// provisioned alert rules evaluated by promtool (simulator/docs/scenarios.md, "The scenario harness").
// Kept out of the main run (jest.config.js matches *.test.ts only): it takes minutes, not seconds.
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  roots: ['<rootDir>/tests'],
  testMatch: ['<rootDir>/tests/scenarios/*.scenario.ts'],
  // One file per group of diagnosis kinds: two workers halve the wall time on a two-core machine.
  maxWorkers: 2,
};
