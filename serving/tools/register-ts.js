// Lets plain `node` run the TypeScript sources, the way jest does (@swc/jest): .ts files are
// compiled with @swc/core on require, and `@driftlab/<package>` resolves to `<package>/src/index.ts`.
// For the tools in this folder only, so they need neither a build nor a new dependency.
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '..', '..');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const m = /^@driftlab\/(simulator|serving|lab)$/.exec(request);
  if (m) return path.join(root, m[1], 'src', 'index.ts');
  return resolve.call(this, request, ...rest);
};

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  });
  module._compile(code, filename);
};
