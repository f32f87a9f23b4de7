/**
 * Names shared by the server and the client: the one server module the client imports. It holds
 * only constants and types, so the client bundle stays free of the engine.
 */
export const SOURCE = 'azure-ai-security';
export const FIX_ALL_KIND = 'source.fixAll.azureAiSecurity';

export const Commands = {
  auditWorkspace: 'azureAiSecurity.auditWorkspace',
  showReport: 'azureAiSecurity.showReport',
  exportSarif: 'azureAiSecurity.exportSarif',
  fixAllInFile: 'azureAiSecurity.fixAllInFile',
  showRuleDocumentation: 'azureAiSecurity.showRuleDocumentation',
} as const;

/** Commands the server attaches to code actions; registered by the client, not in the palette. */
export const InternalCommands = {
  /** Saves the `.env` / `.gitignore` a fix edited, so the moved key is on disk at once. */
  saveFiles: 'azureAiSecurity.saveFilesAfterFix',
} as const;

export const Requests = {
  /** Audits every workspace folder; supports work-done progress and cancellation. */
  audit: 'azureAiSecurity/audit',
  /** SARIF 2.1.0 of the last audit (running one first if there is none). */
  exportSarif: 'azureAiSecurity/exportSarif',
  /** `{ pid, version }`: lets tests (and bug reports) identify the running server. */
  serverInfo: 'azureAiSecurity/serverInfo',
} as const;

export const Notifications = {
  /** The user trusted the workspace: workspace settings and the config file now apply. */
  trustGranted: 'azureAiSecurity/trustGranted',
} as const;

export interface InitializationOptions {
  /** `vscode.workspace.isTrusted` at start. */
  trusted?: boolean;
  /** Milliseconds between the last edit and the analysis (default 120); `npm run bench:lsp` sets 0. */
  debounceMs?: number;
  /**
   * A folder private to the user (the extension's global storage) for V8's code cache of the
   * TypeScript compiler: later server starts skip compiling it. None: no cache.
   */
  compileCacheFolder?: string;
}

/** The answer to the audit request: the report and its counts (the audit itself stays in the server). */
export interface AuditSummary {
  /** The report, as Markdown with links to file locations. */
  markdown: string;
  files: number;
  findings: { error: number; warning: number; info: number };
  notices: number;
  cancelled: boolean;
}

/** Attached to each diagnostic so a code action request can find its finding again. */
export interface DiagnosticData {
  /** Document version the finding was computed for. */
  version: number;
  /** Index of the finding in that version's analysis. */
  index: number;
}
