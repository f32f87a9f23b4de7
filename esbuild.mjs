// Bundles the three entry points into dist/. Exits non-zero on any error.
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // Prefer ES module builds: jsonc-parser's UMD build hides its requires from the bundler.
  mainFields: ['module', 'main'],
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  define: { PACKAGE_VERSION: JSON.stringify(pkg.version) },
};

/**
 * The TypeScript compiler ships once, as `dist/typescript.js`, and is loaded on first use by the
 * bundles that analyse code through V8's code cache (server/src/compile-cache.ts): the language server
 * in the extension's global storage, the CLI and its audit workers in the user's cache folder
 * (server/src/workspace/user-cache.ts). The CLI's main thread only discovers files and
 * collects the workers' results, so it never loads the compiler unless it analyses on its own
 * thread (trees under 300 files, `--fix`); the client never does.
 */
const compilerBeside = (how) => ({
  name: 'typescript-beside',
  setup(build) {
    build.onResolve({ filter: /^typescript$/ }, () => ({ path: 'typescript', namespace: 'typescript-beside' }));
    build.onLoad({ filter: /.*/, namespace: 'typescript-beside' }, () => ({
      contents:
        how === 'code-cache'
          ? "module.exports = require('./compile-cache').requireWithCompileCache(require('node:path').join(__dirname, 'typescript.js'));"
          : "module.exports = require('./typescript.js');",
      resolveDir: fileURLToPath(new URL('./server/src/', import.meta.url)),
      loader: 'js',
    }));
    build.onResolve({ filter: /^\.\/typescript\.js$/, namespace: 'typescript-beside' }, () => ({ path: './typescript.js', external: true }));
  },
});

try {
  await Promise.all([
    esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
    // The language server: dist/server.js loads dist/server-main.js through V8's code cache (server/src/server-loader.ts).
    esbuild.build({ ...common, entryPoints: ['server/src/server-loader.ts'], outfile: 'dist/server.js' }),
    esbuild.build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server-main.js', plugins: [compilerBeside('code-cache')] }),
    esbuild.build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, plugins: [compilerBeside('code-cache')] }),
    // Worker threads of the CLI audit; loaded from next to cli.js.
    esbuild.build({ ...common, entryPoints: ['server/src/workspace/audit-worker.ts'], outfile: 'dist/audit-worker.js', plugins: [compilerBeside('code-cache')] }),
    esbuild.build({ ...common, entryPoints: ['typescript'], outfile: 'dist/typescript.js', sourcemap: false }),
  ]);
} catch {
  process.exit(1);
}
