'use strict';
// Prints one `ok - ext/<title>` / `not ok - ext/<title>` line per test (the format CI reads;
// test/e2e/run.sh prints the closing `N passed, N failed` line for all e2e tests together).
const path = require('node:path');

function requireMochaBase() {
  const root = path.resolve(__dirname, '..', '..', '..');
  for (const base of [root, path.join(root, '.e2e', 'tools')]) {
    try {
      return require(require.resolve('mocha', { paths: [base] })).reporters.Base;
    } catch {
      // not installed there: try the next place
    }
  }
  throw new Error('mocha not found');
}
const Base = requireMochaBase();

class E2eReporter extends Base {
  constructor(runner, options) {
    super(runner, options);
    const started = new Map();
    runner.on('test', (test) => started.set(test, Date.now()));
    const ms = (test) => ((Date.now() - (started.get(test) || Date.now())) / 1000).toFixed(1);
    runner.on('pass', (test) => console.log(`ok - ext/${test.fullTitle()}\n#   ${ms(test)} s`));
    runner.on('fail', (test, error) => {
      const stack = String((error && (error.stack || error.message)) || error)
        .split('\n')
        .slice(0, 6);
      console.log(`not ok - ext/${test.fullTitle()}\n#   ${ms(test)} s; ${stack.join('\n#   ')}`);
    });
    runner.on('pending', (test) => console.log(`ok - ext/${test.fullTitle()} # SKIP`));
    runner.once('end', () => console.log(`# ext-host: ${this.stats.passes} passing, ${this.stats.failures} failing`));
  }
}
module.exports = E2eReporter;
