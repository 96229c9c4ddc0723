import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

// The allowed arrows between packages (../shared/DESIGN.md): contracts ← everyone; simulator ←
// serving; the exporter reads the contracts only; the lab (and tests/) may import everything.
const importsOf = (allowed, message) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        {
          group: [
            '@driftlab/*',
            '**/contracts/src/**',
            '**/simulator/src/**',
            '**/serving/src/**',
            '**/exporter/src/**',
            '**/lab/src/**',
            '**/provisioning/src/**',
          ].concat(allowed.map((p) => `!@driftlab/${p}`)),
          message,
        },
      ],
    },
  ],
});

const packageRules = [
  {
    files: ['contracts/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^[^.]', message: 'contracts has no dependencies: relative imports only.' }] },
      ],
    },
  },
  {
    // Its tests may use the test tools (dev dependencies of the workspace), nothing else.
    files: ['contracts/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!\\.|fast-check$)',
              message: 'contracts tests import relative files and fast-check only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['simulator/**/*.ts'],
    rules: importsOf(['contracts'], 'The simulator imports only @driftlab/contracts.'),
  },
  {
    files: ['serving/**/*.ts'],
    rules: importsOf(
      ['contracts', 'simulator'],
      'Serving imports @driftlab/contracts and @driftlab/simulator only.',
    ),
  },
  {
    files: ['exporter/**/*.ts'],
    rules: importsOf(
      ['contracts'],
      'The exporter reads the contracts (@driftlab/contracts): it imports neither serving nor the simulator.',
    ),
  },
  {
    files: ['provisioning/**/*.ts'],
    rules: importsOf(
      ['contracts'],
      'Provisioning imports only @driftlab/contracts (metric names, panel defaults).',
    ),
  },
  {
    // The class pages run in the browser and talk to the lab over HTTP only.
    files: ['pages/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...importsOf([], 'The class pages import no driftlab package: they use the HTTP API (pages/src/api).'),
    },
  },
  // Small modules: files under 400 lines, functions under 80 (tests and test support aside).
  {
    files: ['*/src/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts', '**/testing.ts', '**/testing/**'],
    rules: {
      'max-lines': ['error', { max: 400 }],
      'max-lines-per-function': ['error', { max: 80 }],
    },
  },
];

export default tseslint.config(
  // plugin/ is linted by its own create-plugin configuration (npm run lint -w plugin).
  { ignores: ['**/dist/**', '**/node_modules/**', 'coverage/**', 'test-results/**', 'plugin/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
        fetch: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
    },
  },
  ...packageRules,
);
