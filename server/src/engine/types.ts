/**
 * Plain data shared by the engine and its three faces. Positions are 0-based lines and UTF-16
 * character offsets, exactly as in LSP, so the server passes them through untouched.
 */

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'info';
export type Level = Severity | 'off';

/** The security features of Microsoft's "Security for Azure AI services" guidance. */
export type Feature = 'tls' | 'authentication' | 'key-rotation' | 'environment-variables' | 'cmk' | 'virtual-networks' | 'dlp' | 'customer-lockbox' | 'byos';

/**
 * The language a document is analysed as. `dotenv` and `json` are the config and secret files
 * (`.env`, `.env.*`, `local.settings.json`, `appsettings*.json`; see `language.ts`);
 * `armparams` an ARM parameter file of a Bicep template (azd's `main.parameters.json`).
 */
export type Language = 'typescript' | 'bicep' | 'bicepparam' | 'dotenv' | 'json' | 'armparams';

export interface TextEdit {
  range: Range;
  newText: string;
}

/**
 * A fix. `edits` apply to the analysed document. A fix that moves a secret out of the code also
 * carries `envVar`: the faces turn it into an append to the workspace folder's `.env` and a
 * `.gitignore` entry (see `workspace/env-file.ts`), because only they can read those files.
 */
export interface Fix {
  title: string;
  /** Safe: keeps behaviour, so fix-all and `--fix` may apply it. Suggestions are not preferred. */
  preferred: boolean;
  edits: TextEdit[];
  envVar?: EnvVarWrite;
  /**
   * A line to append to the repository root's `.gitignore` (*Add to .gitignore*). Like `envVar`, the
   * faces turn it into an edit of that file, which only they can find and read; `edits` is then empty.
   */
  gitignoreEntry?: string;
}

export interface EnvVarWrite {
  name: string;
  /** The secret. Only ever written to `.env`; never printed. */
  value: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  range: Range;
  /** Already redacted: a secret never shows more than its first 4 characters. */
  message: string;
  fixes: Fix[];
}

export interface SyntaxError {
  range: Range;
  message: string;
}

export interface SourceDocument {
  uri: string;
  /** VS Code language id (`typescript`, `javascriptreact`, `bicep`, …) or a file extension. */
  languageId: string;
  text: string;
}
