import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { load } from 'js-yaml';

const ROOT = path.join(__dirname, '..', '..');

interface Step {
  name: string;
  shell?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
}
interface Action {
  inputs: Record<string, { default?: string; required?: boolean }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = load(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as Action;

/** `${{ inputs.x }}` as GitHub evaluates it: the input given, else its default. Anything else is not supported here. */
function evaluate(value: string, inputs: Record<string, string>): string {
  return value.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_m, name: string) => {
    assert.ok(name in action.inputs, `unknown input ${name}`);
    return inputs[name] ?? action.inputs[name]!.default ?? '';
  });
}

/**
 * Runs the action's steps as a GitHub runner does: each `run` script in a file, with
 * `bash --noprofile --norc -eo pipefail`, the step's env evaluated, GITHUB_ACTION_PATH at this
 * repository, in the workspace folder. Stops at the first failing step, like the runner.
 */
function runAction(workspace: string, inputs: Record<string, string>) {
  const output = path.join(workspace, '.github-output');
  writeFileSync(output, '');
  let log = '';
  for (const step of action.runs.steps) {
    assert.equal(step.uses, undefined, `${step.name}: a step that downloads an action needs the network`);
    assert.equal(step.shell, 'bash');
    const script = path.join(workspace, '.step.sh');
    writeFileSync(script, step.run!);
    const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, evaluate(v, inputs)]));
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
      cwd: workspace,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: process.env.HOME, GITHUB_ACTION_PATH: ROOT, GITHUB_OUTPUT: output, GITHUB_WORKSPACE: workspace, ...env },
    });
    rmSync(script);
    log += r.stdout + r.stderr;
    if (r.status !== 0) return { code: r.status, log, outputs: readFileSync(output, 'utf8') };
  }
  return { code: 0, log, outputs: readFileSync(output, 'utf8') };
}

describe('GitHub Action (action.yml)', () => {
  let workspace: string;
  before(() => {
    workspace = mkdtempSync(path.join(tmpdir(), 'aais-action-'));
    cpSync(path.join(ROOT, 'sample-workspace'), workspace, { recursive: true });
  });
  after(() => rmSync(workspace, { recursive: true, force: true }));

  test('is a composite action with the four inputs', () => {
    assert.equal(action.runs.using, 'composite');
    assert.deepEqual(Object.keys(action.inputs).sort(), ['baseline', 'fail-on', 'paths', 'sarif-file']);
    assert.equal(action.inputs['fail-on']!.default, 'warning');
  });

  test('with the defaults it writes SARIF of the whole workspace, fails on the findings and prints them', () => {
    const r = runAction(workspace, {});
    assert.equal(r.code, 1, r.log);
    const sarif = JSON.parse(readFileSync(path.join(workspace, 'azure-ai-security.sarif'), 'utf8'));
    const files = new Set(
      sarif.runs[0].results.map((x: { locations: [{ physicalLocation: { artifactLocation: { uri: string } } }] }) => x.locations[0].physicalLocation.artifactLocation.uri),
    );
    assert.ok(files.has('src/settings.ts') && files.has('infra/main.bicep'), [...files].join(', '));
    assert.match(r.log, /src\/settings\.ts\n( {2}.*\n)* {2}4:14 {2}error {2}Hardcoded Azure OpenAI key/);
    assert.match(r.outputs, /^sarif-file=azure-ai-security\.sarif$/m);
  });

  test('paths, fail-on, sarif-file and a baseline: the earlier report makes the same findings pass', () => {
    const first = runAction(workspace, { paths: 'src infra', 'fail-on': 'error', 'sarif-file': 'reports/first.sarif' });
    assert.equal(first.code, 1, first.log);
    assert.ok(existsSync(path.join(workspace, 'reports', 'first.sarif')));
    const second = runAction(workspace, { paths: 'src infra', 'fail-on': 'error', 'sarif-file': 'second.sarif', baseline: 'reports/first.sarif' });
    assert.equal(second.code, 0, second.log);
    assert.match(second.log, /; 0 new, \d+ baselined, 0 fixed\)/);
    const sarif = JSON.parse(readFileSync(path.join(workspace, 'second.sarif'), 'utf8'));
    assert.ok(sarif.runs[0].results.length > 0 && sarif.runs[0].results.every((x: { baselineState: string }) => x.baselineState === 'unchanged'));
  });

  test('a path with a space, one per line; an input is never run as shell code', () => {
    cpSync(path.join(workspace, 'src'), path.join(workspace, 'my src'), { recursive: true });
    const r = runAction(workspace, { paths: 'my src\n', 'sarif-file': 'spaces.sarif', 'fail-on': 'none' });
    assert.equal(r.code, 0, r.log);
    const sarif = JSON.parse(readFileSync(path.join(workspace, 'spaces.sarif'), 'utf8'));
    assert.ok(sarif.runs[0].results.length > 0);
    const injected = runAction(workspace, { paths: 'src', 'fail-on': 'none; touch pwned', 'sarif-file': 'x.sarif' });
    assert.equal(injected.code, 2);
    assert.match(injected.log, /--fail-on must be one of/);
    assert.ok(!existsSync(path.join(workspace, 'pwned')));
  });
});
