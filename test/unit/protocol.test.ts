import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as client from '../../client/src/protocol.js';
import * as server from '../../server/src/lsp/protocol.js';

test('the client repeats the server protocol names exactly', () => {
  assert.equal(client.SOURCE, server.SOURCE);
  assert.equal(client.FIX_ALL_KIND, server.FIX_ALL_KIND);
  assert.deepEqual(client.Commands, server.Commands);
  assert.deepEqual(client.Requests, server.Requests);
  assert.deepEqual(client.Notifications, server.Notifications);
  assert.deepEqual(client.InternalCommands, server.InternalCommands);
});

test('every command is contributed in the manifest with the category, and every contributed command is registered', async () => {
  const { readFileSync } = await import('node:fs');
  const path = await import('node:path');
  const root = path.join(__dirname, '..', '..');
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const contributed = (manifest.contributes.commands as { command: string; category: string }[]).map((c) => c.command).sort();
  assert.deepEqual(contributed, Object.values(server.Commands).sort());
  for (const c of manifest.contributes.commands) assert.equal(c.category, 'Azure AI Security');
  const extension = readFileSync(path.join(root, 'client', 'src', 'extension.ts'), 'utf8');
  for (const key of Object.keys(server.Commands)) assert.ok(extension.includes(`registerCommand(Commands.${key}`), `${key} is not registered`);
  for (const key of Object.keys(server.InternalCommands)) assert.ok(extension.includes(`registerCommand(InternalCommands.${key}`), `${key} is not registered`);
});
