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

test('the engine is pure: nothing under server/src/engine imports vscode, the LSP libraries or the faces', () => {
  const offenders: string[] = [];
  const engine = path.join(ROOT, 'server', 'src', 'engine');
  for (const file of sources(engine)) {
    for (const spec of importsOf(file)) {
      const escapes = spec.startsWith('.') && !path.resolve(path.dirname(file), spec).startsWith(engine);
      if (/^vscode($|-languageserver|-languageclient|-jsonrpc)/.test(spec) || escapes) offenders.push(`${path.relative(ROOT, file)} → ${spec}`);
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
