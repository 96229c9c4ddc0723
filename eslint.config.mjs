import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
);
