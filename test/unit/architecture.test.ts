import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

const ROOT = path.join(__dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sources(full) : name.endsWith('.ts') ? [full] : [];
  });
}

const IMPORT = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

test('the engine is pure: nothing under server/src/engine imports vscode, the LSP libraries, the file system, threads or the network, or the faces', () => {
  const offenders: string[] = [];
  const engine = path.join(ROOT, 'server', 'src', 'engine');
  for (const file of sources(engine)) {
    for (const spec of importsOf(file)) {
      const escapes = spec.startsWith('.') && !path.resolve(path.dirname(file), spec).startsWith(engine);
      const io = /^(node:)?(fs|fs\/promises|worker_threads|child_process|net|http|https)$/.test(spec);
      if (/^vscode($|-languageserver|-languageclient|-jsonrpc)/.test(spec) || escapes || io) offenders.push(`${path.relative(ROOT, file)} → ${spec}`);
    }
  }
  assert.deepEqual(offenders, []);
});

test('the client stays thin: of the server it imports only the shared protocol names, never the engine or the compiler', () => {
  const offenders = sources(path.join(ROOT, 'client', 'src')).flatMap((file) =>
    importsOf(file)
      .filter((spec) => spec === 'typescript' || (spec.includes('server/src') && !spec.endsWith('server/src/lsp/protocol.js')))
      .map((spec) => `${path.relative(ROOT, file)} → ${spec}`),
  );
  assert.deepEqual(offenders, []);
});

const ENGINE = path.join(ROOT, 'server', 'src', 'engine');
const RULES_DIR = path.join(ENGINE, 'rules');
const REGISTRY = path.join(RULES_DIR, 'index.ts');

/** The `.ts` file a relative import names (sources import `./x.js`). */
function resolveImport(file: string, spec: string): string {
  return path.resolve(path.dirname(file), spec).replace(/\.js$/, '.ts');
}

/** The rule a file under rules/ belongs to: `rules/<id>.ts` or `rules/<id>/…`; undefined for the registry and files elsewhere. */
function ruleOfFile(file: string): string | undefined {
  const relative = path.relative(RULES_DIR, file);
  if (relative.startsWith('..') || file === REGISTRY) return undefined;
  return relative.split(path.sep)[0]!.replace(/\.ts$/, '');
}

test('no rule imports another rule: what two rules share lives in a helper outside rules/', () => {
  const offenders: string[] = [];
  for (const file of sources(RULES_DIR)) {
    const own = ruleOfFile(file);
    if (own === undefined) continue;
    for (const spec of importsOf(file).filter((s) => s.startsWith('.'))) {
      const target = resolveImport(file, spec);
      const inRules = !path.relative(RULES_DIR, target).startsWith('..');
      if (inRules && ruleOfFile(target) !== own) offenders.push(`${path.relative(ROOT, file)} → ${spec}`);
    }
  }
  assert.deepEqual(offenders, []);
});

test('outside rules/, the engine reaches rules only through the registry (rules/index.ts)', () => {
  const offenders: string[] = [];
  for (const file of sources(path.join(ROOT, 'server', 'src'))) {
    if (ruleOfFile(file) !== undefined || file === REGISTRY) continue;
    for (const spec of importsOf(file).filter((s) => s.startsWith('.'))) {
      if (ruleOfFile(resolveImport(file, spec)) !== undefined) offenders.push(`${path.relative(ROOT, file)} → ${spec}`);
    }
  }
  assert.deepEqual(offenders, []);
});

test('a rule folder holds index.ts and only its language halves, typescript.ts, bicep.ts and config.ts', () => {
  const offenders: string[] = [];
  for (const entry of readdirSync(RULES_DIR, { withFileTypes: true })) {
    if (!entry.isDirectory()) {
      if (!entry.name.endsWith('.ts')) offenders.push(`rules/${entry.name}: not a rule file`);
      continue;
    }
    const names = readdirSync(path.join(RULES_DIR, entry.name));
    if (!names.includes('index.ts')) offenders.push(`rules/${entry.name}/: no index.ts`);
    for (const name of names) if (!['index.ts', 'typescript.ts', 'bicep.ts', 'config.ts'].includes(name)) offenders.push(`rules/${entry.name}/${name}`);
  }
  assert.deepEqual(offenders, []);
});

test('the Bicep parser knows nothing of Azure: nothing in bicep/ outside bicep/azure/ imports it', () => {
  const azure = path.join(ENGINE, 'bicep', 'azure');
  const offenders = sources(path.join(ENGINE, 'bicep'))
    .filter((file) => !file.startsWith(azure + path.sep))
    .flatMap((file) =>
      importsOf(file)
        .filter((spec) => spec.startsWith('.') && resolveImport(file, spec).startsWith(azure + path.sep))
        .map((spec) => `${path.relative(ROOT, file)} → ${spec}`),
    );
  assert.deepEqual(offenders, []);
});

test('the faces share the report formats and the audit driver: only the CLI imports cli/, and the server has no audit loop of its own', () => {
  const server = path.join(ROOT, 'server', 'src');
  const cliDir = path.join(server, 'cli');
  const offenders: string[] = [];
  for (const file of sources(server)) {
    if (file === path.join(server, 'cli.ts') || file.startsWith(cliDir + path.sep)) continue;
    for (const spec of importsOf(file)) if (spec.startsWith('.') && resolveImport(file, spec).startsWith(cliDir + path.sep)) offenders.push(`${path.relative(ROOT, file)} → ${spec}`);
  }
  assert.deepEqual(offenders, []);
  // The editor's audit goes through workspace/audit.ts: lsp/ neither walks folders nor runs workers itself.
  for (const file of sources(path.join(server, 'lsp'))) {
    for (const spec of importsOf(file)) assert.ok(!/workspace\/(discover|parallel-audit)\.js$/.test(spec), `${path.relative(ROOT, file)} → ${spec}`);
  }
});
