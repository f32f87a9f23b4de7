// ESLint flat config for the project's own code (`npm run lint`, part of `npm test`).
// The benchmark's peer config (bench/peers/eslint.config.mjs) is separate: bench/run.ts passes it with --no-config-lookup.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const TS = ['**/*.ts'];
const pure = (why) => ({ message: `server/src/engine is pure: ${why}.` });

export default defineConfig(
  globalIgnores([
    'dist/',
    'out/',
    '.bench/',
    '.e2e/',
    'test-output/',
    // Inputs of the analyser, with problems on purpose: tests depend on their exact text.
    'test/fixtures/',
    'sample-workspace/',
    'test/typecheck/',
  ]),
  js.configs.recommended,
  // Type-aware: the TypeScript sources are linted with the types of their tsconfig (server, client, test; test's takes in bench and scripts).
  { files: TS, extends: [tseslint.configs.recommendedTypeChecked] },
  { files: ['**/*.{js,mjs,cjs}'], extends: [tseslint.configs.recommended] },
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: globals.node,
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    files: TS,
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Off: the code writes `xs[i]!` and `map.get(k)!` as if noUncheckedIndexedAccess were on (about 270 places); the rule would strip that habit.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      // Off: an async function without await keeps its Promise API (auditFiles, LSP handlers); dropping `async` would turn a rejection into a throw.
      '@typescript-eslint/require-await': 'off',
      // node:test's test() and describe() return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': ['error', { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] }] }],
    },
  },
  {
    // Tests, benchmarks and scripts read JSON (CLI output, SARIF, package.json, LSP payloads) as `any` and assert on its shape.
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // String(diagnostic.message) of an LSP `string | MarkupContent`: a MarkupContent would fail the assertion anyway.
      '@typescript-eslint/no-base-to-string': 'off',
    },
  },
  {
    // The language server runs in its own process, never in the extension host.
    files: ['server/src/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'Only client/src runs inside VS Code.' }] }] },
  },
  {
    // The engine is pure: test/unit/architecture.test.ts checks the editor and LSP imports (and imports out of the engine); this adds the file system.
    files: ['server/src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'vscode', ...pure('no editor API') },
            ...['fs', 'node:fs', 'fs/promises', 'node:fs/promises'].map((name) => ({ name, ...pure('server/src/workspace reads the files') })),
          ],
          patterns: [{ regex: '^vscode-(languageserver|languageclient|jsonrpc)', ...pure('the LSP libraries belong to server/src/lsp and server/src/server.ts') }],
        },
      ],
    },
  },
  {
    // The client stays thin (test/unit/architecture.test.ts): of the server, only the shared protocol names; never the compiler.
    files: ['client/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'typescript', message: 'The client never loads the compiler.' }],
          patterns: [{ regex: 'server/src/(?!lsp/protocol\\.js$)', message: 'Of the server, the client imports only server/src/lsp/protocol.js.' }],
        },
      ],
    },
  },
  {
    // The VS Code end-to-end tests (test/e2e/run.sh): CommonJS, with mocha's globals inside the extension host.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node, ...globals.mocha } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Functions these pass to Playwright's page.evaluate() run in the workbench page.
    files: ['test/e2e/ui.cjs', 'test/e2e/lib/workbench.cjs'],
    languageOptions: { globals: { ...globals.node, ...globals.mocha, ...globals.browser } },
  },
);
