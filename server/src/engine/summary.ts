/**
 * What cross-file analysis needs to know of one file, as plain data (it crosses worker threads and
 * is kept by the workspace model long after the file's syntax tree is gone). Built from the
 * per-file analysis (`AnalysisResult.summary`); the workspace model (`workspace/model.ts`) holds
 * one per file and the engine reads it through `WorkspaceView`.
 *
 * Values may be keys: a summary is never printed, logged or put in a report.
 */
import type { BicepValue } from './bicep/index.js';
import type { Range } from './types.js';

/** A value as far as the file alone decides it. */
export type ValueSummary =
  /** Known from the file alone (a literal, or a var / param default folding to one). */
  | { kind: 'known'; value: BicepValue; range: Range }
  /** A param of this file: its callers (or parameter files) decide; `fallback` is its default when known. */
  | { kind: 'param'; name: string; fallback?: BicepValue; range: Range }
  /** TS/JS: read from an environment variable (`process.env.NAME`). */
  | { kind: 'env'; name: string; range: Range }
  /** Anything else: a function result, a resource property, a runtime value. */
  | { kind: 'unknown'; range: Range };

export interface BicepParamSummary {
  name: string;
  /** The declared type's text (`string`, `'Enabled' | 'Disabled'`, `object?`). */
  type?: string;
  nullable: boolean;
  secure: boolean;
  default?: ValueSummary;
  range: Range;
}

export interface BicepOutputSummary {
  name: string;
  secure: boolean;
  value: ValueSummary;
  range: Range;
}

export interface ModuleCallSummary {
  symbolicName: string;
  /** The target as written: `'./core/ai/cognitiveservices.bicep'`, `'br/public:avm/res/…:0.14.2'`. */
  target?: string;
  conditional: boolean;
  loop: boolean;
  /** The values passed in `params: {…}`, by param name. */
  params: Array<{ name: string; value: ValueSummary }>;
  /** The module's symbolic name: where a finding about what the call leaves out lands. */
  range: Range;
}

export interface BicepSummary {
  language: 'bicep';
  params: BicepParamSummary[];
  outputs: BicepOutputSummary[];
  modules: ModuleCallSummary[];
  /**
   * A template without module calls that declares an AI account or AI Search service: what the links of code to
   * infrastructure need of it when it is a root (engine/links.ts `standaloneLinks`), so the index does not parse it again.
   */
  links?: StandaloneLinks;
}

/** A linked resource of `StandaloneLinks`: every path in it is the template's own, so none is kept. */
export interface StandaloneResource {
  symbolicName: string;
  service: 'account' | 'search';
  range: Range;
  host?: string;
  disableLocalAuth?: boolean;
  /** The line where `disableLocalAuth` is written. */
  localAuthLine?: number;
}

/** The resources a template with no module call deploys, and the environment variables set from their endpoints. */
export interface StandaloneLinks {
  resources: StandaloneResource[];
  /** `resource`: an index into `resources`. */
  exports: Array<{ name: string; resource: number; kind: 'output' | 'setting'; line: number; service?: string }>;
}

/** A `.bicepparam` file: the template it is for and the values it assigns. */
export interface BicepParamsFileSummary {
  language: 'bicepparam';
  using?: string;
  params: Array<{ name: string; value: ValueSummary }>;
}

/** How a client in code authenticates. */
export type CredentialSummary =
  /** With a key: its value (a literal, an env read, …) when it can be seen. */
  | { kind: 'key'; key?: ValueSummary }
  /** With Microsoft Entra ID (a `TokenCredential`, a token provider). */
  | { kind: 'entra' }
  | { kind: 'unknown' };

/** An Azure AI client constructed in code. */
export interface ClientSiteSummary {
  /** The class or factory as called (`AzureOpenAI`, `SearchClient`, `DocumentIntelligence`). */
  client: string;
  service: string;
  endpoint?: ValueSummary;
  credential: CredentialSummary;
  /** The call or `new` expression. */
  range: Range;
}

export interface ScriptSummary {
  language: 'typescript';
  clients: ClientSiteSummary[];
}

export type FileSummary = BicepSummary | BicepParamsFileSummary | ScriptSummary;

/**
 * The read-only view of the workspace model that cross-file analysis gets: the engine never reads
 * files, it is handed this (implemented by `workspace/model.ts`). Paths are absolute.
 */
export interface WorkspaceView {
  /** The summary of a file of the workspace, if it is known. */
  summaryOf(file: string): FileSummary | undefined;
  /** The Bicep files whose module calls resolve to `file`, with the calls. */
  callersOf(file: string): ReadonlyArray<{ file: string; call: ModuleCallSummary }>;
  /** The `.bicepparam` files whose `using` resolves to `file`. */
  parameterFilesOf(file: string): readonly string[];
  /** Every file the model knows, in a stable order. */
  files(): readonly string[];
  /**
   * The text of a Bicep template of the workspace (a module target), open or on disk; undefined
   * when there is no such file. The engine parses it to analyse the module at each call.
   */
  textOf(file: string): string | undefined;
  /** Changes whenever a Bicep template or parameter file changes (what is derived from the Bicep alone keys on it). */
  readonly bicepGeneration: number;
  /** Changes whenever the Azure AI clients of a code file change (links of code key on it with `bicepGeneration`); undefined: not tracked. */
  readonly codeGeneration?: number;
  /**
   * The azd service (`azure.yaml` `services.<name>.project`) whose folder holds a code file, when
   * an `azure.yaml` names one: links code to the resource tagged with that `azd-service-name`.
   */
  azdServiceOf?(file: string): string | undefined;
  /** Whether any code file constructs an Azure AI client (nothing to link otherwise); true when not known. */
  hasCodeClients?(): boolean;
}
