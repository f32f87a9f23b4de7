import ignore from 'ignore';
import type { Fix, TextEdit } from '../engine/types.js';

/**
 * Turns a fix's `envVar` into concrete changes to the workspace folder's `.env` and `.gitignore`,
 * given their current text (undefined when the file does not exist). Pure: the faces read and
 * write the files. The `.env` writer only ever appends: existing lines are never rewritten or
 * reordered, and an existing variable with another value is never overwritten (a distinct name
 * is chosen instead, and the fix's title says so).
 */
export interface EnvFileChange {
  /** Text to append; the file is created when `create` is set. */
  append: string;
  create: boolean;
}

export interface ResolvedFix {
  title: string;
  /** Edits to the analysed document (renamed variable applied). */
  edits: TextEdit[];
  env?: EnvFileChange;
  gitignore?: EnvFileChange;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*/;

/** `NAME=value` or `export NAME=value`, parsed by hand: `.env` text is user input of any shape. */
function parseEnvLine(line: string): [string, string] | undefined {
  let rest = line.trimStart();
  if (rest.startsWith('#')) return undefined;
  if (rest.startsWith('export ') || rest.startsWith('export\t')) rest = rest.slice(7).trimStart();
  const name = ENV_NAME.exec(rest)?.[0];
  if (!name) return undefined;
  rest = rest.slice(name.length).trimStart();
  if (!rest.startsWith('=')) return undefined;
  return [name, unquote(rest.slice(1).trim())];
}

/** A quoted value ends at its closing quote (a comment may follow); a bare one at ` #`. */
function unquote(value: string): string {
  const quote = value[0];
  if (quote === '"' || quote === "'" || quote === '`') {
    let out = '';
    for (let i = 1; i < value.length; i++) {
      const c = value[i]!;
      if (c === quote) return out;
      if (c === '\\' && quote === '"' && i + 1 < value.length) out += value[++i];
      else out += c;
    }
    return value; // unterminated: keep as written
  }
  const comment = value.search(/\s#/);
  return (comment >= 0 ? value.slice(0, comment) : value).trimEnd();
}

/** Variables defined in a `.env` text, with their unquoted values (the first definition wins). */
export function parseEnvFile(text: string): Map<string, string> {
  const vars = new Map<string, string>();
  for (const line of text.split(/\r\n|\r|\n/)) {
    const parsed = parseEnvLine(line);
    if (parsed && !vars.has(parsed[0])) vars.set(parsed[0], parsed[1]);
  }
  return vars;
}

/** `NAME=value`, quoted only when the value needs it. */
function envAssignment(name: string, value: string): string {
  return /^[A-Za-z0-9_+/=.:@-]*$/.test(value) ? `${name}=${value}` : `${name}="${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function newlineOf(text: string): string {
  return /\r\n/.test(text) ? '\r\n' : '\n';
}

/** Appending `line` to `text` (which may lack a final newline), or creating the file. */
function appendLine(text: string | undefined, line: string): EnvFileChange {
  if (text === undefined) return { create: true, append: `${line}\n` };
  const nl = newlineOf(text);
  const lead = text.length === 0 || /[\r\n]$/.test(text) ? '' : nl;
  return { create: false, append: `${lead}${line}${nl}` };
}

export function isGitIgnored(gitignoreText: string | undefined, path: string): boolean {
  return gitignoreText !== undefined && ignore().add(gitignoreText).ignores(path);
}

/**
 * Resolves a fix against the folder's files as they are now. A batch (fix-all) resolves its fixes
 * one after another against the texts with the earlier appends applied (`applyFileChange`), so
 * the batch yields one consistent `.env`.
 */
export function resolveFix(fix: Fix, envText: string | undefined, gitignoreText: string | undefined): ResolvedFix {
  if (!fix.envVar) return { title: fix.title, edits: fix.edits };
  const existing = parseEnvFile(envText ?? '');
  const wanted = fix.envVar.name;
  const value = fix.envVar.value;
  let name = wanted;
  for (let n = 2; existing.has(name) && existing.get(name) !== value; n++) name = `${wanted}_${n}`;
  const alreadyThere = existing.get(name) === value;
  const renamed = name !== wanted;
  const pattern = new RegExp(`\\b${wanted}\\b`, 'g');
  const edits = renamed ? fix.edits.map((e) => ({ ...e, newText: e.newText.replace(pattern, name) })) : fix.edits;
  const title = renamed ? `${fix.title.replace(pattern, name)} (${wanted} in .env already holds another value)` : fix.title;
  return {
    title,
    edits,
    env: alreadyThere ? undefined : appendLine(envText, envAssignment(name, value)),
    gitignore: isGitIgnored(gitignoreText, '.env') ? undefined : appendLine(gitignoreText, '.env'),
  };
}

/** A folder's `.env` and `.gitignore` as a batch of fixes has left them so far. */
export interface EnvTexts {
  envText: string | undefined;
  gitignoreText: string | undefined;
}

/**
 * Resolves `fix` against `texts` and applies its `.env`/`.gitignore` appends to them: the fix as it
 * is to be applied (its variable renamed if `.env` already holds another value under its name).
 */
export function takeFix(fix: Fix, texts: EnvTexts): Fix {
  const resolved = resolveFix(fix, texts.envText, texts.gitignoreText);
  texts.envText = applyFileChange(texts.envText, resolved.env);
  texts.gitignoreText = applyFileChange(texts.gitignoreText, resolved.gitignore);
  return { ...fix, title: resolved.title, edits: resolved.edits };
}

/** The file's text after a change (undefined change: unchanged). */
export function applyFileChange(text: string | undefined, change: EnvFileChange | undefined): string | undefined {
  if (!change) return text;
  return (text ?? '') + change.append;
}
