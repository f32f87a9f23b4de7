'use strict';
// Entry point for --extensionTestsPath: runs the mocha suites in this folder inside the extension
// host (code-server's through code-offline.cjs, or a desktop VS Code). Env: E2E_GREP filters tests.
const fs = require('node:fs');
const path = require('node:path');

function requireMocha() {
  const root = path.resolve(__dirname, '..', '..', '..');
  for (const base of [root, path.join(process.env.E2E_HOME || path.join(root, '.e2e'), 'tools')]) {
    try {
      return require(require.resolve('mocha', { paths: [base] }));
    } catch (error) {
      if (error.code !== 'MODULE_NOT_FOUND') throw error;
    }
  }
  throw new Error('mocha is not installed: run bash test/e2e/install.sh');
}

exports.run = function run() {
  const Mocha = requireMocha();
  const mocha = new Mocha({ ui: 'tdd', timeout: 90_000, color: false, reporter: require('./reporter.cjs') });
  if (process.env.E2E_GREP) mocha.grep(process.env.E2E_GREP);
  for (const file of fs.readdirSync(__dirname).sort()) {
    if (file.endsWith('.test.cjs')) mocha.addFile(path.join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} extension-host test(s) failed`)) : resolve()));
  });
};
