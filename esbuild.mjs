// Bundles the three entry points into dist/. Exits non-zero on any error.
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';

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
 * The CLI's main thread only discovers files and collects the workers' results, so `dist/cli.js` does not
 * carry the TypeScript compiler (compiling that 9 MB costs each thread ~55 MB): when it analyses on
 * its own thread (`--jobs 1`, small trees, `--fix`), it takes the compiler from `audit-worker.js`,
 * which ships next to it and does nothing else when loaded outside a worker.
 */
const typescriptFromWorker = {
  name: 'typescript-from-audit-worker',
  setup(build) {
    build.onResolve({ filter: /^typescript$/ }, () => ({ path: 'typescript', namespace: 'typescript-from-worker' }));
    build.onLoad({ filter: /.*/, namespace: 'typescript-from-worker' }, () => ({
      contents: "module.exports = require('./audit-worker.js').loadTypeScript();",
      loader: 'js',
    }));
    build.onResolve({ filter: /^\.\/audit-worker\.js$/, namespace: 'typescript-from-worker' }, () => ({ path: './audit-worker.js', external: true }));
  },
};

try {
  await Promise.all([
    esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
    esbuild.build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' }),
    esbuild.build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, plugins: [typescriptFromWorker] }),
    // Worker threads of the CLI audit; loaded from next to cli.js.
    esbuild.build({ ...common, entryPoints: ['server/src/workspace/audit-worker.ts'], outfile: 'dist/audit-worker.js' }),
  ]);
} catch {
  process.exit(1);
}
