/** The server's names (server/src/lsp/protocol.ts), repeated so the client never imports server code. */
export const SOURCE = 'azure-ai-security';
export const FIX_ALL_KIND = 'source.fixAll.azureAiSecurity';

export const Commands = {
  auditWorkspace: 'azureAiSecurity.auditWorkspace',
  showReport: 'azureAiSecurity.showReport',
  exportSarif: 'azureAiSecurity.exportSarif',
  fixAllInFile: 'azureAiSecurity.fixAllInFile',
  showRuleDocumentation: 'azureAiSecurity.showRuleDocumentation',
} as const;

export const InternalCommands = {
  saveFiles: 'azureAiSecurity.saveFilesAfterFix',
} as const;

export const Requests = {
  audit: 'azureAiSecurity/audit',
  exportSarif: 'azureAiSecurity/exportSarif',
  serverInfo: 'azureAiSecurity/serverInfo',
} as const;

export const Notifications = {
  trustGranted: 'azureAiSecurity/trustGranted',
} as const;

export interface AuditResult {
  markdown: string;
  files: number;
  findings: { error: number; warning: number; info: number };
  notices: number;
  cancelled: boolean;
}
