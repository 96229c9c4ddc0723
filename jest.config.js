// One jest run for every workspace; tests import sibling packages from source, no build needed.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // Two workers on the 2-core build machines: many suites wait on child processes and servers, so
  // a second worker takes CI's jest from ~6 to ~4 minutes (jest's default here would be one).
  maxWorkers: 2,
  roots: [
    '<rootDir>/contracts/src',
    '<rootDir>/simulator/src',
    '<rootDir>/serving/src',
    '<rootDir>/exporter/src',
    '<rootDir>/provisioning/src',
    '<rootDir>/lab/src',
    // The class pages' pure core (formats, view models); the pages themselves run in tests/pages-*.
    '<rootDir>/pages/src',
    '<rootDir>/tests',
  ],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  moduleNameMapper: {
    '^@driftlab/(contracts|simulator|serving|exporter|provisioning|lab)$': '<rootDir>/$1/src/index.ts',
  },
};
