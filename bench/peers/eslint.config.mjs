// ESLint flat config for the bench: only eslint-plugin-no-secrets, TS/JS parsed by @typescript-eslint/parser.
import tsParser from '@typescript-eslint/parser';
import noSecrets from 'eslint-plugin-no-secrets';

export default [
  {
    files: ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'],
    languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } } },
    plugins: { 'no-secrets': noSecrets },
    rules: { 'no-secrets/no-secrets': 'error' },
  },
];
