import { resolveLocalTarget as localTarget } from '../engine/bicep/azure/cross-file.js';
import type { FileSummary, ModuleCallSummary, WorkspaceView } from '../engine/summary.js';
import * as path from 'node:path';
import yaml from 'js-yaml';
import { isInside } from './config-resolver.js';
import { readTextSync } from './read-source.js';
import { sameMeaning } from '../engine/bicep/same-meaning.js';

interface Edge {
  file: string;
  call: ModuleCallSummary;
}

/**
 * The workspace model: one summary per file of the workspace (what cross-file analysis needs of
 * it), with the module graph's reverse edges. Built from the per-file analyses of an audit and
 * kept current one file at a time (an edit, a file-system change): `set` and `delete` touch that
 * file's entry and its edges only. The engine reads it through `WorkspaceView`.
 */
export class WorkspaceModel implements WorkspaceView {
  private readonly summaries = new Map<string, FileSummary>();
  /** Module target → the calls that resolve to it. */
  private readonly callers = new Map<string, Edge[]>();
  /** Template → the `.bicepparam` files whose `using` names it. */
  private readonly parameterFiles = new Map<string, string[]>();
  private sorted: string[] | undefined;
  /** Bicep texts read for `textOf`, until the file changes. */
  private readonly texts = new Map<string, string>();
  /** Bumped whenever a Bicep template or parameter file changes: analyses across files are stale then. */
  private bicepChanges = 0;
  /** Bumped when the Azure AI clients a code file constructs change (links between code and infrastructure). */
  private codeChanges = 0;
  /** Code files that construct Azure AI clients. */
  private readonly withClients = new Set<string>();

  /**
   * Where `textOf` reads a file the model has no text for: the editor's open text, else the disk
   * (a file too big or unreadable has none).
   */
  readText: (file: string) => string | undefined = (file) => readTextSync(file);

  /** Sets (or replaces) a file's summary; undefined removes the file. Returns whether anything changed. */
  set(file: string, summary: FileSummary | undefined, text?: string): boolean {
    const before = this.summaries.get(file);
    if (summary === undefined) return this.delete(file);
    if (summary.language !== 'typescript') {
      const textBefore = this.texts.get(file);
      if (text !== undefined) this.texts.set(file, text);
      else this.texts.delete(file);
      if (textBefore !== text || text === undefined) this.bicepChanges++;
    }
    if (before && samePlainData(before, summary)) return false;
    if (summary.language === 'typescript' && (summary.clients.length > 0 || (before?.language === 'typescript' && before.clients.length > 0))) this.codeChanges++;
    if (summary.language === 'typescript' && summary.clients.length > 0) this.withClients.add(file);
    else this.withClients.delete(file);
    this.unlink(file, before);
    this.summaries.set(file, summary);
    if (!before) this.sorted = undefined;
    if (summary.language === 'bicep') {
      for (const call of summary.modules) {
        const target = localTarget(file, call.target);
        if (target) push(this.callers, target, { file, call });
      }
    } else if (summary.language === 'bicepparam') {
      const target = localTarget(file, summary.using);
      if (target) push(this.parameterFiles, target, file);
    }
    return true;
  }

  /**
   * An edit that means nothing to any other file: `text` differs from the Bicep text the model has
   * for `file` only by blanks at the end of one line (`sameMeaning`). The model keeps the new text
   * and everything else — summary, module graph, generation — so no other file is judged again and
   * no analysis across files goes stale. Returns false (and changes nothing) for any other edit:
   * the caller then sets the file's summary as usual.
   */
  keepsMeaning(file: string, text: string): boolean {
    const summary = this.summaries.get(file);
    const before = this.texts.get(file);
    if (summary === undefined || summary.language === 'typescript' || before === undefined || !sameMeaning(before, text)) return false;
    this.texts.set(file, text);
    return true;
  }

  delete(file: string): boolean {
    const before = this.summaries.get(file);
    if (!before) return false;
    if (before.language !== 'typescript') this.bicepChanges++;
    else if (before.clients.length > 0) this.codeChanges++;
    this.withClients.delete(file);
    this.texts.delete(file);
    this.unlink(file, before);
    this.summaries.delete(file);
    this.sorted = undefined;
    return true;
  }

  summaryOf(file: string): FileSummary | undefined {
    return this.summaries.get(file);
  }

  callersOf(file: string): readonly Edge[] {
    return this.callers.get(file) ?? [];
  }

  parameterFilesOf(file: string): readonly string[] {
    return this.parameterFiles.get(file) ?? [];
  }

  hasCodeClients(): boolean {
    return this.withClients.size > 0;
  }

  textOf(file: string): string | undefined {
    const summary = this.summaries.get(file);
    if (summary && summary.language !== 'bicep') return undefined;
    let text = this.texts.get(file);
    if (text === undefined) {
      text = this.readText(file);
      if (text !== undefined && summary) this.texts.set(file, text);
    }
    return text;
  }

  /** Changes with every change of a Bicep file or of a code file's clients: a cache of analyses across files keys on it. */
  get generation(): number {
    return this.bicepChanges + this.codeChanges;
  }

  get bicepGeneration(): number {
    return this.bicepChanges;
  }

  get codeGeneration(): number {
    return this.codeChanges;
  }

  /** azd's service mapping: the `azure.yaml` nearest above a file, and the service whose `project` folder holds it. */
  azdServiceOf(file: string): string | undefined {
    let best: { name: string; length: number } | undefined;
    for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
      const services = this.azdServicesIn(dir);
      if (services) {
        for (const service of services) {
          if (isInside(file, service.project) && (!best || service.project.length > best.length)) best = { name: service.name, length: service.project.length };
        }
        return best?.name;
      }
      if (path.dirname(dir) === dir) return undefined;
    }
  }

  private readonly azureYaml = new Map<string, Array<{ name: string; project: string }> | undefined>();

  /** The services of `<dir>/azure.yaml`, or undefined when there is none (or it does not parse). */
  private azdServicesIn(dir: string): Array<{ name: string; project: string }> | undefined {
    if (this.azureYaml.has(dir)) return this.azureYaml.get(dir);
    let services: Array<{ name: string; project: string }> | undefined;
    const text = this.readText(path.join(dir, 'azure.yaml'));
    if (text !== undefined) {
      try {
        const parsed = yaml.load(text) as { services?: Record<string, { project?: unknown }> } | undefined;
        services = Object.entries(parsed?.services ?? {}).flatMap(([name, s]) => (typeof s?.project === 'string' ? [{ name, project: path.resolve(dir, s.project) }] : []));
      } catch {
        services = [];
      }
    }
    this.azureYaml.set(dir, services);
    return services;
  }

  /** Forgets what was read of `azure.yaml` files (one changed on disk). */
  forgetAzureYaml(): void {
    this.azureYaml.clear();
    this.bicepChanges++;
  }

  files(): readonly string[] {
    this.sorted ??= [...this.summaries.keys()].sort();
    return this.sorted;
  }

  /** The local files a Bicep file's module calls (and a `.bicepparam` file's `using`) resolve to. */
  targetsOf(file: string): string[] {
    const summary = this.summaries.get(file);
    if (summary?.language === 'bicep') return summary.modules.flatMap((m) => localTarget(file, m.target) ?? []);
    if (summary?.language === 'bicepparam') return [localTarget(file, summary.using)].filter((t): t is string => t !== undefined);
    return [];
  }

  private unlink(file: string, summary: FileSummary | undefined): void {
    for (const target of summary ? this.targetsOf(file) : []) {
      remove(this.callers, target, (edge) => edge.file === file);
      remove(this.parameterFiles, target, (f) => f === file);
    }
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function remove<T>(map: Map<string, T[]>, key: string, match: (value: T) => boolean): void {
  const list = map.get(key);
  if (!list) return;
  const kept = list.filter((v) => !match(v));
  if (kept.length > 0) map.set(key, kept);
  else map.delete(key);
}

/** Deep equality of plain data (what summaries are: objects, arrays, strings, numbers, booleans, null). */
export function samePlainData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!samePlainData(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  // Like JSON: a property set to undefined is a property left out.
  let count = 0;
  for (const key in x) {
    if (x[key] === undefined) continue;
    count++;
    if (!samePlainData(x[key], y[key])) return false;
  }
  for (const key in y) if (y[key] !== undefined) count--;
  return count === 0;
}
