import type * as ts from 'typescript';
import type { BicepFile } from './bicep/index.js';
import type { Decision } from './bicep/bindings.js';
import type { WorkspaceContext } from './git-view.js';
import type { Prefilter } from './prefilter.js';
import type { LineIndex } from './text.js';
import type { Feature, Fix, Language, Range, Severity } from './types.js';

/** What a rule reports; the engine adds the rule id, the configured severity and redaction checks. */
export interface Report {
  range: Range;
  message: string;
  /**
   * The fixes, or a function that builds them: it runs when someone asks (a code action, a hover,
   * fix-all, a report), so an edit in a file with hundreds of findings does not build hundreds of
   * edits nobody looks at. It must not keep state across calls; it runs at most once.
   */
  fixes?: Fix[] | (() => Fix[]);
  /**
   * Bicep: set when the reported value is decided by a module's caller or a parameter file
   * (`PropertyRead.decision`): the finding then lands where that decision is written.
   */
  decision?: Decision;
}

export interface TextContext {
  uri: string;
  text: string;
  lines: LineIndex;
  report(report: Report): void;
  /**
   * The rest of the workspace, when the face has one (`file` is this file's path as the view names
   * it; for a module analysed at a call, the module's): rules that judge code and infrastructure
   * together read it (`links.ts`). Absent: the file is judged alone.
   */
  workspace?: WorkspaceContext;
}

export interface TypeScriptContext extends TextContext {
  ts: typeof ts;
  sourceFile: ts.SourceFile;
  /** True for `.js`/`.jsx`/`.mjs`/`.cjs`: fixes must not use TypeScript-only syntax. */
  isJavaScript: boolean;
}

export interface BicepContext extends TextContext {
  file: BicepFile;
  language: 'bicep' | 'bicepparam';
}

/** A config or secret file (`.env`, `local.settings.json`, `appsettings*.json`; see `language.ts`). */
export interface ConfigFileContext extends TextContext {
  language: 'dotenv' | 'json';
  /**
   * False when the face knows git does not ignore the file; undefined when it cannot tell (an
   * unsaved document, a caller without a workspace). An ignored file is never analysed.
   */
  gitIgnored: false | undefined;
}

export interface RuleDocs {
  /** One line: what the rule flags. */
  summary: string;
  /** Why it matters, in the seed guidance's terms. */
  why: string;
  /** How the fix makes it right. */
  fix: string;
}

/** How sure a finding of the rule is (SARIF `precision`, GitHub code scanning's ranking). */
export type Precision = 'very-high' | 'high' | 'medium' | 'low';

/**
 * What GitHub code scanning reads beside the level. Both are optional: `report/code-scanning.ts`
 * derives them from the default severity and languages, and a rule sets them only to say better.
 */
export interface CodeScanningMetadata {
  /** GitHub's 0–10 `security-severity`, inside the band of the rule's default severity. */
  securitySeverity?: number;
  precision?: Precision;
}

export interface Rule {
  id: string;
  feature: Feature;
  languages: readonly Language[];
  severity: Severity;
  docs: RuleDocs;
  codeScanning?: CodeScanningMetadata;
  /**
   * Text a TypeScript/JavaScript file must contain for this rule to find anything: a RegExp, or a
   * function of the text (`prefilter.ts` has linear helpers). Files that pass no active rule's
   * prefilter are never parsed (parsing is most of the cost of a scan). It must hold for every file
   * the rule reports on.
   */
  typescriptPrefilter?: Prefilter;
  typescript?(ctx: TypeScriptContext): void;
  /**
   * Runs instead of `typescript` when the file cannot be parsed at all (nesting so deep the
   * compiler would overflow its stack): text-only checks such as certain key formats.
   */
  unparsed?(ctx: TextContext): void;
  /**
   * As `typescriptPrefilter`, for Bicep and `.bicepparam` files: a rule whose prefilter fails does not
   * run. The file is still parsed (its syntax errors and AI resources are reported regardless).
   */
  bicepPrefilter?: Prefilter;
  bicep?(ctx: BicepContext): void;
  /** Config and secret files: text, without a parse tree (their settings are in `config-files/`). */
  configFile?(ctx: ConfigFileContext): void;
}
