import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import * as server from '../../server/src/lsp/protocol.js';

const ROOT = path.join(__dirname, '..', '..');

test('every command is contributed in the manifest with the category, and every command is registered by the client', () => {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const contributed = (manifest.contributes.commands as { command: string; category: string }[]).map((c) => c.command).sort();
  assert.deepEqual(contributed, Object.values(server.Commands).sort());
  for (const c of manifest.contributes.commands) assert.equal(c.category, 'Azure AI Security');
  const extension = readFileSync(path.join(ROOT, 'client', 'src', 'extension.ts'), 'utf8');
  for (const key of Object.keys(server.Commands)) assert.ok(extension.includes(`registerCommand(Commands.${key}`), `${key} is not registered`);
  for (const key of Object.keys(server.InternalCommands)) assert.ok(extension.includes(`registerCommand(InternalCommands.${key}`), `${key} is not registered`);
});

test('the client bundle holds the protocol names but not the engine or the TypeScript compiler', () => {
  const bundle = readFileSync(path.join(ROOT, 'dist', 'extension.js'), 'utf8');
  assert.ok(bundle.includes(server.Requests.audit));
  assert.ok(!bundle.includes('createSourceFile'), 'the TypeScript compiler is not in the client bundle');
  assert.ok(!bundle.includes('JQQJ99'), 'the engine is not in the client bundle');
});
