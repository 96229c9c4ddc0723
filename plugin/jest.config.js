// force timezone to UTC to allow tests to work regardless of local timezone
// generally used by snapshots, but can affect specific tests
process.env.TZ = 'UTC';

const base = require('./.config/jest.config');

module.exports = {
  // Jest configuration provided by Grafana scaffolding
  ...base,
  // Hoisted workspaces: node_modules is the repository root's, so resolve modules from there too.
  roots: ['<rootDir>/src'],
  // The contracts from their sources, as the root jest does: no build needed.
  moduleNameMapper: { ...base.moduleNameMapper, '^@driftlab/contracts$': '<rootDir>/../contracts/src/index.ts' },
  transform: {
    ...base.transform,
    // d3-color and other Grafana dependencies ship .mjs, which the scaffold does not transform.
    '^.+\\.mjs$': ['@swc/jest'],
  },
};
