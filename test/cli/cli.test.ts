import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'cli', 'project');
const KEY = '9b74c9897bac770ffc029102a200c5de';

function run(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh copy of the fixture project, with the parts git cannot hold: node_modules and a binary file. */
function project(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'aais-cli-'));
  cpSync(FIXTURE, dir, { recursive: true });
  mkdirSync(path.join(dir, 'node_modules', 'pkg'), { recursive: true });
  writeFileSync(path.join(dir, 'node_modules', 'pkg', 'index.ts'), `new AzureKeyCredential("${KEY}");\n`);
  writeFileSync(path.join(dir, 'src', 'blob.ts'), Buffer.from([0x63, 0x6f, 0x00, 0x01, 0x02, 0xff]));
  return dir;
}

describe('CLI', () => {
  let dir: string;
  before(() => {
    dir = project();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('text output lists findings ESLint-style and exits 1', () => {
    const r = run(['scan', dir]);
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stdout.split('\n');
    assert.equal(lines[0], 'src/app.ts');
    assert.match(lines[1]!, /^ {2}5:11 {2}error {2}Hardcoded Azure OpenAI key \('9b74…'\)\. .* {2}hardcoded-key$/);
    assert.ok(!r.stdout.includes(KEY.slice(0, 5)), 'no more than 4 characters of the key');
    assert.ok(!r.stdout.includes('generated/') && !r.stdout.includes('node_modules'), 'gitignored and dependency folders are skipped');
    assert.match(r.stdout, /src\/blob\.ts: Skipped: binary file\./);
    assert.match(r.stdout, /infra\/broken\.bicep: Syntax error at \d+:\d+/);
    assert.match(r.stdout, /✖ 1 problem \(1 error, 0 warnings, 0 info\) in 3 files scanned\n$/);
  });

  test('--fail-on decides the exit code', () => {
    assert.equal(run(['scan', dir, '--fail-on', 'none']).code, 0);
    assert.equal(run(['scan', dir, '--fail-on', 'error']).code, 1);
    assert.equal(run(['scan', path.join(dir, 'src', 'clean.ts')]).code, 0);
  });

  test('a reader that stops early (| head) ends the run quietly, with the exit code of the scan', async () => {
    const child = spawn(process.execPath, [CLI, 'scan', dir, '--format', 'json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // closed before the report is written: every write then fails with EPIPE
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('close', (status) => resolve(status)));
    assert.equal(stderr, '');
    assert.equal(code, 1, 'findings at error level, as without the pipe');
  });

  test('usage errors exit 2 with a clear message', () => {
    const bad = run(['scan', dir, '--format', 'xml']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--format must be one of text, json, sarif \(got "xml"\)/);
    const missing = run(['scan', path.join(dir, 'nope')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /Path not found: .*nope/);
    assert.equal(run(['frobnicate']).code, 2);
  });

  test('--format json carries findings without the key', () => {
    const r = run(['scan', dir, '--format', 'json']);
    const report = JSON.parse(r.stdout);
    assert.equal(report.scannedFiles, 3);
    assert.deepEqual(report.summary, { error: 1, warning: 0, info: 0 });
    assert.equal(report.files[0].path, 'src/app.ts');
    assert.deepEqual(report.files[0].findings[0].range, { start: { line: 4, character: 10 }, end: { line: 4, character: 44 } });
    assert.equal(report.files[0].findings[0].fixes[0].envVariable, 'AZURE_OPENAI_API_KEY');
    assert.ok(!r.stdout.includes(KEY.slice(0, 5)));
  });

  test('--format sarif writes SARIF 2.1.0 with rules, relative locations, fixes and notifications', () => {
    const out = path.join(dir, 'report.sarif');
    const r = run(['scan', dir, '--format', 'sarif', '--output', out]);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    const text = readFileSync(out, 'utf8');
    assert.ok(!text.includes(KEY.slice(0, 5)), 'the SARIF fix leaves the .env value out');
    const sarif = JSON.parse(text);
    assert.equal(sarif.version, '2.1.0');
    const run0 = sarif.runs[0];
    const ids = run0.tool.driver.rules.map((x: { id: string }) => x.id);
    assert.ok(ids.includes('hardcoded-key'));
    const rule = run0.tool.driver.rules[ids.indexOf('hardcoded-key')];
    assert.ok(rule.shortDescription.text.length > 0);
    assert.equal(rule.helpUri, undefined, 'no public repository in package.json: no helpUri, never a local file');
    assert.ok(rule.help.markdown.startsWith('# hardcoded-key\n'));
    assert.equal(run0.results.length, 1);
    const [result] = run0.results;
    assert.equal(result.ruleId, 'hardcoded-key');
    assert.equal(result.level, 'error');
    assert.deepEqual(result.locations[0].physicalLocation.artifactLocation, { uri: 'src/app.ts', uriBaseId: 'SRCROOT' });
    assert.deepEqual(result.locations[0].physicalLocation.region, { startLine: 5, startColumn: 11, endLine: 5, endColumn: 45 });
    assert.equal(result.fixes[0].description.text, 'Move to environment variable AZURE_OPENAI_API_KEY');
    const notes = run0.invocations[0].toolExecutionNotifications.map(
      (n: { locations: [{ physicalLocation: { artifactLocation: { uri: string } } }] }) => n.locations[0].physicalLocation.artifactLocation.uri,
    );
    assert.deepEqual(notes.sort(), ['infra/broken.bicep', 'src/blob.ts']);
  });

  test('--fix moves the key to .env, ignores .env in git, and the rescan is clean', () => {
    const fixDir = project();
    try {
      const r = run(['scan', fixDir, '--fix']);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.match(r.stderr, /Fixed 1 file/);
      const app = readFileSync(path.join(fixDir, 'src', 'app.ts'), 'utf8');
      assert.ok(app.includes('apiKey: process.env.AZURE_OPENAI_API_KEY ?? missingEnv("AZURE_OPENAI_API_KEY"),'));
      assert.ok(!app.includes(KEY));
      assert.equal(readFileSync(path.join(fixDir, '.env'), 'utf8'), `AZURE_OPENAI_API_KEY=${KEY}\n`);
      assert.equal(readFileSync(path.join(fixDir, '.gitignore'), 'utf8'), 'generated/\n.env\n');
      // Running it again changes nothing.
      const again = run(['scan', fixDir, '--fix']);
      assert.equal(again.code, 0);
      assert.equal(readFileSync(path.join(fixDir, 'src', 'app.ts'), 'utf8'), app);
      assert.equal(readFileSync(path.join(fixDir, '.env'), 'utf8'), `AZURE_OPENAI_API_KEY=${KEY}\n`);
    } finally {
      rmSync(fixDir, { recursive: true, force: true });
    }
  });

  test('config file levels apply and its errors are reported clearly', () => {
    const cfgDir = project();
    try {
      writeFileSync(path.join(cfgDir, '.azure-ai-security.json'), '{ "rules": { "hardcoded-key": "warning", "no-such-rule": "off" } }');
      const r = run(['scan', cfgDir, '--fail-on', 'error']);
      assert.equal(r.code, 0);
      assert.match(r.stdout, /5:11 {2}warning/);
      assert.match(r.stderr, /\.azure-ai-security\.json:1:42: Unknown rule id "no-such-rule"/);
      writeFileSync(path.join(cfgDir, '.azure-ai-security.json'), '{ "rules": ');
      const broken = run(['scan', cfgDir]);
      assert.equal(broken.code, 1);
      assert.match(broken.stderr, /invalid JSON/);
    } finally {
      rmSync(cfgDir, { recursive: true, force: true });
    }
  });

  test('a Bicep pragma without rule ids is an editor hint only: no problem, no notice, exit 0', () => {
    const pragmaDir = mkdtempSync(path.join(tmpdir(), 'aais-cli-pragma-'));
    try {
      writeFileSync(path.join(pragmaDir, 'main.bicep'), "#disable-next-line\nparam location string = 'westeurope'\n");
      const r = run(['scan', pragmaDir]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, '✔ 0 problems (0 errors, 0 warnings, 0 info) in 1 file scanned\n');
      const json = JSON.parse(run(['scan', pragmaDir, '--format', 'json']).stdout);
      assert.deepEqual([json.files, json.notices], [[], []]);
    } finally {
      rmSync(pragmaDir, { recursive: true, force: true });
    }
  });

  test('the bundled sample workspace is audited by the README command', () => {
    const r = run(['scan', 'sample-workspace']);
    assert.equal(r.code, 1);
    assert.ok(existsSync(path.join(ROOT, 'sample-workspace', 'src', 'settings.ts')));
    assert.match(r.stdout, /src\/settings\.ts\n( {2}.*\n)* {2}4:14 {2}error {2}Hardcoded Azure OpenAI key/);
  });
});

describe('SARIF validity', () => {
  test("Microsoft's sarif-multitool validates the report with no error and no warning", () => {
    const dir = project();
    try {
      // A config file's finding whose fix edits another file (Add to .gitignore) stays valid SARIF.
      writeFileSync(path.join(dir, 'local.settings.json'), `{ "Values": { "SPEECH_KEY": "${KEY}" } }\n`);
      const out = path.join(dir, 'report.sarif');
      run(['scan', dir, '--format', 'sarif', '--output', out]);
      assert.match(readFileSync(out, 'utf8'), /"ruleId": "env-file-not-ignored"/);
      const tool = path.join(ROOT, 'node_modules', '.bin', 'sarif-multitool');
      const r = spawnSync(tool, ['validate', out], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /Analysis completed successfully/);
      assert.doesNotMatch(r.stdout, /: (error|warning) SARIF/, r.stdout);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('byte order mark', () => {
  test('columns match the editor (no BOM counted) and --fix keeps the BOM', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'aais-bom-'));
    try {
      writeFileSync(path.join(dir, 'app.ts'), `\uFEFFconst c = new AzureKeyCredential("${KEY}");\n`);
      const json = JSON.parse(run(['scan', dir, '--format', 'json']).stdout);
      assert.deepEqual(json.files[0].findings[0].range.start, { line: 0, character: 33 });
      run(['scan', dir, '--fix']);
      const fixed = readFileSync(path.join(dir, 'app.ts'), 'utf8');
      assert.ok(fixed.startsWith('\uFEFF') && fixed.includes('process.env.'), fixed);
      assert.equal(fixed.indexOf('\uFEFF', 1), -1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('--fix never loses a key', () => {
  test('when .env cannot be written, the source keeps its key and the run says why', () => {
    const dir = project();
    try {
      mkdirSync(path.join(dir, '.env')); // a folder where .env should be: unwritable
      const r = run(['scan', dir, '--fix']);
      assert.equal(r.code, 1);
      assert.ok(readFileSync(path.join(dir, 'src', 'app.ts'), 'utf8').includes(KEY), 'the key is still in the source');
      assert.match(r.stdout, /src\/app\.ts: Key not moved: the workspace folder's \.env or \.gitignore cannot be read \(EISDIR\)\./);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a source file that links outside the scanned folder is not written through', () => {
    const dir = project();
    const outside = mkdtempSync(path.join(tmpdir(), 'aais-outside-'));
    try {
      writeFileSync(path.join(outside, 'shared.ts'), `export const k = new AzureKeyCredential("${KEY}");\n`);
      symlinkSync(path.join(outside, 'shared.ts'), path.join(dir, 'src', 'shared.ts'));
      const r = run(['scan', dir, '--fix']);
      assert.equal(readFileSync(path.join(outside, 'shared.ts'), 'utf8'), `export const k = new AzureKeyCredential("${KEY}");\n`);
      assert.match(r.stdout, /src\/shared\.ts: Not fixed: it is a link to .*shared\.ts, outside the scanned folder\./);
      assert.ok(!readFileSync(path.join(dir, 'src', 'app.ts'), 'utf8').includes(KEY), 'other files are still fixed');
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe('config file lookup', () => {
  test('scanning a subfolder uses the config file of the folder above (up to the repository root), excludes included', () => {
    const dir = project();
    try {
      mkdirSync(path.join(dir, '.git'));
      writeFileSync(path.join(dir, '.azure-ai-security.json'), '{ "rules": { "hardcoded-key": "info" }, "exclude": ["src/skip/**"] }');
      mkdirSync(path.join(dir, 'src', 'skip'));
      writeFileSync(path.join(dir, 'src', 'skip', 'x.ts'), `new AzureKeyCredential("${KEY}");\n`);
      const r = run(['scan', path.join(dir, 'src'), '--format', 'json']);
      const report = JSON.parse(r.stdout);
      assert.deepEqual(report.summary, { error: 0, warning: 0, info: 1 });
      assert.deepEqual(
        report.files.map((f: { path: string }) => f.path),
        ['app.ts'],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the 2026 Bicep surface in the CLI', () => {
  const GATEWAY = path.join(ROOT, 'test', 'fixtures', 'bicep', 'foundry-gateway.bicep');

  test('SARIF carries connection-key-auth, the ML hub and the AI gateway findings with their rules and fixes, and validates', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'aais-cli-gateway-'));
    try {
      mkdirSync(path.join(dir, 'infra'));
      cpSync(GATEWAY, path.join(dir, 'infra', 'main.bicep'));
      const out = path.join(dir, 'report.sarif');
      const r = run(['scan', dir, '--format', 'sarif', '--output', out]);
      assert.equal(r.code, 1, r.stderr);
      const sarif = JSON.parse(readFileSync(out, 'utf8'));
      const run0 = sarif.runs[0];
      const rows = run0.results.map((x: { ruleId: string; level: string; locations: [{ physicalLocation: { region: { startLine: number; startColumn: number } } }] }) => [
        x.ruleId,
        x.level,
        x.locations[0].physicalLocation.region.startLine,
        x.locations[0].physicalLocation.region.startColumn,
      ]);
      assert.deepEqual(rows, [
        ['local-auth-enabled', 'warning', 51, 23],
        ['public-network-access', 'warning', 56, 18],
        ['connection-key-auth', 'warning', 69, 17],
        ['unrestricted-outbound', 'note', 104, 22],
        ['key-in-app-settings', 'warning', 142, 13],
        ['key-in-app-settings', 'warning', 167, 11],
      ]);
      const rule = run0.tool.driver.rules.find((x: { id: string }) => x.id === 'connection-key-auth');
      // The rule page travels in the SARIF itself (no local file:// link).
      assert.match(rule.help.markdown, /^# connection-key-auth/m);
      assert.ok(!JSON.stringify(rule).includes('file://'));
      const connection = run0.results.find((x: { ruleId: string }) => x.ruleId === 'connection-key-auth');
      assert.deepEqual(
        connection.fixes.map((f: { description: { text: string } }) => f.description.text),
        ["Use Microsoft Entra ID: set authType to 'AAD' and remove credentials"],
      );
      const tool = path.join(ROOT, 'node_modules', '.bin', 'sarif-multitool');
      const v = spawnSync(tool, ['validate', out], { encoding: 'utf8' });
      assert.equal(v.status, 0, v.stdout + v.stderr);
      assert.doesNotMatch(v.stdout, /: (error|warning) SARIF/, v.stdout);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('--fix applies the safe fixes (hub network, allow-all IP rule, local auth) and leaves the suggestion-only findings', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'aais-cli-gateway-fix-'));
    try {
      cpSync(GATEWAY, path.join(dir, 'main.bicep'));
      run(['scan', dir, '--fix']);
      const fixed = readFileSync(path.join(dir, 'main.bicep'), 'utf8');
      assert.ok(fixed.includes("isolationMode: 'AllowOnlyApprovedOutbound'") && !fixed.includes("'0.0.0.0/0'") && fixed.includes('disableLocalAuth: true'), fixed);
      assert.ok(fixed.includes("authType: 'ApiKey'"), 'a suggestion is never applied by --fix');
      const json = JSON.parse(run(['scan', dir, '--format', 'json']).stdout);
      assert.deepEqual(json.files[0].findings.map((f: { ruleId: string }) => f.ruleId).sort(), ['connection-key-auth', 'key-in-app-settings', 'key-in-app-settings']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the 2026 Bicep rules across module calls', () => {
  test('a hub, connection or account module judged at each call: findings and fixes land on what the caller passes or leaves', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'aais-cli-modules-'));
    try {
      cpSync(path.join(ROOT, 'test', 'fixtures', 'workspaces', 'foundry-modules'), dir, { recursive: true });
      const json = JSON.parse(run(['scan', dir, '--format', 'json']).stdout) as {
        files: Array<{
          path: string;
          findings: Array<{ ruleId: string; message: string; range: { start: { line: number; character: number } }; fixes: Array<{ title: string; preferred: boolean }> }>;
        }>;
      };
      const rows = json.files.flatMap((f) =>
        f.findings.map((x) => [f.path, x.ruleId, x.range.start.line + 1, x.range.start.character + 1, x.fixes.map((fix) => `${fix.preferred ? '*' : ''}${fix.title}`)]),
      );
      assert.deepEqual(rows, [
        // The hub module leaves isolationMode at its default: on the module call's name.
        ['infra/main.bicep', 'unrestricted-outbound', 3, 8, ["*Restrict outbound access: pass isolationMode: 'AllowOnlyApprovedOutbound' to the module"]],
        // The caller passes authType 'ApiKey': on that value.
        ['infra/main.bicep', 'connection-key-auth', 13, 15, ["Use Microsoft Entra ID: set authType to 'AAD'"]],
        // The caller passes an allow-all IP rule: on the list it passes.
        ['infra/main.bicep', 'public-network-access', 20, 17, ['*Remove the IP rule that admits every address: set allowedIps to []']],
      ]);
      const messages = json.files.flatMap((f) => f.findings.map((x) => x.message));
      assert.match(messages[0]!, /^Module 'hub' \(core\/ai\/hub\.bicep\): Machine learning hub 'hub'/);
      assert.match(messages[1]!, /passed to param 'authType' of core\/ai\/connection\.bicep/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
