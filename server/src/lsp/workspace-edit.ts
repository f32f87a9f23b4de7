import { CreateFile, TextDocumentEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { fixAllText, mergeEdits, minimalEdit, selectFixAll } from '../engine/fix-all.js';
import { LineIndex } from '../engine/text.js';
import type { Finding, Fix, TextEdit } from '../engine/types.js';
import { takeFix, type EnvTexts } from '../workspace/env-file.js';
import { readFolderFiles } from '../workspace/env-target.js';
import { appendGitignoreLine, type GitIgnores } from '../workspace/git-ignore.js';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fileUri } from './uris.js';

/** Text of a file as the editor has it (an open, unsaved `.env`), else undefined to read from disk. */
export type OpenText = (uri: string) => string | undefined;

export interface BuiltEdit {
  title: string;
  edit: WorkspaceEdit;
}

type FileStep = TextDocumentEdit | CreateFile;

/**
 * The folder's `.env` and `.gitignore` as a fix sees them (the editor's text when open), and the
 * appends the fixes resolved so far make to them. Every face appends, never rewrites.
 */
class FolderEnv {
  private readonly texts: EnvTexts;

  private constructor(
    private readonly envUri: string,
    private readonly gitignoreUri: string,
    private readonly originalEnv: string | undefined,
    private readonly originalGitignore: string | undefined,
  ) {
    this.texts = { envText: originalEnv, gitignoreText: originalGitignore };
  }

  /** Undefined when the folder's `.env` may not be written (see readFolderFiles). */
  static async open(folder: string | undefined, openText: OpenText): Promise<FolderEnv | undefined> {
    if (!folder) return undefined;
    const files = await readFolderFiles(folder);
    if ('refused' in files) return undefined;
    const envUri = fileUri(files.envPath);
    const gitignoreUri = fileUri(files.gitignorePath);
    return new FolderEnv(envUri, gitignoreUri, openText(envUri) ?? files.envText, openText(gitignoreUri) ?? files.gitignoreText);
  }

  /** The fix with its variable renamed if `.env` already holds another value under its name. */
  resolve(fix: Fix): Fix {
    return takeFix(fix, this.texts);
  }

  steps(): FileStep[] {
    return [...appendSteps(this.envUri, this.originalEnv, this.texts.envText), ...appendSteps(this.gitignoreUri, this.originalGitignore, this.texts.gitignoreText)];
  }
}

function appendSteps(uri: string, before: string | undefined, after: string | undefined): FileStep[] {
  if (after === before || after === undefined) return [];
  const end = new LineIndex(before ?? '').positionAt((before ?? '').length);
  const steps: FileStep[] = [];
  if (before === undefined) steps.push(CreateFile.create(uri, { ignoreIfExists: true }));
  steps.push(TextDocumentEdit.create({ uri, version: null }, [{ range: { start: end, end }, newText: after.slice(before?.length ?? 0) }]));
  return steps;
}

/**
 * The workspace edit for one fix: its edits of the document, plus the `.env` append and the
 * `.gitignore` entry when it moves a key out (one edit touching up to three files).
 * Undefined when the fix needs a `.env` that may not be written.
 */
export async function buildWorkspaceEdit(uri: string, version: number, fix: Fix, folder: string | undefined, openText: OpenText): Promise<BuiltEdit | undefined> {
  if (!fix.envVar) return { title: fix.title, edit: { documentChanges: [TextDocumentEdit.create({ uri, version }, fix.edits)] } };
  const env = await FolderEnv.open(folder, openText);
  if (!env) return undefined;
  const resolved = env.resolve(fix);
  return { title: resolved.title, edit: { documentChanges: [TextDocumentEdit.create({ uri, version }, resolved.edits), ...env.steps()] } };
}

/**
 * Fix-all for one document version: the safe fixes applied pass after pass in memory (as the CLI
 * does), sent as one minimal edit of the document plus the `.env`/`.gitignore` appends. Fixes
 * that need a `.env` that may not be written are left out.
 */
export async function buildFixAllEdit(
  uri: string,
  version: number,
  text: string,
  analyse: (text: string) => readonly Finding[],
  folder: string | undefined,
  openText: OpenText,
): Promise<WorkspaceEdit | undefined> {
  const env = await FolderEnv.open(folder, openText);
  const result = fixAllText(text, analyse, { prepare: (fix) => (!fix.envVar ? fix : env?.resolve(fix)) });
  const edit: TextEdit | undefined = minimalEdit(text, result.text);
  if (!edit) return undefined;
  return { documentChanges: [TextDocumentEdit.create({ uri, version }, [edit]), ...(env?.steps() ?? [])] };
}

/** The document a *Add to .gitignore* fix is for, and the checker that finds its repository root. */
export interface GitignoreTarget {
  git: GitIgnores;
  file: string;
}

/**
 * *Add to .gitignore* (`Fix.gitignoreEntry`): the entry appended to the repository root's
 * `.gitignore` (created when missing; the editor's text when it is open), never rewriting a line.
 * Undefined when there is no file on disk, or when the entry would not make git ignore the file (a
 * nested `.gitignore` re-includes it): a fix that leaves the finding is no fix.
 */
export async function buildGitignoreEdit(fix: Fix, target: GitignoreTarget | undefined, openText: OpenText): Promise<BuiltEdit | undefined> {
  const entry = fix.gitignoreEntry;
  if (!target || entry === undefined) return undefined;
  const root = await target.git.repositoryRoot(target.file);
  const gitignorePath = path.join(root, '.gitignore');
  const gitignoreUri = fileUri(gitignorePath);
  let before = openText(gitignoreUri);
  if (before === undefined) {
    try {
      before = await fs.readFile(gitignorePath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return undefined;
    }
  }
  const after = (before ?? '') + appendGitignoreLine(before, entry);
  if (!(await target.git.withText(gitignorePath, after).isIgnored(target.file))) return undefined;
  return { title: fix.title, edit: { documentChanges: appendSteps(gitignoreUri, before, after) } };
}

/**
 * *Fix all <rule> problems in this file*: one pass of fix-all over the findings given (one rule's),
 * sent as the fixes' own edits (never one edit spanning the untouched text between them, which may
 * hold a key) plus the `.env`/`.gitignore` appends. A fix that overlaps one taken is left for the
 * next time the action is offered. Undefined when nothing applies.
 */
export async function buildFixesEdit(uri: string, version: number, findings: readonly Finding[], folder: string | undefined, openText: OpenText): Promise<WorkspaceEdit | undefined> {
  const selected = selectFixAll(findings);
  const env = selected.some((f) => f.envVar) ? await FolderEnv.open(folder, openText) : undefined;
  const chosen = selected.map((fix) => (!fix.envVar ? fix : env?.resolve(fix))).filter((f): f is Fix => f !== undefined);
  if (chosen.length === 0) return undefined;
  return { documentChanges: [TextDocumentEdit.create({ uri, version }, mergeEdits(chosen)), ...(env?.steps() ?? [])] };
}
