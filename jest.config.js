// One jest run for every workspace; tests import sibling packages from source, no build needed.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: [
    '<rootDir>/simulator/src',
    '<rootDir>/serving/src',
    '<rootDir>/exporter/src',
    '<rootDir>/provisioning/src',
    '<rootDir>/lab/src',
    '<rootDir>/tests',
  ],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  moduleNameMapper: {
    '^@driftlab/(simulator|serving|exporter|provisioning|lab)$': '<rootDir>/$1/src/index.ts',
  },
};
