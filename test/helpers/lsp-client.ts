import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification,
  ConfigurationRequest,
  RegistrationRequest,
  WorkDoneProgressCreateRequest,
  LogMessageNotification,
  ExitNotification,
  ShutdownRequest,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

export const SERVER = path.join(__dirname, '..', '..', 'dist', 'server.js');

/** A real LSP client talking to `dist/server.js` over stdio. */
export class LspClient {
  readonly connection: ProtocolConnection;
  readonly process: ChildProcess;
  private readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  private readonly waiters: Array<() => void> = [];
  readonly stderr: string[] = [];
  /** What `workspace/configuration` answers for section `azureAiSecurity` (any scope). */
  settings: Record<string, unknown> = {};
  /** Every `window/logMessage` the server sent. */
  readonly logs: string[] = [];

  private constructor() {
    this.process = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr!.on('data', (d) => this.stderr.push(String(d)));
    this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.diagnostics.set(params.uri, params);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.connection.onRequest(ConfigurationRequest.type, (params) => params.items.map((item) => (item.section === 'azureAiSecurity' ? this.settings : null)));
    this.connection.onRequest(RegistrationRequest.type, () => undefined);
    this.connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
    this.connection.onNotification(LogMessageNotification.type, (p) => void this.logs.push(p.message));
    this.connection.listen();
  }

  change(uri: string, version: number, text: string): void {
    void this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** The last diagnostics published for `uri`, if any. */
  lastDiagnostics(uri: string): PublishDiagnosticsParams | undefined {
    return this.diagnostics.get(uri);
  }

  static async start(folder: string, initializationOptions?: unknown): Promise<LspClient> {
    const client = new LspClient();
    const uri = pathToFileURL(folder).toString();
    await client.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: uri,
      workspaceFolders: [{ uri, name: path.basename(folder) }],
      initializationOptions,
      capabilities: {
        workspace: { workspaceEdit: { documentChanges: true, resourceOperations: ['create'] }, configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
        window: { workDoneProgress: true },
        textDocument: { publishDiagnostics: { versionSupport: true } },
      },
    });
    await client.connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  open(file: string, text: string, languageId: string, version = 1): string {
    const uri = pathToFileURL(file).toString();
    void this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
    return uri;
  }

  /** Waits (with a deadline) until diagnostics for `uri` satisfy `accept`. */
  async waitForDiagnostics(uri: string, accept: (p: PublishDiagnosticsParams) => boolean, timeoutMs = 10_000): Promise<PublishDiagnosticsParams> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const current = this.diagnostics.get(uri);
      if (current && accept(current)) return current;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`No matching diagnostics for ${uri} within ${timeoutMs} ms; last: ${JSON.stringify(current)}; stderr: ${this.stderr.join('')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async stop(): Promise<void> {
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // already gone
    }
    this.connection.dispose();
    if (this.process.exitCode === null) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.process.kill();
          resolve();
        }, 3000);
        this.process.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}
