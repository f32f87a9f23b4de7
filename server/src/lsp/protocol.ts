/** Names shared by the server and the client: diagnostic source, commands, custom requests. */
export const SOURCE = 'azure-ai-security';

export const Commands = {
  showRuleDocumentation: 'azureAiSecurity.showRuleDocumentation',
} as const;

/** Attached to each diagnostic so a code action request can find its finding again. */
export interface DiagnosticData {
  /** Document version the finding was computed for. */
  version: number;
  /** Index of the finding in that version's analysis. */
  index: number;
}
