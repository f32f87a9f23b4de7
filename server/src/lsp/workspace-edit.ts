import { fileUri } from './uris.js';
import * as path from 'node:path';
import { CreateFile, TextDocumentEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { LineIndex } from '../engine/text.js';
import { fixAllText, minimalEdit } from '../engine/fix-all.js';
import type { Finding, Fix, TextEdit } from '../engine/types.js';
import { readFolderFiles } from '../workspace/env-target.js';
import { applyFileChange, resolveFix, type EnvFileChange } from '../workspace/env-file.js';

/** Text of a file as the editor has it (an open, unsaved `.env`), else undefined to read from disk. */
export type OpenText = (uri: string) => string | undefined;

export interface BuiltEdit {
  title: string;
  edit: WorkspaceEdit;
}

function appendEdit(uri: string, text: string | undefined, change: EnvFileChange): (TextDocumentEdit | CreateFile)[] {
  const end = new LineIndex(text ?? '').positionAt((text ?? '').length);
  const insert: TextEdit = { range: { start: end, end }, newText: change.append };
  const steps: (TextDocumentEdit | CreateFile)[] = [];
  if (change.create) steps.push(CreateFile.create(uri, { ignoreIfExists: true }));
  steps.push(TextDocumentEdit.create({ uri, version: null }, [insert]));
  return steps;
}

/**
 * The workspace edit for fixes of one document: its text edits, plus the `.env` append and
 * `.gitignore` entry when a fix moves a key out (one edit touching up to three files).
 * Several fixes (fix-all) are resolved one after another so `.env` stays consistent.
 * Returns undefined when the folder's `.env` may not be written (a link leading outside).
 */
export async function buildWorkspaceEdit(
  uri: string,
  version: number,
  fixes: readonly Fix[],
  folder: string,
  openText: OpenText,
): Promise<BuiltEdit | undefined> {
  const edits: TextEdit[] = [];
  const extra: (TextDocumentEdit | CreateFile)[] = [];
  let title = fixes[0]?.title ?? '';
  if (fixes.some((f) => f.envVar)) {
    const files = await readFolderFiles(folder);
    if ('refused' in files) return undefined;
    const envUri = fileUri(files.envPath);
    const gitignoreUri = fileUri(files.gitignorePath);
    let envText = openText(envUri) ?? files.envText;
    let gitignoreText = openText(gitignoreUri) ?? files.gitignoreText;
    let envChange: EnvFileChange | undefined;
    let gitignoreChange: EnvFileChange | undefined;
    const originalEnv = envText;
    const originalGitignore = gitignoreText;
    for (const fix of fixes) {
      const resolved = resolveFix(fix, envText, gitignoreText);
      if (fixes.length === 1) title = resolved.title;
      for (const e of resolved.edits) if (!edits.some((t) => sameEdit(t, e))) edits.push(e);
      envText = applyFileChange(envText, resolved.env);
      gitignoreText = applyFileChange(gitignoreText, resolved.gitignore);
    }
    if (envText !== originalEnv) envChange = { create: originalEnv === undefined, append: envText!.slice(originalEnv?.length ?? 0) };
    if (gitignoreText !== originalGitignore) gitignoreChange = { create: originalGitignore === undefined, append: gitignoreText!.slice(originalGitignore?.length ?? 0) };
    if (envChange) extra.push(...appendEdit(envUri, originalEnv, envChange));
    if (gitignoreChange) extra.push(...appendEdit(gitignoreUri, originalGitignore, gitignoreChange));
  } else {
    for (const fix of fixes) for (const e of fix.edits) if (!edits.some((t) => sameEdit(t, e))) edits.push(e);
  }
  return { title, edit: { documentChanges: [TextDocumentEdit.create({ uri, version }, edits), ...extra] } };
}

/**
 * Fix-all for one document version: the safe fixes applied pass after pass in memory (as the CLI
 * does), sent as one minimal edit of the document plus the `.env`/`.gitignore` appends.
 */
export async function buildFixAllEdit(
  uri: string,
  version: number,
  text: string,
  analyse: (text: string) => readonly Finding[],
  folder: string | undefined,
  openText: OpenText,
): Promise<WorkspaceEdit | undefined> {
  const files = folder ? await readFolderFiles(folder) : { refused: 'the file is in no workspace folder' };
  const envUri = 'refused' in files ? undefined : fileUri(files.envPath);
  const gitignoreUri = 'refused' in files ? undefined : fileUri(files.gitignorePath);
  const originalEnv = 'refused' in files ? undefined : (openText(envUri!) ?? files.envText);
  const originalGitignore = 'refused' in files ? undefined : (openText(gitignoreUri!) ?? files.gitignoreText);
  let envText = originalEnv;
  let gitignoreText = originalGitignore;
  const result = fixAllText(text, analyse, {
    prepare: (fix) => {
      if (!fix.envVar) return fix;
      if ('refused' in files) return undefined;
      const resolved = resolveFix(fix, envText, gitignoreText);
      envText = applyFileChange(envText, resolved.env);
      gitignoreText = applyFileChange(gitignoreText, resolved.gitignore);
      return { ...fix, title: resolved.title, edits: resolved.edits };
    },
  });
  const edit = minimalEdit(text, result.text);
  if (!edit) return undefined;
  const changes: (TextDocumentEdit | CreateFile)[] = [TextDocumentEdit.create({ uri, version }, [edit])];
  if (envUri && envText !== originalEnv) changes.push(...appendEdit(envUri, originalEnv, { create: originalEnv === undefined, append: envText!.slice(originalEnv?.length ?? 0) }));
  if (gitignoreUri && gitignoreText !== originalGitignore) {
    changes.push(...appendEdit(gitignoreUri, originalGitignore, { create: originalGitignore === undefined, append: gitignoreText!.slice(originalGitignore?.length ?? 0) }));
  }
  return { documentChanges: changes };
}

function sameEdit(a: TextEdit, b: TextEdit): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The workspace folder holding a file (the innermost), or undefined when it is in none. */
export function folderOfDocument(filePath: string, folders: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const folder of folders) {
    const rel = path.relative(folder, filePath);
    if (!rel.startsWith('..') && !path.isAbsolute(rel) && (!best || folder.length > best.length)) best = folder;
  }
  return best;
}
